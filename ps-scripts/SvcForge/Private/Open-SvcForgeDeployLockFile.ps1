function Open-SvcForgeDeployLockFile {
    # Opens the deploy lock file for writing, shared for reading only: a second writer
    # (another deploy) gets a sharing violation until this handle closes, which Windows
    # does when the process ends, however it ends.
    [CmdletBinding()]
    [OutputType([System.IO.FileStream])]
    param(
        [Parameter(Mandatory)]
        [string]$Path
    )
    New-Object -TypeName System.IO.FileStream -ArgumentList @($Path, [System.IO.FileMode]::OpenOrCreate, [System.IO.FileAccess]::ReadWrite, [System.IO.FileShare]::Read)
}
