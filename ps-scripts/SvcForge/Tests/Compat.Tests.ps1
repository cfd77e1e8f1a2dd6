BeforeAll {
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..' '..')).ProviderPath
    $script:ModuleRoot = Join-Path $script:RepoRoot 'ps-scripts' 'SvcForge'
}

Describe 'SvcForge module on Windows PowerShell 5.1' {
    It 'has no parse error and no 7-only syntax, alias, bare sc or 7-only command' {
        $files = @(Get-ChildItem -LiteralPath $script:ModuleRoot -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' |
                Where-Object { $_.FullName -notlike (Join-Path $script:ModuleRoot 'Tests' '*') } | ForEach-Object { $_.FullName })
        $files.Count | Should -BeGreaterThan 20
        $violations = @(& (Join-Path $script:RepoRoot 'test' 'ps' 'Test-Ps51Compat.ps1') -Path $files)
        ($violations | ForEach-Object { "$($_.Location) $($_.Rule): $($_.Message)" }) -join "`n" | Should -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 0
    }

    It 'declares 5.1, both editions and exactly the public functions in the manifest' {
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $script:ModuleRoot 'SvcForge.psd1')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $public = @(Get-ChildItem -LiteralPath (Join-Path $script:ModuleRoot 'Public') -Filter '*.ps1' | ForEach-Object { $_.BaseName } | Sort-Object)
        @($manifest.FunctionsToExport | Sort-Object) | Should -Be $public
    }

    It 'gives every public function help with synopsis, description, every parameter and an example, and an approved verb' {
        Import-Module (Join-Path $script:ModuleRoot 'SvcForge.psd1') -Force
        $verbs = @(Get-Verb | ForEach-Object { $_.Verb })
        foreach ($command in @(Get-Command -Module SvcForge)) {
            $verbs | Should -Contain $command.Verb -Because "$($command.Name) needs an approved verb"
            $command.Noun | Should -BeLike 'SvcForge*'
            $help = Get-Help -Name $command.Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because $command.Name
            $help.Description | Should -Not -BeNullOrEmpty -Because $command.Name
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because $command.Name
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($parameter in @($command.Parameters.Keys | Where-Object { $common -notcontains $_ })) {
                $documented = @($help.parameters.parameter | Where-Object { $_.name -eq $parameter -and $_.description })
                $documented.Count | Should -Be 1 -Because "$($command.Name) -$parameter needs a .PARAMETER entry"
            }
        }
    }

    It 'declares SupportsShouldProcess on every function that changes state' {
        foreach ($name in 'Set-SvcForgeDirectory', 'Copy-SvcForgeFile', 'Set-SvcForgeService', 'Set-SvcForgeServiceRecovery', 'Set-SvcForgeServiceSidType', 'Set-SvcForgeNssmParameter', 'Set-SvcForgeFirewallRule', 'Remove-SvcForgeFirewallRule', 'Start-SvcForgeService', 'Stop-SvcForgeService', 'Remove-SvcForgeService', 'Remove-SvcForgeDirectory', 'Expand-SvcForgeRelease', 'Enter-SvcForgeDeployLock', 'Exit-SvcForgeDeployLock', 'Set-SvcForgeCurrentRelease', 'Restart-SvcForgeRelease', 'Wait-SvcForgeReleaseGate', 'Remove-SvcForgeOldRelease') {
            (Get-Command -Name $name).Parameters.ContainsKey('WhatIf') | Should -BeTrue -Because $name
        }
    }

    It 'reads and writes every text file with an explicit encoding (5.1 reads a BOM-less file as ANSI)' {
        $files = @(Get-ChildItem -LiteralPath $script:ModuleRoot -Recurse -File -Include '*.ps1' |
                Where-Object { $_.FullName -notlike (Join-Path $script:ModuleRoot 'Tests' '*') })
        $missing = foreach ($file in $files) {
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$null, [ref]$null)
            $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
            foreach ($call in $calls) {
                if ($call.GetCommandName() -in @('Get-Content', 'Set-Content', 'Add-Content', 'Out-File')) {
                    $named = @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object { $_.ParameterName })
                    if ($named -notcontains 'Encoding') { "$($file.Name):$($call.Extent.StartLineNumber) $($call.GetCommandName())" }
                }
            }
        }
        @($missing) -join "`n" | Should -BeNullOrEmpty
    }

    It 'uses no [System.IO] file API, so Windows paths resolve through PowerShell providers' {
        $hits = @(Get-ChildItem -LiteralPath (Join-Path $script:ModuleRoot 'Public'), (Join-Path $script:ModuleRoot 'Private') -File | Select-String -Pattern '\[(System\.)?IO\.(File|Directory|Path)\]')
        $hits | Should -BeNullOrEmpty
    }
}
