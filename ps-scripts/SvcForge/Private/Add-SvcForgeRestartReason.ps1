function Add-SvcForgeRestartReason {
    # Records that a step changed something a service reads only when it starts, so the
    # start step of the same run restarts it (Start-SvcForgeService -RestartIfChanged).
    # Service empty: every service of the run (the host exe, the secrets file). A step
    # records under -WhatIf too: the start step then says what it would restart. The list
    # lives in the module scope and is emptied at the start of each install run
    # (Reset-SvcForgeRestartReason), so nothing carries over to another run.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateSet('service-config', 'sid-type', 'host-conf', 'host-exe', 'nssm', 'secrets')]
        [string]$Reason,

        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$Service = @()
    )
    $targets = @($Service | Where-Object -FilterScript { -not [string]::IsNullOrEmpty($_) })
    if ($targets.Count -eq 0) {
        $targets = @('')
    }
    foreach ($target in $targets) {
        (Get-SvcForgeRestartState).Reasons.Add([pscustomobject]@{ Service = $target; Reason = $Reason })
    }
}
