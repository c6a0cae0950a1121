# Shared by the Pester test files: the connection parameters of the local endpoint, buses for one test,
# the endpoint's request log, and running a command in a separate pwsh.
$script:Root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
Import-Module (Join-Path $script:Root 'tests/tools/TestTools.psm1') -Force

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
    $env:AWS_ACCESS_KEY_ID = $env:EBP_TEST_ACCESS_KEY
    $env:AWS_SECRET_ACCESS_KEY = $env:EBP_TEST_SECRET_KEY
    try {
        $text = & aws @Arguments --endpoint-url $env:EBP_TEST_ENDPOINT --region us-east-1 --output json 2>&1
        if ($LASTEXITCODE -ne 0) { throw "aws $($Arguments -join ' ') failed: $text" }
        if ($text) { return ($text | Out-String | ConvertFrom-Json) }
    }
    finally {
        Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY -ErrorAction SilentlyContinue
    }
}

function New-TestBusName {
    <# A bus name no other test uses. #>
    param([string] $Prefix = 'test')
    "$Prefix-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
}

function Get-RequestLog {
    <# The local endpoint's log of API requests, oldest first. #>
    Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/requests"
}

function Invoke-ChildPwsh {
    <#
    Runs a script block in a separate pwsh (non-interactive, no profile) with the module imported;
    returns its exit code and what it wrote to stdout and stderr.
    #>
    param([Parameter(Mandatory)] [string] $Script)
    $pwsh = Get-PwshCommand
    $prelude = "Import-Module '$($env:EBP_TEST_MODULE)' -ErrorAction Stop`n"
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

Export-ModuleMember -Function Get-TestConnection, Invoke-AwsCli, New-TestBusName, Get-RequestLog, Invoke-ChildPwsh
