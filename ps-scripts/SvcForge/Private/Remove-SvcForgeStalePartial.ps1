function Remove-SvcForgeStalePartial {
    # Removes the .partial-* folders an interrupted unpack or prune left in the releases
    # folder: they are never a release (a release only appears by renaming a complete
    # one). Returns Removed (folder names) and Problems (one line per folder that could not
    # be removed; a later run tries again).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$ReleasesDir
    )
    $removed = New-Object -TypeName System.Collections.Generic.List[string]
    $problems = New-Object -TypeName System.Collections.Generic.List[string]
    if (Test-Path -LiteralPath $ReleasesDir -PathType Container) {
        foreach ($folder in @(Get-ChildItem -LiteralPath $ReleasesDir -Directory -Force -Filter '.partial-*')) {
            try {
                Remove-Item -LiteralPath $folder.FullName -Recurse -Force -ErrorAction Stop
                $removed.Add($folder.Name)
            }
            catch {
                $problems.Add("could not remove $($folder.Name): $($_.Exception.Message)")
            }
        }
    }
    [pscustomobject]@{
        Removed  = $removed.ToArray()
        Problems = $problems.ToArray()
    }
}
