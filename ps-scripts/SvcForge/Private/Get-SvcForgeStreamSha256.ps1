function Get-SvcForgeStreamSha256 {
    # SHA-256 (lowercase hex) and length of a stream, read in 1 MB blocks. Stops reading
    # once more than MaxBytes came out (a zip entry that lies about its size, a zip bomb):
    # Length is then MaxBytes + 1 and Sha256 $null.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [System.IO.Stream]$Stream,

        [Parameter(Mandatory)]
        [long]$MaxBytes,

        [Parameter()]
        [AllowNull()]
        [System.IO.Stream]$CopyTo = $null
    )
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        $buffer = New-Object -TypeName byte[] -ArgumentList 1048576
        [long]$total = 0
        while ($true) {
            $read = $Stream.Read($buffer, 0, $buffer.Length)
            if ($read -le 0) {
                break
            }
            $total += $read
            if ($total -gt $MaxBytes) {
                return [pscustomobject]@{ Length = $MaxBytes + 1; Sha256 = $null }
            }
            $null = $sha.TransformBlock($buffer, 0, $read, $null, 0)
            if ($null -ne $CopyTo) {
                $CopyTo.Write($buffer, 0, $read)
            }
        }
        $null = $sha.TransformFinalBlock($buffer, 0, 0)
        [pscustomobject]@{
            Length = $total
            Sha256 = ([System.BitConverter]::ToString($sha.Hash)).Replace('-', '').ToLowerInvariant()
        }
    }
    finally {
        $sha.Dispose()
    }
}
