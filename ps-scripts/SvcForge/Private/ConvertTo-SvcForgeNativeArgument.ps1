function ConvertTo-SvcForgeNativeArgument {
    # Prepares arguments for '& native.exe @args' so the program's CommandLineToArgvW gets
    # each string back exactly. PowerShell 7.3+ ('Standard'/'Windows' argument passing)
    # already does that. Windows PowerShell 5.1 (and 'Legacy') only wraps an argument with
    # whitespace in quotes: it does not escape embedded quotes and drops an empty string.
    # There each argument is escaped the CreateProcess way first: backslashes before a
    # quote doubled and the quote escaped, trailing backslashes doubled when 5.1 will add
    # the closing quote, and '' passed as "".
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$ArgumentList
    )
    $mode = Get-Variable -Name 'PSNativeCommandArgumentPassing' -ValueOnly -ErrorAction SilentlyContinue
    $legacy = ($null -eq $mode) -or ([string]$mode -eq 'Legacy')
    $converted = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($argument in $ArgumentList) {
        if (-not $legacy) {
            $converted.Add($argument)
            continue
        }
        if ($argument.Length -eq 0) {
            $converted.Add('""')
            continue
        }
        $escaped = [regex]::Replace($argument, '(\\*)"', { param($match) $match.Groups[1].Value + $match.Groups[1].Value + '\"' })
        # PowerShell 6+ in 'Legacy' mode doubles trailing backslashes itself; 5.1 does not.
        if ($escaped -match '\s' -and $PSVersionTable.PSVersion.Major -lt 6) {
            $escaped = [regex]::Replace($escaped, '(\\+)$', { param($match) $match.Groups[1].Value + $match.Groups[1].Value })
        }
        $converted.Add($escaped)
    }
    , $converted.ToArray()
}
