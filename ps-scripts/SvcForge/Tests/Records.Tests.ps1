BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'step records' {
    It 'writes a record as one compressed JSON line with step, status, detail and changes' {
        $json = New-SvcForgeStepRecord -Step 'service' -Status 'changed' -Detail 'created service' -Changes @('created service') | ConvertTo-SvcForgeRecordJson
        $json | Should -BeExactly '{"step":"service","status":"changed","detail":"created service","changes":["created service"]}'
    }

    It 'writes an empty change list as an empty JSON array' {
        $json = New-SvcForgeStepRecord -Step 's' -Status 'unchanged' -Detail 'x' | ConvertTo-SvcForgeRecordJson
        ($json | ConvertFrom-Json).changes.GetType().IsArray | Should -BeTrue
        $json | Should -Match '"changes":\[\]'
    }

    It 'writes one line per piped record' {
        $lines = @(
            New-SvcForgeStepRecord -Step 'a' -Status 'unchanged' -Detail 'x'
            New-SvcForgeStepRecord -Step 'b' -Status 'failed' -Detail 'y'
        ) | ConvertTo-SvcForgeRecordJson
        $lines.Count | Should -Be 2
        ($lines[1] | ConvertFrom-Json).status | Should -Be 'failed'
    }

    It 'rejects a status outside the contract' {
        { New-SvcForgeStepRecord -Step 'a' -Status 'done' -Detail 'x' } | Should -Throw
    }
}

Describe 'Assert-SvcForgeAdministrator' {
    AfterEach {
        Remove-Item -Path Env:SVCFORGE_SHIM -ErrorAction SilentlyContinue
    }

    It 'lets the shim decide when SVCFORGE_SHIM is set, and says to run elevated when not' {
        $env:SVCFORGE_SHIM = 'record'
        Mock -CommandName Test-SvcForgeShimElevation -ModuleName SvcForge -MockWith { $false }
        { Assert-SvcForgeAdministrator } | Should -Throw '*must run elevated*Run as administrator*'
    }

    It 'passes when the shim says elevated' {
        $env:SVCFORGE_SHIM = 'record'
        Mock -CommandName Test-SvcForgeShimElevation -ModuleName SvcForge -MockWith { $true }
        { Assert-SvcForgeAdministrator } | Should -Not -Throw
    }
}

Describe 'private helpers' {
    It 'computes a virtual account SID the way sc.exe showsid does' {
        InModuleScope SvcForge {
            ConvertTo-SvcForgeSid -Account 'NT SERVICE\TrustedInstaller' | Should -Be 'S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464'
            ConvertTo-SvcForgeSid -Account 'BUILTIN\Administrators' | Should -Be 'S-1-5-32-544'
            ConvertTo-SvcForgeSid -Account '*S-1-5-18' | Should -Be 'S-1-5-18'
        }
    }

    It 'decodes FailureActions binary into reset seconds and type/delay strings' {
        $bytes = New-TestFailureActionsBytes -Reset 86400 -Actions @(@(1, 60000), @(1, 120000), @(0, 0))
        InModuleScope SvcForge -Parameters @{ Bytes = $bytes } {
            param($Bytes)
            $decoded = ConvertFrom-SvcForgeFailureActions -Bytes $Bytes
            $decoded.ResetAfterSeconds | Should -Be 86400
            $decoded.Action | Should -Be @('restart/60000', 'restart/120000', 'none/0')
        }
    }

    It 'normalizes firewall addresses like Windows reports them' {
        InModuleScope SvcForge {
            ConvertTo-SvcForgeFirewallAddress -Address 'localsubnet' | Should -BeExactly 'LocalSubnet'
            ConvertTo-SvcForgeFirewallAddress -Address '10.0.0.0/8' | Should -Be '10.0.0.0/255.0.0.0'
            ConvertTo-SvcForgeFirewallAddress -Address '192.168.1.10/32' | Should -Be '192.168.1.10'
        }
    }

    It 'turns a failing native command into an error naming the command, exit code and hint' {
        InModuleScope SvcForge {
            { Invoke-SvcForgeNative -FilePath 'pwsh' -ArgumentList @('-NoProfile', '-Command', 'exit 5') -Step 's' -Hint 'do this' } |
                Should -Throw '*pwsh*failed with exit code 5*do this*'
        }
    }
}
