function ConvertTo-SvcForgeNssmWanted {
    # Checks -Value of Set-SvcForgeNssmParameter against the parameter's kind and returns
    # it normalized: a string (String, Dword, Priority, Affinity), a string[] (Multi) or
    # an ordered code -> action map (Exit).
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Parameter,
        [Parameter(Mandatory)] [string]$Kind,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [AllowEmptyString()] [string[]]$Value,
        [Parameter()] [string]$Step = ''
    )
    $fail = {
        param([string]$Why)
        throw (New-SvcForgeErrorRecord -Message "NSSM $Parameter`: $Why; got $(@($Value) -join ', ')" -Step $Step -ErrorId 'SvcForge.NssmBadValue' -Category InvalidArgument)
    }
    if ($Kind -eq 'Multi') {
        foreach ($item in $Value) {
            if ($item -notmatch '^[A-Za-z_][A-Za-z0-9_]*=' -or $item -match '[\r\n]') {
                & $fail 'each value must be NAME=VALUE on one line'
            }
        }
        return , ([string[]]@($Value))
    }
    if ($Kind -eq 'Exit') {
        $map = [ordered]@{}
        foreach ($item in $Value) {
            if ($item -notmatch '^(Default|\d{1,10})=(Restart|Ignore|Exit|Suicide)$') {
                & $fail 'each value must be <Default or exit code>=<Restart, Ignore, Exit or Suicide>'
            }
            $code = $Matches[1]
            if ($code -ne 'Default') {
                $code = [string][uint32]$code
            }
            $action = (Get-Culture).TextInfo.ToTitleCase($Matches[2].ToLowerInvariant())
            $map[$code] = $action
        }
        return $map
    }
    if (@($Value).Count -ne 1) {
        & $fail 'takes exactly one value'
    }
    $single = [string]$Value[0]
    switch ($Kind) {
        'Dword' {
            if ($single -notmatch '^\d{1,10}$' -or [uint64]$single -gt [uint32]::MaxValue) {
                & $fail 'must be a whole number 0-4294967295'
            }
            return [string][uint32]$single
        }
        'Priority' {
            $names = @('REALTIME_PRIORITY_CLASS', 'HIGH_PRIORITY_CLASS', 'ABOVE_NORMAL_PRIORITY_CLASS', 'NORMAL_PRIORITY_CLASS', 'BELOW_NORMAL_PRIORITY_CLASS', 'IDLE_PRIORITY_CLASS')
            if ($names -notcontains $single) {
                & $fail "must be one of $($names -join ', ')"
            }
            return $single.ToUpperInvariant()
        }
        'Affinity' {
            if ($single -ne 'All' -and $single -notmatch '^\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*$') {
                & $fail 'must be All or processor numbers like 0,1,3 or 0-2'
            }
            return $single
        }
        default {
            if ($single.Contains([string][char]0)) {
                & $fail 'must not contain a NUL character'
            }
            return $single
        }
    }
}
