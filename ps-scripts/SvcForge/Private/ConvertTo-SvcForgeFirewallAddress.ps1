function ConvertTo-SvcForgeFirewallAddress {
    # Normalizes a firewall remote address the way Get-NetFirewallAddressFilter reports it,
    # so desired and current values compare: keywords case-insensitively (LocalSubnet,
    # Any, ...), IPv4 CIDR as address/mask (10.0.0.0/8 -> 10.0.0.0/255.0.0.0), /32 as the
    # bare address.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Address
    )
    $value = $Address.Trim()
    $keywords = @('Any', 'LocalSubnet', 'DNS', 'DHCP', 'WINS', 'DefaultGateway', 'Internet', 'Intranet', 'IntranetRemoteAccess', 'PlayToDevice', 'LocalSubnet4', 'LocalSubnet6')
    foreach ($keyword in $keywords) {
        if ($value -ieq $keyword) {
            return $keyword
        }
    }
    if ($value -match '^(\d{1,3}(\.\d{1,3}){3})/(\d{1,2})$') {
        $network = $Matches[1]
        $prefix = [int]$Matches[3]
        if ($prefix -eq 32) {
            return $network
        }
        $maskValue = [uint32]0
        if ($prefix -gt 0) {
            $maskValue = [uint32](([uint64]4294967295 -shl (32 - $prefix)) -band [uint64]4294967295)
        }
        $octets = @(
            ($maskValue -shr 24) -band 255
            ($maskValue -shr 16) -band 255
            ($maskValue -shr 8) -band 255
            $maskValue -band 255
        )
        return $network + '/' + ($octets -join '.')
    }
    return $value.ToLowerInvariant()
}
