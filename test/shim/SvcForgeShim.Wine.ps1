# Wine mode of the svcforge test shim ($env:SVCFORGE_SHIM = 'wine'). Dot-sourced by
# SvcForgeShim.psm1 (the Invoke-ShimWine<Command> handlers that Invoke-ShimCommand
# dispatches to) and by native/sc.ps1 (the helpers). Test code only, PowerShell 7 on Linux.
#
# Service calls go to Wine's real Service Control Manager through test/shim/wine/svcctl.c
# (built on demand into test/.build/svcctl.exe), which prints JSON: Wine 8's sc.exe has no
# config/qc/qfailure and exits 1 for every failure, so the Win32 API is the structured source.
# Settings Wine 8 cannot hold (delayed auto-start, failure actions, failure flag, SID type)
# stay in the shim's state.json like in record mode: README.md says "verified in record mode
# only" for them. Firewall rules and ACLs have no wine handlers: they fall back to the
# file-backed record handlers. Get-NetTCPConnection reads the real listeners of the host.
Set-StrictMode -Version Latest

$script:ShimWineRoot = $PSScriptRoot
if ((Split-Path -Leaf $PSScriptRoot) -eq 'native') {
    $script:ShimWineRoot = Split-Path -Parent $PSScriptRoot
}

function Get-ShimWineCtlPath {
    # test/.build/svcctl.exe, (re)built with mingw-w64 when missing or older than its source.
    $source = Join-Path $script:ShimWineRoot 'wine' 'svcctl.c'
    $buildDir = Join-Path (Split-Path -Parent $script:ShimWineRoot) '.build'
    $exe = Join-Path $buildDir 'svcctl.exe'
    if ((Test-Path -LiteralPath $exe) -and (Get-Item -LiteralPath $exe).LastWriteTimeUtc -ge (Get-Item -LiteralPath $source).LastWriteTimeUtc) {
        return $exe
    }
    $null = New-Item -ItemType Directory -Path $buildDir -Force
    $temp = "$exe.$PID.tmp"
    $output = & x86_64-w64-mingw32-gcc -std=c11 -O2 -Wall -Wextra -municode -static -o $temp $source -liphlpapi -lws2_32 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "svcforge shim: could not build svcctl.exe with x86_64-w64-mingw32-gcc (run scripts/setup.sh): $output"
    }
    Move-Item -LiteralPath $temp -Destination $exe -Force
    $exe
}

function Set-ShimWineEnvironment {
    $env:WINEPREFIX = Get-ShimWinePrefix
    $env:WINEDEBUG = '-all'
    $env:WINEARCH = 'win64'
    $env:DISPLAY = ''
}

function Invoke-ShimWineCtl {
    # Runs svcctl.exe under Wine and returns its JSON answer (hashtable or array). An
    # answer {"error":N} is returned as is: callers decide what N means for their command.
    param([Parameter(Mandatory)] [string[]]$ArgumentList)
    Set-ShimWineEnvironment
    $exe = Get-ShimWineCtlPath
    $text = (& wine $exe @ArgumentList 2>$null) -join "`n"
    if (-not $text.Trim()) {
        throw "svcforge shim: svcctl.exe $($ArgumentList -join ' ') printed nothing (exit $LASTEXITCODE); is the prefix $env:WINEPREFIX prepared (scripts/wine-env.sh)?"
    }
    # Arrays are enumerated: callers wrap list answers in @().
    $text | ConvertFrom-Json -AsHashtable
}

function Get-ShimWineQuery {
    # Wine's view of one service (svcctl query), or $null when it does not exist.
    param([Parameter(Mandatory)] [string]$Name)
    $answer = Invoke-ShimWineCtl -ArgumentList @('query', $Name)
    if ($answer.Contains('error')) {
        throw "svcforge shim: svcctl query $Name failed with $($answer.error) at $($answer.where)"
    }
    if (-not $answer.exists) {
        return $null
    }
    $answer
}

