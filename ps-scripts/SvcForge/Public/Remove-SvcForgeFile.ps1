function Remove-SvcForgeFile {
    <#
    .SYNOPSIS
    Removes one file; unchanged when it does not exist.

    .DESCRIPTION
    Test-then-set step used by uninstall, for example for the DPAPI-protected secrets
    file. Returns one step record.

    .PARAMETER Path
    Absolute Windows path of the file.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Remove-SvcForgeFile -Path 'C:\ProgramData\svcforge\gin-hello\secrets.dat' -Step 'secrets'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$Path,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'remove-file'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    if (-not (Test-Path -LiteralPath $Path)) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "file $Path does not exist"
    }
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        throw (New-SvcForgeErrorRecord -Message "cannot remove file '$Path': it is a directory; remove it by hand if it should go" -Step $Step -ErrorId 'SvcForge.PathIsDirectory')
    }
    if (-not $PSCmdlet.ShouldProcess($Path, 'Remove file')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would remove file $Path" -Changes @("removed file $Path") -Action 'remove'
    }
    try {
        Remove-Item -LiteralPath $Path -Force
    }
    catch {
        $message = "could not remove file '${Path}': $($_.Exception.Message). A running program may hold it open: stop the service and run again"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.RemoveFileFailed' -InnerException $_.Exception)
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "removed file $Path" -Changes @("removed file $Path") -Action 'remove'
}
