function Get-SvcForgeDirectoryAcl {
    # Reads a directory's DACL with Get-Acl and normalizes every entry for comparison:
    # identity key (SID), rights without the Synchronize bit, allow/deny, inherited,
    # inheritance and propagation flags.
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
    [pscustomobject]@{
        Protected = [bool]$acl.AreAccessRulesProtected
        Entries   = $entries.ToArray()
    }
}
