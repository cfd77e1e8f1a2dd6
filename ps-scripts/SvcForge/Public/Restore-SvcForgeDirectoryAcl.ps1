function Restore-SvcForgeDirectoryAcl {
    <#
    .SYNOPSIS
    Gives the folders svcforge did not create their original permissions back.

    .DESCRIPTION
    Test-then-set step used by uninstall. Install added the service's entries to folders
    it does not own (the program's folder, a logs.dir the spec names) and recorded each
    one's SDDL in the ledger before the change. This puts each such folder's DACL back as
    recorded (Get-Acl, SetSecurityDescriptorSddlForm with the Access section, Set-Acl:
    the owner is not touched) and marks it restored in the ledger, which keeps it listed
    as not svcforge's, so Remove-SvcForgeDirectory leaves it in place. A folder that no
    longer exists is dropped. Unchanged when there is nothing to restore.
    Returns one step record.

    .PARAMETER LedgerFile
    The service's folder ledger, C:\ProgramData\svcforge\<name>\folders.json.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Restore-SvcForgeDirectoryAcl -LedgerFile 'C:\ProgramData\svcforge\gin-hello\folders.json' -Step 'restore-acls'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$LedgerFile,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'restore-acls'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $ledger = Read-SvcForgeFolderLedger -Path $LedgerFile
    $foreign = @($ledger.Keys | Sort-Object | Where-Object -FilterScript { -not $ledger[$_].created -and -not $ledger[$_].restored })
    if ($foreign.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail 'no folder outside svcforge''s own has permissions to give back'
    }
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($key in $foreign) {
        $folder = $ledger[$key]
        if (-not (Test-Path -LiteralPath $folder.path -PathType Container)) {
            $changes.Add("forgot $($folder.path) (it no longer exists)")
        }
        else {
            $changes.Add("restored the original permissions of $($folder.path)")
        }
    }
    if (-not $PSCmdlet.ShouldProcess((@($foreign | ForEach-Object -Process { $ledger[$_].path }) -join ', '), 'Restore the original permissions')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would restore: $($changes -join '; ')" -Changes $changes.ToArray() -Action 'remove'
    }
    foreach ($key in $foreign) {
        $folder = $ledger[$key]
        if (Test-Path -LiteralPath $folder.path -PathType Container) {
            try {
                $acl = Get-Acl -LiteralPath $folder.path
                $acl.SetSecurityDescriptorSddlForm($folder.sddl, [System.Security.AccessControl.AccessControlSections]::Access)
                Set-Acl -LiteralPath $folder.path -AclObject $acl -WhatIf:$false -Confirm:$false
            }
            catch {
                throw (New-SvcForgeErrorRecord -Message "could not give '$($folder.path)' its original permissions back: $($_.Exception.Message). They are recorded in $LedgerFile (sddl); set them by hand with Set-Acl, or run uninstall again" -Step $Step -ErrorId 'SvcForge.RestoreAclFailed' -InnerException $_.Exception)
            }
            $folder.restored = $true
        }
        else {
            $ledger.Remove($key)
        }
        Save-SvcForgeFolderLedger -Path $LedgerFile -Ledger $ledger
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail ($changes -join '; ') -Changes $changes.ToArray() -Action 'remove'
}
