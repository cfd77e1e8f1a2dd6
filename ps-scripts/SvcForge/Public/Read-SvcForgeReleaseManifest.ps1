function Read-SvcForgeReleaseManifest {
    <#
    .SYNOPSIS
    Reads release.json from a release zip built by svcforge build.

    .DESCRIPTION
    Opens the zip read-only and returns its release.json as an object (schemaVersion,
    name, version, commit, builtAt, program, files). Checks only the manifest itself:
    valid JSON, schemaVersion 1, a version that can name a folder, name, program and a
    files list. Test-SvcForgeRelease checks the files against it. Not a step: returns the
    manifest, not a step record. Throws SvcForge.ReleaseInvalid when the file is missing,
    is not a zip, has no release.json or an invalid one.

    .PARAMETER Path
    The release zip, for example dist\gin-hello-2.0.0.zip.

    .EXAMPLE
    (Read-SvcForgeReleaseManifest -Path 'C:\deploy\gin-hello-2.0.0.zip').version
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path
    )
    $ErrorActionPreference = 'Stop'
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $archive = Open-SvcForgeReleaseZip -Path $fullPath
    try {
        (Get-SvcForgeReleaseManifestFromZip -Archive $archive -Path $fullPath).Manifest
    }
    finally {
        $archive.Dispose()
    }
}