function Get-ShimWineRecord {
    # The state.json record that holds what Wine cannot (delayedAutoStart, failureActions,
    # failureFlag, sidType) for a service Wine has; created with defaults when missing.
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Name, [string]$BinaryPath = '')
    $key = Find-ShimServiceName -State $State -Name $Name
    if (-not $key) {
        $State.services[$Name] = New-ShimServiceRecord -Name $Name -BinaryPath $BinaryPath
        $key = $Name
    }
    $State.services[$key]
}

function ConvertFrom-ShimWineService {
    # Wine's answer + the record-only settings -> the record shape the shared converters
    # (ConvertTo-ShimServiceObject, ConvertTo-ShimCimService) take.
    param([Parameter(Mandatory)] $Query, $Record)
    $registry = $Query.registry
    $startMode = switch ([int]$Query.startType) { 2 { 'Auto' } 3 { 'Manual' } 4 { 'Disabled' } 0 { 'Boot' } 1 { 'System' } default { 'Unknown' } }
    $description = ''
    if ($registry.Contains('Description')) { $description = [string]$registry.Description }
    $depends = @()
    # Wine's QueryServiceConfigW leaves lpDependencies empty; the registry has them.
    if ($registry.Contains('DependOnService')) { $depends = @($registry.DependOnService) }
    [ordered]@{
        name             = [string]$Query.name
        displayName      = [string]$Query.displayName
        description      = $description
        binaryPath       = [string]$Query.binaryPath
        startMode        = $startMode
        delayedAutoStart = [bool]($null -ne $Record -and $Record.delayedAutoStart -and $startMode -eq 'Auto')
        dependOnService  = $depends
        account          = [string]$Query.account
        state            = [string]$Query.state
        processId        = [int]$Query.processId
        exitCode         = [int]$Query.win32ExitCode
        serviceExitCode  = [int]$Query.serviceExitCode
        failureActions   = $(if ($null -ne $Record) { $Record.failureActions } else { $null })
        failureFlag      = $(if ($null -ne $Record) { [int]$Record.failureFlag } else { 0 })
        sidType          = $(if ($null -ne $Record) { [int]$Record.sidType } else { 0 })
        extraValues      = $(if ($null -ne $Record -and $Record.Contains('extraValues')) { $Record.extraValues } else { $null })
    }
}

function Get-ShimWineService {
    # One service as a record-shaped dictionary (Wine's SCM + record-only settings), or $null.
    param([Parameter(Mandatory)] [string]$Name)
    $query = Get-ShimWineQuery -Name $Name
    if ($null -eq $query) {
        return $null
    }
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $Name
    $record = $null
    if ($key) { $record = $state.services[$key] }
    ConvertFrom-ShimWineService -Query $query -Record $record
}

function Get-ShimWineServiceNames {
    param([string[]]$Pattern = @('*'))
    $all = @(Invoke-ShimWineCtl -ArgumentList @('list'))
    @($all | Where-Object { $name = $_; @($Pattern | Where-Object { $name -like $_ }).Count -gt 0 })
}

function Get-ShimWineStartKeyword {
    # New-Service/Set-Service StartupType or CIM StartMode -> svcctl start= value.
    param([string]$StartupType)
    switch -Regex ($StartupType) {
        '^(Automatic|AutomaticDelayedStart|Auto)$' { 'auto' }
        '^Manual$' { 'demand' }
        '^Disabled$' { 'disabled' }
        default { throw "shim: unsupported StartupType '$StartupType'" }
    }
}

function Assert-ShimWineAnswer {
    param($Answer, [string]$What)
    if ($Answer -is [System.Collections.IDictionary] -and $Answer.Contains('error')) {
        $extra = ''
        if ($Answer.Contains('state')) { $extra = "; it is $($Answer.state)" }
        throw [System.InvalidOperationException]::new("$What failed: Win32 error $($Answer.error) at $($Answer.where)$extra")
    }
    $Answer
}

# ---------------------------------------------------------------- wine-mode handlers

