function New-SvcForgeStepRecord {
    <#
    .SYNOPSIS
    Creates one step record, the object every SvcForge step returns.

    .DESCRIPTION
    A step record is the contract between the SvcForge module, the scripts svcforge
    renders and the svcforge CLI session: step (the step id), status (changed,
    unchanged, skipped or failed), detail (short human text) and changes (one string per
    individual change), and, on a record of a step that removes something the spec no
    longer names, action = 'remove' (svcforge plan shows it as remove). The rendered scripts use it in their catch block to report a
    failure as a record; the module uses it for every step result.

    .PARAMETER Step
    The step id, for example 'service' or 'firewall-8080'.

    .PARAMETER Status
    changed, unchanged, skipped or failed.

    .PARAMETER Detail
    Short human text: what changed, or why nothing did, or what failed.

    .PARAMETER Changes
    The individual changes, one string each. Empty when nothing changed.

    .PARAMETER Action
    'remove' when the change removes something (a service, a firewall rule, a file);
    omitted otherwise, and then the record has no action property.

    .EXAMPLE
    New-SvcForgeStepRecord -Step 'firewall-prune' -Status 'changed' -Detail 'removed 1 firewall rule(s)' -Action 'remove'

    .EXAMPLE
    New-SvcForgeStepRecord -Step 'install' -Status 'failed' -Detail 'sc.exe failed with exit code 5'
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Step,

        [Parameter(Mandatory)]
        [ValidateSet('changed', 'unchanged', 'skipped', 'failed')]
        [string]$Status,

        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Detail,

        [Parameter()]
        [AllowEmptyCollection()]
        [AllowNull()]
        [string[]]$Changes = @(),

        [Parameter()]
        [ValidateSet('remove')]
        [string]$Action
    )
    # A fresh string[] (not a PSObject-wrapped array) so Windows PowerShell 5.1's
    # ConvertTo-Json writes a plain JSON array.
    $list = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($change in @($Changes)) {
        if ($null -ne $change) {
            $list.Add([string]$change)
        }
    }
    $record = [pscustomobject]@{
        step    = $Step
        status  = $Status
        detail  = $Detail
        changes = $list.ToArray()
    }
    if ($Action) {
        $record | Add-Member -NotePropertyName 'action' -NotePropertyValue $Action
    }
    $record
}
