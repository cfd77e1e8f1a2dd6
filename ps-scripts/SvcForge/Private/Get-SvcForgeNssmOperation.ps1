function Get-SvcForgeNssmOperation {
    # Compares what NSSM holds in the registry with the wanted value of one parameter and
    # returns the nssm.exe calls that would make them equal, each with the change text:
    # @{ Arguments = @('set', <name>, <parameter>, ...); Change = 'AppThrottle 1500 -> 300000' }.
    # Nothing when they are equal. A value NSSM holds at its default is absent.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Name,
        [Parameter(Mandatory)] [string]$Parameter,
        [Parameter(Mandatory)] [hashtable]$Info,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object]$Wanted,
        [Parameter(Mandatory)] [bool]$Exists
    )
    $show = {
        param([string]$Text)
        if ($Text.Length -eq 0) {
            return "''"
        }
        $Text
    }
    if ($Info.Kind -eq 'Exit') {
        $current = [ordered]@{}
        if ($Exists) {
            $exitKey = Get-SvcForgeServiceRegistry -Name $Name -SubKey 'Parameters\AppExit'
            if ($null -ne $exitKey) {
                foreach ($property in $exitKey.PSObject.Properties) {
                    if ($property.Name -eq '(default)') {
                        $current['Default'] = [string]$property.Value
                    }
                    elseif ($property.Name -match '^\d+$') {
                        $current[[string][uint32]$property.Name] = [string]$property.Value
                    }
                }
            }
        }
        foreach ($code in @($Wanted.Keys)) {
            $have = $Info.Default
            if ($current.Contains($code)) {
                $have = $current[$code]
            }
            elseif ($code -ne 'Default') {
                $have = '(none)'
            }
            if ($have -ne $Wanted[$code]) {
                @{ Arguments = @('set', $Name, $Parameter, $code, $Wanted[$code]); Change = "AppExit $code $have -> $($Wanted[$code])" }
            }
        }
        foreach ($code in @($current.Keys)) {
            if ($code -ne 'Default' -and -not $Wanted.Contains($code)) {
                @{ Arguments = @('reset', $Name, $Parameter, $code); Change = "AppExit $code $($current[$code]) -> (none)" }
            }
        }
        return
    }

    $raw = $null
    if ($Exists) {
        $raw = Get-SvcForgePropertyValue -InputObject (Get-SvcForgeServiceRegistry -Name $Name -SubKey 'Parameters') -Name $Parameter
    }
    switch ($Info.Kind) {
        'Multi' {
            $have = [string[]]@()
            if ($null -ne $raw) {
                $have = [string[]]@($raw | Where-Object -FilterScript { $_ -ne '' })
            }
            $wantedList = [string[]]@($Wanted)
            $same = $have.Count -eq $wantedList.Count
            for ($i = 0; $same -and $i -lt $have.Count; $i++) {
                $same = $have[$i] -ceq $wantedList[$i]
            }
            if ($same) {
                return
            }
            $change = "$Parameter $(& $show ($have -join ' ')) -> $(& $show ($wantedList -join ' '))"
            if ($wantedList.Count -eq 0) {
                return @{ Arguments = @('reset', $Name, $Parameter); Change = $change }
            }
            return @{ Arguments = @(@('set', $Name, $Parameter) + $wantedList); Change = $change }
        }
        'Dword' {
            $have = [string]$Info.Default
            if ($null -ne $raw) {
                $have = [string]([uint32]([int64]$raw -band 0xFFFFFFFFL))
            }
            $want = [string]$Wanted
        }
        'Priority' {
            $have = [string]$Info.Default
            if ($null -ne $raw) {
                $constants = @{ 256 = 'REALTIME_PRIORITY_CLASS'; 128 = 'HIGH_PRIORITY_CLASS'; 32768 = 'ABOVE_NORMAL_PRIORITY_CLASS'; 32 = 'NORMAL_PRIORITY_CLASS'; 16384 = 'BELOW_NORMAL_PRIORITY_CLASS'; 64 = 'IDLE_PRIORITY_CLASS' }
                $have = 'Unknown(' + [int64]$raw + ')'
                if ($constants.ContainsKey([int]$raw)) {
                    $have = $constants[[int]$raw]
                }
            }
            $want = [string]$Wanted
        }
        'Affinity' {
            $have = [string]$Info.Default
            if ($null -ne $raw -and [string]$raw -ne '') {
                $have = [string]$raw
            }
            $want = [string]$Wanted
            # NSSM stores its canonical text (0,1,3; 0-2): compare the processors.
            $haveMask = ConvertTo-SvcForgeNssmAffinityMask -Text $have
            if ($have -eq $want -or ($null -ne $haveMask -and $haveMask -eq (ConvertTo-SvcForgeNssmAffinityMask -Text $want))) {
                return
            }
        }
        default {
            # REG_EXPAND_SZ: Windows' Get-ItemProperty returns it expanded, so compare
            # both sides expanded.
            $have = ''
            if ($null -ne $raw) {
                $have = [string]$raw
            }
            $want = [string]$Wanted
            if ([System.Environment]::ExpandEnvironmentVariables($have) -ceq [System.Environment]::ExpandEnvironmentVariables($want)) {
                return
            }
        }
    }
    if ($have -ceq $want) {
        return
    }
    $change = "$Parameter $(& $show $have) -> $(& $show $want)"
    if ($want -eq [string]$Info.Default) {
        return @{ Arguments = @('reset', $Name, $Parameter); Change = $change }
    }
    @{ Arguments = @('set', $Name, $Parameter, $want); Change = $change }
}
