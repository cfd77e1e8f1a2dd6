function Set-SvcForgeFirewallRule {
    <#
    .SYNOPSIS
    Creates or updates one scoped inbound firewall rule (port + program + profiles +
    remote addresses).

    .DESCRIPTION
    Test-then-set step. Looks the rule up by its Name with Get-NetFirewallRule and
    compares it, with its port, application and address filters, with the wanted rule:
    Inbound, Allow, enabled, the given group, protocol, local port (a number or a range
    such as 8081-8090), program, profiles and remote addresses. Creates it with
    New-NetFirewallRule, changes only what differs with Set-NetFirewallRule, or
    recreates it when its group or direction/action must change (Set-NetFirewallRule
    cannot move a rule to another group). Never opens a port to every program.
    Returns one step record.

    .PARAMETER Name
    The rule's unique name (not the display name), for example 'svcforge-gin-hello-8080'.

    .PARAMETER DisplayName
    The name shown in the Windows Firewall console.

    .PARAMETER Group
    The group every rule of this service shares, used to list and remove them together.

    .PARAMETER Port
    Local port: '8080' or a range '8081-8090'.

    .PARAMETER Protocol
    TCP or UDP.

    .PARAMETER Program
    Full path of the program allowed to receive, for example the service's executable.

    .PARAMETER Profile
    One or more of Domain, Private, Public.

    .PARAMETER RemoteAddress
    Remote addresses allowed: keywords such as LocalSubnet, addresses, ranges or
    subnets (10.0.0.0/8). Use 'Any' only deliberately.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeFirewallRule -Name 'svcforge-gin-hello-8080' -DisplayName 'gin-hello (TCP 8080)' -Group 'svcforge gin-hello' -Port '8080' -Protocol 'TCP' -Program 'C:\apps\gin-hello\current\gin-hello.exe' -Profile @('Domain', 'Private') -RemoteAddress @('LocalSubnet') -Step 'firewall-8080'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateLength(1, 255)]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateLength(1, 255)]
        [string]$DisplayName,

        [Parameter(Mandatory)]
        [ValidateLength(1, 255)]
        [string]$Group,

        [Parameter(Mandatory)]
        [ValidatePattern('^\d{1,5}(-\d{1,5})?$')]
        [string]$Port,

        [Parameter(Mandatory)]
        [ValidateSet('TCP', 'UDP')]
        [string]$Protocol,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Program,

        [Parameter(Mandatory)]
        [ValidateSet('Domain', 'Private', 'Public')]
        [string[]]$Profile,

        [Parameter(Mandatory)]
        [ValidateCount(1, 1000)]
        [string[]]$RemoteAddress,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'firewall'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $profileNames = @{ domain = 'Domain'; private = 'Private'; public = 'Public' }
    $wantedProfiles = @($Profile | ForEach-Object -Process { $profileNames[$_.ToLowerInvariant()] } | Sort-Object -Unique)
    $wantedAddresses = @($RemoteAddress | ForEach-Object -Process { ConvertTo-SvcForgeFirewallAddress -Address $_ } | Sort-Object -Unique)
    $describe = "$Protocol $Port for $Program, profiles $($wantedProfiles -join ','), from $($wantedAddresses -join ',')"

    $current = Get-SvcForgeFirewallRuleState -Name $Name
    if ($null -eq $current) {
        if (-not $PSCmdlet.ShouldProcess("firewall rule '$Name'", "Create inbound allow rule ($describe)")) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would create firewall rule $Name ($describe)" -Changes @("created rule $Name")
        }
        New-SvcForgeFirewallRuleInternal -Name $Name -DisplayName $DisplayName -Group $Group -Port $Port -Protocol $Protocol -Program $Program -Profile $wantedProfiles -RemoteAddress $wantedAddresses -Step $Step
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "created firewall rule $Name ($describe)" -Changes @("created rule $Name")
    }

    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $setParameters = @{}
    $recreate = $false
    if ($current.group -cne $Group) {
        $changes.Add("group '$($current.group)' -> '$Group'")
        $recreate = $true
    }
    if ($current.direction -ne 'Inbound' -or $current.action -ne 'Allow') {
        $changes.Add("direction/action $($current.direction)/$($current.action) -> Inbound/Allow")
        $recreate = $true
    }
    if ($current.displayName -cne $DisplayName) {
        $changes.Add("display name '$($current.displayName)' -> '$DisplayName'")
        $setParameters['NewDisplayName'] = $DisplayName
    }
    if (-not $current.enabled) {
        $changes.Add('enabled')
        $setParameters['Enabled'] = 'True'
    }
    if ($current.protocol -ne $Protocol) {
        $changes.Add("protocol $($current.protocol) -> $Protocol")
        $setParameters['Protocol'] = $Protocol
        $setParameters['LocalPort'] = $Port
    }
    if ($current.port -ne $Port) {
        $changes.Add("port $($current.port) -> $Port")
        $setParameters['Protocol'] = $Protocol
        $setParameters['LocalPort'] = $Port
    }
    if ($current.program -ne $Program) {
        $changes.Add("program $($current.program) -> $Program")
        $setParameters['Program'] = $Program
    }
    if ((@($current.profiles) -join ',') -ne ($wantedProfiles -join ',')) {
        $changes.Add("profiles $(@($current.profiles) -join ',') -> $($wantedProfiles -join ',')")
        $setParameters['Profile'] = [string[]]$wantedProfiles
    }
    $currentAddresses = @($current.remoteAddresses | ForEach-Object -Process { ConvertTo-SvcForgeFirewallAddress -Address $_ } | Sort-Object -Unique)
    if (($currentAddresses -join ',') -ne ($wantedAddresses -join ',')) {
        $changes.Add("remote addresses $($currentAddresses -join ',') -> $($wantedAddresses -join ',')")
        $setParameters['RemoteAddress'] = [string[]]$wantedAddresses
    }
    if ($changes.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "firewall rule $Name is as wanted ($describe)"
    }
    if (-not $PSCmdlet.ShouldProcess("firewall rule '$Name'", "Update ($($changes -join '; '))")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would update firewall rule ${Name}: $($changes -join '; ')" -Changes $changes.ToArray()
    }
    if ($recreate) {
        try {
            Remove-NetFirewallRule -Name $Name
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not remove firewall rule '$Name' to recreate it: $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.FirewallRuleFailed' -InnerException $_.Exception)
        }
        New-SvcForgeFirewallRuleInternal -Name $Name -DisplayName $DisplayName -Group $Group -Port $Port -Protocol $Protocol -Program $Program -Profile $wantedProfiles -RemoteAddress $wantedAddresses -Step $Step
    }
    else {
        try {
            Set-NetFirewallRule -Name $Name @setParameters
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not update firewall rule '$Name' ($(@($setParameters.Keys) -join ', ')): $($_.Exception.Message). Check that the Windows Defender Firewall service (mpssvc) is running" -Step $Step -ErrorId 'SvcForge.FirewallRuleFailed' -InnerException $_.Exception)
        }
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "updated firewall rule ${Name}: $($changes -join '; ')" -Changes $changes.ToArray()
}
