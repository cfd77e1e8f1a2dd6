# svcforge test shim: sc.exe stand-in. Record mode applies the verbs SvcForge uses to the
# shim state (config start=/depend=/obj=/DisplayName=, failure, failureflag, sidtype,
# start, stop, control, delete, query) with Windows' exit codes; every call is journaled.
# Output text is informational only: SvcForge never parses it.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.State.ps1')
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.Wine.ps1')
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.Nssm.ps1')

$arguments = [string[]]$args

function Exit-Sc {
    param([int]$Code, [string]$Message)
    if ($Message) {
        Write-Output $Message
    }
    Write-ShimJournal -Command 'sc.exe' -Arguments $arguments -ExitCode $Code
    exit $Code
}

function Get-ScOption {
    # sc.exe options are 'key=' followed by the value as the next argument.
    param([string[]]$Rest)
    $options = [ordered]@{}
    for ($i = 0; $i -lt $Rest.Count; $i++) {
        $token = $Rest[$i]
        if ($token -notmatch '^([A-Za-z]+)=$') {
            Exit-Sc -Code 1639 -Message "[SC] invalid option '$token': options are written 'name= value' (a space after =)"
        }
        if ($i + 1 -ge $Rest.Count) {
            Exit-Sc -Code 1639 -Message "[SC] option '$token' has no value"
        }
        $options[$Matches[1].ToLowerInvariant()] = $Rest[$i + 1]
        $i++
    }
    $options
}

