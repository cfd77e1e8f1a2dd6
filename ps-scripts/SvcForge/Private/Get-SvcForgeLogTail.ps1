function Get-SvcForgeLogTail {
    # The last lines of the newest *.log files in a folder (the program's stdout and
    # stderr logs), each under a '--- <file>' line; read shared, since the supervisor keeps
    # them open, and only from the last 64 KB so a huge log costs nothing. '' when none.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$LogDir,

        [Parameter()]
        [int]$Lines = 20,

        [Parameter()]
        [int]$Files = 2
    )
    if ([string]::IsNullOrEmpty($LogDir) -or -not (Test-Path -LiteralPath $LogDir -PathType Container)) {
        return ''
    }
    $newest = @(Get-ChildItem -LiteralPath $LogDir -Filter '*.log' -File -ErrorAction SilentlyContinue | Sort-Object -Property LastWriteTimeUtc -Descending | Select-Object -First $Files)
    $parts = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($file in $newest) {
        try {
            $stream = New-Object -TypeName System.IO.FileStream -ArgumentList @($file.FullName, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, ([System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete))
            try {
                $start = [Math]::Max([long]0, $stream.Length - 65536)
                $null = $stream.Seek($start, [System.IO.SeekOrigin]::Begin)
                $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList @($stream, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)))
                $text = $reader.ReadToEnd()
            }
            finally {
                $stream.Dispose()
            }
        }
        catch {
            $parts.Add("--- $($file.Name) (not readable: $($_.Exception.Message))")
            continue
        }
        $all = @($text -split '\r?\n')
        if ($all.Count -gt 0 -and $all[$all.Count - 1] -eq '') {
            $all = @($all | Select-Object -First ($all.Count - 1))
        }
        $tail = @($all | Select-Object -Last $Lines)
        $parts.Add("--- $($file.Name) (last $($tail.Count) lines)")
        foreach ($line in $tail) {
            $parts.Add($line)
        }
    }
    $parts -join "`n"
}
