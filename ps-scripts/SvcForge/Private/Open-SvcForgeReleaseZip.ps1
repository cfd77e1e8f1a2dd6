function Open-SvcForgeReleaseZip {
    # Opens a release zip read-only (System.IO.Compression.ZipArchive); the caller disposes
    # it. Throws SvcForge.ReleaseInvalid when the file is missing or not a zip.
    [CmdletBinding()]
    [OutputType([System.IO.Compression.ZipArchive])]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter()]
        [string]$Step = ''
    )
    Add-Type -AssemblyName System.IO.Compression
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    if (-not (Test-Path -LiteralPath $fullPath -PathType Leaf)) {
        throw (New-SvcForgeErrorRecord -Message "release '$fullPath' does not exist; build it with svcforge build and pass the zip's path" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    try {
        return [System.IO.Compression.ZipFile]::OpenRead($fullPath)
    }
    catch {
        $inner = $_.Exception
        if ($null -ne $inner.InnerException) {
            $inner = $inner.InnerException
        }
        throw (New-SvcForgeErrorRecord -Message "release '$fullPath' is not a readable zip ($($inner.Message)); rebuild it with svcforge build" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData -InnerException $inner)
    }
}
