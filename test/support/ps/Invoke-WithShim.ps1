<#
.SYNOPSIS
    Test helper: runs a rendered bundle script (install.ps1, uninstall.ps1, ...) in
    pwsh with the record-mode shim standing in for Windows. State and journal live
    in -StateDirectory (state.json, journal.jsonl), so one run sees what the last
    one created. Prints the script's output and exits with its exit code.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string]$StateDirectory,
    [Parameter(Mandatory)][string]$Script,
    [switch]$WhatIf,
    [switch]$Purge
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../shim/SvcForgeShim.psm1') -Force
Initialize-SvcForgeShim -Mode record -StateDirectory $StateDirectory
$arguments = @{}
if ($WhatIf) { $arguments.WhatIf = $true }
if ($Purge) { $arguments.Purge = $true }
& $Script @arguments
exit $LASTEXITCODE
