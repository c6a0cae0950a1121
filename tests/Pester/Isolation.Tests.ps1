#Requires -Modules Pester
# Dependency isolation on PowerShell 7: another AWSSDK.Core 4.x in the session (AWS.Tools modules bring
# one; every 4.x has assembly version 4.0.0.0) must neither break this module nor be broken by it.
# Each case runs in its own pwsh, since assemblies cannot be unloaded from a session.

BeforeDiscovery {
    $globalPackages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:OtherSdk = Join-Path $globalPackages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'
    $script:HaveOtherSdk = Test-Path $script:OtherSdk
    if (-not $script:HaveOtherSdk) { Write-Host "SKIPPING the isolation tests: AWSSDK.Core 4.0.3.3 was not restored ($script:OtherSdk); run dotnet restore." }
}

Describe 'Dependency isolation' -Skip:(-not $HaveOtherSdk) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $globalPackages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $script:OtherSdkPath = Join-Path $globalPackages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'

        # Grant, read and revoke with this module; then use the other SDK copy; print one line per fact.
        $script:UseModule = @'
$aws = @{ Region = '{REGION}'; EndpointUrl = '{ENDPOINT}'; AccessKey = '{AK}'; SecretKey = '{SK}' }
"granted=" + (Grant-CWEventBusPermission 111122223333 @aws -ErrorAction Stop).Status
"read=" + ((Get-CWEventBus @aws -ErrorAction Stop).Permissions.AccountId -join ',')
"revoked=" + (Revoke-CWEventBusPermission -AccountId 111122223333 @aws -ErrorAction Stop).Status
'@
        $script:UseOther = @'
$regionType = $other.GetType('Amazon.RegionEndpoint')
"other=" + $regionType.GetMethod('GetBySystemName').Invoke($null, @('eu-west-1')).SystemName
"otherContext=" + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($other).Name
"otherVersion=" + ($other.GetCustomAttributes([Reflection.AssemblyFileVersionAttribute], $false).Version)
$ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and $_ -ne $other }
"oursContext=" + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours).Name
'@
        function script:Expand([string] $Text, [string] $Region) {
            $Text.Replace('{REGION}', $Region).Replace('{ENDPOINT}', $env:EBP_TEST_ENDPOINT).
            Replace('{AK}', $env:EBP_TEST_ACCESS_KEY).Replace('{SK}', $env:EBP_TEST_SECRET_KEY)
        }
        function script:Assert-Worked($Result) {
            $Result.Output | Should -Match 'granted=Granted'
            $Result.Output | Should -Match 'read=111122223333'
            $Result.Output | Should -Match 'revoked=Revoked'
            $Result.Output | Should -Match 'other=eu-west-1'
            $Result.Output | Should -Match 'otherContext=Default'
            $Result.Output | Should -Match 'otherVersion=4\.0\.3\.3'
            $Result.Output | Should -Match 'oursContext=EventBusPermissions'
        }
    }

    It 'works when an older AWSSDK.Core was loaded first, and leaves that copy working' {
        # Invoke-ChildPwsh imports the module first; this case needs the other SDK before it.
        $script = "`$other = [Reflection.Assembly]::LoadFrom('$OtherSdkPath')`nImport-Module '$($env:EBP_TEST_MODULE)' -Force`n" +
            (Expand $UseModule (New-TestRegion)) + "`n" + $UseOther
        $r = Invoke-ChildPwsh -Script $script -NoImport
        Assert-Worked $r
    }

    It 'works when this module loads first, and the older AWSSDK.Core still loads and works after it' {
        $script = (Expand $UseModule (New-TestRegion)) + "`n`$other = [Reflection.Assembly]::LoadFrom('$OtherSdkPath')`n" + $UseOther +
            "`n" + "'again=' + (Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)').Name"
        $r = Invoke-ChildPwsh -Script $script
        Assert-Worked $r
        $r.Output | Should -Match 'again=default'
    }

    It 'loads no AWS SDK assembly at import' {
        $r = Invoke-ChildPwsh -Script "([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'AWSSDK*' -or `$_.GetName().Name -eq 'EventBusPermissions.Aws' }).Count"
        $r.Output.Trim() | Should -Be '0'
    }
}
