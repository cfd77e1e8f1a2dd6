function Stop-SvcForgeServiceInternal {
    # Sends the stop control (unless a stop is already pending) and waits for Stopped.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [string]$State,
        [Parameter(Mandatory)] [int]$TimeoutSeconds,
        [Parameter(Mandatory)] [string]$Step
    )
    if ($State -ne 'Stop Pending') {
        # 1062: not started (it stopped between our read and now).
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('stop', $Name) -SuccessExitCode @(0, 1062) -Step $Step -Hint "If other running services depend on '$Name' (exit code 1051), stop them first"
    }
    $null = Wait-SvcForgeServiceState -Name $Name -State 'Stopped' -TimeoutSeconds $TimeoutSeconds -Step $Step
}
