# Shared state and journal code of the svcforge test shim. Dot-sourced by
# SvcForgeShim.psm1 (the in-process cmdlet stand-ins) and by native/*.ps1 (the sc.exe and
# icacls.exe stand-ins, which run as separate pwsh processes). Test code only: never
# shipped, runs on PowerShell 7 only (Linux), so it may use 7-only features.
Set-StrictMode -Version Latest

function Get-ShimMode {
    # The one place the shim's mode is decided: $env:SVCFORGE_SHIM = record | wine.
    $mode = $env:SVCFORGE_SHIM
    if (-not $mode) {
        $mode = 'record'
    }
    $mode = $mode.ToLowerInvariant()
    if ($mode -notin @('record', 'wine')) {
        throw "svcforge shim: unknown mode '$mode' in SVCFORGE_SHIM; use 'record' or 'wine'"
    }
    $mode
}

function Get-ShimStateDirectory {
    $dir = $env:SVCFORGE_SHIM_STATE
    if (-not $dir) {
        throw 'svcforge shim: SVCFORGE_SHIM_STATE is not set; it must name the directory that holds state.json and journal.jsonl'
    }
    if (-not (Test-Path -LiteralPath $dir -PathType Container)) {
        $null = New-Item -ItemType Directory -Path $dir -Force
    }
    (Resolve-Path -LiteralPath $dir).ProviderPath
}

function New-ShimEmptyState {
    [ordered]@{
        elevated      = $true
        nextPid       = 4000
        services      = [ordered]@{}
        firewallRules = [ordered]@{}
        acls          = [ordered]@{}
        accountRights = [ordered]@{}
        processes     = [System.Collections.Generic.List[object]]::new()
        listeners     = [System.Collections.Generic.List[object]]::new()
    }
}

function Read-ShimState {
    $path = Join-Path (Get-ShimStateDirectory) 'state.json'
    $state = New-ShimEmptyState
    if (Test-Path -LiteralPath $path) {
        $loaded = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json -AsHashtable
        foreach ($key in @($loaded.Keys)) {
            $state[$key] = $loaded[$key]
        }
    }
    foreach ($listKey in @('processes', 'listeners')) {
        $list = [System.Collections.Generic.List[object]]::new()
        foreach ($item in @($state[$listKey])) {
            if ($null -ne $item) {
                $list.Add($item)
            }
        }
        $state[$listKey] = $list
    }
    foreach ($mapKey in @('services', 'firewallRules', 'acls', 'accountRights')) {
        if ($null -eq $state[$mapKey]) {
            $state[$mapKey] = [ordered]@{}
        }
    }
    Remove-ShimStaleAcl -State $state
    $state
}

function Remove-ShimStaleAcl {
    # ACL entries of directories that no longer exist (removed with Remove-Item) go away,
    # like the real security descriptor goes with the directory.
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$State)
    foreach ($key in @($State.acls.Keys)) {
        $entry = $State.acls[$key]
        if (-not (Test-Path -LiteralPath (Resolve-ShimWindowsPath -Path $entry.path))) {
            $State.acls.Remove($key)
        }
    }
}

function Save-ShimState {
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$State)
    Remove-ShimStaleAcl -State $State
    $path = Join-Path (Get-ShimStateDirectory) 'state.json'
    $temp = "$path.tmp"
    Set-Content -LiteralPath $temp -Value (ConvertTo-Json -InputObject $State -Depth 20) -Encoding utf8NoBOM
    Move-Item -LiteralPath $temp -Destination $path -Force
}

