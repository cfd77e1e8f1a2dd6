function Get-SvcForgeServiceRegistry {
    # The one place the module reads a service's registry key
    # (HKLM:\SYSTEM\CurrentControlSet\Services\<name>): DelayedAutostart, DependOnService,
    # FailureActions, FailureActionsOnNonCrashFailures, ServiceSidType. Returns $null when
    # the key does not exist. Only Get-ItemProperty is used, so the test shim can answer it.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Name
    )
    $key = 'HKLM:\SYSTEM\CurrentControlSet\Services\' + $Name
    Get-ItemProperty -LiteralPath $key -ErrorAction SilentlyContinue
}
