#Requires -Modules Pester
# Dependency isolation on PowerShell 7: another AWSSDK.Core 4.x in the session (AWS.Tools modules bring
# one; every 4.x has assembly version 4.0.0.0), with the AWSSDK.SecurityToken built on it, must neither break
# this module nor be broken by it. AWSSDK.Core loads the STS, SSO and SSO OIDC clients by assembly name when
# a profile needs them; ours must come from the module's dependencies folder, into the module's context.
# Each case runs in its own pwsh, since assemblies cannot be unloaded from a session.

BeforeDiscovery {
    # Another module's SDK, as AWS.Tools brings: AWSSDK.Core 4.0.3.3 and the clients built on it, restored as
    # download-only packages of the test project.
    $globalPackages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:OtherSdk = foreach ($package in @('AWSSDK.Core', '4.0.3.3'), @('AWSSDK.SecurityToken', '4.0.5.1'), @('AWSSDK.SSO', '4.0.2.5'), @('AWSSDK.SSOOIDC', '4.0.3.6')) {
        @{ Name = $package[0]; Version = $package[1]; Path = Join-Path $globalPackages "$($package[0].ToLowerInvariant())/$($package[1])/lib/net8.0/$($package[0]).dll" }
    }
    $missing = @($script:OtherSdk | Where-Object { -not (Test-Path $_.Path) })
    $script:HaveOtherSdk = $missing.Count -eq 0
    if (-not $script:HaveOtherSdk) { Write-Host "SKIPPING the isolation tests with another SDK: $($missing.Path -join ', ') not restored; run dotnet restore." }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    function script:Get-DeadPort {
        # A loopback port nothing listens on: a request there is refused at once.
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }
    $script:Ports = @{ Sts = Get-DeadPort; Sso = Get-DeadPort; SsoOidc = Get-DeadPort }

    # Profiles whose credentials AWSSDK.Core obtains through a service client it would load by name: assume role
    # (AWSSDK.SecurityToken, signed with static test keys from source_profile), web identity (STS again, unsigned),
    # SSO with a valid cached token (AWSSDK.SSO) and an sso-session whose cached token has expired (AWSSDK.SSOOIDC
    # refreshes it). Every one of those services is a dead loopback port, so each call ends in a refused
    # connection: never AWS.
    $script:AwsHome = Join-Path $TestDrive 'home'
    $cache = New-Item -ItemType Directory -Path (Join-Path $AwsHome '.aws/sso/cache') -Force
    $config = Join-Path $AwsHome '.aws/config'
    Set-Content $config @"
[profile static-keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[profile assume-role]
role_arn = arn:aws:iam::123456789012:role/isolation-test
source_profile = static-keys
region = us-east-1

[profile sso-legacy]
sso_start_url = https://isolation-test.example/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Reader
region = us-east-1

[profile sso-refresh]
sso_session = isolation-test
sso_account_id = 123456789012
sso_role_name = Reader
region = us-east-1

[profile web-identity]
role_arn = arn:aws:iam::123456789012:role/isolation-test-web
web_identity_token_file = $(Join-Path $AwsHome 'web-identity-token')
region = us-east-1

[sso-session isolation-test]
sso_start_url = https://isolation-test-session.example/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
"@
    Set-Content (Join-Path $AwsHome 'web-identity-token') 'isolation-test-web-identity-token'
    function script:Get-Sha1Hex([string] $Text) {
        -join ([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Text)) | ForEach-Object { $_.ToString('x2') })
    }
    @{ accessToken = 'isolation-test-token'; expiresAt = '2099-01-01T00:00:00Z'; region = 'us-east-1'
        startUrl = 'https://isolation-test.example/start' } | ConvertTo-Json |
        Set-Content (Join-Path $cache "$(Get-Sha1Hex 'https://isolation-test.example/start').json")
    @{ accessToken = 'isolation-test-token'; expiresAt = '2000-01-01T00:00:00Z'; region = 'us-east-1'
        startUrl = 'https://isolation-test-session.example/start'; clientId = 'isolation-test-client'
        clientSecret = 'isolation-test-client-secret'; registrationExpiresAt = '2099-01-01T00:00:00Z'
        refreshToken = 'isolation-test-refresh' } | ConvertTo-Json |
        Set-Content (Join-Path $cache "$(Get-Sha1Hex 'isolation-test').json")

    # Only these AWS_* settings in the child, whatever the caller's shell holds; HOME holds the SSO token cache.
    $script:AwsPrelude = @"
Get-ChildItem Env:AWS_* | ForEach-Object { Remove-Item "Env:`$(`$_.Name)" }
`$env:HOME = '$AwsHome'
`$env:AWS_CONFIG_FILE = '$config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$config.none'; `$env:AWS_EC2_METADATA_DISABLED = 'true'
`$env:AWS_ENDPOINT_URL_STS = 'http://127.0.0.1:$($Ports.Sts)'
`$env:AWS_ENDPOINT_URL_SSO = 'http://127.0.0.1:$($Ports.Sso)'
`$env:AWS_ENDPOINT_URL_SSO_OIDC = 'http://127.0.0.1:$($Ports.SsoOidc)'

"@

    # One line per profile: the error the call ended with.
    function script:Get-ProfileScript([string[]] $ProfileNames) {
        $names = ($ProfileNames | ForEach-Object { "'$_'" }) -join ', '
        @"
foreach (`$p in $names) {
    `$e = `$null
    `$null = Get-CWEventBus -ProfileName `$p -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -ErrorAction SilentlyContinue -ErrorVariable e
    "profile[`$p]=" + (@(`$e | ForEach-Object { "`$(`$_.FullyQualifiedErrorId) `$(`$_.Exception.Message)" }) -join ' | ') -replace '\r?\n', ' '
}