function Invoke-ScRecord {
    if ($arguments.Count -lt 2) {
        Exit-Sc -Code 1639 -Message 'DESCRIPTION: svcforge shim sc.exe. USAGE: sc.exe <verb> <service> [options]'
    }
    $verb = $arguments[0].ToLowerInvariant()
    $name = $arguments[1]
    $rest = @($arguments | Select-Object -Skip 2)
    $state = Read-ShimState
    $key = Find-ShimServiceName -State $state -Name $name
    if (-not $key) {
        Exit-Sc -Code 1060 -Message "[SC] OpenService FAILED 1060:`n`nThe specified service does not exist as an installed service."
    }
    $service = $state.services[$key]
    switch ($verb) {
        'config' {
            $options = Get-ScOption -Rest $rest
            foreach ($option in $options.Keys) {
                $value = $options[$option]
                switch ($option) {
                    'start' {
                        switch ($value.ToLowerInvariant()) {
                            'auto' { $service.startMode = 'Auto'; $service.delayedAutoStart = $false }
                            'delayed-auto' { $service.startMode = 'Auto'; $service.delayedAutoStart = $true }
                            'demand' { $service.startMode = 'Manual'; $service.delayedAutoStart = $false }
                            'disabled' { $service.startMode = 'Disabled'; $service.delayedAutoStart = $false }
                            default { Exit-Sc -Code 87 -Message "[SC] invalid start= value '$value'" }
                        }
                    }
                    'depend' {
                        $service.dependOnService = @($value -split '/' | Where-Object { $_ })
                        foreach ($dependency in $service.dependOnService) {
                            if ($dependency -notin @('Tcpip', 'Afd', 'Dnscache', 'LanmanServer', 'LanmanWorkstation', 'RpcSs', 'EventLog', 'Http') -and -not (Find-ShimServiceName -State $state -Name $dependency)) {
                                Exit-Sc -Code 1075 -Message "[SC] ChangeServiceConfig FAILED 1075:`n`nThe dependency service does not exist or has been marked for deletion."
                            }
                        }
                    }
                    'obj' { $service.account = $value }
                    'displayname' { $service.displayName = $value }
                    'binpath' { $service.binaryPath = $value }
                    'password' { }
                    default { Exit-Sc -Code 87 -Message "[SC] shim: config option '$option=' is not simulated" }
                }
            }
            Save-ShimState -State $state
            Exit-Sc -Code 0 -Message '[SC] ChangeServiceConfig SUCCESS'
        }
        'failure' {
            $options = Get-ScOption -Rest $rest
            if (-not $options.Contains('actions') -or -not $options.Contains('reset')) {
                Exit-Sc -Code 87 -Message '[SC] failure needs both reset= and actions='
            }
            $parts = $options['actions'] -split '/'
            if ($options['actions'] -eq '') { $parts = @() }
            if ($parts.Count % 2 -ne 0) {
                Exit-Sc -Code 87 -Message "[SC] actions= must be type/delay pairs, got '$($options['actions'])'"
            }
            $actions = for ($i = 0; $i -lt $parts.Count; $i += 2) {
                $type = switch ($parts[$i].ToLowerInvariant()) { 'restart' { 1 } 'reboot' { 2 } 'run' { 3 } default { 0 } }
                [ordered]@{ type = $type; delay = [uint32]$parts[$i + 1] }
            }
            $service.failureActions = [ordered]@{ resetPeriod = [uint32]$options['reset']; actions = @($actions) }
            Save-ShimState -State $state
            Exit-Sc -Code 0 -Message '[SC] ChangeServiceConfig2 SUCCESS'
        }
        'failureflag' {
            if ($rest.Count -ne 1 -or $rest[0] -notin @('0', '1')) {
                Exit-Sc -Code 87 -Message '[SC] failureflag needs 0 or 1'
            }
            $service.failureFlag = [int]$rest[0]
            Save-ShimState -State $state
            Exit-Sc -Code 0 -Message '[SC] ChangeServiceConfig2 SUCCESS'
        }
        'sidtype' {
            $map = @{ none = 0; unrestricted = 1; restricted = 3 }
            if ($rest.Count -ne 1 -or -not $map.ContainsKey($rest[0].ToLowerInvariant())) {
                Exit-Sc -Code 87 -Message '[SC] sidtype needs none, unrestricted or restricted'
            }
            $service.sidType = $map[$rest[0].ToLowerInvariant()]
            Save-ShimState -State $state
            Exit-Sc -Code 0 -Message '[SC] ChangeServiceConfig2 SUCCESS'
        }
        'start' {
            if ($service.state -eq 'Running') {
                Exit-Sc -Code 1056 -Message "[SC] StartService FAILED 1056:`n`nAn instance of the service is already running."
            }
            if ($service.startMode -eq 'Disabled') {
                Exit-Sc -Code 1058 -Message "[SC] StartService FAILED 1058:`n`nThe service cannot be started, either because it is disabled or because it has no enabled devices associated with it."
            }
            Start-ShimService -State $state -Key $key
            Save-ShimState -State $state
            if ($service.state -eq 'Stopped' -and [int]$service.exitCode -eq 1069) {
                Exit-Sc -Code 1069 -Message "[SC] StartService FAILED 1069:`n`nThe service did not start due to a logon failure."
            }
            if ($service.state -eq 'Stopped') {
                Exit-Sc -Code 1067 -Message "[SC] StartService FAILED 1067:`n`nThe process terminated unexpectedly."
            }
            Exit-Sc -Code 0 -Message "SERVICE_NAME: $key`n        STATE              : 2  START_PENDING"
        }
        'stop' {
            if ($service.state -eq 'Stopped') {
                Exit-Sc -Code 1062 -Message "[SC] ControlService FAILED 1062:`n`nThe service has not been started."
            }
            Stop-ShimService -State $state -Key $key
            Save-ShimState -State $state
            Exit-Sc -Code 0 -Message "SERVICE_NAME: $key`n        STATE              : 3  STOP_PENDING"
        }
        'control' {
            # A user-defined control (128-255): record mode has no program to act on it.
            $code = 0
            if ($rest.Count -ne 1 -or -not [int]::TryParse($rest[0], [ref]$code) -or $code -lt 128 -or $code -gt 255) {
                Exit-Sc -Code 87 -Message '[SC] control needs one user-defined code, 128-255'
            }
            if ($service.state -ne 'Running') {
                Exit-Sc -Code 1062 -Message "[SC] ControlService FAILED 1062:`n`nThe service has not been started."
            }
            Exit-Sc -Code 0 -Message "SERVICE_NAME: $key`n        STATE              : 4  RUNNING"
        }
        'delete' {
            if ($service.state -ne 'Stopped') {
                Stop-ShimService -State $state -Key $key
            }
            $state.services.Remove($key)
            Save-ShimState -State $state
            Remove-ShimNssmServiceStore -Name $key
            Exit-Sc -Code 0 -Message '[SC] DeleteService SUCCESS'
        }
        'query' {
            Exit-Sc -Code 0 -Message "SERVICE_NAME: $key`n        STATE              : $($service.state)"
        }
        default {
            Exit-Sc -Code 1639 -Message "[SC] shim: verb '$verb' is not simulated"
        }
    }
}

