function Set-SvcForgeNssmParameter {
    <#
    .SYNOPSIS
    Sets one NSSM parameter of a service registered to run nssm.exe (host: nssm).

    .DESCRIPTION
    Test-then-set step for services whose binary is nssm.exe. Reads the parameter from
    the registry key HKLM:\SYSTEM\CurrentControlSet\Services\<name>\Parameters (AppExit
    from its subkey Parameters\AppExit), where NSSM keeps it, compares it with -Value
    and only when they differ runs 'nssm.exe set <name> <parameter> <value...>' (or
    'nssm.exe reset ...' when the wanted value is NSSM's default, which NSSM stores by
    deleting the value), checks the exit code and re-reads the registry to verify.
    nssm.exe's own output (UTF-16, localized) is never parsed. Returns one step record.

    NSSM manages a service only once Parameters\Application names a program: until then
    'nssm.exe set' refuses every parameter (exit code 1, "is not a valid NSSM service").
    'nssm.exe install' writes Application when it creates a service; SvcForge creates the
    service itself (Set-SvcForgeService), so for such a service the Application step writes
    that one value with 'reg.exe add ... /t REG_EXPAND_SZ', as 'nssm.exe install' would, and
    every other parameter fails until it is set (install.ps1 sets Application first).

    Values, as NSSM 2.24 takes them on its command line:
    Application, AppParameters, AppDirectory, AppStdout, AppStderr: one string
    (AppParameters is the CreateProcess-quoted argument string; NSSM expands %NAME%).
    AppEnvironmentExtra: NAME=VALUE strings, none to clear.
    AppRotateFiles, AppRotateOnline, AppRotateBytes, AppRotateSeconds, AppStopMethodSkip,
    AppStopMethodConsole, AppRestartDelay, AppThrottle: one whole number.
    AppPriority: one of REALTIME_, HIGH_, ABOVE_NORMAL_, NORMAL_, BELOW_NORMAL_ or
    IDLE_PRIORITY_CLASS. AppAffinity: All, or processor numbers in NSSM's canonical
    form (0,1,3 or 0-2,5; compared as the set of processors). AppExit: <code>=<action> strings, code Default or a number, action
    Restart, Ignore, Exit or Suicide; exit codes NSSM holds that are not listed are reset.

    .PARAMETER NssmPath
    Full path of nssm.exe (NSSM 2.24), the same file the service's binary path names.

    .PARAMETER Name
    The service name.

    .PARAMETER Parameter
    The NSSM parameter name, e.g. AppThrottle.

    .PARAMETER Value
    The wanted value; a list for AppEnvironmentExtra and AppExit (see the description).

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeNssmParameter -NssmPath 'C:\tools\nssm\nssm.exe' -Name 'gin-hello' -Parameter 'AppThrottle' -Value '300000' -Step 'nssm:gin-hello:AppThrottle'

    .EXAMPLE
    Set-SvcForgeNssmParameter -NssmPath 'C:\tools\nssm\nssm.exe' -Name 'gin-hello' -Parameter 'AppExit' -Value @('Default=Restart', '0=Exit') -Step 'nssm:gin-hello:AppExit'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)')]
        [string]$NssmPath,

        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateSet('Application', 'AppParameters', 'AppDirectory', 'AppStdout', 'AppStderr', 'AppEnvironmentExtra', 'AppRotateFiles', 'AppRotateOnline', 'AppRotateBytes', 'AppRotateSeconds', 'AppStopMethodSkip', 'AppStopMethodConsole', 'AppRestartDelay', 'AppThrottle', 'AppPriority', 'AppAffinity', 'AppExit')]
        [string]$Parameter,

        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$Value,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'nssm-parameter'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $info = Get-SvcForgeNssmParameterInfo -Parameter $Parameter
    $wanted = ConvertTo-SvcForgeNssmWanted -Parameter $Parameter -Kind $info.Kind -Value $Value -Step $Step
    $exists = $null -ne (Get-SvcForgeServiceRegistry -Name $Name)
    $operations = @(Get-SvcForgeNssmOperation -Name $Name -Parameter $Parameter -Info $info -Wanted $wanted -Exists $exists)
    if ($operations.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "NSSM $Parameter of service $Name is as wanted"
    }
    $changes = @($operations | ForEach-Object -Process { $_.Change })
    if (-not $exists) {
        if ($WhatIfPreference) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set NSSM $Parameter of service $Name (it does not exist yet)" -Changes $changes
        }
        throw (New-SvcForgeErrorRecord -Message "cannot set NSSM $Parameter`: service '$Name' does not exist; create it first (Set-SvcForgeService with the nssm.exe binary path)" -Step $Step -ErrorId 'SvcForge.ServiceMissing' -Category ObjectNotFound)
    }
    Add-SvcForgeRestartReason -Reason 'nssm' -Service $Name
    if (-not $PSCmdlet.ShouldProcess("service '$Name'", "Set NSSM $Parameter")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would set $($changes -join '; ')" -Changes $changes
    }
    if (-not (Test-Path -LiteralPath $NssmPath -PathType Leaf)) {
        throw (New-SvcForgeErrorRecord -Message "nssm.exe not found at $NssmPath; put NSSM 2.24's nssm.exe there (the 64-bit one on 64-bit Windows) or change nssm.path in the spec" -Step $Step -ErrorId 'SvcForge.NssmMissing' -Category ObjectNotFound)
    }
    # NSSM's own test (registry.cpp get_parameters): no Application, not an NSSM service.
    $application = [string](Get-SvcForgePropertyValue -InputObject (Get-SvcForgeServiceRegistry -Name $Name -SubKey 'Parameters') -Name 'Application' -Default '')
    $tool = $NssmPath
    $hint = 'Check that this process runs elevated and that nssm.path points at NSSM 2.24 or later'
    if ($application.Length -eq 0) {
        if ($Parameter -ne 'Application') {
            $message = "cannot set NSSM $Parameter of service $Name`: NSSM does not manage it yet (its Parameters key names no Application) and nssm.exe refuses every parameter until it does; set Application first (install.ps1 does, in the step before)"
            throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.NssmNotManaged' -Category InvalidOperation)
        }
        $tool = 'reg.exe'
        $hint = 'Check that this process runs elevated'
        $operations = @(@{
                Arguments = @('add', "HKLM\SYSTEM\CurrentControlSet\Services\$Name\Parameters", '/v', 'Application', '/t', 'REG_EXPAND_SZ', '/d', [string]$wanted, '/f')
                Change    = $changes[0]
            })
    }
    foreach ($operation in $operations) {
        $arguments = ConvertTo-SvcForgeNativeArgument -ArgumentList $operation.Arguments
        $null = Invoke-SvcForgeNative -FilePath $tool -ArgumentList $arguments -Step $Step -Hint $hint
    }
    $left = @(Get-SvcForgeNssmOperation -Name $Name -Parameter $Parameter -Info $info -Wanted $wanted -Exists $true)
    if ($left.Count -gt 0) {
        $message = "nssm.exe reported success but the registry still differs for service $Name`: $(@($left | ForEach-Object -Process { $_.Change }) -join '; ')"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.NssmNotApplied')
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "set $($changes -join '; ')" -Changes $changes
}
