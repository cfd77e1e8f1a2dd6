function New-SvcForgeFirewallRuleInternal {
    # Creates the inbound allow rule with New-NetFirewallRule; the caller has already
    # asked ShouldProcess.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [string]$DisplayName,
        [Parameter(Mandatory)] [string]$Group,
        [Parameter(Mandatory)] [string]$Port,
        [Parameter(Mandatory)] [string]$Protocol,
        [Parameter(Mandatory)] [string]$Program,
        [Parameter(Mandatory)] [string[]]$Profile,
        [Parameter(Mandatory)] [string[]]$RemoteAddress,
        [Parameter(Mandatory)] [string]$Step
    )
    $parameters = @{
        Name          = $Name
        DisplayName   = $DisplayName
        Group         = $Group
        Direction     = 'Inbound'
        Action        = 'Allow'
        Enabled       = 'True'
        Protocol      = $Protocol
        LocalPort     = [string[]]@($Port)
        Program       = $Program
        Profile       = [string[]]$Profile
        RemoteAddress = [string[]]$RemoteAddress
    }
    try {
        $null = New-NetFirewallRule @parameters
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "could not create firewall rule '$Name': $($_.Exception.Message). Check that the Windows Defender Firewall service (mpssvc) is running and that this process runs elevated" -Step $Step -ErrorId 'SvcForge.FirewallRuleFailed' -InnerException $_.Exception)
    }
}
