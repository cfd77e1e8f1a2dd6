function Get-SvcForgeAccountRight {
    <#
    .SYNOPSIS
    The account rights the local security policy gives an account itself.

    .DESCRIPTION
    Read-only, for svcforge doctor. Returns one object: account, resolved ($false when
    the name cannot be resolved to a SID here, e.g. a gMSA not installed on this host)
    and rights (the names LsaEnumerateAccountRights lists for the account's own SID, such
    as SeServiceLogonRight; rights held through a group are not listed).

    .PARAMETER Account
    The account, e.g. CONTOSO\svc-gin or CONTOSO\gmsa-gin$.

    .EXAMPLE
    Get-SvcForgeAccountRight -Account 'CONTOSO\svc-gin'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Account
    )
    $ErrorActionPreference = 'Stop'
    $rights = Invoke-SvcForgeLsaRight -Account $Account -Get
    [pscustomobject]@{
        account  = $Account
        resolved = $null -ne $rights
        rights   = [string[]]@($rights | Where-Object -FilterScript { $null -ne $_ })
    }
}
