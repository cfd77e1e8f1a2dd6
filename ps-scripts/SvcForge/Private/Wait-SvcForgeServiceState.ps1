function Wait-SvcForgeServiceState {
    # Polls Win32_Service until the service reaches the wanted state or the deadline
    # passes. Throws when the service lands in a failure state (stopped while starting)
    # or on timeout, saying which state it is in and what to check.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateSet('Running', 'Stopped', 'Absent')]
        [string]$State,

        [Parameter(Mandatory)]
        [int]$TimeoutSeconds,

        [Parameter()]
        [string[]]$FailState = @(),

        [Parameter()]
        [string]$Step = ''
    )
    $deadline = (Get-Date).AddSeconds($TimeoutSeconds)
    while ($true) {
        $current = Get-SvcForgeServiceState -Name $Name
        if ($State -eq 'Absent') {
            if ($null -eq $current) {
                return $null
            }
        }
        elseif ($null -eq $current) {
            throw (New-SvcForgeErrorRecord -Message "service '$Name' disappeared while waiting for it to be $State" -Step $Step -ErrorId 'SvcForge.ServiceVanished')
        }
        elseif ($current.State -eq $State) {
            return $current
        }
        elseif ($FailState -contains $current.State) {
            $message = "service '$Name' is $($current.State) instead of $State (exit code $($current.ExitCode), service-specific exit code $($current.ServiceSpecificExitCode)); check the service's log and the System event log"
            throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.ServiceFailedState')
        }
        if ((Get-Date) -ge $deadline) {
            $seen = 'absent'
            if ($null -ne $current) {
                $seen = $current.State
            }
            $message = "service '$Name' did not become $State within $TimeoutSeconds s; it is $seen. Check the service's log, or retry with a longer -TimeoutSeconds"
            throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.ServiceTimeout' -Category OperationTimeout)
        }
        Start-Sleep -Milliseconds 250
    }
}
