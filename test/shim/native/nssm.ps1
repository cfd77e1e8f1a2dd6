# svcforge test shim: nssm.exe stand-in (NSSM 2.24's command line). Record mode only:
#   nssm set <service> <parameter> [<subparameter>] <value...>
#   nssm reset <service> <parameter> [<subparameter>]
#   nssm get <service> <parameter> [<subparameter>]
# applies the call to <state>/nssm.json the way NSSM's settings.cpp writes the registry
# (see SvcForgeShim.Nssm.ps1) and journals it. What it prints, where, and its exit codes
# are the real nssm64.exe's (compared under Wine): UTF-16LE text, results on stdout and
# errors on stderr, each line ended by CRLF; 0 done, 1 usage, unknown parameter or a
# service NSSM does not manage (no Parameters\Application), 3 no such service, 6 a value
# NSSM rejects. SvcForge never parses the text.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.State.ps1')
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.Nssm.ps1')

# The wrapper puts an 'x' before each argument (see Install-SvcForgeShimNssm).
$arguments = [string[]]@($args | ForEach-Object { ([string]$_).Substring(1) })

function Write-Nssm {
    # NSSM's print_message: UTF-16LE, "\n" written as CRLF (text mode), so a CRLF inside the
    # text arrives as CR CR LF (what 'nssm get' shows between AppEnvironmentExtra lines).
    param([string]$Text, [switch]$ToError)
    $bytes = [System.Text.Encoding]::Unicode.GetBytes(($Text + "`n").Replace("`n", "`r`n"))
    if (Get-Variable -Name 'ShimNativeInProcess' -ValueOnly -ErrorAction SilentlyContinue) {
        # In-process (Invoke-ShimNativeScript): the lines pwsh would read from those bytes on
        # stdout (decoded as UTF-8, split like StreamReader.ReadLine), stderr's too, as 2>&1 merges them.
        $reader = [System.IO.StringReader]::new([System.Text.Encoding]::UTF8.GetString($bytes))
        while ($null -ne ($line = $reader.ReadLine())) { Write-Output $line }
        return
    }
    $stream = if ($ToError) { [Console]::OpenStandardError() } else { [Console]::OpenStandardOutput() }
    $stream.Write($bytes, 0, $bytes.Length)
    $stream.Flush()
}

function Exit-Nssm {
    param([int]$Code, [string]$Message, [string]$ErrorMessage)
    if ($Message) { Write-Nssm -Text $Message }
    if ($ErrorMessage) { Write-Nssm -Text $ErrorMessage -ToError }
    Write-ShimJournal -Command 'nssm.exe' -Arguments $arguments -ExitCode $Code
    exit $Code
}

