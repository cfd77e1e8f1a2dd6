BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Nssm = @{ NssmPath = 'C:\tools\nssm\nssm.exe'; Name = 'web' }
    # The registry as NSSM leaves it: values at their default are absent. A service NSSM
    # manages has Parameters\Application; -Unmanaged leaves it out (a service SvcForge has
    # just created with nssm.exe as its binary).
    function Set-TestNssmRegistry {
        param([hashtable]$Parameters = @{}, [hashtable]$AppExit = $null, [switch]$NoService, [switch]$Unmanaged)
        $values = @{}
        if (-not $Unmanaged) { $values.Application = 'C:\apps\web.exe' }
        foreach ($key in $Parameters.Keys) { $values[$key] = $Parameters[$key] }
        $script:TestRegistry = @{ Parameters = $values; AppExit = $AppExit; Service = -not $NoService }
    }
    function Get-TestNssmRegistry {
        param([string]$LiteralPath)
        if (-not $script:TestRegistry.Service) { return }
        switch -Regex ($LiteralPath) {
            '\\Parameters\\AppExit$' { if ($null -ne $script:TestRegistry.AppExit) { [pscustomobject]$script:TestRegistry.AppExit } }
            '\\Parameters$' { [pscustomobject]$script:TestRegistry.Parameters }
            '\\web$' { [pscustomobject]@{ ImagePath = '"C:\tools\nssm\nssm.exe"' } }
        }
    }
}

