function Get-SvcForgeUtcNow {
    # Now in UTC as the state file stores it: 2026-12-05T09:00:00.123Z.
    [CmdletBinding()]
    [OutputType([string])]
    param()
    ConvertTo-SvcForgeIsoTime -Value ([datetime]::UtcNow)
}
