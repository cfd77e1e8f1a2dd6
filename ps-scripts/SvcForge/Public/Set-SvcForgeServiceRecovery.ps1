function Set-SvcForgeServiceRecovery {
    <#
    .SYNOPSIS
    Sets the SCM recovery actions of a service (what happens when it fails).

    .DESCRIPTION
    Test-then-set step. Reads the registry values FailureActions (the binary
    SERVICE_FAILURE_ACTIONS) and FailureActionsOnNonCrashFailures, decodes them and
    compares with the wanted reset period, actions and failure flag; changes only what
    differs, with 'sc.exe failure' and 'sc.exe failureflag'. svcforge-host.exe gives up
    with a service-specific exit code after repeated failures, so these actions take
    over: with FailureFlag set, the SCM also acts on such a non-crash stop. Returns one
    step record.

    .PARAMETER Name
    The service name.

    .PARAMETER ResetAfterSeconds
    Seconds without failure after which the SCM resets its failure count to zero.

    .PARAMETER Action
    One entry per failure (the last repeats): 'restart/<ms>', 'run/<ms>', 'reboot/<ms>'
    or 'none/0'. At least one.

    .PARAMETER FailureFlag
    $true to apply the actions also when the service stops with an error exit code
    (not only when its process crashes).

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeServiceRecovery -Name 'gin-hello' -ResetAfterSeconds 86400 -Action @('restart/60000', 'restart/60000', 'none/0') -FailureFlag $true -Step 'recovery'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateRange(0, [int]::MaxValue)]
        [int]$ResetAfterSeconds,

        [Parameter(Mandatory)]
        [ValidateCount(1, 64)]
        [ValidatePattern('^(restart|run|reboot|none)/\d{1,10}$')]
        [string[]]$Action,

        [Parameter(Mandatory)]
        [bool]$FailureFlag,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'recovery'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $wantedActions = @($Action | ForEach-Object -Process { $_.ToLowerInvariant() })
    $wantedFlag = 0
    if ($FailureFlag) {
        $wantedFlag = 1
    }
    $current = Get-SvcForgeServiceState -Name $Name
    if ($null -eq $current) {
        if ($WhatIfPreference) {
            $change = "recovery reset $ResetAfterSeconds s, actions $($wantedActions -join ', '), failure flag $wantedFlag"
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set recovery of service $Name (it does not exist yet): $change" -Changes @($change)
        }
        throw (New-SvcForgeErrorRecord -Message "cannot set recovery actions: service '$Name' does not exist; create it first (Set-SvcForgeService)" -Step $Step -ErrorId 'SvcForge.ServiceMissing' -Category ObjectNotFound)
    }
    $decoded = ConvertFrom-SvcForgeFailureActions -Bytes ([byte[]](Get-SvcForgePropertyValue -InputObject $current.Registry -Name 'FailureActions' -Default $null))
    $currentFlag = [int](Get-SvcForgePropertyValue -InputObject $current.Registry -Name 'FailureActionsOnNonCrashFailures' -Default 0)

    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $actionsDiffer = ($decoded.ResetAfterSeconds -ne $ResetAfterSeconds) -or ((@($decoded.Action) -join ',') -ne ($wantedActions -join ','))
    if ($actionsDiffer) {
        $from = @($decoded.Action) -join ', '
        if (-not $from) {
            $from = '(none)'
        }
        $changes.Add("recovery reset $($decoded.ResetAfterSeconds) s, actions $from -> reset $ResetAfterSeconds s, actions $($wantedActions -join ', ')")
    }
    $flagDiffers = $currentFlag -ne $wantedFlag
    if ($flagDiffers) {
        $changes.Add("failure flag $currentFlag -> $wantedFlag")
    }
    if ($changes.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "recovery of service $Name is as wanted (reset $ResetAfterSeconds s, actions $($wantedActions -join ', '), failure flag $wantedFlag)"
    }

    $applied = New-Object -TypeName System.Collections.Generic.List[string]
    if ($actionsDiffer -and $PSCmdlet.ShouldProcess("service '$Name'", "Set failure actions $($wantedActions -join '/') with reset $ResetAfterSeconds s")) {
        # sc.exe takes type/delay pairs joined by '/'; an empty type means 'none'.
        $pairs = foreach ($item in $wantedActions) {
            $parts = $item.Split('/')
            $type = $parts[0]
            if ($type -eq 'none') {
                $type = ''
            }
            $type + '/' + $parts[1]
        }
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('failure', $Name, 'reset=', [string]$ResetAfterSeconds, 'actions=', ($pairs -join '/')) -Step $Step -Hint 'Check that this process runs elevated'
        $applied.Add($changes[0])
    }
    if ($flagDiffers -and $PSCmdlet.ShouldProcess("service '$Name'", "Set failure actions flag to $wantedFlag")) {
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('failureflag', $Name, [string]$wantedFlag) -Step $Step -Hint 'Check that this process runs elevated'
        $applied.Add("failure flag $currentFlag -> $wantedFlag")
    }
    if ($applied.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set recovery of service ${Name}: $($changes -join '; ')" -Changes $changes.ToArray()
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "set recovery of service ${Name}: $($applied -join '; ')" -Changes $changes.ToArray()
}