function ConvertTo-ShimJournalValue {
    # Makes a bound parameter value JSON-safe and keeps secrets out of the journal.
    param([AllowNull()] [object]$Value, [string]$Key = '')
    if ($null -eq $Value) {
        return $null
    }
    if ($Key -match 'password') {
        return '<redacted>'
    }
    if ($Value -is [pscredential]) {
        return [ordered]@{ userName = $Value.UserName; password = '<redacted>' }
    }
    if ($Value -is [securestring]) {
        return '<redacted>'
    }
    if ($Value -is [switch]) {
        return [bool]$Value
    }
    if ($Value -is [string] -or $Value -is [ValueType]) {
        return $Value
    }
    if ($Value -is [System.Collections.IDictionary]) {
        $copy = [ordered]@{}
        foreach ($entryKey in $Value.Keys) {
            $copy[[string]$entryKey] = ConvertTo-ShimJournalValue -Value $Value[$entryKey] -Key ([string]$entryKey)
        }
        return $copy
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        return , @($Value | ForEach-Object { ConvertTo-ShimJournalValue -Value $_ })
    }
    $nameProperty = $Value.PSObject.Properties['Name']
    if ($null -ne $nameProperty) {
        return [ordered]@{ name = [string]$nameProperty.Value }
    }
    return [string]$Value
}

function Write-ShimJournal {
    # Appends one JSON line per call to journal.jsonl in the state directory.
    param(
        [Parameter(Mandatory)] [string]$Command,
        [System.Collections.IDictionary]$Parameters,
        [string[]]$Arguments,
        [AllowNull()] [object]$ExitCode
    )
    $entry = [ordered]@{ mode = Get-ShimMode; command = $Command }
    if ($PSBoundParameters.ContainsKey('Parameters')) {
        $entry.parameters = ConvertTo-ShimJournalValue -Value $Parameters
    }
    if ($PSBoundParameters.ContainsKey('Arguments')) {
        $redacted = [System.Collections.Generic.List[string]]::new()
        $hideNext = $false
        foreach ($argument in $Arguments) {
            if ($hideNext) {
                $redacted.Add('<redacted>')
                $hideNext = $false
                continue
            }
            $redacted.Add($argument)
            if ($argument -ieq 'password=') {
                $hideNext = $true
            }
        }
        $entry.arguments = $redacted.ToArray()
    }
    if ($PSBoundParameters.ContainsKey('ExitCode')) {
        $entry.exitCode = $ExitCode
    }
    $path = Join-Path (Get-ShimStateDirectory) 'journal.jsonl'
    Add-Content -LiteralPath $path -Value (ConvertTo-Json -InputObject $entry -Depth 10 -Compress) -Encoding utf8NoBOM
}

function Resolve-ShimWindowsPath {
    # Maps a Windows path (C:\ProgramData\x) to its place in the state directory
    # (<state>/drive_c/ProgramData/x): the same folder the C: PSDrive points at.
    param([Parameter(Mandatory)] [string]$Path)
    if ($Path -notmatch '^([A-Za-z]):[\\/]?(.*)$') {
        return $Path
    }
    $letter = $Matches[1].ToLowerInvariant()
    $rest = $Matches[2] -replace '[\\/]+', '/'
    $root = Get-ShimDriveRoot -Letter $letter
    if (-not $rest) {
        return $root
    }
    Join-Path $root $rest.TrimEnd('/')
}

function Get-ShimDriveRoot {
    # What a drive letter means: <state>/drive_<letter> in record mode; in wine mode C: is
    # the Wine prefix's drive_c, so files the module copies land where the service sees them.
    param([Parameter(Mandatory)] [string]$Letter)
    $letter = $Letter.ToLowerInvariant()
    if ($letter -eq 'c' -and (Get-ShimMode) -eq 'wine') {
        return Join-Path (Get-ShimWinePrefix) 'drive_c'
    }
    Join-Path (Get-ShimStateDirectory) "drive_$letter"
}

function Get-ShimWinePrefix {
    # Wine mode's prefix: SVCFORGE_WINEPREFIX, else WINEPREFIX. It must have been prepared
    # by scripts/wine-env.sh (booted, persistent wineserver, services.exe up).
    $prefix = $env:SVCFORGE_WINEPREFIX
    if (-not $prefix) { $prefix = $env:WINEPREFIX }
    if (-not $prefix) {
        throw 'svcforge shim: wine mode needs SVCFORGE_WINEPREFIX or WINEPREFIX (a prefix prepared by scripts/wine-env.sh)'
    }
    if (-not (Test-Path -LiteralPath (Join-Path $prefix 'system.reg'))) {
        throw "svcforge shim: '$prefix' is not a Wine prefix (no system.reg); prepare it with: WINEPREFIX=$prefix bash scripts/wine-env.sh"
    }
    (Resolve-Path -LiteralPath $prefix).ProviderPath
}

