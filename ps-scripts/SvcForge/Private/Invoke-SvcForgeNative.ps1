function Invoke-SvcForgeNative {
    # Runs a native command (sc.exe, icacls.exe), captures its output and checks the exit
    # code. Output is only kept for error messages: state is never read by parsing it,
    # because Windows localizes it.
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$FilePath,

        [Parameter(Mandatory)]
        [AllowEmptyCollection()]
        [string[]]$ArgumentList,

        [Parameter()]
        [int[]]$SuccessExitCode = @(0),

        [Parameter()]
        [string]$Step = '',

        [Parameter()]
        [string]$Hint = ''
    )
    # Windows PowerShell 5.1 turns a native command's stderr into a terminating error when
    # $ErrorActionPreference is Stop and 2>&1 is used; collect it as text instead.
    $ErrorActionPreference = 'Continue'
    $global:LASTEXITCODE = 0
    $lines = New-Object -TypeName System.Collections.Generic.List[string]
    try {
        # NUL characters removed: nssm.exe writes UTF-16, which arrives with a NUL after each ASCII character.
        & $FilePath @ArgumentList 2>&1 | ForEach-Object -Process { $lines.Add(([string]$_).Replace([string][char]0, '')) }
    }
    catch {
        $message = "could not run $FilePath $($ArgumentList -join ' '): $($_.Exception.Message)"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.NativeCommandNotRun' -InnerException $_.Exception)
    }
    $exitCode = $LASTEXITCODE
    $output = ($lines -join [System.Environment]::NewLine).Trim()
    # On a POSIX host (pwsh on Linux running Wine's or the test shim's sc.exe) a process
    # exit status keeps only the low 8 bits of the Windows code (1056 arrives as 32).
    if ([System.Environment]::OSVersion.Platform -ne [System.PlatformID]::Win32NT -and $SuccessExitCode -notcontains $exitCode) {
        foreach ($code in $SuccessExitCode) {
            if (($code -band 255) -eq $exitCode) {
                $exitCode = $code
                break
            }
        }
    }
    if ($SuccessExitCode -notcontains $exitCode) {
        $message = "$FilePath $($ArgumentList -join ' ') failed with exit code $exitCode"
        if ($output) {
            $message = "${message}: $output"
        }
        if ($Hint) {
            $message = "$message. $Hint"
        }
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.NativeCommandFailed')
    }
    [pscustomobject]@{
        ExitCode = $exitCode
        Output   = $output
    }
}
