function Remove-SvcForgeStaleInstance {
    <#
    .SYNOPSIS
    Stops and deletes the instances of a service that a lowered instance count no longer
    names; unchanged when there is none.

    .DESCRIPTION
    Test-then-set step. A spec with instances.count N installs the service Name (N = 1) or
    Name-1 .. Name-N (N > 1). This step looks for the others: Name-(N+1), Name-(N+2), ...
    up to the first number that does not exist, plus Name itself when N > 1, or
    Name-1, Name-2, ... when N = 1. A candidate is removed only when its binary path
    runs Program (the same svcforge-host.exe, program or nssm.exe as the kept
    instances), so a foreign service that happens to have such a name stays. Each one is
    stopped gracefully and deleted like Remove-SvcForgeService does; its log folder is
    kept. Services are found by name through Win32_Service. Returns one step record with
    action remove.

    .PARAMETER Name
    The deployment's name (the spec's name).

    .PARAMETER Count
    The instance count the spec now asks for.

    .PARAMETER Program
    The executable the deployment's services run (the first token of their binary
    path), for example C:\Program Files\svcforge\gin-hello\svcforge-host.exe.

    .PARAMETER TimeoutSeconds
    How long to wait for each stop and removal. Default 60.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Remove-SvcForgeStaleInstance -Name 'gin-hello' -Count 2 -Program 'C:\Program Files\svcforge\gin-hello\svcforge-host.exe' -Step 'instances-prune'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,250}$')]
        [string]$Name,

        [Parameter(Mandatory)]
        [ValidateRange(1, 1000)]
        [int]$Count,

        [Parameter(Mandatory)]
        [ValidatePattern('^[A-Za-z]:\\.')]
        [string]$Program,

        [Parameter()]
        [ValidateRange(1, 3600)]
        [int]$TimeoutSeconds = 60,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'instances-prune'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $runsProgram = {
        param([object]$State)
        $path = ([string]$State.BinaryPath).Trim()
        $quoted = '"' + $Program + '"'
        ($path -eq $Program) -or ($path -eq $quoted) -or $path.StartsWith($quoted + ' ', [System.StringComparison]::OrdinalIgnoreCase) -or $path.StartsWith($Program + ' ', [System.StringComparison]::OrdinalIgnoreCase)
    }
    $stale = New-Object -TypeName System.Collections.Generic.List[string]
    $foreign = New-Object -TypeName System.Collections.Generic.List[string]
    $consider = {
        param([string]$Candidate)
        $state = Get-SvcForgeServiceState -Name $Candidate
        if ($null -eq $state) {
            return $false
        }
        if (& $runsProgram $state) {
            $stale.Add($Candidate)
        }
        else {
            $foreign.Add($Candidate)
        }
        $true
    }
    if ($Count -gt 1) {
        $null = & $consider $Name
    }
    $first = $Count + 1
    if ($Count -eq 1) {
        $first = 1
    }
    for ($index = $first; $index -le 1000; $index++) {
        if (-not (& $consider "$Name-$index")) {
            break
        }
    }
    $note = ''
    if ($foreign.Count -gt 0) {
        $note = "; left $($foreign -join ', '): not running $Program"
    }
    if ($stale.Count -eq 0) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "no instance of $Name beyond the $Count the spec names$note"
    }
    $changes = @($stale | ForEach-Object -Process { "removed service $_" })
    if (-not $PSCmdlet.ShouldProcess("services $($stale -join ', ')", 'Stop and delete (logs kept)')) {
        return New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "would remove $($stale.Count) instance(s) beyond the $Count the spec names: $($stale -join ', ') (logs kept)$note" -Changes $changes -Action 'remove'
    }
    $details = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($service in $stale) {
        $record = Remove-SvcForgeService -Name $service -TimeoutSeconds $TimeoutSeconds -Step $Step -WhatIf:$false -Confirm:$false
        $details.Add($record.detail)
    }
    New-SvcForgeStepRecord -Step $Step -Status 'changed' -Detail "removed $($stale.Count) instance(s) beyond the $Count the spec names (logs kept): $($details -join '; ')$note" -Changes $changes -Action 'remove'
}
