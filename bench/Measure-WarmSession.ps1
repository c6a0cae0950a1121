<#
.SYNOPSIS
    The module in a warm pwsh session, run by bench/Invoke-Benchmarks.ps1 in a pwsh of its own; writes its
    numbers as JSON to -OutputPath.
.DESCRIPTION
    After importing the module and warming it up (client, connection, signer, JIT):
      getMs     per-call times of Get-CWEventBus on the default bus of -Region, whose policy grows from 0 to
                39 account statements and is then emptied again (untimed), like boto3_warm.py's bus
      grantMs   per-call times of one Grant-CWEventBusPermission of a new account; every 40 grants the bus
                is emptied with Revoke-CWEventBusPermission -All (untimed)
      scale     with -ScaleCounts ('1,10,20'): seconds to grant N accounts in one pipeline on an emptied bus, -ScaleRuns
                times each (the counts interleaved); with -CountRequests the reads and writes each run sent,
                from the local endpoint's request log
      quota     with -QuotaRegion: that region's default bus filled to the policy quota, then per-call times
                of Get-CWEventBus on it (-QuotaIterations of them)
    -Iterations 0 skips getMs and grantMs (a session only for scale and quota).
    Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [int] $Iterations,
    [Parameter(Mandatory)] [int] $Warmup,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $ScaleCounts = '',
    [int] $ScaleRuns = 1,
    [string] $ScaleRegion,
    [string] $QuotaRegion,
    [int] $QuotaFill = 60,
    [int] $QuotaIterations = $Iterations,
    [switch] $CountRequests
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1')
Import-Module $ModulePath

$batch = 40
$conn = @{ Region = $Region; EndpointUrl = $EndpointUrl }
function Get-AccountId([long] $Number) { '{0:D12}' -f (400000000000 + $Number) }
function Clear-Bus([hashtable] $Connection) { Revoke-CWEventBusPermission -All -Confirm:$false @Connection | Out-Null }
function Grant-One([long] $Number, [hashtable] $Connection) {
    $result = Grant-CWEventBusPermission -AccountId (Get-AccountId $Number) @Connection
    if ($result.Status -ne 'Granted') { throw "Grant of $(Get-AccountId $Number) came back $($result.Status)." }
}

$watch = [Diagnostics.Stopwatch]::new()
$result = [ordered]@{ getMs = @(); grantMs = @(); grantRequests = $null; scale = @(); quota = $null }

# Warm-up: the client for this region and endpoint, the connection, the JIT of every path measured below.
for ($i = 0; $i -lt $Warmup; $i++) {
    $null = Get-CWEventBus @conn
    Grant-One (900000 + $i) $conn
}
Clear-Bus $conn

$get = [Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Iterations; $i++) {
    if ($i % $batch -eq 0) { Clear-Bus $conn }
    $watch.Restart()
    $bus = Get-CWEventBus @conn
    $watch.Stop()
    $get.Add($watch.Elapsed.TotalMilliseconds)
    if ($bus.Name -ne 'default') { throw "Get-CWEventBus returned '$($bus.Name)'." }
    Grant-One (500000 + $i) $conn
}
$result.getMs = $get.ToArray()
Clear-Bus $conn

$since = if ($CountRequests) { Get-LastRequestSequence -EndpointUrl $EndpointUrl } else { 0 }
$grant = [Collections.Generic.List[double]]::new()
$cleared = 0
for ($i = 0; $i -lt $Iterations; $i++) {
    if ($i -gt 0 -and $i % $batch -eq 0) { Clear-Bus $conn; $cleared++ }
    $watch.Restart()
    Grant-One $i $conn
    $watch.Stop()
    $grant.Add($watch.Elapsed.TotalMilliseconds)
}
$result.grantMs = $grant.ToArray()
if ($CountRequests -and $Iterations -gt 0) {
    $counts = Measure-RequestCounts -EndpointUrl $EndpointUrl -Since $since -Region $Region
    $counts.grants = $Iterations
    $counts.clears = $cleared
    $result.grantRequests = $counts
}
Clear-Bus $conn

$scalePoints = @($ScaleCounts -split ',' | Where-Object { $_.Trim() } | ForEach-Object { [int] $_ })
if ($scalePoints.Count -gt 0) {
    $scaleConn = @{ Region = ($ScaleRegion ? $ScaleRegion : $Region); EndpointUrl = $EndpointUrl }
    $null = Get-CWEventBus @scaleConn
    $ids = @(for ($i = 0; $i -lt ($scalePoints | Measure-Object -Maximum).Maximum; $i++) { Get-AccountId (100000 + $i) })
    $runs = [ordered]@{}
    foreach ($n in $scalePoints) { $runs["$n"] = [Collections.Generic.List[object]]::new() }
    for ($r = 0; $r -lt $ScaleRuns; $r++) {
        foreach ($n in $scalePoints) {
            Clear-Bus $scaleConn
            $since = if ($CountRequests) { Get-LastRequestSequence -EndpointUrl $EndpointUrl } else { 0 }
            $watch.Restart()
            $granted = $ids[0..($n - 1)] | Grant-CWEventBusPermission @scaleConn
            $watch.Stop()
            $ok = @($granted | Where-Object Status -EQ 'Granted').Count
            if ($ok -ne $n) { throw "Granting $n accounts gave $ok Granted results." }
            $run = [ordered]@{ seconds = $watch.Elapsed.TotalSeconds }
            if ($CountRequests) {
                $counts = Measure-RequestCounts -EndpointUrl $EndpointUrl -Since $since -Region $scaleConn.Region
                foreach ($k in $counts.Keys) { $run[$k] = $counts[$k] }
            }
            $runs["$n"].Add($run)
        }
    }
    Clear-Bus $scaleConn
    $result.scale = @(foreach ($n in $scalePoints) { [ordered]@{ accounts = $n; runs = $runs["$n"].ToArray() } })
}

if ($QuotaRegion) {
    $quotaConn = @{ Region = $QuotaRegion; EndpointUrl = $EndpointUrl }
    # Fill the bus until Grant predicts the quota: the accounts that no longer fit are reported as errors.
    $fillIds = @(for ($i = 0; $i -lt $QuotaFill; $i++) { Get-AccountId (200000 + $i) })
    $fillErrors = $null
    $filled = @($fillIds | Grant-CWEventBusPermission @quotaConn -ErrorAction SilentlyContinue -ErrorVariable fillErrors)
    $bus = Get-CWEventBus @quotaConn
    for ($i = 0; $i -lt $Warmup; $i++) { $null = Get-CWEventBus @quotaConn }
    $quotaGet = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $QuotaIterations; $i++) {
        $watch.Restart()
        $null = Get-CWEventBus @quotaConn
        $watch.Stop()
        $quotaGet.Add($watch.Elapsed.TotalMilliseconds)
    }
    $result.quota = [ordered]@{
        region        = $QuotaRegion
        statements    = @($bus.Permissions).Count
        policyChars   = $bus.Policy.Length
        granted       = @($filled | Where-Object Status -EQ 'Granted').Count
        refused       = @($fillErrors).Count
        refusedReason = (@($fillErrors) | Select-Object -First 1 | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
        getMs         = $quotaGet.ToArray()
    }
}

$result | ConvertTo-Json -Depth 8 -Compress | Set-Content -Path $OutputPath -Encoding utf8
