# SvcForge: the logic behind the scripts svcforge renders and the steps its session runs.
# Loads every function file; Public/ functions are exported by the manifest.
# Must parse and run on Windows PowerShell 5.1 and PowerShell 7.
Set-StrictMode -Version Latest

$privateFiles = @(Get-ChildItem -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath 'Private') -Filter '*.ps1' -File)
$publicFiles = @(Get-ChildItem -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath 'Public') -Filter '*.ps1' -File)
foreach ($file in @($privateFiles + $publicFiles)) {
    . $file.FullName
}

Export-ModuleMember -Function @($publicFiles | ForEach-Object -Process { $_.BaseName })
