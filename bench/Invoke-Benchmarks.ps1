#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Benchmarks EventBusPermissions against what its users would use instead: the AWS CLI and boto3.
.DESCRIPTION
    On one machine, in one run, against the same local EventBridge endpoint (tests/LocalEventBridge,
    Release build, started here) and against moto_server when it is on PATH (started on a free
    127.0.0.1 port, stopped at the end):

      Runbook grant  40 accounts granted by a fresh pwsh (start, Import-Module, 40 ids from the pipeline
                     into Grant-CWEventBusPermission), by a loop of 40 'aws events put-permission'
                     processes, and by one boto3 process; each repetition on a fresh bus
      Warm calls     per-call time of Get-CWEventBus and of a one-account Grant in a warm pwsh, and of
                     describe_event_bus and put_permission in a warm Python process
      Import         what Import-Module adds to 'pwsh -NoProfile -NonInteractive -Command exit'
      Scale          1, 10, 20, 30, 40, 50 accounts in one pipeline (warm session, emptied bus each), the
                     read of a bus at the policy quota, and the API calls per account from the endpoint's
                     request log

    Writes results.md (the tables), results.json (every raw number) and benchmarks.png (drawn by
    bench/Chart with ScottPlot) to -OutputDirectory, and prints the tables.

    Build first:  dotnet pwsh ./build.ps1 Build
    Then:         dotnet pwsh ./bench/Invoke-Benchmarks.ps1 -ModulePath out/EventBusPermissions -OutputDirectory out/bench

    Nothing is sent anywhere but 127.0.0.1. AWS Tools for PowerShell is not measured: it is not
    available on the machines this was written for.
.PARAMETER Runs
    Repetitions of each runbook grant and of each scale point (the CLI loop: -CliLoopRuns).
.PARAMETER CliLoopRuns
    Repetitions of the 40-process AWS CLI loop per endpoint (each takes 40 CLI starts). Default: -Runs.
.PARAMETER Quick
    A smoke test in about a minute: 2 runs of the module and boto3, one CLI loop (local endpoint only),
    few iterations and starts.
.PARAMETER SkipMoto
    Do not measure against moto_server even when it is on PATH.
.PARAMETER SkipChart
    Do not build and run bench/Chart.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputDirectory,
    [ValidateRange(1, 100)] [int] $Runs = 5,
    [ValidateRange(0, 100)] [int] $CliLoopRuns = -1,
    [switch] $Quick,
    [switch] $SkipMoto,
    [switch] $SkipChart
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $Root 'tests/tools/TestTools.psm1')
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force

$ModulePath = (Resolve-Path $ModulePath).Path
if (-not (Test-Path (Join-Path $ModulePath 'EventBusPermissions.psd1'))) {
    throw "No EventBusPermissions.psd1 in '$ModulePath'. Run: dotnet pwsh ./build.ps1 Build"
}
$OutputDirectory = [IO.Path]::GetFullPath($OutputDirectory, (Get-Location).Path)
New-Item -ItemType Directory -Path $OutputDirectory -Force | Out-Null

# ---------------------------------------------------------------------------------------------- settings
$AccountCount = 40
$ScaleCounts = @(1, 10, 20, 30, 40, 50)
$QuotaFill = 60
if ($Quick) {
    $Runs = [math]::Min($Runs, 2)
    $settings = [ordered]@{ runs = $Runs; cliLoopRunsLocal = 1; cliLoopRunsMoto = 0; cliCallsTimed = 8; warmIterations = 40; warmup = 5; warmRounds = 1
        importStarts = 3; scaleRuns = 3; quotaIterations = 30 }
}
else {
    $cli = if ($CliLoopRuns -ge 0) { $CliLoopRuns } else { [math]::Min($Runs, 3) }
    $settings = [ordered]@{ runs = $Runs; cliLoopRunsLocal = $cli; cliLoopRunsMoto = $cli; cliCallsTimed = $AccountCount; warmIterations = 200; warmup = 20; warmRounds = 2
        importStarts = 12; scaleRuns = $Runs; quotaIterations = 100 }
}
if ($Quick -and $CliLoopRuns -ge 0) { $settings.cliLoopRunsLocal = $CliLoopRuns; $settings.cliLoopRunsMoto = $CliLoopRuns }
$settings.quick = [bool] $Quick
$settings.accounts = $AccountCount
$settings.scaleCounts = $ScaleCounts

# ---------------------------------------------------------------------------------------------- programs
$pwsh = @(Get-PwshCommand)
$pwshFile = $pwsh[0]
$pwshPrefix = @($pwsh | Select-Object -Skip 1)
$aws = Resolve-RealProgram aws
$python = Resolve-RealProgram python3
$motoServer = if ($SkipMoto) { $null } else { Resolve-RealProgram moto_server }
$credential = Get-LocalTestCredential