function Invoke-ShimWineNewService {
    param($Parameters)
    $name = [string]$Parameters.Name
    if ($null -ne (Get-ShimWineQuery -Name $name)) {
        throw [System.InvalidOperationException]::new("Service '$name' cannot be created because a service with the same name already exists.")
    }
    $arguments = @('create', $name, "bin=$($Parameters.BinaryPathName)")
    if ($Parameters.Contains('DisplayName')) { $arguments += "display=$($Parameters.DisplayName)" }
    $startupType = 'Automatic'
    if ($Parameters.Contains('StartupType')) { $startupType = [string]$Parameters.StartupType }
    $arguments += 'start=' + (Get-ShimWineStartKeyword -StartupType $startupType)
    if ($Parameters.Contains('DependsOn') -and @($Parameters.DependsOn).Count -gt 0) { $arguments += 'depend=' + (@($Parameters.DependsOn) -join '/') }
    if ($Parameters.Contains('Credential') -and $null -ne $Parameters.Credential) {
        $arguments += "obj=$($Parameters.Credential.UserName)"
        $arguments += "password=$($Parameters.Credential.GetNetworkCredential().Password)"
    }
    $null = Assert-ShimWineAnswer -Answer (Invoke-ShimWineCtl -ArgumentList $arguments) -What "New-Service $name"
    if ($Parameters.Contains('Description') -and $Parameters.Description) {
        $null = Assert-ShimWineAnswer -Answer (Invoke-ShimWineCtl -ArgumentList @('description', $name, [string]$Parameters.Description)) -What "New-Service $name (description)"
    }
    # A new service starts with fresh record-only settings, whatever an earlier one had.
    $state = Read-ShimState
    $old = Find-ShimServiceName -State $state -Name $name
    if ($old) { $state.services.Remove($old) }
    $record = New-ShimServiceRecord -Name $name -BinaryPath ([string]$Parameters.BinaryPathName)
    $record.delayedAutoStart = $startupType -eq 'AutomaticDelayedStart'
    $state.services[$name] = $record
    Save-ShimState -State $state
    ConvertTo-ShimServiceObject -Service (Get-ShimWineService -Name $name)
}

function Invoke-ShimWineSetService {
    param($Parameters)
    $name = [string]$Parameters.Name
    if ($null -eq (Get-ShimWineQuery -Name $name)) {
        throw [System.InvalidOperationException]::new("Service '$name' was not found on computer '.'.")
    }
    $config = @()
    if ($Parameters.Contains('DisplayName')) { $config += "display=$($Parameters.DisplayName)" }
    if ($Parameters.Contains('StartupType')) {
        $config += 'start=' + (Get-ShimWineStartKeyword -StartupType ([string]$Parameters.StartupType))
        $state = Read-ShimState
        (Get-ShimWineRecord -State $state -Name $name).delayedAutoStart = ([string]$Parameters.StartupType) -eq 'AutomaticDelayedStart'
        Save-ShimState -State $state
    }
    if ($config.Count -gt 0) {
        $null = Assert-ShimWineAnswer -Answer (Invoke-ShimWineCtl -ArgumentList (@('config', $name) + $config)) -What "Set-Service $name"
    }
    if ($Parameters.Contains('Description')) {
        $null = Assert-ShimWineAnswer -Answer (Invoke-ShimWineCtl -ArgumentList @('description', $name, [string]$Parameters.Description)) -What "Set-Service $name -Description"
    }
    if ($Parameters.Contains('Status')) {
        if ($Parameters.Status -eq 'Running') { Invoke-ShimWineStartService -Parameters @{ Name = @($name) } }
        if ($Parameters.Status -eq 'Stopped') { Invoke-ShimWineStopService -Parameters @{ Name = @($name) } }
    }
    if ($Parameters.Contains('PassThru') -and $Parameters.PassThru) { ConvertTo-ShimServiceObject -Service (Get-ShimWineService -Name $name) }
}

function Invoke-ShimWineGetService {
    param($Parameters)
    if (-not $Parameters.Contains('Name')) {
        foreach ($name in Get-ShimWineServiceNames) { ConvertTo-ShimServiceObject -Service (Get-ShimWineService -Name $name) }
        return
    }
    foreach ($wanted in @($Parameters.Name)) {
        $names = @($wanted)
        if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($wanted)) {
            $names = @(Get-ShimWineServiceNames -Pattern @($wanted))
        }
        $found = @($names | ForEach-Object { Get-ShimWineService -Name $_ } | Where-Object { $null -ne $_ })
        if ($found.Count -eq 0) {
            Write-Error -Message "Cannot find any service with service name '$wanted'." -Category ObjectNotFound -ErrorId 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand'
        }
        foreach ($service in $found) { ConvertTo-ShimServiceObject -Service $service }
    }
}

