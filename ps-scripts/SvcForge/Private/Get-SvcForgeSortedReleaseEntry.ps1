function Get-SvcForgeSortedReleaseEntry {
    # State entries newest deployedAt first (ISO UTC strings sort as text); entries never
    # deployed (no deployedAt) last.
    [CmdletBinding()]
    [OutputType([object])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [object[]]$Entries
    )
    $dated = @($Entries | Where-Object -FilterScript { $null -ne $_.deployedAt } | Sort-Object -Property @{ Expression = { [string]$_.deployedAt } } -Descending)
    $undated = @($Entries | Where-Object -FilterScript { $null -eq $_.deployedAt })
    $dated
    $undated
}
