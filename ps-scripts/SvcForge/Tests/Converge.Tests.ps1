BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows paths resolve into TestDrive through a C: PSDrive (as the shim does).
    $null = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'c') -Force
    if (Get-PSDrive -Name C -ErrorAction SilentlyContinue) { Remove-PSDrive -Name C -Scope Global -Force }
    $null = New-PSDrive -Name C -PSProvider FileSystem -Root (Join-Path $TestDrive 'c') -Scope Global

    # A service whose state follows the sc.exe stop/start calls the module makes.
    function Use-TestService([string]$State = 'Running', [string]$PathName = '"C:\apps\gin\svcforge-host.exe" service "C:\apps\gin\svcforge-host.conf"') {
        $script:svc = @{ State = $State; ProcessId = 42; PathName = $PathName }
        # The service key carries svcforge's mark: these services are svcforge's own.
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello' } }
        Mock -CommandName Start-Sleep -ModuleName SvcForge -MockWith { }
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
            $processId = 0
            if ($script:svc.State -eq 'Running') { $processId = $script:svc.ProcessId }
            New-TestCimService -State $script:svc.State -ProcessId $processId -PathName $script:svc.PathName
        }
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            switch ($ArgumentList[0]) {
                'stop' { $script:svc.State = 'Stopped' }
                'start' { $script:svc.State = 'Running'; $script:svc.ProcessId++ }
            }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
    }
    function Get-TestRestartReason([string]$Name) {
        InModuleScope -ModuleName SvcForge -Parameters @{ Name = $Name } { param($Name) Get-SvcForgeRestartReason -Name $Name }
    }
}

AfterAll {
    # The C: drive points into this file's TestDrive; leave none behind for the next file.
    if (Get-PSDrive -Name C -ErrorAction SilentlyContinue) { Remove-PSDrive -Name C -Scope Global -Force }
}