function Invoke-ShimWineStartService {
    # Start-Service returns once the service runs: svcctl start polls (deadline 60 s).
    param($Parameters)
    foreach ($name in @($Parameters.Name)) {
        $answer = Assert-ShimWineAnswer -Answer (Invoke-ShimWineCtl -ArgumentList @('start', [string]$name, '60000')) -What "Start-Service $name"
        if ($answer.state -ne 'Running') {
            throw [System.InvalidOperationException]::new("Failed to start service '$name' (it is $($answer.state), exit code $($answer.win32ExitCode), service-specific $($answer.serviceExitCode)).")
        }
    }
}

function Invoke-ShimWineStopService {
    # Stop-Service returns once the service is STOPPED. Wine's net.exe returns while it is
    # still STOP_PENDING, so svcctl sends the control and polls until STOPPED (deadline 60 s).
    param($Parameters)
    foreach ($name in @($Parameters.Name)) {
        $null = Assert-ShimWineAnswer -Answer (Invoke-ShimWineCtl -ArgumentList @('stop', [string]$name, '60000')) -What "Stop-Service $name"
    }
}

function Get-ShimWineProcesses {
    # Windows processes of the prefix (Windows pids, from Toolhelp32 under Wine).
    @(Invoke-ShimWineCtl -ArgumentList @('ps')) | ForEach-Object { [ordered]@{ pid = [int]$_.pid; parentPid = [int]$_.ppid; name = [string]$_.name } }
}

function Get-ShimLinuxProcess {
    # A Linux process (a listener's owner outside Wine): name from /proc/<pid>/comm.
    param([int]$ProcessId)
    $comm = "/proc/$ProcessId/comm"
    if (-not (Test-Path -LiteralPath $comm)) { return $null }
    $parent = 0
    try {
        $stat = Get-Content -LiteralPath "/proc/$ProcessId/stat" -Raw
        $parent = [int](($stat.Substring($stat.LastIndexOf(')') + 2) -split ' ')[1])
    }
    catch { }
    [ordered]@{ pid = $ProcessId; parentPid = $parent; name = (Get-Content -LiteralPath $comm -Raw).Trim() }
}

function Invoke-ShimWineGetCimInstance {
    param($Parameters)
    $class = [string]$Parameters.ClassName
    $filter = ''
    if ($Parameters.Contains('Filter')) { $filter = [string]$Parameters.Filter }
    switch ($class) {
        'Win32_Service' {
            if ($filter) {
                if ($filter -notmatch "^\s*Name\s*=\s*'((?:[^'\\]|\\.)*)'\s*$") { throw "shim: unsupported Win32_Service filter '$filter'" }
                $names = @($Matches[1] -replace '\\(.)', '$1')
            }
            else {
                $names = @(Get-ShimWineServiceNames)
            }
            foreach ($name in $names) {
                $service = Get-ShimWineService -Name $name
                if ($null -ne $service) { ConvertTo-ShimCimService -Service $service }
            }
        }
        'Win32_Process' {
            $processes = @(Get-ShimWineProcesses)
            if ($filter) {
                if ($filter -notmatch '^\s*ProcessId\s*=\s*(\d+)\s*$') { throw "shim: unsupported Win32_Process filter '$filter'" }
                $wantedId = [int]$Matches[1]
                $processes = @($processes | Where-Object { $_.pid -eq $wantedId })
                if ($processes.Count -eq 0) {
                    # A port owner outside Wine is a Linux pid (see Invoke-ShimWineGetNetTCPConnection).
                    $linux = Get-ShimLinuxProcess -ProcessId $wantedId
                    if ($null -ne $linux) { $processes = @($linux) }
                }
            }
            foreach ($process in $processes) {
                [pscustomobject]@{ ProcessId = [uint32]$process.pid; ParentProcessId = [uint32]$process.parentPid; Name = $process.name }
            }
        }
        default { throw "shim: Get-CimInstance -ClassName '$class' is not supported" }
    }
}

