<#
.SYNOPSIS
    Runs the Pester tests against the built module folder, with a local EventBridge endpoint started for
    the run. build.ps1 Test starts this script in a fresh pwsh so the module is imported as a user would.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Configuration = 'Release',
    # Test files or folders to run (default: every file here); for a quick loop on one file while developing.
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
Import-Module (Join-Path $root 'tests/tools/TestTools.psm1') -Force

# Pester comes from NuGet (restored by the test project's PackageDownload), never from the Gallery.
$globalPackages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
$pester = Join-Path $globalPackages.Trim() 'pester/5.9.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 5.9.1 was not restored ($pester). Run: dotnet restore" }
Import-Module $pester -Force

# Held as a command so the tests' own module imports cannot take it away before the finally block.
$stopEndpoint = Get-Command Stop-LocalEventBridge
$endpoint = Start-LocalEventBridge -Configuration $Configuration
try {
    # What every test file needs, passed through the environment so child pwsh processes see it too.
    $credential = Get-LocalTestCredential
    $env:EBP_TEST_MODULE = $ModulePath
    $env:EBP_TEST_ENDPOINT = $endpoint.Url
    $env:EBP_TEST_ACCESS_KEY = $credential.AccessKey
    $env:EBP_TEST_SECRET_KEY = $credential.SecretKey
    $env:EBP_TEST_ACCOUNT = $credential.AccountId
    $env:AWS_EC2_METADATA_DISABLED = 'true'

    $config = New-PesterConfiguration
    $config.Run.Path = $Path
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config

    [pscustomobject]@{
        Passed  = $result.PassedCount
        Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped = $result.SkippedCount + $result.NotRunCount
    } | ConvertTo-Json | Set-Content $SummaryPath
    if ($result.Result -ne 'Passed') { exit 1 }
}
finally {
    & $stopEndpoint $endpoint
}
