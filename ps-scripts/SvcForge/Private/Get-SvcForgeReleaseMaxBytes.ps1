function Get-SvcForgeReleaseMaxBytes {
    # The most a release may unpack to: 2 GiB, or $script:SvcForgeReleaseMaxBytes when set
    # (a test lowers it instead of building a 2 GiB zip).
    [CmdletBinding()]
    [OutputType([long])]
    param()
    $variable = Get-Variable -Name 'SvcForgeReleaseMaxBytes' -Scope Script -ErrorAction SilentlyContinue
    if ($null -ne $variable -and $null -ne $variable.Value) {
        return [long]$variable.Value
    }
    return [long]2GB
}
