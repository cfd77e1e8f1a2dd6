function Reset-SvcForgeRestartReason {
    <#
    .SYNOPSIS
    Starts a new install run: forgets the restart reasons recorded so far and sets whether
    a needed restart is done or deferred.

    .DESCRIPTION
    Steps that change something a service reads only when it starts (its configuration,
    SID type, NSSM parameters, svcforge-host.exe, its host conf, the secrets file) record
    a restart reason in the module. The start step (Start-SvcForgeService
    -RestartIfChanged $true) restarts a running service for them, or, after
    Reset-SvcForgeRestartReason -Defer, leaves it running and writes a restart-pending
    marker instead. install.ps1 and the svcforge session call this once, before the
    first step. Changes nothing on the machine.

    .PARAMETER Defer
    Do not restart a running service in this run (install.ps1 -NoRestart,
    svcforge apply --no-restart); the start step writes the marker instead.

    .EXAMPLE
    Reset-SvcForgeRestartReason -Defer:$false
    #>
    [CmdletBinding()]
    param(
        [Parameter()]
        [switch]$Defer
    )
    $state = Get-SvcForgeRestartState
    $state.Reasons.Clear()
    $state.Defer = [bool]$Defer
}
