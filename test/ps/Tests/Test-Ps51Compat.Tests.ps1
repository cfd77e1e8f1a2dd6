BeforeAll {
    $script:Checker = Join-Path $PSScriptRoot '..' 'Test-Ps51Compat.ps1'
    $script:Fixtures = Join-Path $PSScriptRoot 'fixtures'
}

Describe 'Test-Ps51Compat' {
    It 'reports every 7-only construct in the bad fixture with file:line:col and exits 1' {
        $violations = @(& $script:Checker -Path (Join-Path $script:Fixtures 'bad51.ps1'))
        $LASTEXITCODE | Should -Be 1
        $rules = @($violations | ForEach-Object { $_.Rule })
        foreach ($rule in 'Ternary', 'NullCoalescing', 'PipelineChain', 'Parameter7Only', 'BareSc', 'Alias', 'Command7Only', 'Variable7Only', 'NullConditional') {
            $rules | Should -Contain $rule
        }
        ($violations | Where-Object Rule -EQ 'Ternary').Location | Should -Match 'bad51\.ps1:2:6$'
        ($violations | Where-Object Rule -EQ 'BareSc').Line | Should -Be 7
        @($violations | Where-Object { $_.Rule -eq 'Parameter7Only' }).Count | Should -Be 3
        @($violations | Where-Object { $_.Rule -eq 'NullCoalescing' }).Count | Should -Be 2
    }

    It 'accepts the 5.1-compatible fixture and exits 0' {
        $violations = @(& $script:Checker -Path (Join-Path $script:Fixtures 'good51.ps1'))
        $violations | Should -BeNullOrEmpty
        $LASTEXITCODE | Should -Be 0
    }

    It 'reports parse errors' {
        $file = Join-Path $TestDrive 'broken.ps1'
        Set-Content -LiteralPath $file -Value 'function f { if ($true) { '
        $violations = @(& $script:Checker -Path $file)
        $LASTEXITCODE | Should -Be 1
        $violations[0].Rule | Should -Be 'ParseError'
    }
}
