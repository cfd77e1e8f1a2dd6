function Get-SvcForgeDeployLockHolder {
    # The text the holder of a deploy lock wrote into it (pid=... host=... since=...),
    # read while it holds the file open (it shares it for reading); '' when unreadable.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [string]$Path
    )
    try {
        $stream = New-Object -TypeName System.IO.FileStream -ArgumentList @($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        try {
            $buffer = New-Object -TypeName byte[] -ArgumentList 4096
            $read = $stream.Read($buffer, 0, $buffer.Length)
            return (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)).GetString($buffer, 0, $read).Trim()
        }
        finally {
            $stream.Dispose()
        }
    }
    catch {
        return ''
    }
}
