function Copy-SvcForgeFile {
    <#
    .SYNOPSIS
    Copies a file when the destination is missing or its SHA-256 differs, never leaving a
    half-copied file at the destination.

    .DESCRIPTION
    Test-then-set step: compares the SHA-256 of source and destination (Get-FileHash)
    and copies only when they differ, so a second run reports unchanged. The
    destination directory must exist (create it first with Set-SvcForgeDirectory).

    The copy goes to <Destination>.new-<random> in the same folder first. An existing
    destination is then renamed aside to <Destination>.old-<random> (Windows lets a
    running service's exe or an open file be renamed, not overwritten), the new file is
    renamed into place, and the old one is deleted when nothing holds it; a file still in
    use stays and a later run deletes every leftover <name>.old-* and <name>.new-*
    beside the destination. So the destination is at every moment the old file or the
    new one, whole.

    With RestartReason, a change is recorded as a reason to restart RestartService (or
    every service of the run) in Start-SvcForgeService -RestartIfChanged.
    Returns one step record.

    .PARAMETER Source
    The file to copy, for example the svcforge-host.exe shipped in the bundle.

    .PARAMETER Destination
    Full path of the destination file (not a directory).

    .PARAMETER OnlyIfFolderExists
    $true to copy only into a folder that is already there: when the destination's
    folder is missing the step reports unchanged (uninstall keeps the resolved spec
    beside the logs it leaves, but after a purge there is nothing to keep it with).

    .PARAMETER RestartReason
    What the destination is for a running service, when it reads the file only at start:
    host-exe (svcforge-host.exe) or host-conf (its svcforge-host.conf). A change then
    records that restart reason.

    .PARAMETER RestartService
    The services the RestartReason applies to; empty: every service of the run.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Copy-SvcForgeFile -Source (Join-Path -Path $PSScriptRoot -ChildPath 'svcforge-host.conf') -Destination 'C:\Program Files\svcforge\gin-hello\svcforge-host.conf' -RestartReason 'host-conf' -RestartService 'gin-hello' -Step 'host-conf'

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
        [ValidateSet('', 'host-exe', 'host-conf')]
        [string]$RestartReason = '',

        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$RestartService = @(),

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
    $leaf = $Destination.Substring($Destination.LastIndexOf('\') + 1)
    $leftovers = @()
    if (Test-Path -LiteralPath $folder -PathType Container) {
        $leftovers = @(Get-ChildItem -LiteralPath $folder -File -Force |
                Where-Object -FilterScript { $_.Name -like "$leaf.old-*" -or $_.Name -like "$leaf.new-*" } |
                ForEach-Object -Process { $_.FullName })
    }
    $exists = Test-Path -LiteralPath $Destination -PathType Leaf
    if ($exists) {
        $destinationHash = (Get-FileHash -LiteralPath $Destination -Algorithm SHA256).Hash
        if ($destinationHash -eq $sourceHash) {
            $upToDate = "$Destination is up to date (SHA-256 $($sourceHash.Substring(0, 12)))"
            if ($leftovers.Count -eq 0) {
                return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail $upToDate
            }
            if (-not $PSCmdlet.ShouldProcess($folder, "Remove $($leftovers.Count) leftover file(s) of earlier replacements of $leaf")) {
                return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$upToDate; would remove $($leftovers.Count) leftover file(s) of earlier replacements" -Changes @($leftovers | ForEach-Object -Process { "removed leftover $_" })
            }
            $removed = @(Remove-SvcForgeLeftover -Path $leftovers)
            if ($removed.Count -eq 0) {
                # Still in use (the service runs the old exe): nothing changed; a later run retries.
                return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$upToDate; $($leftovers.Count) leftover file(s) of an earlier replacement still in use"
            }
            $changes = @($removed | ForEach-Object -Process { "removed leftover $_" })
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$upToDate; removed $($removed.Count) leftover file(s) of earlier replacements" -Changes $changes
        }
        $change = "replaced $Destination (SHA-256 $($destinationHash.Substring(0, 12)) -> $($sourceHash.Substring(0, 12)))"
        $would = "would replace $Destination (SHA-256 $($destinationHash.Substring(0, 12)) -> $($sourceHash.Substring(0, 12)))"
    }
    else {
        $change = "copied $Destination (SHA-256 $($sourceHash.Substring(0, 12)))"
        $would = "would copy $Destination (SHA-256 $($sourceHash.Substring(0, 12)))"
    }
    if ($RestartReason) {
        Add-SvcForgeRestartReason -Reason $RestartReason -Service $RestartService
    }
    if (-not $PSCmdlet.ShouldProcess($Destination, "Copy from $Source")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $would -Changes @($change)
    }
    $null = Remove-SvcForgeLeftover -Path $leftovers
    $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $newFile = "$Destination.new-$suffix"
    $oldFile = "$Destination.old-$suffix"
    try {
        Copy-Item -LiteralPath $Source -Destination $newFile -Force
    }
    catch {
        Remove-Item -LiteralPath $newFile -Force -ErrorAction SilentlyContinue
        $message = "could not copy '$Source' to '${newFile}': $($_.Exception.Message). If the folder is missing, create it with Set-SvcForgeDirectory; check the free space"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.CopyFailed' -InnerException $_.Exception)
    }
    if ($exists) {
        try {
            Move-Item -LiteralPath $Destination -Destination $oldFile
        }
        catch {
            Remove-Item -LiteralPath $newFile -Force -ErrorAction SilentlyContinue
            $message = "could not rename '$Destination' aside to '${oldFile}' before replacing it: $($_.Exception.Message). The file is unchanged; if a program holds it open without sharing delete access, stop the service and run again"
            throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.CopyFailed' -InnerException $_.Exception)
        }
    }
    try {
        Move-Item -LiteralPath $newFile -Destination $Destination
    }
    catch {
        $reason = $_.Exception
        if ($exists) {
            # Put the old file back: the destination is never left missing.
            Move-Item -LiteralPath $oldFile -Destination $Destination -ErrorAction SilentlyContinue
        }
        Remove-Item -LiteralPath $newFile -Force -ErrorAction SilentlyContinue
        $message = "could not rename '$newFile' to '${Destination}': $($reason.Message). The old file is kept in place; run again"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.CopyFailed' -InnerException $reason)
    }
    if ($exists -and @(Remove-SvcForgeLeftover -Path @($oldFile)).Count -eq 0) {
        $change += "; the old file is in use and stays as $oldFile until a later run deletes it"
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $change -Changes @($change)
}
