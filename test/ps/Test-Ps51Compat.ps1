<#
.SYNOPSIS
Checks PowerShell files for syntax and commands that Windows PowerShell 5.1 lacks.

.DESCRIPTION
Parses each file with the real PowerShell parser ([System.Management.Automation.Language.Parser]::ParseFile)
and reports parse errors plus AST findings that would break on Windows PowerShell 5.1:
ternary ?:, null-coalescing ?? and ??=, null-conditional ?. / ?[], pipeline chains && and ||,
ForEach-Object -Parallel, a clean {} block, -replace with a script block, bare 'sc'
(Set-Content in 5.1: use sc.exe), aliases instead of full cmdlet names, 7-only cmdlets,
7-only parameters, and 7-only automatic variables ($IsWindows, $IsLinux, $IsMacOS,
$IsCoreCLR, $PSStyle). Writes one record per violation (File, Line, Column, Rule,
Message, Location 'file:line:col') and exits 1 when there is any, 0 otherwise.

.PARAMETER Path
Files to check (.ps1, .psm1, .psd1). Directories are searched recursively.

.EXAMPLE
./test/ps/Test-Ps51Compat.ps1 -Path ps-scripts/SvcForge
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory, Position = 0)]
    [string[]]$Path
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Windows PowerShell 5.1's built-in aliases (plus PowerShell 7's, from the running session).
$aliases51 = @(
    '%', '?', 'ac', 'asnp', 'cat', 'cd', 'CFS', 'chdir', 'clc', 'clear', 'clhy', 'cli', 'clp', 'cls', 'clv',
    'cnsn', 'compare', 'copy', 'cp', 'cpi', 'cpp', 'curl', 'cvpa', 'dbp', 'del', 'diff', 'dir', 'dnsn',
    'ebp', 'echo', 'epal', 'epcsv', 'epsn', 'erase', 'etsn', 'exsn', 'fc', 'fhx', 'fl', 'foreach', 'ft',
    'fw', 'gal', 'gbp', 'gc', 'gcb', 'gci', 'gcm', 'gcs', 'gdr', 'ghy', 'gi', 'gin', 'gjb', 'gl', 'gm', 'gmo',
    'gp', 'gps', 'gpv', 'group', 'gsn', 'gsnp', 'gsv', 'gtz', 'gu', 'gv', 'gwmi', 'h', 'history', 'icm',
    'iex', 'ihy', 'ii', 'ipal', 'ipcsv', 'ipmo', 'ipsn', 'irm', 'ise', 'iwmi', 'iwr', 'kill', 'lp', 'ls',
    'man', 'md', 'measure', 'mi', 'mount', 'move', 'mp', 'mv', 'nal', 'ndr', 'ni', 'nmo', 'npssc', 'nsn',
    'nv', 'ogv', 'oh', 'popd', 'ps', 'pushd', 'pwd', 'r', 'rbp', 'rcjb', 'rcsn', 'rd', 'rdr', 'ren', 'ri',
    'rjb', 'rm', 'rmdir', 'rmo', 'rni', 'rnp', 'rp', 'rsn', 'rsnp', 'rujb', 'rv', 'rvpa', 'rwmi', 'sajb',
    'sal', 'saps', 'sasv', 'sbp', 'scb', 'select', 'set', 'shcm', 'si', 'sl', 'sleep', 'sls', 'sort', 'sp',
    'spjb', 'spps', 'spsv', 'start', 'stz', 'sujb', 'sv', 'swmi', 'tee', 'trcm', 'type', 'wget', 'where',
    'wjb', 'write'
)
$aliasSet = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
foreach ($alias in $aliases51) { $null = $aliasSet.Add($alias) }
foreach ($alias in @(Get-Alias)) { $null = $aliasSet.Add($alias.Name) }

