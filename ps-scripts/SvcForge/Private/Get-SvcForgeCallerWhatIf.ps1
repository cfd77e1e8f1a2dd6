function Get-SvcForgeCallerWhatIf {
    # Script-module functions do not see the caller's preference variables, so a rendered
    # script run with -WhatIf would not pass it on. Each state-changing public function
    # calls this with its own $PSCmdlet: an explicit -WhatIf wins, else the caller's
    # $WhatIfPreference is used.
    [CmdletBinding()]
    [OutputType([bool])]
    param(
        [Parameter(Mandatory)]
        [System.Management.Automation.PSCmdlet]$Cmdlet
    )
    if ($Cmdlet.MyInvocation.BoundParameters.ContainsKey('WhatIf')) {
        return [bool]$Cmdlet.MyInvocation.BoundParameters['WhatIf']
    }
    $callerValue = $Cmdlet.SessionState.PSVariable.GetValue('WhatIfPreference')
    if ($null -eq $callerValue) {
        return $false
    }
    return [bool]$callerValue
}
