function Test-SvcForgePort {
    <#
    .SYNOPSIS
    Tells whether a local port is in use and by which process.

    .DESCRIPTION
    Looks for listeners on the port (Get-NetTCPConnection -State Listen, or
    Get-NetUDPEndpoint for UDP) and names the owning process from Win32_Process.
    Read-only. Returns one object: Port, Protocol, InUse, OwningProcessId,
    OwningProcessName (the first owner), OwningProcessIds (all owners, for example
    when IPv4 and IPv6 listeners belong to different processes).

    .PARAMETER Port
    The local port number.

    .PARAMETER Protocol
    TCP (default) or UDP.

    .EXAMPLE
    Test-SvcForgePort -Port 8080
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateRange(1, 65535)]
        [int]$Port,

        [Parameter()]
        [ValidateSet('TCP', 'UDP')]
        [string]$Protocol = 'TCP'
    )
    $ErrorActionPreference = 'Stop'
    if ($Protocol -eq 'TCP') {
        $listeners = @(Get-NetTCPConnection -LocalPort $Port -State Listen -ErrorAction SilentlyContinue)
    }
    else {
        $listeners = @(Get-NetUDPEndpoint -LocalPort $Port -ErrorAction SilentlyContinue)
    }
    $owners = @($listeners | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { [int]$_.OwningProcess } | Select-Object -Unique)
    $ownerId = $null
    $ownerName = $null
    if ($owners.Count -gt 0) {
        $ownerId = $owners[0]
        $process = @(Get-CimInstance -ClassName 'Win32_Process' -Filter "ProcessId=$ownerId")
        if ($process.Count -gt 0 -and $null -ne $process[0]) {
            $ownerName = [string]$process[0].Name
        }
    }
    [pscustomobject]@{
        Port              = $Port
        Protocol          = $Protocol
        InUse             = $owners.Count -gt 0
        OwningProcessId   = $ownerId
        OwningProcessName = $ownerName
        OwningProcessIds  = [int[]]$owners
    }
}
