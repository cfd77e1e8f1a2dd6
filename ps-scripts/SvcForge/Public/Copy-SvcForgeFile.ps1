function Copy-SvcForgeFile {
    <#
    .SYNOPSIS
    Copies a file when the destination is missing or its SHA-256 differs.

    .DESCRIPTION
    Test-then-set step: compares the SHA-256 of source and destination (Get-FileHash)
    and copies only when they differ, so a second run reports unchanged. The
    destination directory must exist (create it first with Set-SvcForgeDirectory).
    Returns one step record.

    .PARAMETER Source
    The file to copy, for example the svcforge-host.exe shipped in the bundle.

    .PARAMETER Destination
    Full path of the destination file (not a directory).

    .PARAMETER OnlyIfFolderExists
    $true to copy only into a folder that is already there: when the destination's
    folder is missing the step reports unchanged (uninstall keeps the resolved spec
    beside the logs it leaves, but after a purge there is nothing to keep it with).

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Copy-SvcForgeFile -Source (Join-Path -Path $PSScriptRoot -ChildPath 'svcforge-host.exe') -Destination 'C:\ProgramData\svcforge\gin-hello\svcforge-host.exe' -Step 'copy-host'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Source,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Destination,

        [Parameter()]
        [bool]$OnlyIfFolderExists = $false,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'copy'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    if (-not (Test-Path -LiteralPath $Source -PathType Leaf)) {
        throw (New-SvcForgeErrorRecord -Message "cannot copy '$Source' to '$Destination': the source file does not exist; check that the bundle is complete" -Step $Step -ErrorId 'SvcForge.SourceMissing' -Category ObjectNotFound)
    }
    $folder = Split-Path -Path $Destination -Parent
    if ($OnlyIfFolderExists -and -not (Test-Path -LiteralPath $folder -PathType Container)) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "nothing to keep: the folder of $Destination does not exist"
    }
    if (Test-Path -LiteralPath $Destination -PathType Container) {
        throw (New-SvcForgeErrorRecord -Message "cannot copy '$Source' to '$Destination': the destination is a directory; give the full file path" -Step $Step -ErrorId 'SvcForge.DestinationIsDirectory')
    }
    $sourceHash = (Get-FileHash -LiteralPath $Source -Algorithm SHA256).Hash
    if (Test-Path -LiteralPath $Destination -PathType Leaf) {
        $destinationHash = (Get-FileHash -LiteralPath $Destination -Algorithm SHA256).Hash
        if ($destinationHash -eq $sourceHash) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$Destination is up to date (SHA-256 $($sourceHash.Substring(0, 12)))"
        }
        $change = "replaced $Destination (SHA-256 $($destinationHash.Substring(0, 12)) -> $($sourceHash.Substring(0, 12)))"
        $would = "would replace $Destination (SHA-256 $($destinationHash.Substring(0, 12)) -> $($sourceHash.Substring(0, 12)))"
    }
    else {
        $change = "copied $Destination (SHA-256 $($sourceHash.Substring(0, 12)))"
        $would = "would copy $Destination (SHA-256 $($sourceHash.Substring(0, 12)))"
    }
    if (-not $PSCmdlet.ShouldProcess($Destination, "Copy from $Source")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $would -Changes @($change)
    }
    try {
        Copy-Item -LiteralPath $Source -Destination $Destination -Force
    }
    catch {
        $message = "could not copy '$Source' to '${Destination}': $($_.Exception.Message). If the file is in use, stop the service first; if the folder is missing, create it with Set-SvcForgeDirectory"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.CopyFailed' -InnerException $_.Exception)
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $change -Changes @($change)
}