# Every child gets the same clean AWS environment: keys from the environment (as a runbook would), no
# profile files, no instance metadata, no endpoint or region but the ones passed explicitly; no telemetry.
$childEnv = @{
    AWS_ACCESS_KEY_ID                   = $credential.AccessKey
    AWS_SECRET_ACCESS_KEY               = $credential.SecretKey
    AWS_SESSION_TOKEN                   = $null
    AWS_PROFILE                         = $null
    AWS_DEFAULT_PROFILE                 = $null
    AWS_REGION                          = $null
    AWS_DEFAULT_REGION                  = $null
    AWS_ENDPOINT_URL                    = $null
    AWS_ENDPOINT_URL_EVENTBRIDGE        = $null
    AWS_ENDPOINT_URL_EVENTS             = $null
    AWS_CONFIG_FILE                     = '/nonexistent/aws-config'
    AWS_SHARED_CREDENTIALS_FILE         = '/nonexistent/aws-credentials'
    AWS_EC2_METADATA_DISABLED           = 'true'
    POWERSHELL_TELEMETRY_OPTOUT         = '1'
    POWERSHELL_UPDATECHECK              = 'Off'
    DOTNET_CLI_TELEMETRY_OPTOUT         = '1'
}
foreach ($k in 'POWERSHELL_TELEMETRY_OPTOUT', 'POWERSHELL_UPDATECHECK', 'DOTNET_CLI_TELEMETRY_OPTOUT', 'DOTNET_NOLOGO') {
    Set-Item "env:$k" -Value ($k -eq 'POWERSHELL_UPDATECHECK' ? 'Off' : '1')
}

function Invoke-Child {
    param([string] $FilePath, [string[]] $Arguments, [string] $What, [int] $TimeoutSeconds = 600)
    $r = Invoke-TimedProcess -FilePath $FilePath -Arguments $Arguments -Environment $childEnv -TimeoutSeconds $TimeoutSeconds
    Assert-ProcessSucceeded $r $What
    $r
}

function Invoke-Pwsh {
    param([string[]] $Arguments, [string] $What, [int] $TimeoutSeconds = 600)
    Invoke-Child -FilePath $pwshFile -Arguments ($pwshPrefix + @('-NoProfile', '-NonInteractive') + $Arguments) -What $What -TimeoutSeconds $TimeoutSeconds
}

function Write-Phase([string] $Text) {
    Write-Host ("[{0:HH:mm:ss}] {1}" -f (Get-Date), $Text)
}

function Get-Version([string] $FilePath, [string[]] $Arguments) {
    if (-not $FilePath) { return $null }
    try {
        $r = Invoke-TimedProcess -FilePath $FilePath -Arguments $Arguments -Environment $childEnv -TimeoutSeconds 120
        (($r.StdOut + $r.StdErr).Trim() -split "`n")[0].Trim()
    }
    catch { $null }
}

$accountIds = @(for ($i = 1; $i -le $AccountCount; $i++) { '{0:D12}' -f (210000000000 + $i) })
$accountList = $accountIds -join ','

$startedAt = Get-Date
$machine = [ordered]@{
    os               = [Runtime.InteropServices.RuntimeInformation]::OSDescription
    cores            = [Environment]::ProcessorCount
    pwsh             = $PSVersionTable.PSVersion.ToString()
    dotnet           = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    python           = Get-Version $python @('--version')
    boto3            = Get-Version $python @('-c', 'from importlib.metadata import version as v; print("boto3", v("boto3"), "botocore", v("botocore"))')
    awsCli           = Get-Version $aws @('--version')
    moto             = if ($motoServer) { Get-Version $python @('-c', 'from importlib.metadata import version as v; print(v("moto"))') } else { $null }
    awsCliPath       = $aws
    pythonPath       = $python
    awsToolsForPowerShell = 'not available on this machine (no network to the PowerShell Gallery); not measured'
    loadAverageStart = Get-LoadAverage
}
if (-not $python) { throw 'python3 is not on PATH; boto3 is the baseline of several benchmarks.' }
if (-not $aws) { Write-Warning 'The AWS CLI is not on PATH: the CLI loop is not measured.' }

$results = [ordered]@{
    schema       = 1
    generatedUtc = $startedAt.ToUniversalTime().ToString('o')
    machine      = $machine
    settings     = $settings
    runbookGrant = @()
    warmCalls    = @()
    import       = $null
    scale        = @()
    quotaRead    = $null
    requests     = [ordered]@{}
    targets      = @()
    notes        = @()
}

