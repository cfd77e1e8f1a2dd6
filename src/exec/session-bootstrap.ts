/**
 * The PowerShell side of the session protocol (session-protocol.ts): the script pwsh
 * runs at start. It sets `$ErrorActionPreference = 'Stop'` and `Set-StrictMode -Version
 * Latest`, imports the modules once, prints a `ready` frame (or `fatal` when a module
 * does not import), then reads one request per stdin line, runs it in its own scope
 * with every stream merged (`*>&1`) and writes each item back as a frame. Runs on
 * Windows PowerShell 5.1 and PowerShell 7 (no 7-only syntax).
 */
import { psString } from '../quote/powershell.js';

/** The bootstrap for one session: its frame tag, and the modules it imports in this order. */
export function bootstrapScript(tag: string, modules: readonly string[]): string {
  return BOOTSTRAP.replace('__TAG__', () => psString(tag)).replace('__MODULES__', () => modules.map(psString).join(', '));
}

/** __TAG__ and __MODULES__ are replaced with quoted literals. */
const BOOTSTRAP = String.raw`
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$ProgressPreference = 'SilentlyContinue'
$global:__SvcForgeSession = @{
    Tag  = __TAG__
    Out  = [Console]::Out
    In   = [Console]::In
    Utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
}

function __SvcForgeFrame {
    param([string]$Kind, [string]$Id, [string]$Text)
    $session = $global:__SvcForgeSession
    $session.Out.WriteLine($session.Tag + ' ' + $Kind + ' ' + $Id + ' ' + [Convert]::ToBase64String($session.Utf8.GetBytes($Text)))
    $session.Out.Flush()
}

function __SvcForgeErrorJson {
    param([object]$ErrorRecord)
    $exception = $ErrorRecord.Exception
    if ($exception -is [System.Management.Automation.MethodInvocationException] -and $null -ne $exception.InnerException) {
        $exception = $exception.InnerException
    }
    $position = ''
    # a parse error's message already says where; its InvocationInfo points into this bootstrap
    if ($null -ne $ErrorRecord.InvocationInfo -and $exception -isnot [System.Management.Automation.ParseException]) {
        $position = [string]$ErrorRecord.InvocationInfo.PositionMessage
    }
    $info = [ordered]@{
        message          = [string]$exception.Message
        type             = $exception.GetType().FullName
        errorId          = [string]$ErrorRecord.FullyQualifiedErrorId
        position         = $position
        scriptStackTrace = [string]$ErrorRecord.ScriptStackTrace
    }
    ConvertTo-Json -InputObject $info -Compress
}

function __SvcForgeEmit {
    param([string]$Id, [object]$Item)
    if ($null -eq $Item) {
        return
    }
    if ($Item -is [System.Management.Automation.InformationRecord]) {
        __SvcForgeFrame -Kind 'host' -Id $Id -Text ([string]$Item.MessageData)
    }
    elseif ($Item -is [System.Management.Automation.WarningRecord]) {
        __SvcForgeFrame -Kind 'warning' -Id $Id -Text $Item.Message
    }
    elseif ($Item -is [System.Management.Automation.VerboseRecord]) {
        __SvcForgeFrame -Kind 'verbose' -Id $Id -Text $Item.Message
    }
    elseif ($Item -is [System.Management.Automation.DebugRecord]) {
        __SvcForgeFrame -Kind 'debug' -Id $Id -Text $Item.Message
    }
    elseif ($Item -is [System.Management.Automation.ErrorRecord]) {
        __SvcForgeFrame -Kind 'error' -Id $Id -Text $Item.ToString()
    }
    elseif ($Item -is [string]) {
        __SvcForgeFrame -Kind 'text' -Id $Id -Text $Item
    }
    else {
        __SvcForgeFrame -Kind 'record' -Id $Id -Text (ConvertTo-Json -InputObject $Item -Compress -Depth 6)
    }
}

function __SvcForgeLoop {
    $session = $global:__SvcForgeSession
    while ($true) {
        $__sfLine = $session.In.ReadLine()
        if ($null -eq $__sfLine) {
            return
        }
        if ($__sfLine.Length -eq 0) {
            continue
        }
        $__sfFields = $__sfLine.Split(' ')
        $__sfId = $__sfFields[0]
        try {
            $__sfBlock = [scriptblock]::Create($session.Utf8.GetString([Convert]::FromBase64String($__sfFields[1])))
            $SvcForgeInput = if ($__sfFields.Length -gt 2) { $session.Utf8.GetString([Convert]::FromBase64String($__sfFields[2])) } else { $null }
            & $__sfBlock *>&1 | ForEach-Object -Process { __SvcForgeEmit -Id $__sfId -Item $_ }
            __SvcForgeFrame -Kind 'done' -Id $__sfId -Text ''
        }
        catch {
            __SvcForgeFrame -Kind 'fail' -Id $__sfId -Text (__SvcForgeErrorJson -ErrorRecord $_)
        }
        finally {
            $SvcForgeInput = $null
        }
    }
}

try {
    foreach ($__sfModule in @(__MODULES__)) {
        Import-Module -Name $__sfModule -Global -DisableNameChecking -ErrorAction Stop
    }
    $__sfReady = [ordered]@{
        version = $PSVersionTable.PSVersion.ToString()
        edition = [string]$PSVersionTable.PSEdition
        pid     = $PID
    }
    __SvcForgeFrame -Kind 'ready' -Id '0' -Text (ConvertTo-Json -InputObject $__sfReady -Compress)
}
catch {
    __SvcForgeFrame -Kind 'fatal' -Id '0' -Text (__SvcForgeErrorJson -ErrorRecord $_)
    exit 1
}
__SvcForgeLoop
exit 0
`;
