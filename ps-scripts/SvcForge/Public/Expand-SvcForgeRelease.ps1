function Expand-SvcForgeRelease {
    <#
    .SYNOPSIS
    Unpacks a release zip to ReleasesDir\<version>, all at once or not at all.

    .DESCRIPTION
    Test-then-set step. Reads the version from release.json and checks the zip's entries
    (names, links, sizes, the file list) before writing anything. When
    ReleasesDir\<version> exists and holds every file with its SHA-256 and a byte-equal
    copy of release.json, reports unchanged; when it holds other content, throws
    SvcForge.ReleaseConflict (a version is never unpacked twice with different files).
    Otherwise extracts into ReleasesDir\.partial-<version>-<random>, hashing every file
    as it is written (flushed to the disk) against release.json (a mismatch throws
    SvcForge.ReleaseInvalid and removes the partial folder), writes release.json beside
    them and renames the folder
    to ReleasesDir\<version> in one step, so a kill at any moment leaves no release
    folder or a complete one. Removes .partial-* folders earlier runs left. Returns one
    step record.

    .PARAMETER Path
    The release zip, for example C:\deploy\gin-hello-2.0.0.zip. Verify it first with
    Test-SvcForgeRelease.

    .PARAMETER ReleasesDir
    The folder holding one folder per release, for example
    C:\Program Files\svcforge\gin-hello\releases. Created when missing.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Expand-SvcForgeRelease -Path 'C:\deploy\gin-hello-2.0.0.zip' -ReleasesDir 'C:\Program Files\svcforge\gin-hello\releases' -Step 'unpack'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$ReleasesDir,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'unpack'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $zipPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $releasesPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReleasesDir)
    $content = Get-SvcForgeReleaseContent -Path $zipPath -Step $Step -SkipHash
    $version = [string]$content.Manifest.version
    $label = "$($content.Manifest.name) $version"
    $target = Join-Path -Path $releasesPath -ChildPath $version
    $summary = "$(@($content.Files).Count) files, $(Format-SvcForgeByteSize -Bytes $content.TotalBytes)"

    if (Test-Path -LiteralPath $target) {
        $differences = @(Get-SvcForgeReleaseFolderDifference -Folder $target -Files $content.Files -ManifestBytes $content.ManifestBytes)
        if ($differences.Count -gt 0) {
            $message = "release $version is already on this host with other files (${target}: $(($differences | Select-Object -First 5) -join '; ')); build the change under a new version"
            throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.ReleaseConflict' -Category ResourceExists)
        }
        $changes = @()
        if (-not $WhatIfPreference) {
            $stale = Remove-SvcForgeStalePartial -ReleasesDir $releasesPath
            $changes = @($stale.Removed | ForEach-Object -Process { "removed leftover $_" })
        }
        $detail = "$label is already unpacked in $target ($summary, every SHA-256 matches)"
        if ($changes.Count -gt 0) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$detail; $($changes -join ', ')" -Changes $changes
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail $detail
    }
    if (-not $PSCmdlet.ShouldProcess($target, "Unpack $label")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would unpack $label to $target ($summary)" -Changes @("unpacked $version")
    }

    if (-not (Test-Path -LiteralPath $releasesPath -PathType Container)) {
        $null = New-Item -ItemType Directory -Path $releasesPath -Force
    }
    $stale = Remove-SvcForgeStalePartial -ReleasesDir $releasesPath
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($name in $stale.Removed) {
        $changes.Add("removed leftover $name")
    }
    $random = [System.Guid]::NewGuid().ToString('N').Substring(0, 8)
    $partial = Join-Path -Path $releasesPath -ChildPath ".partial-$version-$random"
    $archive = $null
    try {
        $null = New-Item -ItemType Directory -Path $partial
        $archive = Open-SvcForgeReleaseZip -Path $zipPath -Step $Step
        foreach ($file in $content.Files) {
            $destination = $partial
            $segments = $file.Path.Split('/')
            for ($index = 0; $index -lt $segments.Count; $index++) {
                if ($index -eq $segments.Count - 1) {
                    $folder = $destination
                    if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
                        $null = New-Item -ItemType Directory -Path $folder -Force
                    }
                }
                $destination = Join-Path -Path $destination -ChildPath $segments[$index]
            }
            $entry = $archive.GetEntry($file.Path)
            $source = $entry.Open()
            try {
                $output = New-Object -TypeName System.IO.FileStream -ArgumentList @($destination, [System.IO.FileMode]::CreateNew, [System.IO.FileAccess]::Write, [System.IO.FileShare]::None)
                try {
                    $written = Get-SvcForgeStreamSha256 -Stream $source -MaxBytes $file.Size -CopyTo $output
                    $output.Flush($true)
                }
                finally {
                    $output.Dispose()
                }
            }
            finally {
                $source.Dispose()
            }
            # The bytes hashed are the bytes written: a zip changed after the verify step cannot slip through.
            if ($written.Length -ne $file.Size -or $written.Sha256 -cne $file.Sha256) {
                throw (New-SvcForgeErrorRecord -Message "release '$zipPath': entry '$($file.Path)' does not match release.json (SHA-256 $($written.Sha256), $($written.Length) bytes; expected $($file.Sha256), $($file.Size) bytes), so the zip was changed or damaged after it was built; nothing was unpacked. Rebuild it with svcforge build" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
            }
        }
        $archive.Dispose()
        $archive = $null
        Write-SvcForgeBytesFile -Path (Join-Path -Path $partial -ChildPath 'release.json') -Bytes $content.ManifestBytes
        # The one step that makes the release appear, complete.
        Rename-Item -LiteralPath $partial -NewName $version
    }
    catch {
        if ($null -ne $archive) {
            $archive.Dispose()
        }
        Remove-Item -LiteralPath $partial -Recurse -Force -ErrorAction SilentlyContinue
        if ($_.FullyQualifiedErrorId -like 'SvcForge.*') {
            throw
        }
        throw (New-SvcForgeErrorRecord -Message "could not unpack $label to ${target}: $($_.Exception.Message). Check the free space and that the account may write to $releasesPath, then deploy again" -Step $Step -ErrorId 'SvcForge.UnpackFailed' -InnerException $_.Exception)
    }
    $changes.Insert(0, "unpacked $version")
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "unpacked $label to $target ($summary)" -Changes $changes.ToArray()
}
