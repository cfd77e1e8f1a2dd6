function Get-SvcForgeDeployLockState {
    # The deploy lock this module instance holds ($script:SvcForgeDeployLock: Path, Name,
    # Stream), or $null when it holds none.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()
    $variable = Get-Variable -Name 'SvcForgeDeployLock' -Scope Script -ErrorAction SilentlyContinue
    if ($null -eq $variable -or $null -eq $variable.Value) {
        return $null
    }
    $variable.Value
}
