function ConvertFrom-SvcForgeFailureActions {
    # Decodes the registry value FailureActions (REG_BINARY SERVICE_FAILURE_ACTIONS as the
    # SCM stores it): DWORD reset period (seconds), two pointer placeholders, DWORD action
    # count, one pointer placeholder, then per action DWORD type + DWORD delay (ms).
    # Returns ResetAfterSeconds and Action strings in the 'restart/60000' form.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter()]
        [AllowNull()]
        [byte[]]$Bytes
    )
    $actions = New-Object -TypeName System.Collections.Generic.List[string]
    if ($null -eq $Bytes -or $Bytes.Length -lt 20) {
        return [pscustomobject]@{
            ResetAfterSeconds = 0
            Action            = $actions.ToArray()
        }
    }
    $reset = [System.BitConverter]::ToUInt32($Bytes, 0)
    $count = [System.BitConverter]::ToUInt32($Bytes, 12)
    $names = @{ 0 = 'none'; 1 = 'restart'; 2 = 'reboot'; 3 = 'run' }
    for ($i = 0; $i -lt $count; $i++) {
        $offset = 20 + (8 * $i)
        if ($offset + 8 -gt $Bytes.Length) {
            break
        }
        $type = [int][System.BitConverter]::ToUInt32($Bytes, $offset)
        $delay = [System.BitConverter]::ToUInt32($Bytes, $offset + 4)
        $typeName = 'unknown' + $type
        if ($names.ContainsKey($type)) {
            $typeName = $names[$type]
        }
        $actions.Add($typeName + '/' + $delay)
    }
    [pscustomobject]@{
        ResetAfterSeconds = [int64]$reset
        Action            = $actions.ToArray()
    }
}
