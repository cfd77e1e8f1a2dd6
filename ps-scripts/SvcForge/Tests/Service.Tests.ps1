BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Wanted = @{
        Name        = 'gin-hello'
        DisplayName = 'Gin Hello'
        Description = 'Serves hello'
        BinaryPath  = '"C:\apps\gin\svcforge-host.exe" --config "C:\apps\gin\host.conf"'
        StartupType = 'AutomaticDelayedStart'
        DependsOn   = @('Tcpip')
        Account     = 'NT SERVICE\gin-hello'
        Step        = 'service'
    }
}

Describe 'Set-SvcForgeService' {
    BeforeEach {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        Mock -CommandName Set-Service -ModuleName SvcForge -MockWith { }
        Mock -CommandName New-Service -ModuleName SvcForge -MockWith { }
        Mock -CommandName New-ItemProperty -ModuleName SvcForge -MockWith { }
        Mock -CommandName Invoke-CimMethod -ModuleName SvcForge -MockWith { [pscustomobject]@{ ReturnValue = 0 } }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello'; DelayedAutostart = 1; DependOnService = [string[]]@('Tcpip') } }
    }

    It 'reports unchanged and changes nothing when every setting matches' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService }
        $record = Set-SvcForgeService @script:Wanted
        $record.status | Should -Be 'unchanged'
        $record.step | Should -Be 'service'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Set-Service -ModuleName SvcForge -Times 0
    }

    It 'changes only the startup type when only it differs, with sc.exe config start= delayed-auto' {
        # First read: Manual without the delayed flag; after sc.exe config the re-read sees the change.
        $script:reads = 0
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { $script:reads++; New-TestCimService -StartMode 'Manual' }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello'; DependOnService = [string[]]@('Tcpip') } }
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService }
            Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello'; DelayedAutostart = 1; DependOnService = [string[]]@('Tcpip') } }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        $record = Set-SvcForgeService @script:Wanted
        $record.status | Should -Be 'changed'
        $record.changes | Should -Be @('startup Manual -> AutomaticDelayedStart')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'config gin-hello start= delayed-auto' }
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 0
    }

    It 'changes the binary path and account through Win32_Service.Change, never on a command line' {
        $script:reads = 0
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
            $script:reads++
            if ($script:reads -eq 1) { return New-TestCimService -StartName 'LocalSystem' -PathName 'C:\old.exe' }
            New-TestCimService -StartName 'CONTOSO\svc'
        }
        $credential = [pscredential]::new('CONTOSO\svc', (ConvertTo-SecureString -String 'S3cret!' -AsPlainText -Force))
        $parameters = @{} + $script:Wanted
        $parameters.Account = 'CONTOSO\svc'
        $record = Set-SvcForgeService @parameters -Credential $credential -WhatIf:$false
        $record.changes | Should -Contain 'account LocalSystem -> CONTOSO\svc'
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $MethodName -eq 'Change' -and $Arguments.StartName -eq 'CONTOSO\svc' -and $Arguments.PathName -like '"C:\apps*'
        }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'applies a given password again when the user account is unchanged (rotation), with no restart reason' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -StartName 'CONTOSO\svc' }
        Mock -CommandName Add-SvcForgeRestartReason -ModuleName SvcForge -MockWith { }
        Mock -CommandName Invoke-CimMethod -ModuleName SvcForge -MockWith {
            $script:rotation = @{ Keys = @($Arguments.Keys | Sort-Object); StartName = $Arguments['StartName']; StartPassword = $Arguments['StartPassword'] }
            [pscustomobject]@{ ReturnValue = 0 }
        }
        $credential = [pscredential]::new('CONTOSO\svc', (ConvertTo-SecureString -String 'N3w-S3cret!' -AsPlainText -Force))
        $parameters = @{} + $script:Wanted
        $parameters.Account = 'CONTOSO\svc'
        $record = Set-SvcForgeService @parameters -Credential $credential
        $record.status | Should -Be 'changed'
        $record.changes | Should -Be @('password of CONTOSO\svc applied again')
        $record.detail | Should -Not -BeLike '*N3w-S3cret!*'
        $script:rotation.Keys | Should -Be @('StartName', 'StartPassword')
        $script:rotation.StartName | Should -BeExactly 'CONTOSO\svc'
        $script:rotation.StartPassword | Should -BeExactly 'N3w-S3cret!'
        Should -Invoke -CommandName Add-SvcForgeRestartReason -ModuleName SvcForge -Times 0
    }

    It 'under -WhatIf says it would apply the password again and hands the SCM nothing' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -StartName 'CONTOSO\svc' }
        $credential = [pscredential]::new('CONTOSO\svc', (ConvertTo-SecureString -String 'N3w-S3cret!' -AsPlainText -Force))
        $parameters = @{} + $script:Wanted
        $parameters.Account = 'CONTOSO\svc'
        $record = Set-SvcForgeService @parameters -Credential $credential -WhatIf
        $record.detail | Should -Be 'would update service gin-hello: password of CONTOSO\svc applied again'
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 0
    }

    It 'gives a <Account> account <Expected> (virtual and managed accounts must get NULL, ChangeServiceConfigW)' -ForEach @(
        @{ Account = 'NT SERVICE\gin-hello'; Expected = 'no password at all' }
        @{ Account = 'CONTOSO\svc-gin$'; Expected = 'no password at all' }
        @{ Account = 'NT AUTHORITY\LocalService'; Expected = 'an empty password' }
        @{ Account = 'LocalSystem'; Expected = 'an empty password' }
    ) {
        $script:reads = 0
        $wantedAccount = $Account
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
            $script:reads++
            if ($script:reads -eq 1) { return New-TestCimService -StartName 'NT AUTHORITY\NetworkService' }
            New-TestCimService -StartName $wantedAccount
        }
        # The module removes StartPassword after the call, so look at the arguments while the call happens.
        Mock -CommandName Invoke-CimMethod -ModuleName SvcForge -MockWith {
            $script:passwordGiven = $Arguments.ContainsKey('StartPassword')
            $script:passwordValue = $Arguments['StartPassword']
            [pscustomobject]@{ ReturnValue = 0 }
        }
        $parameters = @{} + $script:Wanted
        $parameters.Account = $Account
        $null = Set-SvcForgeService @parameters -WhatIf:$false
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 1 -Exactly
        if ($Expected -eq 'no password at all') {
            $script:passwordGiven | Should -BeFalse
        }
        else {
            $script:passwordGiven | Should -BeTrue
            $script:passwordValue | Should -BeExactly ''
        }
    }

    It 'creates a missing service with New-Service and then sets what New-Service cannot' {
        $script:calls = 0
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
            $script:calls++
            if ($script:calls -eq 1) { return }
            New-TestCimService -StartName 'LocalSystem'
        }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello'; DependOnService = [string[]]@('Tcpip') } }
        Mock -CommandName Get-SvcForgeServicePlan -ModuleName SvcForge -MockWith { [pscustomobject]@{ BinaryPath = $null; Account = $null; DisplayName = $null; Description = $null; StartupType = $null; DependsOn = $null; Changes = @() } }
        $record = Set-SvcForgeService @script:Wanted
        $record.status | Should -Be 'changed'
        $record.detail | Should -Match 'created service gin-hello'
        Should -Invoke -CommandName New-Service -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $Name -eq 'gin-hello' -and $StartupType -eq 'Automatic' -and $BinaryPathName -like '"C:\apps\gin\svcforge-host.exe"*' -and $DependsOn -contains 'Tcpip'
        }
    }

    It 'under -WhatIf reports "would create" and creates nothing' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { }
        $record = Set-SvcForgeService @script:Wanted -WhatIf
        $record.status | Should -Be 'changed'
        $record.detail | Should -Match '^would create service gin-hello'
        Should -Invoke -CommandName New-Service -ModuleName SvcForge -Times 0
    }

    It 'honours the caller''s $WhatIfPreference (a rendered script run with -WhatIf)' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -StartMode 'Manual' }
        $wanted = $script:Wanted
        $record = & { $WhatIfPreference = $true; Set-SvcForgeService @wanted }
        $record.detail | Should -Match '^would update service gin-hello: startup Manual -> AutomaticDelayedStart'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'refuses a user account without a credential, saying what to pass' {
        $parameters = @{} + $script:Wanted
        $parameters.Account = 'CONTOSO\svc'
        { Set-SvcForgeService @parameters } | Should -Throw '*-Credential*'
    }

    It 'under -WhatIf needs no credential for a user account and changes nothing' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService }
        $parameters = @{} + $script:Wanted
        $parameters.Account = 'CONTOSO\svc'
        $record = Set-SvcForgeService @parameters -WhatIf
        $record.status | Should -Be 'changed'
        $record.changes | Should -Contain 'account NT SERVICE\gin-hello -> CONTOSO\svc'
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 0
    }

    It 'fails with the Change return code and a hint when the SCM rejects the account' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -StartName 'LocalSystem' }
        Mock -CommandName Invoke-CimMethod -ModuleName SvcForge -MockWith { [pscustomobject]@{ ReturnValue = 22 } }
        { Set-SvcForgeService @script:Wanted } | Should -Throw '*returned 22*not valid*'
    }
}

