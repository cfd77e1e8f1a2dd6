function Get-SvcForgeFirewallRuleState {
    # Reads firewall rules (by -Name or -Group) with their port, application and address
    # filters and returns one normalized object each; nothing when none match.
    [CmdletBinding(DefaultParameterSetName = 'Name')]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Name')]
        [string]$Name,

        [Parameter(Mandatory, ParameterSetName = 'Group')]
        [string]$Group
    )
    if ($PSCmdlet.ParameterSetName -eq 'Name') {
        $rules = @(Get-NetFirewallRule -Name $Name -ErrorAction SilentlyContinue)
    }
    else {
        $rules = @(Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue)
    }
    foreach ($rule in $rules) {
        if ($null -eq $rule) {
            continue
        }
        $portFilter = Get-NetFirewallPortFilter -AssociatedNetFirewallRule $rule
        $applicationFilter = Get-NetFirewallApplicationFilter -AssociatedNetFirewallRule $rule
        $addressFilter = Get-NetFirewallAddressFilter -AssociatedNetFirewallRule $rule
        $profiles = @(([string]$rule.Profile) -split ',\s*' | Where-Object -FilterScript { $_ })
        if ($profiles -contains 'Any') {
            $profiles = @('Domain', 'Private', 'Public')
        }
        [pscustomobject]@{
            name            = [string]$rule.Name
            displayName     = [string]$rule.DisplayName
            group           = [string](Get-SvcForgePropertyValue -InputObject $rule -Name 'Group' -Default '')
            enabled         = ([string]$rule.Enabled) -eq 'True'
            direction       = [string]$rule.Direction
            action          = [string]$rule.Action
            protocol        = ([string](Get-SvcForgePropertyValue -InputObject $portFilter -Name 'Protocol' -Default '')).ToUpperInvariant()
            port            = (@(Get-SvcForgePropertyValue -InputObject $portFilter -Name 'LocalPort' -Default @()) | ForEach-Object -Process { [string]$_ }) -join ','
            program         = [string](Get-SvcForgePropertyValue -InputObject $applicationFilter -Name 'Program' -Default '')
            profiles        = [string[]]@($profiles | Sort-Object -Unique)
            remoteAddresses = [string[]]@(Get-SvcForgePropertyValue -InputObject $addressFilter -Name 'RemoteAddress' -Default @() | ForEach-Object -Process { [string]$_ })
        }
    }
}
