function Get-SvcForgeDirectoryProblem {
    # Decides how svcforge may treat a folder, before it changes anything:
    # - Owned: svcforge's own (under its roots, created by it now or on an earlier run per
    #   the ledger): exclusive ACL, owner Administrators. One that exists and is owned by
    #   anyone but Administrators or SYSTEM is a problem: someone else made it first and
    #   may have planted files that svcforge would later run elevated.
    # - otherwise a folder it does not own: it only adds the service's entry; when the
    #   service's binary lives there (BinaryFolder), anyone but Administrators, SYSTEM and
    #   TrustedInstaller able to change it is a problem (they would run code as the service).
    # - system folders are refused always (Get-SvcForgeFolderRefusal).
    # Returns Path, Exists, Owned (the treatment), Acl (when it exists) and Problem ($null
    # when fine; else a message that says what and what to do).
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [string]$Path,

        [Parameter()]
        [bool]$Owned = $false,

        [Parameter()]
        [bool]$BinaryFolder = $false,

        [Parameter()]
        [hashtable]$Ledger = @{}
    )
    $result = [pscustomobject]@{
        Path    = $Path
        Exists  = $false
        Owned   = $Owned
        Acl     = $null
        Problem = $null
    }
    $refusal = Get-SvcForgeFolderRefusal -Path $Path
    if ($refusal) {
        $result.Problem = "refusing to change the permissions of '$Path': $refusal. svcforge changes permissions only on a folder of the service's own: move the program (or logs.dir, installDir) into one, for example C:\apps\<name>, and run again"
        return $result
    }
    $result.Exists = Test-Path -LiteralPath $Path -PathType Container
    $recorded = $Ledger[$Path.TrimEnd('\').ToLowerInvariant()]
    if (-not $result.Exists -or ($null -ne $recorded -and $recorded.created)) {
        $result.Owned = $true
    }
    if (-not $result.Exists) {
        return $result
    }
    $acl = Get-SvcForgeDirectoryAcl -Path $Path
    $result.Acl = $acl
    if ($result.Owned) {
        if ($acl.OwnerKey -and @('S-1-5-32-544', 'S-1-5-18') -notcontains $acl.OwnerKey) {
            $result.Problem = "'$Path' exists and is owned by $($acl.Owner), not by Administrators: whoever made it may have put files in it that svcforge would run as administrator or as the service. Check what is in it, delete it (Remove-Item -LiteralPath '$Path' -Recurse) and run again"
        }
        return $result
    }
    if ($BinaryFolder) {
        $writers = @(Get-SvcForgeAclWriter -Acl $acl)
        if ($writers.Count -gt 0) {
            $names = @($writers | ForEach-Object -Process {
                    if ($_.owner) {
                        "$($_.identity) (owner)"
                    }
                    else {
                        $_.identity
                    }
                } | Select-Object -Unique)
            $result.Problem = "'$Path' holds an executable the service runs and can be changed by $($names -join ', '): whoever can replace a file there runs code as the service. Let only Administrators and SYSTEM change it (for example: icacls.exe `"$Path`" /inheritance:d, then icacls.exe `"$Path`" /remove <each name>; an owner: icacls.exe `"$Path`" /setowner *S-1-5-32-544), or move the executable to a folder of its own, and run again"
        }
    }
    $result
}