Describe 'Set-SvcForgeServiceRecovery' {
    BeforeEach {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService }
    }

    It 'is unchanged when the decoded registry value matches' {
        $bytes = New-TestFailureActionsBytes -Reset 86400 -Actions @(@(1, 60000), @(1, 60000), @(0, 0))
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ FailureActions = $bytes; FailureActionsOnNonCrashFailures = 1 } }.GetNewClosure()
        $record = Set-SvcForgeServiceRecovery -Name 'gin-hello' -ResetAfterSeconds 86400 -Action @('restart/60000', 'restart/60000', 'none/0') -FailureFlag $true
        $record.status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'sets actions with sc.exe failure (none as an empty type) and the flag with sc.exe failureflag' {
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ Start = 2 } }
        $record = Set-SvcForgeServiceRecovery -Name 'gin-hello' -ResetAfterSeconds 86400 -Action @('restart/60000', 'none/0') -FailureFlag $true -Step 'recovery'
        $record.status | Should -Be 'changed'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'failure gin-hello reset= 86400 actions= restart/60000//0' }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'failureflag gin-hello 1' }
    }

    It 'fails when the service does not exist, and only reports under -WhatIf' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { }
        { Set-SvcForgeServiceRecovery -Name 'gin-hello' -ResetAfterSeconds 1 -Action 'restart/1' -FailureFlag $false } | Should -Throw '*does not exist*Set-SvcForgeService*'
        (Set-SvcForgeServiceRecovery -Name 'gin-hello' -ResetAfterSeconds 1 -Action 'restart/1' -FailureFlag $false -WhatIf).detail | Should -Match '^would '
    }

    It 'rejects an action outside type/ms' {
        { Set-SvcForgeServiceRecovery -Name 'gin-hello' -ResetAfterSeconds 1 -Action 'restart/1m' -FailureFlag $false } | Should -Throw
    }
}

