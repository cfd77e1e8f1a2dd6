# svcforge test shim: nssm.exe stand-in (NSSM 2.24's command line). Record mode only:
#   nssm set <service> <parameter> [<additional>] <value...>
#   nssm reset <service> <parameter> [<additional>]
#   nssm get <service> <parameter> [<additional>]
# applies the call to <state>/nssm.json the way NSSM's settings.cpp writes the registry
# (see SvcForgeShim.Nssm.ps1) and journals it. Like NSSM it prints UTF-16LE text, which
# SvcForge never parses. Exit codes: 0 done, 1 usage or bad value, 3 no such service.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.State.ps1')
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.Nssm.ps1')

# The wrapper puts an 'x' before each argument (see Install-SvcForgeShimNssm).
$arguments = [string[]]@($args | ForEach-Object { ([string]$_).Substring(1) })

function Exit-Nssm {
    param([int]$Code, [string]$Message)
    if ($Message) {
        $bytes = [System.Text.Encoding]::Unicode.GetBytes($Message + "`r`n")
        $stream = [Console]::OpenStandardOutput()
        $stream.Write($bytes, 0, $bytes.Length)
        $stream.Flush()
    }
    Write-ShimJournal -Command 'nssm.exe' -Arguments $arguments -ExitCode $Code
    exit $Code
}

if ($arguments.Count -lt 3 -or $arguments[0] -notin @('set', 'reset', 'get')) {
    Exit-Nssm -Code 1 -Message 'NSSM: svcforge shim stand-in; usage: nssm set|reset|get <servicename> <parameter> [<subparameter>] [<value>...]'
}
$verb = $arguments[0]
$name = $arguments[1]
$parameter = $arguments[2]
$rest = @($arguments | Select-Object -Skip 3)
$setting = $null
foreach ($known in $script:ShimNssmSettings.Keys) {
    if ($known -ieq $parameter) { $parameter = $known; $setting = $script:ShimNssmSettings[$known] }
}
if ($null -eq $setting) {
    Exit-Nssm -Code 1 -Message "Invalid parameter `"$parameter`"!"
}
$state = Read-ShimState
if (-not (Find-ShimServiceName -State $state -Name $name)) {
    Exit-Nssm -Code 3 -Message "Can't open service!"
}
$store = Read-ShimNssmStore
$service = Get-ShimNssmServiceStore -Store $store -Name $name
$values = $service.Parameters

if ($setting.Type -eq 'Exit') {
    if ($rest.Count -lt 1 -or $rest[0] -notmatch '^(?i:default|\d+)$') {
        Exit-Nssm -Code 1 -Message 'AppExit needs a subparameter: Default or an exit code'
    }
    $code = if ($rest[0] -ieq 'default') { '' } else { [string][uint32]$rest[0] }
    $rest = @($rest | Select-Object -Skip 1)
    $values = $service.AppExit
}

switch ($verb) {
    'get' {
        $key = if ($setting.Type -eq 'Exit') { $code } else { $parameter }
        $shown = if ($values.Contains($key)) { @($values[$key].value) -join "`r`n" } else { '' }
        Exit-Nssm -Code 0 -Message $shown
    }
    'reset' {
        switch ($setting.Type) {
            'Exit' {
                if ($code -eq '') { $values[''] = @{ type = 'REG_SZ'; value = 'Restart' } } else { $values.Remove($code) }
            }
            'REG_EXPAND_SZ' {
                if ($null -eq $setting.Default) { $values.Remove($parameter) } else { $values[$parameter] = @{ type = 'REG_EXPAND_SZ'; value = $setting.Default } }
            }
            default { $values.Remove($parameter) }
        }
    }
    'set' {
        if ($rest.Count -lt 1) {
            Exit-Nssm -Code 1 -Message "No value given for parameter `"$parameter`"!"
        }
        switch ($setting.Type) {
            'Exit' {
                $action = @('Restart', 'Ignore', 'Exit', 'Suicide') | Where-Object { $_ -ieq $rest[0] }
                if (-not $action) { Exit-Nssm -Code 1 -Message "Invalid exit action `"$($rest[0])`"!" }
                $values[$code] = @{ type = 'REG_SZ'; value = $action }
            }
            'REG_EXPAND_SZ' {
                # nssm.exe joins the remaining arguments with spaces.
                $values[$parameter] = @{ type = 'REG_EXPAND_SZ'; value = ($rest -join ' ') }
            }
            'REG_MULTI_SZ' {
                # nssm.exe joins them with CRLF, then stores one element per line.
                $lines = @(($rest -join "`r`n") -split "`r`n" | Where-Object { $_ -ne '' })
                foreach ($line in $lines) {
                    if ($line -notmatch '^[^=]+=') { Exit-Nssm -Code 1 -Message 'Invalid environment block!' }
                }
                if ($lines.Count -eq 0) { $values.Remove($parameter) } else { $values[$parameter] = @{ type = 'REG_MULTI_SZ'; value = [string[]]$lines } }
            }
            'REG_DWORD' {
                if ($rest[0] -notmatch '^\d+$' -or [uint64]$rest[0] -gt [uint32]::MaxValue) { Exit-Nssm -Code 1 -Message "Invalid value for `"$parameter`"!" }
                $number = [uint32]$rest[0]
                if ($number -eq $setting.Default) { $values.Remove($parameter) } else { $values[$parameter] = @{ type = 'REG_DWORD'; value = $number } }
            }
            'Priority' {
                $match = @($script:ShimNssmPriorities.Keys | Where-Object { $_ -ieq $rest[0] })
                if ($match.Count -eq 0) { Exit-Nssm -Code 1 -Message "Invalid priority `"$($rest[0])`"!" }
                if ($match[0] -eq $setting.Default) { $values.Remove($parameter) } else { $values[$parameter] = @{ type = 'REG_DWORD'; value = $script:ShimNssmPriorities[$match[0]] } }
            }
            'Affinity' {
                if ($rest[0] -ieq 'All') { $values.Remove($parameter) }
                else {
                    $canonical = ConvertTo-ShimNssmAffinity -Text $rest[0]
                    if (-not $canonical) { Exit-Nssm -Code 1 -Message "Invalid CPU affinity `"$($rest[0])`"!" }
                    $values[$parameter] = @{ type = 'REG_SZ'; value = $canonical }
                }
            }
        }
    }
}
Save-ShimNssmStore -Store $store
$done = if ($verb -eq 'set') { 'Set' } else { 'Reset' }
Exit-Nssm -Code 0 -Message "$done parameter `"$parameter`" for service `"$name`"."
