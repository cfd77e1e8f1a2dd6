function Exit-SvcForgeDeployLock {
    <#
    .SYNOPSIS
    Releases the deploy lock Enter-SvcForgeDeployLock took.

    .DESCRIPTION
    Closes the lock file this module holds open, so the next deploy can take it. The
    file stays (its text says who held it last); an open handle, not the file, is the
    lock. Unchanged when this module holds no lock. Returns one step record.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Exit-SvcForgeDeployLock -Step 'unlock'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'unlock'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $held = Get-SvcForgeDeployLockState
    if ($null -eq $held) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail 'no deploy lock is held by this session'
    }
    if (-not $PSCmdlet.ShouldProcess($held.Path, 'Release the deploy lock')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "would release the deploy lock of $($held.Name) ($($held.Path))"
    }
    $held.Stream.Dispose()
    $script:SvcForgeDeployLock = $null
    New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "released the deploy lock of $($held.Name) ($($held.Path))"
}