Describe 'Set-SvcForgeServiceSidType' {
    BeforeEach {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService }
    }

    It 'is unchanged when ServiceSidType matches' {
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ ServiceSidType = 1 } }
        (Set-SvcForgeServiceSidType -Name 'gin-hello' -SidType 'Unrestricted').status | Should -Be 'unchanged'
    }

    It 'sets it with sc.exe sidtype when absent (None)' {
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ Start = 2 } }
        $record = Set-SvcForgeServiceSidType -Name 'gin-hello' -SidType 'Unrestricted'
        $record.changes | Should -Be @('SID type None -> Unrestricted')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -ParameterFilter { ($ArgumentList -join ' ') -eq 'sidtype gin-hello unrestricted' }
    }
}

Describe 'Start-SvcForgeService and Stop-SvcForgeService' {
    BeforeEach {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { }
        Mock -CommandName Start-Sleep -ModuleName SvcForge -MockWith { }
    }

    It 'is unchanged when already running' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -State 'Running' -ProcessId 42 }
        (Start-SvcForgeService -Name 'gin-hello').status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'starts with sc.exe start and polls until Running' {
        $script:reads = 0
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
            $script:reads++
            $state = @('Stopped', 'Start Pending', 'Running')[[Math]::Min($script:reads - 1, 2)]
            New-TestCimService -State $state -ProcessId 42
        }
        $record = Start-SvcForgeService -Name 'gin-hello'
        $record.status | Should -Be 'changed'
        $record.detail | Should -Be 'started service gin-hello (PID 42)'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -ParameterFilter { ($ArgumentList -join ' ') -eq 'start gin-hello' }
    }

    It 'fails with the exit code when the service stops instead of running' {
        $script:reads = 0
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { $script:reads++; New-TestCimService -State 'Stopped' }
        { Start-SvcForgeService -Name 'gin-hello' } | Should -Throw "*is Stopped instead of Running*exit code*"
    }

    It 'fails after the deadline saying which state the service is in' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -State 'Start Pending' }
        $script:clock = [datetime]'2024-01-01'
        Mock -CommandName Get-Date -ModuleName SvcForge -MockWith { $script:clock = $script:clock.AddSeconds(1); $script:clock }
        { Start-SvcForgeService -Name 'gin-hello' -TimeoutSeconds 1 } | Should -Throw '*did not become Running within 1 s; it is Start Pending*'
    }

    It 'stop is unchanged when the service is absent or stopped' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { }
        (Stop-SvcForgeService -Name 'gin-hello').status | Should -Be 'unchanged'
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -State 'Stopped' }
        (Stop-SvcForgeService -Name 'gin-hello').status | Should -Be 'unchanged'
    }

    It 'Remove-SvcForgeService is unchanged when absent and -WhatIf deletes nothing' {
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello' } }
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { }
        (Remove-SvcForgeService -Name 'gin-hello').status | Should -Be 'unchanged'
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -State 'Running' }
        (Remove-SvcForgeService -Name 'gin-hello' -WhatIf).detail | Should -Match '^would '
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }
}

