function Read-SvcForgeRestartPending {
    # The restart-pending marker Start-SvcForgeService writes when a restart is deferred:
    # {"reasons":["host-conf"],"since":"..."}. $null when there is none; a marker that
    # cannot be read still means a restart is pending (reason 'restart-pending').
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path
    )
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        return $null
    }
    $reasons = @('restart-pending')
    $since = $null
    try {
        $marker = Get-Content -LiteralPath $Path -Raw -Encoding UTF8 | ConvertFrom-Json
        $listed = @(Get-SvcForgePropertyValue -InputObject $marker -Name 'reasons' -Default @() | Where-Object -FilterScript { $_ -is [string] -and $_ })
        if ($listed.Count -gt 0) {
            $reasons = $listed
        }
        $value = Get-SvcForgePropertyValue -InputObject $marker -Name 'since' -Default ''
        if ($value -is [datetime]) {
            # PowerShell 7's ConvertFrom-Json turns an ISO 8601 string into a DateTime.
            $value = $value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
        }
        $since = [string]$value
    }
    catch {
        Write-Verbose -Message "restart-pending marker $Path is not JSON: $($_.Exception.Message)"
    }
    [pscustomobject]@{
        Reasons = [string[]]$reasons
        Since   = $since
    }
}
