function Set-SvcForgeService {
    <#
    .SYNOPSIS
    Creates a Windows service or updates only the settings that differ.

    .DESCRIPTION
    Test-then-set step. Reads the service from CIM (Win32_Service) and its registry key
    (DelayedAutostart, DependOnService); when it does not exist, creates it with
    New-Service and then applies what New-Service cannot set on Windows PowerShell 5.1
    (account, delayed start). When it exists, changes only what differs:
    binary path and account through the CIM Change method (so a password never appears
    on a command line), display name and description with Set-Service, startup type and
    dependencies with sc.exe config. Re-reads the service afterwards and fails if a
    setting did not take. Returns one step record.

    Ownership: a service it creates gets svcforge's mark (the REG_SZ value SvcForge under
    HKLM:\SYSTEM\CurrentControlSet\Services\<name>). An existing service without the mark
    (Spooler, an administrator's own service, or one a svcforge older than the mark
    installed) is refused with SvcForge.ServiceNotOwned and left untouched, unless -Adopt
    is given: then it is marked and configured like one svcforge created.

    Accounts: NT SERVICE\<name> (virtual account, no password), NT AUTHORITY\LocalService,
    NT AUTHORITY\NetworkService, LocalSystem, DOMAIN\gmsa$ (group managed service
    account, no password; virtual and managed accounts are given no password at all,
    the built-in ones an empty one) or DOMAIN\user (Credential required; the password is only
    passed to the SCM and never written anywhere). For an existing service running as
    the same user, a given -Credential is applied again (password rotation): the SCM
    keeps the password it was given, which cannot be read back and compared, so the step
    reports the password as changed on every run that passes one. A running service
    keeps its logon session; the SCM uses the new password at its next start.

    .PARAMETER Name
    The service name (SCM key name).

    .PARAMETER DisplayName
    The display name shown in services.msc.

    .PARAMETER Description
    The service description.

    .PARAMETER BinaryPath
    The full command line the SCM starts, already quoted, for example
    "C:\ProgramData\svcforge\gin-hello\svcforge-host.exe" --config "C:\...\svcforge-host.conf".

    .PARAMETER StartupType
    Automatic, AutomaticDelayedStart, Manual or Disabled.

    .PARAMETER DependsOn
    Names of services that must start first. Empty for none.

    .PARAMETER Account
    The account the service runs as (see the description).

    .PARAMETER Credential
    The password of a DOMAIN\user account. Not used for the other account kinds.

    .PARAMETER Adopt
    Take over an existing service that svcforge did not create (see the description):
    mark it and configure it. Without it such a service is refused.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Set-SvcForgeService -Name 'gin-hello' -DisplayName 'Gin Hello API' -Description 'Serves the hello API' -BinaryPath '"C:\ProgramData\svcforge\gin-hello\svcforge-host.exe"' -StartupType 'AutomaticDelayedStart' -DependsOn @('Tcpip') -Account 'NT SERVICE\gin-hello' -Step 'service'

    .EXAMPLE
    Set-SvcForgeService -Name 'gin-hello' -DisplayName 'Gin Hello API' -Description '' -BinaryPath '"C:\apps\gin-hello.exe"' -StartupType 'Manual' -Account 'CONTOSO\svc-gin' -Credential (Get-Credential -UserName 'CONTOSO\svc-gin' -Message 'Service account password') -Step 'service'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateLength(1, 256)]
        [string]$DisplayName,

        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Description,

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$BinaryPath,

        [Parameter(Mandatory)]
        [ValidateSet('Automatic', 'AutomaticDelayedStart', 'Manual', 'Disabled')]
        [string]$StartupType,

        [Parameter()]
        [AllowEmptyCollection()]
        [string[]]$DependsOn = @(),

        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Account,

        [Parameter()]
        [System.Management.Automation.PSCredential]
        [System.Management.Automation.Credential()]
        $Credential = [System.Management.Automation.PSCredential]::Empty,

        [Parameter()]
        [switch]$Adopt,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'service'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $DependsOn = @($DependsOn | Where-Object -FilterScript { -not [string]::IsNullOrWhiteSpace($_) })
    $accountKey = ConvertTo-SvcForgeAccountKey -Account $Account
    $isUserAccount = -not (($accountKey -in @('LOCALSYSTEM', 'LOCALSERVICE', 'NETWORKSERVICE')) -or $accountKey.StartsWith('NT SERVICE\') -or $accountKey.EndsWith('$'))
    $hasCredential = ($null -ne $Credential) -and ($Credential -ne [System.Management.Automation.PSCredential]::Empty)
    # Under -WhatIf nothing is handed to the SCM, so no password is needed to say what would change.
    if ($isUserAccount -and -not $hasCredential -and -not $WhatIfPreference) {
        throw (New-SvcForgeErrorRecord -Message "service '$Name' is to run as '$Account', a user account: pass its password with -Credential (it is never stored), or use a virtual account (NT SERVICE\$Name) or a gMSA (DOMAIN\name$)" -Step $Step -ErrorId 'SvcForge.CredentialRequired' -Category InvalidArgument)
    }

    $current = Get-SvcForgeServiceState -Name $Name
    $changes = New-Object -TypeName System.Collections.Generic.List[string]
    $created = $false
    # A service of this name that svcforge did not create is refused before anything changes.
    if ($null -ne $current -and (Test-SvcForgeServiceOwned -Current $current -Action 'reconfigure' -Adopt:$Adopt -Step $Step)) {
        $changes.Add('adopted service')
        if ($PSCmdlet.ShouldProcess("service '$Name'", 'Adopt (mark it as managed by svcforge)')) {
            Set-SvcForgeServiceMarker -Name $Name -Step $Step
        }
    }
    if ($null -eq $current) {
        $changes.Add('created service')
        if (-not $PSCmdlet.ShouldProcess("service '$Name'", "Create (binary path $BinaryPath, account $Account, startup $StartupType)")) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would create service $Name (account $Account, startup $StartupType)" -Changes @('created service', "account $Account", "startup $StartupType")
        }
        $createStartup = $StartupType
        if ($StartupType -eq 'AutomaticDelayedStart') {
            $createStartup = 'Automatic'
        }
        $newServiceParameters = @{
            Name           = $Name
            BinaryPathName = $BinaryPath
            DisplayName    = $DisplayName
            StartupType    = $createStartup
        }
        if ($Description) {
            $newServiceParameters['Description'] = $Description
        }
        if ($DependsOn.Count -gt 0) {
            $newServiceParameters['DependsOn'] = [string[]]$DependsOn
        }
        try {
            $null = New-Service @newServiceParameters
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not create service '$Name' with New-Service: $($_.Exception.Message). Check that the name is not used by another service (Get-Service -Name '$Name') and that this process runs elevated" -Step $Step -ErrorId 'SvcForge.CreateServiceFailed' -InnerException $_.Exception)
        }
        $created = $true
        # Marked first, so that a failure further on still leaves a service svcforge may fix or remove.
        Set-SvcForgeServiceMarker -Name $Name -Step $Step
        $current = Get-SvcForgeServiceState -Name $Name
        if ($null -eq $current) {
            throw (New-SvcForgeErrorRecord -Message "New-Service reported success but service '$Name' cannot be read back from Win32_Service; check the System event log" -Step $Step -ErrorId 'SvcForge.CreateServiceFailed')
        }
    }

    $plan = Get-SvcForgeServicePlan -Current $current -DisplayName $DisplayName -Description $Description -BinaryPath $BinaryPath -StartupType $StartupType -DependsOn $DependsOn -Account $Account
    # Rotation: the SCM's copy of a user account's password cannot be read and compared, so
    # a given password is applied again whenever the account itself does not change (when
    # it does, the account change below carries the password).
    $passwordChange = $null
    if ($isUserAccount -and $hasCredential -and -not $plan.Account) {
        $passwordChange = "password of $Account applied again"
    }
    $wanted = @($plan.Changes)
    if ($passwordChange) {
        $wanted += $passwordChange
    }
    if ($wanted.Count -eq 0) {
        if ($changes.Count -gt 0) {
            $verb = 'adopted'
            if ($created) {
                $verb = 'created'
            }
            if (-not $created -and $WhatIfPreference) {
                $verb = 'would adopt'
            }
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "$verb service $Name" -Changes $changes.ToArray()
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name is configured as wanted"
    }
    foreach ($change in $wanted) {
        $changes.Add($change)
    }
    if (-not $created -and ($plan.BinaryPath -or $plan.Account)) {
        # The SCM reads the binary path and the account only when it starts the service.
        Add-SvcForgeRestartReason -Reason 'service-config' -Service $Name
    }

    $applied = New-Object -TypeName System.Collections.Generic.List[string]
    $target = "service '$Name'"

    $cimArguments = @{}
    if ($plan.BinaryPath -and $PSCmdlet.ShouldProcess($target, "Set binary path to $BinaryPath")) {
        $cimArguments['PathName'] = $BinaryPath
    }
    if ($plan.Account -and $PSCmdlet.ShouldProcess($target, "Set account to $Account")) {
        $cimArguments['StartName'] = $Account
        if ($accountKey -eq 'LOCALSYSTEM') {
            $cimArguments['StartName'] = 'LocalSystem'
            $cimArguments['StartPassword'] = ''
        }
        elseif ($isUserAccount) {
            $cimArguments['StartPassword'] = $Credential.GetNetworkCredential().Password
        }
        elseif ($accountKey -in @('LOCALSERVICE', 'NETWORKSERVICE')) {
            $cimArguments['StartPassword'] = ''
        }
        # A virtual account (NT SERVICE\<name>) or a gMSA (DOMAIN\name$) gets no StartPassword
        # at all: ChangeServiceConfigW requires lpPassword = NULL for them, not ''.

    }
    # Not a restart reason: the running service keeps its logon session, and the SCM logs
    # on with the new password at the next start.
    if ($passwordChange -and $PSCmdlet.ShouldProcess($target, "Apply the password of $Account again")) {
        $cimArguments['StartName'] = $Account
        $cimArguments['StartPassword'] = $Credential.GetNetworkCredential().Password
    }
    if ($cimArguments.Count -gt 0) {
        $cimService = Get-CimInstance -ClassName 'Win32_Service' -Filter ('Name=' + (ConvertTo-SvcForgeWqlString -Value $Name))
        try {
            $result = Invoke-CimMethod -InputObject $cimService -MethodName 'Change' -Arguments $cimArguments
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not change service '$Name' through Win32_Service.Change: $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.ChangeServiceFailed' -InnerException $_.Exception)
        }
        finally {
            $cimArguments.Remove('StartPassword')
        }
        $returnValue = [int](Get-SvcForgePropertyValue -InputObject $result -Name 'ReturnValue' -Default 0)
        if ($returnValue -ne 0) {
            $hint = 'see the Win32_Service Change method return codes'
            if ($returnValue -eq 22) {
                $hint = "the account '$Account' is not valid here: check its name (and that a gMSA is installed on this host with Install-ADServiceAccount)"
            }
            elseif ($returnValue -eq 2) {
                $hint = 'access denied: run elevated'
            }
            throw (New-SvcForgeErrorRecord -Message "Win32_Service.Change on service '$Name' ($(@($cimArguments.Keys) -join ', ')) returned $returnValue; $hint" -Step $Step -ErrorId 'SvcForge.ChangeServiceFailed')
        }
        if ($plan.BinaryPath) {
            $applied.Add($plan.BinaryPath)
        }
        if ($plan.Account) {
            $applied.Add($plan.Account)
        }
        if ($passwordChange) {
            $applied.Add($passwordChange)
        }
    }

    $setServiceParameters = @{}
    if ($plan.DisplayName -and $PSCmdlet.ShouldProcess($target, "Set display name to $DisplayName")) {
        $setServiceParameters['DisplayName'] = $DisplayName
        $applied.Add($plan.DisplayName)
    }
    if ($plan.Description -and $PSCmdlet.ShouldProcess($target, 'Set description')) {
        $setServiceParameters['Description'] = $Description
        $applied.Add($plan.Description)
    }
    if ($setServiceParameters.Count -gt 0) {
        try {
            Set-Service -Name $Name @setServiceParameters
        }
        catch {
            throw (New-SvcForgeErrorRecord -Message "could not set $(@($setServiceParameters.Keys) -join ' and ') of service '$Name' with Set-Service: $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.SetServiceFailed' -InnerException $_.Exception)
        }
    }

    if ($plan.StartupType -and $PSCmdlet.ShouldProcess($target, "Set startup type to $StartupType")) {
        $scStart = @{ Automatic = 'auto'; AutomaticDelayedStart = 'delayed-auto'; Manual = 'demand'; Disabled = 'disabled' }[$StartupType]
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('config', $Name, 'start=', $scStart) -Step $Step -Hint 'Check that this process runs elevated'
        $applied.Add($plan.StartupType)
    }
    if ($plan.DependsOn -and $PSCmdlet.ShouldProcess($target, "Set dependencies to $($DependsOn -join ', ')")) {
        $dependArgument = '/'
        if ($DependsOn.Count -gt 0) {
            $dependArgument = $DependsOn -join '/'
        }
        $null = Invoke-SvcForgeNative -FilePath 'sc.exe' -ArgumentList @('config', $Name, 'depend=', $dependArgument) -Step $Step -Hint 'Check that every dependency names an installed service (Get-Service -Name <name>)'
        $applied.Add($plan.DependsOn)
    }

    if ($applied.Count -eq 0) {
        $detail = "would update service ${Name}: $($wanted -join '; ')"
        if ($created) {
            $detail = "created service $Name; would update: $($wanted -join '; ')"
        }
        elseif ($changes[0] -eq 'adopted service') {
            $detail = "would adopt service $Name and update: $($wanted -join '; ')"
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes $changes.ToArray()
    }

    if (-not $WhatIfPreference) {
        $after = Get-SvcForgeServiceState -Name $Name
        $verify = Get-SvcForgeServicePlan -Current $after -DisplayName $DisplayName -Description $Description -BinaryPath $BinaryPath -StartupType $StartupType -DependsOn $DependsOn -Account $Account
        if ($verify.Changes.Count -gt 0) {
            throw (New-SvcForgeErrorRecord -Message "service '$Name' still differs after the update: $($verify.Changes -join '; '). Inspect it with: Get-CimInstance -ClassName Win32_Service -Filter `"Name='$Name'`"" -Step $Step -ErrorId 'SvcForge.ServiceNotUpdated')
        }
    }
    $detail = "updated service ${Name}: $($applied -join '; ')"
    if ($created) {
        $detail = "created service $Name ($($applied -join '; '))"
    }
    elseif ($changes[0] -eq 'adopted service') {
        $detail = "adopted service ${Name}: $($applied -join '; ')"
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes $changes.ToArray()
}