Describe 'services svcforge did not create (the SvcForge mark)' {
    BeforeEach {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
        Mock -CommandName Set-Service -ModuleName SvcForge -MockWith { }
        Mock -CommandName New-Service -ModuleName SvcForge -MockWith { }
        Mock -CommandName New-ItemProperty -ModuleName SvcForge -MockWith { }
        Mock -CommandName Invoke-CimMethod -ModuleName SvcForge -MockWith { [pscustomobject]@{ ReturnValue = 0 } }
        # Spooler as Windows has it: running as LocalSystem, no SvcForge value in its key.
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -Name 'Spooler' -State 'Running' -StartName 'LocalSystem' -PathName 'C:\Windows\System32\spoolsv.exe' }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ DependOnService = [string[]]@('RPCSS', 'http') } }
        $script:Spooler = @{} + $script:Wanted
        $script:Spooler.Name = 'Spooler'
    }

    It 'Set-SvcForgeService refuses an existing service without the mark, names --adopt, and changes nothing' {
        $spooler = $script:Spooler
        $caught = $null
        try { $null = Set-SvcForgeService @spooler } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'SvcForge.ServiceNotOwned*'
        $caught.Exception.Message | Should -BeLike "*service 'Spooler' exists but svcforge did not create it*spoolsv.exe*LocalSystem*--adopt*"
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Set-Service -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName New-ItemProperty -ModuleName SvcForge -Times 0
    }

    It 'Set-SvcForgeService refuses it under -WhatIf too: the preview shows the refusal' {
        $spooler = $script:Spooler
        { Set-SvcForgeService @spooler -WhatIf } | Should -Throw '*did not create it*'
    }

    It 'Set-SvcForgeService -Adopt marks the service in its registry key, then configures it' {
        # Once the SCM took the change, the service reads back as wanted (and marked).
        Mock -CommandName Invoke-CimMethod -ModuleName SvcForge -MockWith {
            Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -Name 'Spooler' }
            Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'Spooler'; DelayedAutostart = 1; DependOnService = [string[]]@('Tcpip') } }
            [pscustomobject]@{ ReturnValue = 0 }
        }
        $spooler = $script:Spooler
        $record = Set-SvcForgeService @spooler -Adopt
        $record.status | Should -Be 'changed'
        $record.changes[0] | Should -Be 'adopted service'
        $record.detail | Should -BeLike 'adopted service Spooler: *'
        Should -Invoke -CommandName New-ItemProperty -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $LiteralPath -eq 'HKLM:\SYSTEM\CurrentControlSet\Services\Spooler' -and $Name -eq 'SvcForge' -and $PropertyType -eq 'String' -and $Value -eq 'Spooler'
        }
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $Arguments.StartName -eq 'NT SERVICE\gin-hello' }
    }

    It 'Set-SvcForgeService -Adopt -WhatIf marks nothing and says it would adopt' {
        $spooler = $script:Spooler
        $record = Set-SvcForgeService @spooler -Adopt -WhatIf
        $record.status | Should -Be 'changed'
        $record.changes[0] | Should -Be 'adopted service'
        $record.detail | Should -BeLike 'would adopt service Spooler and update: *'
        Should -Invoke -CommandName New-ItemProperty -ModuleName SvcForge -Times 0
        Should -Invoke -CommandName Invoke-CimMethod -ModuleName SvcForge -Times 0
    }

    It 'Set-SvcForgeService marks a service it creates, right after New-Service' {
        $script:calls = 0
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith {
            $script:calls++
            if ($script:calls -eq 1) { return }
            New-TestCimService
        }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'gin-hello'; DelayedAutostart = 1; DependOnService = [string[]]@('Tcpip') } }
        $wanted = $script:Wanted
        $record = Set-SvcForgeService @wanted
        $record.detail | Should -Match '^created service gin-hello'
        Should -Invoke -CommandName New-Service -ModuleName SvcForge -Times 1 -Exactly
        Should -Invoke -CommandName New-ItemProperty -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $LiteralPath -eq 'HKLM:\SYSTEM\CurrentControlSet\Services\gin-hello' -and $Name -eq 'SvcForge'
        }
    }

    It 'Set-SvcForgeService fails naming the registry value when the mark cannot be written' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { }
        Mock -CommandName New-Service -ModuleName SvcForge -MockWith { Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService } }
        Mock -CommandName New-ItemProperty -ModuleName SvcForge -MockWith { throw [System.UnauthorizedAccessException]::new('Requested registry access is not allowed.') }
        $wanted = $script:Wanted
        { Set-SvcForgeService @wanted } | Should -Throw '*could not mark service ''gin-hello''*SvcForge under HKLM:\SYSTEM\CurrentControlSet\Services\gin-hello*elevated*'
    }

    It 'Remove-SvcForgeService refuses to delete a service without the mark and leaves it running' {
        { Remove-SvcForgeService -Name 'Spooler' } | Should -Throw "*service 'Spooler' exists but svcforge did not create it*refuses to delete it*uninstall.ps1 -Adopt*"
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'Remove-SvcForgeService -Adopt deletes it and says it was not svcforge''s' {
        Mock -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -MockWith { }
        Mock -CommandName Wait-SvcForgeServiceState -ModuleName SvcForge -MockWith { }
        $record = Remove-SvcForgeService -Name 'Spooler' -Adopt
        $record.status | Should -Be 'changed'
        $record.detail | Should -BeLike '*not created by svcforge; deleted because -Adopt was given*'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'delete Spooler' }
    }

    It 'Remove-SvcForgeService deletes a marked service without -Adopt' {
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ SvcForge = 'Spooler' } }
        Mock -CommandName Stop-SvcForgeServiceInternal -ModuleName SvcForge -MockWith { }
        Mock -CommandName Wait-SvcForgeServiceState -ModuleName SvcForge -MockWith { }
        (Remove-SvcForgeService -Name 'Spooler').detail | Should -Be 'deleted service Spooler'
    }
}

Describe 'Get-SvcForgeStatus' {
    It 'combines the SCM view with the supervisor status file' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { New-TestCimService -State 'Running' -ProcessId 42 }
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { [pscustomobject]@{ DelayedAutostart = 1 } }
        $file = Join-Path $TestDrive 'status.json'
        Set-Content -LiteralPath $file -Value '{"state":"running","pid":77,"port":8080,"restarts":2,"last_exit_code":1,"started_at":"2024-01-01T00:00:00Z","health":"healthy","next_start_in_ms":0,"memory_bytes":1024}'
        $status = Get-SvcForgeStatus -Name 'gin-hello' -StatusFile $file
        $status.exists | Should -BeTrue
        $status.state | Should -Be 'Running'
        $status.startType | Should -Be 'AutomaticDelayedStart'
        $status.processId | Should -Be 42
        $status.supervisor.port | Should -Be 8080
        $status.supervisor.restarts | Should -Be 2
    }

    It 'reports a missing service as exists = false' {
        Mock -CommandName Get-CimInstance -ModuleName SvcForge -MockWith { }
        $status = Get-SvcForgeStatus -Name 'nope'
        $status.exists | Should -BeFalse
        $status.supervisor | Should -BeNullOrEmpty
    }
}
