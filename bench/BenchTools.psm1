# Helpers for bench/Invoke-Benchmarks.ps1: starting programs and timing them, statistics, the local
# endpoint's request log, and moto_server. Nothing here talks to anything but 127.0.0.1.

function Resolve-RealProgram {
    <#
    The program a name runs, past pyenv's shims: a shim is a shell script that starts 'pyenv exec',
    which would add its own start-up to every AWS CLI call and make the comparison unfair to the CLI.
    Returns $null when the name is not on PATH.
    #>
    param([Parameter(Mandatory)] [string] $Name)
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $command) { return $null }
    $path = $command.Source
    if ($path -match '[\\/]\.pyenv[\\/]shims[\\/]' -and (Get-Command pyenv -CommandType Application -ErrorAction SilentlyContinue)) {
        $real = @(& pyenv which $Name 2>$null)
        if ($real.Count -gt 0 -and $real[0] -and (Test-Path $real[0].Trim())) { return $real[0].Trim() }
    }
    return $path
}

function Invoke-TimedProcess {
    <#
    Starts a program (arguments through ProcessStartInfo.ArgumentList, so nothing is globbed or re-quoted),
    waits for it and returns its wall-clock time from start to exit, exit code, stdout and stderr.
    Environment entries are added to this process's environment; a $null value removes one.
    #>
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $Arguments = @(),
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 300
    )
    $info = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    foreach ($key in $Environment.Keys) {
        if ($null -eq $Environment[$key]) { [void] $info.Environment.Remove($key) } else { $info.Environment[$key] = [string] $Environment[$key] }
    }
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill($true)
        throw "'$FilePath $($Arguments -join ' ')' did not finish within $TimeoutSeconds seconds."
    }
    $process.WaitForExit()
    $watch.Stop()
    [pscustomobject]@{
        Milliseconds = $watch.Elapsed.TotalMilliseconds
        ExitCode     = $process.ExitCode
        StdOut       = $stdout.Result
        StdErr       = $stderr.Result
    }
}

function Assert-ProcessSucceeded {
    param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $What)
    if ($Result.ExitCode -ne 0) {
        throw "$What failed with exit code $($Result.ExitCode):`n$($Result.StdErr)`n$($Result.StdOut)"
    }
}

function Get-Stats {
    <# Median, quartiles (linear interpolation), min, max and count of a list of numbers. #>
    param([double[]] $Values)
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n -eq 0) { return [ordered]@{ n = 0; median = $null; q1 = $null; q3 = $null; min = $null; max = $null } }
    $quantile = {
        param([double] $p)
        $h = ($n - 1) * $p
        $lo = [int] [math]::Floor($h); $hi = [int] [math]::Ceiling($h)
        $sorted[$lo] + ($h - $lo) * ($sorted[$hi] - $sorted[$lo])
    }
    [ordered]@{
        n      = $n
        median = (& $quantile 0.5)
        q1     = (& $quantile 0.25)
        q3     = (& $quantile 0.75)
        min    = $sorted[0]
        max    = $sorted[$n - 1]
    }
}

function New-RandomRegion {
    <# A region name nobody else uses: on the local endpoint each account and region has its own empty default bus. #>
    param([string] $Prefix = 'bn')
    $letters = -join ((1..8) | ForEach-Object { [char](Get-Random -Minimum 97 -Maximum 123) })
    "$Prefix-$letters-1"
}

function Get-EndpointRequests {
    <# The local endpoint's request log after sequence number $Since (all of it when 0). #>
    param([Parameter(Mandatory)] [string] $EndpointUrl, [long] $Since = 0)
    $uri = "$($EndpointUrl.TrimEnd('/'))/_local/requests"
    if ($Since -gt 0) { $uri += "?since=$Since" }
    @(Invoke-RestMethod -Uri $uri -TimeoutSec 30 | ForEach-Object { $_ })
}

function Get-LastRequestSequence {
    <# The sequence number of the newest log entry ($Since when nothing came after it). #>
    param([Parameter(Mandatory)] [string] $EndpointUrl, [long] $Since = 0)
    $newer = Get-EndpointRequests -EndpointUrl $EndpointUrl -Since $Since
    if ($newer.Count -eq 0) { return $Since }
    [long] $newer[-1].sequence
}

function Measure-RequestCounts {
    <# Reads (DescribeEventBus), writes (PutPermission) and failures in one region of the request log after a sequence number. #>
    param([Parameter(Mandatory)] [string] $EndpointUrl, [long] $Since, [Parameter(Mandatory)] [string] $Region)
    $entries = @(Get-EndpointRequests -EndpointUrl $EndpointUrl -Since $Since | Where-Object region -EQ $Region)
    [ordered]@{
        reads  = @($entries | Where-Object operation -EQ 'DescribeEventBus').Count
        writes = @($entries | Where-Object operation -EQ 'PutPermission').Count
        other  = @($entries | Where-Object { $_.operation -notin 'DescribeEventBus', 'PutPermission' }).Count
        failed = @($entries | Where-Object { $_.httpStatus -ne 200 }).Count
    }
}

function Get-FreeLoopbackPort {
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-MotoServer {
    <# Starts moto_server on 127.0.0.1 and a free port; returns Url, Process and the log file, or throws. #>
    param([Parameter(Mandatory)] [string] $FilePath)
    $port = Get-FreeLoopbackPort
    $log = [IO.Path]::Combine([IO.Path]::GetTempPath(), "bench-moto-$port.log")
    $process = Start-Process -FilePath $FilePath -ArgumentList @('-H', '127.0.0.1', '-p', "$port") -PassThru `
        -RedirectStandardError $log -RedirectStandardOutput "$log.out"
    $url = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "moto_server exited with $($process.ExitCode): $(Get-Content $log -Raw -ErrorAction SilentlyContinue)" }
        try { Invoke-WebRequest "$url/moto-api/" -TimeoutSec 2 | Out-Null; return [pscustomobject]@{ Url = $url; Process = $process; Log = $log } }
        catch { Start-Sleep -Milliseconds 300 }
    }
    $process.Kill($true)
    throw 'moto_server did not answer within 60 seconds.'
}

function Stop-MotoServer {
    param($Moto)
    if ($Moto -and -not $Moto.Process.HasExited) {
        $Moto.Process.Kill($true)
        $Moto.Process.WaitForExit(10000) | Out-Null
    }
    if ($Moto) { Remove-Item $Moto.Log, "$($Moto.Log).out" -ErrorAction SilentlyContinue }
}

function Reset-MotoServer {
    <# Forgets everything moto holds: every repetition then starts from an empty default bus. #>
    param([Parameter(Mandatory)] [string] $Url)
    Invoke-RestMethod -Method Post -Uri "$Url/moto-api/reset" -TimeoutSec 30 | Out-Null
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg -Raw) -split ' ')[0..2] -join ' ' } else { $null }
}

Export-ModuleMember -Function Resolve-RealProgram, Invoke-TimedProcess, Assert-ProcessSucceeded, Get-Stats, New-RandomRegion,
    Get-EndpointRequests, Get-LastRequestSequence, Measure-RequestCounts, Get-FreeLoopbackPort, Start-MotoServer, Stop-MotoServer,
    Reset-MotoServer, Get-LoadAverage
