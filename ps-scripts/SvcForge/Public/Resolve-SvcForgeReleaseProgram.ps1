function Resolve-SvcForgeReleaseProgram {
    <#
    .SYNOPSIS
    The full path of a release's program: of the given version, or of the current release.

    .DESCRIPTION
    Not a step: firewall rules of a release-mode service name the program inside the
    release folder, <ReleasesDir>\<version>\<Program>. Deploy and rollback pass the
    version they activate; firewall.ps1 and `svcforge firewall open` pass the pointer
    file (release.conf) and get the release it names. Throws SvcForge.NoCurrentRelease
    when the pointer does not exist yet (nothing was deployed).

    .PARAMETER Version
    The release version, e.g. 2.0.0.

    .PARAMETER PointerPath
    The release pointer, e.g. C:\ProgramData\svcforge\gin-hello\release.conf.

    .PARAMETER ReleasesDir
    The folder that holds the releases, e.g. C:\Program Files\svcforge\gin-hello\releases.

    .PARAMETER Program
    The program's path inside a release, e.g. gin-hello.exe or bin\app.exe.

    .EXAMPLE
    Resolve-SvcForgeReleaseProgram -PointerPath 'C:\ProgramData\svcforge\gin-hello\release.conf' -ReleasesDir 'C:\Program Files\svcforge\gin-hello\releases' -Program 'gin-hello.exe'
    #>
    [CmdletBinding(DefaultParameterSetName = 'Pointer')]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, ParameterSetName = 'Version')]
        [ValidateNotNullOrEmpty()]
        [string]$Version,

        [Parameter(Mandatory, ParameterSetName = 'Pointer')]
        [ValidateNotNullOrEmpty()]
        [string]$PointerPath,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$ReleasesDir,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Program
    )
    $ErrorActionPreference = 'Stop'
    if ($PSCmdlet.ParameterSetName -eq 'Pointer') {
        if (-not (Test-Path -LiteralPath $PointerPath -PathType Leaf)) {
            throw (New-SvcForgeErrorRecord -Message "no release is current yet ($PointerPath does not exist): deploy one first with svcforge deploy <zip> or deploy.ps1 -Release <zip>" -Step 'firewall' -ErrorId 'SvcForge.NoCurrentRelease' -Category ObjectNotFound)
        }
        $text = [string](Get-Content -LiteralPath $PointerPath -Raw -Encoding UTF8)
        if ($text -notmatch '(?m)^\s*release\s*=\s*(\S+)\s*$') {
            throw (New-SvcForgeErrorRecord -Message "$PointerPath names no release (no 'release = VERSION' line); run svcforge rollback --to <version> to write it again" -Step 'firewall' -ErrorId 'SvcForge.NoCurrentRelease' -Category InvalidData)
        }
        $Version = $Matches[1]
    }
    $versionProblem = Get-SvcForgeReleaseVersionProblem -Version $Version
    if ($versionProblem) {
        throw (New-SvcForgeErrorRecord -Message "cannot resolve the program of release '$Version': $versionProblem" -Step 'firewall' -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidArgument)
    }
    Join-Path -Path (Join-Path -Path $ReleasesDir -ChildPath $Version) -ChildPath $Program
}
