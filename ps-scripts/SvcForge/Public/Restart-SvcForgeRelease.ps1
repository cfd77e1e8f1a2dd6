function Restart-SvcForgeRelease {
    <#
    .SYNOPSIS
    Restarts a service so its program runs the release release.conf names.

    .DESCRIPTION
    Test-then-set step. Unchanged when the service runs and status.json says the program
    is running that release. Otherwise stops the service gracefully (sc.exe stop, the
    supervisor stops the program) when it runs, starts it with sc.exe start, and waits
    until status.json names the release and a state of running, starting or backoff
    (whether it is healthy is Wait-SvcForgeReleaseGate's question). Throws
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

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Restart-SvcForgeRelease -Name 'gin-hello' -StatusFile 'C:\ProgramData\svcforge\gin-hello\logs\status.json' -Version '2.0.0' -TimeoutSeconds 60 -Step 'restart'
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
    if ($current.State -eq 'Running' -and $oldState -eq 'running' -and $oldRelease -ceq $Version) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name already runs release $Version (PID $oldPid)"
    }
    if ($current.StartupType -eq 'Disabled') {
        throw (New-SvcForgeErrorRecord -Message "cannot restart service '$Name': its startup type is Disabled; set another startup type first" -Step $Step -ErrorId 'SvcForge.ServiceDisabled')
    }
    $verb = 'restarted'
    if ($current.State -eq 'Stopped') {
        $verb = 'started'
    }
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", "Restart on release $Version")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would restart $Name`: release $oldRelease -> $Version" -Changes @("release $oldRelease -> $Version")
    }
    if ($current.State -ne 'Stopped') {
        Stop-SvcForgeServiceInternal -Name $Name -State $current.State -TimeoutSeconds $TimeoutSeconds -Step $Step
    }
    $startedAt = [datetime]::UtcNow
    # 1056: already running (something started it between the stop and now).
    $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('start', $Name) -SuccessExitCode @(0, 1056) -Step $Step -Hint "Check the service's log and the System event log"

    $seen = $null
    while ($true) {
        $item = Get-Item -LiteralPath $statusPath -ErrorAction SilentlyContinue
        # A status written before the start is the old program's; wait for the new one's.
        if ($null -ne $item -and $item.LastWriteTimeUtc -ge $startedAt.AddSeconds(-1)) {
            $seen = Read-SvcForgeStatusFile -Path $statusPath
            $release = Get-SvcForgePropertyValue -InputObject $seen -Name 'release' -Default $null
            $state = [string](Get-SvcForgePropertyValue -InputObject $seen -Name 'state' -Default '')
            if ($release -ceq $Version -and @('running', 'starting', 'backoff') -contains $state) {
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
    $detail = "$verb ${Name}: release $oldRelease -> $Version (PID $oldPid -> $newPid)"
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes @("release $oldRelease -> $Version")
}
