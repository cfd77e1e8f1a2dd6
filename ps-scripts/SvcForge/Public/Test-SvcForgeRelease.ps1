function Test-SvcForgeRelease {
    <#
    .SYNOPSIS
    Verifies a release zip against its release.json before anything is unpacked.

    .DESCRIPTION
    Opens the zip read-only and checks, writing nothing: release.json names this service
    and this program; no entry is an absolute path, has a drive, a '..' segment, a ':'
    (alternate data stream), a reserved device name, a trailing dot or space, or is a
    symbolic link; no two entries differ only in case; the unpacked size is at most
    2 GiB; the zip holds exactly the files release.json lists, each with its size. The
    SHA-256 of every file is checked by Expand-SvcForgeRelease while it writes the file
    (one read of the zip, and the bytes checked are the bytes written); under -WhatIf,
    where no unpack follows, it is checked here by streaming each entry. Returns one
    step record, always unchanged (verifying changes nothing, so it also runs under
    -WhatIf). Throws SvcForge.ReleaseInvalid naming the entry.

    .PARAMETER Path
    The release zip, for example C:\deploy\gin-hello-2.0.0.zip.

    .PARAMETER Name
    The service name of the spec; release.json's name must be the same.

    .PARAMETER Program
    The program relative to the release folder, for example gin-hello.exe or
    bin\gin-hello.exe; release.json's program must be the same ('/' and '\' alike, any
    case) and be one of its files.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Test-SvcForgeRelease -Path 'C:\deploy\gin-hello-2.0.0.zip' -Name 'gin-hello' -Program 'gin-hello.exe' -Step 'verify'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Program,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'verify'
    )
    $ErrorActionPreference = 'Stop'

    # Name and program first: cheap, and a zip of another service needs no hashing.
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $archive = Open-SvcForgeReleaseZip -Path $fullPath -Step $Step
    try {
        $manifest = (Get-SvcForgeReleaseManifestFromZip -Archive $archive -Path $fullPath -Step $Step).Manifest
    }
    finally {
        $archive.Dispose()
    }
    if ($manifest.name -ne $Name) {
        throw (New-SvcForgeErrorRecord -Message "release '$fullPath' is for service '$($manifest.name)', not '$Name'; deploy the zip built from $Name's spec" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    $wantedProgram = $Program.Replace('\', '/')
    if ($manifest.program.Replace('\', '/') -ne $wantedProgram) {
        throw (New-SvcForgeErrorRecord -Message "release '$fullPath' runs program '$($manifest.program)' but the spec says '$Program'; rebuild it with svcforge build from the current spec" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    $programListed = @($manifest.files | Where-Object -FilterScript { $_.path -eq $wantedProgram })
    if ($programListed.Count -eq 0) {
        throw (New-SvcForgeErrorRecord -Message "release '$fullPath': its program '$($manifest.program)' is not among the files release.json lists; rebuild it with svcforge build" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    $hashHere = [bool](Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet)
    $content = Get-SvcForgeReleaseContent -Path $fullPath -Step $Step -SkipHash:(-not $hashHere)
    $count = @($content.Files).Count
    $size = Format-SvcForgeByteSize -Bytes $content.TotalBytes
    $checked = 'every file listed with its size in release.json (unpack checks each SHA-256 as it writes)'
    if ($hashHere) {
        $checked = 'every SHA-256 matches release.json'
    }
    New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$($manifest.name) $($manifest.version): $count files, $size, $checked"
}
