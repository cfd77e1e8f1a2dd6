# svcforge test shim: NSSM 2.24 in record mode. Dot-sourced by SvcForgeShim.psm1 (the
# registry answers and Install-SvcForgeShimNssm) and by native/nssm.ps1 and native/reg.ps1
# (separate pwsh processes). Test code only; PowerShell 7 only.
#
# The parameters NSSM keeps under HKLM:\SYSTEM\CurrentControlSet\Services\<name>\Parameters
# live in <state>/nssm.json, stored the way NSSM 2.24's settings.cpp stores them (checked
# against the real nssm64.exe under Wine, test/integration/e2e/nssm-wine.test.ts):
#   REG_EXPAND_SZ  Application AppParameters AppDirectory (reset stores ''), AppStdout
#                  AppStderr (reset deletes)
#   REG_MULTI_SZ   AppEnvironmentExtra (one element per line; empty -> deleted)
#   REG_DWORD      AppRotate*, AppStopMethodSkip, AppRestartDelay (set 0 stores 0, reset
#                  deletes), AppStopMethodConsole, AppThrottle (set to the default 1500
#                  deletes), AppPriority (priority class constant, set by name; NORMAL deletes)
#   REG_SZ         AppAffinity (canonical list: 0,1,3 and 0-2, never 0-1; All -> deleted)
#   subkey AppExit (default) = action for any code, one REG_SZ value per exit code
# NSSM manages a service only once Parameters\Application is a non-empty string: before
# that 'nssm set|get|reset' of any of these exits 1. SvcForge writes that first value with
# reg.exe (native/reg.ps1 stores it here in record mode).
# Wine mode runs the real nssm.exe, which writes Wine's registry; these functions serve
# record mode.
Set-StrictMode -Version Latest

# Default: what an absent value means (get prints it); $null = no default (a DWORD reads
# as 0, a string as ''). ResetDeletes: 'reset' deletes the value rather than storing the
# default. Setting a value equal to a non-null default deletes it (strings with default ''
# excepted: NSSM stores '' for them).
$script:ShimNssmSettings = @{
    'Application'          = @{ Type = 'REG_EXPAND_SZ'; Default = '' }
    'AppParameters'        = @{ Type = 'REG_EXPAND_SZ'; Default = '' }
    'AppDirectory'         = @{ Type = 'REG_EXPAND_SZ'; Default = '' }
    'AppStdout'            = @{ Type = 'REG_EXPAND_SZ'; Default = $null }
    'AppStderr'            = @{ Type = 'REG_EXPAND_SZ'; Default = $null }
    'AppEnvironmentExtra'  = @{ Type = 'REG_MULTI_SZ'; Default = $null }
    'AppRotateFiles'       = @{ Type = 'REG_DWORD'; Default = $null }
    'AppRotateOnline'      = @{ Type = 'REG_DWORD'; Default = $null }
    'AppRotateBytes'       = @{ Type = 'REG_DWORD'; Default = $null }
    'AppRotateSeconds'     = @{ Type = 'REG_DWORD'; Default = $null }
    'AppStopMethodSkip'    = @{ Type = 'REG_DWORD'; Default = $null }
    'AppStopMethodConsole' = @{ Type = 'REG_DWORD'; Default = 1500 }
    'AppRestartDelay'      = @{ Type = 'REG_DWORD'; Default = $null }
    'AppThrottle'          = @{ Type = 'REG_DWORD'; Default = 1500 }
    'AppPriority'          = @{ Type = 'Priority'; Default = 'NORMAL_PRIORITY_CLASS' }
    'AppAffinity'          = @{ Type = 'Affinity'; Default = 'All' }
    'AppExit'              = @{ Type = 'Exit'; Default = 'Restart' }
}

$script:ShimNssmPriorities = [ordered]@{
    'REALTIME_PRIORITY_CLASS'     = 256
    'HIGH_PRIORITY_CLASS'         = 128
    'ABOVE_NORMAL_PRIORITY_CLASS' = 32768
    'NORMAL_PRIORITY_CLASS'       = 32
    'BELOW_NORMAL_PRIORITY_CLASS' = 16384
    'IDLE_PRIORITY_CLASS'         = 64
}

function Read-ShimNssmStore {
    $path = Join-Path (Get-ShimStateDirectory) 'nssm.json'
    if (-not (Test-Path -LiteralPath $path)) {
        return [ordered]@{}
    }
    Get-Content -LiteralPath $path -Raw | ConvertFrom-Json -AsHashtable
}

function Save-ShimNssmStore {
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$Store)
    $path = Join-Path (Get-ShimStateDirectory) 'nssm.json'
    Set-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $Store -Depth 10) -Encoding utf8NoBOM
}

function Get-ShimNssmServiceStore {
    # The stored keys of one service (created on first use): Parameters and AppExit, each
    # name -> @{ type; value }.
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$Store, [Parameter(Mandatory)] [string]$Name)
    $key = $Name.ToLowerInvariant()
    if (-not $Store.Contains($key)) {
        $Store[$key] = [ordered]@{ Parameters = [ordered]@{}; AppExit = [ordered]@{} }
    }
    $Store[$key]
}

function Remove-ShimNssmServiceStore {
    # sc.exe delete: the SCM deletes the service's key with its Parameters subkeys (Wine's
    # services.exe does too), so a service created again under that name starts unmanaged.
    param([Parameter(Mandatory)] [string]$Name)
    $store = Read-ShimNssmStore
    if ($store.Contains($Name.ToLowerInvariant())) {
        $store.Remove($Name.ToLowerInvariant())
        Save-ShimNssmStore -Store $store
    }
}

