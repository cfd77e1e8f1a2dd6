function ConvertTo-SvcForgeRecordJson {
    <#
    .SYNOPSIS
    Converts step records (or any SvcForge output object) to one compressed JSON line each.

    .DESCRIPTION
    The rendered scripts pipe every step record through this function, so their standard
    output is JSON lines the svcforge CLI reads without scraping text. Uses
    ConvertTo-Json -Compress -Depth 5, available on Windows PowerShell 5.1 and
    PowerShell 7.

    .PARAMETER InputObject
    The record to convert. Accepts pipeline input; one line is written per object.

    .EXAMPLE
    Set-SvcForgeDirectory -Path 'C:\apps\gin-hello' -Step 'dir-install' | ConvertTo-SvcForgeRecordJson
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        [AllowNull()]
        [object]$InputObject
    )
    process {
        if ($null -ne $InputObject) {
            ConvertTo-Json -InputObject $InputObject -Compress -Depth 5
        }
    }
}
