function New-SvcForgeErrorRecord {
    # Builds the terminating error every SvcForge function throws: the message says what
    # failed, on what, and what to do; TargetObject carries the step id so a rendered
    # script's catch block (or the session) can name the step that failed.
    [CmdletBinding()]
    [OutputType([System.Management.Automation.ErrorRecord])]
    param(
        [Parameter(Mandatory)]
        [string]$Message,

        [Parameter()]
        [string]$Step = '',

        [Parameter()]
        [string]$ErrorId = 'SvcForge.StepFailed',

        [Parameter()]
        [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::InvalidOperation,

        [Parameter()]
        [System.Exception]$InnerException
    )
    if ($null -ne $InnerException) {
        $exception = New-Object -TypeName System.InvalidOperationException -ArgumentList @($Message, $InnerException)
    }
    else {
        $exception = New-Object -TypeName System.InvalidOperationException -ArgumentList @($Message)
    }
    New-Object -TypeName System.Management.Automation.ErrorRecord -ArgumentList @($exception, $ErrorId, $Category, $Step)
}
