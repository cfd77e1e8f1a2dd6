function Set-SvcForgeCurrentRelease {
    <#
    .SYNOPSIS
    Points the service at a release: rewrites release.conf atomically.

    .DESCRIPTION
    Test-then-set step. svcforge-host.exe reads the pointer file (release.conf, exactly
    'version = 1' and 'release = <version>' lines ending in CRLF) at every program start,
    so this is the switch between releases; the program runs the new release from its
    next start (Restart-SvcForgeRelease). Refuses with SvcForge.ReleaseMissing when
    ReleasesDir\<version>\release.json is not there (unpack it first). Unchanged when the
    pointer already names the version. Otherwise writes <PointerPath>.tmp-<random> in
    full and replaces the pointer with it in one step, then records the version as
    current in the state file (deployedAt the first time). Returns one step record.

    .PARAMETER PointerPath
    The pointer file, for example C:\ProgramData\svcforge\gin-hello\release.conf.

    .PARAMETER StatePath
    The deploy state file, for example C:\ProgramData\svcforge\gin-hello\releases.json.

    .PARAMETER ReleasesDir
    The folder holding one folder per release.

    .PARAMETER Version
    The release to run, for example 2.0.0.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeCurrentRelease -PointerPath 'C:\ProgramData\svcforge\gin-hello\release.conf' -StatePath 'C:\ProgramData\svcforge\gin-hello\releases.json' -ReleasesDir 'C:\Program Files\svcforge\gin-hello\releases' -Version '2.0.0' -Step 'switch'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$PointerPath,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$StatePath,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$ReleasesDir,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Version,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'switch'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $problem = Get-SvcForgeReleaseVersionProblem -Version $Version
    if ($null -ne $problem) {
        throw (New-SvcForgeErrorRecord -Message "cannot switch to release '$Version': $problem" -Step $Step -ErrorId 'SvcForge.ReleaseInvalid' -Category InvalidArgument)
    }
    $pointer = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($PointerPath)
    $releaseFolder = Join-Path -Path $PSCmdlet.GetUnresolvedProviderPathFromPSPath($ReleasesDir) -ChildPath $Version
    $manifest = Join-Path -Path $releaseFolder -ChildPath 'release.json'
    if (-not (Test-Path -LiteralPath $manifest -PathType Leaf)) {
        if ($WhatIfPreference) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would switch to release $Version (not unpacked yet)" -Changes @("release -> $Version")
        }
        throw (New-SvcForgeErrorRecord -Message "cannot switch to release ${Version}: $manifest does not exist; unpack the release first (Expand-SvcForgeRelease)" -Step $Step -ErrorId 'SvcForge.ReleaseMissing' -Category ObjectNotFound)
    }

    $wanted = "version = 1`r`nrelease = $Version`r`n"
    $currentText = $null
    $previous = 'none'
    if (Test-Path -LiteralPath $pointer -PathType Leaf) {
        $currentText = Get-Content -LiteralPath $pointer -Raw -Encoding UTF8
        if ($null -ne $currentText -and $currentText -match '(?m)^release = (.+?)\r?$') {
            $previous = $Matches[1]
        }
    }
    $state = Read-SvcForgeReleaseState -Path $StatePath -Step $Step
    $entry = Get-SvcForgeReleaseStateEntry -State $state -Version $Version
    $stateCurrent = ($state.current -ceq $Version) -and ($null -ne $entry.deployedAt)
    if ($currentText -ceq $wanted -and $stateCurrent) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "release $Version is already current ($pointer)"
    }
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    if ($currentText -cne $wanted) {
        $changes.Add("release $previous -> $Version")
    }
    if (-not $stateCurrent) {
        $changes.Add("state: current = $Version")
    }
    if (-not $PSCmdlet.ShouldProcess($pointer, "Switch to release $Version")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would switch release $previous -> $Version" -Changes $changes.ToArray()
    }
    if ($currentText -cne $wanted) {
        try {
            Write-SvcForgeFileAtomically -Path $pointer -Text $wanted
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not write the release pointer '$pointer': $($_.Exception.Message); check that the account may write to its folder. The service still runs release $previous" -Step $Step -ErrorId 'SvcForge.SwitchFailed' -InnerException $_.Exception)
        }
    }
    if ($null -eq $entry.deployedAt) {
        $entry.deployedAt = Get-SvcForgeUtcNow
    }
    $state.current = $Version
    Save-SvcForgeReleaseState -Path $StatePath -State $state
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "release $previous -> $Version" -Changes $changes.ToArray()
}
