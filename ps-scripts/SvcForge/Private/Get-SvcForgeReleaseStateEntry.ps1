function Get-SvcForgeReleaseStateEntry {
    # The state entry of one release, added (gate pending) when the state has none.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [pscustomobject]$State,

        [Parameter(Mandatory)]
        [string]$Version
    )
    foreach ($entry in $State.releases) {
        if ($entry.version -ceq $Version) {
            return $entry
        }
    }
    $entry = [pscustomobject]@{ version = $Version; deployedAt = $null; gate = 'pending'; gateAt = $null; reason = $null }
    $State.releases.Add($entry)
    $entry
}
