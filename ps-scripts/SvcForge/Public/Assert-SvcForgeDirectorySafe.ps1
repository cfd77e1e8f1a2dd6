function Assert-SvcForgeDirectorySafe {
    <#
    .SYNOPSIS
    Fails, before anything is changed, when a folder install would set is not safe to take.

    .DESCRIPTION
    Read-only check step that install runs first. For each folder it reads the ledger of
    folders svcforge created (LedgerFile) and the folder's current owner and ACL, and
    collects every problem:
    - a system folder (drive root, the Windows folder, Program Files, Program Files (x86)
      or ProgramData themselves, the user profiles) is refused;
    - one of svcforge's own folders (OwnedPath, or one the ledger says svcforge created)
      that exists and is owned by anyone but Administrators or SYSTEM is refused: someone
      else created it first and may have planted files that svcforge would run elevated;
    - a folder the service's binary lives in (BinaryFolder) that svcforge did not create
      and that a non-administrator can change is refused, naming who.
    Throws one error listing every problem; returns an unchanged record when there is none.

    .PARAMETER OwnedPath
    svcforge's own folders (under C:\ProgramData\svcforge and C:\Program Files\svcforge).

    .PARAMETER BinaryFolder
    Folders holding an executable the service runs (the program, svcforge-host.exe, nssm.exe).

    .PARAMETER OtherPath
    Any other folder install sets (a logs.dir the spec names): only the system folder check.

    .PARAMETER LedgerFile
    The service's folder ledger, C:\ProgramData\svcforge\<name>\folders.json.

    .PARAMETER Step
    The step id put in the returned record and in the error.

    .EXAMPLE
    Assert-SvcForgeDirectorySafe -OwnedPath @('C:\ProgramData\svcforge', 'C:\ProgramData\svcforge\gin-hello') -BinaryFolder @('C:\apps\gin-hello\current') -LedgerFile 'C:\ProgramData\svcforge\gin-hello\folders.json' -Step 'folders'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$OwnedPath = @(),

        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$BinaryFolder = @(),

        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$OtherPath = @(),

        [Parameter()]
        [string]$LedgerFile,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'folders'
    )
    $ErrorActionPreference = 'Stop'
    $ledger = Read-SvcForgeFolderLedger -Path $LedgerFile
    $checks = New-Object -TypeName System.Collections.Generic.List[object]
    foreach ($path in @($OwnedPath | Where-Object -FilterScript { $_ })) {
        $checks.Add(@{ Path = $path; Owned = $true; Binary = ($BinaryFolder -contains $path) })
    }
    foreach ($path in @($BinaryFolder | Where-Object -FilterScript { $_ -and $OwnedPath -notcontains $_ })) {
        $checks.Add(@{ Path = $path; Owned = $false; Binary = $true })
    }
    foreach ($path in @($OtherPath | Where-Object -FilterScript { $_ -and $OwnedPath -notcontains $_ -and $BinaryFolder -notcontains $_ })) {
        $checks.Add(@{ Path = $path; Owned = $false; Binary = $false })
    }
    $problems = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($check in $checks) {
        $verdict = Get-SvcForgeDirectoryProblem -Path $check.Path -Owned $check.Owned -BinaryFolder $check.Binary -Ledger $ledger
        if ($verdict.Problem) {
            $problems.Add($verdict.Problem)
        }
    }
    if ($problems.Count -gt 0) {
        throw (New-SvcForgeErrorRecord -Message ("nothing was changed: " + ($problems -join '; ')) -Step $Step -ErrorId 'SvcForge.UnsafeFolder' -Category PermissionDenied)
    }
    New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$($checks.Count) folders are safe to set: $(@($checks | ForEach-Object -Process { $_.Path }) -join ', ')"
}