Describe 'Set-SvcForgeNssmParameter' {
    BeforeEach {
        Set-TestNssmRegistry
        Mock -CommandName Get-ItemProperty -ModuleName SvcForge -MockWith { Get-TestNssmRegistry -LiteralPath $LiteralPath[0] }
        Mock -CommandName Test-Path -ModuleName SvcForge -MockWith { $true }
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { [pscustomobject]@{ ExitCode = 0; Output = '' } }
    }

    It 'is unchanged and runs nothing when the registry holds the value' {
        Set-TestNssmRegistry -Parameters @{ AppThrottle = 300000 }
        $record = Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '300000' -Step 'nssm:web:AppThrottle'
        $record.status | Should -Be 'unchanged'
        $record.step | Should -Be 'nssm:web:AppThrottle'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'counts an absent value as NSSM''s default (NSSM deletes a value set to its default)' {
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '1500').status | Should -Be 'unchanged'
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppPriority' -Value 'NORMAL_PRIORITY_CLASS').status | Should -Be 'unchanged'
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppAffinity' -Value 'All').status | Should -Be 'unchanged'
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppEnvironmentExtra' -Value @()).status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'runs nssm.exe set with the value as its own argument, then verifies by re-reading' {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Set-TestNssmRegistry -Parameters @{ AppParameters = '--config "C:\my app\app.toml"' }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        $record = Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppParameters' -Value '--config "C:\my app\app.toml"' -Step 'p'
        $record.status | Should -Be 'changed'
        $record.changes | Should -Be @('AppParameters '''' -> --config "C:\my app\app.toml"')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $FilePath -eq 'C:\tools\nssm\nssm.exe' -and $ArgumentList.Count -eq 4 -and $ArgumentList[0] -eq 'set' -and $ArgumentList[1] -eq 'web' -and $ArgumentList[2] -eq 'AppParameters' -and $ArgumentList[3] -ceq '--config "C:\my app\app.toml"'
        }
    }

    It 'writes Application with reg.exe while NSSM does not manage the service yet, as nssm.exe install would' {
        Set-TestNssmRegistry -Unmanaged
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Set-TestNssmRegistry -Parameters @{ Application = 'C:\apps\my app\web.exe' }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        $record = Set-SvcForgeNssmParameter @script:Nssm -Parameter 'Application' -Value 'C:\apps\my app\web.exe' -Step 'a'
        $record.status | Should -Be 'changed'
        $record.changes | Should -Be @("Application '' -> C:\apps\my app\web.exe")
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter {
            $FilePath -eq 'reg.exe' -and ($ArgumentList -join '|') -ceq 'add|HKLM\SYSTEM\CurrentControlSet\Services\web\Parameters|/v|Application|/t|REG_EXPAND_SZ|/d|C:\apps\my app\web.exe|/f'
        }
    }

    It 'changes Application of a service NSSM manages with nssm.exe set' {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Set-TestNssmRegistry -Parameters @{ Application = 'C:\apps\web2.exe' }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'Application' -Value 'C:\apps\web2.exe').changes | Should -Be @('Application C:\apps\web.exe -> C:\apps\web2.exe')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $FilePath -eq 'C:\tools\nssm\nssm.exe' -and ($ArgumentList -join ' ') -eq 'set web Application C:\apps\web2.exe' }
    }

    It 'refuses another parameter while NSSM does not manage the service, naming Application; an unchanged value needs nothing' {
        Set-TestNssmRegistry -Unmanaged
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '300000' -Step 't' } | Should -Throw -ExpectedMessage '*NSSM does not manage it yet*set Application first*'
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '1500').status | Should -Be 'unchanged'
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '300000' -WhatIf).status | Should -Be 'changed'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'compares AppAffinity as processors: NSSM stores two neighbours as 0,1 and three or more as 0-2' {
        Set-TestNssmRegistry -Parameters @{ AppAffinity = '0,1,3' }
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppAffinity' -Value '0,1,3').status | Should -Be 'unchanged'
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppAffinity' -Value '0-1,3').status | Should -Be 'unchanged'
        Set-TestNssmRegistry -Parameters @{ AppAffinity = '0-2' }
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppAffinity' -Value '0,1,2').status | Should -Be 'unchanged'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppAffinity' -Value '0,1' } | Should -Throw -ExpectedMessage '*still differs*AppAffinity 0-2 -> 0,1*'
    }

    It 'fails when nssm.exe exits 0 but the registry still differs' {
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppRestartDelay' -Value '1000' -Step 'd' } | Should -Throw -ExpectedMessage '*still differs*AppRestartDelay 0 -> 1000*'
    }

    It 'resets a parameter whose wanted value is NSSM''s default' {
        Set-TestNssmRegistry -Parameters @{ AppPriority = 16384 }
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith { Set-TestNssmRegistry; [pscustomobject]@{ ExitCode = 0; Output = '' } }
        $record = Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppPriority' -Value 'NORMAL_PRIORITY_CLASS'
        $record.changes | Should -Be @('AppPriority BELOW_NORMAL_PRIORITY_CLASS -> NORMAL_PRIORITY_CLASS')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'reset web AppPriority' }
    }

    It 'passes AppEnvironmentExtra as one argument per NAME=VALUE' {
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Set-TestNssmRegistry -Parameters @{ AppEnvironmentExtra = [string[]]@('A=1', 'B=two words') }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppEnvironmentExtra' -Value @('A=1', 'B=two words')).status | Should -Be 'changed'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { $ArgumentList.Count -eq 5 -and $ArgumentList[4] -eq 'B=two words' }
    }

    It 'sets AppExit codes that differ and resets codes the spec no longer lists' {
        Set-TestNssmRegistry -AppExit @{ '(default)' = 'Restart'; '7' = 'Exit' }
        Mock -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -MockWith {
            Set-TestNssmRegistry -AppExit @{ '(default)' = 'Restart'; '0' = 'Exit' }
            [pscustomobject]@{ ExitCode = 0; Output = '' }
        }
        $record = Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppExit' -Value @('Default=Restart', '0=Exit')
        $record.changes | Should -Be @('AppExit 0 (none) -> Exit', 'AppExit 7 Exit -> (none)')
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'set web AppExit 0 Exit' }
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 1 -Exactly -ParameterFilter { ($ArgumentList -join ' ') -eq 'reset web AppExit 7' }
    }

    It 'under -WhatIf says what it would set and runs nothing, also before the service exists' {
        $record = Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '300000' -WhatIf
        $record.status | Should -Be 'changed'
        $record.detail | Should -BeLike 'would *'
        Set-TestNssmRegistry -NoService
        $WhatIfPreference = $true
        (Set-SvcForgeNssmParameter @script:Nssm -Parameter 'Application' -Value 'C:\apps\web.exe').detail | Should -BeLike 'would set*does not exist yet*'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }

    It 'fails naming the service when it does not exist, and naming the path when nssm.exe is missing' {
        Set-TestNssmRegistry -NoService
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '300000' } | Should -Throw -ExpectedMessage "*service 'web' does not exist*"
        Set-TestNssmRegistry
        Mock -CommandName Test-Path -ModuleName SvcForge -MockWith { $false }
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '300000' } | Should -Throw -ExpectedMessage '*nssm.exe not found at C:\tools\nssm\nssm.exe*'
    }

    It 'rejects a value of the wrong shape before touching anything' {
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppThrottle' -Value '5s' } | Should -Throw -ExpectedMessage '*whole number*'
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppExit' -Value 'Default=Stop' } | Should -Throw -ExpectedMessage '*Restart, Ignore, Exit or Suicide*'
        { Set-SvcForgeNssmParameter @script:Nssm -Parameter 'AppAffinity' -Value '0;1' } | Should -Throw -ExpectedMessage '*All or processor numbers*'
        Should -Invoke -CommandName Invoke-SvcForgeNative -ModuleName SvcForge -Times 0
    }
}

Describe 'ConvertTo-SvcForgeNativeArgument' {
    It 'escapes for legacy argument passing so the program gets each string back exactly' {
        $echo = Join-Path $TestDrive 'echo-args'
        Set-Content -LiteralPath $echo -Value "#!/bin/sh`nfor a in `"`$@`"; do printf '%s\n' `"[`$a]`"; done"
        chmod +x $echo
        $strings = @('--config', 'C:\my app\a.toml', 'say "hi" now', 'C:\dir with space\', '', 'plain\"x')
        # Windows PowerShell 5.1 behaves like 'Legacy'; the module sees the global value.
        $saved = $global:PSNativeCommandArgumentPassing
        try {
            $global:PSNativeCommandArgumentPassing = 'Legacy'
            $arguments = InModuleScope SvcForge -Parameters @{ Strings = $strings } { param($Strings) ConvertTo-SvcForgeNativeArgument -ArgumentList $Strings }
            $received = @(& $echo @arguments)
            $raw = @(& $echo @strings)
        }
        finally {
            $global:PSNativeCommandArgumentPassing = $saved
        }
        $received | Should -Be @($strings | ForEach-Object { "[$_]" })
        $raw.Count | Should -Be ($strings.Count - 1) -Because 'unescaped, legacy passing drops the empty string'
    }
}
