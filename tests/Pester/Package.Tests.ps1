#Requires -Modules Pester
# The package as a user meets it: a local repository holding the .nupkg that build.ps1 Package wrote,
# Install-PSResource into a scratch home, Import-Module by name, and a first call to the local endpoint.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:Packages = Join-Path $root 'out/packages'
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

    It 'installs with Install-PSResource into a fresh home, imports by name and reads a bus' {
        $scratch = Join-Path ([IO.Path]::GetTempPath()) "ebp-home-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path $scratch | Out-Null
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        try {
            $env:HOME = $scratch
            Remove-Item Env:XDG_DATA_HOME, Env:XDG_CONFIG_HOME -ErrorAction SilentlyContinue
            $r = Invoke-ChildPwsh -NoImport @"
Register-PSResourceRepository -Name EBPLocal -Uri '$Packages' -Trusted
Install-PSResource -Name EventBusPermissions -Repository EBPLocal -Scope CurrentUser -TrustRepository -ErrorAction Stop
`$m = Import-Module EventBusPermissions -PassThru -ErrorAction Stop
'base=' + `$m.ModuleBase
'bus=' + (Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)').Arn
"@
            $r.Output | Should -Match ('base=' + [regex]::Escape($scratch))
            $r.Output | Should -Match "bus=arn:aws:events:us-east-1:$($env:EBP_TEST_ACCOUNT):event-bus/default"
        }
        finally {
            foreach ($k in $saved.Keys) { if ($null -eq $saved[$k]) { Remove-Item "Env:$k" -ErrorAction SilentlyContinue } else { Set-Item "Env:$k" $saved[$k] } }
            Remove-Item $scratch -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}
