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
    other than Administrators (S-1-5-32-544), SYSTEM (S-1-5-18) and TrustedInstaller.
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
    # WriteData, AppendData, WriteExtendedAttributes, DeleteSubdirectoriesAndFiles,
    # WriteAttributes, Delete, ChangePermissions, TakeOwnership, GenericAll, GenericWrite
    $writeMask = [int64]0x2 -bor 0x4 -bor 0x10 -bor 0x40 -bor 0x100 -bor 0x10000 -bor 0x40000 -bor 0x80000 -bor 0x10000000 -bor 0x40000000
    $trusted = @('S-1-5-32-544', 'S-1-5-18', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464')
    $inheritOnly = [int][System.Security.AccessControl.PropagationFlags]::InheritOnly
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
        $writers = New-Object -TypeName System.Collections.Generic.List[object]
        foreach ($entry in @($acl.Entries)) {
            if ($entry.Type -ne 'Allow') {
                continue
            }
            if (($entry.PropagationFlags -band $inheritOnly) -ne 0) {
                continue
            }
            if ($trusted -contains $entry.Key) {
                continue
            }
            $rights = [int64]$entry.Rights -band $writeMask
            if ($rights -eq 0) {
                continue
            }
            $writers.Add([pscustomobject]@{
                    identity = [string]$entry.Identity
                    rights   = [int64]$entry.Rights
                })
        }
        [pscustomobject]@{
            path    = $item
            exists  = $true
            writers = $writers.ToArray()
        }
    }
}
