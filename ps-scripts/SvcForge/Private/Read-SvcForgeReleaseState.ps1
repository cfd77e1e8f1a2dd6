function Read-SvcForgeReleaseState {
    # Reads the deploy state file (releases.json): current, lastGood and one entry per
    # release (version, deployedAt, gate, gateAt, reason). A missing file is an empty
    # state. Throws SvcForge.StateCorrupt naming the file when it cannot be read.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter()]
        [string]$Step = ''
    )
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $releases = New-Object -TypeName System.Collections.Generic.List[object]
    if (-not (Test-Path -LiteralPath $fullPath -PathType Leaf)) {
        return [pscustomobject]@{ current = $null; lastGood = $null; releases = $releases }
    }
    $fix = "fix it, or delete it to start a fresh history (the releases stay on disk; the next deploy records itself again)"
    try {
        $text = Get-Content -LiteralPath $fullPath -Raw -Encoding UTF8
        $state = $text | ConvertFrom-Json
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "the deploy state file '$fullPath' cannot be read ($($_.Exception.Message)); $fix" -Step $Step -ErrorId 'SvcForge.StateCorrupt' -Category InvalidData -InnerException $_.Exception)
    }
    if ($null -eq $state -or $state -isnot [pscustomobject] -or [string](Get-SvcForgePropertyValue -InputObject $state -Name 'schemaVersion' -Default '') -ne '1') {
        throw (New-SvcForgeErrorRecord -Message "the deploy state file '$fullPath' is not a schemaVersion 1 state object; $fix" -Step $Step -ErrorId 'SvcForge.StateCorrupt' -Category InvalidData)
    }
    foreach ($entry in @(Get-SvcForgePropertyValue -InputObject $state -Name 'releases' -Default @())) {
        $version = Get-SvcForgePropertyValue -InputObject $entry -Name 'version' -Default $null
        if ($version -isnot [string] -or $null -ne (Get-SvcForgeReleaseVersionProblem -Version $version)) {
            throw (New-SvcForgeErrorRecord -Message "the deploy state file '$fullPath' has a release entry without a valid version ('$version'); $fix" -Step $Step -ErrorId 'SvcForge.StateCorrupt' -Category InvalidData)
        }
        $gate = [string](Get-SvcForgePropertyValue -InputObject $entry -Name 'gate' -Default 'pending')
        if (@('pending', 'passed', 'failed') -notcontains $gate) {
            throw (New-SvcForgeErrorRecord -Message "the deploy state file '$fullPath' gives release $version the gate '$gate' (pending, passed or failed); $fix" -Step $Step -ErrorId 'SvcForge.StateCorrupt' -Category InvalidData)
        }
        $releases.Add([pscustomobject]@{
                version    = $version
                deployedAt = ConvertTo-SvcForgeIsoTime -Value (Get-SvcForgePropertyValue -InputObject $entry -Name 'deployedAt' -Default $null)
                gate       = $gate
                gateAt     = ConvertTo-SvcForgeIsoTime -Value (Get-SvcForgePropertyValue -InputObject $entry -Name 'gateAt' -Default $null)
                reason     = Get-SvcForgePropertyValue -InputObject $entry -Name 'reason' -Default $null
            })
    }
    $current = Get-SvcForgePropertyValue -InputObject $state -Name 'current' -Default $null
    $lastGood = Get-SvcForgePropertyValue -InputObject $state -Name 'lastGood' -Default $null
    [pscustomobject]@{
        current  = $current
        lastGood = $lastGood
        releases = $releases
    }
}
