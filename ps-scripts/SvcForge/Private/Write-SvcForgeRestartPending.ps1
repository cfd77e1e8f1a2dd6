function Write-SvcForgeRestartPending {
    # Writes the restart-pending marker: {"reasons":[...],"since":"<UTC time>"}, ASCII.
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string]$Path,
        [Parameter(Mandatory)] [string[]]$Reason,
        [Parameter(Mandatory)] [string]$Since,
        [Parameter(Mandatory)] [string]$Step
    )
    # A fresh string[] so Windows PowerShell 5.1's ConvertTo-Json writes a plain JSON array.
    $list = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($item in $Reason) {
        $list.Add([string]$item)
    }
    $json = ConvertTo-Json -InputObject ([ordered]@{ reasons = $list.ToArray(); since = $Since }) -Compress
    try {
        Set-Content -LiteralPath $Path -Value $json -Encoding Ascii
    }
    catch {
        throw (New-SvcForgeErrorRecord -Message "could not write the restart-pending marker '${Path}': $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.WriteFileFailed' -InnerException $_.Exception)
    }
}
