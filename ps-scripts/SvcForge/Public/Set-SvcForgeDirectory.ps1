function Set-SvcForgeDirectory {
    <#
    .SYNOPSIS
    Ensures a directory exists with the permissions svcforge wants, on its own folders only.

    .DESCRIPTION
    Test-then-set step. Checks first (Get-SvcForgeDirectoryProblem, the same check as
    Assert-SvcForgeDirectorySafe) and changes nothing when the folder is refused: a system
    folder, one of svcforge's own folders owned by someone else, or a folder the service's
    binary lives in that a non-administrator can change.

    A folder svcforge owns (Owned, one it creates now, or one the ledger says it created)
    gets an exclusive ACL: owner Administrators, inheritance disabled, Administrators
    (S-1-5-32-544) and SYSTEM (S-1-5-18) FullControl, the optional ModifyAccount with
    Modify and the optional ReadAccount with ReadAndExecute, all inherited by subfolders
    and files, and no other entry (Users or Authenticated Users write access is removed).
    When svcforge takes such a folder (sets its owner or disables its inheritance) the
    owner and ACL of everything below it are reset too, so nothing planted keeps an entry
    of its own (KeepChildAcl: not for the shared C:\ProgramData\svcforge root).

    A folder that exists and svcforge does not own (the program's folder, a logs.dir the
    spec names) keeps its inheritance and every entry: svcforge only adds the service
    accounts' entries, and records the folder's original SDDL in the ledger first, so
    Restore-SvcForgeDirectoryAcl gives it back at uninstall.

    The ACL is read with Get-Acl and changed with icacls.exe; a virtual account
    (NT SERVICE\<name>) is granted by SID, so this works before the service exists.
    Returns one step record.

    .PARAMETER Path
    Absolute Windows path of the directory, for example C:\ProgramData\svcforge\gin-hello\logs.

    .PARAMETER Step
    The step id put in the returned record.

    .PARAMETER ModifyAccount
    Accounts that get Modify (read, write, delete) on the directory, typically the
    service accounts for the log directory.

    .PARAMETER ReadAccount
    Accounts that get ReadAndExecute, typically the service accounts for the program
    directory.

    .PARAMETER Owned
    $true for svcforge's own folders (under C:\ProgramData\svcforge or
    C:\Program Files\svcforge): exclusive ACL even when the folder exists already.

    .PARAMETER BinaryFolder
    $true when an executable the service runs lives here: a folder svcforge does not own
    is then refused while a non-administrator can change it.

    .PARAMETER LedgerFile
    The service's folder ledger (C:\ProgramData\svcforge\<name>\folders.json): which
    folders svcforge created, and the original SDDL of those it did not.

    .PARAMETER KeepChildAcl
    $true to leave what is below the folder alone when svcforge takes it (the shared root).

    .EXAMPLE
    Set-SvcForgeDirectory -Path 'C:\ProgramData\svcforge\gin-hello\logs' -Step 'dir-logs' -ModifyAccount 'NT SERVICE\gin-hello' -Owned $true

    .EXAMPLE
    Set-SvcForgeDirectory -Path 'C:\apps\gin-hello' -Step 'program-dir' -ReadAccount 'NT SERVICE\gin-hello' -BinaryFolder $true -LedgerFile 'C:\ProgramData\svcforge\gin-hello\folders.json' -WhatIf
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[A-Za-z]:\\')]
        [string]$Path,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'directory',

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string[]]$ModifyAccount,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string[]]$ReadAccount,

        [Parameter()]
        [bool]$Owned = $false,

        [Parameter()]
        [bool]$BinaryFolder = $false,

        [Parameter()]
        [string]$LedgerFile,

        [Parameter()]
        [bool]$KeepChildAcl = $false
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    # Wanted entries, strongest first; a later entry for an identity already listed is dropped.
    $fullControl = [int64]0xF01FF
    $modify = [int64]0x301BF
    $readAndExecute = [int64]0x200A9
    $wanted = New-Object -TypeName System.Collections.Generic.List[object]
    $candidates = @(
        @{ Identity = 'BUILTIN\Administrators'; Rights = $fullControl; RightsName = 'FullControl'; Perm = 'F' }
        @{ Identity = 'NT AUTHORITY\SYSTEM'; Rights = $fullControl; RightsName = 'FullControl'; Perm = 'F' }
    )
    foreach ($account in @($ModifyAccount | Where-Object -FilterScript { $_ })) {
        $candidates += @{ Identity = $account; Rights = $modify; RightsName = 'Modify'; Perm = 'M' }
    }
    foreach ($account in @($ReadAccount | Where-Object -FilterScript { $_ })) {
        $candidates += @{ Identity = $account; Rights = $readAndExecute; RightsName = 'ReadAndExecute'; Perm = 'RX' }
    }
    foreach ($candidate in $candidates) {
        $key = Get-SvcForgeIdentityKey -Identity $candidate.Identity
        if (@($wanted | Where-Object -FilterScript { $_.Key -eq $key }).Count -gt 0) {
            continue
        }
        $sid = ConvertTo-SvcForgeSid -Account $candidate.Identity
        $icaclsIdentity = $candidate.Identity
        if ($sid) {
            $icaclsIdentity = '*' + $sid
        }
        $wanted.Add([pscustomobject]@{
                Identity       = $candidate.Identity
                Key            = $key
                Rights         = $candidate.Rights
                RightsName     = $candidate.RightsName
                IcaclsGrant    = $icaclsIdentity + ':(OI)(CI)' + $candidate.Perm
                IcaclsIdentity = $icaclsIdentity
            })
    }

    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $exists = Test-Path -LiteralPath $Path -PathType Container
    if (-not $exists -and (Test-Path -LiteralPath $Path)) {
        throw (New-SvcForgeErrorRecord -Message "cannot create directory '$Path': a file with that name exists; remove or rename it and run again" -Step $Step -ErrorId 'SvcForge.PathIsFile')
    }
    $ledger = Read-SvcForgeFolderLedger -Path $LedgerFile
    $verdict = Get-SvcForgeDirectoryProblem -Path $Path -Owned $Owned -BinaryFolder $BinaryFolder -Ledger $ledger
    if ($verdict.Problem) {
        throw (New-SvcForgeErrorRecord -Message "nothing was changed: $($verdict.Problem)" -Step $Step -ErrorId 'SvcForge.UnsafeFolder' -Category PermissionDenied)
    }
    if (-not $verdict.Owned) {
        # A folder svcforge does not own: add the service's entries, keep everything else.
        $foreign = Get-SvcForgeForeignAclPlan -Acl $verdict.Acl -Wanted $wanted.ToArray()
        if ($foreign.Changes.Count -eq 0) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "directory $Path (not svcforge's) grants the service what it needs; its other entries and inheritance are kept"
        }
        $detail = "$($foreign.Changes -join '; ') on $Path, not svcforge's folder: kept its inheritance and other entries"
        if (-not $PSCmdlet.ShouldProcess($Path, "Add the service's entries ($($foreign.Changes -join '; '))")) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would add: $detail" -Changes $foreign.Changes
        }
        $key = $Path.TrimEnd('\').ToLowerInvariant()
        if ($LedgerFile -and (-not $ledger.ContainsKey($key) -or $ledger[$key].restored)) {
            # Kept before the change, so uninstall can give the folder its descriptor back.
            $ledger[$key] = [pscustomobject]@{ path = $Path; created = $false; sddl = $verdict.Acl.Sddl; restored = $false }
            Save-SvcForgeFolderLedger -Path $LedgerFile -Ledger $ledger
        }
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/grant:r') + $foreign.Grants) -Step $Step -Hint 'Check that the path is on an NTFS volume and that this process runs elevated'
        $left = Get-SvcForgeForeignAclPlan -Acl (Get-SvcForgeDirectoryAcl -Path $Path) -Wanted $wanted.ToArray()
        if ($left.Changes.Count -gt 0) {
            throw (New-SvcForgeErrorRecord -Message "the ACL of '$Path' still lacks after icacls.exe: $($left.Changes -join '; '). Inspect it with: icacls.exe `"$Path`"" -Step $Step -ErrorId 'SvcForge.AclNotApplied')
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes $foreign.Changes
    }

    if (-not $exists) {
        $changes.Add('created directory')
        $changes.Add('owner BUILTIN\Administrators')
        foreach ($entry in $wanted) {
            $changes.Add("granted $($entry.Identity) $($entry.RightsName)")
        }
        $changes.Add('disabled inheritance')
        if (-not $PSCmdlet.ShouldProcess($Path, 'Create directory and set its owner and ACL')) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would create directory $Path and set its ACL" -Changes $changes.ToArray()
        }
        try {
            $null = New-Item -ItemType Directory -Path $Path -Force
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not create directory '${Path}': $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.CreateDirectoryFailed' -InnerException $_.Exception)
        }
        if ($LedgerFile) {
            $ledger[$Path.TrimEnd('\').ToLowerInvariant()] = [pscustomobject]@{ path = $Path; created = $true; sddl = ''; restored = $false }
            Save-SvcForgeFolderLedger -Path $LedgerFile -Ledger $ledger
        }
        $changes.Clear()
        $changes.Add('created directory')
    }

    $current = $verdict.Acl
    if ($null -eq $current) {
        $current = Get-SvcForgeDirectoryAcl -Path $Path
    }
    $plan = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray() -Acl $current
    $ownerChange = $current.OwnerKey -and ($current.OwnerKey -ne 'S-1-5-32-544')
    $planChanges = New-Object -TypeName System.Collections.Generic.List[string]
    if ($ownerChange) {
        $planChanges.Add("owner $($current.Owner) -> BUILTIN\Administrators")
    }
    foreach ($change in $plan.Changes) {
        $planChanges.Add($change)
    }
    # Taking a folder (first time): what is below it may carry entries or owners of its own.
    $resetChildren = (-not $KeepChildAcl) -and ($ownerChange -or $plan.DisableInheritance) -and
        (@(Get-ChildItem -LiteralPath $Path -Force | Select-Object -First 1).Count -gt 0)
    if ($resetChildren) {
        $planChanges.Add('reset the owner and ACL of everything below it')
    }
    if ($planChanges.Count -eq 0) {
        if ($exists) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "directory $Path exists with the wanted owner and ACL"
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "created directory $Path" -Changes $changes.ToArray()
    }
    foreach ($change in $planChanges) {
        $changes.Add($change)
    }
    if (-not $PSCmdlet.ShouldProcess($Path, "Set owner and ACL ($($planChanges -join '; '))")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set the ACL of ${Path}: $($planChanges -join '; ')" -Changes $changes.ToArray()
    }

    $hint = 'Check that the path is on an NTFS volume and that this process runs elevated'
    $administrators = '*S-1-5-32-544'
    if ($resetChildren) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList @($Path, '/setowner', $administrators, '/T', '/Q') -Step $Step -Hint $hint
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList @($Path, '/reset', '/T', '/Q') -Step $Step -Hint $hint
    }
    elseif ($ownerChange) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList @($Path, '/setowner', $administrators, '/Q') -Step $Step -Hint $hint
    }
    $grants = @($wanted | ForEach-Object -Process { $_.IcaclsGrant })
    $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/grant:r') + $grants) -Step $Step -Hint $hint
    if ($plan.DisableInheritance -or $resetChildren) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList @($Path, '/inheritance:r') -Step $Step -Hint $hint
    }
    # After /reset no explicit entry is left to remove.
    if (-not $resetChildren -and $plan.RemoveIdentities.Count -gt 0) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/remove') + $plan.RemoveIdentities) -Step $Step -Hint $hint
    }
    if (-not $resetChildren -and $plan.RemoveDenyIdentities.Count -gt 0) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/remove:d') + $plan.RemoveDenyIdentities) -Step $Step -Hint $hint
    }

    $afterAcl = Get-SvcForgeDirectoryAcl -Path $Path
    $after = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray() -Acl $afterAcl
    $afterOwner = $afterAcl.OwnerKey
    if ($after.Changes.Count -gt 0 -or ($afterOwner -and $afterOwner -ne 'S-1-5-32-544')) {
        $left = @($after.Changes)
        if ($afterOwner -and $afterOwner -ne 'S-1-5-32-544') {
            $left += "owner is $afterOwner"
        }
        throw (New-SvcForgeErrorRecord -Message "the ACL of '$Path' still differs after icacls.exe: $($left -join '; '). Inspect it with: icacls.exe `"$Path`"" -Step $Step -ErrorId 'SvcForge.AclNotApplied')
    }
    $verb = 'set the ACL of'
    if (-not $exists) {
        $verb = 'created directory and set the ACL of'
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$verb ${Path}: $($planChanges -join '; ')" -Changes $changes.ToArray()
}
