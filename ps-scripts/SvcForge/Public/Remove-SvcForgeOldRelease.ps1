function Remove-SvcForgeOldRelease {
    <#
    .SYNOPSIS
    Removes old release folders, keeping the newest, the current and the last good one.

    .DESCRIPTION
    Test-then-set step. Keeps the Keep newest releases of the state file (by deployedAt)
    plus, always, its current and lastGood releases; removes the other release folders
    and their state entries, and .partial-* folders interrupted runs left. Folders the
    state file does not know are left alone. A folder is first renamed to
    .partial-removing-<version>-<random> (which fails while a file in it is in use, and
    then the folder stays whole) and then deleted; a folder that cannot be removed is
    named in the detail and kept in the state, the deploy does not fail. Unchanged when
    there is nothing to remove. Returns one step record.

    .PARAMETER ReleasesDir
    The folder holding one folder per release.

    .PARAMETER StatePath
    The deploy state file, for example C:\ProgramData\svcforge\gin-hello\releases.json.

    .PARAMETER Keep
    How many of the newest releases to keep, besides current and lastGood. Default 5.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Remove-SvcForgeOldRelease -ReleasesDir 'C:\Program Files\svcforge\gin-hello\releases' -StatePath 'C:\ProgramData\svcforge\gin-hello\releases.json' -Keep 5 -Step 'prune'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$ReleasesDir,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$StatePath,

        [Parameter()]
        [ValidateRange(1, 1000)]
        [int]$Keep = 5,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'prune'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $releasesPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReleasesDir)
    $state = Read-SvcForgeReleaseState -Path $StatePath -Step $Step
    $sorted = @(Get-SvcForgeSortedReleaseEntry -Entries $state.releases.ToArray())
    $keepSet = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' -ArgumentList @([System.StringComparer]::Ordinal)
    foreach ($entry in @($sorted | Select-Object -First $Keep)) {
        $null = $keepSet.Add($entry.version)
    }
    foreach ($version in @($state.current, $state.lastGood)) {
        if ($null -ne $version) {
            $null = $keepSet.Add([string]$version)
        }
    }
    $old = @($sorted | Where-Object -FilterScript { -not $keepSet.Contains($_.version) })
    $partials = @()
    if (Test-Path -LiteralPath $releasesPath -PathType Container) {
        $partials = @(Get-ChildItem -LiteralPath $releasesPath -Directory -Force -Filter '.partial-*')
    }
    if ($old.Count -eq 0 -and $partials.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "nothing to remove ($($sorted.Count) releases, keep $Keep)"
    }
    $versions = @($old | ForEach-Object -Process { $_.version })
    if (-not $PSCmdlet.ShouldProcess($releasesPath, "Remove releases $($versions -join ', ')")) {
        $would = @($versions | ForEach-Object -Process { "removed release $_" }) + @($partials | ForEach-Object -Process { "removed leftover $($_.Name)" })
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would remove releases $($versions -join ', ') (keep $Keep)" -Changes $would
    }

    $removed = New-Object -TypeName System.Collections.Generic.List[string]
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $problems = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($entry in $old) {
        $folder = Join-Path -Path $releasesPath -ChildPath $entry.version
        if (Test-Path -LiteralPath $folder) {
            $doomedName = ".partial-removing-$($entry.version)-$([System.Guid]::NewGuid().ToString('N').Substring(0, 8))"
            try {
                Rename-Item -LiteralPath $folder -NewName $doomedName
            }
            catch {
                $problems.Add("could not remove release $($entry.version) ($($_.Exception.Message)); a file in it may be in use, the next deploy tries again")
                continue
            }
            Remove-Item -LiteralPath (Join-Path -Path $releasesPath -ChildPath $doomedName) -Recurse -Force -ErrorAction SilentlyContinue
        }
        $null = $state.releases.Remove($entry)
        $removed.Add($entry.version)
        $changes.Add("removed release $($entry.version)")
    }
    $stale = Remove-SvcForgeStalePartial -ReleasesDir $releasesPath
    foreach ($name in $stale.Removed) {
        if ($name -notlike '.partial-removing-*') {
            $changes.Add("removed leftover $name")
        }
    }
    foreach ($problem in $stale.Problems) {
        $problems.Add($problem)
    }
    if ($removed.Count -gt 0) {
        Save-SvcForgeReleaseState -Path $StatePath -State $state
    }
    $detail = "removed releases $($removed -join ', ') (keep $Keep)"
    if ($removed.Count -eq 0) {
        $detail = "removed no release (keep $Keep)"
    }
    if ($problems.Count -gt 0) {
        $detail = "$detail; warning: $($problems -join '; ')"
    }
    $status = 'changed'
    if ($changes.Count -eq 0) {
        $status = 'unchanged'
    }
    New-SvcForgeStepRecord -Step $Step -Status $status -Detail $detail -Changes $changes.ToArray()
}
