function Get-SvcForgeIdentityKey {
    # Comparison key for an ACL identity: its SID when resolvable, else the upper-case name.
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Identity
    )
    $sid = ConvertTo-SvcForgeSid -Account $Identity
    if ($sid) {
        return $sid
    }
    return 'NAME:' + $Identity.Trim().ToUpperInvariant()
}
