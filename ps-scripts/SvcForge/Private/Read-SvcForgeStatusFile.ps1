function Read-SvcForgeStatusFile {
    # The supervisor's status.json as an object, or $null when it is missing or cannot be
    # parsed after a few tries (the supervisor may be writing it this very moment).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter()]
        [int]$Attempts = 3
    )
    for ($attempt = 1; $attempt -le $Attempts; $attempt++) {
        if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
            return $null
        }
        try {
            $stream = New-Object -TypeName System.IO.FileStream -ArgumentList @($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, ([System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete))
            try {
                $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList @($stream, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)))
                $text = $reader.ReadToEnd()
            }
            finally {
                $stream.Dispose()
            }
            $status = $text | ConvertFrom-Json
            if ($status -is [pscustomobject]) {
                return $status
            }
        }
        catch {
            Write-Verbose -Message "status file $Path not readable yet: $($_.Exception.Message)"
        }
        if ($attempt -lt $Attempts) {
            Start-Sleep -Milliseconds 50
        }
    }
    return $null
}
