function Get-SvcForgeFolderRefusal {
    # Why svcforge must not change the permissions of a folder, or $null: a drive root,
    # the Windows folder or anything in it, Program Files, Program Files (x86) and
    # ProgramData themselves, the user profiles folder or anything in it, or a path with
    # '.' or '..' segments (which could name any of these). Changing one of them would
    # lock users out of, or open, much more than the service's own files.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path
    )
    $normalized = $Path.Replace('/', '\').TrimEnd('\')
    if ($normalized -match '(^|\\)\.{1,2}(\\|$)') {
        return "it contains a '.' or '..' segment; give the folder's full path"
    }
    if ($normalized -match '^[A-Za-z]:$') {
        return 'it is a drive root'
    }
    $systemDrive = $env:SystemDrive
    if (-not $systemDrive) {
        $systemDrive = 'C:'
    }
    $windows = $env:SystemRoot
    if (-not $windows) {
        $windows = $systemDrive + '\Windows'
    }
    $users = $systemDrive + '\Users'
    if ($env:PUBLIC) {
        $users = Split-Path -Path $env:PUBLIC -Parent
    }
    $itself = @(
        @{ Path = $env:ProgramFiles; Default = $systemDrive + '\Program Files'; What = 'the Program Files folder' }
        @{ Path = ${env:ProgramFiles(x86)}; Default = $systemDrive + '\Program Files (x86)'; What = 'the Program Files (x86) folder' }
        @{ Path = $env:ProgramData; Default = $systemDrive + '\ProgramData'; What = 'the ProgramData folder' }
    )
    foreach ($folder in $itself) {
        $candidate = $folder.Path
        if (-not $candidate) {
            $candidate = $folder.Default
        }
        if ($normalized -ieq $candidate.TrimEnd('\')) {
            return "it is $($folder.What) itself"
        }
    }
    foreach ($tree in @(@{ Path = $windows; What = 'the Windows folder' }, @{ Path = $users; What = 'the user profiles folder' })) {
        $root = $tree.Path.TrimEnd('\')
        if ($normalized -ieq $root -or $normalized.StartsWith($root + '\', [System.StringComparison]::OrdinalIgnoreCase)) {
            return "it is in $($tree.What) ($root)"
        }
    }
    $null
}
