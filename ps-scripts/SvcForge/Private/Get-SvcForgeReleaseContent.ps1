function Get-SvcForgeReleaseContent {
    # Checks a release zip before anything is written: release.json, every entry name
    # (Get-SvcForgeReleaseEntryProblem), no links, no two names that differ only in case,
    # the unpacked size under the cap, the same set of files as release.json lists, and
    # (unless -SkipHash) every entry's size and SHA-256, hashed by streaming the entry.
    # Throws SvcForge.ReleaseInvalid naming the entry; returns Manifest, ManifestBytes,
    # Files (Path, Size, Sha256 from release.json) and TotalBytes.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter()]
        [string]$Step = '',

        [Parameter()]
        [switch]$SkipHash
    )
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $fix = 'rebuild it with svcforge build'
    $maxBytes = Get-SvcForgeReleaseMaxBytes
    $archive = Open-SvcForgeReleaseZip -Path $fullPath -Step $Step
    try {
        $read = Get-SvcForgeReleaseManifestFromZip -Archive $archive -Path $fullPath -Step $Step
        $manifest = $read.Manifest

        $listed = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList @([System.StringComparer]::Ordinal)
        foreach ($file in @($manifest.files)) {
            if ($listed.ContainsKey($file.path)) {
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': release.json lists '$($file.path)' twice; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            $listed[$file.path] = $file
        }

        $entries = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList @([System.StringComparer]::Ordinal)
        $folded = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,string]' -ArgumentList @([System.StringComparer]::OrdinalIgnoreCase)
        [long]$total = 0
        foreach ($entry in $archive.Entries) {
            $name = $entry.FullName
            $problem = Get-SvcForgeReleaseEntryProblem -EntryName $name
            if ($null -ne $problem) {
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': entry '$name' $problem; nothing was unpacked. $fix from a folder without such names" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            $attributes = Get-SvcForgePropertyValue -InputObject $entry -Name 'ExternalAttributes' -Default 0
            $unsigned = [long]$attributes -band 0xFFFFFFFFL
            if (((($unsigned -shr 16) -band 0xF000) -eq 0xA000) -or (($unsigned -band 0x400) -ne 0)) {
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': entry '$name' is a symbolic link or reparse point, which could point outside the release folder; nothing was unpacked. $fix without links" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            if ($folded.ContainsKey($name.TrimEnd('/'))) {
                $other = $folded[$name.TrimEnd('/')]
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': entry '$name' and '$other' differ only in case (or appear twice) and Windows would unpack them as one file; nothing was unpacked. $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            $folded[$name.TrimEnd('/')] = $name
            if ($entry.Length -gt $maxBytes) {
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': entry '$name' unpacks to $($entry.Length) bytes, over the limit of $maxBytes; nothing was unpacked. $fix with smaller assets" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            $total += $entry.Length
            if ($total -gt $maxBytes) {
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': the entries up to '$name' unpack to $total bytes, over the limit of $maxBytes; nothing was unpacked. $fix with fewer or smaller assets" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            if ($name.EndsWith('/')) {
                if ($entry.Length -ne 0) {
                    throw (New-SvcForgeErrorRecord -Message "release '$fullPath': folder entry '$name' has content; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
                }
                continue
            }
            if ($name -ceq 'release.json') {
                continue
            }
            $entries[$name] = $entry
        }

        $missing = @($listed.Keys | Where-Object -FilterScript { -not $entries.ContainsKey($_) } | Sort-Object)
        $extra = @($entries.Keys | Where-Object -FilterScript { -not $listed.ContainsKey($_) } | Sort-Object)
        if ($missing.Count -gt 0 -or $extra.Count -gt 0) {
            $parts = @()
            if ($missing.Count -gt 0) {
                $parts += "release.json lists $($missing.Count) file(s) the zip does not hold: $(($missing | Select-Object -First 10) -join ', ')"
            }
            if ($extra.Count -gt 0) {
                $parts += "the zip holds $($extra.Count) file(s) release.json does not list: $(($extra | Select-Object -First 10) -join ', ')"
            }
            throw (New-SvcForgeErrorRecord -Message "release '$fullPath': $($parts -join '; '); nothing was unpacked. $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
        }

        $files = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($name in @($listed.Keys | Sort-Object)) {
            $file = $listed[$name]
            $entry = $entries[$name]
            $size = [long]$file.size
            if ($entry.Length -ne $size) {
                throw (New-SvcForgeErrorRecord -Message "release '$fullPath': entry '$name' is $($entry.Length) bytes but release.json says $size; nothing was unpacked. $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
            if (-not $SkipHash) {
                $stream = $entry.Open()
                try {
                    $hash = Get-SvcForgeStreamSha256 -Stream $stream -MaxBytes $size
                }
                finally {
                    $stream.Dispose()
                }
                if ($hash.Length -ne $size -or $hash.Sha256 -cne $file.sha256) {
                    throw (New-SvcForgeErrorRecord -Message "release '$fullPath': entry '$name' does not match release.json (SHA-256 $($hash.Sha256), $($hash.Length) bytes; expected $($file.sha256), $size bytes), so the zip was changed or damaged after it was built; nothing was unpacked. $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
                }
            }
            $files.Add([pscustomobject]@{ Path = $name; Size = $size; Sha256 = [string]$file.sha256 })
        }
        [pscustomobject]@{
            Path          = $fullPath
            Manifest      = $manifest
            ManifestBytes = $read.Bytes
            Files         = $files.ToArray()
            TotalBytes    = $total
        }
    }
    finally {
        $archive.Dispose()
    }
}
