function Get-SvcForgeReleaseState {
    <#
    .SYNOPSIS
    Lists the releases of a service: which is current, which last passed the gate.

    .DESCRIPTION
    Reads the deploy state file and returns one object: current, lastGood and releases,
    newest deployedAt first, each with version, deployedAt, gate (pending, passed or
    failed), gateAt, reason (why the gate failed), onDisk (its folder is in ReleasesDir)
    and current. A missing state file gives no releases. Not a step: returns the state,
    not a step record. Throws SvcForge.StateCorrupt when the file cannot be read.

    .PARAMETER StatePath
    The deploy state file, for example C:\ProgramData\svcforge\gin-hello\releases.json.

    .PARAMETER ReleasesDir
    The folder holding one folder per release.

    .EXAMPLE
    Get-SvcForgeReleaseState -StatePath 'C:\ProgramData\svcforge\gin-hello\releases.json' -ReleasesDir 'C:\Program Files\svcforge\gin-hello\releases' | ConvertTo-Json -Depth 5 -Compress
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$StatePath,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$ReleasesDir
    )
    $ErrorActionPreference = 'Stop'
    $state = Read-SvcForgeReleaseState -Path $StatePath
    $releasesPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReleasesDir)
    $sorted = @(Get-SvcForgeSortedReleaseEntry -Entries $state.releases.ToArray())
    $releases = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($entry in $sorted) {
        $releases.Add([pscustomobject][ordered]@{
                version    = $entry.version
                deployedAt = $entry.deployedAt
                gate       = $entry.gate
                gateAt     = $entry.gateAt
                reason     = $entry.reason
                onDisk     = [bool](Test-Path -LiteralPath (Join-Path -Path $releasesPath -ChildPath $entry.version) -PathType Container)
                current    = [bool]($entry.version -ceq $state.current)
            })
    }
    [pscustomobject][ordered]@{
        current  = $state.current
        lastGood = $state.lastGood
        releases = [object[]]$releases.ToArray()
    }
}
