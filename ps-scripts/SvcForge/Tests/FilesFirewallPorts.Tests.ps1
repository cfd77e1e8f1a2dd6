BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows paths resolve into TestDrive through a C: PSDrive (as the shim does).
    $null = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'c') -Force
    if (Get-PSDrive -Name C -ErrorAction SilentlyContinue) { Remove-PSDrive -Name C -Scope Global -Force }
    $null = New-PSDrive -Name C -PSProvider FileSystem -Root (Join-Path $TestDrive 'c') -Scope Global
    function New-TestAce([string]$Identity, [int]$Rights, [bool]$Inherited = $false, [int]$Flags = 3) {
        [pscustomobject]@{ IdentityReference = $Identity; FileSystemRights = $Rights; AccessControlType = 'Allow'; IsInherited = $Inherited; InheritanceFlags = $Flags; PropagationFlags = 0 }
    }
    $script:WantedAcl = [pscustomobject]@{
        AreAccessRulesProtected = $true
        Access = @(
            New-TestAce 'BUILTIN\Administrators' 2032127
            New-TestAce 'NT AUTHORITY\SYSTEM' 2032127
            New-TestAce 'NT SERVICE\gin-hello' 1245631
        )
    }
}

AfterAll {
    # The C: drive points into this file's TestDrive; leave none behind for the next file.
    if (Get-PSDrive -Name C -ErrorAction SilentlyContinue) { Remove-PSDrive -Name C -Scope Global -Force }
}

