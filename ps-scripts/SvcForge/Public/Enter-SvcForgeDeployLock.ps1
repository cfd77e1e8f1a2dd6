function Enter-SvcForgeDeployLock {
    <#
    .SYNOPSIS
    Takes the deploy lock of a service, so two deploys never run at once.

    .DESCRIPTION
    Opens the lock file for writing, shared for reading only, and keeps it open in the
    module ($script:SvcForgeDeployLock) until Exit-SvcForgeDeployLock or the end of the
    process: when PowerShell is killed, Windows closes the file and the lock is free, so
    there is never a stale lock to delete. Writes 'pid=<PID> host=<computer> since=<UTC>'
    into it. Unchanged when this module already holds it. When another process holds it,
    throws SvcForge.DeployLocked with the holder's pid, host and start time. Creates the
    lock file's folder when missing. Returns one step record.

    .PARAMETER Path
    The lock file, for example C:\ProgramData\svcforge\gin-hello\deploy.lock.

    .PARAMETER Name
    The service name, for the messages.

    .PARAMETER Step
    The step id put in the returned record.

    .EXAMPLE
    Enter-SvcForgeDeployLock -Path 'C:\ProgramData\svcforge\gin-hello\deploy.lock' -Name 'gin-hello' -Step 'lock'
    #>
    [CmdletBinding(SupportsShouldProcess)]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory)]
        [ValidateNotNullOrEmpty()]
        [string]$Path,

        [Parameter(Mandatory)]
        [ValidatePattern('^[^/\\]{1,256}$')]
        [string]$Name,

        [Parameter()]
        [ValidateNotNullOrEmpty()]
        [string]$Step = 'lock'
    )
    $ErrorActionPreference = 'Stop'
    $WhatIfPreference = Get-SvcForgeCallerWhatIf -Cmdlet $PSCmdlet

    $fullPath = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Path)
    $held = Get-SvcForgeDeployLockState
    if ($null -ne $held) {
        if ($held.Path -eq $fullPath) {
            return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "this session already holds the deploy lock of $Name ($fullPath)"
        }
        throw (New-SvcForgeErrorRecord -Message "cannot lock $fullPath for ${Name}: this session already holds the deploy lock $($held.Path) of $($held.Name); release it with Exit-SvcForgeDeployLock first" -Step $Step -ErrorId 'SvcForge.DeployLocked' -Category ResourceBusy)
    }
    if (-not $PSCmdlet.ShouldProcess($fullPath, "Lock deploys of $Name")) {
        return New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "would lock $fullPath for the deploy of $Name"
    }
    $folder = Split-Path -Path $fullPath -Parent
    if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
        $null = New-Item -ItemType Directory -Path $folder -Force
    }
    try {
        $stream = Open-SvcForgeDeployLockFile -Path $fullPath
    }
    catch {
        $exception = $_.Exception
        while ($null -ne $exception.InnerException -and $exception -isnot [System.IO.IOException]) {
            $exception = $exception.InnerException
        }
        if ($exception.GetType() -ne [System.IO.IOException]) {
            throw (New-SvcForgeErrorRecord -Message "cannot open the deploy lock '$fullPath' of ${Name}: $($_.Exception.Message); check that the account may write to $folder" -Step $Step -ErrorId 'SvcForge.LockFailed' -InnerException $_.Exception)
        }
        $holder = Get-SvcForgeDeployLockHolder -Path $fullPath
        $who = 'holder unknown'
        if ($holder -match 'pid=(\S+)\s+host=(\S+)\s+since=(\S+)') {
            $who = "pid $($Matches[1]) on $($Matches[2]) since $($Matches[3])"
        }
        $message = "another deploy of $Name is running ($who; lock $fullPath); wait for it to finish, never run two at once"
        throw (New-SvcForgeErrorRecord -Message $message -Step $Step -ErrorId 'SvcForge.DeployLocked' -Category ResourceBusy -InnerException $exception)
    }
    try {
        $computer = [System.Environment]::MachineName
        $since = [datetime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
        $text = "pid=$PID host=$computer since=$since"
        $bytes = (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList @($false)).GetBytes($text)
        $stream.SetLength(0)
        $stream.Write($bytes, 0, $bytes.Length)
        $stream.Flush($true)
    }
    catch {
        $stream.Dispose()
        throw (New-SvcForgeErrorRecord -Message "cannot write the deploy lock '$fullPath' of ${Name}: $($_.Exception.Message)" -Step $Step -ErrorId 'SvcForge.LockFailed' -InnerException $_.Exception)
    }
    $script:SvcForgeDeployLock = [pscustomobject]@{ Path = $fullPath; Name = $Name; Stream = $stream }
    # A lock is not a change to the host: a deploy of the current, healthy release stays all unchanged.
    New-SvcForgeStepRecord -Step $Step -Status 'unchanged' -Detail "locked deploys of $Name ($fullPath, pid $PID)"
}
