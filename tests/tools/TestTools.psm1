# Helpers shared by build.ps1, the Pester runner and the demo: finding pwsh, starting and stopping the
# local EventBridge endpoint, and reading test results.

$script:Root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

function Get-PwshCommand {
    <# The command line that starts another pwsh like this one: the pinned .NET tool runs as 'dotnet pwsh.dll'. #>
    $processPath = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        return @($processPath, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($processPath)
}

function Get-LocalTestCredential {
    <# The first test credential of the local endpoint (its README lists them all). #>
    $path = Join-Path $script:Root 'tests/LocalEventBridge/test-credentials.json'
    $all = Get-Content $path -Raw | ConvertFrom-Json
    return $all[0]
}

function Start-LocalEventBridge {
    <# Starts the local endpoint on 127.0.0.1 and a free port; returns an object with Url and Process. #>
    param(
        [ValidateSet('Debug', 'Release')] [string] $Configuration = 'Release',
        [string[]] $ExtraArguments = @()
    )
    $dll = Join-Path $script:Root "tests/LocalEventBridge/bin/$Configuration/net10.0/LocalEventBridge.dll"
    if (-not (Test-Path $dll)) { throw "The local endpoint is not built ($dll). Run: dotnet pwsh ./build.ps1 Build" }

    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--parent-pid', "$PID") + $ExtraArguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)

    $firstLine = $process.StandardOutput.ReadLineAsync()
    if (-not $firstLine.Wait([TimeSpan]::FromSeconds(30)) -or -not $firstLine.Result) {
        if (-not $process.HasExited) { $process.Kill($true) }
        throw 'The local EventBridge endpoint did not start within 30 seconds.'
    }
    if ($firstLine.Result -notmatch '^LocalEventBridge listening on (?<url>http://\S+)$') {
        $process.Kill($true)
        throw "The local EventBridge endpoint said '$($firstLine.Result)' instead of its address."
    }
    [pscustomobject]@{ Url = $Matches.url; Process = $process }
}

function Stop-LocalEventBridge {
    param([Parameter(Mandatory)] $Endpoint)
    if ($Endpoint -and -not $Endpoint.Process.HasExited) {
        $Endpoint.Process.Kill($true)
        $Endpoint.Process.WaitForExit(10000) | Out-Null
    }
}

function Read-TrxCounts {
    <# Passed, failed and skipped counts of a VSTest .trx file (zeros when it is missing). #>
    param([string] $Path)
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 } }
    [xml] $trx = Get-Content $Path -Raw
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $c.passed
        Failed  = [int] $c.failed + [int] $c.error + [int] $c.timeout + [int] $c.aborted
        Skipped = [int] $c.notExecuted
    }
}

Export-ModuleMember -Function Get-PwshCommand, Get-LocalTestCredential, Start-LocalEventBridge, Stop-LocalEventBridge, Read-TrxCounts