function Invoke-ShimWineInvokeCimMethod {
    param($Parameters)
    if ($Parameters.MethodName -ne 'Change') { throw "shim: Invoke-CimMethod -MethodName '$($Parameters.MethodName)' is not supported" }
    $name = [string]$Parameters.InputObject.Name
    if ($null -eq (Get-ShimWineQuery -Name $name)) { return [pscustomobject]@{ ReturnValue = [uint32]5 } }
    $arguments = $Parameters.Arguments
    $config = @()
    if ($arguments.Contains('PathName')) { $config += "bin=$($arguments.PathName)" }
    if ($arguments.Contains('DisplayName')) { $config += "display=$($arguments.DisplayName)" }
    if ($arguments.Contains('StartMode')) { $config += 'start=' + (Get-ShimWineStartKeyword -StartupType ([string]$arguments.StartMode)) }
    if ($arguments.Contains('ServiceDependencies')) { $config += 'depend=' + ((@($arguments.ServiceDependencies) -join '/'), '/' | Where-Object { $_ } | Select-Object -First 1) }
    if ($arguments.Contains('StartName')) {
        # Wine accepts any account and runs the service as the prefix user anyway; like
        # record mode, refuse a user account without a password (what Windows returns).
        $startName = [string]$arguments.StartName
        if ((Test-ShimAccountNeedsPassword -Account $startName) -and -not $arguments.Contains('StartPassword')) { return [pscustomobject]@{ ReturnValue = [uint32]22 } }
        $config += "obj=$startName"
        if ($arguments.Contains('StartPassword') -and $arguments.StartPassword) { $config += "password=$($arguments.StartPassword)" }
    }
    if ($config.Count -eq 0) { return [pscustomobject]@{ ReturnValue = [uint32]0 } }
    $answer = Invoke-ShimWineCtl -ArgumentList (@('config', $name) + $config)
    if ($answer.Contains('error')) {
        # Win32_Service.Change return values: 2 access denied, 22 invalid account, 8 unknown failure.
        $value = switch ([int]$answer.error) { 5 { 2 } 1057 { 22 } default { 8 } }
        return [pscustomobject]@{ ReturnValue = [uint32]$value }
    }
    [pscustomobject]@{ ReturnValue = [uint32]0 }
}

function ConvertFrom-ShimWineRegistryValue {
    # One value of svcctl reg as Windows' registry provider returns it: REG_DWORD as Int32
    # (4294967295 -> -1), REG_MULTI_SZ as string[], REG_BINARY as byte[], strings as stored
    # (Windows would expand the %NAME% of a REG_EXPAND_SZ).
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$Item)
    switch ([string]$Item.type) {
        'REG_DWORD' { return [System.BitConverter]::ToInt32([System.BitConverter]::GetBytes([uint32]$Item.value), 0) }
        'REG_MULTI_SZ' { return , [string[]]@($Item.value) }
        'REG_BINARY' { return , [byte[]][System.Convert]::FromHexString([string]$Item.value.binary) }
        default {
            if ($Item.value -is [System.Collections.IDictionary]) { return , [byte[]][System.Convert]::FromHexString([string]$Item.value.binary) }
            return [string]$Item.value
        }
    }
}

function Get-ShimWineNssmRegistryValues {
    # Get-ItemProperty of ...\Services\<name>\Parameters or ...\Parameters\AppExit: what the
    # real nssm.exe, run under Wine, wrote to Wine's registry (svcctl reg), the key's default
    # value named '(default)' as Windows shows it.
    param($Parameters)
    $path = [string]$Parameters.Path
    $subkey = $path -replace '^HKLM:\\', ''
    $answer = Invoke-ShimWineCtl -ArgumentList @('reg', $subkey)
    if ($answer.Contains('error')) {
        throw "svcforge shim: svcctl reg $subkey failed with $($answer.error) at $($answer.where)"
    }
    if (-not $answer.exists) {
        Write-ShimRegistryKeyMissing -Path $path
        return
    }
    $values = [ordered]@{}
    foreach ($item in @($answer.values)) {
        $shown = [string]$item.name
        if ($shown -eq '') { $shown = '(default)' }
        $values[$shown] = ConvertFrom-ShimWineRegistryValue -Item $item
    }
    Select-ShimRegistryValues -Values $values -Parameters $Parameters -Key ($path -replace '^HKLM:\\SYSTEM\\CurrentControlSet\\Services\\', '') -Path $path
}

