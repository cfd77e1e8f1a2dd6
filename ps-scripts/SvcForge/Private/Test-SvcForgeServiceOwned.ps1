function Test-SvcForgeServiceOwned {
    # Whether svcforge may change or delete an existing service (state from
    # Get-SvcForgeServiceState). $false when the service carries svcforge's marker (see
    # Set-SvcForgeServiceMarker): nothing to adopt. $true when it does not and -Adopt was
    # given: the caller marks it, then goes on. Without the marker and without -Adopt it
    # throws SvcForge.ServiceNotOwned, saying what it refused and how to proceed.
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)]
        [object]$Current,

        [Parameter(Mandatory)]
        [ValidateSet('reconfigure', 'delete')]
        [string]$Action,

        [Parameter()]
        [switch]$Adopt,

        [Parameter()]
        [string]$Step = ''
    )
    if ($Current.Marker) {
        return $false
    }
    if ($Adopt) {
        return $true
    }
    $name = $Current.Name
    $flag = '--adopt (install.ps1 -Adopt)'
    if ($Action -eq 'delete') {
        $flag = '--adopt (uninstall.ps1 -Adopt)'
    }
    $message = "service '$name' exists but svcforge did not create it (its key HKLM:\SYSTEM\CurrentControlSet\Services\$name has no SvcForge value; it runs $($Current.BinaryPath) as $($Current.Account)): svcforge refuses to $Action it. Give the spec another name, or, if svcforge is to manage this service from now on (also one installed by a svcforge older than this check), run the command again with $flag"
    throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.ServiceNotOwned' -Category PermissionDenied)
}
