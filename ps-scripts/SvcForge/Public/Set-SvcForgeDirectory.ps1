function Set-SvcForgeDirectory {
    <#
    .SYNOPSIS
    Ensures a directory exists with exactly the ACL svcforge wants.

    .DESCRIPTION
    Test-then-set step. Creates the directory when missing, then compares its ACL with
    the wanted one and changes only what differs: inheritance disabled, Administrators
    (S-1-5-32-544) and SYSTEM (S-1-5-18) FullControl, the optional ModifyAccount with
    Modify and the optional ReadAccount with ReadAndExecute, all inherited by
    subfolders and files, and no other entry (extra entries such as Users or
    Authenticated Users write access are removed). The ACL is read with Get-Acl and
    changed with icacls.exe; a virtual account (NT SERVICE\<name>) is granted by SID, so
    this works before the service exists. Returns one step record.

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

    .EXAMPLE
    Set-SvcForgeDirectory -Path 'C:\ProgramData\svcforge\gin-hello\logs' -Step 'dir-logs' -ModifyAccount 'NT SERVICE\gin-hello'

    .EXAMPLE
    Set-SvcForgeDirectory -Path 'C:\apps\gin-hello' -Step 'dir-install' -ReadAccount 'NT SERVICE\gin-hello' -WhatIf
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
        [string[]]$ReadAccount
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

    if (-not $exists) {
        $changes.Add('created directory')
        foreach ($entry in $wanted) {
            $changes.Add("granted $($entry.Identity) $($entry.RightsName)")
        }
        $changes.Add('disabled inheritance')
        if (-not $PSCmdlet.ShouldProcess($Path, 'Create directory and set its ACL')) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would create directory $Path and set its ACL" -Changes $changes.ToArray()
        }
        try {
            $null = New-Item -ItemType Directory -Path $Path -Force
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not create directory '${Path}': $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.CreateDirectoryFailed' -InnerException $_.Exception)
        }
        $changes.Clear()
        $changes.Add('created directory')
    }

    $plan = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray()
    if ($plan.Changes.Count -eq 0) {
        if ($exists) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "directory $Path exists with the wanted ACL"
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "created directory $Path" -Changes $changes.ToArray()
    }
    foreach ($change in $plan.Changes) {
        $changes.Add($change)
    }
    if (-not $PSCmdlet.ShouldProcess($Path, "Set ACL ($($plan.Changes -join '; '))")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set the ACL of ${Path}: $($plan.Changes -join '; ')" -Changes $changes.ToArray()
    }

    $hint = 'Check that the path is on an NTFS volume and that this process runs elevated'
    $grants = @($wanted | ForEach-Object -Process { $_.IcaclsGrant })
    $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/grant:r') + $grants) -Step $Step -Hint $hint
    if ($plan.DisableInheritance) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList @($Path, '/inheritance:r') -Step $Step -Hint $hint
    }
    if ($plan.RemoveIdentities.Count -gt 0) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/remove') + $plan.RemoveIdentities) -Step $Step -Hint $hint
    }
    if ($plan.RemoveDenyIdentities.Count -gt 0) {
        $null = Invoke-SvcForgeNative -FilePath 'icacls.exe' -ArgumentList (@($Path, '/remove:d') + $plan.RemoveDenyIdentities) -Step $Step -Hint $hint
    }

    $after = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray()
    if ($after.Changes.Count -gt 0) {
        throw (New-SvcForgeErrorRecord -Message "the ACL of '$Path' still differs after icacls.exe: $($after.Changes -join '; '). Inspect it with: icacls.exe `"$Path`"" -Step $Step -ErrorId 'SvcForge.AclNotApplied')
    }
    $verb = 'set the ACL of'
    if (-not $exists) {
        $verb = 'created directory and set the ACL of'
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$verb ${Path}: $($plan.Changes -join '; ')" -Changes $changes.ToArray()
}
