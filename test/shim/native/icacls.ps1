# svcforge test shim: icacls.exe stand-in. Record mode applies /grant[:r], /remove[:g|:d],
# /inheritance:e|d|r, /setowner and /reset (with /T also below the path) to the ACL the
# shim keeps for a path (what Get-Acl then shows);
# the path must exist under the state directory's drive_<letter> folder.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
. (Join-Path $PSScriptRoot '..' 'SvcForgeShim.State.ps1')

$arguments = [string[]]$args

function Exit-Icacls {
    param([int]$Code, [string]$Message)
    if ($Message) { Write-Output $Message }
    Write-ShimJournal -Command 'icacls.exe' -Arguments $arguments -ExitCode $Code
    exit $Code
}

$script:PermissionRights = @{
    F  = 2032127
    M  = 1245631
    RX = 1179817
    R  = 1179785
    W  = 1179926
}

function ConvertFrom-IcaclsGrant {
    # 'identity:(OI)(CI)M' -> identity, rights, inheritance and propagation flags.
    param([string]$Text)
    if ($Text -notmatch '^(.+):((?:\((?:OI|CI|IO|NP|I)\))*)(F|M|RX|R|W)$') {
        Exit-Icacls -Code 87 -Message "Invalid parameter `"$Text`""
    }
    $identity = $Matches[1]
    $flags = $Matches[2]
    $permission = $Matches[3]
    $inheritance = 0
    if ($flags -match '\(OI\)') { $inheritance = $inheritance -bor 1 }
    if ($flags -match '\(CI\)') { $inheritance = $inheritance -bor 2 }
    $propagation = 0
    if ($flags -match '\(NP\)') { $propagation = $propagation -bor 1 }
    if ($flags -match '\(IO\)') { $propagation = $propagation -bor 2 }
    [ordered]@{ identity = $identity; rights = $script:PermissionRights[$permission]; inheritanceFlags = $inheritance; propagationFlags = $propagation }
}

function Get-IcaclsTarget {
    # The path, and with /T every folder and file below it (Windows paths).
    param([string]$Path, [bool]$Recurse)
    $Path
    if (-not $Recurse) { return }
    $root = Resolve-ShimWindowsPath -Path $Path
    if (-not (Test-Path -LiteralPath $root -PathType Container)) { return }
    $base = $Path.TrimEnd('\')
    foreach ($item in @(Get-ChildItem -LiteralPath $root -Recurse -Force | Sort-Object -Property FullName)) {
        $base + '\' + ($item.FullName.Substring($root.TrimEnd('/').Length + 1) -replace '/', '\')
    }
}

function Invoke-IcaclsRecord {
    if ($arguments.Count -lt 2) {
        Exit-Icacls -Code 87 -Message 'svcforge shim icacls.exe: icacls.exe <path> /grant[:r] ... | /remove[:g|:d] ... | /inheritance:e|d|r | /setowner <id> | /reset [/T] [/C] [/Q]'
    }
    $path = $arguments[0]
    if (-not (Test-Path -LiteralPath (Resolve-ShimWindowsPath -Path $path))) {
        Exit-Icacls -Code 2 -Message "${path}: The system cannot find the file specified.`nSuccessfully processed 0 files; Failed processing 1 files"
    }
    # Options first, then applied to each target in order (/T: the path, then what is below it).
    $operations = [System.Collections.Generic.List[object]]::new()
    $recurse = $false
    $i = 1
    while ($i -lt $arguments.Count) {
        $option = $arguments[$i].ToLowerInvariant()
        $i++
        $values = [System.Collections.Generic.List[string]]::new()
        while ($i -lt $arguments.Count -and -not $arguments[$i].StartsWith('/')) {
            $values.Add($arguments[$i])
            $i++
        }
        switch -Regex ($option) {
            '^/t$' { $recurse = $true; continue }
            '^/[cq]$' { continue }
            '^/(grant(:r)?|remove(:[gd])?|setowner)$' {
                if ($values.Count -eq 0) { Exit-Icacls -Code 87 -Message "Invalid parameter `"$option`"" }
            }
            '^/(grant(:r)?|remove(:[gd])?|setowner|reset|inheritance:[edr])$' { $operations.Add(@{ Option = $option; Values = $values.ToArray() }); continue }
            default { Exit-Icacls -Code 87 -Message "Invalid parameter `"$option`"" }
        }
    }
    $state = Read-ShimState
    $count = 0
    foreach ($target in @(Get-IcaclsTarget -Path $path -Recurse $recurse)) {
        $acl = Get-ShimAclEntry -State $state -Path $target
        $entries = [System.Collections.Generic.List[object]]::new()
        foreach ($entry in @($acl.entries)) { $entries.Add($entry) }
        foreach ($operation in $operations) {
            $option = $operation.Option
            $values = $operation.Values
            switch -Regex ($option) {
                '^/grant(:r)?$' {
                    foreach ($value in $values) {
                        $grant = ConvertFrom-IcaclsGrant -Text $value
                        $identity = Resolve-ShimIdentity -State $state -Identity $grant.identity
                        $key = Get-ShimIdentityKey -Identity $identity
                        if ($option -eq '/grant:r') {
                            $entries = [System.Collections.Generic.List[object]]@($entries | Where-Object { $_.inherited -or $_.type -ne 'Allow' -or (Get-ShimIdentityKey -Identity $_.identity) -ne $key })
                        }
                        $entries.Add([ordered]@{ identity = $identity; rights = $grant.rights; type = 'Allow'; inherited = $false; inheritanceFlags = $grant.inheritanceFlags; propagationFlags = $grant.propagationFlags })
                    }
                }
                '^/remove(:[gd])?$' {
                    foreach ($value in $values) {
                        $key = Get-ShimIdentityKey -Identity (Resolve-ShimIdentity -State $state -Identity $value)
                        $entries = [System.Collections.Generic.List[object]]@($entries | Where-Object {
                                $sameIdentity = (-not $_.inherited) -and ((Get-ShimIdentityKey -Identity $_.identity) -eq $key)
                                $typeMatches = ($option -eq '/remove') -or ($option -eq '/remove:g' -and $_.type -eq 'Allow') -or ($option -eq '/remove:d' -and $_.type -eq 'Deny')
                                -not ($sameIdentity -and $typeMatches)
                            })
                    }
                }
                '^/setowner$' {
                    $acl.owner = Resolve-ShimIdentity -State $state -Identity $values[0]
                }
                '^/reset$' {
                    # Explicit entries go, inheritance is on: the target gets only what its parent passes down.
                    $acl.protected = $false
                    $entries = [System.Collections.Generic.List[object]]::new()
                }
                '^/inheritance:r$' {
                    $acl.protected = $true
                    $entries = [System.Collections.Generic.List[object]]@($entries | Where-Object { -not $_.inherited })
                }
                '^/inheritance:d$' {
                    $acl.protected = $true
                    foreach ($entry in $entries) { $entry.inherited = $false }
                }
                '^/inheritance:e$' {
                    # Inherited entries are derived from the parent when the ACL is read.
                    $acl.protected = $false
                    $entries = [System.Collections.Generic.List[object]]@($entries | Where-Object { -not $_.inherited })
                }
            }
        }
        $state.acls[(Get-ShimPathKey -Path $target)] = [ordered]@{
            path      = $target
            protected = [bool]$acl.protected
            owner     = [string]$acl.owner
            entries   = @($entries | Where-Object { -not $_.inherited })
        }
        $count++
    }
    Save-ShimState -State $state
    Exit-Icacls -Code 0 -Message "processed file: $path`nSuccessfully processed $count files; Failed processing 0 files"
}

function Invoke-IcaclsWine {
    # Wine mode (to come): Wine's icacls.exe cannot hold these ACLs; keep the file-backed store.
    Invoke-IcaclsRecord
}

switch (Get-ShimMode) {
    'record' { Invoke-IcaclsRecord }
    'wine' { Invoke-IcaclsWine }
}
