function Set-SvcForgeServiceMarker {
    # Marks a service as svcforge's: the REG_SZ value 'SvcForge' (data: the service name)
    # under HKLM:\SYSTEM\CurrentControlSet\Services\<name>. Written right after
    # Set-SvcForgeService creates the service, or when -Adopt takes over one svcforge did
    # not create; Test-SvcForgeServiceOwned reads it back through the service state.
    #
    # Why a registry value and not "its binary is under svcforge's install folder": host
    # native runs the spec's own program wherever it lives (C:\apps\app.exe) and host nssm
    # the spec's nssm.exe, so the binary path cannot tell svcforge's service from an
    # administrator's; and a folder check would claim any service someone pointed into
    # that folder. The value lives in the service's own key, which 'sc.exe delete' removes
    # with the service, so a service created later under the same name by someone else is
    # never taken for svcforge's. Only administrators and SYSTEM may write the Services
    # keys, so a non-administrator cannot forge it. The SCM ignores values it does not know.
    [CmdletBinding()]
    [OutputType([void])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Name,

        [Parameter()]
        [string]$Step = ''
    )
    $key = 'HKLM:\SYSTEM\CurrentControlSet\Services\' + $Name
    try {
        $null = New-ItemProperty -LiteralPath $key -Name 'SvcForge' -PropertyType 'String' -Value $Name -Force -ErrorAction Stop
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "could not mark service '$Name' as svcforge's (registry value SvcForge under $key): $($_.Exception.Message). Check that this process runs elevated" -Step $Step -ErrorId 'SvcForge.MarkServiceFailed' -InnerException $_.Exception)
    }
}
