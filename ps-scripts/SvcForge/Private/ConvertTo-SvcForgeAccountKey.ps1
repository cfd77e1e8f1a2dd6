function ConvertTo-SvcForgeAccountKey {
    # Normalizes a service account name for comparison: the SCM reports LocalSystem as
    # "LocalSystem", the built-in service accounts as "NT AUTHORITY\LocalService", and
    # people write "NT AUTHORITY\Local Service" or "NT AUTHORITY\SYSTEM".
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Account
    )
    $key = $Account.Trim().ToUpperInvariant()
    switch ($key) {
        '' { return 'LOCALSYSTEM' }
        'LOCALSYSTEM' { return 'LOCALSYSTEM' }
        '.\LOCALSYSTEM' { return 'LOCALSYSTEM' }
        'NT AUTHORITY\SYSTEM' { return 'LOCALSYSTEM' }
        'SYSTEM' { return 'LOCALSYSTEM' }
        'NT AUTHORITY\LOCALSERVICE' { return 'LOCALSERVICE' }
        'NT AUTHORITY\LOCAL SERVICE' { return 'LOCALSERVICE' }
        'NT AUTHORITY\NETWORKSERVICE' { return 'NETWORKSERVICE' }
        'NT AUTHORITY\NETWORK SERVICE' { return 'NETWORKSERVICE' }
    }
    return $key
}
