function ConvertTo-SvcForgeIsoTime {
    # 2026-12-05T09:00:00.123Z for a DateTime (UTC), or the value unchanged when it is a
    # string already. PowerShell 7's ConvertFrom-Json turns ISO strings into DateTime;
    # this turns them back so the state file keeps one format on 5.1 and 7.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter()]
        [AllowNull()]
        [object]$Value
    )
    if ($null -eq $Value) {
        return $null
    }
    if ($Value -is [datetime]) {
        return $Value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    return [string]$Value
}
