#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The module's own share of Import-Module, and how it splits, timed inside fresh pwsh processes.
.DESCRIPTION
    Every sample is one fresh 'pwsh -NoProfile -NonInteractive' that first warms PowerShell's manifest path
    (imports and removes a one-function manifest module of its own, in a temp folder) and then times one
    thing with a Stopwatch:

      module       Import-Module <module folder>                 the module's share (the target: 15 ms)
      dll          Import-Module <module>/EventBusPermissions.dll    the DLL alone, no manifest (runs the initializer)
      noformats    Import-Module of a copy of the folder whose manifest has no FormatsToProcess
      nouris       Import-Module of a copy of the folder whose manifest has no LicenseUri and ProjectUri (PowerShell
                   parses them into System.Uri at import; the first Uri parsed in a process costs the most)
      minimal      Import-Module of a copy of the folder whose manifest has only RootModule, ModuleVersion, GUID and
                   the four export lists (what the other manifest fields cost)
      formats      Update-FormatData -AppendPath EventBusPermissions.Format.ps1xml  (the module not imported)
      initializer  ModuleInitializer.OnImport() after the DLL was loaded with Assembly.LoadFrom
      firstcall    with -EndpointUrl: Import-Module, then the first Get-CWEventBus against that endpoint
                   (the import is not included; this is where AWSSDK.Core loads and JITs, and where the
                   cmdlets register the module's views)
      firstcallsdk the same with the format file registered before the Stopwatch starts: the SDK's part

    The kinds are interleaved, -Runs samples of each; the medians (and min-max) are printed as a table and,
    with -OutputPath, written as JSON. With -LocalEndpoint the script starts the local EventBridge endpoint
    (tests/LocalEventBridge, Release) for 'firstcall' itself.
.EXAMPLE
    dotnet pwsh ./bench/Measure-Import.ps1 -ModulePath out/EventBusPermissions -Runs 11 -LocalEndpoint
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateRange(1, 200)] [int] $Runs = 11,
    [string] $EndpointUrl,
    [switch] $LocalEndpoint,
    [string] $OutputPath,
    # Only these kinds (default: all).
    [string[]] $Only
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $Root 'tests/tools/TestTools.psm1')
Import-Module (Join-Path $PSScriptRoot 'BenchTools.psm1') -Force

$ModulePath = (Resolve-Path $ModulePath).Path
$pwsh = @(Get-PwshCommand)
$credential = Get-LocalTestCredential
$childEnv = @{
    AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null; AWS_SESSION_TOKEN = $null; AWS_PROFILE = $null
    AWS_CONFIG_FILE = '/nonexistent/aws-config'; AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials'
    AWS_EC2_METADATA_DISABLED = 'true'; POWERSHELL_TELEMETRY_OPTOUT = '1'; POWERSHELL_UPDATECHECK = 'Off'
}