function Invoke-ShimWineGetItemProperty {
    # HKLM:\SYSTEM\CurrentControlSet\Services\<name>: the values Wine's SCM wrote to its
    # registry (ImagePath, ObjectName, Start, DisplayName, Description, DependOnService, ...),
    # plus from the shim state the ones Wine 8 cannot hold (DelayedAutostart, FailureActions,
    # FailureActionsOnNonCrashFailures, ServiceSidType). Its Parameters and Parameters\AppExit
    # keys (host nssm) are Wine's registry as nssm.exe left it.
    param($Parameters)
    $path = [string]$Parameters.Path
    if (Test-ShimNssmRegistryPath -Path $path) {
        return Get-ShimWineNssmRegistryValues -Parameters $Parameters
    }
    $name = Get-ShimRegistryServiceName -Path $path
    $query = $null
    if ($name -notmatch '\\') { $query = Get-ShimWineQuery -Name $name }
    if ($null -eq $query) {
        Write-ShimRegistryKeyMissing -Path $path
        return
    }
    $values = [ordered]@{}
    foreach ($valueName in @($query.registry.Keys)) {
        $value = $query.registry[$valueName]
        if ($value -is [System.Collections.IDictionary] -and $value.Contains('binary')) {
            $value = [byte[]][System.Convert]::FromHexString([string]$value.binary)
        }
        elseif ($value -is [System.Collections.IList]) {
            $value = [string[]]@($value)
        }
        $values[$valueName] = $value
    }
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $name
    if ($key) {
        $recordOnly = [ordered]@{}
        Add-ShimRecordOnlyRegistryValues -Values $recordOnly -Service (ConvertFrom-ShimWineService -Query $query -Record $state.services[$key])
        foreach ($valueName in @($recordOnly.Keys)) {
            if (-not $values.Contains($valueName)) { $values[$valueName] = $recordOnly[$valueName] }
        }
    }
    Select-ShimRegistryValues -Values $values -Parameters $Parameters -Key ([string]$query.name) -Path $path
}

function Get-ShimLinuxListeners {
    # Listening TCP sockets of the host from /proc/net/tcp and tcp6 (Wine shares the host's
    # network stack): address, port, socket inode.
    foreach ($file in @('/proc/net/tcp', '/proc/net/tcp6')) {
        if (-not (Test-Path -LiteralPath $file)) { continue }
        foreach ($line in @(Get-Content -LiteralPath $file | Select-Object -Skip 1)) {
            $fields = @($line.Trim() -split '\s+')
            if ($fields.Count -lt 10 -or $fields[3] -ne '0A') { continue }
            $addressHex, $portHex = $fields[1] -split ':'
            $bytes = [System.Convert]::FromHexString($addressHex)
            # /proc prints each 32-bit word in host (little-endian) order.
            for ($i = 0; $i -lt $bytes.Length; $i += 4) { [array]::Reverse($bytes, $i, 4) }
            [ordered]@{
                address = ([System.Net.IPAddress]::new($bytes)).ToString()
                port    = [System.Convert]::ToInt32($portHex, 16)
                inode   = [string]$fields[9]
            }
        }
    }
}

function Get-ShimSocketOwners {
    # socket inode -> Linux pid, from /proc/*/fd links (only processes we may read).
    param([string[]]$Inodes)
    $owners = @{}
    $wanted = [System.Collections.Generic.HashSet[string]]::new([string[]]@($Inodes | ForEach-Object { "socket:[$_]" }))
    foreach ($dir in [System.IO.Directory]::EnumerateDirectories('/proc')) {
        $processId = 0
        if (-not [int]::TryParse([System.IO.Path]::GetFileName($dir), [ref]$processId)) { continue }
        try {
            foreach ($fd in [System.IO.Directory]::EnumerateFileSystemEntries("$dir/fd")) {
                $target = [System.IO.File]::ResolveLinkTarget($fd, $false)
                if ($null -ne $target -and $wanted.Contains($target.ToString())) {
                    $owners[$target.ToString().Substring(8).TrimEnd(']')] = $processId
                }
            }
        }
        catch { }
    }
    $owners
}

