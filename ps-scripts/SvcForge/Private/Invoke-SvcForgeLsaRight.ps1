function Invoke-SvcForgeLsaRight {
    # The account rights the local security policy (LSA) gives an account itself: -Get
    # returns them (LsaEnumerateAccountRights; only rights given to the account's own SID,
    # not those it holds through a group), -Add gives it one more (LsaAddAccountRights, as
    # Carbon's Grant-CPrivilege does; what secpol.msc's "Log on as a service" changes).
    # The account is resolved to its SID first (ConvertTo-SvcForgeSid); $null from -Get
    # when it cannot be resolved here.
    #
    # Windows has no command-line tool for account rights, so this is P/Invoke to
    # advapi32, compiled once per session with Add-Type (C# 5: Windows PowerShell 5.1's
    # compiler). When SVCFORGE_SHIM is set (svcforge's own tests on Linux), the test shim's
    # Get-SvcForgeShimAccountRight / Add-SvcForgeShimAccountRight answer instead and
    # journal the call, the way Assert-SvcForgeAdministrator asks the shim for elevation.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Account,

        [Parameter(Mandatory, ParameterSetName = 'Get')]
        [switch]$Get,

        [Parameter(Mandatory, ParameterSetName = 'Add')]
        [ValidatePattern('^Se[A-Za-z]+(Right|Privilege)$')]
        [string]$Add,

        [Parameter()]
        [string]$Step = ''
    )
    if ($env:SVCFORGE_SHIM) {
        $shimCommand = 'Get-SvcForgeShimAccountRight'
        if ($PSCmdlet.ParameterSetName -eq 'Add') {
            $shimCommand = 'Add-SvcForgeShimAccountRight'
        }
        if ($null -eq (Get-Command -Name $shimCommand -ErrorAction SilentlyContinue)) {
            throw (New-SvcForgeErrorRecord -Message "SVCFORGE_SHIM is set to '$env:SVCFORGE_SHIM' but the test shim is not loaded; import test/shim/SvcForgeShim.psm1 first or unset SVCFORGE_SHIM" -Step $Step -ErrorId 'SvcForge.ShimMissing')
        }
        if ($PSCmdlet.ParameterSetName -eq 'Add') {
            & $shimCommand -Account $Account -Right $Add
            return
        }
        return , [string[]]@(& $shimCommand -Account $Account)
    }

    $sid = ConvertTo-SvcForgeSid -Account $Account
    if (-not $sid) {
        if ($PSCmdlet.ParameterSetName -eq 'Get') {
            return $null
        }
        throw (New-SvcForgeErrorRecord -Message "account '$Account' cannot be resolved to a SID on this host, so it cannot be given $Add; check its name, and for a gMSA that it is installed here (Install-ADServiceAccount) and the domain is reachable" -Step $Step -ErrorId 'SvcForge.AccountNotFound' -Category ObjectNotFound)
    }
    if (-not ('SvcForge.Native.LsaRights' -as [type])) {
        Add-Type -TypeDefinition (Get-SvcForgeLsaRightsSource)
    }
    try {
        if ($PSCmdlet.ParameterSetName -eq 'Add') {
            [SvcForge.Native.LsaRights]::AddRight($sid, $Add)
            return
        }
        return , [string[]]@([SvcForge.Native.LsaRights]::GetRights($sid))
    }
    catch {
        $what = 'read the account rights of'
        if ($PSCmdlet.ParameterSetName -eq 'Add') {
            $what = "give $Add to"
        }
        throw (New-SvcForgeErrorRecord -Message "could not $what '$Account' ($sid) in the local security policy: $($_.Exception.Message). Check that this process runs elevated" -Step $Step -ErrorId 'SvcForge.AccountRightFailed' -InnerException $_.Exception)
    }
}