$scratch = Join-Path ([IO.Path]::GetTempPath()) "ebp-import-$PID"
$endpoint = $null
try {
    # A trivial manifest module, to warm PowerShell's manifest path in each process before timing.
    $warm = Join-Path $scratch 'warm/ImportWarm'
    New-Item -ItemType Directory -Path $warm -Force | Out-Null
    Set-Content (Join-Path $warm 'ImportWarm.psm1') 'function Get-ImportWarm { 1 }'
    Set-Content (Join-Path $warm 'ImportWarm.psd1') "@{ RootModule = 'ImportWarm.psm1'; ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @('Get-ImportWarm'); CmdletsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }"

    # A copy of the module whose manifest processes no format file.
    $noFormats = Join-Path $scratch 'noformats/EventBusPermissions'
    New-Item -ItemType Directory -Path (Split-Path $noFormats -Parent) -Force | Out-Null
    Copy-Item $ModulePath $noFormats -Recurse
    $manifest = Join-Path $noFormats 'EventBusPermissions.psd1'
    (Get-Content $manifest -Raw) -replace "(?m)^\s*FormatsToProcess\s*=.*$", '' | Set-Content $manifest

    # A copy whose manifest has no LicenseUri and ProjectUri.
    $noUris = Join-Path $scratch 'nouris/EventBusPermissions'
    New-Item -ItemType Directory -Path (Split-Path $noUris -Parent) -Force | Out-Null
    Copy-Item $ModulePath $noUris -Recurse
    $manifest = Join-Path $noUris 'EventBusPermissions.psd1'
    (Get-Content $manifest -Raw) -replace "(?m)^\s*(LicenseUri|ProjectUri)\s*=.*$", '' | Set-Content $manifest

    # A copy whose manifest has only what Import-Module needs to load the DLL and export its cmdlets.
    $minimal = Join-Path $scratch 'minimal/EventBusPermissions'
    New-Item -ItemType Directory -Path (Split-Path $minimal -Parent) -Force | Out-Null
    Copy-Item $ModulePath $minimal -Recurse
    $data = Import-PowerShellDataFile (Join-Path $ModulePath 'EventBusPermissions.psd1')
    $list = { param($names) '@(' + (@($names | ForEach-Object { "'$_'" }) -join ', ') + ')' }
    Set-Content (Join-Path $minimal 'EventBusPermissions.psd1') ("@{ RootModule = '$($data.RootModule)'; ModuleVersion = '$($data.ModuleVersion)'; GUID = '$($data.GUID)'; " +
        "CmdletsToExport = $(& $list $data.CmdletsToExport); FunctionsToExport = @(); AliasesToExport = @(); VariablesToExport = @() }")

    $formatFile = Join-Path $ModulePath 'EventBusPermissions.Format.ps1xml'
    $dll = Join-Path $ModulePath 'EventBusPermissions.dll'
    $prologue = "`$ErrorActionPreference = 'Stop'; Import-Module '$warm'; Remove-Module ImportWarm; `$w = [Diagnostics.Stopwatch]::StartNew(); "
    $epilogue = "; `$ms = `$w.Elapsed.TotalMilliseconds; [Console]::Out.Write(`$ms.ToString([Globalization.CultureInfo]::InvariantCulture)); exit"
    $kinds = [ordered]@{
        module      = "Import-Module '$ModulePath'"
        dll         = "Import-Module '$dll'"
        noformats   = "Import-Module '$noFormats'"
        nouris      = "Import-Module '$noUris'"
        minimal     = "Import-Module '$minimal'"
        formats     = "Update-FormatData -AppendPath '$formatFile'"
        initializer = "`$w.Stop(); `$a = [Reflection.Assembly]::LoadFrom('$dll'); `$i = `$a.GetType('EventBusPermissions.ModuleInitializer')::new(); `$w.Restart(); `$i.OnImport()"
    }
    if ($LocalEndpoint -and -not $EndpointUrl) {
        $endpoint = Start-LocalEventBridge -Configuration Release
        $EndpointUrl = $endpoint.Url
    }
    if ($EndpointUrl) {
        $call = "Get-CWEventBus -EndpointUrl '$EndpointUrl' -Region us-east-1 -AccessKey '$($credential.AccessKey)' -SecretKey '$($credential.SecretKey)'"
        # The same call with the views already registered (as FormatsToProcess did at import): the SDK's part alone.
        $kinds.firstcallsdk = "`$w.Stop(); Import-Module '$ModulePath'; Update-FormatData -AppendPath '$formatFile'; `$w.Restart(); `$null = $call"
        $kinds.firstcall = "`$w.Stop(); Import-Module '$ModulePath'; `$w.Restart(); `$null = Get-CWEventBus -EndpointUrl '$EndpointUrl' -Region us-east-1 -AccessKey '$($credential.AccessKey)' -SecretKey '$($credential.SecretKey)'"
    }

    $Only = @($Only | ForEach-Object { $_ -split ',' } | Where-Object { $_ })  # -File passes a,b as one string
    $names = @($kinds.Keys | Where-Object { -not $Only -or $_ -in $Only })
    $samples = @{}
    foreach ($k in $names) { $samples[$k] = [Collections.Generic.List[double]]::new() }
    for ($i = 0; $i -lt $Runs; $i++) {
        for ($j = 0; $j -lt $names.Count; $j++) {
            $k = $names[($i + $j) % $names.Count]
            $argv = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', ($prologue + $kinds[$k] + $epilogue))
            $r = Invoke-TimedProcess -FilePath $pwsh[0] -Arguments $argv -Environment $childEnv -TimeoutSeconds 120
            Assert-ProcessSucceeded $r "pwsh ($k)"
            $samples[$k].Add([double]::Parse($r.StdOut.Trim(), [Globalization.CultureInfo]::InvariantCulture))
        }
    }

    $what = @{
        module      = 'Import-Module <module folder> (the module''s share)'
        dll         = 'Import-Module <module>/EventBusPermissions.dll (DLL and initializer, no manifest)'
        noformats   = 'Import-Module, manifest without FormatsToProcess'
        nouris      = 'Import-Module, manifest without LicenseUri and ProjectUri'
        minimal     = 'Import-Module, manifest with RootModule, ModuleVersion, GUID and exports only'
        formats     = 'Update-FormatData -AppendPath EventBusPermissions.Format.ps1xml'
        initializer = 'ModuleInitializer.OnImport() (DLL already loaded)'
        firstcall   = 'first Get-CWEventBus after Import-Module (local endpoint)'
        firstcallsdk = 'the same, the views registered before it (the SDK''s part)'
    }
    $result = [ordered]@{
        method  = "$Runs fresh 'pwsh -NoProfile -NonInteractive' per kind, interleaved; each imports and removes a one-function manifest module first, then times one step with a Stopwatch"
        pwsh    = $PSVersionTable.PSVersion.ToString()
        load    = Get-LoadAverage
        kinds   = [ordered]@{}
    }
    $rows = foreach ($k in $names) {
        $s = Get-Stats $samples[$k].ToArray()
        $result.kinds[$k] = [ordered]@{ what = $what[$k]; stats = $s; samplesMs = $samples[$k].ToArray() }
        [pscustomobject]@{ kind = $k; what = $what[$k]; medianMs = [math]::Round($s.median, 1); minMs = [math]::Round($s.min, 1); maxMs = [math]::Round($s.max, 1) }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    if ($OutputPath) { $result | ConvertTo-Json -Depth 6 | Set-Content $OutputPath }
    $result
}
finally {
    if ($endpoint) { Stop-LocalEventBridge $endpoint }
    Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
}
