function Get-SvcForgeStatus {
    <#
    .SYNOPSIS
    Reports a service's SCM state plus the svcforge-host.exe status file.

    .DESCRIPTION
    Read-only. Returns one object: name, exists, state, startType, account, binaryPath,
    processId, and supervisor: the contents of svcforge-host.exe's JSON status file
    (state, pid, port, restarts, last_exit_code, started_at, health, next_start_in_ms,
    memory_bytes) when StatusFile is given and exists, else $null. When the file
    cannot be parsed, supervisorError says why. restartPending: the reasons and time of
    a restart deferred by install.ps1 -NoRestart / svcforge apply --no-restart
    ({ reasons = @('host-conf'); since = '...' }) when RestartPendingFile exists, else $null.

    .PARAMETER Name
    The service name.

    .PARAMETER StatusFile
    Path of the supervisor's status file, for example
    C:\ProgramData\svcforge\gin-hello\status.json.

    .PARAMETER RestartPendingFile
    Path of the service's restart-pending marker, for example
    C:\ProgramData\svcforge\gin-hello\gin-hello.restart-pending.json.

    .EXAMPLE
    Get-SvcForgeStatus -Name 'gin-hello' -StatusFile 'C:\ProgramData\svcforge\gin-hello\status.json'

    .EXAMPLE
    Get-SvcForgeStatus -Name 'gin-hello' -StatusFile 'C:\ProgramData\svcforge\gin-hello\logs\status.json' -RestartPendingFile 'C:\ProgramData\svcforge\gin-hello\gin-hello.restart-pending.json'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$StatusFile,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$RestartPendingFile
    )
    $ErrorActionPreference = 'Stop'
    $current = Get-SvcForgeServiceState -Name $Name
    $supervisor = $null
    $supervisorError = $null
    if ($PSBoundParameters.ContainsKey('StatusFile') -and (Test-Path -LiteralPath $StatusFile -PathType Leaf)) {
        try {
            $supervisor = Get-Content -LiteralPath $StatusFile -Raw -Encoding UTF8 | ConvertFrom-Json
        }
        catch {
            $supervisorError = "could not read status file '$StatusFile': $($_.Exception.Message)"
        }
    }
    $restartPending = $null
    if ($PSBoundParameters.ContainsKey('RestartPendingFile')) {
        $pending = Read-SvcForgeRestartPending -Path $RestartPendingFile
        if ($null -ne $pending) {
            $restartPending = [pscustomobject]@{ reasons = $pending.Reasons; since = $pending.Since }
        }
    }
    if ($null -eq $current) {
        return [pscustomobject]@{
            name            = $Name
            exists          = $false
            state           = $null
            startType       = $null
            account         = $null
            binaryPath      = $null
            processId       = $null
            supervisor      = $supervisor
            supervisorError = $supervisorError
            restartPending  = $restartPending
        }
    }
    $processId = $null
    if ($current.ProcessId -gt 0) {
        $processId = $current.ProcessId
    }
    [pscustomobject]@{
        name            = $current.Name
        exists          = $true
        state           = $current.State
        startType       = $current.StartupType
        account         = $current.Account
        binaryPath      = $current.BinaryPath
        processId       = $processId
        supervisor      = $supervisor
        supervisorError = $supervisorError
        restartPending  = $restartPending
    }
}