$verbs = @{ 'get' = 3; 'set' = 4; 'reset' = 3; 'unset' = 3 }
if ($arguments.Count -lt 1 -or -not $verbs.ContainsKey($arguments[0].ToLowerInvariant()) -or $arguments.Count -lt $verbs[$arguments[0].ToLowerInvariant()]) {
    # NSSM shows its usage (a message box when it has no console) and exits 1.
    Exit-Nssm -Code 1 -ErrorMessage 'NSSM: svcforge shim stand-in; usage: nssm get|set|reset <servicename> <parameter> [<subparameter>] [<value>...]'
}
$verb = $arguments[0].ToLowerInvariant() -replace '^unset$', 'reset'
$name = $arguments[1]
$parameter = $arguments[2]
$setting = $null
foreach ($known in $script:ShimNssmSettings.Keys) {
    if ($known -ieq $parameter) { $parameter = $known; $setting = $script:ShimNssmSettings[$known] }
}
if ($null -eq $setting) {
    Exit-Nssm -Code 1 -ErrorMessage "Invalid parameter `"$parameter`".  Valid parameters are:`n$(@($script:ShimNssmSettings.Keys | Sort-Object) -join "`n")"
}
$rest = @($arguments | Select-Object -Skip 3)
$code = $null
if ($setting.Type -eq 'Exit') {
    # AppExit takes a subparameter for every verb: Default (also 'default', '*') or a code.
    if ($arguments.Count -lt $verbs[$verb] + 1) {
        Exit-Nssm -Code 1 -ErrorMessage "Parameter `"$parameter`" requires a subparameter!"
    }
    $code = if ($rest[0] -in @('default', '*', '')) { '' } elseif ($rest[0] -match '^\d{1,10}$' -and [uint64]$rest[0] -le [uint32]::MaxValue) { [string][uint32]$rest[0] } else { $null }
    $rest = @($rest | Select-Object -Skip 1)
}
$state = Read-ShimState
if (-not (Find-ShimServiceName -State $state -Name $name)) {
    Exit-Nssm -Code 3 -ErrorMessage "Can't open service!`nOpenService(): The specified service does not exist as an installed service."
}
$service = $state.services[(Find-ShimServiceName -State $state -Name $name)]
$store = Read-ShimNssmStore
$entry = Get-ShimNssmServiceStore -Store $store -Name $name
# registry.cpp get_parameters: no Application, not an NSSM service; App* parameters refused.
$application = ''
if ($entry.Parameters.Contains('Application')) { $application = [string]$entry.Parameters.Application.value }
if ($application -eq '') {
    $text = "Parameter `"$parameter`" is only valid for services managed by NSSM!"
    if ($verb -ne 'get') { $text = "Service `"$name`" is not a valid NSSM service!`nExecutable is $($service.binaryPath)`n$text" }
    Exit-Nssm -Code 1 -ErrorMessage $text
}
if ($setting.Type -eq 'Exit' -and $null -eq $code) {
    Exit-Nssm -Code 6 -ErrorMessage "Error setting parameter `"$parameter`" for service `"$name`"!"
}
$values = if ($setting.Type -eq 'Exit') { $entry.AppExit } else { $entry.Parameters }
$key = if ($setting.Type -eq 'Exit') { $code } else { $parameter }

if ($verb -eq 'get') {
    $shown = ''
    switch ($setting.Type) {
        'REG_EXPAND_SZ' { if ($values.Contains($key)) { $shown = [string]$values[$key].value } }
        'REG_MULTI_SZ' { if ($values.Contains($key)) { $shown = @($values[$key].value) -join "`r`n" } }
        'REG_DWORD' { $shown = if ($values.Contains($key)) { [string]$values[$key].value } elseif ($null -ne $setting.Default) { [string]$setting.Default } else { '0' } }
        'Priority' {
            $shown = $setting.Default
            if ($values.Contains($key)) { $shown = @($script:ShimNssmPriorities.Keys | Where-Object { $script:ShimNssmPriorities[$_] -eq [int]$values[$key].value })[0] }
        }
        'Affinity' { $shown = if ($values.Contains($key)) { [string]$values[$key].value } else { 'All' } }
        'Exit' {
            # registry.cpp get_exit_action: the code's own action, else the default one.
            if ($values.Contains($key)) { $shown = [string]$values[$key].value } elseif ($values.Contains('')) { $shown = [string]$values[''].value }
        }
    }
    Exit-Nssm -Code 0 -Message $shown
}

# set / reset. $result: 'set' (NSSM prints "Set parameter") or 'reset' ("Reset parameter ...
# to its default"), as settings.cpp's return value 1 or 0.
$failed = "Error setting parameter `"$parameter`" for service `"$name`"!"
$value = $null
if ($verb -eq 'set') { $value = $rest -join $(if ($setting.Type -eq 'REG_MULTI_SZ') { "`r`n" } else { ' ' }) }
$result = 'set'
switch ($setting.Type) {
    'REG_EXPAND_SZ' {
        if ($null -eq $value) { $value = $setting.Default }
        if ($null -eq $value) { $values.Remove($key); $result = 'reset' } else { $values[$key] = @{ type = 'REG_EXPAND_SZ'; value = $value } }
    }
    'REG_MULTI_SZ' {
        # Lines of the CRLF-joined arguments; NSSM checks the block with CreateProcess, which
        # takes a line without '=' too.
        $lines = @()
        if ($null -ne $value) { $lines = @($value -split "`r?`n" | Where-Object { $_ -ne '' }) }
        if ($lines.Count -eq 0) { $values.Remove($key); $result = 'reset' } else { $values[$key] = @{ type = 'REG_MULTI_SZ'; value = [string[]]$lines } }
    }
    'REG_DWORD' {
        if ($null -eq $value) { $values.Remove($key); $result = 'reset' }
        else {
            if ($value -notmatch '^\d+$' -or [decimal]$value -gt [uint32]::MaxValue) { Exit-Nssm -Code 6 -ErrorMessage $failed }
            $number = [uint32]$value
            if ($null -ne $setting.Default -and $number -eq $setting.Default) { $values.Remove($key); $result = 'reset' } else { $values[$key] = @{ type = 'REG_DWORD'; value = $number } }
        }
    }
    'Priority' {
        if ($null -eq $value) { $value = $setting.Default }
        $match = @($script:ShimNssmPriorities.Keys | Where-Object { $_ -ieq $value })
        if ($match.Count -eq 0) { Exit-Nssm -Code 6 -ErrorMessage "Invalid process priority `"$value`".  Valid priorities are:`n$(@($script:ShimNssmPriorities.Keys) -join "`n")`n$failed" }
        if ($match[0] -eq $setting.Default) { $values.Remove($key); $result = 'reset' } else { $values[$key] = @{ type = 'REG_DWORD'; value = $script:ShimNssmPriorities[$match[0]] } }
    }
    'Affinity' {
        if ($null -eq $value -or $value -in @('All', 'all', 'default', '*', '')) { $values.Remove($key); $result = 'reset' }
        else {
            $canonical = ConvertTo-ShimNssmAffinity -Text $value
            if (-not $canonical) { Exit-Nssm -Code 6 -ErrorMessage "`"$value`" is not a valid CPU affinity mask.`n$failed" }
            $values[$key] = @{ type = 'REG_SZ'; value = $canonical }
        }
    }
    'Exit' {
        if ($null -eq $value -and $code -ne '') { $values.Remove($key); $result = 'reset' }
        else {
            if ($null -eq $value) { $value = $setting.Default }
            # settings.cpp compares the first characters case-insensitively and stores NSSM's spelling.
            $action = @('Restart', 'Ignore', 'Exit', 'Suicide') | Where-Object { $_ -ieq $value }
            if (-not $action) { Exit-Nssm -Code 6 -ErrorMessage "Invalid exit action `"$value`".  Valid exit actions are:`nRestart`nIgnore`nExit`nSuicide`n$failed" }
            $values[$key] = @{ type = 'REG_SZ'; value = $action }
            if ($action -eq $setting.Default) { $result = 'reset' }
        }
    }
}
Save-ShimNssmStore -Store $store
if ($result -eq 'set') { Exit-Nssm -Code 0 -Message "Set parameter `"$parameter`" for service `"$name`"." }
Exit-Nssm -Code 0 -Message "Reset parameter `"$parameter`" for service `"$name`" to its default."
