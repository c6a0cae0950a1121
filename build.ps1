#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the EventBusPermissions module.
.DESCRIPTION
    Run with the PowerShell that the repository pins as a local .NET tool:

        dotnet tool restore
        dotnet pwsh ./build.ps1 <Task>

    Tasks:
      Build  the importable module folder out/EventBusPermissions (manifest included)
      Test   builds, then runs the xunit tests and the Pester tests; prints one closing line
             'Tests: N passed, M failed' and exits non-zero when anything failed
      Demo   builds, starts the local EventBridge endpoint, shows the module at work in a fresh pwsh,
             stops the endpoint; needs no AWS account, credentials or network
      Package builds, then writes the gallery-ready out/packages/EventBusPermissions.<version>.nupkg
             (Compress-PSResource, from the PSResourceGet that ships with PowerShell 7.4+)
      Bench  builds, then runs bench/Invoke-Benchmarks.ps1 (the module against the AWS CLI and boto3, on the
             local endpoint as it is, on the local endpoint with 40 ms injected per request, and on moto_server;
             a grant on 24 buses in 12 regions; the import split); writes out/bench/results.md, results.json
             and benchmarks.png
      Clean  removes out/ and every bin/ and obj/
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    # Bench only: fewer runs and iterations, for a smoke test of a few minutes that still covers every comparison.
    [switch] $Quick,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'EventBusPermissions'
Import-Module (Join-Path $Root 'tests/tools/TestTools.psm1') -Force