function Get-ShimPathKey {
    param([Parameter(Mandatory)] [string]$Path)
    ($Path -replace '/', '\').TrimEnd('\').ToLowerInvariant()
}

function Find-ShimServiceName {
    # SCM names are case-insensitive; returns the stored key or $null.
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Name)
    foreach ($key in @($State.services.Keys)) {
        if ($key -ieq $Name) {
            return $key
        }
    }
    $null
}

function New-ShimServiceRecord {
    param([Parameter(Mandatory)] [string]$Name, [Parameter(Mandatory)] [string]$BinaryPath)
    [ordered]@{
        name             = $Name
        displayName      = $Name
        description      = ''
        binaryPath       = $BinaryPath
        startMode        = 'Manual'
        delayedAutoStart = $false
        dependOnService  = @()
        account          = 'LocalSystem'
        state            = 'Stopped'
        processId        = 0
        exitCode         = 1077
        failureActions   = $null
        failureFlag      = 0
        sidType          = 0
        startBehavior    = 'run'
    }
}

function Get-ShimAccountRightKey {
    param([Parameter(Mandatory)] [string]$Account)
    $Account.Trim().ToUpperInvariant()
}

function Test-ShimAccountMayLogOn {
    # LocalSystem, NT AUTHORITY\* and virtual accounts need no right of their own; a user
    # account or a gMSA needs SeServiceLogonRight in state.accountRights.
    param([Parameter(Mandatory)] $State, [AllowEmptyString()] [string]$Account)
    if (-not $Account -or $Account -imatch '^(LocalSystem|\.\\LocalSystem|NT AUTHORITY\\.+|NT SERVICE\\.+)$') {
        return $true
    }
    $rights = @()
    if ($State.Contains('accountRights') -and $null -ne $State.accountRights) {
        $key = Get-ShimAccountRightKey -Account $Account
        if ($State.accountRights.Contains($key)) { $rights = @($State.accountRights[$key]) }
    }
    $rights -contains 'SeServiceLogonRight'
}

function Test-ShimAccountNeedsPassword {
    # A user account (not LocalSystem, NT AUTHORITY\*, a virtual account or a gMSA) needs a
    # password: Win32_Service.Change returns 22 without one.
    param([Parameter(Mandatory)] [string]$Account)
    -not ($Account -imatch '^(LocalSystem|NT AUTHORITY\\.+|NT SERVICE\\.+|.+\$)$')
}

function Get-ShimServiceSid {
    # S-1-5-80- + SHA-1 of the upper-case UTF-16LE name (what 'sc.exe showsid' prints).
    param([Parameter(Mandatory)] [string]$Name)
    $hash = [System.Security.Cryptography.SHA1]::HashData([System.Text.Encoding]::Unicode.GetBytes($Name.ToUpperInvariant()))
    'S-1-5-80-' + ((0..4 | ForEach-Object { [System.BitConverter]::ToUInt32($hash, $_ * 4) }) -join '-')
}

$script:ShimWellKnownSids = [ordered]@{
    'S-1-5-32-544' = 'BUILTIN\Administrators'
    'S-1-5-32-545' = 'BUILTIN\Users'
    'S-1-5-18'     = 'NT AUTHORITY\SYSTEM'
    'S-1-5-19'     = 'NT AUTHORITY\LOCAL SERVICE'
    'S-1-5-20'     = 'NT AUTHORITY\NETWORK SERVICE'
    'S-1-5-11'     = 'NT AUTHORITY\Authenticated Users'
    'S-1-1-0'      = 'Everyone'
    'S-1-3-0'      = 'CREATOR OWNER'
}

