function ConvertTo-SvcForgeWqlString {
    # Quotes a value for a WQL filter: Name='<value>' with \ and ' escaped.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Value
    )
    "'" + $Value.Replace('\', '\\').Replace("'", "\'") + "'"
}
