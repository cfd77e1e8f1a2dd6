# The real SvcForge module against the record-mode shim, in-process and through a
# rendered-style script run by a separate pwsh. Settings Wine cannot hold (delayed start,
# failure flag, SID type) are verified here in record mode only.
BeforeAll {
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..' '..')).ProviderPath
    $script:Pwsh = Join-Path $PSHOME 'pwsh'
    $script:Launcher = Join-Path $script:RepoRoot 'test' 'shim' 'Invoke-ShimScript.ps1'

    function New-TestBundle {
        # A bundle folder as svcforge render writes it: scripts + the module next to them.
        $bundle = Join-Path $TestDrive ('bundle-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $bundle
        Copy-Item -LiteralPath (Join-Path $script:RepoRoot 'ps-scripts' 'SvcForge') -Destination (Join-Path $bundle 'SvcForge') -Recurse
        Remove-Item -LiteralPath (Join-Path $bundle 'SvcForge' 'Tests') -Recurse -Force
        Copy-Item -Path (Join-Path $PSScriptRoot 'fixtures' '*.ps1') -Destination $bundle
        Set-Content -LiteralPath (Join-Path $bundle 'svcforge-host.exe') -Value 'MZ fake host'
        $bundle
    }

    function Invoke-Bundle {
        param([string]$Bundle, [string]$Script, [string]$StateDirectory, [string[]]$Arguments = @())
        $output = & $script:Pwsh -NoProfile -NonInteractive -File $script:Launcher -ScriptPath (Join-Path $Bundle $Script) -StateDirectory $StateDirectory @Arguments 2>&1
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Records  = @($output | ForEach-Object { [string]$_ } | Where-Object { $_ -like '{*' } | ForEach-Object { $_ | ConvertFrom-Json })
            Output   = ($output | ForEach-Object { [string]$_ }) -join "`n"
        }
    }
}

