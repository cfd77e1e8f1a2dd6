function Get-SvcForgeDirectoryAcl {
    # Reads a directory's security descriptor with Get-Acl and normalizes it for
    # comparison: the owner (name and key), the SDDL (kept to give a folder svcforge does
    # not own its descriptor back) and every DACL entry: identity key (SID), rights
    # without the Synchronize bit, allow/deny, inherited, inheritance and propagation flags.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path
    )
    $acl = Get-Acl -LiteralPath $Path
    $entries = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($rule in @($acl.Access)) {
        $identity = [string]$rule.IdentityReference
        $entries.Add([pscustomobject]@{
                Identity         = $identity
                Key              = Get-SvcForgeIdentityKey -Identity $identity
                Rights           = ([int64]$rule.FileSystemRights) -band (-bnot [int64]0x100000)
                Type             = [string]$rule.AccessControlType
                Inherited        = [bool]$rule.IsInherited
                InheritanceFlags = [int]$rule.InheritanceFlags
                PropagationFlags = [int]$rule.PropagationFlags
            })
    }
    $owner = [string](Get-SvcForgePropertyValue -InputObject $acl -Name 'Owner' -Default '')
    $ownerKey = ''
    if ($owner) {
        $ownerKey = Get-SvcForgeIdentityKey -Identity $owner
    }
    [pscustomobject]@{
        Protected = [bool]$acl.AreAccessRulesProtected
        Owner     = $owner
        OwnerKey  = $ownerKey
        Sddl      = [string](Get-SvcForgePropertyValue -InputObject $acl -Name 'Sddl' -Default '')
        Entries   = $entries.ToArray()
    }
}
