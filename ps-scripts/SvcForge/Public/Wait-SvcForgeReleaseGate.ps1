function Wait-SvcForgeReleaseGate {
    <#
    .SYNOPSIS
    Waits until a new release is healthy and stays so; records the verdict.

    .DESCRIPTION
    The deploy's gate. Polls status.json every 250 ms. The release passes when the
    supervisor runs it (release), the program is running (state) and, when the spec has
    a health check, last_health is 'healthy'. It must pass within HealthTimeoutSeconds
    (counted from the call) and then keep passing for MinHealthySeconds with the same
    pid and restart count. On success records gate passed and lastGood in the state file
    and returns a changed record. On failure records gate failed with the reason and
    throws SvcForge.GateFailed: the message says why and ends with the last lines of the
    newest logs in LogDir (the exception's Data holds 'reason' and 'logTail' too).
    Unchanged, without waiting, when the release is current, passed its gate before and
    passes right now.

    .PARAMETER Name
    The service name, for the messages.

    .PARAMETER StatusFile
    The supervisor's status file, for example C:\ProgramData\svcforge\gin-hello\logs\status.json.

    .PARAMETER StatePath
    The deploy state file, for example C:\ProgramData\svcforge\gin-hello\releases.json.

    .PARAMETER Version
    The release being judged, for example 2.0.0.

    .PARAMETER HealthTimeoutSeconds
    How long the release may take to pass at all. Default 60.

    .PARAMETER MinHealthySeconds
    How long it must then keep passing, without a restart. Default 10.

    .PARAMETER HealthChecked
    $true when the spec has a health check, so last_health must be 'healthy'.

    .PARAMETER LogDir
    The program's log folder, whose newest *.log files end a failure message.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Wait-SvcForgeReleaseGate -Name 'gin-hello' -StatusFile 'C:\ProgramData\svcforge\gin-hello\logs\status.json' -StatePath 'C:\ProgramData\svcforge\gin-hello\releases.json' -Version '2.0.0' -HealthTimeoutSeconds 60 -MinHealthySeconds 10 -HealthChecked $true -LogDir 'C:\ProgramData\svcforge\gin-hello\logs' -Step 'gate'
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
        [string]$StatePath,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Version,

        [Parameter()]
        [ValidateRange(0, 86400)]
        [int]$HealthTimeoutSeconds = 60,

        [Parameter()]
        [ValidateRange(0, 86400)]
        [int]$MinHealthySeconds = 10,

        [Parameter()]
        [bool]$HealthChecked = $false,

        [Parameter()]
        [AllowEmptyString()]
        [string]$LogDir = '',

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'gate'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $statusPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($StatusFile)
    $state = Read-SvcForgeReleaseState -Path $StatePath -Step $Step
    $known = @($state.releases | Where-Object -FilterScript { $_.version -ceq $Version })
    if ($state.current -ceq $Version -and $known.Count -gt 0 -and $known[0].gate -eq 'passed') {
        $now = Read-SvcForgeStatusFile -Path $statusPath
        if ($null -eq (Get-SvcForgeReleaseGateProblem -Status $now -Version $Version -HealthChecked $HealthChecked)) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "release $Version is current and healthy"
        }
    }
    if (-not $PSCmdlet.ShouldProcess("release $Version of $Name", 'Wait for it to be healthy')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would wait up to $HealthTimeoutSeconds s for release $Version to be healthy, then $MinHealthySeconds s more" -Changes @("gate $Version")
    }

    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    $reason = $null
    $healthyAfter = $null
    $problem = $null
    # Phase 1: become passing within the timeout.
    while ($true) {
        $status = Read-SvcForgeStatusFile -Path $statusPath
        $problem = Get-SvcForgeReleaseGateProblem -Status $status -Version $Version -HealthChecked $HealthChecked
        if ($null -eq $problem) {
            $healthyAfter = $clock.Elapsed.TotalSeconds
            break
        }
        if ($clock.Elapsed.TotalSeconds -ge $HealthTimeoutSeconds) {
            $reason = "release $Version of $Name never passed within $HealthTimeoutSeconds s: $problem"
            break
        }
        Start-Sleep -Milliseconds 250
    }
    # Phase 2: stay passing, same process, no restart.
    if ($null -eq $reason) {
        $firstPid = Get-SvcForgePropertyValue -InputObject $status -Name 'pid' -Default $null
        $firstRestarts = Get-SvcForgePropertyValue -InputObject $status -Name 'restarts' -Default 0
        $stableUntil = $healthyAfter + $MinHealthySeconds
        while ($clock.Elapsed.TotalSeconds -lt $stableUntil) {
            Start-Sleep -Milliseconds 250
            $status = Read-SvcForgeStatusFile -Path $statusPath
            if ($null -eq $status) {
                continue
            }
            $after = $clock.Elapsed.TotalSeconds.ToString('0.0', $culture)
            $problem = Get-SvcForgeReleaseGateProblem -Status $status -Version $Version -HealthChecked $HealthChecked
            $restarts = Get-SvcForgePropertyValue -InputObject $status -Name 'restarts' -Default 0
            $processId = Get-SvcForgePropertyValue -InputObject $status -Name 'pid' -Default $null
            if ([string]$restarts -ne [string]$firstRestarts) {
                $reason = "release $Version of $Name passed, then the program restarted $(([long]$restarts) - ([long]$firstRestarts)) time(s) within $MinHealthySeconds s (restarts $firstRestarts -> $restarts, $after s after the gate began)"
                break
            }
            if ([string]$processId -ne [string]$firstPid) {
                $reason = "release $Version of $Name passed, then its process changed (PID $firstPid -> $processId) within $MinHealthySeconds s, so it restarted"
                break
            }
            if ($null -ne $problem) {
                $reason = "release $Version of $Name passed, then stopped passing $after s after the gate began: $problem"
                break
            }
        }
    }

    $state = Read-SvcForgeReleaseState -Path $StatePath -Step $Step
    $entry = Get-SvcForgeReleaseStateEntry -State $state -Version $Version
    $entry.gateAt = Get-SvcForgeUtcNow
    if ($null -eq $reason) {
        $entry.gate = 'passed'
        $entry.reason = $null
        $state.lastGood = $Version
        Save-SvcForgeReleaseState -Path $StatePath -State $state
        $detail = "release $Version healthy after $($healthyAfter.ToString('0.0', $culture)) s, stayed healthy $MinHealthySeconds s"
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes @("gate $Version passed")
    }
    $entry.gate = 'failed'
    $entry.reason = $reason
    Save-SvcForgeReleaseState -Path $StatePath -State $state
    $tail = Get-SvcForgeLogTail -LogDir $LogDir -Lines 20
    $message = $reason
    if ($tail) {
        $message = "$reason. The newest logs in ${LogDir}:`n$tail"
    }
    else {
        $message = "$reason. No *.log file in '$LogDir' to show"
    }
    $record = New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.GateFailed'
    $record.Exception.Data['reason'] = $reason
    $record.Exception.Data['logTail'] = $tail
    throw $record
}
