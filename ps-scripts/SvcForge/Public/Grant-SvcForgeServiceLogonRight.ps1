function Grant-SvcForgeServiceLogonRight {
    <#
    .SYNOPSIS
    Gives a service account "Log on as a service" (SeServiceLogonRight) when it lacks it.

    .DESCRIPTION
    Test-then-set step for the accounts the SCM logs on with a password or a managed one:
    a user account (DOMAIN\user) or a gMSA (DOMAIN\name$). Without this right the SCM
    cannot log the account on and the service fails to start with error 1069 (the
    service did not start due to a logon failure). Setting the account with
    Win32_Service.Change or sc.exe does not grant it (services.msc does); Carbon's
    Install-CService grants it the same way.

    Reads the rights given to the account's own SID in the local security policy
    (LsaEnumerateAccountRights) and, when SeServiceLogonRight is not among them, adds it
    (LsaAddAccountRights). A right the account holds only through a group is not seen, so
    it is then given to the account itself as well; nothing is ever taken away (also not
    at uninstall: other services may run as the same account). When a domain Group
    Policy defines "Log on as a service" for this computer, its next refresh replaces the
    local list: add the account in that policy instead (svcforge doctor shows a loss).

    .PARAMETER Account
    The service account, DOMAIN\user or DOMAIN\name$.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Grant-SvcForgeServiceLogonRight -Account 'CONTOSO\svc-gin' -Step 'logon-right:CONTOSO\svc-gin'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Account,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'logon-right'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $right = 'SeServiceLogonRight'
    $rights = Invoke-SvcForgeLsaRight -Account $Account -Get -Step $Step
    if ($null -eq $rights) {
        throw (New-SvcForgeErrorRecord -Message "account '$Account' cannot be resolved to a SID on this host, so it cannot be given Log on as a service ($right); check its name, and for a gMSA that it is installed here (Install-ADServiceAccount) and the domain is reachable" -Step $Step -ErrorId 'SvcForge.AccountNotFound' -Category ObjectNotFound)
    }
    if ($rights -contains $right) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$Account may log on as a service ($right)"
    }
    $change = "granted Log on as a service ($right) to $Account"
    if (-not $PSCmdlet.ShouldProcess("account '$Account'", "Grant $right (Log on as a service)")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would grant Log on as a service ($right) to $Account" -Changes @($change)
    }
    Invoke-SvcForgeLsaRight -Account $Account -Add $right -Step $Step
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $change -Changes @($change)
}
