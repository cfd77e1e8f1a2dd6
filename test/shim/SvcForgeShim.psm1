# svcforge test shim: stands in for the Windows-only cmdlets and executables the SvcForge
# module uses, so the real module runs under pwsh on Linux. Test code only (never in the
# product). See README.md in this folder.
#
# Import with $env:SVCFORGE_SHIM ('record' or 'wine') and $env:SVCFORGE_SHIM_STATE (a
# directory) set, or call Initialize-SvcForgeShim after importing. Every stand-in is a
# GLOBAL function with the real cmdlet's parameter names; each call is journaled and then
# dispatched by Invoke-ShimCommand to the handler of the current mode.
Set-StrictMode -Version Latest
. (Join-Path $PSScriptRoot 'SvcForgeShim.State.ps1')
. (Join-Path $PSScriptRoot 'SvcForgeShim.Wine.ps1')
. (Join-Path $PSScriptRoot 'SvcForgeShim.Nssm.ps1')

$script:ShimRoot = $PSScriptRoot

function Initialize-SvcForgeShim {
    <#
    .SYNOPSIS
    Points the shim at a state directory, maps C: into it and puts sc.exe/icacls.exe on PATH.
    #>
    [CmdletBinding()]
    param(
        [ValidateSet('record', 'wine')]
        [string]$Mode = 'record',

        [string]$StateDirectory = $env:SVCFORGE_SHIM_STATE,

        [string[]]$DriveLetter = @('C')
    )
    if (-not $StateDirectory) {
        throw 'Initialize-SvcForgeShim: give -StateDirectory or set SVCFORGE_SHIM_STATE'
    }
    $env:SVCFORGE_SHIM = $Mode
    $null = New-Item -ItemType Directory -Path $StateDirectory -Force
    $env:SVCFORGE_SHIM_STATE = (Resolve-Path -LiteralPath $StateDirectory).ProviderPath
    $env:SVCFORGE_SHIM_MODULE = Join-Path $script:ShimRoot 'SvcForgeShim.psm1'
    foreach ($letter in $DriveLetter) {
        $root = Get-ShimDriveRoot -Letter $letter
        $null = New-Item -ItemType Directory -Path $root -Force
        if (Get-PSDrive -Name $letter -Scope Global -ErrorAction SilentlyContinue) {
            Remove-PSDrive -Name $letter -Scope Global -Force
        }
        $null = New-PSDrive -Name $letter -PSProvider FileSystem -Root $root -Scope Global
    }
    $bin = Join-Path $script:ShimRoot 'bin'
    $separator = [System.IO.Path]::PathSeparator
    $parts = @($env:PATH -split [regex]::Escape($separator) | Where-Object { $_ -and $_ -ne $bin -and $_ -ne $PSHOME })
    $env:PATH = (@($bin, $PSHOME) + $parts) -join $separator
    $statePath = Join-Path $env:SVCFORGE_SHIM_STATE 'state.json'
    if (-not (Test-Path -LiteralPath $statePath)) {
        Save-ShimState -State (New-ShimEmptyState)
    }
    Register-ShimProgramLookup
}

