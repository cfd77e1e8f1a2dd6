<#
.SYNOPSIS
Runs every Pester test of the SvcForge module, the test shim and the 5.1 checker.

.DESCRIPTION
Loads Pester 5.7.1 from the project's .tools/Modules (installed by scripts/setup.sh),
runs the *.Tests.ps1 files under ps-scripts/, test/shim/ and test/ps/, lists each
failure with its error, and prints as its last line exactly
'pester: N passed, N failed, N skipped'. Exit code 1 when anything failed (a test, or a
test file that could not even be discovered), else 0.

.PARAMETER Path
Test files or folders to run instead of the default set.

.EXAMPLE
.tools/pwsh/pwsh -NoProfile -NonInteractive -File test/ps/run-pester.ps1
#>
[CmdletBinding()]
param(
    [string[]]$Path
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
if ($null -ne (Get-Variable -Name 'PSStyle' -ErrorAction SilentlyContinue)) {
    $PSStyle.OutputRendering = 'PlainText'
}
$root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..')).ProviderPath
$modules = Join-Path $root '.tools' 'Modules'
if (-not (Test-Path -LiteralPath (Join-Path $modules 'Pester'))) {
    [Console]::Error.WriteLine("run-pester: Pester is not installed in $modules; run: bash scripts/setup.sh")
    'pester: 0 passed, 1 failed, 0 skipped'
    exit 1
}
$separator = [System.IO.Path]::PathSeparator
if (($env:PSModulePath -split [regex]::Escape($separator)) -notcontains $modules) {
    $env:PSModulePath = $modules + $separator + $env:PSModulePath
}
Import-Module -Name Pester -RequiredVersion 5.7.1 -ErrorAction Stop

if (-not $Path) {
    $Path = @(
        (Join-Path $root 'ps-scripts')
        (Join-Path $root 'test' 'shim')
        (Join-Path $root 'test' 'ps')
    )
}
$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Normal'
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration

$failedContainers = @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 })
if ($result.FailedCount -gt 0 -or $failedContainers.Count -gt 0 -or $result.FailedBlocksCount -gt 0) {
    ''
    'Failures:'
    foreach ($test in $result.Failed) {
        "  FAILED $($test.ExpandedPath)"
        foreach ($errorRecord in $test.ErrorRecord) {
            "         $(($errorRecord.Exception.Message -split "`n")[0])"
        }
    }
    foreach ($container in $failedContainers) {
        "  FAILED file $($container.Item): $((@($container.ErrorRecord) | ForEach-Object { $_.Exception.Message }) -join '; ')"
    }
    foreach ($block in $result.FailedBlocks) {
        "  FAILED block $($block.ExpandedPath): $((@($block.ErrorRecord) | ForEach-Object { $_.Exception.Message }) -join '; ')"
    }
}
$failed = $result.FailedCount + $failedContainers.Count + $result.FailedBlocksCount
"pester: $($result.PassedCount) passed, $failed failed, $($result.SkippedCount) skipped"
if ($failed -gt 0) {
    exit 1
}
exit 0
