function Assert-SvcForgePortFree {
    <#
    .SYNOPSIS
    Fails, naming the owner, when a port is taken by anything but the service itself.

    .DESCRIPTION
    Check step run before starting the service. The port counts as free when nothing
    listens on it, or when every listener is the service's own process or one of its
    descendants (svcforge-host.exe runs the program as a child). Otherwise throws an
    error naming the owning process and its PID. Read-only; returns status unchanged.

    .PARAMETER Port
    The port the service will listen on.

    .PARAMETER ServiceName
    The service whose own processes may hold the port.

    .PARAMETER Protocol
    TCP (default) or UDP.

    .PARAMETER Step
    The step id put in the returned record and in the error.

    .EXAMPLE
    Assert-SvcForgePortFree -Port 8080 -ServiceName 'gin-hello' -Step 'port-8080'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateRange(1, 65535)]
        [int]$Port,

        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$ServiceName,

        [Parameter()]
        [ValidateSet('TCP', 'UDP')]
        [string]$Protocol = 'TCP',

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'port'
    )
    $ErrorActionPreference = 'Stop'
    $usage = Test-SvcForgePort -Port $Port -Protocol $Protocol
    if (-not $usage.InUse) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "port $Port/$Protocol is free"
    }
    $own = @()
    $service = Get-SvcForgeServiceState -Name $ServiceName
    if ($null -ne $service -and $service.ProcessId -gt 0) {
        $own = @(Get-SvcForgeProcessTree -ProcessId $service.ProcessId)
    }
    $foreign = @($usage.OwningProcessIds | Where-Object -FilterScript { $own -notcontains $_ })
    if ($foreign.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "port $Port/$Protocol is held by service $ServiceName itself (PID $($usage.OwningProcessIds -join ', '))"
    }
    $descriptions = foreach ($processId in $foreign) {
        $name = 'an unknown process'
        $process = @(Get-CimInstance -ClassName 'Win32_Process' -Filter "ProcessId=$processId")
        if ($process.Count -gt 0 -and $null -ne $process[0]) {
            $name = [string]$process[0].Name
        }
        "$name (PID $processId)"
    }
    $message = "port $Port/$Protocol is already in use by $($descriptions -join ', '), not by service '$ServiceName'; stop that process or give the service another port, then run again"
    throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.PortInUse' -Category ResourceUnavailable)
}
