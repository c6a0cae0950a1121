<#
.SYNOPSIS
    Many buses in several regions, in one warm pwsh session: run by bench/Invoke-Benchmarks.ps1 in a pwsh of its
    own, once per endpoint profile; writes its numbers as JSON to -OutputPath.
.DESCRIPTION
    The buses must exist (Invoke-Benchmarks.ps1 creates them with bench/boto3_create_buses.py); every bus that
    'Get-CWEventBus -Name * -Region <regions>' lists is measured, and there must be -ExpectedBuses of them.

      grant   seconds of 'Get-CWEventBus -Name * -Region $regions | Grant-CWEventBusPermission -AccountId <id>', the
              whole pipeline, once with Grant's default -ThrottleLimit (not given) and once with -ThrottleLimit 1,
              -Runs times each, the order alternating. Before every timed run the grant is revoked from every bus
              (untimed), so each run starts from buses without it; each run must report every bus Granted. When
              Grant has no -ThrottleLimit parameter (a build before it), the pipeline is timed as it is, without
              the parameter ('noParameter'), and 'throttleLimitAvailable' is false.
      read    per-call milliseconds of 'Get-CWEventBus -Name * -Region $regions' (every bus) and of
              'Get-CWEventBus -Region <first region>' (the default bus alone), -ReadIterations of each, alternating;
              for comparison also every bus with -ThrottleLimit <number of buses> (every list, then every read,
              at once).
    With -CountRequests the requests each grant run sent, from the local endpoint's request log.
    Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $Regions,
    [Parameter(Mandatory)] [int] $ExpectedBuses,
    [Parameter(Mandatory)] [int] $Runs,
    [Parameter(Mandatory)] [int] $ReadIterations,
    [Parameter(Mandatory)] [int] $Warmup,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $AccountId = '111122223333',
    [switch] $CountRequests
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1')
Import-Module $ModulePath

$regionList = @($Regions -split ',' | Where-Object { $_ })
$conn = @{ EndpointUrl = $EndpointUrl }
$grantCommand = Get-Command Grant-CWEventBusPermission
$available = $grantCommand.Parameters.ContainsKey('ThrottleLimit')
$revokeThrottles = (Get-Command Revoke-CWEventBusPermission).Parameters.ContainsKey('ThrottleLimit')

function Get-Estate { Get-CWEventBus -Name * -Region $regionList @conn }

function Reset-Estate {
    # Untimed: take the grant away from every bus that holds it, so the next run grants it everywhere again.
    $held = @(Get-Estate | Where-Object { @($_.Permissions | Where-Object AccountId -EQ $AccountId).Count -gt 0 })
    if ($held.Count -gt 0) { $null = $held | Revoke-CWEventBusPermission -AccountId $AccountId -Confirm:$false @conn }
    $left = @(Get-Estate | Where-Object { @($_.Permissions | Where-Object AccountId -EQ $AccountId).Count -gt 0 })
    if ($left.Count -ne 0) { throw "$($left.Count) bus(es) still grant $AccountId after the reset." }
}

function Invoke-EstateGrant([string] $Variant) {
    $extra = switch ($Variant) { 'throttleLimit1' { @{ ThrottleLimit = 1 } } default { @{} } }
    Get-Estate | Grant-CWEventBusPermission -AccountId $AccountId @conn @extra
}

$buses = @(Get-Estate)
if ($buses.Count -ne $ExpectedBuses) { throw "Get-CWEventBus -Name * listed $($buses.Count) buses in $($regionList.Count) regions, not $ExpectedBuses." }
$variants = @(if ($available) { 'default', 'throttleLimit1' } else { 'noParameter' })

# Warm-up: the clients of every region, connections, JIT of the paths measured below; one cycle of each variant.
foreach ($v in $variants) { Reset-Estate; $null = Invoke-EstateGrant $v }
for ($i = 0; $i -lt $Warmup; $i++) { $null = Get-Estate; $null = Get-CWEventBus -Region $regionList[0] @conn }

$watch = [Diagnostics.Stopwatch]::new()
$grant = [ordered]@{}
foreach ($v in $variants) { $grant[$v] = [ordered]@{ seconds = [Collections.Generic.List[double]]::new(); requests = [Collections.Generic.List[object]]::new() } }
for ($r = 0; $r -lt $Runs; $r++) {
    $order = if ($r % 2 -eq 0) { $variants } else { @($variants[($variants.Count - 1)..0]) }
    foreach ($v in $order) {
        Reset-Estate
        $since = if ($CountRequests) { Get-LastRequestSequence -EndpointUrl $EndpointUrl } else { 0 }
        $watch.Restart()
        $out = @(Invoke-EstateGrant $v)
        $watch.Stop()
        $granted = @($out | Where-Object Status -EQ 'Granted').Count
        if ($granted -ne $ExpectedBuses) { throw "The $v grant reported $granted of $ExpectedBuses buses Granted." }
        $grant[$v].seconds.Add($watch.Elapsed.TotalSeconds)
        if ($CountRequests) {
            $entries = @(Get-EndpointRequests -EndpointUrl $EndpointUrl -Since $since | Where-Object region -In $regionList)
            $grant[$v].requests.Add([ordered]@{
                    list   = @($entries | Where-Object operation -EQ 'ListEventBuses').Count
                    reads  = @($entries | Where-Object operation -EQ 'DescribeEventBus').Count
                    writes = @($entries | Where-Object operation -EQ 'PutPermission').Count
                    other  = @($entries | Where-Object { $_.operation -notin 'ListEventBuses', 'DescribeEventBus', 'PutPermission' }).Count
                    failed = @($entries | Where-Object { $_.httpStatus -ne 200 }).Count
                })
        }
    }
}
Reset-Estate

$reads = [ordered]@{ all = [Collections.Generic.List[double]]::new(); one = [Collections.Generic.List[double]]::new(); allWide = [Collections.Generic.List[double]]::new() }
$kinds = @($reads.Keys)
for ($i = 0; $i -lt $ReadIterations; $i++) {
    for ($j = 0; $j -lt $kinds.Count; $j++) {
        $which = $kinds[($i + $j) % $kinds.Count]
        $watch.Restart()
        $got = @(switch ($which) {
                'all' { Get-Estate }
                'one' { Get-CWEventBus -Region $regionList[0] @conn }
                'allWide' { Get-CWEventBus -Name * -Region $regionList -ThrottleLimit $ExpectedBuses @conn }
            })
        $watch.Stop()
        $expected = if ($which -eq 'one') { 1 } else { $ExpectedBuses }
        if ($got.Count -ne $expected) { throw "Get-CWEventBus ($which) returned $($got.Count) buses, not $expected." }
        $reads[$which].Add($watch.Elapsed.TotalMilliseconds)
    }
}

$result = [ordered]@{
    regions                = $regionList
    buses                  = $buses.Count
    busNames               = @($buses | ForEach-Object { "$($_.Region)/$($_.Name)" })
    accountId              = $AccountId
    throttleLimitAvailable = $available
    revokeThrottleLimit    = $revokeThrottles
    grant                  = [ordered]@{}
    readAllMs              = $reads.all.ToArray()
    readOneMs              = $reads.one.ToArray()
    readAllWideMs          = $reads.allWide.ToArray()
    readAllWideThrottle    = $ExpectedBuses
}
foreach ($v in $variants) { $result.grant[$v] = [ordered]@{ seconds = $grant[$v].seconds.ToArray(); requests = $grant[$v].requests.ToArray() } }
$result | ConvertTo-Json -Depth 8 -Compress | Set-Content -Path $OutputPath -Encoding utf8
