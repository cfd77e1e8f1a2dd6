# svcforge test shim: reg.exe stand-in. SvcForge runs reg.exe for one thing: host nssm's
# Application step, while NSSM does not manage the service yet (nssm.exe refuses every
# parameter until Parameters\Application exists):
#   reg.exe add HKLM\SYSTEM\CurrentControlSet\Services\<name>\Parameters /v Application /t REG_EXPAND_SZ /d <value> /f
# Record mode stores an 'add' of one value under ...\Services\<name>\Parameters in
# <state>/nssm.json (SvcForgeShim.Nssm.ps1), where the nssm.exe stand-in and the shim's
# Get-ItemProperty read it; any other call exits 1. Wine mode hands every call to Wine's
# own reg.exe in the prefix. Journaled as reg.exe with the exit code.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.State.ps1')
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.Wine.ps1')
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.Nssm.ps1')

# The wrapper puts an 'x' before each argument (see bin/reg.exe).
$arguments = [string[]]@($args | ForEach-Object { ([string]$_).Substring(1) })

function Exit-Reg {
    param([int]$Code, [string]$Message)
    if ($Message) {
        if ($Code -eq 0) { [Console]::Out.WriteLine($Message) } else { [Console]::Error.WriteLine($Message) }
    }
    Write-ShimJournal -Command 'reg.exe' -Arguments $arguments -ExitCode $Code
    exit $Code
}

if ((Get-ShimMode) -eq 'wine') {
    Set-ShimWineEnvironment
    $output = (& wine reg.exe @arguments 2>&1) -join "`n"
    Exit-Reg -Code $LASTEXITCODE -Message $output
}

$usage = 'ERROR: the svcforge shim''s reg.exe stand-in (record mode) only runs: reg.exe add HKLM\SYSTEM\CurrentControlSet\Services\<name>\Parameters /v <name> /t REG_SZ|REG_EXPAND_SZ|REG_DWORD|REG_MULTI_SZ /d <data> /f'
if ($arguments.Count -lt 2 -or $arguments[0] -ine 'add' -or $arguments[1] -notmatch '^(?i:HKLM|HKEY_LOCAL_MACHINE)\\SYSTEM\\CurrentControlSet\\Services\\([^\\]+)\\Parameters$') {
    Exit-Reg -Code 1 -Message $usage
}
$name = $Matches[1]
$options = @{ t = 'REG_SZ'; d = ''; f = $false }
for ($i = 2; $i -lt $arguments.Count; $i++) {
    $flag = $arguments[$i].ToLowerInvariant()
    switch ($flag) {
        '/f' { $options.f = $true }
        { $_ -in @('/v', '/t', '/d') } {
            if ($i + 1 -ge $arguments.Count) { Exit-Reg -Code 1 -Message "ERROR: Invalid syntax. $flag needs a value." }
            $options[$flag.Substring(1)] = $arguments[$i + 1]
            $i++
        }
        default { Exit-Reg -Code 1 -Message $usage }
    }
}
if (-not $options.Contains('v')) { Exit-Reg -Code 1 -Message $usage }
$type = $options.t.ToUpperInvariant()
$data = [string]$options.d
$value = switch ($type) {
    { $_ -in @('REG_SZ', 'REG_EXPAND_SZ') } { $data }
    'REG_DWORD' {
        if ($data -match '^0[xX]([0-9A-Fa-f]{1,8})$') { [uint32]::Parse($Matches[1], 'HexNumber') }
        elseif ($data -match '^\d{1,10}$' -and [uint64]$data -le [uint32]::MaxValue) { [uint32]$data }
        else { Exit-Reg -Code 1 -Message 'ERROR: Invalid syntax. REG_DWORD data is a number.' }
    }
    'REG_MULTI_SZ' { , [string[]]@($data -split '\\0' | Where-Object { $_ -ne '' }) }
    default { Exit-Reg -Code 1 -Message $usage }
}
$store = Read-ShimNssmStore
$entry = Get-ShimNssmServiceStore -Store $store -Name $name
if ($entry.Parameters.Contains($options.v) -and -not $options.f) {
    # reg.exe asks "Value ... exists, overwrite(Yes/No)?"; with no answer it changes nothing.
    Exit-Reg -Code 1 -Message "ERROR: value $($options.v) exists; the stand-in never prompts (give /f)"
}
$entry.Parameters[$options.v] = @{ type = $type; value = $value }
Save-ShimNssmStore -Store $store
Exit-Reg -Code 0 -Message 'The operation completed successfully.'
