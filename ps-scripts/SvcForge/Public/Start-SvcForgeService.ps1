function Start-SvcForgeService {
    <#
    .SYNOPSIS
    Starts a service and waits until it runs; unchanged when it already runs, unless this
    run changed something it reads at start.

    .DESCRIPTION
    Test-then-set step. Reads the state from Win32_Service; when not running, starts
    it with 'sc.exe start' and polls until it is Running, failing when it stops
    instead (the error carries its exit codes) or when TimeoutSeconds pass (the error
    says which state it is in).

    With -RestartIfChanged $true, a running service is restarted when steps of this
    install run recorded restart reasons for it (service-config, sid-type, host-conf,
    host-exe, nssm, secrets; see Reset-SvcForgeRestartReason) or RestartPendingFile holds
    reasons an earlier run deferred: it is stopped gracefully (the stop control;
    svcforge-host.exe sends the program Ctrl+C and waits stop.timeout) and started again,
    and the record says why: 'restarted gin-hello: host-conf, secrets changed'. When the
    run defers restarts (Reset-SvcForgeRestartReason -Defer), the service keeps running,
    the reasons are written to RestartPendingFile as
    {"reasons":["host-conf"],"since":"<UTC time>"} and the record is skipped:
    'restart pending: host-conf changed (run svcforge restart)'. Starting or restarting
    the service removes RestartPendingFile. With ReleasePointer (a spec with releases), a
    service that is not running is left alone while no release was deployed (the
    pointer file is missing): the record is skipped, 'no release deployed yet'. Returns
    one step record.

    .PARAMETER Name
    The service name.

    .PARAMETER TimeoutSeconds
    How long to wait for the Running state. Default 60.

    .PARAMETER RestartIfChanged
    $true to restart a running service for the restart reasons of this run and of
    RestartPendingFile (install runs); $false (default) leaves a running service alone.

    .PARAMETER RestartPendingFile
    The marker of a deferred restart, for example
    C:\ProgramData\svcforge\gin-hello\gin-hello.restart-pending.json: written when a
    restart is deferred, read as further reasons, removed when the service starts.

    .PARAMETER ReleasePointer
    The release pointer svcforge deploy writes, for example
    C:\ProgramData\svcforge\gin-hello\release.conf; while it is missing the service is not started.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Start-SvcForgeService -Name 'gin-hello' -TimeoutSeconds 60 -Step 'start'

    .EXAMPLE
    Start-SvcForgeService -Name 'gin-hello' -TimeoutSeconds 60 -RestartIfChanged $true -RestartPendingFile 'C:\ProgramData\svcforge\gin-hello\gin-hello.restart-pending.json' -Step 'start:gin-hello'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter()]
        [ValidateRange(1, 3600)]
        [int]$TimeoutSeconds = 60,

        [Parameter()]
        [bool]$RestartIfChanged = $false,

        [Parameter()]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$RestartPendingFile,

        [Parameter()]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$ReleasePointer,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'start'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $current = Get-SvcForgeServiceState -Name $Name
    if ($null -eq $current) {
        if ($WhatIfPreference) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would start service $Name (it does not exist yet)" -Changes @('started')
        }
        throw (New-SvcForgeErrorRecord -Message "cannot start service '$Name': it does not exist; install it first" -Step $Step -ErrorId 'SvcForge.ServiceMissing' -Category ObjectNotFound)
    }
    $pending = $null
    if ($RestartPendingFile) {
        $pending = Read-SvcForgeRestartPending -Path $RestartPendingFile
    }
    if ($current.State -eq 'Running') {
        $reasons = @()
        if ($RestartIfChanged) {
            $reasons = @(@(Get-SvcForgeRestartReason -Name $Name) + @(if ($null -ne $pending) { $pending.Reasons }) | Sort-Object -Unique)
        }
        if ($reasons.Count -eq 0) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name is already running (PID $($current.ProcessId))"
        }
        $why = "$($reasons -join ', ') changed"
        if ((Get-SvcForgeRestartState).Defer) {
            if (-not $RestartPendingFile) {
                return New-SvcForgeStepRecord -Step $Step -Status 'skipped' -Detail "restart pending: $why (run svcforge restart)"
            }
            if (-not $PSCmdlet.ShouldProcess($RestartPendingFile, "Record a pending restart of service '$Name' ($why)")) {
                return New-SvcForgeStepRecord -Step $Step -Status 'skipped' -Detail "restart pending: $why (would record it in $RestartPendingFile)"
            }
            $since = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
            if ($null -ne $pending -and $pending.Since) {
                $since = $pending.Since
            }
            Write-SvcForgeRestartPending -Path $RestartPendingFile -Reason $reasons -Since $since -Step $Step
            return New-SvcForgeStepRecord -Step $Step -Status 'skipped' -Detail "restart pending: $why (run svcforge restart)" -Changes @("restart pending: $($reasons -join ', ')")
        }
        if (-not $PSCmdlet.ShouldProcess("service '$Name'", "Restart ($why)")) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would restart ${Name}: $why" -Changes @("restarted: $($reasons -join ', ')")
        }
        # Gracefully: the stop control makes svcforge-host.exe send the program Ctrl+C.
        Stop-SvcForgeServiceInternal -Name $Name -State $current.State -TimeoutSeconds $TimeoutSeconds -Step $Step
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('start', $Name) -SuccessExitCode @(0, 1056) -Step $Step -Hint "Check the service's log and the System event log; exit code 1069 is a logon failure: the account's password, or its Log on as a service right (svcforge doctor checks it)"
        $after = Wait-SvcForgeServiceState -Name $Name -State 'Running' -TimeoutSeconds $TimeoutSeconds -FailState @('Stopped') -Step $Step
        if ($null -ne $pending) {
            Remove-Item -LiteralPath $RestartPendingFile -Force
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "restarted ${Name}: $why" -Changes @("restarted: $($reasons -join ', ') (PID $($current.ProcessId) -> $($after.ProcessId))")
    }
    if ($ReleasePointer -and -not (Test-Path -LiteralPath $ReleasePointer -PathType Leaf)) {
        return New-SvcForgeStepRecord -Step $Step -Status 'skipped' -Detail "service $Name is installed; no release deployed yet ($ReleasePointer), so it is not started: run svcforge deploy <zip> (or deploy.ps1 -Release <zip>)"
    }
    if ($current.StartupType -eq 'Disabled') {
        throw (New-SvcForgeErrorRecord -Message "cannot start service '$Name': its startup type is Disabled; set another startup type first" -Step $Step -ErrorId 'SvcForge.ServiceDisabled')
    }
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", 'Start')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would start service $Name (now $($current.State))" -Changes @("$($current.State) -> Running")
    }
    if ($current.State -ne 'Start Pending') {
        # 1056: already running (it started between our read and now).
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('start', $Name) -SuccessExitCode @(0, 1056) -Step $Step -Hint "Check the service's log and the System event log; exit code 1069 is a logon failure: the account's password, or its Log on as a service right (svcforge doctor checks it)"
    }
    $after = Wait-SvcForgeServiceState -Name $Name -State 'Running' -TimeoutSeconds $TimeoutSeconds -FailState @('Stopped') -Step $Step
    if ($null -ne $pending) {
        # A fresh start reads everything: no restart is pending any more.
        Remove-Item -LiteralPath $RestartPendingFile -Force
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "started service $Name (PID $($after.ProcessId))" -Changes @("$($current.State) -> Running")
}
