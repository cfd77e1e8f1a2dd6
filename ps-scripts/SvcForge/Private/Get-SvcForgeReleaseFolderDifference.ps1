function Get-SvcForgeReleaseFolderDifference {
    # What differs between an unpacked release folder and the release it should hold:
    # one line per file missing, of another size or another SHA-256, and for a copy of
    # release.json that is not byte-equal. Files the folder has beyond the list are not
    # looked at (the program may write beside itself). Empty when the folder is that release.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string]$Folder,

        [Parameter(Mandatory)]
        [object[]]$Files,

        [Parameter(Mandatory)]
        [byte[]]$ManifestBytes
    )
    $differences = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($file in $Files) {
        $target = $Folder
        foreach ($segment in $file.Path.Split('/')) {
            $target = Join-Path -Path $target -ChildPath $segment
        }
        $item = Get-Item -LiteralPath $target -Force -ErrorAction SilentlyContinue
        if ($null -eq $item -or $item.PSIsContainer) {
            $differences.Add("$($file.Path) is missing")
            continue
        }
        if ($item.Length -ne $file.Size) {
            $differences.Add("$($file.Path) is $($item.Length) bytes, not $($file.Size)")
            continue
        }
        $hash = (Get-FileHash -LiteralPath $target -Algorithm SHA256).Hash.ToLowerInvariant()
        if ($hash -cne $file.Sha256) {
            $differences.Add("$($file.Path) has SHA-256 $($hash.Substring(0, 12)), not $($file.Sha256.Substring(0, 12))")
        }
    }
    $manifestPath = Join-Path -Path $Folder -ChildPath 'release.json'
    $manifestItem = Get-Item -LiteralPath $manifestPath -Force -ErrorAction SilentlyContinue
    if ($null -eq $manifestItem -or $manifestItem.PSIsContainer) {
        $differences.Add('release.json is missing')
    }
    else {
        $stream = New-Object -TypeName System.IO.FileStream -ArgumentList @($manifestItem.FullName, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        try {
            $buffer = New-Object -TypeName System.IO.MemoryStream
            $stream.CopyTo($buffer)
            $onDisk = $buffer.ToArray()
        }
        finally {
            $stream.Dispose()
        }
        $same = $onDisk.Length -eq $ManifestBytes.Length
        if ($same) {
            for ($index = 0; $index -lt $onDisk.Length; $index++) {
                if ($onDisk[$index] -ne $ManifestBytes[$index]) {
                    $same = $false
                    break
                }
            }
        }
        if (-not $same) {
            $differences.Add('release.json differs')
        }
    }
    $differences.ToArray()
}