function Invoke-Native {
    # Runs a program and stops the build when it fails.
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-ModuleVersion {
    # The manifest is the one place the version is written.
    (Import-PowerShellDataFile (Join-Path $Root 'EventBusPermissions.psd1')).ModuleVersion
}

function Get-IsolatedAssemblyNames {
    <#
    The assemblies that belong in dependencies/, read from the publish output's deps.json: EventBusPermissions.Aws
    and everything it brings (AWSSDK.Core, the AWSSDK.* service clients Core loads by name, their helpers),
    less what the module assembly needs on its own (System.Text.Json and its helpers stay beside it, where
    PowerShell's own copies take precedence on PowerShell 7). Fails if an AWSSDK.* package is not among them.
    #>
    param([string] $DepsJson)
    $deps = Get-Content $DepsJson -Raw | ConvertFrom-Json -AsHashtable
    $libraries = $deps.targets.Values | Where-Object { $_.Count } | Select-Object -First 1
    $byName = @{}
    foreach ($key in $libraries.Keys) { $byName[($key -split '/')[0]] = $libraries[$key] }

    function Get-Closure([string[]] $Roots) {
        $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        $queue = [Collections.Generic.Queue[string]]::new([string[]] $Roots)
        while ($queue.Count) {
            $name = $queue.Dequeue()
            if (-not $byName.ContainsKey($name) -or -not $seen.Add($name)) { continue }
            if ($byName[$name]['dependencies']) { foreach ($d in $byName[$name]['dependencies'].Keys) { $queue.Enqueue($d) } }
        }
        $seen
    }

    if (-not $byName.ContainsKey('EventBusPermissions') -or -not $byName['EventBusPermissions']['dependencies'] -or
        -not $byName['EventBusPermissions']['dependencies'].Contains('EventBusPermissions.Aws')) {
        throw "$DepsJson does not show EventBusPermissions referencing EventBusPermissions.Aws."
    }
    $aws = Get-Closure @('EventBusPermissions.Aws')
    $own = Get-Closure @($byName['EventBusPermissions']['dependencies'].Keys | Where-Object { $_ -ne 'EventBusPermissions.Aws' })
    $names = foreach ($library in $aws) {
        if ($own.Contains($library)) { continue }
        $runtime = $byName[$library]['runtime']
        if ($runtime) { foreach ($file in $runtime.Keys) { [IO.Path]::GetFileNameWithoutExtension($file) } }
    }
    $names = @($names | Sort-Object -Unique)
    $missing = @($byName.Keys | Where-Object { $_ -like 'AWSSDK.*' -and $_ -notin $aws })
    if ($missing) { throw "AWS SDK packages outside EventBusPermissions.Aws's dependencies: $($missing -join ', ')." }
    if ('EventBusPermissions.Aws' -notin $names -or 'AWSSDK.Core' -notin $names) { throw "Unexpected dependencies in ${DepsJson}: $($names -join ', ')." }
    $names
}

function Invoke-Build {
    $version = Get-ModuleVersion
    Write-Host "Building EventBusPermissions $version ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'EventBusPermissions.sln'), '-c', $Configuration, '-nologo', '-v', 'quiet', "-p:Version=$version")
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/EventBusPermissions/EventBusPermissions.csproj'), '-c', $Configuration,
        '-nologo', '-v', 'quiet', '--no-build', '-o', $ModuleOut, "-p:Version=$version")
    # The AWS-facing assemblies go where only the module's loader looks (ModuleInitializer.cs says why).
    $isolated = Get-IsolatedAssemblyNames (Join-Path $ModuleOut 'EventBusPermissions.deps.json')
    # Only what the module needs at run time: no symbols, no dependency manifests.
    Get-ChildItem $ModuleOut -Include '*.pdb', '*.deps.json' -Recurse | Remove-Item -Force
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies')
    foreach ($name in $isolated) {
        Move-Item (Join-Path $ModuleOut "$name.dll") $dependencies
    }
    # Every AWS SDK assembly must be isolated: one left beside the module DLL would load into the default
    # context (on PowerShell 7) and meet other modules' copies there.
    $stray = @(Get-ChildItem $ModuleOut -Filter '*.dll' | Where-Object { $_.Name -like 'AWSSDK.*' -or $_.Name -eq 'EventBusPermissions.Aws.dll' })
    if ($stray) { throw "These assemblies must go to dependencies/, not beside the module DLL: $($stray.Name -join ', ')." }
    # Those are the netstandard2.0 builds, for Windows PowerShell 5.1: dependencies/netstandard2.0/. PowerShell 7 gets
    # EventBusPermissions.Aws built for net8.0 and the SDK's net8.0 builds, in dependencies/ itself (its load context
    # lists only the DLLs directly in that folder); the helpers .NET 8 has in the box are not among them.
    $desktop = New-Item -ItemType Directory -Path (Join-Path $dependencies 'netstandard2.0')
    Get-ChildItem $dependencies -Filter '*.dll' -File | Move-Item -Destination $desktop
    $core = Join-Path $Out 'publish-net8.0'
    if (Test-Path $core) { Remove-Item $core -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/EventBusPermissions.Aws/EventBusPermissions.Aws.csproj'), '-c', $Configuration,
        '-f', 'net8.0', '-nologo', '-v', 'quiet', '--no-build', '-o', $core, "-p:Version=$version")
    $coreNames = @(Get-ChildItem $core -Filter '*.dll' -File | ForEach-Object { $_.BaseName })
    $strayCore = @($coreNames | Where-Object { $_ -notin $isolated })
    if ($strayCore) { throw "The net8.0 build brings assemblies the netstandard2.0 one does not: $($strayCore -join ', ')." }
    if ('EventBusPermissions.Aws' -notin $coreNames -or 'AWSSDK.Core' -notin $coreNames) { throw "Unexpected net8.0 dependencies in ${core}: $($coreNames -join ', ')." }
    Get-ChildItem $core -Filter '*.dll' -File | Copy-Item -Destination $dependencies
    Remove-Item $core -Recurse -Force
    Write-Host "dependencies/ (net8.0, PowerShell 7): $($coreNames -join ', ')"
    Write-Host "dependencies/netstandard2.0/ (Windows PowerShell 5.1): $($isolated -join ', ')"
    Copy-Item (Join-Path $Root "src/EventBusPermissions.Isolation/bin/$Configuration/net8.0/EventBusPermissions.Isolation.dll") $ModuleOut
    Copy-Item (Join-Path $Root 'EventBusPermissions.psd1'), (Join-Path $Root 'LICENSE') $ModuleOut
    # Get-Help's files (en-US/EventBusPermissions.dll-Help.xml, about_EventBusPermissions.help.txt) from docs/en-US.
    # The generator imports the module just built to read its parameters, so it runs in a pwsh of its own.
    $pwsh = Get-PwshCommand
    Invoke-Native $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive',
        '-File', (Join-Path $Root 'tools/New-ExternalHelp.ps1'), '-DocsPath', (Join-Path $Root 'docs/en-US'), '-OutputPath', (Join-Path $ModuleOut 'en-US')))
    Write-Host "Module: $ModuleOut"
}

