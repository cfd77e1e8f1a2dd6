function Remove-SvcForgeFirewallRule {
    <#
    .SYNOPSIS
    Removes the firewall rules of a group, all of them or all but the ones to keep;
    unchanged when there is none to remove.

    .DESCRIPTION
    Test-then-set step used by uninstall and 'svcforge firewall close' (every rule of the
    group) and by install (Keep: the rules the spec still lists, so a rule the spec no
    longer names goes). Lists the group's rules with Get-NetFirewallRule -Group and
    removes each by name with Remove-NetFirewallRule. Returns one step record.

    .PARAMETER Group
    The rule group, for example 'svcforge gin-hello'.

    .PARAMETER Keep
    Names of rules of the group that stay (compared case-insensitively, as Windows
    does). Empty: remove every rule of the group.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Remove-SvcForgeFirewallRule -Group 'svcforge-gin-hello' -Keep 'svcforge-gin-hello-tcp-8080' -Step 'firewall-prune'

    .EXAMPLE
    Remove-SvcForgeFirewallRule -Group 'svcforge gin-hello' -Step 'firewall-remove'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateLength(1, 255)]
        [string]$Group,

        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$Keep = @(),

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'firewall-remove'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $rules = @(Get-NetFirewallRule -Group $Group -ErrorAction SilentlyContinue | Where-Object -FilterScript { $null -ne $_ })
    $kept = @($rules | Where-Object -FilterScript { $Keep -contains [string]$_.Name })
    $rules = @($rules | Where-Object -FilterScript { $Keep -notcontains [string]$_.Name })
    if ($rules.Count -eq 0) {
        if ($kept.Count -gt 0) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "no firewall rule in group '$Group' beyond the $($kept.Count) kept"
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "no firewall rule in group '$Group'"
    }
    $names = @($rules | ForEach-Object -Process { [string]$_.Name })
    $changes = @($names | ForEach-Object -Process { "removed rule $_" })
    $removed = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($ruleName in $names) {
        if ($PSCmdlet.ShouldProcess("firewall rule '$ruleName'", 'Remove')) {
            try {
                Remove-NetFirewallRule -Name $ruleName
            }
            catch {
                throw (New-SvcForgeErrorRecord -Message "could not remove firewall rule '$ruleName' of group '$Group': $($_.Exception.Message). Check that this process runs elevated" -Step $Step -ErrorId 'SvcForge.FirewallRuleFailed' -InnerException $_.Exception)
            }
            $removed.Add($ruleName)
        }
    }
    if ($removed.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would remove $($names.Count) firewall rule(s) of group '$Group': $($names -join ', ')" -Changes $changes -Action 'remove'
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "removed $($removed.Count) firewall rule(s) of group '$Group': $($removed -join ', ')" -Changes $changes -Action 'remove'
}