$commands7Only = @{
    'Remove-Service'       = 'Remove-Service does not exist in 5.1: use sc.exe delete'
    'Get-Error'            = 'Get-Error does not exist in 5.1'
    'Test-Json'            = 'Test-Json does not exist in 5.1'
    'Join-String'          = 'Join-String does not exist in 5.1: use -join'
    'Get-Uptime'           = 'Get-Uptime does not exist in 5.1'
    'ConvertFrom-Markdown' = 'ConvertFrom-Markdown does not exist in 5.1'
    'Show-Markdown'        = 'Show-Markdown does not exist in 5.1'
    'Get-MarkdownOption'   = 'Get-MarkdownOption does not exist in 5.1'
    'Set-MarkdownOption'   = 'Set-MarkdownOption does not exist in 5.1'
    'Get-PSSubsystem'      = 'Get-PSSubsystem does not exist in 5.1'
    'Enable-ExperimentalFeature' = 'experimental features do not exist in 5.1'
    'Disable-ExperimentalFeature' = 'experimental features do not exist in 5.1'
    'Get-ExperimentalFeature' = 'experimental features do not exist in 5.1'
}
$parameters7Only = @{
    'ForEach-Object'    = @('Parallel', 'ThrottleLimit', 'TimeoutSeconds', 'AsJob', 'UseNewRunspace')
    'ConvertFrom-Json'  = @('AsHashtable', 'Depth', 'NoEnumerate', 'DateKind')
    'ConvertTo-Json'    = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'Join-Path'         = @('AdditionalChildPath', 'Extension')
    'Split-Path'        = @('LeafBase', 'Extension')
    'Set-Service'       = @('Credential', 'SecurityDescriptorSddl', 'Force')
    'New-Service'       = @('SecurityDescriptorSddl')
    'Get-Content'       = @('AsByteStream')
    'Set-Content'       = @('AsByteStream')
    'Add-Content'       = @('AsByteStream')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHttpErrorCheck', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume', 'Form')
    'Invoke-RestMethod' = @('SkipCertificateCheck', 'Authentication', 'Token', 'SslProtocol', 'SkipHttpErrorCheck', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume', 'Form', 'StatusCodeVariable', 'ResponseHeadersVariable')
    'Start-Process'     = @('Environment')
    'Select-String'     = @('Raw', 'NoEmphasis')
    'Get-ChildItem'     = @('FollowSymlink')
    'Test-Connection'   = @('TargetName', 'Ping', 'Traceroute', 'MtuSize', 'TcpPort')
    'Sort-Object'       = @('Top', 'Bottom', 'Stable')
    'Import-Module'     = @('UseWindowsPowerShell', 'SkipEditionCheck')
    'Wait-Process'      = @('Any', 'PassThru')
}
$variables7Only = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR', 'PSStyle', 'EnabledExperimentalFeatures')

function New-Violation {
    param($File, $Extent, [string]$Rule, [string]$Message)
    $line = 0
    $column = 0
    if ($null -ne $Extent) {
        $line = $Extent.StartLineNumber
        $column = $Extent.StartColumnNumber
    }
    [pscustomobject]@{
        File     = $File
        Line     = $line
        Column   = $column
        Rule     = $Rule
        Message  = $Message
        Location = "${File}:${line}:${column}"
    }
}

