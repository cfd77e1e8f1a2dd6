function Assert-SvcForgeAdministrator {
    <#
    .SYNOPSIS
    Throws unless the current process runs elevated (as an administrator).

    .DESCRIPTION
    Installing a service, changing directory ACLs and firewall rules all need an
    elevated process. This check fails early with the command to rerun instead of
    failing half way. On Windows it asks WindowsPrincipal whether the current identity
    is in the Administrators role. When the environment variable SVCFORGE_SHIM is set
    (svcforge's own tests on Linux), the test shim's Test-SvcForgeShimElevation
    command decides instead.

    .PARAMETER Step
    The step id reported in the error when the check fails.

    .EXAMPLE
    Assert-SvcForgeAdministrator
    #>
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'elevation'
    )
    $ErrorActionPreference = 'Stop'
    if ($env:SVCFORGE_SHIM) {
        if ($null -eq (Get-Command -Name 'Test-SvcForgeShimElevation' -ErrorAction SilentlyContinue)) {
            throw (New-SvcForgeErrorRecord -Message "SVCFORGE_SHIM is set to '$env:SVCFORGE_SHIM' but the test shim is not loaded; import test/shim/SvcForgeShim.psm1 first or unset SVCFORGE_SHIM" -Step $Step -ErrorId 'SvcForge.ShimMissing')
        }
        $elevated = [bool](Test-SvcForgeShimElevation)
    }
    else {
        $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
        $principal = New-Object -TypeName System.Security.Principal.WindowsPrincipal -ArgumentList @($identity)
        $elevated = $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
    }
    if (-not $elevated) {
        $message = 'must run elevated: this step changes services, directory permissions and firewall rules. Open PowerShell with "Run as administrator" and run the command again'
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.NotElevated' -Category PermissionDenied)
    }
}
