# The shim's own behaviour: what the SvcForge module relies on must really hold in pwsh on Linux.
BeforeAll {
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..' '..')).ProviderPath
    $script:State = Join-Path $TestDrive 'state'
    $env:SVCFORGE_SHIM = 'record'
    $env:SVCFORGE_SHIM_STATE = $script:State
    Import-Module (Join-Path $script:RepoRoot 'test' 'shim' 'SvcForgeShim.psm1') -Force
}

AfterAll {
    Remove-Item -Path Env:SVCFORGE_SHIM, Env:SVCFORGE_SHIM_STATE -ErrorAction SilentlyContinue
}

Describe 'SvcForge test shim (record mode)' {
    It 'maps C:\ backslash paths into the state directory for provider cmdlets' {
        $null = New-Item -ItemType Directory -Path 'C:\ProgramData\svcforge\x\logs' -Force
        Set-Content -LiteralPath 'C:\ProgramData\svcforge\x\a.txt' -Value 'hi'
        Test-Path -LiteralPath (Join-Path $script:State 'drive_c' 'ProgramData' 'svcforge' 'x' 'logs') -PathType Container | Should -BeTrue
        (Get-FileHash -LiteralPath 'C:\ProgramData\svcforge\x\a.txt' -Algorithm SHA256).Hash | Should -Match '^[0-9A-F]{64}$'
        Copy-Item -LiteralPath 'C:\ProgramData\svcforge\x\a.txt' -Destination 'C:\ProgramData\svcforge\x\logs\b.txt'
        Test-Path -LiteralPath 'C:\ProgramData\svcforge\x\logs\b.txt' | Should -BeTrue
    }

    It 'answers sc.exe and icacls.exe in this process, and puts them on PATH for callers outside pwsh' {
        (Get-Command -Name 'sc.exe').CommandType | Should -Be 'Function'
        (Get-Command -Name 'icacls.exe').CommandType | Should -Be 'Function'
        (Get-Command -Name 'sc.exe' -CommandType Application).Source | Should -BeLike (Join-Path $script:RepoRoot 'test' 'shim' 'bin' '*')
        (Get-Command -Name 'icacls.exe' -CommandType Application).Source | Should -BeLike (Join-Path $script:RepoRoot 'test' 'shim' 'bin' '*')
    }

    It 'keeps state across calls: a service created by New-Service is seen by Get-CimInstance, the registry and sc.exe' {
        $null = New-Service -Name 'demo' -BinaryPathName '"C:\demo.exe" -x' -DisplayName 'Demo' -StartupType Manual
        (Get-CimInstance -ClassName Win32_Service -Filter "Name='demo'").PathName | Should -Be '"C:\demo.exe" -x'
        & sc.exe config demo start= delayed-auto | Out-Null
        $LASTEXITCODE | Should -Be 0
        & sc.exe failure demo reset= 60 actions= restart/1000//0 | Out-Null
        $registry = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\demo'
        $registry.DelayedAutostart | Should -Be 1
        $registry.Start | Should -Be 2
        $registry.FailureActions.GetType().Name | Should -Be 'Byte[]'
        [System.BitConverter]::ToUInt32($registry.FailureActions, 0) | Should -Be 60
        [System.BitConverter]::ToUInt32($registry.FailureActions, 12) | Should -Be 2
        (Get-Service -Name 'demo').StartType | Should -Be 'AutomaticDelayedStart'
    }

    It 'keeps a value New-ItemProperty writes in a service key, reads it back, journals it, and loses it with sc.exe delete' {
        $null = New-Service -Name 'marked' -BinaryPathName '"C:\marked.exe"' -StartupType Manual
        Clear-SvcForgeShimJournal
        $null = New-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\marked' -Name 'SvcForge' -PropertyType String -Value 'marked' -Force
        (Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\marked').SvcForge | Should -Be 'marked'
        $call = @(Get-SvcForgeShimJournal | Where-Object { $_.command -eq 'New-ItemProperty' })
        $call.Count | Should -Be 1
        $call[0].parameters.Name | Should -Be 'SvcForge'
        { New-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\marked' -Name 'SvcForge' -PropertyType String -Value 'x' } | Should -Throw '*already exists*'
        & sc.exe delete marked | Out-Null
        $null = New-Service -Name 'marked' -BinaryPathName '"C:\other.exe"' -StartupType Manual
        (Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\marked').PSObject.Properties['SvcForge'] | Should -BeNullOrEmpty
        { New-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\nope' -Name 'SvcForge' -PropertyType String -Value 'nope' -Force } | Should -Throw '*does not exist*'
    }

    It 'fails the start of a user account service with 1069 until the account may log on as a service' {
        $credential = [pscredential]::new('CONTOSO\runner', (ConvertTo-SecureString -String 'x' -AsPlainText -Force))
        $null = New-Service -Name 'asuser' -BinaryPathName '"C:\asuser.exe"' -StartupType Manual -Credential $credential
        & sc.exe start asuser | Out-Null
        $LASTEXITCODE | Should -Be 1069
        (Get-CimInstance -ClassName Win32_Service -Filter "Name='asuser'").ExitCode | Should -Be 1069
        Get-SvcForgeShimAccountRight -Account 'contoso\RUNNER' | Should -BeNullOrEmpty
        Add-SvcForgeShimAccountRight -Account 'CONTOSO\runner' -Right 'SeServiceLogonRight'
        @(Get-SvcForgeShimAccountRight -Account 'contoso\RUNNER') | Should -Be @('SeServiceLogonRight')
        & sc.exe start asuser | Out-Null
        $LASTEXITCODE | Should -Be 0
        @(Get-SvcForgeShimJournal | Where-Object { $_.command -eq 'LsaAddAccountRights' }).Count | Should -BeGreaterThan 0
    }

    It 'refuses any password, even an empty one, for a virtual account or a gMSA in Win32_Service.Change (ChangeServiceConfigW wants NULL)' {
        $null = New-Service -Name 'nopass' -BinaryPathName '"C:\nopass.exe"' -StartupType Manual
        $cim = Get-CimInstance -ClassName Win32_Service -Filter "Name='nopass'"
        foreach ($account in 'NT SERVICE\nopass', 'CONTOSO\gmsa-x$') {
            (Invoke-CimMethod -InputObject $cim -MethodName Change -Arguments @{ StartName = $account; StartPassword = '' }).ReturnValue | Should -Be 21
            (Invoke-CimMethod -InputObject $cim -MethodName Change -Arguments @{ StartName = $account }).ReturnValue | Should -Be 0
        }
    }

    It 'answers a missing registry key and a missing service like Windows' {
        Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\nope' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-CimInstance -ClassName Win32_Service -Filter "Name='nope'" | Should -BeNullOrEmpty
        & sc.exe start nope | Out-Null
        # Windows' own code: the in-process stand-in is not cut to a POSIX exit status's 8 bits.
        $LASTEXITCODE | Should -Be 1060
    }

    It 'forwards non-registry Get-ItemProperty calls to the real cmdlet' {
        $file = Join-Path $TestDrive 'plain.txt'
        Set-Content -LiteralPath $file -Value 'x'
        (Get-ItemProperty -LiteralPath $file).Name | Should -Be 'plain.txt'
    }

    It 'journals every call as one JSON line with the bound parameters, redacting secrets' {
        Clear-SvcForgeShimJournal
        $credential = [pscredential]::new('CONTOSO\svc', (ConvertTo-SecureString -String 'S3cret!' -AsPlainText -Force))
        $service = Get-CimInstance -ClassName Win32_Service -Filter "Name='demo'"
        $result = Invoke-CimMethod -InputObject $service -MethodName Change -Arguments @{ StartName = 'CONTOSO\svc'; StartPassword = $credential.GetNetworkCredential().Password }
        $result.ReturnValue | Should -Be 0
        $journal = @(Get-SvcForgeShimJournal)
        $journal.Count | Should -Be 2
        $journal[0].command | Should -Be 'Get-CimInstance'
        $journal[1].parameters.Arguments.StartPassword | Should -Be '<redacted>'
        Get-Content -LiteralPath (Join-Path $script:State 'journal.jsonl') -Raw | Should -Not -Match 'S3cret'
        Get-Content -LiteralPath (Join-Path $script:State 'state.json') -Raw | Should -Not -Match 'S3cret'
    }

    It 'applies icacls.exe grants and inheritance removal so Get-Acl shows them' {
        $null = New-Item -ItemType Directory -Path 'C:\acl' -Force
        (Get-Acl -LiteralPath 'C:\acl').AreAccessRulesProtected | Should -BeFalse
        & icacls.exe 'C:\acl' /grant:r '*S-1-5-32-544:(OI)(CI)F' | Out-Null
        & icacls.exe 'C:\acl' /inheritance:r | Out-Null
        $LASTEXITCODE | Should -Be 0
        $acl = Get-Acl -LiteralPath 'C:\acl'
        $acl.AreAccessRulesProtected | Should -BeTrue
        @($acl.Access).Count | Should -Be 1
        [string]$acl.Access[0].IdentityReference | Should -Be 'BUILTIN\Administrators'
        & icacls.exe 'C:\missing' /inheritance:r | Out-Null
        $LASTEXITCODE | Should -Be 2
    }

    It 'serves seeded processes and listeners to Get-NetTCPConnection and Win32_Process' {
        Add-SvcForgeShimProcess -ProcessId 4242 -Name 'nginx.exe'
        Add-SvcForgeShimListener -Port 8080 -ProcessId 4242
        (Get-NetTCPConnection -LocalPort 8080 -State Listen).OwningProcess | Should -Be 4242
        (Get-CimInstance -ClassName Win32_Process -Filter 'ProcessId=4242').Name | Should -Be 'nginx.exe'
        Get-NetTCPConnection -LocalPort 9999 -State Listen -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'keeps firewall rules in the state file, with filters reported the Windows way' {
        $null = New-NetFirewallRule -Name 'r1' -DisplayName 'R1' -Group 'g' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '8081-8090' -Program 'C:\x.exe' -Profile Domain -RemoteAddress '10.0.0.0/8'
        $rule = Get-NetFirewallRule -Name 'r1'
        ($rule | Get-NetFirewallPortFilter).LocalPort | Should -Be '8081-8090'
        ($rule | Get-NetFirewallAddressFilter).RemoteAddress | Should -Be '10.0.0.0/255.0.0.0'
        (Get-SvcForgeShimState).firewallRules.Contains('r1') | Should -BeTrue
        Remove-NetFirewallRule -Name 'r1'
        Get-NetFirewallRule -Name 'r1' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