"@
    }
    # One line per AWS SDK assembly in each load context: context, name, file version, file.
    $script:ListSdkAssemblies = @'
foreach ($context in [Runtime.Loader.AssemblyLoadContext]::All) {
    foreach ($assembly in $context.Assemblies | Where-Object { $_.GetName().Name -like 'AWSSDK.*' }) {
        $version = $assembly.GetCustomAttributes([Reflection.AssemblyFileVersionAttribute], $false).Version
        "loaded=$($context.Name)|$($assembly.GetName().Name)|$version|$($assembly.Location)"
    }
}

'@
    function script:Get-Loaded($Result) {
        foreach ($line in $Result.Output -split '\r?\n' | Where-Object { $_ -like 'loaded=*' }) {
            $context, $name, $version, $location = $line.Substring(7) -split '\|'
            [pscustomobject]@{ Context = $context; Name = $name; Version = $version; Location = $location }
        }
    }
    function script:Get-ProfileError($Result, [string] $ProfileName) {
        $line = $Result.Output -split '\r?\n' | Where-Object { $_ -like "profile[[]$ProfileName]=*" } | Select-Object -First 1
        if ($line) { $line.Substring("profile[$ProfileName]=".Length) }
    }
    function script:Assert-OursInModuleContext($Result, [string] $Name) {
        # Ours: from the module's dependencies folder, in the module's context; never in Default.
        $dependencies = Join-Path $env:EBP_TEST_MODULE 'dependencies'
        $ours = @(Get-Loaded $Result | Where-Object { $_.Name -eq $Name -and $_.Location -eq (Join-Path $dependencies "$Name.dll") })
        $ours.Count | Should -Be 1 -Because "$Name is loaded once from $dependencies"
        $ours[0].Context | Should -Be 'EventBusPermissions'
        @(Get-Loaded $Result | Where-Object { $_.Name -eq $Name -and $_.Context -eq 'Default' -and $_.Location -like "$dependencies*" }) |
            Should -BeNullOrEmpty -Because 'nothing of the dependencies folder loads into Default'
    }
    function script:Assert-RefusedAt($Result, [string] $ProfileName, [int] $Port) {
        # The SDK found its client and sent the request to the dead port: a refused connection, not a missing assembly.
        $errorText = Get-ProfileError $Result $ProfileName
        $errorText | Should -Not -BeNullOrEmpty -Because "profile $ProfileName cannot get credentials from a dead port"
        $errorText | Should -Not -Match 'could not be found or loaded|Could not load file or assembly'
        $errorText | Should -Match "127\.0\.0\.1:$Port\b"
    }
}

