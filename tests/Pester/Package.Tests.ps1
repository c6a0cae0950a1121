#Requires -Modules Pester
# The package as a user meets it: the README's install commands, run as written against the .nupkg that
# build.ps1 Package wrote (a local repository, Install-PSResource into a scratch home, Import-Module by name),
# and a first call to the local endpoint.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:Packages = Join-Path $Root 'out/packages'
    $script:Nupkg = Get-ChildItem $Packages -Filter 'EventBusPermissions.*.nupkg' -ErrorAction SilentlyContinue | Select-Object -First 1
}

Describe 'The gallery package' {
    It 'was written by build.ps1 Package' {
        $Nupkg | Should -Not -BeNullOrEmpty -Because 'build.ps1 Test runs Package first'
    }

    It 'holds the module, its licence and dependencies, and nothing it does not need' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Nupkg.FullName)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        $entries | Should -Contain 'EventBusPermissions.psd1'
        $entries | Should -Contain 'EventBusPermissions.dll'
        $entries | Should -Contain 'LICENSE'
        $entries | Should -Contain 'dependencies/AWSSDK.Core.dll'
        $entries | Where-Object { $_ -match '\.(pdb|deps\.json|cs|csproj)$|Tests|LocalEventBridge' } | Should -BeNullOrEmpty
    }

    It 'has a complete manifest: one version, both editions, explicit exports, URIs and release notes' {
        $manifest = Import-PowerShellDataFile (Join-Path $env:EBP_TEST_MODULE 'EventBusPermissions.psd1')
        $Nupkg.Name | Should -Be "EventBusPermissions.$($manifest.ModuleVersion).nupkg"
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CmdletsToExport | Should -Be @('Get-CWEventBus', 'Grant-CWEventBusPermission', 'Revoke-CWEventBusPermission')
        $manifest.CmdletsToExport | Where-Object { $_ -match '\*' } | Should -BeNullOrEmpty
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Match $manifest.ModuleVersion
        $manifest.PrivateData.PSData.Tags | Should -Contain 'EventBridge'
    }

    It 'installs the way the README says, into a fresh home, imports by name and reads a bus' {
        # The README's PowerShell block under "## Installing", taken from the README itself so that the
        # recipe users copy is the one that runs here (its 'build.ps1 Package' step is build.ps1 Test's first).
        $readme = Get-Content (Join-Path $Root 'README.md') -Raw
        $section = [regex]::Match($readme, '(?ms)^## Installing\s*$(.*?)(?=^## )').Groups[1].Value
        $recipe = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)\r?\n```').Groups[1].Value
        $repository = [regex]::Match($recipe, 'Register-PSResourceRepository -Name (\S+) .*-Trusted').Groups[1].Value
        $repository | Should -Not -BeNullOrEmpty -Because "the README installs from a repository of its own:`n$recipe"
        $recipe | Should -Match "Install-PSResource EventBusPermissions -Repository $([regex]::Escape($repository))(\s|$)" -Because 'only -Repository keeps a same-named Gallery package out'

        $scratch = Join-Path ([IO.Path]::GetTempPath()) "ebp-home-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $scratch | Out-Null
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        try {
            $env:HOME = $scratch
            Remove-Item Env:XDG_DATA_HOME, Env:XDG_CONFIG_HOME -ErrorAction SilentlyContinue
            # At the root of the clone, as the README says; Stop so that a failing step fails the test.
            $r = Invoke-ChildPwsh -NoImport @"
Set-Location -LiteralPath '$($Root -replace "'", "''")'
`$ErrorActionPreference = 'Stop'
$recipe
'base=' + (Get-Module EventBusPermissions).ModuleBase
'repository=' + (Get-InstalledPSResource -Name EventBusPermissions).Repository
'bus=' + (Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)').Arn
"@
            $r.ExitCode | Should -Be 0 -Because $r.Output
            $r.Output | Should -Match ('base=' + [regex]::Escape($scratch))
            $r.Output | Should -Match "(?m)^repository=$([regex]::Escape($repository))\s*$"
            $r.Output | Should -Match 'Grant, list and revoke permissions' -Because 'the README shows the installed about topic'
            $r.Output | Should -Match "bus=arn:aws:events:us-east-1:$($env:EBP_TEST_ACCOUNT):event-bus/default"
        }
        finally {
            foreach ($k in $saved.Keys) { if ($null -eq $saved[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } else { Set-Item "Env:$k" $saved[$k] } }
            Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
