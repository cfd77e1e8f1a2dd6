function Get-SvcForgeServiceRegistry {
    # The one place the module reads a service's registry key
    # (HKLM:\SYSTEM\CurrentControlSet\Services\<name>): DelayedAutostart, DependOnService,
    # FailureActions, FailureActionsOnNonCrashFailures, ServiceSidType; with -SubKey a key
    # below it (NSSM's 'Parameters' and 'Parameters\AppExit'). Returns $null when the key
    # does not exist. Only Get-ItemProperty is used, so the test shim can answer it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter()]
        [ValidatePattern('^[A-Za-z]+(\\[A-Za-z]+)*$')]
        [string]$SubKey
    )
    $key = 'HKLM:\SYSTEM\CurrentControlSet\Services\' + $Name
    if ($SubKey) {
        $key = $key + '\' + $SubKey
    }
    Get-ItemProperty -LiteralPath $key -ErrorAction SilentlyContinue
}