Describe 'install.ps1 and uninstall.ps1 against the record-mode shim (separate pwsh)' {
    BeforeAll {
        $script:Bundle = New-TestBundle
        $script:State = Join-Path $TestDrive 'state-e2e'
        # In this process too, so the test can read the state through the shim's accessors.
        Import-Module (Join-Path $script:RepoRoot 'test' 'shim' 'SvcForgeShim.psm1') -Force
        Initialize-SvcForgeShim -Mode record -StateDirectory $script:State
    }

    It 'a -WhatIf run on a clean machine reports what it would do and changes nothing' {
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $script:State -Arguments @('-WhatIf')
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $changing = @($run.Records | Where-Object status -EQ 'changed')
        $changing.Count | Should -BeGreaterThan 5
        foreach ($record in $changing) { $record.detail | Should -Match '^would ' }
        $state = Get-Content -LiteralPath (Join-Path $script:State 'state.json') -Raw | ConvertFrom-Json -AsHashtable
        $state.services.Count | Should -Be 0
        $state.firewallRules.Count | Should -Be 0
        Test-Path -LiteralPath (Join-Path $script:State 'drive_c' 'ProgramData' 'svcforge') | Should -BeFalse
        $journal = Get-Content -LiteralPath (Join-Path $script:State 'journal.jsonl') | ForEach-Object { $_ | ConvertFrom-Json }
        @($journal | Where-Object { $_.command -in @('New-Service', 'sc.exe', 'icacls.exe', 'New-NetFirewallRule', 'Invoke-CimMethod') }) | Should -BeNullOrEmpty
    }

    It 'the first run installs and starts, one record per step' {
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $script:State
        $run.ExitCode | Should -Be 0 -Because $run.Output
        ($run.Records | ForEach-Object step) | Should -Be @('dir-install', 'dir-logs', 'copy-host', 'service', 'recovery', 'sidtype', 'firewall-8080', 'port-8080', 'start')
        ($run.Records | Where-Object step -EQ 'service').status | Should -Be 'changed'
        ($run.Records | Where-Object step -EQ 'start').detail | Should -Match '^started service gin-hello \(PID \d+\)'
        $state = Get-Content -LiteralPath (Join-Path $script:State 'state.json') -Raw | ConvertFrom-Json -AsHashtable
        $service = $state.services['gin-hello']
        $service.state | Should -Be 'Running'
        $service.account | Should -Be 'NT SERVICE\gin-hello'
        $service.delayedAutoStart | Should -BeTrue
        $service.failureFlag | Should -Be 1
        $service.sidType | Should -Be 1
        $service.binaryPath | Should -Be '"C:\ProgramData\svcforge\gin-hello\svcforge-host.exe" --config "C:\ProgramData\svcforge\gin-hello\svcforge-host.conf"'
        $logsAcl = $state.acls['c:\programdata\svcforge\gin-hello\logs']
        $logsAcl.protected | Should -BeTrue
        # Granted by SID (the service did not exist yet); Get-Acl shows the name now.
        @($logsAcl.entries | ForEach-Object identity) | Should -Be @('BUILTIN\Administrators', 'NT AUTHORITY\SYSTEM', 'S-1-5-80-1023753244-3557904878-1415350427-3739554082-4122646642')
        $env:SVCFORGE_SHIM_STATE = $script:State
        @((Get-Acl -LiteralPath 'C:\ProgramData\svcforge\gin-hello\logs').Access | ForEach-Object { [string]$_.IdentityReference }) | Should -Contain 'NT SERVICE\gin-hello'
        $journal = Get-Content -LiteralPath (Join-Path $script:State 'journal.jsonl') | ForEach-Object { $_ | ConvertFrom-Json }
        ($journal | Where-Object command -EQ 'sc.exe' | ForEach-Object { $_.arguments -join ' ' }) | Should -Contain 'failure gin-hello reset= 86400 actions= restart/60000/restart/60000//0'
        ($journal | Where-Object command -EQ 'New-Service').parameters.BinaryPathName | Should -BeLike '"C:\ProgramData\svcforge\gin-hello\svcforge-host.exe"*'
    }

    It 'a second run reports every step unchanged' {
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $script:State
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Records.Count | Should -Be 9
        foreach ($record in $run.Records) { $record.status | Should -Be 'unchanged' -Because "$($record.step): $($record.detail)" }
    }

    It 'a -WhatIf run after a drift reports the drift and leaves the state file byte-identical' {
        $statePath = Join-Path $script:State 'state.json'
        $state = Get-Content -LiteralPath $statePath -Raw | ConvertFrom-Json -AsHashtable
        $state.services['gin-hello'].startMode = 'Manual'
        $state.services['gin-hello'].delayedAutoStart = $false
        $state.firewallRules['svcforge-gin-hello-tcp-8080'].remoteAddress = @('Any')
        Set-Content -LiteralPath $statePath -Value ($state | ConvertTo-Json -Depth 20)
        $hash = (Get-FileHash -LiteralPath $statePath).Hash
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $script:State -Arguments @('-WhatIf')
        $run.ExitCode | Should -Be 0 -Because $run.Output
        ($run.Records | Where-Object step -EQ 'service').detail | Should -Be 'would update service gin-hello: startup Manual -> AutomaticDelayedStart'
        ($run.Records | Where-Object step -EQ 'firewall-8080').detail | Should -Be 'would update firewall rule svcforge-gin-hello-tcp-8080: remote addresses Any -> LocalSubnet'
        (Get-FileHash -LiteralPath $statePath).Hash | Should -Be $hash
        $fixed = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $script:State
        @($fixed.Records | Where-Object status -EQ 'changed' | ForEach-Object step) | Should -Be @('service', 'firewall-8080')
    }

    It 'uninstall after install leaves no service, no rule and no directory' {
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'uninstall.ps1' -StateDirectory $script:State
        $run.ExitCode | Should -Be 0 -Because $run.Output
        @($run.Records | ForEach-Object status) | Should -Be @('changed', 'changed', 'changed')
        $env:SVCFORGE_SHIM_STATE = $script:State
        $state = Get-SvcForgeShimState
        $state.services.Count | Should -Be 0
        $state.firewallRules.Count | Should -Be 0
        $state.acls.Count | Should -Be 0
        @($state.processes).Count | Should -Be 0
        Test-Path -LiteralPath (Join-Path $script:State 'drive_c' 'ProgramData' 'svcforge' 'gin-hello') | Should -BeFalse
        $again = Invoke-Bundle -Bundle $script:Bundle -Script 'uninstall.ps1' -StateDirectory $script:State
        @($again.Records | ForEach-Object status) | Should -Be @('unchanged', 'unchanged', 'unchanged')
    }

    It 'a port held by another process fails the install with one failed record naming it, exit 1' {
        $state = Join-Path $TestDrive 'state-port'
        $env:SVCFORGE_SHIM_STATE = $state
        Import-Module (Join-Path $script:RepoRoot 'test' 'shim' 'SvcForgeShim.psm1') -Force
        Initialize-SvcForgeShim -Mode record -StateDirectory $state
        Add-SvcForgeShimProcess -ProcessId 4242 -Name 'nginx.exe'
        Add-SvcForgeShimListener -Port 8080 -ProcessId 4242
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $state
        $run.ExitCode | Should -Be 1
        $failed = $run.Records[-1]
        $failed.status | Should -Be 'failed'
        $failed.step | Should -Be 'port-8080'
        $failed.detail | Should -Match 'port 8080/TCP is already in use by nginx\.exe \(PID 4242\)'
        ($run.Records | Where-Object step -EQ 'start') | Should -BeNullOrEmpty
    }

    It 'a non-elevated run fails at the first step with the rerun hint' {
        $state = Join-Path $TestDrive 'state-noadmin'
        Initialize-SvcForgeShim -Mode record -StateDirectory $state
        Set-SvcForgeShimElevated -Elevated $false
        $run = Invoke-Bundle -Bundle $script:Bundle -Script 'install.ps1' -StateDirectory $state
        $run.ExitCode | Should -Be 1
        $run.Records[0].step | Should -Be 'elevation'
        $run.Records[0].detail | Should -Match '^must run elevated'
    }
}

