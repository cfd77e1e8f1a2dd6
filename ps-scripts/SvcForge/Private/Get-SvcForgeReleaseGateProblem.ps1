function Get-SvcForgeReleaseGateProblem {
    # Why a status.json does not show the release passing, or $null when it does: the
    # supervisor runs that release, the program is running, and (when the spec has a
    # health check) the last check was healthy.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter()]
        [AllowNull()]
        [object]$Status,

        [Parameter(Mandatory)]
        [string]$Version,

        [Parameter(Mandatory)]
        [bool]$HealthChecked
    )
    if ($null -eq $Status) {
        return 'status.json is missing or unreadable (is the service running?)'
    }
    $release = Get-SvcForgePropertyValue -InputObject $Status -Name 'release' -Default $null
    $state = [string](Get-SvcForgePropertyValue -InputObject $Status -Name 'state' -Default 'unknown')
    $health = Get-SvcForgePropertyValue -InputObject $Status -Name 'last_health' -Default $null
    if ($release -cne $Version) {
        return "the supervisor runs release '$release', not $Version"
    }
    if ($state -ne 'running') {
        $restarts = Get-SvcForgePropertyValue -InputObject $Status -Name 'restarts' -Default 0
        $exitCode = Get-SvcForgePropertyValue -InputObject $Status -Name 'last_exit_code' -Default 'none'
        return "not running (state $state, restarts $restarts, last exit code $exitCode)"
    }
    if ($HealthChecked -and $health -cne 'healthy') {
        if ($null -eq $health) {
            return 'no health check has answered yet'
        }
        return "last_health '$health'"
    }
    return $null
}
