function Get-SvcForgeRestartReason {
    # The restart reasons recorded in this run for one service (its own and those of every
    # service), each once, sorted (one string per reason; none when there is none).
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Name
    )
    (Get-SvcForgeRestartState).Reasons |
        Where-Object -FilterScript { $_.Service -eq '' -or $_.Service -eq $Name } |
        ForEach-Object -Process { [string]$_.Reason } |
        Sort-Object -Unique
}