function Test-ShimNssmRegistryPath {
    param([string]$Path)
    $Path -match '^HKLM:\\SYSTEM\\CurrentControlSet\\Services\\[^\\]+\\Parameters(\\AppExit)?$'
}

function Get-ShimNssmRegistryValues {
    # Get-ItemProperty of ...\Services\<name>\Parameters or ...\Parameters\AppExit from the
    # store, with the types Windows' registry provider returns (REG_DWORD as Int32,
    # REG_MULTI_SZ as string[], the default value as '(default)'). REG_EXPAND_SZ values come
    # back as stored: Windows would expand %NAME%.
    param($Parameters)
    $path = [string]$Parameters.Path
    $null = $path -match '^HKLM:\\SYSTEM\\CurrentControlSet\\Services\\([^\\]+)\\Parameters(\\AppExit)?$'
    $name = $Matches[1]
    $subkey = if ($Matches[2]) { 'AppExit' } else { 'Parameters' }
    $state = Read-ShimState
    $store = Read-ShimNssmStore
    $entry = $null
    if ((Find-ShimServiceName -State $state -Name $name) -and $store.Contains($name.ToLowerInvariant())) {
        $entry = $store[$name.ToLowerInvariant()]
    }
    if ($null -eq $entry -or ($subkey -eq 'AppExit' -and $entry.AppExit.Count -eq 0)) {
        Write-ShimRegistryKeyMissing -Path $path
        return
    }
    $values = [ordered]@{}
    foreach ($valueName in @($entry[$subkey].Keys)) {
        $item = $entry[$subkey][$valueName]
        $value = switch ($item.type) {
            'REG_DWORD' { [int][uint32]$item.value }
            'REG_MULTI_SZ' { [string[]]@($item.value) }
            default { [string]$item.value }
        }
        $shown = if ($valueName -eq '') { '(default)' } else { $valueName }
        $values[$shown] = $value
    }
    if ($Parameters.Contains('Name') -and $Parameters.Name) {
        $selected = [ordered]@{}
        foreach ($valueName in @($Parameters.Name)) {
            if ($values.Contains($valueName)) { $selected[$valueName] = $values[$valueName] }
        }
        $values = $selected
    }
    $values.PSPath = "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\$name\" + $(if ($subkey -eq 'AppExit') { 'Parameters\AppExit' } else { 'Parameters' })
    [pscustomobject]$values
}

function Get-SvcForgeShimNssmParameters {
    <# .SYNOPSIS What the nssm.exe stand-in stored for a service: Parameters and AppExit, name -> @{ type; value }. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string]$Name)
    $store = Read-ShimNssmStore
    $store[$Name.ToLowerInvariant()]
}

function Install-SvcForgeShimNssm {
    <#
    .SYNOPSIS
    Puts the nssm.exe stand-in at a Windows path (e.g. the spec's nssm.path) in the shim's C: drive.
    .DESCRIPTION
    Writes an executable sh wrapper that runs native/nssm.ps1 in this pwsh, the way
    bin/sc.exe runs native/sc.ps1; the module then runs it with '& $NssmPath set ...'.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string]$Path)
    $target = Resolve-ShimWindowsPath -Path $Path
    $null = New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force
    $script = Join-Path $PSScriptRoot 'native' 'nssm.ps1'
    # pwsh from PATH, like bin/sc.exe (Initialize-SvcForgeShim puts $PSHOME first). Each
    # argument gets an 'x' in front, which nssm.ps1 removes: 'pwsh -File' would otherwise
    # bind an argument like '--config "C:\a"' as a -name:value parameter.
    $text = @(
        '#!/bin/sh'
        "# svcforge test shim: stands in for NSSM 2.24's nssm.exe (see test/shim/README.md)."
        'n=$#; i=0'
        'while [ "$i" -lt "$n" ]; do set -- "$@" "x$1"; shift; i=$((i + 1)); done'
        "exec pwsh -NoProfile -NonInteractive -File '$script' `"`$@`""
    ) -join "`n"
    $text += "`n"
    Set-Content -LiteralPath $target -Value $text -NoNewline -Encoding utf8NoBOM
    chmod +x $target
    $target
}

function ConvertTo-ShimNssmAffinity {
    # NSSM's affinity_string_to_mask + affinity_mask_to_string: '3,0-1' -> '0,1,3' (a run of
    # two is written as two numbers, a longer run as first-last: '0-2').
    param([Parameter(Mandatory)] [string]$Text)
    $mask = [uint64]0
    foreach ($part in $Text -split ',') {
        if ($part -notmatch '^(\d{1,2})(?:-(\d{1,2}))?$') { return $null }
        $first = [int]$Matches[1]
        $last = if ($Matches[2]) { [int]$Matches[2] } else { $first }
        if ($last -lt $first -or $last -gt 63) { return $null }
        for ($cpu = $first; $cpu -le $last; $cpu++) { $mask = $mask -bor ([uint64]1 -shl $cpu) }
    }
    $runs = [System.Collections.Generic.List[string]]::new()
    for ($cpu = 0; $cpu -lt 64; $cpu++) {
        if (-not ($mask -band ([uint64]1 -shl $cpu))) { continue }
        $end = $cpu
        while ($end + 1 -lt 64 -and ($mask -band ([uint64]1 -shl ($end + 1)))) { $end++ }
        $runs.Add($(if ($end -eq $cpu) { "$cpu" } elseif ($end -eq $cpu + 1) { "$cpu,$end" } else { "$cpu-$end" }))
        $cpu = $end
    }
    $runs -join ','
}