Describe 'module functions in-process against the shim' {
    BeforeAll {
        $script:State = Join-Path $TestDrive 'state-inproc'
        $env:SVCFORGE_SHIM = 'record'
        $env:SVCFORGE_SHIM_STATE = $script:State
        Import-Module (Join-Path $script:RepoRoot 'test' 'shim' 'SvcForgeShim.psm1') -Force
        Initialize-SvcForgeShim -Mode record -StateDirectory $script:State
        Import-Module (Join-Path $script:RepoRoot 'ps-scripts' 'SvcForge' 'SvcForge.psd1') -Force
        $script:Service = @{ Name = 'api'; DisplayName = 'API'; Description = ''; BinaryPath = '"C:\api\api.exe"'; StartupType = 'Manual'; Account = 'NT AUTHORITY\NetworkService'; Step = 'service' }
    }
    AfterAll {
        Remove-Item -Path Env:SVCFORGE_SHIM, Env:SVCFORGE_SHIM_STATE -ErrorAction SilentlyContinue
    }

    It 'creates a service, then the same call is unchanged' {
        (Set-SvcForgeService @script:Service).status | Should -Be 'changed'
        (Set-SvcForgeService @script:Service).status | Should -Be 'unchanged'
    }

    It 'changes only the account, with a user password that reaches no file' {
        $credential = [pscredential]::new('CONTOSO\api', (ConvertTo-SecureString -String 'Pa55-w0rd!' -AsPlainText -Force))
        $parameters = @{} + $script:Service
        $parameters.Account = 'CONTOSO\api'
        $record = Set-SvcForgeService @parameters -Credential $credential
        $record.changes | Should -Be @('account NT AUTHORITY\NetworkService -> CONTOSO\api')
        foreach ($file in Get-ChildItem -LiteralPath $script:State -File) {
            Get-Content -LiteralPath $file.FullName -Raw | Should -Not -Match 'Pa55-w0rd' -Because $file.Name
        }
            # Back to NetworkService: CONTOSO\api holds no Log on as a service right in the shim's
        # policy, so the start tests below would fail with 1069 instead of what they test.
        $null = Set-SvcForgeService @script:Service
    }

    It 'a service that dies on start fails the start step with its exit code' {
        Set-SvcForgeShimServiceBehavior -Name 'api' -StartBehavior 'fail'
        { Start-SvcForgeService -Name 'api' -Step 'start' } | Should -Throw '*sc.exe start api failed*StartService FAILED 1067*'
    }

    It 'a service stuck in Start Pending fails after the deadline naming the state' {
        Set-SvcForgeShimServiceBehavior -Name 'api' -StartBehavior 'pending'
        { Start-SvcForgeService -Name 'api' -TimeoutSeconds 1 -Step 'start' } | Should -Throw '*did not become Running within 1 s; it is Start Pending*'
    }

    It 'lists the rules of a group' {
        $null = Set-SvcForgeFirewallRule -Name 'api-443' -DisplayName 'API 443' -Group 'svcforge api' -Port '443' -Protocol 'TCP' -Program 'C:\api\api.exe' -Profile 'Domain' -RemoteAddress '10.1.0.0/16'
        $rules = @(Get-SvcForgeFirewallRule -Group 'svcforge api')
        $rules.Count | Should -Be 1
        $rules[0].remoteAddresses | Should -Be @('10.1.0.0/255.255.0.0')
        $rules[0].enabled | Should -BeTrue
        (Set-SvcForgeFirewallRule -Name 'api-443' -DisplayName 'API 443' -Group 'svcforge api' -Port '443' -Protocol 'TCP' -Program 'C:\api\api.exe' -Profile 'Domain' -RemoteAddress '10.1.0.0/16').status | Should -Be 'unchanged'
    }
}