function Invoke-ScWine {
    # Wine mode: the verbs Wine's SCM can do go to it; the exit code is the Win32 error (low
    # 8 bits on Linux, like any process here). Wine's own sc.exe exits 1 for every failure,
    # so start/stop/delete/config go through svcctl.exe (the Win32 API, JSON answers) for the
    # real code; create/query/description are handed to Wine's sc.exe as they are. What Wine 8
    # cannot hold (failure actions in the registry, failureflag, sidtype, delayed-auto) is
    # applied to the shim state by the record code: verified in record mode only.
    if ($arguments.Count -lt 2) {
        Exit-Sc -Code 1639 -Message 'DESCRIPTION: svcforge shim sc.exe (wine mode). USAGE: sc.exe <verb> <service> [options]'
    }
    $verb = $arguments[0].ToLowerInvariant()
    $name = $arguments[1]
    $rest = @($arguments | Select-Object -Skip 2)
    if ($verb -in @('create', 'query', 'description')) {
        Set-ShimWineEnvironment
        $output = (& wine sc.exe @arguments 2>$null) -join "`n"
        Exit-Sc -Code $LASTEXITCODE -Message $output
    }
    $query = Get-ShimWineQuery -Name $name
    if ($null -eq $query) {
        Exit-Sc -Code 1060 -Message "[SC] OpenService FAILED 1060:`n`nThe specified service does not exist as an installed service."
    }
    $ctl = $null
    switch ($verb) {
        'start' { $ctl = @('start', $name, '0') }
        'stop' { $ctl = @('stop', $name, '0') }
        'control' { $ctl = @('control', $name) + $rest }
        'delete' { $ctl = @('delete', $name) }
        'config' {
            $options = Get-ScOption -Rest $rest
            $ctl = @('config', $name)
            $delayed = $null
            foreach ($option in $options.Keys) {
                $value = $options[$option]
                switch ($option) {
                    'start' {
                        $keyword = $value.ToLowerInvariant()
                        if ($keyword -notin @('auto', 'delayed-auto', 'demand', 'disabled')) { Exit-Sc -Code 87 -Message "[SC] invalid start= value '$value'" }
                        $delayed = $keyword -eq 'delayed-auto'
                        $ctl += 'start=' + ($keyword -replace '^delayed-auto$', 'auto')
                    }
                    'depend' { $ctl += "depend=$value" }
                    'obj' { $ctl += "obj=$value" }
                    'password' { $ctl += "password=$value" }
                    'displayname' { $ctl += "display=$value" }
                    'binpath' { $ctl += "bin=$value" }
                    default { Exit-Sc -Code 87 -Message "[SC] shim: config option '$option=' is not simulated" }
                }
            }
            if ($null -ne $delayed) {
                $state = Read-ShimState
                (Get-ShimWineRecord -State $state -Name $name -BinaryPath $query.binaryPath).delayedAutoStart = $delayed
                Save-ShimState -State $state
            }
        }
        { $_ -in @('failure', 'failureflag', 'sidtype') } {
            if ($verb -eq 'failure') {
                # Wine's sc.exe accepts it (and its SCM keeps the actions in memory), but
                # writes no FailureActions value: forward it, then record what we read back.
                Set-ShimWineEnvironment
                $output = (& wine sc.exe @arguments 2>$null) -join "`n"
                if ($LASTEXITCODE -ne 0) { Exit-Sc -Code $LASTEXITCODE -Message $output }
            }
            $state = Read-ShimState
            $null = Get-ShimWineRecord -State $state -Name $name -BinaryPath $query.binaryPath
            Save-ShimState -State $state
            Invoke-ScRecord
        }
        default { Exit-Sc -Code 1639 -Message "[SC] shim: verb '$verb' is not simulated in wine mode" }
    }
    $answer = Invoke-ShimWineCtl -ArgumentList $ctl
    if ($answer.Contains('error')) {
        Exit-Sc -Code ([int]$answer.error) -Message "[SC] $($answer.where) FAILED $($answer.error)"
    }
    if ($verb -eq 'delete') {
        $state = Read-ShimState
        $key = Find-ShimServiceName -State $state -Name $name
        if ($key) { $state.services.Remove($key); Save-ShimState -State $state }
        Exit-Sc -Code 0 -Message '[SC] DeleteService SUCCESS'
    }
    Exit-Sc -Code 0 -Message "SERVICE_NAME: $name`n        STATE              : $($answer.state)"
}

switch (Get-ShimMode) {
    'record' { Invoke-ScRecord }
    'wine' { Invoke-ScWine }
}
