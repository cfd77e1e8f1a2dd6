function Get-SvcForgeWriteAccess {
    <#
    .SYNOPSIS
    Lists who besides Administrators, SYSTEM and TrustedInstaller can change a file or directory.

    .DESCRIPTION
    Read-only audit used by 'svcforge doctor'. Reads each path's ACL with Get-Acl and
    returns one object per path: path, exists, and writers: every Allow entry that
    applies to the path itself (inherit-only entries are ignored) and grants a right
    that lets its holder change it (write or append data, write attributes, delete,
    change permissions, take ownership, or generic write/all), held by an identity
    other than Administrators (S-1-5-32-544), SYSTEM (S-1-5-18) and TrustedInstaller,
    and an owner outside those three (an owner can always rewrite the ACL).
    A service binary or install directory with writers is a privilege-escalation path:
    whoever can replace the binary runs code as the service account.

    .PARAMETER Path
    One or more absolute paths, for example the service's binary and its install directory.

    .EXAMPLE
    Get-SvcForgeWriteAccess -Path @('C:\Program Files\svcforge\gin-hello', 'C:\Program Files\svcforge\gin-hello\svcforge-host.exe')
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string[]]$Path
    )
    $ErrorActionPreference = 'Stop'
    foreach ($item in $Path) {
        if (-not (Test-Path -LiteralPath $item)) {
            [pscustomobject]@{
                path    = $item
                exists  = $false
                writers = @()
            }
            continue
        }
        $acl = Get-SvcForgeDirectoryAcl -Path $item
        $writers = @(Get-SvcForgeAclWriter -Acl $acl | ForEach-Object -Process { [pscustomobject]@{ identity = $_.identity; rights = $_.rights } })
        [pscustomobject]@{
            path    = $item
            exists  = $true
            writers = $writers
        }
    }
}
