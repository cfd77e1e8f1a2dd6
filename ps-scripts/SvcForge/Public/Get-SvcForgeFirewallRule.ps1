function Get-SvcForgeFirewallRule {
    <#
    .SYNOPSIS
    Lists the firewall rules of a group with their scope.

    .DESCRIPTION
    Returns one object per rule in the group: name, displayName, group, enabled,
    direction, action, protocol, port, program, profiles and remoteAddresses, read
    with Get-NetFirewallRule and its port, application and address filters. Returns
    nothing when the group has no rules. Used by 'svcforge firewall list' and doctor.

    .PARAMETER Group
    The rule group, for example 'svcforge gin-hello'.

    .EXAMPLE
    Get-SvcForgeFirewallRule -Group 'svcforge gin-hello'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateLength(1, 255)]
        [string]$Group
    )
    $ErrorActionPreference = 'Stop'
    Get-SvcForgeFirewallRuleState -Group $Group
}
