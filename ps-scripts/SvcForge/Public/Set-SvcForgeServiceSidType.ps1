function Set-SvcForgeServiceSidType {
    <#
    .SYNOPSIS
    Sets the service SID type (none, unrestricted or restricted) of a service.

    .DESCRIPTION
    Test-then-set step. Reads the registry value ServiceSidType (absent = None,
    1 = Unrestricted, 3 = Restricted) and, when it differs, sets it with
    'sc.exe sidtype'. An unrestricted service SID lets ACLs and firewall rules name
    NT SERVICE\<name>. Returns one step record.

    .PARAMETER Name
    The service name.

    .PARAMETER SidType
    None, Unrestricted or Restricted.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeServiceSidType -Name 'gin-hello' -SidType 'Unrestricted' -Step 'sidtype'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateSet('None', 'Unrestricted', 'Restricted')]
        [string]$SidType,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'sidtype'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $current = Get-SvcForgeServiceState -Name $Name
    if ($null -eq $current) {
        if ($WhatIfPreference) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set SID type of service $Name to $SidType (it does not exist yet)" -Changes @("SID type $SidType")
        }
        throw (New-SvcForgeErrorRecord -Message "cannot set the SID type: service '$Name' does not exist; create it first (Set-SvcForgeService)" -Step $Step -ErrorId 'SvcForge.ServiceMissing' -Category ObjectNotFound)
    }
    $value = [int](Get-SvcForgePropertyValue -InputObject $current.Registry -Name 'ServiceSidType' -Default 0)
    $names = @{ 0 = 'None'; 1 = 'Unrestricted'; 3 = 'Restricted' }
    $currentType = 'Unknown(' + $value + ')'
    if ($names.ContainsKey($value)) {
        $currentType = $names[$value]
    }
    if ($currentType -eq $SidType) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "SID type of service $Name is $SidType"
    }
    $change = "SID type $currentType -> $SidType"
    Add-SvcForgeRestartReason -Reason 'sid-type' -Service $Name
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", "Set SID type to $SidType")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set $change" -Changes @($change)
    }
    $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('sidtype', $Name, $SidType.ToLowerInvariant()) -Step $Step -Hint 'Check that this process runs elevated'
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "set $change" -Changes @($change)
}
