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

    Accounts: NT SERVICE\<name> (virtual account, no password), NT AUTHORITY\LocalService,
    NT AUTHORITY\NetworkService, LocalSystem, DOMAIN\gmsa$ (group managed service
    account, no password; virtual and managed accounts are given no password at all,
    the built-in ones an empty one) or DOMAIN\user (Credential required; the password is only
    passed to the SCM and never written anywhere). For an existing service running as
    the same user the password is not re-applied.

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
        $current = Get-SvcForgeServiceState -Name $Name
        if ($null -eq $current) {
            throw (New-SvcForgeErrorRecord -Message "New-Service reported success but service '$Name' cannot be read back from Win32_Service; check the System event log" -Step $Step -ErrorId 'SvcForge.CreateServiceFailed')
        }
    }

    $plan = Get-SvcForgeServicePlan -Current $current -DisplayName $DisplayName -Description $Description -BinaryPath $BinaryPath -StartupType $StartupType -DependsOn $DependsOn -Account $Account
    if ($plan.Changes.Count -eq 0) {
        if ($created) {
            return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "created service $Name" -Changes $changes.ToArray()
        }
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "service $Name is configured as wanted"
    }
    foreach ($change in $plan.Changes) {
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
        $detail = "would update service ${Name}: $($plan.Changes -join '; ')"
        if ($created) {
            $detail = "created service $Name; would update: $($plan.Changes -join '; ')"
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
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail $detail -Changes $changes.ToArray()
}
