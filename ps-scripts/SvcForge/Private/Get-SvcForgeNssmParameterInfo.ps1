function Get-SvcForgeNssmParameterInfo {
    # How NSSM 2.24 stores each parameter SvcForge manages under
    # HKLM:\SYSTEM\CurrentControlSet\Services\<name>\Parameters, and what an absent value
    # means. NSSM deletes a value set to its default, so "absent" must compare equal to
    # the default or a second run would never be unchanged.
    #   String:   REG_EXPAND_SZ (NSSM expands %NAME% when it reads it); absent = ''
    #   Multi:    REG_MULTI_SZ, one NAME=VALUE per element; absent = none
    #   Dword:    REG_DWORD, decimal text in, number stored; absent = Default
    #   Priority: REG_DWORD priority class constant, set by name; absent = NORMAL
    #   Affinity: REG_SZ processor list in NSSM's canonical form (0,1,3; 0-2); absent = All
    #   Exit:     subkey Parameters\AppExit: (default) = action for any exit code, one
    #             REG_SZ value per exit code; absent default = Restart
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory)]
        [string]$Parameter
    )
    $table = @{
        'Application'          = @{ Kind = 'String'; Default = '' }
        'AppParameters'        = @{ Kind = 'String'; Default = '' }
        'AppDirectory'         = @{ Kind = 'String'; Default = '' }
        'AppStdout'            = @{ Kind = 'String'; Default = '' }
        'AppStderr'            = @{ Kind = 'String'; Default = '' }
        'AppEnvironmentExtra'  = @{ Kind = 'Multi'; Default = '' }
        'AppRotateFiles'       = @{ Kind = 'Dword'; Default = '0' }
        'AppRotateOnline'      = @{ Kind = 'Dword'; Default = '0' }
        'AppRotateBytes'       = @{ Kind = 'Dword'; Default = '0' }
        'AppRotateSeconds'     = @{ Kind = 'Dword'; Default = '0' }
        'AppStopMethodSkip'    = @{ Kind = 'Dword'; Default = '0' }
        'AppStopMethodConsole' = @{ Kind = 'Dword'; Default = '1500' }
        'AppRestartDelay'      = @{ Kind = 'Dword'; Default = '0' }
        'AppThrottle'          = @{ Kind = 'Dword'; Default = '1500' }
        'AppPriority'          = @{ Kind = 'Priority'; Default = 'NORMAL_PRIORITY_CLASS' }
        'AppAffinity'          = @{ Kind = 'Affinity'; Default = 'All' }
        'AppExit'              = @{ Kind = 'Exit'; Default = 'Restart' }
    }
    $table[$Parameter]
}
