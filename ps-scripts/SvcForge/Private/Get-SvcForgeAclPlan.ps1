function Get-SvcForgeAclPlan {
    # Compares a directory's current ACL with the wanted entries (see Set-SvcForgeDirectory)
    # and returns the differences: human change strings plus what icacls.exe must do.
    # InheritanceFlags: what each wanted entry must carry, 3 (ContainerInherit,
    # ObjectInherit) for a directory, 0 for a file (Set-SvcForgeSecretFile).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter(Mandatory)]
        [object[]]$Wanted,

        [Parameter()]
        [ValidateSet(0, 3)]
        [int]$InheritanceFlags = 3,

        [Parameter()]
        [object]$Acl
    )
    # Acl: the ACL already read (Get-SvcForgeDirectoryAcl), so a step reads it once.
    $current = $Acl
    if ($null -eq $current) {
        $current = Get-SvcForgeDirectoryAcl -Path $Path
    }
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $remove = New-Object -TypeName System.Collections.Generic.List[string]
    $removeDeny = New-Object -TypeName System.Collections.Generic.List[string]
    $wantedKeys = @($Wanted | ForEach-Object -Process { $_.Key })
    $inherited = @($current.Entries | Where-Object -FilterScript { $_.Inherited })

    $disableInheritance = (-not $current.Protected) -or ($inherited.Count -gt 0)
    if ($disableInheritance) {
        $changes.Add("disabled inheritance (removed $($inherited.Count) inherited entries)")
    }
    foreach ($entry in $Wanted) {
        $explicit = @($current.Entries | Where-Object -FilterScript { $_.Key -eq $entry.Key -and -not $_.Inherited })
        $allow = @($explicit | Where-Object -FilterScript { $_.Type -eq 'Allow' })
        $deny = @($explicit | Where-Object -FilterScript { $_.Type -ne 'Allow' })
        $exact = ($allow.Count -eq 1) -and ($allow[0].Rights -eq $entry.Rights) -and ($allow[0].InheritanceFlags -eq $InheritanceFlags) -and ($allow[0].PropagationFlags -eq 0)
        if (-not $exact) {
            $changes.Add("granted $($entry.Identity) $($entry.RightsName)")
        }
        if ($deny.Count -gt 0) {
            $changes.Add("removed deny entries of $($entry.Identity)")
            $removeDeny.Add($entry.IcaclsIdentity)
        }
    }
    foreach ($entry in @($current.Entries | Where-Object -FilterScript { -not $_.Inherited })) {
        if ($wantedKeys -contains $entry.Key) {
            continue
        }
        $identity = $entry.Identity
        if ($entry.Key -like 'S-1-*') {
            $identity = '*' + $entry.Key
        }
        if (-not $remove.Contains($identity)) {
            $remove.Add($identity)
            $rightsText = [string]$entry.Rights
            if ($entry.Rights -ge 0 -and $entry.Rights -le [int]::MaxValue) {
                $rightsText = [string]([System.Security.AccessControl.FileSystemRights][int]$entry.Rights)
            }
            $changes.Add("removed $($entry.Identity) ($($entry.Type) $rightsText)")
        }
    }
    [pscustomobject]@{
        Changes              = $changes.ToArray()
        DisableInheritance   = $disableInheritance
        RemoveIdentities     = $remove.ToArray()
        RemoveDenyIdentities = $removeDeny.ToArray()
    }
}
