# Shared by the Pester test files: the connection parameters of the local endpoint, buses for one test,
# the endpoint's request log, and running a command in a separate pwsh.
$script:Root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
# Not -Force: reloading would pull the tools out from under the Pester runner that loaded them first.
Import-Module (Join-Path $script:Root 'tests/tools/TestTools.psm1')

function Get-TestConnection {
    <# Splat these into a module cmdlet to reach the local endpoint as the first test account. #>
    @{
        EndpointUrl = $env:EBP_TEST_ENDPOINT
        Region      = 'us-east-1'
        AccessKey   = $env:EBP_TEST_ACCESS_KEY
        SecretKey   = $env:EBP_TEST_SECRET_KEY
    }
}

function Invoke-AwsCli {
    <# Runs the AWS CLI against the local endpoint as the first test account; returns parsed JSON or $null. #>
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Invoke-AwsCliAt -EndpointUrl $env:EBP_TEST_ENDPOINT -AccessKey $env:EBP_TEST_ACCESS_KEY -SecretKey $env:EBP_TEST_SECRET_KEY -Arguments $Arguments
}

function Invoke-AwsCliAt {
    <#
    Runs the AWS CLI against an endpoint. Arguments go through ProcessStartInfo.ArgumentList, because
    PowerShell expands an unquoted '*' (as in --principal *) into file names when it splats to a program.
    #>
    param([string] $EndpointUrl, [string] $AccessKey, [string] $SecretKey, [string[]] $Arguments, [string] $Region = 'us-east-1')
    $info = [Diagnostics.ProcessStartInfo]::new((Get-Command aws -CommandType Application | Select-Object -First 1).Source)
    foreach ($a in $Arguments + @('--endpoint-url', $EndpointUrl, '--region', $Region, '--output', 'json')) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    # Nothing of the caller's AWS configuration (a CI job's AWS_PROFILE, AWS_ENDPOINT_URL, ...) reaches the CLI.
    foreach ($name in @($info.Environment.Keys | Where-Object { $_ -like 'AWS_*' })) { $info.Environment.Remove($name) | Out-Null }
    $info.Environment['AWS_ACCESS_KEY_ID'] = $AccessKey
    $info.Environment['AWS_SECRET_ACCESS_KEY'] = $SecretKey
    $info.Environment['AWS_CONFIG_FILE'] = '/nonexistent/config'
    $info.Environment['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/credentials'
    $process = [Diagnostics.Process]::Start($info)
    $stderr = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { throw "aws $($Arguments -join ' ') failed ($($process.ExitCode)): $($stderr.Result)" }
    if ($stdout.Trim()) { return ($stdout | ConvertFrom-Json) }
}

function New-TestBusName {
    <# A bus name no other test uses. #>
    param([string] $Prefix = 'test')
    "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
}

function New-TestRegion {
    <#
    A region nobody else uses: every account and region has its own empty default bus on the local
    endpoint, so a test that works on 'default' in a fresh region starts from a bus without a policy.
    #>
    $letters = -join ((1..8) | ForEach-Object { [char](Get-Random -Minimum 97 -Maximum 123) })
    "tt-$letters-1"
}

function Set-EndpointFault {
    <# Replaces the local endpoint's fault rules (see tests/LocalEventBridge/README.md, "Fault injection"). #>
    param([Parameter(Mandatory)] [hashtable[]] $Rules)
    $body = @{ rules = $Rules } | ConvertTo-Json -Depth 5
    Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/faults" -Method Put -ContentType 'application/json' -Body $body | Out-Null
}

function Clear-EndpointFault {
    Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/faults" -Method Delete | Out-Null
}

function Get-EndpointPolicySizeLimit {
    <# The local endpoint's bus policy quota in characters (10,240 unless a test raised or lowered it). #>
    (Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/settings").policySizeLimit
}

function Set-EndpointPolicySizeLimit {
    <# Sets the local endpoint's bus policy quota; a test that changes it puts the old value back afterwards. #>
    param([Parameter(Mandatory)] [int] $Limit)
    Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/settings" -Method Put -ContentType 'application/json' `
        -Body (@{ policySizeLimit = $Limit } | ConvertTo-Json) | Out-Null
}

function New-SharedPolicy {
    <#
    A whole bus policy whose first statement allows $Count accounts at once (100000000000, 100000000001, ...), as
    root ARNs in one {"AWS":[...]} list, the way the console, Terraform or a packed grant write it; then $More.
    Returns the accounts, in order, and the compact JSON.
    #>
    param([Parameter(Mandatory)] [string] $BusArn, [int] $Count = 250, [string] $Sid = 'Packed-1', [object[]] $More = @())
    $accounts = @(0..($Count - 1) | ForEach-Object { [string](100000000000 + $_) })
    $statement = [ordered]@{
        Sid = $Sid; Effect = 'Allow'; Principal = @{ AWS = @($accounts | ForEach-Object { "arn:aws:iam::$($_):root" }) }
        Action = 'events:PutEvents'; Resource = $BusArn
    }
    [pscustomobject]@{
        Accounts = $accounts
        Json     = @{ Version = '2012-10-17'; Statement = @($statement) + $More } | ConvertTo-Json -Depth 8 -Compress
    }
}

function Get-RequestLog {
    <# The local endpoint's log of API requests, oldest first. #>
    # Enumerated, so that callers' @(...) counts entries rather than one array.
    Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/requests" | ForEach-Object { $_ }
}

function Invoke-ChildPwsh {
    <#
    Runs a script in a separate pwsh (non-interactive, no profile) with the module imported (unless -NoImport);
    returns its exit code and what it wrote to stdout and stderr.
    #>
    param([Parameter(Mandatory)] [string] $Script, [switch] $NoImport)
    $pwsh = Get-PwshCommand
    $prelude = if ($NoImport) { '' } else { "Import-Module '$($env:EBP_TEST_MODULE)' -ErrorAction Stop`n" }
    $file = New-TemporaryFile
    $ps1 = "$($file.FullName).ps1"
    Move-Item $file.FullName $ps1
    Set-Content $ps1 ($prelude + $Script)
    try {
        $stdout = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $ps1 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($stdout | Out-String) }
    }
    finally {
        Remove-Item $ps1 -ErrorAction SilentlyContinue
    }
}

function Invoke-AndPressCtrlC {
    <#
    Runs a command of the module in a runspace of its own with -InputObject as its pipeline input, presses Ctrl+C
    (PowerShell.Stop, as the console does) once it has written -After objects, waits for it to stop, and returns
    what it wrote.
    #>
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] [hashtable] $Parameters,
        [Parameter(Mandatory)] [object[]] $InputObject, [int] $After = 1)
    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    try {
        $import = [powershell]::Create()
        $import.Runspace = $runspace
        $null = $import.AddCommand('Import-Module').AddArgument($env:EBP_TEST_MODULE).Invoke()
        $import.Dispose()
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        $null = $ps.AddCommand($Command).AddParameters($Parameters)
        $inputItems = [Management.Automation.PSDataCollection[psobject]]::new()
        $InputObject | ForEach-Object { $inputItems.Add($_) }
        $inputItems.Complete()
        $output = [Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke($inputItems, $output)
        $deadline = (Get-Date).AddSeconds(30)
        while ($output.Count -lt $After -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 10 }
        $ps.Stop()
        $async.AsyncWaitHandle.WaitOne(30000) | Out-Null
        $ps.Dispose()
        @($output)
    }
    finally { $runspace.Dispose() }
}

Export-ModuleMember -Function Get-TestConnection, Invoke-AndPressCtrlC, Invoke-AwsCli, Invoke-AwsCliAt, New-TestBusName, New-TestRegion, Set-EndpointFault, Clear-EndpointFault,
    Get-EndpointPolicySizeLimit, Set-EndpointPolicySizeLimit, New-SharedPolicy, Get-RequestLog, Invoke-ChildPwsh
