function Get-SvcForgeReleaseManifestFromZip {
    # Reads and checks release.json from an open release zip: JSON, schemaVersion 1, a
    # valid version, name, program and a files list of {path, size, sha256}. Returns
    # Manifest (the parsed object) and Bytes (release.json exactly as stored, so the copy
    # written beside the unpacked files can be compared byte for byte).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [System.IO.Compression.ZipArchive]$Archive,

        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter()]
        [string]$Step = ''
    )
    $fix = 'rebuild it with svcforge build'
    $entry = $Archive.GetEntry('release.json')
    if ($null -eq $entry) {
        throw (New-SvcForgeErrorRecord -Message "release '$Path' has no release.json at its root, so it is not a svcforge release; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    if ($entry.Length -gt 16MB) {
        throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json is $($entry.Length) bytes, far more than a manifest needs; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    $stream = $entry.Open()
    try {
        $buffer = New-Object -TypeName System.IO.MemoryStream
        $stream.CopyTo($buffer)
        $bytes = $buffer.ToArray()
    }
    finally {
        $stream.Dispose()
    }
    $text = (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)).GetString($bytes)
    if ($text.Length -gt 0 -and $text[0] -eq [char]0xFEFF) {
        $text = $text.Substring(1)
    }
    try {
        $manifest = $text | ConvertFrom-Json
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json is not valid JSON ($($_.Exception.Message)); $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData -InnerException $_.Exception)
    }
    if ($null -eq $manifest -or $manifest -isnot [pscustomobject]) {
        throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json is not a JSON object; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    $schemaVersion = Get-SvcForgePropertyValue -InputObject $manifest -Name 'schemaVersion' -Default $null
    if ($null -eq $schemaVersion -or [string]$schemaVersion -ne '1') {
        throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json has schemaVersion '$schemaVersion', this module reads only 1; rebuild it with the svcforge version that deploys it" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    $version = Get-SvcForgePropertyValue -InputObject $manifest -Name 'version' -Default $null
    $problem = Get-SvcForgeReleaseVersionProblem -Version ([string]$version)
    if ($null -eq $version -or $version -isnot [string] -or $null -ne $problem) {
        throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json $problem; $fix --version <a valid version>" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    foreach ($field in 'name', 'program') {
        $value = Get-SvcForgePropertyValue -InputObject $manifest -Name $field -Default $null
        if ($value -isnot [string] -or [string]::IsNullOrEmpty($value)) {
            throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json has no '$field'; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
        }
    }
    $files = Get-SvcForgePropertyValue -InputObject $manifest -Name 'files' -Default $null
    if ($null -eq $files) {
        throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json has no 'files' list; $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
    }
    foreach ($file in @($files)) {
        $filePath = Get-SvcForgePropertyValue -InputObject $file -Name 'path' -Default $null
        $size = Get-SvcForgePropertyValue -InputObject $file -Name 'size' -Default $null
        $sha256 = Get-SvcForgePropertyValue -InputObject $file -Name 'sha256' -Default $null
        if ($filePath -isnot [string] -or [string]::IsNullOrEmpty($filePath) -or $null -eq $size -or [string]$size -notmatch '^[0-9]+$' -or $sha256 -isnot [string] -or $sha256 -cnotmatch '^[0-9a-f]{64}$') {
            throw (New-SvcForgeErrorRecord -Message "release '$Path': release.json lists a file without a path, a whole-number size and a lowercase hex sha256 ('$filePath'); $fix" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidData)
        }
    }
    [pscustomobject]@{
        Manifest = $manifest
        Bytes    = $bytes
    }
}