Describe 'Assemblies AWSSDK.Core would load by name' {
    It 'come from the module''s dependencies folder into its context: STS for assume role and web identity, SSO, SSO OIDC' {
        $r = Invoke-ChildPwsh -Script ($AwsPrelude + (Get-ProfileScript 'assume-role', 'web-identity', 'sso-legacy', 'sso-refresh') + $ListSdkAssemblies)
        Assert-RefusedAt $r 'assume-role' $Ports.Sts
        Assert-RefusedAt $r 'web-identity' $Ports.Sts
        Assert-RefusedAt $r 'sso-legacy' $Ports.Sso
        Assert-RefusedAt $r 'sso-refresh' $Ports.SsoOidc
        foreach ($name in 'AWSSDK.Core', 'AWSSDK.SecurityToken', 'AWSSDK.SSO', 'AWSSDK.SSOOIDC') { Assert-OursInModuleContext $r $name }
        @(Get-Loaded $r | Where-Object Context -NE 'EventBusPermissions') | Should -BeNullOrEmpty
    }

    It 'are not loaded at import, nor by a call with access keys' {
        $script = "'atImport=' + @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -like 'AWSSDK*' -or `$_.GetName().Name -eq 'EventBusPermissions.Aws' }).Count`n" +
            "'bus=' + (Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)' -ErrorAction Stop).Name`n" +
            $ListSdkAssemblies
        $r = Invoke-ChildPwsh -Script $script
        $r.Output | Should -Match 'atImport=0'
        $r.Output | Should -Match 'bus=default'
        (Get-Loaded $r).Name | Should -Not -Contain 'AWSSDK.SecurityToken'
        (Get-Loaded $r).Name | Should -Not -Contain 'AWSSDK.SSO'
        (Get-Loaded $r).Name | Should -Not -Contain 'AWSSDK.SSOOIDC'
    }
}

Describe 'Dependency isolation' -Skip:(-not $HaveOtherSdk) -ForEach @{ OtherSdk = $OtherSdk } {
    BeforeAll {
        $script:OtherPath = @{}
        foreach ($package in $OtherSdk) { $script:OtherPath[$package.Name] = $package.Path }
        # Loaded as another module loads its SDK: by path, into Default.
        $script:LoadOther = "`$other = [Reflection.Assembly]::LoadFrom('$($OtherPath['AWSSDK.Core'])')`n" +
            "`$otherSts = [Reflection.Assembly]::LoadFrom('$($OtherPath['AWSSDK.SecurityToken'])')`n" +
            "`$null = [Reflection.Assembly]::LoadFrom('$($OtherPath['AWSSDK.SSO'])'), [Reflection.Assembly]::LoadFrom('$($OtherPath['AWSSDK.SSOOIDC'])')`n"

        # Grant, read and revoke with this module; then use the other SDK copy; print one line per fact.
        $script:UseModule = @'
$aws = @{ Region = '{REGION}'; EndpointUrl = '{ENDPOINT}'; AccessKey = '{AK}'; SecretKey = '{SK}' }
"granted=" + (Grant-CWEventBusPermission 111122223333 @aws -ErrorAction Stop).Status
"read=" + ((Get-CWEventBus @aws -ErrorAction Stop).Permissions.AccountId -join ',')
"revoked=" + (Revoke-CWEventBusPermission -AccountId 111122223333 @aws -ErrorAction Stop).Status

'@
        # The other copies at work: AWSSDK.Core's own types, and an STS client built on it that sends a
        # request (to the dead STS port, with no retry) through that AWSSDK.Core's whole pipeline.
        $script:UseOther = @'
$regionType = $other.GetType('Amazon.RegionEndpoint')
"other=" + $regionType.GetMethod('GetBySystemName').Invoke($null, @('eu-west-1')).SystemName
"otherContext=" + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($other).Name
$ours = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and $_ -ne $other }
"oursContext=" + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours).Name
$credentials = [Activator]::CreateInstance($other.GetType('Amazon.Runtime.BasicAWSCredentials'), [object[]] @('AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'))
$config = [Activator]::CreateInstance($otherSts.GetType('Amazon.SecurityToken.AmazonSecurityTokenServiceConfig'))
$config.ServiceURL = 'http://127.0.0.1:{STSPORT}'; $config.AuthenticationRegion = 'us-east-1'; $config.MaxErrorRetry = 0
$client = [Activator]::CreateInstance($otherSts.GetType('Amazon.SecurityToken.AmazonSecurityTokenServiceClient'), [object[]] @($credentials, $config))
"otherStsOnOtherCore=" + ($client.GetType().BaseType.Assembly -eq $other)
$request = [Activator]::CreateInstance($otherSts.GetType('Amazon.SecurityToken.Model.GetCallerIdentityRequest'))
try { $null = $client.GetCallerIdentityAsync($request, [Threading.CancellationToken]::None).GetAwaiter().GetResult(); 'otherSts=answered' }
catch { 'otherSts=' + ($_.Exception.GetType().FullName + ': ' + $_.Exception.Message -replace '\r?\n', ' ') }

