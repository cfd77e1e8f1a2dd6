function Remove-SvcForgeDirectory {
    <#
    .SYNOPSIS
    Removes a directory and everything in it; unchanged when it does not exist.

    .DESCRIPTION
    Test-then-set step used by uninstall (the log directory only with --purge). A folder
    the ledger records as one svcforge did not create (it existed before install, for
    example a logs.dir the spec names) is kept: Restore-SvcForgeDirectoryAcl gives it its
    permissions back instead. Returns one step record.

    .PARAMETER Path
    Absolute Windows path of the directory.

    .PARAMETER LedgerFile
    The service's folder ledger, C:\ProgramData\svcforge\<name>\folders.json.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Remove-SvcForgeDirectory -Path 'C:\ProgramData\svcforge\gin-hello' -Step 'remove-data'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$Path,

        [Parameter()]
        [string]$LedgerFile,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'remove-directory'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    if (-not (Test-Path -LiteralPath $Path)) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "directory $Path does not exist"
    }
    $recorded = (Read-SvcForgeFolderLedger -Path $LedgerFile)[$Path.TrimEnd('\').ToLowerInvariant()]
    if ($null -ne $recorded -and -not $recorded.created) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "kept directory ${Path}: it existed before svcforge (only its permissions are given back)"
    }
    if (-not (Test-Path -LiteralPath $Path -PathType Container)) {
        throw (New-SvcForgeErrorRecord -Message "cannot remove directory '$Path': it is a file; remove it by hand if it should go" -Step $Step -ErrorId 'SvcForge.PathIsFile')
    }
    if (-not $PSCmdlet.ShouldProcess($Path, 'Remove directory and its contents')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would remove directory $Path" -Changes @("removed directory $Path") -Action 'remove'
    }
    try {
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
    catch {
        $message = "could not remove directory '${Path}': $($_.Exception.Message). A running program may hold a file open: stop the service and run again"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.RemoveDirectoryFailed' -InnerException $_.Exception)
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "removed directory $Path" -Changes @("removed directory $Path") -Action 'remove'
}
