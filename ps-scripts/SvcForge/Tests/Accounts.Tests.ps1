BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Grant-SvcForgeServiceLogonRight' {
    It 'is unchanged and adds nothing when the account already holds SeServiceLogonRight' {
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Get } -MockWith { , [string[]]@('SeBatchLogonRight', 'SeServiceLogonRight') }
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Add } -MockWith { }
        $record = Grant-SvcForgeServiceLogonRight -Account 'CONTOSO\svc-gin' -Step 'logon-right:CONTOSO\svc-gin'
        $record.status | Should -Be 'unchanged'
        $record.step | Should -Be 'logon-right:CONTOSO\svc-gin'
        Should -Invoke -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Add } -Times 0
    }

    It 'adds exactly SeServiceLogonRight to the account when it lacks it (also when it holds no right at all)' {
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Get } -MockWith { , [string[]]@() }
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Add } -MockWith { }
        $record = Grant-SvcForgeServiceLogonRight -Account 'CONTOSO\gmsa-gin$'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'granted Log on as a service (SeServiceLogonRight) to CONTOSO\gmsa-gin$'
        Should -Invoke -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Add -eq 'SeServiceLogonRight' -and $Account -eq 'CONTOSO\gmsa-gin$' } -Times 1 -Exactly
    }

    It 'under -WhatIf says it would grant it and adds nothing' {
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Get } -MockWith { , [string[]]@() }
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Add } -MockWith { }
        (Grant-SvcForgeServiceLogonRight -Account 'CONTOSO\svc-gin' -WhatIf).detail | Should -BeLike 'would grant*'
        Should -Invoke -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Add } -Times 0
    }

    It 'fails saying what to check when the account does not resolve to a SID here' {
        Mock -CommandName Invoke-SvcForgeLsaRight -ModuleName SvcForge -ParameterFilter { $Get } -MockWith { $null }
        { Grant-SvcForgeServiceLogonRight -Account 'CONTOSO\nobody' } | Should -Throw '*cannot be resolved to a SID*Install-ADServiceAccount*'
    }
}

Describe 'Invoke-SvcForgeLsaRight' {
    It 'asks the test shim, not LSA, when SVCFORGE_SHIM is set' {
        $saved = $env:SVCFORGE_SHIM
        try {
            $env:SVCFORGE_SHIM = 'record'
            function global:Get-SvcForgeShimAccountRight { param([string]$Account) 'SeServiceLogonRight'; 'SeBatchLogonRight' }
            $rights = & (Get-Module -Name SvcForge) { Invoke-SvcForgeLsaRight -Account 'CONTOSO\svc' -Get }
            $rights | Should -Be @('SeServiceLogonRight', 'SeBatchLogonRight')
        }
        finally {
            Remove-Item -Path Function:\Get-SvcForgeShimAccountRight -ErrorAction SilentlyContinue
            $env:SVCFORGE_SHIM = $saved
        }
    }

    It 'has LSA C# that compiles (Add-Type) and offers GetRights and AddRight' {
        $source = & (Get-Module -Name SvcForge) { Get-SvcForgeLsaRightsSource }
        # C# 5 only: Windows PowerShell 5.1 compiles Add-Type with the .NET Framework compiler.
        $source | Should -Not -Match '\$"'
        $source | Should -Not -Match 'nameof\('
        $source | Should -Not -Match 'out var '
        if (-not ('SvcForge.Native.LsaRights' -as [type])) {
            Add-Type -TypeDefinition $source
        }
        $methods = @([SvcForge.Native.LsaRights].GetMethods() | Where-Object -FilterScript { $_.IsStatic -and $_.IsPublic } | ForEach-Object -Process { $_.Name } | Sort-Object -Unique)
        $methods | Should -Be @('AddRight', 'GetRights')
    }
}
