function Start-SvcForgeService {
    <#
    .SYNOPSIS
    Starts a service and waits until it runs; unchanged when it already runs.

    .DESCRIPTION
    Test-then-set step. Reads the state from Win32_Service; when not running, starts
    it with 'sc.exe start' and polls until it is Running, failing when it stops
    instead (the error carries its exit codes) or when TimeoutSeconds pass (the error
    says which state it is in). Returns one step record.

    .PARAMETER Name
    The service name.

    .PARAMETER TimeoutSeconds
    How long to wait for the Running state. Default 60.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Start-SvcForgeService -Name 'gin-hello' -TimeoutSeconds 60 -Step 'start'
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
    if ($current.State -eq 'Running') {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name is already running (PID $($current.ProcessId))"
    }
    if ($current.StartupType -eq 'Disabled') {
        throw (New-SvcForgeErrorRecord -Message "cannot start service '$Name': its startup type is Disabled; set another startup type first" -Step $Step -ErrorId 'SvcForge.ServiceDisabled')
    }
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", 'Start')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would start service $Name (now $($current.State))" -Changes @("$($current.State) -> Running")
    }
    if ($current.State -ne 'Start Pending') {
        # 1056: already running (it started between our read and now).
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('start', $Name) -SuccessExitCode @(0, 1056) -Step $Step -Hint "Check the service's log and the System event log"
    }
    $after = Wait-SvcForgeServiceState -Name $Name -State 'Running' -TimeoutSeconds $TimeoutSeconds -FailState @('Stopped') -Step $Step
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "started service $Name (PID $($after.ProcessId))" -Changes @("$($current.State) -> Running")
}
