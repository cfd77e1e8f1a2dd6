function Write-SvcForgeFileAtomically {
    # Replaces a text file so a reader (svcforge-host.exe reading release.conf at each
    # program start) sees the old text or the new one, never a part: writes
    # <Path>.tmp-<random> in full (UTF-8 without BOM, flushed to the disk), then
    # ReplaceFile over the existing file, or a rename when there is none.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Text
    )
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $folder = Split-Path -Path $fullPath -Parent
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
        $null = New-Item -ItemType Directory -Path $folder -Force
    }
    $temporary = "$fullPath.tmp-$([System.Guid]::NewGuid().ToString('N').Substring(0, 8))"
    $bytes = (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)).GetBytes($Text)
    try {
        Write-SvcForgeBytesFile -Path $temporary -Bytes $bytes
        $temporaryFile = New-Object -TypeName System.IO.FileInfo -ArgumentList @($temporary)
        if (Test-Path -LiteralPath $fullPath -PathType Leaf) {
            $null = $temporaryFile.Replace($fullPath, [NullString]::Value)
        }
        else {
            $temporaryFile.MoveTo($fullPath)
        }
    }
    catch {
        Remove-Item -LiteralPath $temporary -Force -ErrorAction SilentlyContinue
        throw
    }
}