function Resolve-ShimIdentity {
    # icacls identity (*SID or name) -> the name Get-Acl would show on Windows.
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Identity)
    $value = $Identity
    if ($value.StartsWith('*')) {
        $sid = $value.Substring(1).ToUpperInvariant()
        if ($script:ShimWellKnownSids.Contains($sid)) {
            return $script:ShimWellKnownSids[$sid]
        }
        foreach ($serviceName in @($State.services.Keys)) {
            if ((Get-ShimServiceSid -Name $serviceName) -eq $sid) {
                return "NT SERVICE\$serviceName"
            }
        }
        return $sid
    }
    foreach ($sid in $script:ShimWellKnownSids.Keys) {
        if ($script:ShimWellKnownSids[$sid] -ieq $value) {
            return $script:ShimWellKnownSids[$sid]
        }
    }
    $value
}

function Get-ShimIdentityKey {
    param([Parameter(Mandatory)] [string]$Identity)
    $upper = $Identity.ToUpperInvariant()
    foreach ($sid in $script:ShimWellKnownSids.Keys) {
        if ($script:ShimWellKnownSids[$sid].ToUpperInvariant() -eq $upper) {
            return $sid
        }
    }
    if ($upper -match '^NT SERVICE\\(.+)$') {
        return Get-ShimServiceSid -Name $Matches[1]
    }
    $upper
}

function New-ShimDefaultAcl {
    # The ACL of a drive root as a fresh Windows Server install leaves C:\ for what it
    # passes down: a new folder inherits Users read and Users "create folders / append",
    # the reason Set-SvcForgeDirectory must remove the Users entries of its own folders.
    param([Parameter(Mandatory)] [string]$Path)
    [ordered]@{
        path      = $Path
        protected = $true
        owner     = 'NT SERVICE\TrustedInstaller'
        entries   = @(
            [ordered]@{ identity = 'NT AUTHORITY\SYSTEM'; rights = 2032127; type = 'Allow'; inherited = $false; inheritanceFlags = 3; propagationFlags = 0 }
            [ordered]@{ identity = 'BUILTIN\Administrators'; rights = 2032127; type = 'Allow'; inherited = $false; inheritanceFlags = 3; propagationFlags = 0 }
            [ordered]@{ identity = 'CREATOR OWNER'; rights = 268435456; type = 'Allow'; inherited = $false; inheritanceFlags = 3; propagationFlags = 2 }
            [ordered]@{ identity = 'BUILTIN\Users'; rights = 1179817; type = 'Allow'; inherited = $false; inheritanceFlags = 3; propagationFlags = 0 }
            [ordered]@{ identity = 'BUILTIN\Users'; rights = 278; type = 'Allow'; inherited = $false; inheritanceFlags = 2; propagationFlags = 0 }
        )
    }
}