'@
        function script:Expand([string] $Text, [string] $Region) {
            $Text.Replace('{REGION}', $Region).Replace('{ENDPOINT}', $env:EBP_TEST_ENDPOINT).
            Replace('{AK}', $env:EBP_TEST_ACCESS_KEY).Replace('{SK}', $env:EBP_TEST_SECRET_KEY).Replace('{STSPORT}', $Ports.Sts)
        }
        $script:Profiles = Get-ProfileScript 'assume-role', 'web-identity', 'sso-legacy', 'sso-refresh'

        function script:Assert-Worked($Result) {
            $Result.Output | Should -Match 'granted=Granted'
            $Result.Output | Should -Match 'read=111122223333'
            $Result.Output | Should -Match 'revoked=Revoked'
            $Result.Output | Should -Match 'other=eu-west-1'
            $Result.Output | Should -Match 'otherContext=Default'
            $Result.Output | Should -Match 'oursContext=EventBusPermissions'
            # The other STS client, on the other AWSSDK.Core in Default, sends its request.
            $Result.Output | Should -Match 'otherStsOnOtherCore=True'
            $Result.Output | Should -Match "otherSts=.*127\.0\.0\.1:$($Ports.Sts)\b"
            $Result.Output | Should -Not -Match 'MissingMethodException|TypeLoadException|InvalidCastException'
            # Ours got credentials through our own clients, each to its dead port.
            Assert-RefusedAt $Result 'assume-role' $Ports.Sts
            Assert-RefusedAt $Result 'web-identity' $Ports.Sts
            Assert-RefusedAt $Result 'sso-legacy' $Ports.Sso
            Assert-RefusedAt $Result 'sso-refresh' $Ports.SsoOidc
            # Each copy in its own context: ours from dependencies/, the other copies (and only they) in Default.
            foreach ($name in 'AWSSDK.Core', 'AWSSDK.SecurityToken', 'AWSSDK.SSO', 'AWSSDK.SSOOIDC') { Assert-OursInModuleContext $Result $name }
            $default = @(Get-Loaded $Result | Where-Object Context -EQ 'Default')
            $default.Name | Sort-Object | Should -Be @('AWSSDK.Core', 'AWSSDK.SecurityToken', 'AWSSDK.SSO', 'AWSSDK.SSOOIDC')
            foreach ($package in $OtherSdk) {
                $loaded = $default | Where-Object Name -EQ $package.Name
                $loaded.Location | Should -Be $package.Path
                $loaded.Version | Should -Be $package.Version
            }
            (Get-Loaded $Result | Where-Object { $_.Name -eq 'AWSSDK.SecurityToken' -and $_.Context -eq 'EventBusPermissions' }).Version | Should -Be '4.0.101.10'
        }
    }

    It 'works when an older AWSSDK.Core, AWSSDK.SecurityToken, AWSSDK.SSO and AWSSDK.SSOOIDC were loaded first, and leaves them working' {
        # Invoke-ChildPwsh imports the module first; this case needs the other SDK before it.
        $script = $AwsPrelude + $LoadOther + "Import-Module '$($env:EBP_TEST_MODULE)' -Force`n" +
            (Expand $UseModule (New-TestRegion)) + $Profiles + (Expand $UseOther) + $ListSdkAssemblies
        $r = Invoke-ChildPwsh -Script $script -NoImport
        Assert-Worked $r
    }

    It 'works when this module loads first, and the older copies still load and work after it' {
        $script = $AwsPrelude + (Expand $UseModule (New-TestRegion)) + $Profiles + $LoadOther + (Expand $UseOther) +
            "'again=' + (Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)').Name`n" +
            $ListSdkAssemblies
        $r = Invoke-ChildPwsh -Script $script
        Assert-Worked $r
        $r.Output | Should -Match 'again=default'
    }
}