Describe 'Set-SvcForgeDirectory' {
    BeforeEach {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        $null = New-Item -ItemType Directory -Path 'C:\data\logs' -Force
    }

    It 'is unchanged when the ACL is exactly the wanted one' {
        Mock -CommandName Get-Acl -ModuleName SvcForge -MockWith { $script:WantedAcl }
        $record = Set-SvcForgeDirectory -Path 'C:\data\logs' -Step 'dir-logs' -ModifyAccount 'NT SERVICE\gin-hello' -Owned $true
        $record.status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'removes inherited and extra entries and grants the wanted ones by SID with icacls.exe' {
        $script:aclReads = 0
        Mock -CommandName Get-Acl -ModuleName SvcForge -MockWith {
            $script:aclReads++
            if ($script:aclReads -gt 1) { return $script:WantedAcl }
            [pscustomobject]@{
                AreAccessRulesProtected = $false
                Access = @(
                    New-TestAce 'BUILTIN\Administrators' 2032127 $true
                    New-TestAce 'BUILTIN\Users' 278 $true 2
                    New-TestAce 'NT AUTHORITY\Authenticated Users' 1245631 $false
                )
            }
        }
        $record = Set-SvcForgeDirectory -Path 'C:\data\logs' -Step 'dir-logs' -ModifyAccount 'NT SERVICE\gin-hello' -Owned $true
        $record.status | Should -Be 'changed'
        $record.changes | Should -Contain 'granted NT SERVICE\gin-hello Modify'
        ($record.changes -join '|') | Should -Match 'removed NT AUTHORITY\\Authenticated Users'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -ParameterFilter { $ArgumentList[1] -eq '/grant:r' -and $ArgumentList -contains '*S-1-5-32-544:(OI)(CI)F' -and ($ArgumentList -like '`*S-1-5-80-*:(OI)(CI)M').Count -eq 1 }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -ParameterFilter { ($ArgumentList -join ' ') -eq 'C:\data\logs /inheritance:r' }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -ParameterFilter { ($ArgumentList -join ' ') -eq 'C:\data\logs /remove *S-1-5-11' }
    }

    It 'under -WhatIf does not create a missing directory nor run icacls.exe' {
        $record = Set-SvcForgeDirectory -Path 'C:\data\new' -Step 'dir' -WhatIf
        $record.detail | Should -Match '^would create directory'
        Test-Path -LiteralPath 'C:\data\new' | Should -BeFalse
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'refuses <Path> (<Why>) and runs nothing' -ForEach @(
        @{ Path = 'C:\'; Why = 'a drive root' }
        @{ Path = 'C:\Windows\System32\tools'; Why = 'in the Windows folder' }
        @{ Path = 'C:\Program Files'; Why = 'the Program Files folder itself' }
        @{ Path = 'C:\ProgramData'; Why = 'the ProgramData folder itself' }
        @{ Path = 'C:\Users\alice\bin'; Why = 'in the user profiles folder' }
        @{ Path = 'C:\apps\..\Windows'; Why = "a '.' or '..' segment" }
    ) {
        { Set-SvcForgeDirectory -Path $Path -Step 'program-dir' -ReadAccount 'NT SERVICE\gin-hello' -Owned $true } | Should -Throw "*refusing to change the permissions of '$Path'*"
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'on a folder it does not own, grants only the service account and keeps inheritance and the other entries' {
        $script:aclReads = 0
        Mock -CommandName Get-Acl -ModuleName SvcForge -MockWith {
            $script:aclReads++
            $access = @(New-TestAce 'BUILTIN\Administrators' 2032127 $true; New-TestAce 'BUILTIN\Users' 1179817 $true)
            if ($script:aclReads -gt 1) { $access += New-TestAce 'NT SERVICE\gin-hello' 1179817 }
            [pscustomobject]@{ Owner = 'BUILTIN\Administrators'; Sddl = 'O:BAD:(A;OICIID;FA;;;BA)'; AreAccessRulesProtected = $false; Access = $access }
        }
        $record = Set-SvcForgeDirectory -Path 'C:\data\logs' -Step 'program-dir' -ReadAccount 'NT SERVICE\gin-hello' -BinaryFolder $true
        $record.status | Should -Be 'changed'
        $record.changes | Should -Be @('granted NT SERVICE\gin-hello ReadAndExecute')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -ParameterFilter { $ArgumentList.Count -eq 3 -and $ArgumentList[1] -eq '/grant:r' -and $ArgumentList[2] -like '`*S-1-5-80-*:(OI)(CI)RX' }
    }

    It 'takes one of its own folders owned by someone else only after refusing it: owner WIN\mallory is named and nothing runs' {
        Mock -CommandName Get-Acl -ModuleName SvcForge -MockWith { [pscustomobject]@{ Owner = 'WIN\mallory'; AreAccessRulesProtected = $false; Access = @() } }
        { Set-SvcForgeDirectory -Path 'C:\data\logs' -Step 'bundle-dir' -Owned $true } | Should -Throw '*owned by WIN\mallory, not by Administrators*'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'fails when icacls.exe did not produce the wanted ACL' {
        Mock -CommandName Get-Acl -ModuleName SvcForge -MockWith { [pscustomobject]@{ AreAccessRulesProtected = $false; Access = @() } }
        { Set-SvcForgeDirectory -Path 'C:\data\logs' -Step 'dir' -Owned $true } | Should -Throw '*still differs after icacls.exe*'
    }
}

Describe 'Copy-SvcForgeFile and Remove-SvcForgeDirectory' {
    It 'copies when missing, is unchanged when the hash matches, replaces when it differs' {
        $source = Join-Path $TestDrive 'host.exe'
        Set-Content -LiteralPath $source -Value 'v1'
        $null = New-Item -ItemType Directory -Path 'C:\apps' -Force
        (Copy-SvcForgeFile -Source $source -Destination 'C:\apps\host.exe' -Step 'copy').detail | Should -Match '^copied C:\\apps\\host.exe'
        (Copy-SvcForgeFile -Source $source -Destination 'C:\apps\host.exe' -Step 'copy').status | Should -Be 'unchanged'
        Set-Content -LiteralPath $source -Value 'v2'
        (Copy-SvcForgeFile -Source $source -Destination 'C:\apps\host.exe' -Step 'copy' -WhatIf).detail | Should -Match '^would replace'
        Get-Content -LiteralPath 'C:\apps\host.exe' | Should -Be 'v1'
        (Copy-SvcForgeFile -Source $source -Destination 'C:\apps\host.exe' -Step 'copy').detail | Should -Match '^replaced'
        Get-Content -LiteralPath 'C:\apps\host.exe' | Should -Be 'v2'
    }

    It 'with -OnlyIfFolderExists, copies into an existing folder and skips a missing one, creating nothing' {
        $source = Join-Path $TestDrive 'svcforge.json'
        Set-Content -LiteralPath $source -Value '{}'
        $null = New-Item -ItemType Directory -Path 'C:\kept' -Force
        (Copy-SvcForgeFile -Source $source -Destination 'C:\kept\svcforge.json' -OnlyIfFolderExists $true -Step 'keep').status | Should -Be 'changed'
        $skipped = Copy-SvcForgeFile -Source $source -Destination 'C:\purged\svcforge.json' -OnlyIfFolderExists $true -Step 'keep'
        $skipped.status | Should -Be 'unchanged'
        $skipped.detail | Should -Be 'nothing to keep: the folder of C:\purged\svcforge.json does not exist'
        Test-Path -LiteralPath 'C:\purged' | Should -BeFalse
    }

    It 'fails naming the missing source' {
        { Copy-SvcForgeFile -Source (Join-Path $TestDrive 'nope.exe') -Destination 'C:\apps\x.exe' } | Should -Throw '*source file does not exist*'
    }

    It 'removes a directory, then reports unchanged' {
        $null = New-Item -ItemType Directory -Path 'C:\gone\sub' -Force
        (Remove-SvcForgeDirectory -Path 'C:\gone' -WhatIf).detail | Should -Match '^would remove'
        Test-Path -LiteralPath 'C:\gone' | Should -BeTrue
        (Remove-SvcForgeDirectory -Path 'C:\gone').status | Should -Be 'changed'
        (Remove-SvcForgeDirectory -Path 'C:\gone').status | Should -Be 'unchanged'
    }
}

Describe 'Set-SvcForgeFirewallRule' {
    BeforeAll {
        $script:Rule = @{ Name = 'svcforge-gin-8080'; DisplayName = 'gin (TCP 8080)'; Group = 'svcforge gin'; Port = '8080'; Protocol = 'TCP'; Program = 'C:\apps\gin.exe'; Profile = @('Domain', 'Private'); RemoteAddress = @('LocalSubnet', '10.0.0.0/8'); Step = 'fw' }
    }
    BeforeEach {
        Mock -CommandName New-NetFirewallRule -ModuleName SvcForge -MockWith { }
        Mock -CommandName Set-NetFirewallRule -ModuleName SvcForge -MockWith { }
        Mock -CommandName Remove-NetFirewallRule -ModuleName SvcForge -MockWith { }
        Mock -CommandName Get-NetFirewallRule -ModuleName SvcForge -MockWith { [pscustomobject]@{ Name = 'svcforge-gin-8080'; DisplayName = 'gin (TCP 8080)'; Group = 'svcforge gin'; Enabled = 'True'; Direction = 'Inbound'; Action = 'Allow'; Profile = 'Domain, Private' } }
        Mock -CommandName Get-NetFirewallPortFilter -ModuleName SvcForge -MockWith { [pscustomobject]@{ Protocol = 'TCP'; LocalPort = @('8080') } }
        Mock -CommandName Get-NetFirewallApplicationFilter -ModuleName SvcForge -MockWith { [pscustomobject]@{ Program = 'C:\apps\gin.exe' } }
        Mock -CommandName Get-NetFirewallAddressFilter -ModuleName SvcForge -MockWith { [pscustomobject]@{ RemoteAddress = @('LocalSubnet', '10.0.0.0/255.0.0.0') } }
    }

    It 'is unchanged when the rule and its filters match (CIDR compared in Windows'' mask form)' {
        (Set-SvcForgeFirewallRule @script:Rule).status | Should -Be 'unchanged'
        Should -Invoke -CommandName Set-NetFirewallRule -ModuleName SvcForge -Times 0
    }

    It 'sets only the remote addresses when only they differ' {
        Mock -CommandName Get-NetFirewallAddressFilter -ModuleName SvcForge -MockWith { [pscustomobject]@{ RemoteAddress = @('Any') } }
        $record = Set-SvcForgeFirewallRule @script:Rule
        $record.changes | Should -Be @('remote addresses Any -> 10.0.0.0/255.0.0.0,LocalSubnet')
        Should -Invoke -CommandName Set-NetFirewallRule -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $Name -eq 'svcforge-gin-8080' -and $RemoteAddress.Count -eq 2 -and -not $PSBoundParameters.ContainsKey('Program') }
    }

    It 'creates a missing rule inbound/allow with every scope parameter' {
        Mock -CommandName Get-NetFirewallRule -ModuleName SvcForge -MockWith { }
        (Set-SvcForgeFirewallRule @script:Rule).detail | Should -Match '^created firewall rule'
        Should -Invoke -CommandName New-NetFirewallRule -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $Direction -eq 'Inbound' -and $Action -eq 'Allow' -and $LocalPort -eq '8080' -and $Program -eq 'C:\apps\gin.exe' -and ($Profile -join ',') -eq 'Domain,Private' -and $Group -eq 'svcforge gin'
        }
    }

    It 'under -WhatIf creates nothing' {
        Mock -CommandName Get-NetFirewallRule -ModuleName SvcForge -MockWith { }
        (Set-SvcForgeFirewallRule @script:Rule -WhatIf).detail | Should -Match '^would create'
        Should -Invoke -CommandName New-NetFirewallRule -ModuleName SvcForge -Times 0
    }

    It 'Remove-SvcForgeFirewallRule removes every rule of the group and is unchanged when none' {
        (Remove-SvcForgeFirewallRule -Group 'svcforge gin').changes | Should -Be @('removed rule svcforge-gin-8080')
        Should -Invoke -CommandName Remove-NetFirewallRule -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $Name -eq 'svcforge-gin-8080' }
        Mock -CommandName Get-NetFirewallRule -ModuleName SvcForge -MockWith { }
        (Remove-SvcForgeFirewallRule -Group 'svcforge gin').status | Should -Be 'unchanged'
    }
}

Describe 'Test-SvcForgePort and Assert-SvcForgePortFree' {
    BeforeEach {
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { }
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -ParameterFilter { $ClassName -eq 'Win32_Service' } -MockWith { New-TestCimService -State 'Running' -ProcessId 100 }
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -ParameterFilter { $ClassName -eq 'Win32_Process' } -MockWith {
            $all = @(
                [pscustomobject]@{ ProcessId = 100; ParentProcessId = 1; Name = 'svcforge-host.exe' }
                [pscustomobject]@{ ProcessId = 101; ParentProcessId = 100; Name = 'gin-hello.exe' }
                [pscustomobject]@{ ProcessId = 4242; ParentProcessId = 1; Name = 'nginx.exe' }
            )
            if ($PesterBoundParameters.ContainsKey('Filter') -and $PesterBoundParameters['Filter'] -match 'ProcessId=(\d+)') { $id = [int]$Matches[1]; return $all | Where-Object { $_.ProcessId -eq $id } }
            $all
        }
    }

    It 'reports a free port' {
        Mock -CommandName Get-NetTCPConnection -ModuleName SvcForge -MockWith { }
        $usage = Test-SvcForgePort -Port 8080
        $usage.InUse | Should -BeFalse
        (Assert-SvcForgePortFree -Port 8080 -ServiceName 'gin-hello').status | Should -Be 'unchanged'
    }

    It 'names the owner of a taken port' {
        Mock -CommandName Get-NetTCPConnection -ModuleName SvcForge -MockWith { [pscustomobject]@{ OwningProcess = 4242; LocalPort = 8080 } }
        $usage = Test-SvcForgePort -Port 8080
        $usage.OwningProcessId | Should -Be 4242
        $usage.OwningProcessName | Should -Be 'nginx.exe'
        { Assert-SvcForgePortFree -Port 8080 -ServiceName 'gin-hello' -Step 'port' } | Should -Throw '*port 8080/TCP is already in use by nginx.exe (PID 4242)*'
    }

    It 'accepts a port held by the service''s own child process' {
        Mock -CommandName Get-NetTCPConnection -ModuleName SvcForge -MockWith { [pscustomobject]@{ OwningProcess = 101; LocalPort = 8080 } }
        (Assert-SvcForgePortFree -Port 8080 -ServiceName 'gin-hello').detail | Should -Match 'held by service gin-hello itself'
    }
}
