function Set-SvcForgeSecretFile {
    <#
    .SYNOPSIS
    Ensures the service's secrets file holds exactly the given DPAPI blobs, readable only
    by Administrators, SYSTEM and the service account.

    .DESCRIPTION
    Test-then-set step. The file holds one NAME=BLOB line per secret (names sorted,
    CRLF line ends, ASCII), where BLOB is what svcforge-host.exe protect printed: the
    value encrypted with DPAPI, machine scope. This function never sees a value in
    clear, only blobs. The content is written only when it differs. The ACL is
    compared and set like Set-SvcForgeDirectory does (same helper): inheritance
    disabled, Administrators (S-1-5-32-544) and SYSTEM (S-1-5-18) FullControl,
    ReadAccount Read, and no other entry. A new file is created empty and locked down
    before the blobs are written into it. Returns one step record; its detail names
    the secrets, never their blobs.

    .PARAMETER Path
    Absolute Windows path of the secrets file, for example
    C:\ProgramData\svcforge\gin-hello\secrets.dat. Its folder must exist.

    .PARAMETER Entry
    Hashtable: secret name -> base64 blob from svcforge-host.exe protect.

    .PARAMETER ReadAccount
    Accounts that get Read, typically the service account (NT SERVICE\<name>).

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeSecretFile -Path 'C:\ProgramData\svcforge\gin-hello\secrets.dat' -Entry @{ API_TOKEN = $blob } -ReadAccount 'NT SERVICE\gin-hello' -Step 'secrets'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$Path,

        [Parameter(Mandatory)]
        [ValidateNotNull()]
        [hashtable]$Entry,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string[]]$ReadAccount,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'secrets'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $names = @($Entry.Keys | ForEach-Object -Process { [string]$_ } | Sort-Object -CaseSensitive)
    if ($names.Count -eq 0) {
        throw (New-SvcForgeErrorRecord -Message "no secrets given for '$Path'" -Step $Step -ErrorId 'SvcForge.NoSecrets')
    }
    $lines = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($name in $names) {
        $blob = [string]$Entry[$name]
        if ($name -cnotmatch '^[A-Za-z_][A-Za-z0-9_]*$') {
            throw (New-SvcForgeErrorRecord -Message "secret name '$name' must match [A-Za-z_][A-Za-z0-9_]*" -Step $Step -ErrorId 'SvcForge.BadSecretName')
        }
        if ($blob -cnotmatch '^[A-Za-z0-9+/]+={0,2}$') {
            throw (New-SvcForgeErrorRecord -Message "secret $name is not a base64 blob from svcforge-host.exe protect" -Step $Step -ErrorId 'SvcForge.BadSecretBlob')
        }
        $lines.Add($name + '=' + $blob)
    }
    $content = ($lines -join "`r`n") + "`r`n"

    if (Test-Path -LiteralPath $Path -PathType Container) {
        throw (New-SvcForgeErrorRecord -Message "cannot write secrets file '$Path': it is a directory" -Step $Step -ErrorId 'SvcForge.PathIsDirectory')
    }
    $exists = Test-Path -LiteralPath $Path -PathType Leaf

    # Which secrets differ (by name; the blobs themselves never go in a record).
    $current = @{}
    $text = ''
    if ($exists) {
        $text = Get-Content -LiteralPath $Path -Raw -Encoding UTF8
        foreach ($line in @(([string]$text) -split "`r?`n")) {
            if ($line -cmatch '^([A-Za-z_][A-Za-z0-9_]*)=(.*)$') {
                $current[$Matches[1]] = $Matches[2]
            }
        }
    }
    $contentChanges = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($name in $names) {
        if (-not $current.ContainsKey($name)) {
            $contentChanges.Add("added secret $name")
        }
        elseif ($current[$name] -cne [string]$Entry[$name]) {
            $contentChanges.Add("changed secret $name")
        }
    }
    foreach ($name in @($current.Keys | Sort-Object -CaseSensitive)) {
        if ($names -cnotcontains $name) {
            $contentChanges.Add("removed secret $name")
        }
    }
    $rewrite = (-not $exists) -or ($contentChanges.Count -gt 0) -or ([string]$text -cne $content)
    if ($rewrite -and $contentChanges.Count -eq 0) {
        $contentChanges.Add('rewrote the file in canonical form')
    }

    $fullControl = [int64]0xF01FF
    $read = [int64]0x20089
    $wanted = New-Object -TypeName System.Collections.Generic.List[object]
    $candidates = @(
        @{ Identity = 'BUILTIN\Administrators'; Rights = $fullControl; RightsName = 'FullControl'; Perm = 'F' }
        @{ Identity = 'NT AUTHORITY\SYSTEM'; Rights = $fullControl; RightsName = 'FullControl'; Perm = 'F' }
    )
    foreach ($account in @($ReadAccount | Where-Object -FilterScript { $_ })) {
        $candidates += @{ Identity = $account; Rights = $read; RightsName = 'Read'; Perm = 'R' }
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
                IcaclsGrant    = $icaclsIdentity + ':' + $candidate.Perm
                IcaclsIdentity = $icaclsIdentity
            })
    }

    $aclChanges = @()
    if ($exists) {
        $plan = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray() -InheritanceFlags 0
        $aclChanges = @($plan.Changes)
    }
    else {
        $aclChanges = @($wanted | ForEach-Object -Process { "granted $($_.Identity) $($_.RightsName)" }) + @('disabled inheritance')
    }
    if (-not $rewrite -and $aclChanges.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "$Path holds $($names.Count) secret(s) ($($names -join ', ')) with the wanted ACL"
    }
    $changes = @($contentChanges) + $aclChanges
    $summary = $changes -join '; '
    if ($rewrite) {
        # svcforge-host.exe decrypts the secrets when it starts the program (an ACL change alone is no reason).
        Add-SvcForgeRestartReason -Reason 'secrets'
    }
    if (-not $PSCmdlet.ShouldProcess($Path, "Write secrets file ($summary)")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would update ${Path}: $summary" -Changes $changes
    }

    $hint = 'Check that the path is on an NTFS volume and that this process runs elevated'
    try {
        if (-not $exists) {
            # Empty first, locked down, then the blobs: never readable under the folder's ACL.
            $null = New-Item -ItemType File -Path $Path -Force
        }
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "could not create secrets file '${Path}': $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.CreateFileFailed' -InnerException $_.Exception)
    }
    $plan = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray() -InheritanceFlags 0
    if ($plan.Changes.Count -gt 0) {
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
        $after = Get-SvcForgeAclPlan -Path $Path -Wanted $wanted.ToArray() -InheritanceFlags 0
        if ($after.Changes.Count -gt 0) {
            throw (New-SvcForgeErrorRecord -Message "the ACL of '$Path' still differs after icacls.exe: $($after.Changes -join '; '). Inspect it with: icacls.exe `"$Path`"" -Step $Step -ErrorId 'SvcForge.AclNotApplied')
        }
    }
    if ($rewrite) {
        try {
            Set-Content -LiteralPath $Path -Value $content -NoNewline -Encoding Ascii
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not write secrets file '${Path}': $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.WriteFileFailed' -InnerException $_.Exception)
        }
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "updated ${Path}: $summary" -Changes $changes
}