Describe 'Remove-Module' {
    It 'takes the resolve handler away when the last runspace removes the module, and Import-Module puts it back' {
        $module = $env:EBP_TEST_MODULE
        $aws = "-Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)'"
        $script = @"
# Import-Module installs the handler and nothing more: the load context (EventBusPermissions.Isolation) is made on first use.
'isolationAtImport=' + [bool]([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'EventBusPermissions.Isolation' })
`$context = [EventBusPermissions.ModuleInitializer]
function Test-AwsResolves {
    # A fresh load by name in Default finds EventBusPermissions.Aws only through the module's handler.
    try { `$null = [Runtime.Loader.AssemblyLoadContext]::Default.LoadFromAssemblyName([Reflection.AssemblyName]::new('EventBusPermissions.Aws')); 'yes' }
    catch { 'no' }
}
'imported=' + `$context::IsResolverInstalled
# A second runspace imports it too; the handler stays until both have removed the module.
`$second = [powershell]::Create()
`$null = `$second.AddScript("Import-Module '$module' -ErrorAction Stop").Invoke()
Remove-Module EventBusPermissions
'removedOnce=' + `$context::IsResolverInstalled
`$second.Commands.Clear()
`$null = `$second.AddScript('Remove-Module EventBusPermissions -ErrorAction Stop').Invoke()
'removedTwice=' + `$context::IsResolverInstalled
'resolvesAfterRemove=' + (Test-AwsResolves)
Import-Module '$module' -ErrorAction Stop
'reimported=' + `$context::IsResolverInstalled
'bus=' + (Get-CWEventBus $aws -ErrorAction Stop).Name
`$awsAssembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'EventBusPermissions.Aws' }
'awsContext=' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$awsAssembly).Name
Import-Module '$module' -Force -ErrorAction Stop
'forced=' + `$context::IsResolverInstalled
'busAgain=' + (Get-CWEventBus $aws -ErrorAction Stop).Name
Remove-Module EventBusPermissions
'final=' + `$context::IsResolverInstalled
"@
        $r = Invoke-ChildPwsh -Script $script
        $r.Output | Should -Match 'isolationAtImport=False'
        $r.Output | Should -Match 'imported=True'
        $r.Output | Should -Match 'removedOnce=True'
        $r.Output | Should -Match 'removedTwice=False'
        $r.Output | Should -Match 'resolvesAfterRemove=no'
        $r.Output | Should -Match 'reimported=True'
        $r.Output | Should -Match 'bus=default'
        $r.Output | Should -Match 'awsContext=EventBusPermissions'
        $r.Output | Should -Match 'forced=True'
        $r.Output | Should -Match 'busAgain=default'
        $r.Output | Should -Match 'final=False'
        $r.ExitCode | Should -Be 0
    }
}

Describe 'A dependencies folder without EventBusPermissions.Aws' {
    It 'fails the call that needs it with the missing assembly named, and the session goes on' {
        # The load context's own failure to find it raises the resolve event again; the handler must not answer
        # that by asking the load context again (that was a stack overflow).
        $parent = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'broken') -Force
        Copy-Item $env:EBP_TEST_MODULE $parent.FullName -Recurse
        $copy = Join-Path $parent.FullName (Split-Path $env:EBP_TEST_MODULE -Leaf)
        Remove-Item (Join-Path $copy 'dependencies/EventBusPermissions.Aws.dll')
        $script = @"
Import-Module '$copy' -ErrorAction Stop
try { Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)' -ErrorAction Stop }
catch { 'failed=' + `$_.Exception.GetType().Name + ': ' + `$_.Exception.Message }
'alive'
"@
        $r = Invoke-ChildPwsh -Script $script -NoImport
        $r.Output | Should -Match 'failed=FileNotFoundException: .*EventBusPermissions\.Aws'
        $r.Output | Should -Match 'alive'
        $r.ExitCode | Should -Be 0 -Because "the session must end cleanly; it said: $($r.Output)"
    }
}
