function Get-SvcForgeRestartState {
    # The restart reasons of the current install run and whether a restart is deferred,
    # held in the module scope (created on first use: the source loader and the merged
    # bundle module both get it). Add-SvcForgeRestartReason writes it,
    # Reset-SvcForgeRestartReason empties it, Start-SvcForgeService reads it.
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()
    if ($null -eq (Get-Variable -Name 'SvcForgeRestart' -Scope Script -ErrorAction SilentlyContinue)) {
        $script:SvcForgeRestart = @{
            Reasons = New-Object -TypeName System.Collections.Generic.List[object]
            Defer   = $false
        }
    }
    $script:SvcForgeRestart
}
