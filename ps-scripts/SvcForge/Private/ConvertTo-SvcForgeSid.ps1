function ConvertTo-SvcForgeSid {
    # Returns the SID string of an account, or $null when it cannot be resolved here.
    # Well-known accounts are mapped from a table; a virtual account NT SERVICE\<name>
    # gets its SID computed (S-1-5-80- + SHA-1 of the upper-case UTF-16LE service name, as
    # 'sc.exe showsid' does), so it resolves even before the service exists; anything
    # else goes through NTAccount.Translate (Windows only).
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Account
    )
    $name = $Account.Trim()
    if ($name.StartsWith('*')) {
        $name = $name.Substring(1)
    }
    if ($name -match '^[Ss]-1(-\d+)+$') {
        return $name.ToUpperInvariant()
    }
    $wellKnown = @{
        'BUILTIN\ADMINISTRATORS'            = 'S-1-5-32-544'
        'ADMINISTRATORS'                    = 'S-1-5-32-544'
        'BUILTIN\USERS'                     = 'S-1-5-32-545'
        'USERS'                             = 'S-1-5-32-545'
        'NT AUTHORITY\SYSTEM'               = 'S-1-5-18'
        'SYSTEM'                            = 'S-1-5-18'
        'LOCALSYSTEM'                       = 'S-1-5-18'
        'NT AUTHORITY\LOCAL SERVICE'        = 'S-1-5-19'
        'NT AUTHORITY\LOCALSERVICE'         = 'S-1-5-19'
        'NT AUTHORITY\NETWORK SERVICE'      = 'S-1-5-20'
        'NT AUTHORITY\NETWORKSERVICE'       = 'S-1-5-20'
        'NT AUTHORITY\AUTHENTICATED USERS'  = 'S-1-5-11'
        'EVERYONE'                          = 'S-1-1-0'
        'CREATOR OWNER'                     = 'S-1-3-0'
    }
    $upper = $name.ToUpperInvariant()
    if ($wellKnown.ContainsKey($upper)) {
        return $wellKnown[$upper]
    }
    if ($upper -match '^NT SERVICE\\(.+)$') {
        $serviceName = $Matches[1]
        $sha1 = [System.Security.Cryptography.SHA1]::Create()
        try {
            $hash = $sha1.ComputeHash([System.Text.Encoding]::Unicode.GetBytes($serviceName))
        }
        finally {
            $sha1.Dispose()
        }
        $parts = New-Object -TypeName System.Collections.Generic.List[string]
        for ($i = 0; $i -lt 5; $i++) {
            $parts.Add([string][System.BitConverter]::ToUInt32($hash, $i * 4))
        }
        return 'S-1-5-80-' + ($parts -join '-')
    }
    try {
        $ntAccount = New-Object -TypeName System.Security.Principal.NTAccount -ArgumentList @($name)
        return $ntAccount.Translate([System.Security.Principal.SecurityIdentifier]).Value
    }
    catch {
        return $null
    }
}