function Test-File {
    param([string]$File)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($File, [ref]$tokens, [ref]$errors)
    foreach ($parseError in @($errors)) {
        New-Violation -File $File -Extent $parseError.Extent -Rule 'ParseError' -Message $parseError.Message
    }
    $all = $ast.FindAll({ $true }, $true)
    foreach ($node in $all) {
        $typeName = $node.GetType().Name
        switch ($typeName) {
            'TernaryExpressionAst' {
                New-Violation -File $File -Extent $node.Extent -Rule 'Ternary' -Message 'ternary ?: does not parse in 5.1: use if/else'
            }
            'PipelineChainAst' {
                New-Violation -File $File -Extent $node.Extent -Rule 'PipelineChain' -Message 'pipeline chains && and || do not parse in 5.1: use if ($?) or try/catch'
            }
            'BinaryExpressionAst' {
                if ($node.Operator.ToString() -eq 'QuestionQuestion') {
                    New-Violation -File $File -Extent $node.Extent -Rule 'NullCoalescing' -Message '?? does not parse in 5.1: use if ($null -eq ...)'
                }
                if ($node.Operator.ToString() -in @('Ireplace', 'Creplace', 'Replace') -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst]) {
                    foreach ($element in $node.Right.Elements) {
                        if ($element -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
                            New-Violation -File $File -Extent $node.Extent -Rule 'ReplaceScriptBlock' -Message '-replace with a script block is 6.1+: use [regex]::Replace with a MatchEvaluator'
                        }
                    }
                }
            }
            'AssignmentStatementAst' {
                if ($node.Operator.ToString() -eq 'QuestionQuestionEquals') {
                    New-Violation -File $File -Extent $node.Extent -Rule 'NullCoalescing' -Message '??= does not parse in 5.1'
                }
            }
            'MemberExpressionAst' {
                if ($node.NullConditional) {
                    New-Violation -File $File -Extent $node.Extent -Rule 'NullConditional' -Message '?. does not exist in 5.1'
                }
                if ($node.Member -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $node.Member.Value -eq 'BinaryPathName') {
                    New-Violation -File $File -Extent $node.Extent -Rule 'Property7Only' -Message 'Get-Service objects have no BinaryPathName in 5.1: read Win32_Service.PathName'
                }
            }
            'InvokeMemberExpressionAst' {
                if ($node.NullConditional) {
                    New-Violation -File $File -Extent $node.Extent -Rule 'NullConditional' -Message '?.() does not exist in 5.1'
                }
            }
            'IndexExpressionAst' {
                if ($node.NullConditional) {
                    New-Violation -File $File -Extent $node.Extent -Rule 'NullConditional' -Message '?[] does not exist in 5.1'
                }
            }
            'ScriptBlockAst' {
                if ($null -ne $node.PSObject.Properties['CleanBlock'] -and $null -ne $node.CleanBlock) {
                    New-Violation -File $File -Extent $node.CleanBlock.Extent -Rule 'CleanBlock' -Message 'clean {} blocks are 7.3+'
                }
            }
            'VariableExpressionAst' {
                $name = $node.VariablePath.UserPath
                if ($variables7Only -contains $name) {
                    New-Violation -File $File -Extent $node.Extent -Rule 'Variable7Only' -Message "`$$name does not exist in 5.1 (under Set-StrictMode it is an error)"
                }
            }
            'CommandAst' {
                $name = $node.GetCommandName()
                if (-not $name) {
                    continue
                }
                if ($name -ieq 'sc') {
                    New-Violation -File $File -Extent $node.Extent -Rule 'BareSc' -Message "'sc' is Set-Content in 5.1: write sc.exe"
                    continue
                }
                if ($aliasSet.Contains($name)) {
                    New-Violation -File $File -Extent $node.Extent -Rule 'Alias' -Message "'$name' is an alias: write the full cmdlet name"
                    continue
                }
                if ($commands7Only.ContainsKey($name)) {
                    New-Violation -File $File -Extent $node.Extent -Rule 'Command7Only' -Message $commands7Only[$name]
                }
                if ($parameters7Only.ContainsKey($name)) {
                    foreach ($element in $node.CommandElements) {
                        if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                            foreach ($parameter in $parameters7Only[$name]) {
                                # Parameter names may be abbreviated; a prefix of at least 3 letters counts.
                                $given = $element.ParameterName
                                if ($given.Length -ge 3 -and $parameter.StartsWith($given, [System.StringComparison]::OrdinalIgnoreCase)) {
                                    New-Violation -File $File -Extent $element.Extent -Rule 'Parameter7Only' -Message "$name -$parameter does not exist in 5.1"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

$files = foreach ($item in $Path) {
    if (Test-Path -LiteralPath $item -PathType Container) {
        Get-ChildItem -LiteralPath $item -Recurse -File -Include '*.ps1', '*.psm1', '*.psd1' | ForEach-Object { $_.FullName }
    }
    elseif (Test-Path -LiteralPath $item -PathType Leaf) {
        (Resolve-Path -LiteralPath $item).ProviderPath
    }
    else {
        Write-Error "Test-Ps51Compat: no such file or directory: $item"
    }
}
$violations = @(foreach ($file in $files) { Test-File -File $file })
foreach ($violation in $violations) {
    $violation
}
if ($violations.Count -gt 0) {
    exit 1
}
exit 0
