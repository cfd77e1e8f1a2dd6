function Save-SvcForgeReleaseState {
    # Writes the deploy state file (releases.json) atomically, in the one format
    # Read-SvcForgeReleaseState reads: schemaVersion 1, current, lastGood, releases.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter(Mandatory)]
        [pscustomobject]$State
    )
    $releases = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($entry in $State.releases.ToArray()) {
        $releases.Add([pscustomobject][ordered]@{
                version    = [string]$entry.version
                deployedAt = $entry.deployedAt
                gate       = [string]$entry.gate
                gateAt     = $entry.gateAt
                reason     = $entry.reason
            })
    }
    $document = [pscustomobject][ordered]@{
        schemaVersion = 1
        current       = $State.current
        lastGood      = $State.lastGood
        releases      = [object[]]$releases.ToArray()
    }
    $text = ($document | ConvertTo-Json -Depth 5) + "`n"
    Write-SvcForgeFileAtomically -Path $Path -Text $text
}
