function Remove-SvcForgeService {
    <#
    .SYNOPSIS
    Stops and deletes a service; unchanged when it does not exist.

    .DESCRIPTION
    Test-then-set step used by uninstall. Stops the service when it runs (waiting up
    to TimeoutSeconds), deletes it with 'sc.exe delete' and waits for the SCM to drop
    it. When a program still holds a handle to the service, the SCM only marks it for
    deletion; the record then says so. Returns one step record.

    Only a service svcforge created (or adopted) is deleted: one without svcforge's mark
    (the REG_SZ value SvcForge under HKLM:\SYSTEM\CurrentControlSet\Services\<name>, see
    Set-SvcForgeService) is refused with SvcForge.ServiceNotOwned and left running,
    unless -Adopt is given.

    .PARAMETER Name
    The service name.

    .PARAMETER TimeoutSeconds
    How long to wait for the stop and for the removal. Default 60.

    .PARAMETER Adopt
    Delete the service even though svcforge did not create it (it has no SvcForge mark).

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Remove-SvcForgeService -Name 'gin-hello' -Step 'remove-service'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter()]
        [ValidateRange(1, 3600)]
        [int]$TimeoutSeconds = 60,

        [Parameter()]
        [switch]$Adopt,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'remove-service'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $current = Get-SvcForgeServiceState -Name $Name
    if ($null -eq $current) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name does not exist"
    }
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $note = ''
    if (Test-SvcForgeServiceOwned -Current $current -Action 'delete' -Adopt:$Adopt -Step $Step) {
        $note = ' (not created by svcforge; deleted because -Adopt was given)'
    }
    if ($current.State -ne 'Stopped') {
        $changes.Add("$($current.State) -> Stopped")
    }
    $changes.Add('deleted service')
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", 'Stop and delete')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would $(($changes -join ', ').Replace('deleted', 'delete')) $Name$note" -Changes $changes.ToArray() -Action 'remove'
    }
    if ($current.State -ne 'Stopped') {
        Stop-SvcForgeServiceInternal -Name $Name -State $current.State -TimeoutSeconds $TimeoutSeconds -Step $Step
    }
    # 1072: already marked for deletion.
    $result = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('delete', $Name) -SuccessExitCode @(0, 1072) -Step $Step -Hint 'Check that this process runs elevated'
    $detail = "deleted service $Name"
    try {
        $null = Wait-SvcForgeServiceState -Name $Name -State 'Absent' -TimeoutSeconds $TimeoutSeconds -Step $Step
    }
    catch {
        $detail = "marked service $Name for deletion; the SCM removes it when the last open handle closes (close services.msc or reboot)"
    }
    if ($result.ExitCode -eq 1072) {
        $detail = "service $Name was already marked for deletion"
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$detail$note" -Changes $changes.ToArray() -Action 'remove'
}
