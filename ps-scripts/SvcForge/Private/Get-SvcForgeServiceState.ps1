function Get-SvcForgeServiceState {
    # Current configuration and state of one service, from CIM (Win32_Service) plus its
    # registry key; $null when the service does not exist. Never parses sc.exe output.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Name
    )
    $filter = 'Name=' + (ConvertTo-SvcForgeWqlString -Value $Name)
    $cim = @(Get-CimInstance -ClassName 'Win32_Service' -Filter $filter)
    if ($cim.Count -eq 0 -or $null -eq $cim[0]) {
        return $null
    }
    $service = $cim[0]
    $registry = Get-SvcForgeServiceRegistry -Name $Name

    $startMode = [string](Get-SvcForgePropertyValue -InputObject $service -Name 'StartMode' -Default '')
    $delayed = [int](Get-SvcForgePropertyValue -InputObject $registry -Name 'DelayedAutostart' -Default 0)
    switch ($startMode) {
        'Auto' {
            if ($delayed -eq 1) {
                $startupType = 'AutomaticDelayedStart'
            }
            else {
                $startupType = 'Automatic'
            }
        }
        'Automatic' {
            if ($delayed -eq 1) {
                $startupType = 'AutomaticDelayedStart'
            }
            else {
                $startupType = 'Automatic'
            }
        }
        default {
            $startupType = $startMode
        }
    }

    $dependsOn = @(Get-SvcForgePropertyValue -InputObject $registry -Name 'DependOnService' -Default @()) |
        Where-Object -FilterScript { -not [string]::IsNullOrEmpty([string]$_) } |
        ForEach-Object -Process { [string]$_ }

    [pscustomobject]@{
        Name                    = [string]$service.Name
        DisplayName             = [string](Get-SvcForgePropertyValue -InputObject $service -Name 'DisplayName' -Default '')
        Description             = [string](Get-SvcForgePropertyValue -InputObject $service -Name 'Description' -Default '')
        BinaryPath              = [string](Get-SvcForgePropertyValue -InputObject $service -Name 'PathName' -Default '')
        StartupType             = $startupType
        Account                 = [string](Get-SvcForgePropertyValue -InputObject $service -Name 'StartName' -Default '')
        State                   = [string](Get-SvcForgePropertyValue -InputObject $service -Name 'State' -Default 'Unknown')
        ProcessId               = [int](Get-SvcForgePropertyValue -InputObject $service -Name 'ProcessId' -Default 0)
        ExitCode                = [int](Get-SvcForgePropertyValue -InputObject $service -Name 'ExitCode' -Default 0)
        ServiceSpecificExitCode = [int](Get-SvcForgePropertyValue -InputObject $service -Name 'ServiceSpecificExitCode' -Default 0)
        DependsOn               = [string[]]@($dependsOn)
        # svcforge's mark on a service it created or adopted (Set-SvcForgeServiceMarker); '' when absent.
        Marker                  = [string](Get-SvcForgePropertyValue -InputObject $registry -Name 'SvcForge' -Default '')
        Registry                = $registry
    }
}