function Get-ShimParentWindowsPath {
    # 'C:\a\b' -> 'C:\a', 'C:\a' -> 'C:'; $null for a drive root.
    param([Parameter(Mandatory)] [string]$Path)
    $trimmed = ($Path -replace '/', '\').TrimEnd('\')
    if ($trimmed -match '^[A-Za-z]:$') {
        return $null
    }
    $cut = $trimmed.LastIndexOf('\')
    if ($cut -lt 0) {
        return $null
    }
    $trimmed.Substring(0, $cut)
}

function Get-ShimInheritedEntry {
    # What a child (folder or file) inherits from its parent's effective ACL, as Windows
    # computes it: ContainerInherit entries reach folders, ObjectInherit entries files,
    # InheritOnly is cleared on the child (except CREATOR OWNER, which stays a template),
    # NoPropagateInherit stops at the child.
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$ParentPath, [bool]$ChildIsFile)
    $parent = Get-ShimAclEntry -State $State -Path $ParentPath
    $wantedFlag = 2
    if ($ChildIsFile) { $wantedFlag = 1 }
    foreach ($entry in @($parent.entries)) {
        if (([int]$entry.inheritanceFlags -band $wantedFlag) -eq 0) { continue }
        $inheritance = [int]$entry.inheritanceFlags
        $propagation = [int]$entry.propagationFlags
        if ($ChildIsFile -or ($propagation -band 1)) {
            $inheritance = 0
            $propagation = 0
        }
        elseif ([string]$entry.identity -ne 'CREATOR OWNER') {
            $propagation = $propagation -band (-bnot 2)
        }
        [ordered]@{ identity = $entry.identity; rights = $entry.rights; type = $entry.type; inherited = $true; inheritanceFlags = $inheritance; propagationFlags = $propagation }
    }
}

function Get-ShimAclEntry {
    # The effective ACL of a path: the stored explicit entries, owner and protection,
    # plus (unless protected) what it inherits from its parent at read time, so a change
    # of a folder reaches its children as on Windows. A drive root never set is the
    # default root ACL; any other path never set has no explicit entry and inherits.
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Path)
    $key = Get-ShimPathKey -Path $Path
    $parentPath = Get-ShimParentWindowsPath -Path $Path
    if ($State.acls.Contains($key)) {
        $stored = $State.acls[$key]
        $owner = 'BUILTIN\Administrators'
        if ($stored.Contains('owner') -and $stored.owner) { $owner = [string]$stored.owner }
        $acl = [ordered]@{ path = $stored.path; protected = [bool]$stored.protected; owner = $owner; entries = @($stored.entries | Where-Object { -not $_.inherited }) }
    }
    elseif ($null -eq $parentPath) {
        return New-ShimDefaultAcl -Path $Path
    }
    else {
        $acl = [ordered]@{ path = $Path; protected = $false; owner = 'BUILTIN\Administrators'; entries = @() }
    }
    if (-not $acl.protected -and $null -ne $parentPath) {
        $isFile = Test-Path -LiteralPath (Resolve-ShimWindowsPath -Path $Path) -PathType Leaf
        $acl.entries = @($acl.entries) + @(Get-ShimInheritedEntry -State $State -ParentPath $parentPath -ChildIsFile $isFile)
    }
    $acl
}

function ConvertTo-ShimSddl {
    # The shim's ACL as SDDL (owner and DACL): what Get-Acl's Sddl shows, so the module
    # can keep a folder's original descriptor and give it back with Set-Acl.
    param([Parameter(Mandatory)] $Acl)
    $aces = foreach ($entry in @($Acl.entries)) {
        $flags = ''
        if ([int]$entry.inheritanceFlags -band 1) { $flags += 'OI' }
        if ([int]$entry.inheritanceFlags -band 2) { $flags += 'CI' }
        if ([int]$entry.propagationFlags -band 1) { $flags += 'NP' }
        if ([int]$entry.propagationFlags -band 2) { $flags += 'IO' }
        if ($entry.inherited) { $flags += 'ID' }
        $type = 'A'
        if ($entry.type -ne 'Allow') { $type = 'D' }
        '({0};{1};0x{2:x};;;{3})' -f $type, $flags, [int64]$entry.rights, (Get-ShimIdentityKey -Identity ([string]$entry.identity))
    }
    $protection = ''
    if ($Acl.protected) { $protection = 'P' }
    'O:' + (Get-ShimIdentityKey -Identity ([string]$Acl.owner)) + 'D:' + $protection + ($aces -join '')
}

function ConvertFrom-ShimSddl {
    # SDDL written by ConvertTo-ShimSddl -> protected flag and explicit entries (inherited
    # ones are derived again from the parent, as Windows does on Set-Acl).
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Sddl)
    if ($Sddl -notmatch 'D:([A-Z]*)(\(.*)?$') {
        throw "shim: cannot read the DACL of SDDL '$Sddl'"
    }
    $protected = $Matches[1].Contains('P')
    $entries = foreach ($ace in [regex]::Matches($Sddl, '\((A|D);([A-Z]*);0x([0-9a-fA-F]+);;;([^)]*)\)')) {
        $flags = $ace.Groups[2].Value
        if ($flags.Contains('ID')) { continue }
        $inheritance = 0
        if ($flags.Contains('OI')) { $inheritance = $inheritance -bor 1 }
        if ($flags.Contains('CI')) { $inheritance = $inheritance -bor 2 }
        $propagation = 0
        if ($flags.Contains('NP')) { $propagation = $propagation -bor 1 }
        if ($flags.Contains('IO')) { $propagation = $propagation -bor 2 }
        $identity = $ace.Groups[4].Value
        if ($identity -match '^S-1-') { $identity = '*' + $identity }
        $type = 'Allow'
        if ($ace.Groups[1].Value -eq 'D') { $type = 'Deny' }
        [ordered]@{ identity = (Resolve-ShimIdentity -State $State -Identity $identity); rights = [int64]::Parse($ace.Groups[3].Value, 'HexNumber'); type = $type; inherited = $false; inheritanceFlags = $inheritance; propagationFlags = $propagation }
    }
    [ordered]@{ protected = $protected; entries = @($entries) }
}

