<#
.SYNOPSIS
Runs a rendered svcforge script (install.ps1, ...) against the test shim in a fresh pwsh.

.DESCRIPTION
Imports SvcForgeShim.psm1 (mode and state directory from the parameters), then runs the
script with the remaining arguments (-WhatIf, -Name value, ...) and exits with the
script's exit code. The script's own Import-Module of SvcForge then finds the shim's
stand-ins already defined.

.EXAMPLE
pwsh -NoProfile -File test/shim/Invoke-ShimScript.ps1 -StateDirectory /tmp/s -ScriptPath out/install.ps1 -WhatIf
#>
param(
    [Parameter(Mandatory)] [string]$ScriptPath,
    [Parameter(Mandatory)] [string]$StateDirectory,
    [ValidateSet('record', 'wine')] [string]$Mode = 'record',
    [Parameter(ValueFromRemainingArguments)] [string[]]$ScriptArgument = @()
)
$ErrorActionPreference = 'Stop'
$env:SVCFORGE_SHIM = $Mode
$env:SVCFORGE_SHIM_STATE = $StateDirectory
Import-Module (Join-Path $PSScriptRoot 'SvcForgeShim.psm1') -Force
# '-Name' 'value' / '-Switch' strings -> a splattable hashtable (an array would pass
# '-WhatIf' as a positional string).
$named = @{}
$positional = [System.Collections.Generic.List[string]]::new()
for ($i = 0; $i -lt $ScriptArgument.Count; $i++) {
    $token = $ScriptArgument[$i]
    if ($token -match '^-([A-Za-z][\w-]*)(:(.*))?$') {
        if ($Matches[2]) {
            $value = $Matches[3]
            $named[$Matches[1]] = if ($value -in @('$true', 'true')) { $true } elseif ($value -in @('$false', 'false')) { $false } else { $value }
        }
        elseif ($i + 1 -lt $ScriptArgument.Count -and $ScriptArgument[$i + 1] -notmatch '^-[A-Za-z]') {
            $named[$Matches[1]] = $ScriptArgument[$i + 1]
            $i++
        }
        else {
            $named[$Matches[1]] = $true
        }
    }
    else {
        $positional.Add($token)
    }
}
$global:LASTEXITCODE = 0
& $ScriptPath @named @positional
exit $LASTEXITCODE
