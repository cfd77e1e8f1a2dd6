function Read-SvcForgeFolderLedger {
    # The folders svcforge has changed for a service (<dataDir>\folders.json):
    # {"folders":[{"path":"C:\\apps\\x","created":false,"sddl":"O:BAD:...","restored":false}]}.
    # created: the folder did not exist and svcforge made it (it owns it: exclusive ACL,
    # removed at uninstall); else sddl is the descriptor it had before svcforge added its
    # entries, and restored says uninstall gave it back (the folder is still not
    # svcforge's: uninstall keeps it). Returns a hashtable keyed by the lower-case path.
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter()]
        [string]$Path
    )
    $ledger = @{}
    if (-not $Path -or -not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        return $ledger
    }
    try {
        $content = Get-Content -LiteralPath $Path -Raw -Encoding UTF8 | ConvertFrom-Json
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "cannot read '$Path', svcforge's record of the folders it changed: $($_.Exception.Message). Restore it from a backup or check the folders' ACLs by hand, then delete it" -ErrorId 'SvcForge.FolderLedgerUnreadable' -InnerException $_.Exception)
    }
    foreach ($folder in @(Get-SvcForgePropertyValue -InputObject $content -Name 'folders' -Default @())) {
        if ($null -eq $folder) {
            continue
        }
        $folderPath = [string](Get-SvcForgePropertyValue -InputObject $folder -Name 'path' -Default '')
        if (-not $folderPath) {
            continue
        }
        $ledger[$folderPath.TrimEnd('\').ToLowerInvariant()] = [pscustomobject]@{
            path     = $folderPath
            created  = [bool](Get-SvcForgePropertyValue -InputObject $folder -Name 'created' -Default $false)
            sddl     = [string](Get-SvcForgePropertyValue -InputObject $folder -Name 'sddl' -Default '')
            restored = [bool](Get-SvcForgePropertyValue -InputObject $folder -Name 'restored' -Default $false)
        }
    }
    $ledger
}