$endpoint = $null
$moto = $null
$scratch = Join-Path ([IO.Path]::GetTempPath()) "ebp-bench-$PID"
try {
    New-Item -ItemType Directory -Path $scratch -Force | Out-Null
    # Measure a copy: a 'build.ps1 Build' elsewhere during the run replaces out/EventBusPermissions.
    $GivenModulePath = $ModulePath
    $ModulePath = Join-Path $scratch 'module/EventBusPermissions'
    New-Item -ItemType Directory -Path (Split-Path $ModulePath -Parent) -Force | Out-Null
    Copy-Item -Path $GivenModulePath -Destination $ModulePath -Recurse
    $results.settings.modulePath = $GivenModulePath
    $results.settings.moduleVersion = (Import-PowerShellDataFile (Join-Path $ModulePath 'EventBusPermissions.psd1')).ModuleVersion
    # A one-function script module: what the first Import-Module in a process costs PowerShell itself.
    $TrivialModule = Join-Path $scratch 'trivial/BenchTrivial'
    New-Item -ItemType Directory -Path $TrivialModule -Force | Out-Null
    Set-Content (Join-Path $TrivialModule 'BenchTrivial.psm1') 'function Get-BenchTrivial { 1 }'
    Set-Content (Join-Path $TrivialModule 'BenchTrivial.psd1') "@{ RootModule = 'BenchTrivial.psm1'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @('Get-BenchTrivial'); CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"
    Write-Phase 'Starting the local EventBridge endpoint (Release)'
    $endpoint = Start-LocalEventBridge -Configuration Release
    $localUrl = $endpoint.Url.TrimEnd('/')
    $targets = @([pscustomobject]@{ Name = 'local'; Url = $localUrl; CliRuns = $settings.cliLoopRunsLocal })
    if ($motoServer) {
        Write-Phase 'Starting moto_server'
        $moto = Start-MotoServer -FilePath $motoServer
        $targets += [pscustomobject]@{ Name = 'moto'; Url = $moto.Url; CliRuns = $settings.cliLoopRunsMoto }
    }
    else {
        $results.notes += ($SkipMoto ? 'moto_server: skipped (-SkipMoto).' : 'moto_server: not on PATH; not measured.')
    }

    # One untimed pass of each program, so that the first timed run does not pay for a cold disk cache.
    # Every path once, untimed, so that no first timed run pays for a cold disk cache.
    Write-Phase 'Warming the disk cache (one untimed grant by each tool)'
    $warmRegion = New-RandomRegion 'bu'
    Invoke-Pwsh @('-File', (Join-Path $PSScriptRoot 'Grant-Runbook.ps1'), '-ModulePath', $ModulePath, '-Region', $warmRegion,
        '-EndpointUrl', $localUrl, '-AccountIds', ($accountIds[0..1] -join ',')) 'The warm-up runbook' | Out-Null
    Invoke-Child $python @((Join-Path $PSScriptRoot 'boto3_grant.py'), $localUrl, $warmRegion, ($accountIds[2..3] -join ',')) 'The boto3 warm-up' | Out-Null
    if ($aws) {
        Invoke-Child $aws @('events', 'put-permission', '--action', 'events:PutEvents', '--principal', $accountIds[4], '--statement-id', 'WarmUp',
            '--region', $warmRegion, '--endpoint-url', $localUrl) 'The AWS CLI warm-up' -TimeoutSeconds 120 | Out-Null
    }

    # ------------------------------------------------------------------------------ runbook grant
    $cliCallMs = @{}
    foreach ($target in $targets) { $cliCallMs[$target.Name] = [Collections.Generic.List[double]]::new() }
    foreach ($target in $targets) {
        $samples = [ordered]@{ module = [Collections.Generic.List[double]]::new(); cli = [Collections.Generic.List[double]]::new(); boto3 = [Collections.Generic.List[double]]::new() }
        $counts = [ordered]@{ module = [Collections.Generic.List[object]]::new(); cli = [Collections.Generic.List[object]]::new(); boto3 = [Collections.Generic.List[object]]::new() }
        $tools = @('module', 'cli', 'boto3')
        for ($run = 0; $run -lt $Runs; $run++) {
            # Rotate the order, so that no tool always runs first (or last) after a pause.
            $order = @($tools[($run % 3)..2]) + @(if ($run % 3 -gt 0) { $tools[0..(($run % 3) - 1)] })
            foreach ($tool in $order) {
                if ($tool -eq 'cli' -and (-not $aws -or $run -ge $target.CliRuns)) { continue }
                $region = if ($target.Name -eq 'local') { New-RandomRegion 'bn' } else { 'us-east-1' }
                if ($target.Name -eq 'moto') { Reset-MotoServer $target.Url }
                $since = if ($target.Name -eq 'local') { Get-LastRequestSequence -EndpointUrl $target.Url } else { 0 }
                Write-Phase "Runbook grant of $AccountCount accounts, $($target.Name), $tool, run $($run + 1)"
                switch ($tool) {
                    'module' {
                        $r = Invoke-Pwsh @('-File', (Join-Path $PSScriptRoot 'Grant-Runbook.ps1'), '-ModulePath', $ModulePath, '-Region', $region,
                            '-EndpointUrl', $target.Url, '-AccountIds', $accountList) "The module's runbook ($($target.Name))"
                        $ms = $r.Milliseconds
                    }
                    'cli' {
                        # -Quick times the first cliCallsTimed processes and scales the loop up to all accounts.
                        $watch = [Diagnostics.Stopwatch]::StartNew()
                        foreach ($id in $accountIds[0..($settings.cliCallsTimed - 1)]) {
                            $r = Invoke-Child $aws @('events', 'put-permission', '--event-bus-name', 'default', '--action', 'events:PutEvents',
                                '--principal', $id, '--statement-id', "Account-$id", '--region', $region, '--endpoint-url', $target.Url) "aws events put-permission ($($target.Name))" -TimeoutSeconds 120
                            $cliCallMs[$target.Name].Add($r.Milliseconds)
                        }
                        $ms = $watch.Elapsed.TotalMilliseconds * $AccountCount / $settings.cliCallsTimed
                    }
                    'boto3' {
                        $r = Invoke-Child $python @((Join-Path $PSScriptRoot 'boto3_grant.py'), $target.Url, $region, $accountList) "boto3 grant ($($target.Name))"
                        $ms = $r.Milliseconds
                    }
                }
                $samples[$tool].Add($ms / 1000)
                Write-Host ("    {0:N2} s" -f ($ms / 1000))
                if ($target.Name -eq 'local') {
                    $c = Measure-RequestCounts -EndpointUrl $target.Url -Since $since -Region $region
                    $expected = if ($tool -eq 'cli') { $settings.cliCallsTimed } else { $AccountCount }
                    if ($c.writes -ne $expected -or $c.failed -ne 0) {
                        throw "The $tool runbook sent $($c.writes) PutPermission requests ($($c.failed) failed) instead of $expected."
                    }
                    $counts[$tool].Add($c)
                }
            }
        }
        $labels = @{
            module = 'EventBusPermissions: pwsh + Import-Module + 40 ids from the pipeline'
            cli    = 'AWS CLI v1: loop of 40 aws events put-permission'
            boto3  = 'boto3: one python3 process, 40 put_permission calls'
        }
        foreach ($tool in $tools) {
            $entry = [ordered]@{
                endpoint = $target.Name
                tool     = $tool
                label    = $labels[$tool]
                seconds  = $samples[$tool].ToArray()
                stats    = Get-Stats $samples[$tool].ToArray()
            }
            if ($target.Name -eq 'local') { $entry.requests = $counts[$tool].ToArray() }
            if ($tool -eq 'cli') {
                $entry.callMs = $cliCallMs[$target.Name].ToArray()
                $entry.callStats = Get-Stats $cliCallMs[$target.Name].ToArray()
                $entry.callsTimedPerRun = $settings.cliCallsTimed
                if ($settings.cliCallsTimed -lt $AccountCount -and $samples[$tool].Count -gt 0) {
                    $entry.label += " ($($settings.cliCallsTimed) calls timed per run, scaled to $AccountCount)"
                }
            }
            if ($samples[$tool].Count -eq 0) {
                $entry.skipped = if ($tool -eq 'cli' -and -not $aws) { 'aws not on PATH' } else { 'not run (-Quick runs the CLI loop against the local endpoint only)' }
            }
            $results.runbookGrant += $entry
        }
    }

    # ------------------------------------------------------------------------------ warm calls
    $scaleRegion = New-RandomRegion 'bs'
    $quotaRegion = New-RandomRegion 'bq'
    foreach ($target in $targets) {
        $pool = [ordered]@{ getMs = @(); grantMs = @(); describeMs = @(); putMs = @() }
        $grantCounts = @()
        for ($round = 0; $round -lt $settings.warmRounds; $round++) {
            $order = if ($round % 2 -eq 0) { @('module', 'boto3') } else { @('boto3', 'module') }
            foreach ($tool in $order) {
                if ($target.Name -eq 'moto') { Reset-MotoServer $target.Url }
                $region = if ($target.Name -eq 'local') { New-RandomRegion 'bw' } else { 'us-east-1' }
                $out = Join-Path $scratch "warm-$($target.Name)-$tool-$round.json"
                Write-Phase "Warm calls, $($target.Name), $tool, round $($round + 1) ($($settings.warmIterations) iterations each)"
                if ($tool -eq 'module') {
                    $arguments = @('-File', (Join-Path $PSScriptRoot 'Measure-WarmSession.ps1'), '-ModulePath', $ModulePath, '-EndpointUrl', $target.Url,
                        '-Region', $region, '-Iterations', "$($settings.warmIterations)", '-Warmup', "$($settings.warmup)", '-OutputPath', $out)
                    if ($target.Name -eq 'local') { $arguments += '-CountRequests' }
                    Invoke-Pwsh $arguments "The warm pwsh session ($($target.Name))" | Out-Null
                    $w = Get-Content $out -Raw | ConvertFrom-Json
                    $pool.getMs += @($w.getMs); $pool.grantMs += @($w.grantMs)
                    if ($w.grantRequests) { $grantCounts += $w.grantRequests }
                }
                else {
                    Invoke-Child $python @((Join-Path $PSScriptRoot 'boto3_warm.py'), '--endpoint', $target.Url, '--region', $region,
                        '--iterations', "$($settings.warmIterations)", '--warmup', "$($settings.warmup)", '--output', $out) "boto3 warm calls ($($target.Name))" | Out-Null
                    $w = Get-Content $out -Raw | ConvertFrom-Json
                    $pool.describeMs += @($w.describe_event_bus); $pool.putMs += @($w.put_permission)
                }
            }
        }
        $results.warmCalls += [ordered]@{ endpoint = $target.Name; operation = 'read'; module = 'Get-CWEventBus'; boto3 = 'describe_event_bus'
            moduleMs = $pool.getMs; boto3Ms = $pool.describeMs; moduleStats = Get-Stats $pool.getMs; boto3Stats = Get-Stats $pool.describeMs }
        $results.warmCalls += [ordered]@{ endpoint = $target.Name; operation = 'grant'; module = 'Grant-CWEventBusPermission (1 account)'; boto3 = 'put_permission'
            moduleMs = $pool.grantMs; boto3Ms = $pool.putMs; moduleStats = Get-Stats $pool.grantMs; boto3Stats = Get-Stats $pool.putMs }
        if ($target.Name -eq 'local') { $results.requests.warmGrant = $grantCounts }
    }

    # ------------------------------------------------------------------------------ scale and quota (local endpoint)
    Write-Phase "Scale: $($ScaleCounts -join ', ') accounts in one pipeline, $($settings.scaleRuns) run(s) each; a bus at the quota"
    $out = Join-Path $scratch 'scale.json'
    Invoke-Pwsh @('-File', (Join-Path $PSScriptRoot 'Measure-WarmSession.ps1'), '-ModulePath', $ModulePath, '-EndpointUrl', $localUrl,
        '-Region', (New-RandomRegion 'bx'), '-Iterations', '0', '-Warmup', "$($settings.warmup)", '-OutputPath', $out,
        '-ScaleCounts', ($ScaleCounts -join ','), '-ScaleRuns', "$($settings.scaleRuns)", '-ScaleRegion', $scaleRegion,
        '-QuotaRegion', $quotaRegion, '-QuotaFill', "$QuotaFill", '-QuotaIterations', "$($settings.quotaIterations)", '-CountRequests') 'The scale session' | Out-Null
    $s = Get-Content $out -Raw | ConvertFrom-Json
    foreach ($point in $s.scale) {
        $seconds = @($point.runs | ForEach-Object seconds)
        $results.scale += [ordered]@{
            accounts = [int] $point.accounts
            seconds  = $seconds
            stats    = Get-Stats $seconds
            reads    = @($point.runs | ForEach-Object reads)
            writes   = @($point.runs | ForEach-Object writes)
            other    = @($point.runs | ForEach-Object other)
            failed   = @($point.runs | ForEach-Object failed)
        }
    }
    Write-Phase 'Quota read: boto3 describe_event_bus of the same bus'
    $bq = Join-Path $scratch 'boto3-quota.json'
    Invoke-Child $python @((Join-Path $PSScriptRoot 'boto3_warm.py'), '--endpoint', $localUrl, '--region', 'unused-1', '--iterations', '0',
        '--warmup', "$($settings.warmup)", '--output', $bq, '--quota-region', $quotaRegion, '--quota-iterations', "$($settings.quotaIterations)") 'boto3 quota read' | Out-Null
    $bqr = Get-Content $bq -Raw | ConvertFrom-Json
    $results.quotaRead = [ordered]@{
        statements    = $s.quota.statements
        policyChars   = $s.quota.policyChars
        granted       = $s.quota.granted
        refused       = $s.quota.refused
        refusedReason = $s.quota.refusedReason
        moduleMs      = @($s.quota.getMs)
        boto3Ms       = @($bqr.describe_quota_bus)
        moduleStats   = Get-Stats @($s.quota.getMs)
        boto3Stats    = Get-Stats @($bqr.describe_quota_bus)
    }

    # ------------------------------------------------------------------------------ import
    # Four kinds of start, interleaved: bare; importing the module (the target); and, to tell PowerShell's
    # own first-import cost from the module's, importing a one-function script module or the module's DLL
    # without its manifest. Each import is also timed inside the process.
    Write-Phase "Import: $($settings.importStarts) starts of each of 4 kinds, interleaved"
    function Get-TimedImportCommand([string] $Path) {
        "`$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Path'; [Console]::Out.Write(`$w.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture)); exit"
    }
    $kinds = [ordered]@{
        bare    = 'exit'
        module  = Get-TimedImportCommand $ModulePath
        trivial = Get-TimedImportCommand $TrivialModule
        dll     = Get-TimedImportCommand (Join-Path $ModulePath 'EventBusPermissions.dll')
    }
    $names = @($kinds.Keys)
    $wall = @{}; $inside = @{}
    foreach ($k in $names) { $wall[$k] = [Collections.Generic.List[double]]::new(); $inside[$k] = [Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -lt $settings.importStarts; $i++) {
        for ($j = 0; $j -lt $names.Count; $j++) {
            $k = $names[($i + $j) % $names.Count]
            $r = Invoke-Pwsh @('-Command', $kinds[$k]) "pwsh -Command ($k)"
            $wall[$k].Add($r.Milliseconds)
            if ($k -ne 'bare') { $inside[$k].Add([double]::Parse($r.StdOut.Trim(), [Globalization.CultureInfo]::InvariantCulture)) }
        }
    }
    $bareStats = Get-Stats $wall.bare.ToArray()
    $importStats = Get-Stats $wall.module.ToArray()
    $results.import = [ordered]@{
        bareCommand              = 'pwsh -NoProfile -NonInteractive -Command exit'
        importCommand            = "pwsh -NoProfile -NonInteractive -Command `"Import-Module <module folder>; exit`""
        bareMs                   = $wall.bare.ToArray()
        importMs                 = $wall.module.ToArray()
        inProcessImportMs        = $inside.module.ToArray()
        bareStats                = $bareStats
        importStats              = $importStats
        inProcessStats           = Get-Stats $inside.module.ToArray()
        differenceMs             = $importStats.median - $bareStats.median
        trivialStartMs           = $wall.trivial.ToArray()
        trivialInProcessMs       = $inside.trivial.ToArray()
        trivialInProcessStats    = Get-Stats $inside.trivial.ToArray()
        dllStartMs               = $wall.dll.ToArray()
        dllInProcessMs           = $inside.dll.ToArray()
        dllInProcessStats        = Get-Stats $inside.dll.ToArray()
    }
}
finally {
    if ($endpoint) { Stop-LocalEventBridge $endpoint }
    if ($moto) { Stop-MotoServer $moto }
    Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
}

$machine.loadAverageEnd = Get-LoadAverage
$results.durationSeconds = [math]::Round(((Get-Date) - $startedAt).TotalSeconds, 1)

# ---------------------------------------------------------------------------------------------- targets
function Find-Runbook([string] $EndpointName, [string] $Tool) {
    $results.runbookGrant | Where-Object { $_.endpoint -eq $EndpointName -and $_.tool -eq $Tool } | Select-Object -First 1
}
function Find-Warm([string] $EndpointName, [string] $Operation) {
    $results.warmCalls | Where-Object { $_.endpoint -eq $EndpointName -and $_.operation -eq $Operation } | Select-Object -First 1
}

$localModule = Find-Runbook 'local' 'module'
$localCli = Find-Runbook 'local' 'cli'
$speedup = if ($localCli.stats.n -gt 0) { $localCli.stats.median / $localModule.stats.median } else { $null }
$results.targets += [ordered]@{
    name     = 'Runbook grant of 40 accounts at least 10x faster than the AWS CLI loop (local endpoint)'
    measured = if ($null -ne $speedup) { '{0:N1}x faster ({1:N2} s vs {2:N2} s)' -f $speedup, $localModule.stats.median, $localCli.stats.median } else { 'not measured' }
    value    = $speedup
    met      = ($null -ne $speedup -and $speedup -ge 10)
}
foreach ($op in 'read', 'grant') {
    $w = Find-Warm 'local' $op
    $ratio = $w.moduleStats.median / $w.boto3Stats.median
    $results.targets += [ordered]@{
        name     = "Warm $($w.module) within 2x boto3's $($w.boto3) (local endpoint)"
        measured = '{0:N2}x ({1:N2} ms vs {2:N2} ms)' -f $ratio, $w.moduleStats.median, $w.boto3Stats.median
        value    = $ratio
        met      = ($ratio -le 2)
    }
}
# A difference of two start times is only as good as their spread: when half the summed IQRs is wider than
# the distance to 60 ms, the starts cannot say which side of the target the module is on.
$im = $results.import
$importNoise = (($im.bareStats.q3 - $im.bareStats.q1) + ($im.importStats.q3 - $im.importStats.q1)) / 2
$importVerdict = if ([math]::Abs($im.differenceMs - 60) -le $importNoise) { $null } else { $im.differenceMs -le 60 }
$results.targets += [ordered]@{
    name     = 'Import-Module adds at most 60 ms to a pwsh start'
    measured = '{0:N0} ms (medians {1:N0} ms vs {2:N0} ms, start-time noise ±{3:N0} ms; Import-Module timed inside the process: {4:N0} ms)' -f $im.differenceMs,
        $im.importStats.median, $im.bareStats.median, $importNoise, $im.inProcessStats.median
    value    = $im.differenceMs
    noiseMs  = $importNoise
    met      = $importVerdict
}
# Requests: every scale run and every module runbook run must be n writes and exactly 2 reads.
$requestRuns = @()
foreach ($p in $results.scale) {
    for ($i = 0; $i -lt $p.seconds.Count; $i++) {
        $requestRuns += [pscustomobject]@{ accounts = $p.accounts; writes = $p.writes[$i]; reads = $p.reads[$i]; other = $p.other[$i]; failed = $p.failed[$i] }
    }
}
foreach ($c in $localModule.requests) {
    $requestRuns += [pscustomobject]@{ accounts = $AccountCount; writes = $c.writes; reads = $c.reads; other = $c.other; failed = $c.failed }
}
$exact = @($requestRuns | Where-Object { $_.writes -eq $_.accounts -and $_.reads -eq 2 -and $_.other -eq 0 -and $_.failed -eq 0 })
$results.requests.perRun = $requestRuns
$results.targets += [ordered]@{
    name     = 'One write per account granted, one read before and one after per bus'
    measured = '{0} of {1} pipelines exact (1-50 accounts and the 40-account runbooks)' -f $exact.Count, $requestRuns.Count
    value    = $exact.Count
    met      = ($requestRuns.Count -gt 0 -and $exact.Count -eq $requestRuns.Count)
}

# ---------------------------------------------------------------------------------------------- markdown
function F([object] $Value, [string] $Format = 'N2') { if ($null -eq $Value) { '–' } else { ([double] $Value).ToString($Format, [Globalization.CultureInfo]::InvariantCulture) } }
function Range($Stats, [string] $Format = 'N2') { if (-not $Stats -or $Stats.n -eq 0) { '–' } else { "$(F $Stats.min $Format)–$(F $Stats.max $Format)" } }
function Iqr($Stats, [string] $Format = 'N2') { if (-not $Stats -or $Stats.n -lt 2) { '–' } else { "$(F $Stats.q1 $Format)–$(F $Stats.q3 $Format)" } }

$md = [Collections.Generic.List[string]]::new()
$md.Add('# EventBusPermissions benchmarks')
$md.Add('')
$md.Add("$($results.generatedUtc) · $($machine.os) · $($machine.cores) cores · load average $($machine.loadAverageStart) at start, $($machine.loadAverageEnd) at end · " +
    "PowerShell $($machine.pwsh) · $($machine.dotnet) · $($machine.awsCli) · $($machine.boto3)" + $(if ($machine.moto) { " · moto $($machine.moto)" } else { '' }) +
    " · $(if ($Quick) { '-Quick' } else { "-Runs $Runs" }) · $($results.durationSeconds) s in all")
$md.Add('')
$md.Add('AWS Tools for PowerShell (the other module users would reach for) is not available on this machine and is not measured. ' +
    "Times are wall-clock; 'local' is tests/LocalEventBridge (Release), 'moto' is moto_server, both on 127.0.0.1. " +
    "Programs run directly (pyenv shims resolved): aws = ``$($machine.awsCliPath)``, python3 = ``$($machine.pythonPath)``; " +
    "pwsh = ``$(($pwsh | ForEach-Object { Split-Path $_ -Leaf }) -join ' ')`` (the repository's pinned PowerShell $($machine.pwsh)); module $($settings.moduleVersion) from ``$($settings.modulePath)``.")
$md.Add('')
$md.Add("## Runbook grant: $AccountCount accounts, fresh process, fresh bus")
$md.Add('')
$md.Add('| endpoint | how | runs | median s | IQR s | min–max s | ratio to the module |')
$md.Add('| --- | --- | ---: | ---: | ---: | ---: | ---: |')
foreach ($e in $results.runbookGrant) {
    $module = Find-Runbook $e.endpoint 'module'
    $ratio = if ($e.stats.n -gt 0 -and $module.stats.n -gt 0) { '{0}x' -f (F ($e.stats.median / $module.stats.median)) } else { '–' }
    $how = if ($e.Contains('skipped')) { "$($e.label): $($e.skipped)" } else { $e.label }
    $md.Add("| $($e.endpoint) | $how | $($e.stats.n) | $(F $e.stats.median) | $(Iqr $e.stats) | $(Range $e.stats) | $ratio |")
}
$md.Add('')
$md.Add('## Warm calls: per-call time in a warm session')
$md.Add('')
$md.Add('| endpoint | module call | median ms | IQR ms | boto3 call | median ms | IQR ms | module / boto3 |')
$md.Add('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |')
foreach ($w in $results.warmCalls) {
    $md.Add("| $($w.endpoint) | $($w.module) | $(F $w.moduleStats.median) | $(Iqr $w.moduleStats) | $($w.boto3) | $(F $w.boto3Stats.median) | $(Iqr $w.boto3Stats) | $(F ($w.moduleStats.median / $w.boto3Stats.median))x |")
}
$q = $results.quotaRead
$md.Add("| local | Get-CWEventBus, bus at the quota ($($q.statements) statements, $($q.policyChars) chars) | $(F $q.moduleStats.median) | $(Iqr $q.moduleStats) | describe_event_bus, same bus | $(F $q.boto3Stats.median) | $(Iqr $q.boto3Stats) | $(F ($q.moduleStats.median / $q.boto3Stats.median))x |")
$md.Add('')
$localGrant = Find-Warm 'local' 'grant'
$md.Add("Iterations per call: $($settings.warmIterations) x $($settings.warmRounds) round(s) (after $($settings.warmup) warm-up calls). " +
    "A one-account Grant is 3 requests (read, write, read back) where put_permission is 1: on the local endpoint that is " +
    "$(F ($localGrant.moduleStats.median / 3)) ms per request against boto3's $(F $localGrant.boto3Stats.median) ms.")
$md.Add('')
$md.Add('## Import: what Import-Module adds to a pwsh start')
$md.Add('')
$md.Add('| pwsh -NoProfile -NonInteractive -Command ... | starts | start to exit, median ms | IQR ms | min–max ms | Import-Module alone, timed inside, median ms (IQR) |')
$md.Add('| --- | ---: | ---: | ---: | ---: | ---: |')
$im = $results.import
function ImportRow([string] $What, $Wall, $Inside) {
    $in = if ($Inside) { "$(F $Inside.median 'N0') ($(Iqr $Inside 'N0'))" } else { '–' }
    "| $What | $($Wall.n) | $(F $Wall.median 'N0') | $(Iqr $Wall 'N0') | $(Range $Wall 'N0') | $in |"
}
$md.Add((ImportRow '`exit`' $im.bareStats $null))
$md.Add((ImportRow '`Import-Module <module folder>; exit`' $im.importStats $im.inProcessStats))
$md.Add("| **what Import-Module adds (difference of the medians)** | | **$(F $im.differenceMs 'N0')** | | | |")
$md.Add((ImportRow 'for comparison: `Import-Module <module>/EventBusPermissions.dll; exit` (no manifest)' (Get-Stats $im.dllStartMs) $im.dllInProcessStats))
$md.Add((ImportRow 'for comparison: `Import-Module <one-function script module>; exit`' (Get-Stats $im.trivialStartMs) $im.trivialInProcessStats))
$md.Add('')
$md.Add('## Scale: accounts in one pipeline (warm session, local endpoint, emptied bus each run)')
$md.Add('')
$md.Add('| accounts | runs | median s | min–max s | ms per account | reads per run | writes per run | writes per account |')
$md.Add('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
foreach ($p in $results.scale) {
    $reads = (@($p.reads) | Sort-Object -Unique) -join '/'
    $writes = (@($p.writes) | Sort-Object -Unique) -join '/'
    $perAccount = ((@($p.writes) | Measure-Object -Sum).Sum) / ($p.accounts * $p.seconds.Count)
    $md.Add("| $($p.accounts) | $($p.stats.n) | $(F $p.stats.median 'N3') | $(Range $p.stats 'N3') | $(F ($p.stats.median * 1000 / $p.accounts) 'N1') | $reads | $writes | $(F $perAccount) |")
}
$md.Add('')
$md.Add("Bus at the quota: Grant of $QuotaFill accounts stopped after $($q.granted) ($($q.refused) refused, $($q.refusedReason)); " +
    "reading it back: $(F $q.moduleStats.median) ms median (table above).")
$wg = @($results.requests.warmGrant)
if ($wg.Count -gt 0) {
    $g = ($wg | Measure-Object grants -Sum).Sum; $gr = ($wg | Measure-Object reads -Sum).Sum; $gw = ($wg | Measure-Object writes -Sum).Sum
    $md.Add("Warm one-account grants: $g grants sent $gw writes and $gr reads (expected $g and $(2 * $g)).")
}
$md.Add('')
$md.Add('## Targets')
$md.Add('')
$md.Add('| target | measured | met |')
$md.Add('| --- | --- | --- |')
foreach ($t in $results.targets) {
    $verdict = if ($null -eq $t.met) { 'inconclusive (noise)' } elseif ($t.met) { 'yes' } else { '**no**' }
    $md.Add("| $($t.name) | $($t.measured) | $verdict |")
}
foreach ($n in $results.notes) { $md.Add(''); $md.Add($n) }

$markdown = $md -join "`n"
Set-Content -Path (Join-Path $OutputDirectory 'results.md') -Value $markdown -Encoding utf8
$resultsJson = Join-Path $OutputDirectory 'results.json'
$results | ConvertTo-Json -Depth 10 | Set-Content -Path $resultsJson -Encoding utf8
Write-Host ''
Write-Host $markdown
Write-Host ''

# ---------------------------------------------------------------------------------------------- chart
if (-not $SkipChart) {
    Write-Phase 'Drawing benchmarks.png (bench/Chart, ScottPlot)'
    $png = Join-Path $OutputDirectory 'benchmarks.png'
    & dotnet run --project (Join-Path $PSScriptRoot 'Chart/Chart.csproj') -c Release -v quiet -- $resultsJson $png
    if ($LASTEXITCODE -ne 0) { throw "bench/Chart failed with exit code $LASTEXITCODE." }
}
Write-Host "Results: $(Join-Path $OutputDirectory 'results.md'), $resultsJson$(if (-not $SkipChart) { ", $png" })"
