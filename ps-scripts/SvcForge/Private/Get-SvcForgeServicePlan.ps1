function Get-SvcForgeServicePlan {
    # Compares a service's current configuration (Get-SvcForgeServiceState) with the wanted
    # one. Each property of the result is a change string, or $null when that setting
    # already matches; Changes lists them all.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [object]$Current,

        [Parameter(Mandatory)]
        [string]$DisplayName,

        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Description,

        [Parameter(Mandatory)]
        [string]$BinaryPath,

        [Parameter(Mandatory)]
        [string]$StartupType,

        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [string[]]$DependsOn,

        [Parameter(Mandatory)]
        [string]$Account
    )
    $plan = [ordered]@{
        BinaryPath  = $null
        Account     = $null
        DisplayName = $null
        Description = $null
        StartupType = $null
        DependsOn   = $null
    }
    if ($Current.BinaryPath -cne $BinaryPath) {
        $plan.BinaryPath = "binary path $($Current.BinaryPath) -> $BinaryPath"
    }
    if ((ConvertTo-SvcForgeAccountKey -Account $Current.Account) -ne (ConvertTo-SvcForgeAccountKey -Account $Account)) {
        $from = $Current.Account
        if (-not $from) {
            $from = '(none)'
        }
        $plan.Account = "account $from -> $Account"
    }
    if ($Current.DisplayName -cne $DisplayName) {
        $plan.DisplayName = "display name '$($Current.DisplayName)' -> '$DisplayName'"
    }
    if ($Current.Description -cne $Description) {
        $plan.Description = 'description updated'
    }
    if ($Current.StartupType -ne $StartupType) {
        $plan.StartupType = "startup $($Current.StartupType) -> $StartupType"
    }
    $currentDepends = @($Current.DependsOn | ForEach-Object -Process { $_.ToUpperInvariant() } | Sort-Object)
    $wantedDepends = @($DependsOn | ForEach-Object -Process { $_.ToUpperInvariant() } | Sort-Object)
    if (($currentDepends -join '/') -ne ($wantedDepends -join '/')) {
        $from = $Current.DependsOn -join ', '
        if (-not $from) {
            $from = '(none)'
        }
        $to = $DependsOn -join ', '
        if (-not $to) {
            $to = '(none)'
        }
        $plan.DependsOn = "dependencies $from -> $to"
    }
    $changes = @($plan.Values | Where-Object -FilterScript { $null -ne $_ })
    $result = [pscustomobject]$plan
    $result | Add-Member -NotePropertyName 'Changes' -NotePropertyValue ([string[]]$changes)
    $result
}
