function Remove-SvcForgeLeftover {
    # Deletes files left by earlier replacements (<name>.old-*, <name>.new-*); a file still
    # in use (a running exe) stays for a later run. Returns the paths it deleted.
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [string[]]$Path
    )
    foreach ($file in $Path) {
        try {
            Remove-Item -LiteralPath $file -Force -ErrorAction Stop
            $file
        }
        catch {
            Write-Verbose -Message "leftover $file is still in use: $($_.Exception.Message)"
        }
    }
}
