<#
.SYNOPSIS
    Test helper: parses PowerShell files with the real parser and prints, as JSON,
    their parse errors and the constant values assigned in `$var = @{ Key = value }`
    hashtables, keyed "var.Key" (a string, or an array of strings for @(...)).
.PARAMETER ListFile
    A file with one script path per line (avoids command-line length limits).
#>
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ListFile)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function ConvertFrom-ValueAst {
    param([System.Management.Automation.Language.Ast]$Ast)
    if ($Ast -is [System.Management.Automation.Language.PipelineAst] -and $Ast.PipelineElements.Count -eq 1) {
        return ConvertFrom-ValueAst -Ast $Ast.PipelineElements[0]
    }
    if ($Ast -is [System.Management.Automation.Language.CommandExpressionAst]) {
        return ConvertFrom-ValueAst -Ast $Ast.Expression
    }
    if ($Ast -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
        return [pscustomobject]@{ kind = $Ast.StringConstantType.ToString(); value = $Ast.Value }
    }
    if ($Ast -is [System.Management.Automation.Language.ArrayExpressionAst]) {
        $items = @($Ast.SubExpression.Statements | ForEach-Object -Process {
            $pipeline = $_
            $expression = $pipeline.PipelineElements[0].Expression
            if ($expression -is [System.Management.Automation.Language.ArrayLiteralAst]) {
                $expression.Elements | ForEach-Object -Process { ConvertFrom-ValueAst -Ast $_ }
            }
            else {
                ConvertFrom-ValueAst -Ast $expression
            }
        })
        return [pscustomobject]@{ kind = 'array'; value = @($items) }
    }
    return [pscustomobject]@{ kind = $Ast.GetType().Name; value = $Ast.Extent.Text }
}

$results = foreach ($path in [System.IO.File]::ReadAllLines($ListFile)) {
    if (-not $path) { continue }
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($path, [ref]$tokens, [ref]$errors)
    $values = [ordered]@{}
    $assignments = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.AssignmentStatementAst] }, $true)
    foreach ($assignment in $assignments) {
        $hashtable = $assignment.Right
        if ($hashtable -is [System.Management.Automation.Language.PipelineAst]) { $hashtable = $hashtable.PipelineElements[0] }
        if ($hashtable -is [System.Management.Automation.Language.CommandExpressionAst]) { $hashtable = $hashtable.Expression }
        if ($hashtable -isnot [System.Management.Automation.Language.HashtableAst]) { continue }
        $variable = $assignment.Left.VariablePath.UserPath
        foreach ($pair in $hashtable.KeyValuePairs) {
            $values["$variable.$($pair.Item1.Value)"] = ConvertFrom-ValueAst -Ast $pair.Item2
        }
    }
    $commands = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($command in $commands) {
        $name = $command.GetCommandName()
        if ($name -notlike '*-SvcForge*') { continue }
        $elements = $command.CommandElements
        for ($i = 1; $i -lt $elements.Count - 1; $i++) {
            if ($elements[$i] -isnot [System.Management.Automation.Language.CommandParameterAst]) { continue }
            $key = "$name.$($elements[$i].ParameterName)"
            if (-not $values.Contains($key)) { $values[$key] = ConvertFrom-ValueAst -Ast $elements[$i + 1] }
        }
    }
    [pscustomobject]@{
        path = $path
        errors = @($errors | ForEach-Object -Process { "$($_.Extent.StartLineNumber):$($_.Extent.StartColumnNumber) $($_.Message)" })
        values = $values
    }
}
ConvertTo-Json -InputObject @($results) -Depth 8 -Compress