Describe 'Copy-SvcForgeFile replaces a file a running service holds without ever leaving a half-copied one' {
    BeforeEach {
        Reset-SvcForgeRestartReason
        $null = New-Item -ItemType Directory -Path 'C:\apps\gin' -Force
        Get-ChildItem -LiteralPath 'C:\apps\gin' | Remove-Item -Force
        $script:source = Join-Path $TestDrive 'svcforge-host.exe'
        Set-Content -LiteralPath $script:source -Value 'v2'
        Set-Content -LiteralPath 'C:\apps\gin\svcforge-host.exe' -Value 'v1'
    }

    It 'renames the old file aside, renames the new one into place and deletes the old one: no leftover' {
        $record = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Match '^replaced C:\\apps\\gin\\svcforge-host.exe \(SHA-256 \w{12} -> \w{12}\)$'
        Get-Content -LiteralPath 'C:\apps\gin\svcforge-host.exe' | Should -Be 'v2'
        @(Get-ChildItem -LiteralPath 'C:\apps\gin' | ForEach-Object { $_.Name }) | Should -Be @('svcforge-host.exe')
    }

    It 'copies to a .new-* file beside it and renames it: the destination is never opened for writing' {
        Mock -CommandName Copy-Item -ModuleName SvcForge -MockWith { Set-Content -LiteralPath $Destination -Value 'v2' }
        $null = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe'
        Should -Invoke -CommandName Copy-Item -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $Destination -like 'C:\apps\gin\svcforge-host.exe.new-*' }
        Should -Invoke -CommandName Copy-Item -ModuleName SvcForge -Times 0 -ParameterFilter { $Destination -eq 'C:\apps\gin\svcforge-host.exe' }
    }

    It 'leaves an old file in use as a .old-* file and a later run deletes it' {
        Mock -CommandName Remove-Item -ModuleName SvcForge -ParameterFilter { $LiteralPath -like '*.old-*' } -MockWith { throw 'The process cannot access the file because it is being used by another process.' }
        $record = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe'
        $record.detail | Should -Match 'the old file is in use and stays as C:\\apps\\gin\\svcforge-host.exe.old-\w{8} until a later run deletes it'
        Get-Content -LiteralPath 'C:\apps\gin\svcforge-host.exe' | Should -Be 'v2'
        @(Get-ChildItem -LiteralPath 'C:\apps\gin' -Filter 'svcforge-host.exe.old-*').Count | Should -Be 1
        # still in use: nothing changed
        (Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe').status | Should -Be 'unchanged'
        # released: the next run deletes it
        Mock -CommandName Remove-Item -ModuleName SvcForge -ParameterFilter { $LiteralPath -like '*.old-*' } -MockWith { Microsoft.PowerShell.Management\Remove-Item -LiteralPath $LiteralPath -Force }
        $again = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe'
        $again.status | Should -Be 'changed'
        $again.detail | Should -Match 'removed 1 leftover file'
        @(Get-ChildItem -LiteralPath 'C:\apps\gin' | ForEach-Object { $_.Name }) | Should -Be @('svcforge-host.exe')
        (Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe').status | Should -Be 'unchanged'
    }

    It 'keeps the old file in place when the new one cannot be renamed into place' {
        Mock -CommandName Move-Item -ModuleName SvcForge -ParameterFilter { $LiteralPath -like '*.new-*' } -MockWith { throw 'disk on fire' }
        { Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -Step 'host-exe' } | Should -Throw '*disk on fire*old file is kept*'
        Get-Content -LiteralPath 'C:\apps\gin\svcforge-host.exe' | Should -Be 'v1'
        @(Get-ChildItem -LiteralPath 'C:\apps\gin' | ForEach-Object { $_.Name }) | Should -Be @('svcforge-host.exe')
    }

    It 'records its restart reason for the named service only when the file changed, also under -WhatIf' {
        $null = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.conf' -RestartReason 'host-conf' -RestartService 'gin-hello' -Step 'host-conf' -WhatIf
        Get-TestRestartReason 'gin-hello' | Should -Be @('host-conf')
        Get-TestRestartReason 'other' | Should -BeNullOrEmpty
        Reset-SvcForgeRestartReason
        $null = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -RestartReason 'host-exe' -Step 'host-exe'
        Get-TestRestartReason 'any-service' | Should -Be @('host-exe')
        Reset-SvcForgeRestartReason
        $null = Copy-SvcForgeFile -Source $script:source -Destination 'C:\apps\gin\svcforge-host.exe' -RestartReason 'host-exe' -Step 'host-exe'
        Get-TestRestartReason 'gin-hello' | Should -BeNullOrEmpty
    }
}

Describe 'Restart reasons recorded by the steps' {
    BeforeEach { Reset-SvcForgeRestartReason }

    It 'Set-SvcForgeService records service-config for a changed binary path, not for a changed description' {
        Use-TestService
        $wanted = @{ Name = 'gin-hello'; DisplayName = 'Gin Hello'; Description = 'new text'; BinaryPath = '"C:\apps\gin\svcforge-host.exe" service "C:\apps\gin\svcforge-host.conf"'; StartupType = 'Automatic'; Account = 'NT SERVICE\gin-hello' }
        Mock -CommandName Set-Service -ModuleName SvcForge -MockWith { }
        $null = Set-SvcForgeService @wanted -WhatIf
        Get-TestRestartReason 'gin-hello' | Should -BeNullOrEmpty
        $wanted.BinaryPath = '"C:\apps\gin\svcforge-host.exe" service "C:\apps\gin\other.conf"'
        $null = Set-SvcForgeService @wanted -WhatIf
        Get-TestRestartReason 'gin-hello' | Should -Be @('service-config')
    }

    It 'Set-SvcForgeServiceSidType records sid-type when it differs' {
        Use-TestService
        $null = Set-SvcForgeServiceSidType -Name 'gin-hello' -SidType 'Unrestricted' -WhatIf
        Get-TestRestartReason 'gin-hello' | Should -Be @('sid-type')
    }

    It 'Reset-SvcForgeRestartReason forgets the reasons of an earlier run' {
        InModuleScope -ModuleName SvcForge { Add-SvcForgeRestartReason -Reason 'secrets' }
        Get-TestRestartReason 'gin-hello' | Should -Be @('secrets')
        Reset-SvcForgeRestartReason
        Get-TestRestartReason 'gin-hello' | Should -BeNullOrEmpty
    }
}

Describe 'Start-SvcForgeService -RestartIfChanged' {
    BeforeEach {
        Reset-SvcForgeRestartReason
        $null = New-Item -ItemType Directory -Path 'C:\data' -Force
        Remove-Item -LiteralPath 'C:\data\gin-hello.restart-pending.json' -ErrorAction SilentlyContinue
        $script:marker = 'C:\data\gin-hello.restart-pending.json'
        Use-TestService -State 'Running'
    }

    It 'is unchanged when the service runs and nothing it reads at start changed' {
        $record = Start-SvcForgeService -Name 'gin-hello' -RestartIfChanged $true -RestartPendingFile $script:marker
        $record.status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'restarts a running service gracefully (stop control, then start) and names why' {
        InModuleScope -ModuleName SvcForge {
            Add-SvcForgeRestartReason -Reason 'secrets'
            Add-SvcForgeRestartReason -Reason 'host-conf' -Service 'gin-hello'
            Add-SvcForgeRestartReason -Reason 'nssm' -Service 'other'
        }
        $record = Start-SvcForgeService -Name 'gin-hello' -RestartIfChanged $true -RestartPendingFile $script:marker -Step 'start:gin-hello'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'restarted gin-hello: host-conf, secrets changed'
        $record.changes | Should -Be @('restarted: host-conf, secrets (PID 42 -> 43)')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'stop gin-hello' }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'start gin-hello' }
    }

    It 'without -RestartIfChanged leaves a running service alone whatever changed' {
        InModuleScope -ModuleName SvcForge { Add-SvcForgeRestartReason -Reason 'host-exe' }
        (Start-SvcForgeService -Name 'gin-hello').status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'under -WhatIf says it would restart and changes nothing' {
        InModuleScope -ModuleName SvcForge { Add-SvcForgeRestartReason -Reason 'host-conf' -Service 'gin-hello' }
        $record = Start-SvcForgeService -Name 'gin-hello' -RestartIfChanged $true -RestartPendingFile $script:marker -WhatIf
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'would restart gin-hello: host-conf changed'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'deferred (-NoRestart): keeps it running, writes the marker, reports skipped; the next run restarts and removes the marker' {
        Reset-SvcForgeRestartReason -Defer
        InModuleScope -ModuleName SvcForge { Add-SvcForgeRestartReason -Reason 'host-conf' -Service 'gin-hello' }
        $record = Start-SvcForgeService -Name 'gin-hello' -RestartIfChanged $true -RestartPendingFile $script:marker
        $record.status | Should -Be 'skipped'
        $record.detail | Should -Be 'restart pending: host-conf changed (run svcforge restart)'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
        $text = Get-Content -LiteralPath $script:marker -Raw
        $text | Should -Match '^\{"reasons":\["host-conf"\],"since":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}\s*$'
        $since = [regex]::Match($text, '"since":"([^"]+)"').Groups[1].Value
        (Get-SvcForgeStatus -Name 'gin-hello' -RestartPendingFile $script:marker).restartPending.reasons | Should -Be @('host-conf')

        # A second deferred run adds its reasons and keeps the first time.
        Reset-SvcForgeRestartReason -Defer
        InModuleScope -ModuleName SvcForge { Add-SvcForgeRestartReason -Reason 'secrets' }
        (Start-SvcForgeService -Name 'gin-hello' -RestartIfChanged $true -RestartPendingFile $script:marker).detail | Should -Be 'restart pending: host-conf, secrets changed (run svcforge restart)'
        Get-Content -LiteralPath $script:marker -Raw | Should -Match ('^\{"reasons":\["host-conf","secrets"\],"since":"' + [regex]::Escape([string]$since) + '"\}')

        # A run that may restart: the pending reasons are enough, even with nothing new.
        Reset-SvcForgeRestartReason
        $record = Start-SvcForgeService -Name 'gin-hello' -RestartIfChanged $true -RestartPendingFile $script:marker
        $record.detail | Should -Be 'restarted gin-hello: host-conf, secrets changed'
        Test-Path -LiteralPath $script:marker | Should -BeFalse
        (Get-SvcForgeStatus -Name 'gin-hello' -RestartPendingFile $script:marker).restartPending | Should -BeNullOrEmpty
    }

    It 'starting a stopped service removes the marker: it reads everything anew' {
        Set-Content -LiteralPath $script:marker -Value '{"reasons":["host-conf"],"since":"2024-01-01T00:00:00Z"}'
        $script:svc.State = 'Stopped'
        $record = Start-SvcForgeService -Name 'gin-hello' -RestartPendingFile $script:marker
        $record.detail | Should -Be 'started service gin-hello (PID 43)'
        Test-Path -LiteralPath $script:marker | Should -BeFalse
    }
}

Describe 'Start-SvcForgeService -ReleasePointer (a spec with releases)' {
    BeforeEach {
        Reset-SvcForgeRestartReason
        $null = New-Item -ItemType Directory -Path 'C:\data' -Force
        Remove-Item -LiteralPath 'C:\data\release.conf' -ErrorAction SilentlyContinue
        Use-TestService -State 'Stopped'
    }

    It 'does not start a service before any release is deployed, and says how to deploy one' {
        $record = Start-SvcForgeService -Name 'gin-hello' -ReleasePointer 'C:\data\release.conf' -Step 'start:gin-hello'
        $record.status | Should -Be 'skipped'
        $record.detail | Should -Be 'service gin-hello is installed; no release deployed yet (C:\data\release.conf), so it is not started: run svcforge deploy <zip> (or deploy.ps1 -Release <zip>)'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'starts it once a release is deployed' {
        Set-Content -LiteralPath 'C:\data\release.conf' -Value "version = 1`r`nrelease = 1.0.0"
        (Start-SvcForgeService -Name 'gin-hello' -ReleasePointer 'C:\data\release.conf').detail | Should -Be 'started service gin-hello (PID 43)'
    }
}

Describe 'What the spec no longer names is removed' {
    It 'New-SvcForgeStepRecord adds action only when given' {
        (New-SvcForgeStepRecord -Step 's' -Status 'changed' -Detail 'd').PSObject.Properties.Name | Should -Not -Contain 'action'
        (New-SvcForgeStepRecord -Step 's' -Status 'changed' -Detail 'd' -Action 'remove' | ConvertTo-SvcForgeRecordJson) | Should -Be '{"step":"s","status":"changed","detail":"d","changes":[],"action":"remove"}'
    }

    It 'Remove-SvcForgeFirewallRule -Keep removes only the group''s rules the spec no longer lists' {
        Mock -CommandName Get-NetFirewallRule -ModuleName SvcForge -MockWith {
            [pscustomobject]@{ Name = 'svcforge-gin-hello-tcp-8080' }
            [pscustomobject]@{ Name = 'svcforge-gin-hello-tcp-9090' }
        }
        Mock -CommandName Remove-NetFirewallRule -ModuleName SvcForge -MockWith { }
        $plan = Remove-SvcForgeFirewallRule -Group 'svcforge-gin-hello' -Keep 'SVCFORGE-gin-hello-tcp-8080' -Step 'firewall-prune' -WhatIf
        $plan.detail | Should -Be "would remove 1 firewall rule(s) of group 'svcforge-gin-hello': svcforge-gin-hello-tcp-9090"
        $plan.action | Should -Be 'remove'
        Should -Invoke -CommandName Remove-NetFirewallRule -ModuleName SvcForge -Times 0
        $null = Remove-SvcForgeFirewallRule -Group 'svcforge-gin-hello' -Keep 'svcforge-gin-hello-tcp-8080' -Step 'firewall-prune'
        Should -Invoke -CommandName Remove-NetFirewallRule -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $Name -eq 'svcforge-gin-hello-tcp-9090' }
        $kept = Remove-SvcForgeFirewallRule -Group 'svcforge-gin-hello' -Keep 'svcforge-gin-hello-tcp-8080', 'svcforge-gin-hello-tcp-9090' -Step 'firewall-prune'
        $kept.status | Should -Be 'unchanged'
        $kept.detail | Should -Be "no firewall rule in group 'svcforge-gin-hello' beyond the 2 kept"
    }

    Context 'Remove-SvcForgeStaleInstance' {
        BeforeEach {
            $script:services = @{}
            $hostExe = '"C:\Program Files\svcforge\gin-hello\svcforge-host.exe" service "C:\Program Files\svcforge\gin-hello\x.conf"'
            Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello' } }
            Mock -CommandName Start-Sleep -ModuleName SvcForge -MockWith { }
            Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
                if ($Filter -match "^Name='(.*)'$" -and $script:services.ContainsKey($Matches[1])) {
                    $entry = $script:services[$Matches[1]]
                    New-TestCimService -Name $Matches[1] -State $entry.State -PathName $entry.PathName
                }
            }
            Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
                switch ($ArgumentList[0]) {
                    'stop' { $script:services[$ArgumentList[1]].State = 'Stopped' }
                    'delete' { $script:services.Remove($ArgumentList[1]) }
                }
                [pscustomobject]@{ ExitCode = 0; Output = '' }
            }
            $script:program = 'C:\Program Files\svcforge\gin-hello\svcforge-host.exe'
            $script:hostExe = $hostExe
        }

        It 'count lowered from 4 to 2: stops and deletes gin-hello-3 and gin-hello-4, keeps 1 and 2' {
            foreach ($n in 1..4) { $script:services["gin-hello-$n"] = @{ State = 'Running'; PathName = $script:hostExe } }
            $plan = Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 2 -Program $script:program -WhatIf
            $plan.detail | Should -Be 'would remove 2 instance(s) beyond the 2 the spec names: gin-hello-3, gin-hello-4 (logs kept)'
            $plan.action | Should -Be 'remove'
            $script:services.Count | Should -Be 4
            $record = Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 2 -Program $script:program -Step 'instances-prune'
            $record.status | Should -Be 'changed'
            $record.changes | Should -Be @('removed service gin-hello-3', 'removed service gin-hello-4')
            @($script:services.Keys | Sort-Object) | Should -Be @('gin-hello-1', 'gin-hello-2')
            Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'stop gin-hello-3' }
            (Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 2 -Program $script:program).status | Should -Be 'unchanged'
        }

        It 'count from 1 to 2 removes the single instance gin-hello; back to 1 removes gin-hello-1 and -2' {
            $script:services['gin-hello'] = @{ State = 'Running'; PathName = $script:hostExe }
            (Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 2 -Program $script:program).changes | Should -Be @('removed service gin-hello')
            $script:services['gin-hello-1'] = @{ State = 'Running'; PathName = $script:hostExe }
            $script:services['gin-hello-2'] = @{ State = 'Stopped'; PathName = $script:hostExe }
            (Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 1 -Program $script:program).changes | Should -Be @('removed service gin-hello-1', 'removed service gin-hello-2')
            $script:services.Count | Should -Be 0
        }

        It 'leaves a service with a matching name that runs another program' {
            $script:services['gin-hello-3'] = @{ State = 'Running'; PathName = '"C:\other\thing.exe"' }
            $record = Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 2 -Program $script:program
            $record.status | Should -Be 'unchanged'
            $record.detail | Should -Match 'left gin-hello-3: not running'
            $script:services.Count | Should -Be 1
        }
    }

    It 'Set-SvcForgeSecretFile writes exactly the given secrets: one the spec dropped is removed and is a restart reason' {
        Reset-SvcForgeRestartReason
        $null = New-Item -ItemType Directory -Path 'C:\secrets' -Force
        Set-Content -LiteralPath 'C:\secrets\secrets.dat' -Value "A=QUFB`r`nB=QkJC`r`n" -NoNewline
        Mock -CommandName Get-SvcForgeAclPlan -ModuleName SvcForge -MockWith { [pscustomobject]@{ Changes = @(); DisableInheritance = $false; RemoveIdentities = @(); RemoveDenyIdentities = @() } }
        Mock -CommandName ConvertTo-SvcForgeSid -ModuleName SvcForge -MockWith { 'S-1-5-80-1' }
        $record = Set-SvcForgeSecretFile -Path 'C:\secrets\secrets.dat' -Entry @{ A = 'QUFB' } -ReadAccount 'NT SERVICE\gin-hello'
        $record.changes | Should -Be @('removed secret B')
        Get-Content -LiteralPath 'C:\secrets\secrets.dat' -Raw | Should -Be "A=QUFB`r`n"
        Get-TestRestartReason 'gin-hello' | Should -Be @('secrets')
    }
}