function Invoke-ShimWineGetNetTCPConnection {
    # Real listeners: /proc/net/tcp(6) (Wine shares the host's network stack). Under Wine the
    # unix socket of a listener is held by wineserver, so /proc/*/fd names wineserver, not
    # the program: the owner of a Wine process's listener is the Windows pid svcctl.exe finds
    # through socket handles (so it matches Win32_Service.ProcessId and Win32_Process). A
    # listener no Wine process holds keeps its Linux pid from /proc/*/fd (Win32_Process then
    # names it from /proc/<pid>/comm).
    param($Parameters)
    $listeners = @()
    if (-not ($Parameters.Contains('State') -and @($Parameters.State) -notcontains 'Listen')) {
        $listeners = @(Get-ShimLinuxListeners)
        if ($Parameters.Contains('LocalPort')) { $listeners = @($listeners | Where-Object { @($Parameters.LocalPort) -contains [int]$_.port }) }
    }
    if ($listeners.Count -gt 0) {
        $owners = Get-ShimSocketOwners -Inodes @($listeners | ForEach-Object { $_.inode })
        $windows = @(Invoke-ShimWineCtl -ArgumentList @('tcp'))
        foreach ($listener in $listeners) {
            $windowsOwner = @($windows | Where-Object { [int]$_.port -eq $listener.port -and [int]$_.pid -gt 0 } | Select-Object -First 1)
            $listener.pid = $(if ($windowsOwner.Count -gt 0) { [int]$windowsOwner[0].pid } elseif ($owners.ContainsKey($listener.inode)) { [int]$owners[$listener.inode] } else { 0 })
        }
        if ($Parameters.Contains('OwningProcess')) { $listeners = @($listeners | Where-Object { @($Parameters.OwningProcess) -contains [int]$_.pid }) }
    }
    if ($listeners.Count -eq 0) {
        Write-Error -Message 'No matching MSFT_NetTCPConnection objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetTCPConnection class on the  CIM server: SELECT * FROM MSFT_NetTCPConnection. Verify query parameters and retry.' -Category ObjectNotFound -ErrorId 'CmdletizationQuery_NotFound,Get-NetTCPConnection'
        return
    }
    foreach ($listener in $listeners) {
        [pscustomobject]@{ LocalAddress = $listener.address; LocalPort = [uint16]$listener.port; State = 'Listen'; OwningProcess = [uint32]$listener.pid }
    }
}

# ---------------------------------------------------------------- Windows programs by path

function Test-ShimWindowsExecutable {
    # True when the file exists and starts with 'MZ' (a PE file, e.g. the real nssm.exe).
    param([Parameter(Mandatory)] [string]$Path)
    if (-not [System.IO.File]::Exists($Path)) { return $false }
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $head = [byte[]]::new(2)
        ($stream.Read($head, 0, 2) -eq 2) -and $head[0] -eq 0x4D -and $head[1] -eq 0x5A
    }
    finally {
        $stream.Dispose()
    }
}

function Invoke-ShimWineProgram {
    # Runs a Windows program of the prefix under Wine, as '& C:\...\x.exe args' would on
    # Windows: same arguments, its stdout (NSSM writes UTF-16) to the pipeline, its exit
    # code in $LASTEXITCODE (low 8 bits, as for any process here). Journaled like the
    # record-mode stand-ins: command = the file name, arguments, exitCode.
    param(
        [Parameter(Mandatory)] [string]$WindowsPath,
        [AllowEmptyCollection()] [AllowEmptyString()] [string[]]$ArgumentList = @()
    )
    Set-ShimWineEnvironment
    & wine $WindowsPath @ArgumentList
    $code = $LASTEXITCODE
    Write-ShimJournal -Command ($WindowsPath -replace '^.*\\', '') -Arguments $ArgumentList -ExitCode $code
    $global:LASTEXITCODE = $code
}

