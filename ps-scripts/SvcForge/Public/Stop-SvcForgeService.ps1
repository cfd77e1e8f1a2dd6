function Stop-SvcForgeService {
    <#
    .SYNOPSIS
    Stops a service and waits until it has stopped; unchanged when it is not running.

    .DESCRIPTION
    Test-then-set step. Reads the state from Win32_Service; when running, stops it with
    'sc.exe stop' (svcforge-host.exe then stops the program gracefully) and polls until
    Stopped, failing after TimeoutSeconds with the state it is in. Unchanged when the
    service is already stopped or does not exist. Returns one step record.

    .PARAMETER Name
    The service name.

    .PARAMETER TimeoutSeconds
    How long to wait for the Stopped state. Default 60.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Stop-SvcForgeService -Name 'gin-hello' -Step 'stop'
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
        [string]$Step = 'stop'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $current = Get-SvcForgeServiceState -Name $Name
    if ($null -eq $current) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name does not exist"
    }
    if ($current.State -eq 'Stopped') {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name is already stopped"
    }
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", 'Stop')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would stop service $Name (now $($current.State))" -Changes @("$($current.State) -> Stopped")
    }
    Stop-SvcForgeServiceInternal -Name $Name -State $current.State -TimeoutSeconds $TimeoutSeconds -Step $Step
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "stopped service $Name" -Changes @("$($current.State) -> Stopped")
}