function Invoke-Package {
    Invoke-Build
    $packages = Join-Path $Out 'packages'
    if (Test-Path $packages) { Remove-Item $packages -Recurse -Force }
    New-Item -ItemType Directory -Path $packages | Out-Null
    Compress-PSResource -Path $ModuleOut -DestinationPath $packages
    $nupkg = Get-ChildItem $packages -Filter '*.nupkg' | Select-Object -First 1
    if (-not $nupkg) { throw "Compress-PSResource wrote no package to $packages." }
    Write-Host "Package: $($nupkg.FullName)"
}

function Invoke-Test {
    # The package is built too: a test installs it as a user would.
    Invoke-Package
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results | Out-Null

    # Keep every test away from real AWS: no instance metadata lookups, no user profile, no real keys.
    $env:AWS_EC2_METADATA_DISABLED = 'true'

    Write-Host "`n== xunit =="
    $trx = Join-Path $results 'xunit.trx'
    & dotnet test (Join-Path $Root 'tests/EventBusPermissions.Tests/EventBusPermissions.Tests.csproj') -c $Configuration --no-build `
        --nologo --logger "trx;LogFileName=$trx" --logger 'console;verbosity=normal' --results-directory $results
    $xunitExit = $LASTEXITCODE
    $xunit = Read-TrxCounts $trx

    Write-Host "`n== Pester =="
    $pesterSummary = Join-Path $results 'pester.json'
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/Invoke-PesterTests.ps1') `
        -ModulePath $ModuleOut -SummaryPath $pesterSummary -Configuration $Configuration
    $pesterExit = $LASTEXITCODE
    $pester = if (Test-Path $pesterSummary) { Get-Content $pesterSummary -Raw | ConvertFrom-Json } else { $null }

    $passed = $xunit.Passed + ($pester ? $pester.Passed : 0)
    $failed = $xunit.Failed + ($pester ? $pester.Failed : 0)
    $skipped = $xunit.Skipped + ($pester ? $pester.Skipped : 0)
    # A runner that crashed counts as a failure even when it counted none.
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) { $failed++ ; Write-Host "xunit exited with $xunitExit." }
    if (-not $pester -or ($pesterExit -ne 0 -and $pester.Failed -eq 0)) { $failed++ ; Write-Host "Pester exited with $pesterExit." }

    Write-Host ""
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped"
    if ($pester) { Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped" }
    if ($skipped -gt 0) { Write-Host "$skipped test(s) skipped; they are not counted as passed." }
    Write-Host "Tests: $passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $endpoint = Start-LocalEventBridge -Configuration $Configuration
    try {
        $credential = Get-LocalTestCredential
        $demo = Join-Path $Root 'tests/tools/Demo.ps1'
        $pwsh = Get-PwshCommand
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $demo -ModulePath $ModuleOut `
            -EndpointUrl $endpoint.Url -AccessKey $credential.AccessKey -SecretKey $credential.SecretKey
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    finally {
        Stop-LocalEventBridge $endpoint
    }
}

function Invoke-Bench {
    if ($Configuration -ne 'Release') { throw 'Bench measures the Release build; run it without -Configuration Debug.' }
    Invoke-Build
    $pwsh = Get-PwshCommand
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File (Join-Path $Root 'bench/Invoke-Benchmarks.ps1') `
        -ModulePath $ModuleOut -OutputDirectory (Join-Path $Out 'bench') -Quick:$Quick
    if ($LASTEXITCODE -ne 0) { throw "The benchmarks failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj' |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
    Write-Host 'Cleaned.'
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
