function Get-SvcForgeReleaseVersionProblem {
    # Why a string cannot name a release (it becomes the folder releases\<version>), or
    # $null when it can. The same rule as svcforge build and svcforge-host.exe.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [AllowNull()]
        [string]$Version
    )
    if ($null -eq $Version -or $Version -cnotmatch '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$') {
        return "version '$Version' must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit"
    }
    if ($Version.EndsWith('.')) {
        return "version '$Version' must not end in '.' (Windows drops it from folder names)"
    }
    if ($Version -match '^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$') {
        return "version '$Version' is a Windows reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9)"
    }
    return $null
}
