@{
    RootModule           = 'SvcForge.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0c7a1e-9d0f-4a59-8e58-2f3f6c1d9a41'
    Author               = 'svcforge'
    CompanyName          = 'svcforge'
    Copyright            = '(c) svcforge contributors'
    Description          = 'Test-then-set steps that install, inspect, open the firewall for and remove a program running as a Windows service. Used by the scripts svcforge renders and by its persistent session.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FunctionsToExport    = @(
        'Assert-SvcForgeAdministrator'
        'Assert-SvcForgeDirectorySafe'
        'Assert-SvcForgePortFree'
        'ConvertTo-SvcForgeRecordJson'
        'Copy-SvcForgeFile'
        'Enter-SvcForgeDeployLock'
        'Exit-SvcForgeDeployLock'
        'Expand-SvcForgeRelease'
        'Grant-SvcForgeServiceLogonRight'
        'Get-SvcForgeAccountRight'
        'Get-SvcForgeFirewallRule'
        'Get-SvcForgeReleaseState'
        'Get-SvcForgeStatus'
        'Get-SvcForgeWriteAccess'
        'New-SvcForgeStepRecord'
        'Read-SvcForgeReleaseManifest'
        'Resolve-SvcForgeReleaseProgram'
        'Restore-SvcForgeDirectoryAcl'
        'Remove-SvcForgeDirectory'
        'Remove-SvcForgeFile'
        'Remove-SvcForgeFirewallRule'
        'Remove-SvcForgeOldRelease'
        'Remove-SvcForgeService'
        'Remove-SvcForgeStaleInstance'
        'Reset-SvcForgeRestartReason'
        'Restart-SvcForgeRelease'
        'Set-SvcForgeCurrentRelease'
        'Set-SvcForgeDirectory'
        'Set-SvcForgeFirewallRule'
        'Set-SvcForgeNssmParameter'
        'Set-SvcForgeSecretFile'
        'Set-SvcForgeService'
        'Set-SvcForgeServiceRecovery'
        'Set-SvcForgeServiceSidType'
        'Start-SvcForgeService'
        'Stop-SvcForgeService'
        'Test-SvcForgePort'
        'Test-SvcForgeRelease'
        'Wait-SvcForgeReleaseGate'
    )
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags = @('Windows', 'Service', 'Firewall', 'svcforge')
        }
    }
}
