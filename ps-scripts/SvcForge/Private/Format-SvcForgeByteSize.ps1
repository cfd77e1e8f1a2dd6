function Format-SvcForgeByteSize {
    # 12.4 MB, 3.0 KB, 17 bytes: a size for a human, the same text in every culture.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [long]$Bytes
    )
    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    if ($Bytes -ge 1GB) {
        return ([double]$Bytes / 1GB).ToString('0.0', $culture) + ' GB'
    }
    if ($Bytes -ge 1MB) {
        return ([double]$Bytes / 1MB).ToString('0.0', $culture) + ' MB'
    }
    if ($Bytes -ge 1KB) {
        return ([double]$Bytes / 1KB).ToString('0.0', $culture) + ' KB'
    }
    return "$Bytes bytes"
}
