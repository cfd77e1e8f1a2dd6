function Get-SvcForgeForeignAclPlan {
    # On a folder svcforge does not own, only the service accounts' entries are svcforge's
    # business: each wanted entry other than Administrators and SYSTEM must be an explicit
    # Allow with exactly its rights and inheritance. Inheritance and every other entry stay.
    # Returns the change strings and the icacls.exe /grant:r arguments that make them.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [object]$Acl,

        [Parameter(Mandatory)]
        [object[]]$Wanted
    )
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $grants = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($entry in $Wanted) {
        if (@('S-1-5-32-544', 'S-1-5-18') -contains $entry.Key) {
            continue
        }
        $allow = @($Acl.Entries | Where-Object -FilterScript { $_.Key -eq $entry.Key -and -not $_.Inherited -and $_.Type -eq 'Allow' })
        $exact = ($allow.Count -eq 1) -and ($allow[0].Rights -eq $entry.Rights) -and ($allow[0].InheritanceFlags -eq 3) -and ($allow[0].PropagationFlags -eq 0)
        if (-not $exact) {
            $changes.Add("granted $($entry.Identity) $($entry.RightsName)")
            $grants.Add($entry.IcaclsGrant)
        }
    }
    [pscustomobject]@{
        Changes = $changes.ToArray()
        Grants  = $grants.ToArray()
    }
}