function ConvertTo-ShimFailureActionsBytes {
    # Encodes {resetPeriod, actions:[{type, delay}]} as the SCM stores FailureActions.
    param([AllowNull()] $FailureActions)
    if ($null -eq $FailureActions) {
        return $null
    }
    $actions = @($FailureActions.actions)
    $stream = [System.IO.MemoryStream]::new()
    $writer = [System.IO.BinaryWriter]::new($stream)
    $writer.Write([uint32]$FailureActions.resetPeriod)
    $writer.Write([uint32]0)
    $writer.Write([uint32]0)
    $writer.Write([uint32]$actions.Count)
    $writer.Write([uint32]20)
    foreach ($action in $actions) {
        $writer.Write([uint32]$action.type)
        $writer.Write([uint32]$action.delay)
    }
    $writer.Flush()
    , $stream.ToArray()
}

function Start-ShimService {
    # Record-mode start: Running with a fresh fake PID (or, as seeded by a test through
    # startBehavior: 'fail' -> Stopped with exit code 1067, 'pending' -> stays Start Pending).
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Key)
    $service = $State.services[$Key]
    # Windows logs a user account or a gMSA on only when it holds SeServiceLogonRight;
    # else StartService fails with 1069 (ERROR_SERVICE_LOGON_FAILED).
    if (-not (Test-ShimAccountMayLogOn -State $State -Account ([string]$service.account))) {
        $service.state = 'Stopped'
        $service.exitCode = 1069
        $service.processId = 0
        return
    }
    switch ($service.startBehavior) {
        'fail' {
            $service.state = 'Stopped'
            $service.exitCode = 1067
            $service.processId = 0
        }
        'pending' {
            $service.state = 'Start Pending'
        }
        default {
            $processId = [int]$State.nextPid
            $State.nextPid = $processId + 4
            $service.state = 'Running'
            $service.exitCode = 0
            $service.processId = $processId
            $exe = 'service.exe'
            if ($service.binaryPath -match '^"([^"]+)"' -or $service.binaryPath -match '^(\S+)') {
                $exe = ($Matches[1] -split '[\\/]')[-1]
            }
            $State.processes.Add([ordered]@{ pid = $processId; name = $exe; parentPid = 0; service = $Key })
        }
    }
}

function Stop-ShimService {
    param([Parameter(Mandatory)] $State, [Parameter(Mandatory)] [string]$Key)
    $service = $State.services[$Key]
    $processId = [int]$service.processId
    if ($processId -gt 0) {
        $tree = [System.Collections.Generic.HashSet[int]]::new()
        $null = $tree.Add($processId)
        $grew = $true
        while ($grew) {
            $grew = $false
            foreach ($process in $State.processes) {
                if ($tree.Contains([int]$process.parentPid) -and $tree.Add([int]$process.pid)) {
                    $grew = $true
                }
            }
        }
        $State.processes = [System.Collections.Generic.List[object]]@($State.processes | Where-Object { -not $tree.Contains([int]$_.pid) })
        $State.listeners = [System.Collections.Generic.List[object]]@($State.listeners | Where-Object { -not $tree.Contains([int]$_.pid) })
    }
    $service.state = 'Stopped'
    $service.processId = 0
    $service.exitCode = 0
}
