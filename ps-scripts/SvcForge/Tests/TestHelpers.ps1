# Shared setup of the SvcForge unit tests. On Linux the Windows-only cmdlets do not exist,
# and Pester can only mock a command that exists: the test shim's global stand-ins
# (same parameter names) provide them. Every test mocks them in the SvcForge module scope,
# so the shim's own behaviour is not involved here (test/shim/Tests covers it).
$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..' '..' '..')).ProviderPath
if (-not (Get-Command -Name 'New-NetFirewallRule' -ErrorAction SilentlyContinue)) {
    Remove-Item -Path Env:SVCFORGE_SHIM, Env:SVCFORGE_SHIM_STATE -ErrorAction SilentlyContinue
    Import-Module (Join-Path $script:RepoRoot 'test' 'shim' 'SvcForgeShim.psm1') -Force
}
Import-Module (Join-Path $script:RepoRoot 'ps-scripts' 'SvcForge' 'SvcForge.psd1') -Force

function New-TestCimService {
    param(
        [string]$Name = 'gin-hello',
        [string]$State = 'Stopped',
        [string]$StartMode = 'Auto',
        [string]$StartName = 'NT SERVICE\gin-hello',
        [string]$PathName = '"C:\apps\gin\svcforge-host.exe" --config "C:\apps\gin\host.conf"',
        [string]$DisplayName = 'Gin Hello',
        [string]$Description = 'Serves hello',
        [int]$ProcessId = 0
    )
    [pscustomobject]@{
        Name = $Name; DisplayName = $DisplayName; Description = $Description; PathName = $PathName
        StartMode = $StartMode; StartName = $StartName; State = $State; ProcessId = $ProcessId
        ExitCode = 0; ServiceSpecificExitCode = 0
    }
}

function New-TestFailureActionsBytes {
    param([uint32]$Reset, [object[]]$Actions)
    $bytes = [System.Collections.Generic.List[byte]]::new()
    foreach ($value in @($Reset, 0, 0, $Actions.Count, 20)) { $bytes.AddRange([System.BitConverter]::GetBytes([uint32]$value)) }
    foreach ($action in $Actions) {
        $bytes.AddRange([System.BitConverter]::GetBytes([uint32]$action[0]))
        $bytes.AddRange([System.BitConverter]::GetBytes([uint32]$action[1]))
    }
    , $bytes.ToArray()
}