function Register-ShimProgramLookup {
    # A program named by a C:\ path (the module runs nssm.exe as '& $NssmPath set ...' with the
    # spec's nssm.path) resolves through PowerShell's PreCommandLookupAction, asked before any
    # command name resolves:
    # - wine mode: a Windows executable there (starts with MZ, e.g. the real nssm64.exe) runs
    #   under Wine (Invoke-ShimWineProgram): pwsh on Linux cannot start a PE file;
    # - either mode: the nssm.exe stand-in of Install-SvcForgeShimNssm runs native/nssm.ps1 in
    #   this process rather than in the new pwsh its sh wrapper would start.
    # Any other name (a cmdlet, sc.exe, any other file) resolves as usual.
    $script:ShimDriveC = Get-ShimDriveRoot -Letter 'C'
    # Defined here, so bound to this module: it runs in the shim's scope.
    $script:ShimProgramLookup = {
        param([string]$CommandName, [System.Management.Automation.CommandLookupEventArgs]$EventArgs)
        if ($CommandName -notmatch '^[Cc]:\\([^*?"<>|]+\.[Ee][Xx][Ee])$') { return }
        $linux = [System.IO.Path]::Combine($script:ShimDriveC, ($Matches[1] -replace '\\', '/'))
        if ((Get-ShimMode) -eq 'wine' -and (Test-ShimWindowsExecutable -Path $linux)) {
            $call = "Invoke-ShimWineProgram -WindowsPath '$($CommandName.Replace("'", "''"))' -ArgumentList `$args"
        }
        elseif (Test-ShimNssmStandIn -Path $linux) {
            # The wrapper's 'x' in front of each argument, which nssm.ps1 removes.
            $call = "Invoke-ShimNativeScript -Name 'nssm' -Arguments @(`$args | ForEach-Object -Process { 'x' + `$_ })"
        }
        else {
            return
        }
        $EventArgs.CommandScriptBlock = $ExecutionContext.SessionState.Module.NewBoundScriptBlock([scriptblock]::Create($call))
        $EventArgs.StopSearch = $true
    }
    $ExecutionContext.InvokeCommand.PreCommandLookupAction = $script:ShimProgramLookup
}

function Get-SvcForgeShimState {
    <# .SYNOPSIS The shim's current state (services, firewallRules, acls, processes, listeners). #>
    [CmdletBinding()]
    param()
    $state = Read-ShimState
    Remove-ShimStaleAcl -State $state
    $state
}

function Get-SvcForgeShimJournal {
    <# .SYNOPSIS The journal: one object per recorded call (command, parameters or arguments). #>
    [CmdletBinding()]
    param()
    $path = Join-Path (Get-ShimStateDirectory) 'journal.jsonl'
    if (-not (Test-Path -LiteralPath $path)) {
        return
    }
    Get-Content -LiteralPath $path | Where-Object { $_ } | ForEach-Object { $_ | ConvertFrom-Json }
}

function Clear-SvcForgeShimJournal {
    [CmdletBinding()]
    param()
    $path = Join-Path (Get-ShimStateDirectory) 'journal.jsonl'
    if (Test-Path -LiteralPath $path) {
        Remove-Item -LiteralPath $path -Force
    }
}

function Add-SvcForgeShimProcess {
    <# .SYNOPSIS Seeds a fake process (for Win32_Process and port owners). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [int]$ProcessId,
        [Parameter(Mandatory)] [string]$Name,
        [int]$ParentProcessId = 0
    )
    $state = Read-ShimState
    $state.processes.Add([ordered]@{ pid = $ProcessId; name = $Name; parentPid = $ParentProcessId })
    Save-ShimState -State $state
}

function Add-SvcForgeShimListener {
    <# .SYNOPSIS Seeds a listening port owned by a (seeded) process. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [int]$Port,
        [Parameter(Mandatory)] [int]$ProcessId,
        [ValidateSet('TCP', 'UDP')] [string]$Protocol = 'TCP',
        [string]$Address = '0.0.0.0'
    )
    $state = Read-ShimState
    $state.listeners.Add([ordered]@{ protocol = $Protocol; port = $Port; pid = $ProcessId; address = $Address })
    Save-ShimState -State $state
}

function Set-SvcForgeShimServiceBehavior {
    <# .SYNOPSIS How a service reacts to start in record mode: run (default), fail or pending. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [ValidateSet('run', 'fail', 'pending')] [string]$StartBehavior
    )
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $Name
    if (-not $key) {
        throw "shim: no service '$Name'"
    }
    $state.services[$key].startBehavior = $StartBehavior
    Save-ShimState -State $state
}

function Set-SvcForgeShimAcl {
    <#
    .SYNOPSIS
    Seeds the ACL of an existing folder or file: its owner, protection and explicit entries
    (what an administrator, or an attacker, left there before svcforge runs).
    .EXAMPLE
    Set-SvcForgeShimAcl -Path 'C:\apps\x' -Owner 'WIN\mallory' -Entry @(@{ identity = 'BUILTIN\Users'; rights = 1245631 })
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Path,
        [string]$Owner = 'BUILTIN\Administrators',
        [switch]$Protected,
        [hashtable[]]$Entry = @()
    )
    if (-not (Test-Path -LiteralPath (Resolve-ShimWindowsPath -Path $Path))) {
        throw "shim: Set-SvcForgeShimAcl: '$Path' does not exist; create it first"
    }
    $state = Read-ShimState
    $entries = foreach ($item in $Entry) {
        $type = 'Allow'
        if ($item.ContainsKey('type')) { $type = $item.type }
        $flags = 3
        if ($item.ContainsKey('inheritanceFlags')) { $flags = $item.inheritanceFlags }
        $propagation = 0
        if ($item.ContainsKey('propagationFlags')) { $propagation = $item.propagationFlags }
        [ordered]@{ identity = $item.identity; rights = $item.rights; type = $type; inherited = $false; inheritanceFlags = $flags; propagationFlags = $propagation }
    }
    $state.acls[(Get-ShimPathKey -Path $Path)] = [ordered]@{ path = $Path; protected = [bool]$Protected; owner = $Owner; entries = @($entries) }
    Save-ShimState -State $state
}

function Protect-SvcForgeShimFolder {
    <#
    .SYNOPSIS
    What an administrator does to a folder holding a service's executable before svcforge
    installs it (svcforge refuses one a non-administrator can change): inheritance off,
    Administrators and SYSTEM full control, Users read and execute.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string]$Path)
    Set-SvcForgeShimAcl -Path $Path -Protected -Entry @(
        @{ identity = 'BUILTIN\Administrators'; rights = 2032127 }
        @{ identity = 'NT AUTHORITY\SYSTEM'; rights = 2032127 }
        @{ identity = 'BUILTIN\Users'; rights = 1179817 }
    )
}

function Set-SvcForgeShimElevated {
    [CmdletBinding()]
    param([Parameter(Mandatory)] [bool]$Elevated)
    $state = Read-ShimState
    $state.elevated = $Elevated
    Save-ShimState -State $state
}

function Invoke-ShimCommand {
    # Journal, then dispatch to Invoke-Shim<Mode><Verb><Noun>; a mode without its own
    # handler for a command falls back to the record (file-backed) handler, which is what
    # wine mode wants for firewall and ACL state.
    param(
        [Parameter(Mandatory)] [string]$Command,
        [Parameter(Mandatory)] [System.Collections.IDictionary]$Parameters
    )
    $copy = [ordered]@{}
    foreach ($key in @($Parameters.Keys)) {
        $copy[[string]$key] = $Parameters[$key]
    }
    Write-ShimJournal -Command $Command -Parameters $copy
    $mode = Get-ShimMode
    $suffix = $Command.Replace('-', '')
    $handler = Get-Command -Name ("Invoke-Shim{0}{1}" -f (Get-Culture).TextInfo.ToTitleCase($mode), $suffix) -CommandType Function -ErrorAction SilentlyContinue
    if ($null -eq $handler) {
        $handler = Get-Command -Name "Invoke-ShimRecord$suffix" -CommandType Function -ErrorAction Stop
    }
    & $handler -Parameters $copy
}

# ---------------------------------------------------------------- record-mode handlers

function ConvertTo-ShimServiceObject {
    param($Service)
    $startType = switch ($Service.startMode) { 'Auto' { 'Automatic' } default { $Service.startMode } }
    if ($Service.startMode -eq 'Auto' -and $Service.delayedAutoStart) {
        $startType = 'AutomaticDelayedStart'
    }
    $status = ($Service.state -replace ' ', '')
    [pscustomobject]@{
        Name        = $Service.name
        ServiceName = $Service.name
        DisplayName = $Service.displayName
        Status      = $status
        StartType   = $startType
    }
}

function ConvertTo-ShimCimService {
    param($Service)
    $cim = [pscustomobject]@{
        Name                    = $Service.name
        DisplayName             = $Service.displayName
        Description             = $Service.description
        PathName                = $Service.binaryPath
        StartMode               = $Service.startMode
        StartName               = $Service.account
        State                   = $Service.state
        ProcessId               = [uint32]$Service.processId
        ExitCode                = [uint32]$Service.exitCode
        ServiceSpecificExitCode = [uint32]$(if ($Service.Contains('serviceExitCode')) { $Service.serviceExitCode } else { 0 })
        DelayedAutoStart        = [bool]$Service.delayedAutoStart
        Started                 = $Service.state -eq 'Running'
    }
    $cim.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Service')
    $cim
}

function Get-ShimStartMode {
    param([string]$StartupType)
    switch ($StartupType) {
        'Automatic' { 'Auto' }
        'AutomaticDelayedStart' { 'Auto' }
        'Manual' { 'Manual' }
        'Disabled' { 'Disabled' }
        default { throw "shim: unsupported StartupType '$StartupType'" }
    }
}

function Invoke-ShimRecordNewService {
    param($Parameters)
    $state = Read-ShimState
    if (Find-ShimServiceName -State $state -Name $Parameters.Name) {
        throw [System.InvalidOperationException]::new("Service '$($Parameters.Name)' cannot be created because a service with the same name already exists.")
    }
    $service = New-ShimServiceRecord -Name $Parameters.Name -BinaryPath $Parameters.BinaryPathName
    if ($Parameters.Contains('DisplayName')) { $service.displayName = $Parameters.DisplayName }
    if ($Parameters.Contains('Description')) { $service.description = $Parameters.Description }
    if ($Parameters.Contains('StartupType')) {
        $service.startMode = Get-ShimStartMode -StartupType ([string]$Parameters.StartupType)
        $service.delayedAutoStart = ([string]$Parameters.StartupType) -eq 'AutomaticDelayedStart'
    }
    if ($Parameters.Contains('DependsOn')) { $service.dependOnService = @($Parameters.DependsOn) }
    if ($Parameters.Contains('Credential') -and $null -ne $Parameters.Credential) {
        $service.account = $Parameters.Credential.UserName
        $service.passwordSha256 = Get-ShimPasswordFingerprint -Password $Parameters.Credential.GetNetworkCredential().Password
    }
    $state.services[$service.name] = $service
    Save-ShimState -State $state
    ConvertTo-ShimServiceObject -Service $service
}

function Invoke-ShimRecordSetService {
    param($Parameters)
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $Parameters.Name
    if (-not $key) {
        throw [System.InvalidOperationException]::new("Service '$($Parameters.Name)' was not found on computer '.'.")
    }
    $service = $state.services[$key]
    if ($Parameters.Contains('DisplayName')) { $service.displayName = $Parameters.DisplayName }
    if ($Parameters.Contains('Description')) { $service.description = $Parameters.Description }
    if ($Parameters.Contains('StartupType')) {
        $service.startMode = Get-ShimStartMode -StartupType ([string]$Parameters.StartupType)
        $service.delayedAutoStart = ([string]$Parameters.StartupType) -eq 'AutomaticDelayedStart'
    }
    if ($Parameters.Contains('Status')) {
        if ($Parameters.Status -eq 'Running' -and $service.state -ne 'Running') { Start-ShimService -State $state -Key $key }
        if ($Parameters.Status -eq 'Stopped' -and $service.state -ne 'Stopped') { Stop-ShimService -State $state -Key $key }
    }
    Save-ShimState -State $state
    if ($Parameters.Contains('PassThru') -and $Parameters.PassThru) { ConvertTo-ShimServiceObject -Service $service }
}

function Invoke-ShimRecordGetService {
    param($Parameters)
    $state = Read-ShimState
    $names = @($state.services.Keys)
    if ($Parameters.Contains('Name')) {
        foreach ($wanted in @($Parameters.Name)) {
            $matched = @($names | Where-Object { $_ -like $wanted })
            if ($matched.Count -eq 0) {
                Write-Error -Message "Cannot find any service with service name '$wanted'." -Category ObjectNotFound -ErrorId 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand'
            }
            foreach ($name in $matched) { ConvertTo-ShimServiceObject -Service $state.services[$name] }
        }
        return
    }
    foreach ($name in $names) { ConvertTo-ShimServiceObject -Service $state.services[$name] }
}

function Invoke-ShimRecordStartService {
    param($Parameters)
    $state = Read-ShimState
    foreach ($name in @($Parameters.Name)) {
        $key = Find-ShimServiceName -State $state -Name $name
        if (-not $key) { throw [System.InvalidOperationException]::new("Cannot find any service with service name '$name'.") }
        if ($state.services[$key].state -ne 'Running') { Start-ShimService -State $state -Key $key }
        if ($state.services[$key].state -eq 'Stopped') { throw [System.InvalidOperationException]::new("Failed to start service '$name'.") }
    }
    Save-ShimState -State $state
}

function Invoke-ShimRecordStopService {
    param($Parameters)
    $state = Read-ShimState
    foreach ($name in @($Parameters.Name)) {
        $key = Find-ShimServiceName -State $state -Name $name
        if (-not $key) { throw [System.InvalidOperationException]::new("Cannot find any service with service name '$name'.") }
        Stop-ShimService -State $state -Key $key
    }
    Save-ShimState -State $state
}

function Invoke-ShimRecordGetCimInstance {
    param($Parameters)
    $state = Read-ShimState
    $class = [string]$Parameters.ClassName
    $filter = ''
    if ($Parameters.Contains('Filter')) { $filter = [string]$Parameters.Filter }
    switch ($class) {
        'Win32_Service' {
            $services = @($state.services.Values)
            if ($filter) {
                if ($filter -notmatch "^\s*Name\s*=\s*'((?:[^'\\]|\\.)*)'\s*$") { throw "shim: unsupported Win32_Service filter '$filter'" }
                $wanted = $Matches[1] -replace '\\(.)', '$1'
                $services = @($services | Where-Object { $_.name -ieq $wanted })
            }
            foreach ($service in $services) { ConvertTo-ShimCimService -Service $service }
        }
        'Win32_Process' {
            $processes = @($state.processes)
            if ($filter) {
                if ($filter -notmatch '^\s*ProcessId\s*=\s*(\d+)\s*$') { throw "shim: unsupported Win32_Process filter '$filter'" }
                $wantedId = [int]$Matches[1]
                $processes = @($processes | Where-Object { [int]$_.pid -eq $wantedId })
            }
            foreach ($process in $processes) {
                [pscustomobject]@{ ProcessId = [uint32]$process.pid; ParentProcessId = [uint32]$process.parentPid; Name = $process.name }
            }
        }
        default { throw "shim: Get-CimInstance -ClassName '$class' is not supported" }
    }
}

function Invoke-ShimRecordInvokeCimMethod {
    param($Parameters)
    if ($Parameters.MethodName -ne 'Change') { throw "shim: Invoke-CimMethod -MethodName '$($Parameters.MethodName)' is not supported" }
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name ([string]$Parameters.InputObject.Name)
    if (-not $key) { return [pscustomobject]@{ ReturnValue = [uint32]5 } }
    $service = $state.services[$key]
    $arguments = $Parameters.Arguments
    if ($arguments.Contains('PathName')) { $service.binaryPath = [string]$arguments.PathName }
    if ($arguments.Contains('DisplayName')) { $service.displayName = [string]$arguments.DisplayName }
    if ($arguments.Contains('StartMode')) { $service.startMode = [string]$arguments.StartMode -replace '^Automatic$', 'Auto' }
    if ($arguments.Contains('ServiceDependencies')) { $service.dependOnService = @($arguments.ServiceDependencies) }
    if ($arguments.Contains('StartName')) {
        $startName = [string]$arguments.StartName
        $needsPassword = Test-ShimAccountNeedsPassword -Account $startName
        if ($needsPassword -and -not $arguments.Contains('StartPassword')) { return [pscustomobject]@{ ReturnValue = [uint32]22 } }
        # ChangeServiceConfigW: for a virtual account or a managed service account lpPassword
        # "must be NULL"; '' is not NULL. The error Windows then returns is not documented:
        # the shim answers 21 (Win32_Service.Change: Invalid Parameter) so a '' is caught.
        if ($startName -imatch '^(NT SERVICE\\.+|.+\$)$' -and $arguments.Contains('StartPassword')) { return [pscustomobject]@{ ReturnValue = [uint32]21 } }
        $service.account = $startName
        if ($arguments.Contains('StartPassword')) { $service.passwordSha256 = Get-ShimPasswordFingerprint -Password ([string]$arguments.StartPassword) }
    }
    Save-ShimState -State $state
    [pscustomobject]@{ ReturnValue = [uint32]0 }
}

function Get-ShimPasswordFingerprint {
    # What the SCM was given as a service account's password, as SHA-256 hex: tests compare
    # it with what they supplied, and the state file never holds the password itself.
    param([string]$Password)
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        -join ($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Password)) | ForEach-Object -Process { $_.ToString('x2') })
    }
    finally {
        $sha.Dispose()
    }
}

function Get-ShimRegistryServiceName {
    # 'HKLM:\SYSTEM\CurrentControlSet\Services\<name>' -> <name>; throws for other paths.
    param([string]$Path)
    if ($Path -notmatch '^HKLM:\\SYSTEM\\CurrentControlSet\\Services\\') {
        throw "shim: only HKLM:\SYSTEM\CurrentControlSet\Services\<name> is supported, got '$Path'"
    }
    $Path -replace '^HKLM:\\SYSTEM\\CurrentControlSet\\Services\\', ''
}

function Write-ShimRegistryKeyMissing {
    param([string]$Path)
    Write-Error -Message "Cannot find path '$Path' because it does not exist." -Category ObjectNotFound -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand'
}

function Add-ShimRecordOnlyRegistryValues {
    # The values the SCM writes for settings kept in the shim state (record mode: all of
    # them; wine mode: those Wine 8 cannot hold, see README.md).
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$Values, [Parameter(Mandatory)] $Service)
    if ($Service.delayedAutoStart) { $Values.DelayedAutostart = 1 }
    if ($null -ne $Service.failureActions) { $Values.FailureActions = [byte[]](ConvertTo-ShimFailureActionsBytes -FailureActions $Service.failureActions) }
    if ([int]$Service.failureFlag -ne 0) { $Values.FailureActionsOnNonCrashFailures = [int]$Service.failureFlag }
    if ([int]$Service.sidType -ne 0) { $Values.ServiceSidType = [int]$Service.sidType }
    # Values the module wrote itself with New-ItemProperty (svcforge's SvcForge mark).
    if ($Service.Contains('extraValues') -and $null -ne $Service.extraValues) {
        foreach ($valueName in @($Service.extraValues.Keys)) { $Values[$valueName] = $Service.extraValues[$valueName] }
    }
}

function Select-ShimRegistryValues {
    # What Get-ItemProperty returns for a Services key: all values or the -Name ones, plus PSPath.
    param([Parameter(Mandatory)] [System.Collections.IDictionary]$Values, $Parameters, [string]$Key, [string]$Path)
    if ($Parameters.Contains('Name') -and $Parameters.Name) {
        $selected = [ordered]@{}
        foreach ($valueName in @($Parameters.Name)) {
            if (-not $Values.Contains($valueName)) {
                Write-Error -Message "Property $valueName does not exist at path $Path." -Category InvalidArgument -ErrorId 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand'
                continue
            }
            $selected[$valueName] = $Values[$valueName]
        }
        $Values = $selected
    }
    $Values.PSPath = "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\$Key"
    [pscustomobject]$Values
}

function Invoke-ShimRecordGetItemProperty {
    param($Parameters)
    $path = [string]$Parameters.Path
    if (Test-ShimNssmRegistryPath -Path $path) {
        return Get-ShimNssmRegistryValues -Parameters $Parameters
    }
    $name = Get-ShimRegistryServiceName -Path $path
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $name
    if (-not $key -or $name -match '\\') {
        Write-ShimRegistryKeyMissing -Path $path
        return
    }
    $service = $state.services[$key]
    $values = [ordered]@{
        Type         = 16
        Start        = switch ($service.startMode) { 'Auto' { 2 } 'Manual' { 3 } 'Disabled' { 4 } default { 3 } }
        ErrorControl = 1
        ImagePath    = $service.binaryPath
        DisplayName  = $service.displayName
        ObjectName   = $service.account
    }
    if ($service.description) { $values.Description = $service.description }
    if (@($service.dependOnService).Count -gt 0) { $values.DependOnService = [string[]]@($service.dependOnService) }
    Add-ShimRecordOnlyRegistryValues -Values $values -Service $service
    Select-ShimRegistryValues -Values $values -Parameters $Parameters -Key $key -Path $path
}

function Invoke-ShimRecordNewItemProperty {
    # New-ItemProperty -LiteralPath HKLM:\SYSTEM\CurrentControlSet\Services\<name> -Name -PropertyType String -Value -Force:
    # kept with the service (sc.exe delete drops it, as Windows deletes the whole key).
    # Wine mode uses this handler too: the value lives in the service's state.json record.
    param($Parameters)
    $path = [string]$Parameters.Path
    $name = Get-ShimRegistryServiceName -Path $path
    if ([string]$Parameters.PropertyType -ne 'String') { throw "shim: New-ItemProperty -PropertyType '$($Parameters.PropertyType)' is not simulated (only String)" }
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $name
    if ((Get-ShimMode) -eq 'wine' -and $name -notmatch '\\' -and $null -ne (Get-ShimWineQuery -Name $name)) {
        $null = Get-ShimWineRecord -State $state -Name $name
        $key = Find-ShimServiceName -State $state -Name $name
    }
    if (-not $key -or $name -match '\\') {
        throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$path' because it does not exist.")
    }
    $service = $state.services[$key]
    if (-not $service.Contains('extraValues') -or $null -eq $service.extraValues) { $service.extraValues = [ordered]@{} }
    $valueName = [string]$Parameters.Name
    if ($service.extraValues.Contains($valueName) -and -not $Parameters.Force) {
        throw [System.IO.IOException]::new('The property already exists.')
    }
    $service.extraValues[$valueName] = [string]$Parameters.Value
    Save-ShimState -State $state
    [pscustomobject]@{ $valueName = [string]$Parameters.Value; PSPath = "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\$key" }
}

function Invoke-ShimRecordGetAcl {
    param($Parameters)
    $path = [string]$Parameters.Path
    if (-not (Test-Path -LiteralPath (Resolve-ShimWindowsPath -Path $path))) {
        Write-Error -Message "Cannot find path '$path' because it does not exist." -Category ObjectNotFound -ErrorId 'GetAcl_PathNotFound_Exception,Microsoft.PowerShell.Commands.GetAclCommand'
        return
    }
    $state = Read-ShimState
    $acl = Get-ShimAclEntry -State $state -Path $path
    $rules = foreach ($entry in @($acl.entries)) {
        [pscustomobject]@{
            FileSystemRights  = [System.Enum]::ToObject([System.Security.AccessControl.FileSystemRights], [int]$entry.rights)
            AccessControlType = [System.Security.AccessControl.AccessControlType]$entry.type
            # Like Windows, a SID is shown as a name when it resolves at read time (a
            # virtual account once its service exists).
            IdentityReference = [string](Resolve-ShimIdentity -State $state -Identity ($(if ([string]$entry.identity -match '^S-1-') { '*' + $entry.identity } else { [string]$entry.identity })))
            IsInherited       = [bool]$entry.inherited
            InheritanceFlags  = [System.Security.AccessControl.InheritanceFlags][int]$entry.inheritanceFlags
            PropagationFlags  = [System.Security.AccessControl.PropagationFlags][int]$entry.propagationFlags
        }
    }
    $owner = [string](Resolve-ShimIdentity -State $state -Identity ($(if ([string]$acl.owner -match '^S-1-') { '*' + $acl.owner } else { [string]$acl.owner })))
    $result = [pscustomobject]@{
        Path                    = $path
        Owner                   = $owner
        AreAccessRulesProtected = [bool]$acl.protected
        Access                  = @($rules)
        Sddl                    = ConvertTo-ShimSddl -Acl $acl
        PendingSddl             = $null
    }
    # What the module uses of FileSystemSecurity to give a folder its kept descriptor back:
    # only the DACL section (Access) is taken over by Set-Acl here.
    $result | Add-Member -MemberType ScriptMethod -Name SetSecurityDescriptorSddlForm -Value {
        param([string]$Sddl, $Sections)
        if ([string]$Sections -ne 'Access') { throw "shim: SetSecurityDescriptorSddlForm supports the Access section only, not '$Sections'" }
        $this.PendingSddl = $Sddl
    }
    $result
}

function Invoke-ShimRecordSetAcl {
    # Set-Acl with an object from the shim's Get-Acl on which SetSecurityDescriptorSddlForm
    # (Access) was called: the DACL of that SDDL replaces the stored one; the owner stays.
    param($Parameters)
    $aclObject = $Parameters.AclObject
    $path = [string]$Parameters.LiteralPath
    if (-not $path) { $path = [string]$Parameters.Path }
    if (-not $aclObject.PSObject.Properties['PendingSddl'] -or -not $aclObject.PendingSddl) {
        throw 'shim: Set-Acl takes only an object from Get-Acl changed with SetSecurityDescriptorSddlForm(<sddl>, Access); SvcForge changes ACLs otherwise with icacls.exe'
    }
    if (-not (Test-Path -LiteralPath (Resolve-ShimWindowsPath -Path $path))) {
        throw "Cannot find path '$path' because it does not exist."
    }
    $state = Read-ShimState
    $current = Get-ShimAclEntry -State $state -Path $path
    $dacl = ConvertFrom-ShimSddl -State $state -Sddl ([string]$aclObject.PendingSddl)
    $state.acls[(Get-ShimPathKey -Path $path)] = [ordered]@{ path = $path; protected = $dacl.protected; owner = $current.owner; entries = @($dacl.entries) }
    Save-ShimState -State $state
}

function ConvertTo-ShimRuleObject {
    param($Rule)
    $obj = [pscustomobject]@{
        Name        = $Rule.name
        DisplayName = $Rule.displayName
        Group       = $Rule.group
        Enabled     = $Rule.enabled
        Direction   = $Rule.direction
        Action      = $Rule.action
        Profile     = (@($Rule.profile) -join ', ')
    }
    $obj.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/standardcimv2/MSFT_NetFirewallRule')
    $obj
}

function ConvertTo-ShimFirewallAddress {
    # How Windows reports remote addresses: keywords in their canonical case, IPv4 CIDR as
    # address/mask, /32 as a bare address.
    param([string]$Address)
    $keywords = @('Any', 'LocalSubnet', 'DNS', 'DHCP', 'WINS', 'DefaultGateway', 'Internet', 'Intranet', 'IntranetRemoteAccess', 'PlayToDevice')
    foreach ($keyword in $keywords) { if ($Address -ieq $keyword) { return $keyword } }
    if ($Address -match '^(\d+\.\d+\.\d+\.\d+)/(\d+)$') {
        $prefix = [int]$Matches[2]
        if ($prefix -eq 32) { return $Matches[1] }
        $mask = [uint32]([uint64]4294967295 -shl (32 - $prefix) -band [uint64]4294967295)
        $bytes = [System.BitConverter]::GetBytes($mask)
        [array]::Reverse($bytes)
        return $Matches[1] + '/' + ([System.Net.IPAddress]::new($bytes)).ToString()
    }
    $Address
}

function Invoke-ShimRecordNewNetFirewallRule {
    param($Parameters)
    $state = Read-ShimState
    $name = [string]$Parameters.Name
    if (-not $name) { $name = [guid]::NewGuid().ToString('B') }
    if ($state.firewallRules.Contains($name)) {
        throw [System.InvalidOperationException]::new("Cannot create a file when that file already exists. (rule '$name')")
    }
    $rule = [ordered]@{
        name          = $name
        displayName   = [string]$Parameters.DisplayName
        group         = [string]$Parameters.Group
        enabled       = if ($Parameters.Contains('Enabled')) { [string]$Parameters.Enabled } else { 'True' }
        direction     = if ($Parameters.Contains('Direction')) { [string]$Parameters.Direction } else { 'Inbound' }
        action        = if ($Parameters.Contains('Action')) { [string]$Parameters.Action } else { 'Allow' }
        profile       = if ($Parameters.Contains('Profile')) { @($Parameters.Profile | ForEach-Object { [string]$_ }) } else { @('Any') }
        protocol      = if ($Parameters.Contains('Protocol')) { ([string]$Parameters.Protocol).ToUpperInvariant() } else { 'Any' }
        localPort     = if ($Parameters.Contains('LocalPort')) { @($Parameters.LocalPort | ForEach-Object { [string]$_ }) } else { @('Any') }
        program       = if ($Parameters.Contains('Program')) { [string]$Parameters.Program } else { 'Any' }
        remoteAddress = if ($Parameters.Contains('RemoteAddress')) { @($Parameters.RemoteAddress | ForEach-Object { ConvertTo-ShimFirewallAddress -Address ([string]$_) }) } else { @('Any') }
    }
    $state.firewallRules[$name] = $rule
    Save-ShimState -State $state
    ConvertTo-ShimRuleObject -Rule $rule
}

function Invoke-ShimRecordGetNetFirewallRule {
    param($Parameters)
    $state = Read-ShimState
    $rules = @($state.firewallRules.Values)
    if ($Parameters.Contains('Name')) {
        foreach ($wanted in @($Parameters.Name)) {
            $matched = @($rules | Where-Object { $_.name -like $wanted })
            if ($matched.Count -eq 0) {
                Write-Error -Message "No MSFT_NetFirewallRule objects found with property 'InstanceID' equal to '$wanted'.  Verify the value of the property and retry." -Category ObjectNotFound -ErrorId 'CmdletizationQuery_NotFound_InstanceID,Get-NetFirewallRule'
            }
            foreach ($rule in $matched) { ConvertTo-ShimRuleObject -Rule $rule }
        }
        return
    }
    if ($Parameters.Contains('Group')) {
        foreach ($wanted in @($Parameters.Group)) {
            $matched = @($rules | Where-Object { $_.group -like $wanted })
            if ($matched.Count -eq 0) {
                Write-Error -Message "No MSFT_NetFirewallRule objects found with property 'RuleGroup' equal to '$wanted'.  Verify the value of the property and retry." -Category ObjectNotFound -ErrorId 'CmdletizationQuery_NotFound_RuleGroup,Get-NetFirewallRule'
            }
            foreach ($rule in $matched) { ConvertTo-ShimRuleObject -Rule $rule }
        }
        return
    }
    foreach ($rule in $rules) { ConvertTo-ShimRuleObject -Rule $rule }
}

function Invoke-ShimRecordSetNetFirewallRule {
    param($Parameters)
    $state = Read-ShimState
    $name = [string]$Parameters.Name
    if (-not $state.firewallRules.Contains($name)) {
        throw [System.InvalidOperationException]::new("No MSFT_NetFirewallRule objects found with property 'InstanceID' equal to '$name'.")
    }
    $rule = $state.firewallRules[$name]
    if ($Parameters.Contains('NewDisplayName')) { $rule.displayName = [string]$Parameters.NewDisplayName }
    if ($Parameters.Contains('Enabled')) { $rule.enabled = [string]$Parameters.Enabled }
    if ($Parameters.Contains('Direction')) { $rule.direction = [string]$Parameters.Direction }
    if ($Parameters.Contains('Action')) { $rule.action = [string]$Parameters.Action }
    if ($Parameters.Contains('Profile')) { $rule.profile = @($Parameters.Profile | ForEach-Object { [string]$_ }) }
    if ($Parameters.Contains('Protocol')) { $rule.protocol = ([string]$Parameters.Protocol).ToUpperInvariant() }
    if ($Parameters.Contains('LocalPort')) { $rule.localPort = @($Parameters.LocalPort | ForEach-Object { [string]$_ }) }
    if ($Parameters.Contains('Program')) { $rule.program = [string]$Parameters.Program }
    if ($Parameters.Contains('RemoteAddress')) { $rule.remoteAddress = @($Parameters.RemoteAddress | ForEach-Object { ConvertTo-ShimFirewallAddress -Address ([string]$_) }) }
    Save-ShimState -State $state
}

function Invoke-ShimRecordRemoveNetFirewallRule {
    param($Parameters)
    $state = Read-ShimState
    $names = @()
    if ($Parameters.Contains('Name')) { $names = @($Parameters.Name) }
    if ($Parameters.Contains('Group')) { $names += @($state.firewallRules.Values | Where-Object { $_.group -eq $Parameters.Group } | ForEach-Object { $_.name }) }
    foreach ($name in $names) {
        if (-not $state.firewallRules.Contains($name)) {
            throw [System.InvalidOperationException]::new("No MSFT_NetFirewallRule objects found with property 'InstanceID' equal to '$name'.")
        }
        $state.firewallRules.Remove($name)
    }
    Save-ShimState -State $state
}

function Get-ShimAssociatedRule {
    param($Parameters)
    $state = Read-ShimState
    $name = [string]$Parameters.AssociatedNetFirewallRule.Name
    if (-not $state.firewallRules.Contains($name)) { throw "shim: firewall rule '$name' does not exist" }
    $state.firewallRules[$name]
}

function Invoke-ShimRecordGetNetFirewallPortFilter {
    param($Parameters)
    $rule = Get-ShimAssociatedRule -Parameters $Parameters
    [pscustomobject]@{ Protocol = $rule.protocol; LocalPort = [string[]]@($rule.localPort); RemotePort = [string[]]@('Any') }
}

function Invoke-ShimRecordGetNetFirewallApplicationFilter {
    param($Parameters)
    $rule = Get-ShimAssociatedRule -Parameters $Parameters
    [pscustomobject]@{ Program = $rule.program; Package = $null }
}

function Invoke-ShimRecordGetNetFirewallAddressFilter {
    param($Parameters)
    $rule = Get-ShimAssociatedRule -Parameters $Parameters
    [pscustomobject]@{ RemoteAddress = [string[]]@($rule.remoteAddress); LocalAddress = [string[]]@('Any') }
}

function Get-ShimListeners {
    param($Parameters, [string]$Protocol)
    $state = Read-ShimState
    $listeners = @($state.listeners | Where-Object { $_.protocol -eq $Protocol })
    if ($Parameters.Contains('LocalPort')) { $listeners = @($listeners | Where-Object { @($Parameters.LocalPort) -contains [int]$_.port }) }
    if ($Parameters.Contains('OwningProcess')) { $listeners = @($listeners | Where-Object { @($Parameters.OwningProcess) -contains [int]$_.pid }) }
    $listeners
}

function Invoke-ShimRecordGetNetTCPConnection {
    param($Parameters)
    if ($Parameters.Contains('State') -and @($Parameters.State) -notcontains 'Listen') {
        $listeners = @()
    }
    else {
        $listeners = @(Get-ShimListeners -Parameters $Parameters -Protocol 'TCP')
    }
    if ($listeners.Count -eq 0) {
        Write-Error -Message 'No matching MSFT_NetTCPConnection objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetTCPConnection class on the  CIM server: SELECT * FROM MSFT_NetTCPConnection. Verify query parameters and retry.' -Category ObjectNotFound -ErrorId 'CmdletizationQuery_NotFound,Get-NetTCPConnection'
        return
    }
    foreach ($listener in $listeners) {
        [pscustomobject]@{ LocalAddress = $listener.address; LocalPort = [uint16]$listener.port; State = 'Listen'; OwningProcess = [uint32]$listener.pid }
    }
}

function Invoke-ShimRecordGetNetUDPEndpoint {
    param($Parameters)
    $listeners = @(Get-ShimListeners -Parameters $Parameters -Protocol 'UDP')
    if ($listeners.Count -eq 0) {
        Write-Error -Message 'No matching MSFT_NetUDPEndpoint objects found.' -Category ObjectNotFound -ErrorId 'CmdletizationQuery_NotFound,Get-NetUDPEndpoint'
        return
    }
    foreach ($listener in $listeners) {
        [pscustomobject]@{ LocalAddress = $listener.address; LocalPort = [uint16]$listener.port; OwningProcess = [uint32]$listener.pid }
    }
}

# ------------------------------------------------------ global stand-ins (real parameter names)

function Invoke-ShimRecordLsaEnumerateAccountRights {
    param($Parameters)
    $state = Read-ShimState
    $key = Get-ShimAccountRightKey -Account ([string]$Parameters.Account)
    # Written one by one, as a pipeline does; none for an account the policy does not name.
    if ($state.accountRights.Contains($key)) { foreach ($right in @($state.accountRights[$key])) { [string]$right } }
}

function Invoke-ShimRecordLsaAddAccountRights {
    param($Parameters)
    $state = Read-ShimState
    $key = Get-ShimAccountRightKey -Account ([string]$Parameters.Account)
    $rights = @()
    if ($state.accountRights.Contains($key)) { $rights = @($state.accountRights[$key]) }
    if ($rights -notcontains [string]$Parameters.Right) { $rights += [string]$Parameters.Right }
    $state.accountRights[$key] = [string[]]$rights
    Save-ShimState -State $state
}

function global:Get-SvcForgeShimAccountRight {
    # Stands in for LsaEnumerateAccountRights (the module's Invoke-SvcForgeLsaRight asks it
    # when SVCFORGE_SHIM is set): the rights of state.accountRights, by account name.
    param([Parameter(Mandatory)] [string]$Account)
    Invoke-ShimCommand -Command 'LsaEnumerateAccountRights' -Parameters ([ordered]@{ Account = $Account })
}

function global:Add-SvcForgeShimAccountRight {
    # Stands in for LsaAddAccountRights.
    param([Parameter(Mandatory)] [string]$Account, [Parameter(Mandatory)] [string]$Right)
    Invoke-ShimCommand -Command 'LsaAddAccountRights' -Parameters ([ordered]@{ Account = $Account; Right = $Right })
}

function Set-SvcForgeShimAccountRight {
    <# .SYNOPSIS Seeds the account rights the local security policy gives an account (replaces them). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string]$Account, [AllowEmptyCollection()] [string[]]$Right = @())
    $state = Read-ShimState
    $state.accountRights[(Get-ShimAccountRightKey -Account $Account)] = [string[]]@($Right)
    Save-ShimState -State $state
}

function Invoke-ShimNativeScript {
    # Runs native/<Name>.ps1 in this process, as the executable's stand-in: its output lines
    # are this call's output and its `exit N` sets $LASTEXITCODE, as a process would. One
    # pwsh start per sc.exe/icacls.exe/nssm.exe call made the record-mode suites slow (issue 13).
    param([Parameter(Mandatory)] [string]$Name, [string[]]$Arguments = @())
    # Seen by the script (it runs in a scope below this one): write lines, not console bytes.
    $ShimNativeInProcess = $true
    $global:LASTEXITCODE = 0
    & (Join-Path $script:ShimRoot 'native' "$Name.ps1") @Arguments
}

function Test-ShimNssmStandIn {
    # True when the file is the sh wrapper Install-SvcForgeShimNssm writes.
    param([Parameter(Mandatory)] [string]$Path)
    if (-not [System.IO.File]::Exists($Path)) { return $false }
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $bytes = [byte[]]::new(160)
        $head = [System.Text.Encoding]::UTF8.GetString($bytes, 0, $stream.Read($bytes, 0, $bytes.Length))
    }
    finally {
        $stream.Dispose()
    }
    $head.StartsWith('#!/bin/sh') -and $head.Contains("stands in for NSSM 2.24's nssm.exe")
}

# Named like the executables: PowerShell resolves a function before an application on PATH,
# so the module's `& 'sc.exe' ...` lands here (bin/sc.exe stays for callers outside pwsh).
function global:sc.exe { Invoke-ShimNativeScript -Name 'sc' -Arguments ([string[]]$args) }
function global:icacls.exe { Invoke-ShimNativeScript -Name 'icacls' -Arguments ([string[]]$args) }

function global:Test-SvcForgeShimElevation {
    $state = Read-ShimState
    [bool]$state.elevated
}

function global:New-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)] [string]$Name,
        [Parameter(Mandatory, Position = 1)] [string]$BinaryPathName,
        [string]$DisplayName,
        [string]$Description,
        [ValidateSet('Automatic', 'Manual', 'Disabled', 'AutomaticDelayedStart', 'Boot', 'System')] [string]$StartupType,
        [pscredential]$Credential,
        [string[]]$DependsOn,
        [string]$SecurityDescriptorSddl
    )
    if ($PSCmdlet.ShouldProcess($Name, 'New-Service')) {
        Invoke-ShimCommand -Command 'New-Service' -Parameters $PSBoundParameters
    }
}

function global:Set-Service {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Name')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Name', ValueFromPipelineByPropertyName)] [Alias('ServiceName', 'SN')] [string]$Name,
        [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline)] [object]$InputObject,
        [string]$DisplayName,
        [string]$Description,
        [ValidateSet('Automatic', 'Manual', 'Disabled', 'AutomaticDelayedStart', 'Boot', 'System')] [string]$StartupType,
        [ValidateSet('Running', 'Stopped', 'Paused')] [string]$Status,
        [switch]$PassThru
    )
    process {
        if ($PSCmdlet.ParameterSetName -eq 'InputObject') {
            $PSBoundParameters['Name'] = [string]$InputObject.Name
            $null = $PSBoundParameters.Remove('InputObject')
        }
        if ($PSCmdlet.ShouldProcess($PSBoundParameters['Name'], 'Set-Service')) {
            Invoke-ShimCommand -Command 'Set-Service' -Parameters $PSBoundParameters
        }
    }
}

function global:Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)] [Alias('ServiceName')] [string[]]$Name)
    Invoke-ShimCommand -Command 'Get-Service' -Parameters $PSBoundParameters
}

function global:Start-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)] [Alias('ServiceName')] [string[]]$Name, [switch]$PassThru)
    if ($PSCmdlet.ShouldProcess(($Name -join ', '), 'Start-Service')) {
        Invoke-ShimCommand -Command 'Start-Service' -Parameters $PSBoundParameters
    }
}

function global:Stop-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)] [Alias('ServiceName')] [string[]]$Name, [switch]$Force, [switch]$NoWait, [switch]$PassThru)
    if ($PSCmdlet.ShouldProcess(($Name -join ', '), 'Stop-Service')) {
        Invoke-ShimCommand -Command 'Stop-Service' -Parameters $PSBoundParameters
    }
}

function global:Get-CimInstance {
    [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ClassNameComputerSet')] [string]$ClassName,
        [Parameter(ParameterSetName = 'ClassNameComputerSet')] [string]$Filter,
        [string]$Namespace,
        [string[]]$Property
    )
    Invoke-ShimCommand -Command 'Get-CimInstance' -Parameters $PSBoundParameters
}

function global:Invoke-CimMethod {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'CimInstanceComputerSet')]
    param(
        [Parameter(Mandatory, ParameterSetName = 'CimInstanceComputerSet', ValueFromPipeline)] [object]$InputObject,
        [Parameter(Mandatory, Position = 1)] [string]$MethodName,
        [Parameter(Position = 2)] [System.Collections.IDictionary]$Arguments = @{}
    )
    if ($PSCmdlet.ShouldProcess([string]$InputObject.Name, $MethodName)) {
        Invoke-ShimCommand -Command 'Invoke-CimMethod' -Parameters $PSBoundParameters
    }
}

function global:Get-ItemProperty {
    # Registry reads of HKLM:\SYSTEM\CurrentControlSet\Services\<name> are answered from
    # the shim state; every other path goes to the real cmdlet.
    [CmdletBinding(DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Path', ValueFromPipelineByPropertyName)] [string[]]$Path,
        [Parameter(Mandatory, ParameterSetName = 'LiteralPath', ValueFromPipelineByPropertyName)] [Alias('PSPath')] [string[]]$LiteralPath,
        [Parameter(Position = 1)] [string[]]$Name,
        [string]$Filter,
        [string[]]$Include,
        [string[]]$Exclude
    )
    process {
        $paths = if ($PSCmdlet.ParameterSetName -eq 'Path') { $Path } else { $LiteralPath }
        foreach ($item in $paths) {
            if ($item -match '^HKLM:\\') {
                $call = @{ Path = $item }
                if ($PSBoundParameters.ContainsKey('Name')) { $call.Name = $Name }
                Invoke-ShimCommand -Command 'Get-ItemProperty' -Parameters $call
            }
            else {
                $forward = @{} + $PSBoundParameters
                Microsoft.PowerShell.Management\Get-ItemProperty @forward
                break
            }
        }
    }
}

function global:New-ItemProperty {
    # Registry writes under HKLM:\SYSTEM\CurrentControlSet\Services\<name> go to the shim
    # state; every other path goes to the real cmdlet.
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Path')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Path')] [string[]]$Path,
        [Parameter(Mandatory, ParameterSetName = 'LiteralPath')] [Alias('PSPath')] [string[]]$LiteralPath,
        [Parameter(Mandatory, Position = 1)] [string]$Name,
        [Alias('Type')] [string]$PropertyType,
        [Parameter(Position = 2)] [object]$Value,
        [switch]$Force
    )
    $paths = if ($PSCmdlet.ParameterSetName -eq 'Path') { $Path } else { $LiteralPath }
    foreach ($item in $paths) {
        if ($item -notmatch '^HKLM:\\') {
            $forward = @{} + $PSBoundParameters
            Microsoft.PowerShell.Management\New-ItemProperty @forward
            return
        }
        if ($PSCmdlet.ShouldProcess($item, 'New-ItemProperty')) {
            Invoke-ShimCommand -Command 'New-ItemProperty' -Parameters ([ordered]@{ Path = $item; Name = $Name; PropertyType = $PropertyType; Value = $Value; Force = [bool]$Force })
        }
    }
}

function global:Get-Acl {
    [CmdletBinding(DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(Position = 0, ParameterSetName = 'ByPath')] [string[]]$Path,
        [Parameter(ParameterSetName = 'ByLiteralPath')] [Alias('PSPath')] [string[]]$LiteralPath
    )
    $paths = if ($PSCmdlet.ParameterSetName -eq 'ByPath') { $Path } else { $LiteralPath }
    foreach ($item in $paths) {
        Invoke-ShimCommand -Command 'Get-Acl' -Parameters @{ Path = $item }
    }
}

function global:Set-Acl {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Position = 0)] [string[]]$Path,
        [string[]]$LiteralPath,
        [Parameter(Mandatory, Position = 1)] [object]$AclObject
    )
    Invoke-ShimCommand -Command 'Set-Acl' -Parameters $PSBoundParameters
}

function global:New-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [string]$Name,
        [Parameter(Mandatory)] [string]$DisplayName,
        [string]$Description,
        [string]$Group,
        [ValidateSet('True', 'False')] [string]$Enabled,
        [ValidateSet('Domain', 'Private', 'Public', 'Any', 'NotApplicable')] [string[]]$Profile,
        [ValidateSet('Inbound', 'Outbound')] [string]$Direction,
        [ValidateSet('Allow', 'Block', 'NotConfigured')] [string]$Action,
        [string]$Protocol,
        [string[]]$LocalPort,
        [string[]]$RemotePort,
        [string[]]$LocalAddress,
        [string[]]$RemoteAddress,
        [string]$Program,
        [string]$Service
    )
    if ($PSCmdlet.ShouldProcess($Name, 'New-NetFirewallRule')) {
        Invoke-ShimCommand -Command 'New-NetFirewallRule' -Parameters $PSBoundParameters
    }
}

function global:Get-NetFirewallRule {
    [CmdletBinding(DefaultParameterSetName = 'All')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Name')] [Alias('ID')] [string[]]$Name,
        [Parameter(Mandatory, ParameterSetName = 'Group')] [string[]]$Group,
        [Parameter(ParameterSetName = 'All')] [switch]$All
    )
    Invoke-ShimCommand -Command 'Get-NetFirewallRule' -Parameters $PSBoundParameters
}

function global:Set-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, Position = 0)] [Alias('ID')] [string[]]$Name,
        [string]$NewDisplayName,
        [string]$Description,
        [ValidateSet('True', 'False')] [string]$Enabled,
        [ValidateSet('Domain', 'Private', 'Public', 'Any', 'NotApplicable')] [string[]]$Profile,
        [ValidateSet('Inbound', 'Outbound')] [string]$Direction,
        [ValidateSet('Allow', 'Block', 'NotConfigured')] [string]$Action,
        [string]$Protocol,
        [string[]]$LocalPort,
        [string[]]$RemotePort,
        [string[]]$LocalAddress,
        [string[]]$RemoteAddress,
        [string]$Program
    )
    if ($PSCmdlet.ShouldProcess(($Name -join ', '), 'Set-NetFirewallRule')) {
        foreach ($item in $Name) {
            $call = @{} + $PSBoundParameters
            $call.Name = $item
            Invoke-ShimCommand -Command 'Set-NetFirewallRule' -Parameters $call
        }
    }
}

function global:Remove-NetFirewallRule {
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Name')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'Name')] [Alias('ID')] [string[]]$Name,
        [Parameter(Mandatory, ParameterSetName = 'Group')] [string]$Group
    )
    if ($PSCmdlet.ShouldProcess("$Name$Group", 'Remove-NetFirewallRule')) {
        Invoke-ShimCommand -Command 'Remove-NetFirewallRule' -Parameters $PSBoundParameters
    }
}

function global:Get-NetFirewallPortFilter {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object]$AssociatedNetFirewallRule)
    process { Invoke-ShimCommand -Command 'Get-NetFirewallPortFilter' -Parameters $PSBoundParameters }
}

function global:Get-NetFirewallApplicationFilter {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object]$AssociatedNetFirewallRule)
    process { Invoke-ShimCommand -Command 'Get-NetFirewallApplicationFilter' -Parameters $PSBoundParameters }
}

function global:Get-NetFirewallAddressFilter {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object]$AssociatedNetFirewallRule)
    process { Invoke-ShimCommand -Command 'Get-NetFirewallAddressFilter' -Parameters $PSBoundParameters }
}

function global:Get-NetTCPConnection {
    [CmdletBinding()]
    param(
        [string[]]$LocalAddress,
        [uint16[]]$LocalPort,
        [ValidateSet('Closed', 'Listen', 'SynSent', 'SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait', 'DeleteTCB', 'Bound')] [string[]]$State,
        [uint32[]]$OwningProcess
    )
    Invoke-ShimCommand -Command 'Get-NetTCPConnection' -Parameters $PSBoundParameters
}

function global:Get-NetUDPEndpoint {
    [CmdletBinding()]
    param([string[]]$LocalAddress, [uint16[]]$LocalPort, [uint32[]]$OwningProcess)
    Invoke-ShimCommand -Command 'Get-NetUDPEndpoint' -Parameters $PSBoundParameters
}

if ($env:SVCFORGE_SHIM -and $env:SVCFORGE_SHIM_STATE) {
    Initialize-SvcForgeShim -Mode $env:SVCFORGE_SHIM -StateDirectory $env:SVCFORGE_SHIM_STATE
}

Export-ModuleMember -Function @(
    'Initialize-SvcForgeShim'
    'Get-SvcForgeShimState'
    'Get-SvcForgeShimJournal'
    'Clear-SvcForgeShimJournal'
    'Add-SvcForgeShimProcess'
    'Add-SvcForgeShimListener'
    'Set-SvcForgeShimServiceBehavior'
    'Set-SvcForgeShimElevated'
    'Set-SvcForgeShimAcl'
    'Set-SvcForgeShimAccountRight'
    'Protect-SvcForgeShimFolder'
    'Install-SvcForgeShimNssm'
    'Get-SvcForgeShimNssmParameters'
)
