function ConvertTo-SvcForgeNssmAffinityMask {
    # NSSM's AppAffinity text -> the processor mask it means, so two spellings of the same
    # processors compare equal: NSSM stores its own canonical form (service.cpp
    # affinity_mask_to_string writes 0,1,3 and 0-2, never 0-1). 'All' (and '') is 0, as
    # NSSM stores it (the value deleted). $null when the text is not a processor list.
    [CmdletBinding()]
    [OutputType([uint64])]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [string]$Text
    )
    if ($Text -eq '' -or $Text -eq 'All') {
        return [uint64]0
    }
    $mask = [uint64]0
    foreach ($part in $Text.Split(',')) {
        if ($part -notmatch '^(\d{1,2})(-(\d{1,2}))?$') {
            return $null
        }
        $first = [int]$Matches[1]
        $last = $first
        if ($Matches[3]) {
            $last = [int]$Matches[3]
        }
        if ($last -lt $first -or $last -gt 63) {
            return $null
        }
        for ($cpu = $first; $cpu -le $last; $cpu++) {
            $mask = $mask -bor ([uint64]1 -shl $cpu)
        }
    }
    $mask
}
