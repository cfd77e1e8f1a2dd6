function Get-SvcForgeProcessTree {
    # Process ids of a process and all its descendants (Win32_Process ParentProcessId),
    # used to tell a service's own listener (svcforge-host.exe's child) from a stranger.
    [CmdletBinding()]
    [OutputType([int[]])]
    param(
        [Parameter(Mandatory)]
        [ValidateRange(1, [int]::MaxValue)]
        [int]$ProcessId
    )
    $children = @{}
    foreach ($process in @(Get-CimInstance -ClassName 'Win32_Process')) {
        if ($null -eq $process) {
            continue
        }
        $parent = [int](Get-SvcForgePropertyValue -InputObject $process -Name 'ParentProcessId' -Default 0)
        $id = [int](Get-SvcForgePropertyValue -InputObject $process -Name 'ProcessId' -Default 0)
        if (-not $children.ContainsKey($parent)) {
            $children[$parent] = New-Object -TypeName System.Collections.Generic.List[int]
        }
        $children[$parent].Add($id)
    }
    $result = New-Object -TypeName System.Collections.Generic.List[int]
    $queue = New-Object -TypeName System.Collections.Generic.Queue[int]
    $queue.Enqueue($ProcessId)
    while ($queue.Count -gt 0) {
        $current = $queue.Dequeue()
        if ($result.Contains($current)) {
            continue
        }
        $result.Add($current)
        if ($children.ContainsKey($current)) {
            foreach ($child in $children[$current]) {
                if ($child -ne $current) {
                    $queue.Enqueue($child)
                }
            }
        }
    }
    $result.ToArray()
}
