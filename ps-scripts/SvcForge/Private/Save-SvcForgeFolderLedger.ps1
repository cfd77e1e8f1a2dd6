function Save-SvcForgeFolderLedger {
    # Writes the folder ledger (see Read-SvcForgeFolderLedger) in one piece, sorted by
    # path; with no folder left it deletes the file.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter(Mandatory)]
        [hashtable]$Ledger
    )
    if ($Ledger.Count -eq 0) {
        if (Test-Path -LiteralPath $Path -PathType Leaf) {
            Remove-Item -LiteralPath $Path -Force
        }
        return
    }
    $folders = @($Ledger.Keys | Sort-Object | ForEach-Object -Process { $Ledger[$_] })
    $text = ConvertTo-Json -InputObject ([pscustomobject]@{ folders = $folders }) -Depth 4
    Write-SvcForgeFileAtomically -Path $Path -Text $text
}
