function Restart-SvcForgeRelease {
    <#
    .SYNOPSIS
    Restarts a service so its program runs the release release.conf names.

    .DESCRIPTION
    Test-then-set step. Unchanged when the service runs and status.json says the program
    is running that release. When the service runs and nothing of the host changed, only
    the program restarts: sc.exe control NAME 129 makes svcforge-host.exe stop it
    gracefully (Ctrl+C) and start it again from the release the pointer names, while the
    service stays RUNNING. When this run changed what the host reads at start (its exe,
    its conf, the service config: see Reset-SvcForgeRestartReason), a restart is pending
    in RestartPendingFile, or the host does not know control 129, the whole service
    restarts (sc.exe stop, sc.exe start). A stopped service is started. Then waits until
    status.json names the release with a new program (state running, starting or
    backoff; whether it is healthy is Wait-SvcForgeReleaseGate's question). Throws
    SvcForge.RestartTimeout with the last status seen when that takes longer than
    TimeoutSeconds. Returns one step record.

    .PARAMETER Name
    The service name.

    .PARAMETER StatusFile
    The supervisor's status file, for example C:\ProgramData\svcforge\gin-hello\logs\status.json.

    .PARAMETER Version
    The release the program must run after the restart, for example 2.0.0.

    .PARAMETER TimeoutSeconds
    How long to wait for the stop and for the new release to start. Default 60.

    .PARAMETER RestartPendingFile
    The marker an earlier apply --no-restart left (Start-SvcForgeService): when it is
    there, the whole service restarts and the marker goes.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile 'C:\ProgramData\svcforge\gin-hello\logs\status.json' -Version '2.0.0' -TimeoutSeconds 60 -RestartPendingFile 'C:\ProgramData\svcforge\gin-hello\gin-hello.restart-pending.json' -Step 'restart'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$StatusFile,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Version,

        [Parameter()]
        [ValidateRange(1, 3600)]
        [int]$TimeoutSeconds = 60,

        [Parameter()]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$RestartPendingFile,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'restart'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $statusPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($StatusFile)
    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    $current = Get-SvcForgeServiceState -Name $Name
    if ($null -eq $current) {
        if ($WhatIfPreference) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would start service $Name on release $Version (it does not exist yet)" -Changes @("release -> $Version")
        }
        throw (New-SvcForgeErrorRecord -Message "cannot restart service '$Name': it does not exist; install it first (svcforge apply)" -Step $Step -ErrorId 'SvcForge.ServiceMissing' -Category ObjectNotFound)
    }
    $before = Read-SvcForgeStatusFile -Path $statusPath
    $oldRelease = [string](Get-SvcForgePropertyValue -InputObject $before -Name 'release' -Default 'none')
    $oldPid = Get-SvcForgePropertyValue -InputObject $before -Name 'pid' -Default '-'
    $oldState = [string](Get-SvcForgePropertyValue -InputObject $before -Name 'state' -Default '')
    $pending = $null
    if ($RestartPendingFile) {
        $pending = Read-SvcForgeRestartPending -Path $RestartPendingFile
    }
    $hostReasons = @(@(Get-SvcForgeRestartReason -Name $Name) + @(if ($null -ne $pending) { $pending.Reasons }) | Sort-Object -Unique)
    if ($current.State -eq 'Running' -and $oldState -eq 'running' -and $oldRelease -ceq $Version -and $hostReasons.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name already runs release $Version (PID $oldPid)"
    }
    if ($current.StartupType -eq 'Disabled') {
        throw (New-SvcForgeErrorRecord -Message "cannot restart service '$Name': its startup type is Disabled; set another startup type first" -Step $Step -ErrorId 'SvcForge.ServiceDisabled')
    }
    $how = 'started'
    if ($current.State -eq 'Running') {
        $how = 'restarted the program of'
        if ($hostReasons.Count -gt 0) {
            $how = "restarted ($($hostReasons -join ', ') changed)"
        }
    }
    elseif ($current.State -ne 'Stopped') {
        $how = 'restarted'
    }
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", "Restart on release $Version")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would restart $Name`: release $oldRelease -> $Version" -Changes @("release $oldRelease -> $Version")
    }
    $startedAt = [datetime]::UtcNow
    $programOnly = $false
    if ($current.State -eq 'Running' -and $hostReasons.Count -eq 0) {
        # 1052: a host that does not know control 129; 1061: it cannot take it now (still
        # starting). Either way the whole service restarts instead.
        $answer = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('control', $Name, '129') -SuccessExitCode @(0, 1052, 1061) -Step $Step -Hint "Check the service's log"
        $programOnly = $answer.ExitCode -eq 0
        if (-not $programOnly) {
            $how = 'restarted'
        }
    }
    if (-not $programOnly) {
        if ($current.State -ne 'Stopped') {
            Stop-SvcForgeServiceInternal -Name $Name -State $current.State -TimeoutSeconds $TimeoutSeconds -Step $Step
        }
        $startedAt = [datetime]::UtcNow
        # 1056: already running (something started it between the stop and now).
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('start', $Name) -SuccessExitCode @(0, 1056) -Step $Step -Hint "Check the service's log and the System event log"
        if ($null -ne $pending) {
            # A fresh start of the host reads everything: no restart is pending any more.
            Remove-Item -LiteralPath $RestartPendingFile -Force
        }
    }

    $seen = $null
    while ($true) {
        $item = Get-Item -LiteralPath $statusPath -ErrorAction SilentlyContinue
        # A status written before the start is the old program's; wait for the new one's.
        if ($null -ne $item -and $item.LastWriteTimeUtc -ge $startedAt.AddSeconds(-1)) {
            $seen = Read-SvcForgeStatusFile -Path $statusPath
            $release = Get-SvcForgePropertyValue -InputObject $seen -Name 'release' -Default $null
            $state = [string](Get-SvcForgePropertyValue -InputObject $seen -Name 'state' -Default '')
            $pidNow = Get-SvcForgePropertyValue -InputObject $seen -Name 'pid' -Default $null
            # After a program-only restart the old program may still write 'running' once.
            $fresh = -not ($programOnly -and $state -eq 'running' -and [string]$pidNow -eq [string]$oldPid)
            if ($release -ceq $Version -and $fresh -and @('running', 'starting', 'backoff') -contains $state) {
                break
            }
        }
        if ((Get-Date) -ge $deadline) {
            $described = 'no new status.json was written'
            if ($null -ne $seen) {
                $described = "status.json says state '$(Get-SvcForgePropertyValue -InputObject $seen -Name 'state' -Default '')', release '$(Get-SvcForgePropertyValue -InputObject $seen -Name 'release' -Default '')', last_health '$(Get-SvcForgePropertyValue -InputObject $seen -Name 'last_health' -Default '')'"
            }
            $message = "service '$Name' did not start release $Version within $TimeoutSeconds s ($described, $statusPath); check release.conf, the service's log and the System event log, or retry with a longer timeout"
            throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.RestartTimeout' -Category OperationTimeout)
        }
        Start-Sleep -Milliseconds 250
    }
    $newPid = Get-SvcForgePropertyValue -InputObject $seen -Name 'pid' -Default '-'
    $detail = "$how ${Name}: release $oldRelease -> $Version (PID $oldPid -> $newPid)"
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes @("release $oldRelease -> $Version")
}
