function Get-SvcForgeAclWriter {
    # Who besides Administrators, SYSTEM and TrustedInstaller can change a file or folder,
    # from its normalized ACL (Get-SvcForgeDirectoryAcl): every Allow entry that applies to
    # the path itself and grants a right that lets its holder change it, and an owner
    # outside those three (an owner can always rewrite the DACL).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [object]$Acl
    )
    # WriteData, AppendData, WriteExtendedAttributes, DeleteSubdirectoriesAndFiles,
    # WriteAttributes, Delete, ChangePermissions, TakeOwnership, GenericAll, GenericWrite
    $writeMask = [int64]0x2 -bor 0x4 -bor 0x10 -bor 0x40 -bor 0x100 -bor 0x10000 -bor 0x40000 -bor 0x80000 -bor 0x10000000 -bor 0x40000000
    $trusted = @('S-1-5-32-544', 'S-1-5-18', 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464')
    $inheritOnly = [int][System.Security.AccessControl.PropagationFlags]::InheritOnly
    if ($Acl.OwnerKey -and $trusted -notcontains $Acl.OwnerKey) {
        [pscustomobject]@{
            identity = [string]$Acl.Owner
            rights   = [int64]0x40000
            owner    = $true
        }
    }
    foreach ($entry in @($Acl.Entries)) {
        if ($entry.Type -ne 'Allow') {
            continue
        }
        if (($entry.PropagationFlags -band $inheritOnly) -ne 0) {
            continue
        }
        if ($trusted -contains $entry.Key) {
            continue
        }
        if (([int64]$entry.Rights -band $writeMask) -eq 0) {
            continue
        }
        [pscustomobject]@{
            identity = [string]$entry.Identity
            rights   = [int64]$entry.Rights
            owner    = $false
        }
    }
}
