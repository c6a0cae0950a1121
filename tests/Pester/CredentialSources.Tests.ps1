#Requires -Modules Pester
# Every credential source real users have, end to end: a fresh pwsh whose only AWS configuration is the case's
# own (files in a home of its own, environment variables), the local endpoint serving STS, the SSO portal and
# OIDC, container credentials and IMDSv2 as well as EventBridge. The endpoint's SigV4 check accepts the
# EventBridge request only when it is signed by the keys the source yielded, and its log says whose they were.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $all = Get-Content (Join-Path $root 'tests/LocalEventBridge/test-credentials.json') -Raw | ConvertFrom-Json
    $script:First = $all[0]
    $script:Second = $all[1]
    $script:Endpoint = $env:EBP_TEST_ENDPOINT

    function script:Set-Local([string] $Route, $Body) {
        Invoke-RestMethod -Method Put -Uri "$Endpoint/_local/$Route" -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 6) | Out-Null
    }

    function script:Get-Sha1Hex([string] $Text) {
        -join ([Security.Cryptography.SHA1]::HashData([Text.Encoding]::UTF8.GetBytes($Text)) | ForEach-Object { $_.ToString('x2') })
    }

    function script:Invoke-Source {
        <#
        Runs -Script (default: Get-CWEventBus -Verbose) in a child pwsh with a home of its own holding the given
        config and credentials files and extra files, and only the given AWS_* variables (plus the STS and SSO
        endpoints pointed at the local endpoint, and instance metadata off unless -Imds). Returns the output, the
        endpoint's log entries of the run, and the EventBridge call among them.
        #>
        param([string] $Config = '', [string] $Credentials = '', [hashtable] $Files = @{}, [hashtable] $Environment = @{},
            [string] $Script = "Get-CWEventBus -Region `$region -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String -Width 400", [switch] $Imds,
            # Leave the STS and SSO endpoints to the profile alone (no AWS_ENDPOINT_URL_* variables).
            [switch] $EndpointsFromProfile)
        $home_ = Join-Path ([IO.Path]::GetTempPath()) "ebp-home-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory -Path (Join-Path $home_ '.aws') -Force | Out-Null
        Set-Content (Join-Path $home_ '.aws/config') ($Config -replace '\{home\}', $home_)
        Set-Content (Join-Path $home_ '.aws/credentials') ($Credentials -replace '\{home\}', $home_)
        foreach ($name in $Files.Keys) {
            $path = Join-Path $home_ $name
            New-Item -ItemType Directory -Path (Split-Path $path) -Force | Out-Null
            Set-Content $path $Files[$name] -NoNewline
        }
        $region = New-TestRegion
        $variables = @{
            HOME                        = $home_
            AWS_CONFIG_FILE             = (Join-Path $home_ '.aws/config')
            AWS_SHARED_CREDENTIALS_FILE = (Join-Path $home_ '.aws/credentials')
            # Whatever goes wrong, nothing leaves loopback: AWS's own endpoints are https, and this proxy is dead.
            HTTPS_PROXY                 = 'http://127.0.0.1:9'
        }
        if (-not $EndpointsFromProfile) {
            $variables.AWS_ENDPOINT_URL_STS = $Endpoint
            $variables.AWS_ENDPOINT_URL_SSO = $Endpoint
            $variables.AWS_ENDPOINT_URL_SSO_OIDC = $Endpoint
        }
        if (-not $Imds) { $variables.AWS_EC2_METADATA_DISABLED = 'true' }
        foreach ($name in $Environment.Keys) { $variables[$name] = $Environment[$name] -replace '\{home\}', $home_ }
        $prelude = "Get-ChildItem env: | Where-Object Name -Like 'AWS_*' | ForEach-Object { Remove-Item `"env:`$(`$_.Name)`" }`n"
        foreach ($name in $variables.Keys) { $prelude += "`$env:$name = '$($variables[$name])'`n" }
        $prelude += "Remove-Item env:HTTP_PROXY, env:NO_PROXY -ErrorAction SilentlyContinue`n"
        $prelude += "`$endpoint = '$Endpoint'; `$region = '$region'; `$home_ = '$home_'`n"

        $since = @(Get-RequestLog) | Select-Object -Last 1 | ForEach-Object sequence
        try {
            $r = Invoke-ChildPwsh ($prelude + $Script)
        }
        finally {
            Remove-Item $home_ -Recurse -Force -ErrorAction SilentlyContinue
        }
        $log = @(Invoke-RestMethod -Uri "$Endpoint/_local/requests?since=$([int]$since)" | ForEach-Object { $_ })
        [pscustomobject]@{
            Output   = $r.Output
            Log      = $log
            Bus      = $log | Where-Object { $_.operation -eq 'DescribeEventBus' -and $_.region -eq $region } | Select-Object -Last 1
            Region   = $region
        }
    }

    $script:StaticCredentials = "[base]`naws_access_key_id = $($First.AccessKey)`naws_secret_access_key = $($First.SecretKey)`n"
}

AfterAll {
    # The settings of the credential services are the endpoint's; leave none behind for other files.
    Set-Local 'roles' @{ roles = @() }
}

Describe 'Static keys (these existed; kept)' {
    It 'environment keys' {
        $r = Invoke-Source -Environment @{ AWS_ACCESS_KEY_ID = $Second.AccessKey; AWS_SECRET_ACCESS_KEY = $Second.SecretKey }
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.accessKeyId | Should -Be $Second.AccessKey
        $r.Output | Should -Match 'credentials from the environment variables AWS_ACCESS_KEY_ID'
    }

    It 'a static profile named by AWS_PROFILE' {
        $r = Invoke-Source -Credentials $StaticCredentials -Environment @{ AWS_PROFILE = 'base' }
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.accessKeyId | Should -Be $First.AccessKey
        $r.Output | Should -Match "credentials from profile 'base'"
    }
}

Describe 'Assume-role profiles' {
    It 'source_profile, with role_session_name, external_id and duration_seconds as the profile says' {
        Set-Local 'roles' @{ roles = @(@{ roleArn = 'arn:aws:iam::444455556666:role/Deploy'; externalId = 'ext-4711'; trustedAccounts = @($First.AccountId) }) }
        $config = "[profile deploy]`nrole_arn = arn:aws:iam::444455556666:role/Deploy`nsource_profile = base`nrole_session_name = runbook`nexternal_id = ext-4711`nduration_seconds = 1800`n"

        $r = Invoke-Source -Config $config -Credentials $StaticCredentials -Script "Get-CWEventBus -ProfileName deploy -Region `$region -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String -Width 400"

        $assume = $r.Log | Where-Object operation -EQ 'AssumeRole'
        $assume.accessKeyId | Should -Be $First.AccessKey -Because 'the source profile signed the AssumeRole'
        $assume.details.roleSessionName | Should -Be 'runbook'
        $assume.details.externalIdPresent | Should -Be 'true'
        $assume.details.durationSeconds | Should -Be '1800'
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/Deploy/runbook'
        $r.Output | Should -Match "credentials from profile 'deploy': assumed role arn:aws:iam::444455556666:role/Deploy \(session 'runbook'\)"
    }

    It 'credential_source = Environment' {
        $config = "[profile fromenv]`nrole_arn = arn:aws:iam::444455556666:role/FromEnv`ncredential_source = Environment`nrole_session_name = envsession`n"
        $r = Invoke-Source -Config $config -Environment @{ AWS_PROFILE = 'fromenv'; AWS_ACCESS_KEY_ID = $First.AccessKey; AWS_SECRET_ACCESS_KEY = $First.SecretKey } `
            -Script "Get-CWEventBus -ProfileName fromenv -Region `$region -EndpointUrl `$endpoint | Out-Null"
        ($r.Log | Where-Object operation -EQ 'AssumeRole').accessKeyId | Should -Be $First.AccessKey
        $r.Bus.identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/FromEnv/envsession'
    }

    It 'a chain: profile, then role, then role' {
        $config = "[profile first]`nrole_arn = arn:aws:iam::444455556666:role/Hop`nsource_profile = base`nrole_session_name = hop1`n" +
            "[profile second]`nrole_arn = arn:aws:iam::123456789012:role/Target`nsource_profile = first`nrole_session_name = hop2`n"
        $r = Invoke-Source -Config $config -Credentials $StaticCredentials -Script "Get-CWEventBus -ProfileName second -Region `$region -EndpointUrl `$endpoint | Out-Null"

        $hops = @($r.Log | Where-Object operation -EQ 'AssumeRole')
        $hops.details.roleArn | Should -Be @('arn:aws:iam::444455556666:role/Hop', 'arn:aws:iam::123456789012:role/Target')
        $hops[1].identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/Hop/hop1' -Because 'the second hop is signed by the first role'
        $r.Bus.identity | Should -Be 'arn:aws:sts::123456789012:assumed-role/Target/hop2'
        $r.Bus.httpStatus | Should -Be 200
    }

    It 'a profile''s services section routes STS (and EventBridge) for -ProfileName, with no endpoint variable' {
        $config = "[profile routed]`nrole_arn = arn:aws:iam::444455556666:role/Routed`nsource_profile = base`nrole_session_name = routed`nservices = local`n" +
            "[services local]`nsts =`n  endpoint_url = $Endpoint`neventbridge =`n  endpoint_url = $Endpoint`n"
        $r = Invoke-Source -EndpointsFromProfile -Config $config -Credentials $StaticCredentials -Script "Get-CWEventBus -ProfileName routed -Region `$region | Out-Null"
        ($r.Log | Where-Object operation -EQ 'AssumeRole').details.roleArn | Should -Be 'arn:aws:iam::444455556666:role/Routed'
        $r.Bus.identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/Routed/routed'
    }

    It 'a profile''s endpoint_url serves STS and EventBridge alike' {
        $config = "[profile local]`nrole_arn = arn:aws:iam::444455556666:role/Everything`nsource_profile = base`nrole_session_name = local`nendpoint_url = $Endpoint`n"
        $r = Invoke-Source -EndpointsFromProfile -Config $config -Credentials $StaticCredentials -Environment @{ AWS_PROFILE = 'local' } -Script "Get-CWEventBus -Region `$region | Out-Null"
        $r.Bus.identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/Everything/local'
    }

    It 'a refusal names the role, says it is the role that refused, and is AssumeRoleDenied' {
        Set-Local 'roles' @{ roles = @(@{ roleArn = 'arn:aws:iam::444455556666:role/Locked'; externalId = 'the-right-one' }) }
        $config = "[profile locked]`nrole_arn = arn:aws:iam::444455556666:role/Locked`nsource_profile = base`nexternal_id = a-wrong-one`n"
        $r = Invoke-Source -Config $config -Credentials $StaticCredentials -Script @"
Get-CWEventBus -ProfileName locked -Region `$region -EndpointUrl `$endpoint -ErrorVariable e -ErrorAction SilentlyContinue
"id: `$(`$e[0].FullyQualifiedErrorId) category: `$(`$e[0].CategoryInfo.Category)"
`$e[0].Exception.Message
"@
        $r.Output | Should -Match 'id: AssumeRoleDenied,\S+ category: AuthenticationError'
        $r.Output | Should -Match 'arn:aws:iam::444455556666:role/Locked'
        $r.Output | Should -Match "not authorized to perform: sts:AssumeRole" -Because 'STS''s own words name the identity that asked'
        $r.Bus | Should -BeNullOrEmpty
    }
}

Describe 'Web identity (GitHub Actions OIDC, EKS)' {
    BeforeAll { Set-Local 'web-identity' @{ tokens = @('oidc-token-from-the-ci-job') } }

    It 'from the environment: AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME' {
        $r = Invoke-Source -Files @{ 'token' = 'oidc-token-from-the-ci-job' } -Environment @{
            AWS_WEB_IDENTITY_TOKEN_FILE = '{home}/token'; AWS_ROLE_ARN = 'arn:aws:iam::444455556666:role/GitHubDeploy'; AWS_ROLE_SESSION_NAME = 'gha-run-42'
        }
        ($r.Log | Where-Object operation -EQ 'AssumeRoleWithWebIdentity').details.roleSessionName | Should -Be 'gha-run-42'
        $r.Bus.identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/GitHubDeploy/gha-run-42'
        $r.Bus.httpStatus | Should -Be 200
        $r.Output | Should -Match "web identity token file '.*token', role arn:aws:iam::444455556666:role/GitHubDeploy"
    }

    It 'from a profile: web_identity_token_file and role_arn' {
        $r = Invoke-Source -Files @{ 'token' = 'oidc-token-from-the-ci-job' } -Config "[profile pod]`nrole_arn = arn:aws:iam::444455556666:role/PodRole`nweb_identity_token_file = {home}/token`nrole_session_name = pod`n" `
            -Environment @{ AWS_PROFILE = 'pod' }
        $r.Bus.identity | Should -Be 'arn:aws:sts::444455556666:assumed-role/PodRole/pod'
        $r.Bus.httpStatus | Should -Be 200
    }

    It 'a token file that is not there is WebIdentityTokenFileMissing, naming the file, and nothing is sent' {
        $r = Invoke-Source -Environment @{ AWS_WEB_IDENTITY_TOKEN_FILE = '{home}/no-such-token'; AWS_ROLE_ARN = 'arn:aws:iam::444455556666:role/GitHubDeploy' } -Script @"
try { Get-CWEventBus -Region `$region -EndpointUrl `$endpoint -ErrorAction Stop } catch { "id: `$(`$_.FullyQualifiedErrorId) category: `$(`$_.CategoryInfo.Category)"; `$_.Exception.Message }
"@
        $r.Output | Should -Match 'id: WebIdentityTokenFileMissing,\S+ category: AuthenticationError'
        $r.Output | Should -Match 'no-such-token'
        $r.Log | Should -BeNullOrEmpty
    }
}

Describe 'SSO profiles, from the token cache aws sso login writes' {
    BeforeAll {
        Set-Local 'sso' @{ accessTokens = @('sso-access-token-legacy', 'sso-access-token-session'); clients = @() }
        $script:Legacy = "[profile dev]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`nsso_account_id = 444455556666`nsso_role_name = Developer`n"
        $script:Session = "[profile ops]`nsso_session = corp`nsso_account_id = 123456789012`nsso_role_name = Operator`n[sso-session corp]`nsso_start_url = https://corp.awsapps.com/start`nsso_region = us-east-1`n"
        $later = (Get-Date).ToUniversalTime().AddHours(8).ToString('yyyy-MM-ddTHH:mm:ssZ')
        $script:LegacyCache = @{ startUrl = 'https://corp.awsapps.com/start'; region = 'us-east-1'; accessToken = 'sso-access-token-legacy'; expiresAt = $later } | ConvertTo-Json
        $script:SessionCache = @{ startUrl = 'https://corp.awsapps.com/start'; region = 'us-east-1'; accessToken = 'sso-access-token-session'; expiresAt = $later
            clientId = 'client-1'; clientSecret = 'client-secret-1'; registrationExpiresAt = $later; refreshToken = 'refresh-1' } | ConvertTo-Json
    }

    It 'the legacy form (sso_start_url in the profile)' {
        $r = Invoke-Source -Config $Legacy -Files @{ ".aws/sso/cache/$(Get-Sha1Hex 'https://corp.awsapps.com/start').json" = $LegacyCache } -Environment @{ AWS_PROFILE = 'dev' }
        ($r.Log | Where-Object operation -EQ 'GetRoleCredentials').details.roleName | Should -Be 'Developer'
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.accountId | Should -Be '444455556666'
        $r.Output | Should -Match "profile 'dev': AWS IAM Identity Center \(SSO\) role Developer in account 444455556666"
    }

    It 'the sso-session form' {
        $r = Invoke-Source -Config $Session -Files @{ ".aws/sso/cache/$(Get-Sha1Hex 'corp').json" = $SessionCache } -Environment @{ AWS_PROFILE = 'ops' }
        ($r.Log | Where-Object operation -EQ 'GetRoleCredentials').details.roleName | Should -Be 'Operator'
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.accountId | Should -Be '123456789012'
    }

    It 'an expired sign-in says to run aws sso login for that profile, and is SsoLoginRequired' {
        $expired = @{ startUrl = 'https://corp.awsapps.com/start'; region = 'us-east-1'; accessToken = 'sso-access-token-legacy'; expiresAt = '2020-01-01T00:00:00Z' } | ConvertTo-Json
        $r = Invoke-Source -Config $Legacy -Files @{ ".aws/sso/cache/$(Get-Sha1Hex 'https://corp.awsapps.com/start').json" = $expired } -Environment @{ AWS_PROFILE = 'dev' } -Script @"
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint -ErrorVariable e -ErrorAction SilentlyContinue
try { if (-not `$e) { throw 'no error' } } catch { }
"id: `$(`$e[0].FullyQualifiedErrorId) category: `$(`$e[0].CategoryInfo.Category)"
`$e[0].Exception.Message
"@
        $r.Output | Should -Match 'id: SsoLoginRequired,\S+ category: AuthenticationError'
        $r.Output | Should -Match 'aws sso login --profile dev'
        $r.Bus | Should -BeNullOrEmpty
    }
}

Describe 'credential_process' {
    It 'runs the process and signs with what it prints' {
        $json = @{ Version = 1; AccessKeyId = $Second.AccessKey; SecretAccessKey = $Second.SecretKey } | ConvertTo-Json -Compress
        $r = Invoke-Source -Files @{ 'helper.sh' = "#!/bin/sh`necho '$json'`n" } -Config "[profile vault]`ncredential_process = sh {home}/helper.sh`n" -Environment @{ AWS_PROFILE = 'vault' }
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.accessKeyId | Should -Be $Second.AccessKey
        $r.Output | Should -Match "profile 'vault': credential_process"
    }
}

Describe 'Container credentials' {
    It 'AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE' {
        Set-Local 'container' @{ authorizationToken = 'container-token-xyz'; accountId = '444455556666'; roleName = 'task-role' }
        $r = Invoke-Source -Files @{ 'container-token' = 'container-token-xyz' } -Environment @{
            AWS_CONTAINER_CREDENTIALS_FULL_URI = "$Endpoint/_local/container-credentials"; AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = '{home}/container-token'
        }
        ($r.Log | Where-Object operation -EQ 'ContainerCredentials').details.authorizationPresent | Should -Be 'true'
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.credentialSource | Should -Be 'ContainerCredentials'
        $r.Output | Should -Match 'container credentials'
    }

    It 'AWS_CONTAINER_AUTHORIZATION_TOKEN' {
        Set-Local 'container' @{ authorizationToken = 'container-token-abc' }
        $r = Invoke-Source -Environment @{ AWS_CONTAINER_CREDENTIALS_FULL_URI = "$Endpoint/_local/container-credentials"; AWS_CONTAINER_AUTHORIZATION_TOKEN = 'container-token-abc' }
        $r.Bus.httpStatus | Should -Be 200
        $r.Bus.credentialSource | Should -Be 'ContainerCredentials'
    }
}

Describe 'EC2 instance metadata (IMDSv2), on loopback' {
    It 'credentials and the region come from instance metadata, with a session token' {
        $imdsRegion = New-TestRegion
        Set-Local 'imds' @{ roleName = 'instance-role'; region = $imdsRegion; accountId = '444455556666' }
        $r = Invoke-Source -Imds -Environment @{ AWS_EC2_METADATA_SERVICE_ENDPOINT = "$Endpoint/_local/imds" } `
            -Script "Get-CWEventBus -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String -Width 400"

        ($r.Log | Where-Object operation -EQ 'ImdsToken') | Should -Not -BeNullOrEmpty
        ($r.Log | Where-Object operation -EQ 'ImdsCredentials').details.tokenPresent | Should -Contain 'true'
        $bus = $r.Log | Where-Object { $_.operation -eq 'DescribeEventBus' } | Select-Object -Last 1
        $bus.region | Should -Be $imdsRegion -Because 'the region came from instance metadata'
        $bus.httpStatus | Should -Be 200
        $bus.credentialSource | Should -Be 'InstanceMetadata'
        $r.Output | Should -Match 'EC2 instance metadata'
    }
}

Describe 'A changed source gives a new identity in the same session, never a cached client of another' {
    It 'AWS_ROLE_ARN changed between two calls' {
        Set-Local 'web-identity' @{ tokens = @('oidc-token-from-the-ci-job') }
        $r = Invoke-Source -Files @{ 'token' = 'oidc-token-from-the-ci-job' } -Environment @{ AWS_WEB_IDENTITY_TOKEN_FILE = '{home}/token'; AWS_ROLE_ARN = 'arn:aws:iam::444455556666:role/One'; AWS_ROLE_SESSION_NAME = 'sess' } -Script @"
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint | Out-Null
`$env:AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/Two'
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint | Out-Null
"@
        @($r.Log | Where-Object { $_.operation -eq 'DescribeEventBus' -and $_.region -eq $r.Region }).identity |
            Should -Be @('arn:aws:sts::444455556666:assumed-role/One/sess', 'arn:aws:sts::123456789012:assumed-role/Two/sess')
    }

    It 'the credentials file written anew between two calls' {
        $r = Invoke-Source -Credentials $StaticCredentials -Environment @{ AWS_PROFILE = 'base' } -Script @"
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint | Out-Null
Set-Content `$env:AWS_SHARED_CREDENTIALS_FILE "[base]``naws_access_key_id = $($Second.AccessKey)``naws_secret_access_key = $($Second.SecretKey)``n"
(Get-Item `$env:AWS_SHARED_CREDENTIALS_FILE).LastWriteTimeUtc = (Get-Date).ToUniversalTime().AddMinutes(1)
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint | Out-Null
"@
        @($r.Log | Where-Object { $_.operation -eq 'DescribeEventBus' -and $_.region -eq $r.Region }).accessKeyId | Should -Be @($First.AccessKey, $Second.AccessKey)
    }
}

Describe 'Shared files named after the first call of a session (runbooks set AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE as they run)' {
    BeforeAll {
        function script:Get-BusCalls($Result) {
            @($Result.Log | Where-Object { $_.operation -eq 'DescribeEventBus' -and $_.region -eq $Result.Region })
        }
    }

    It 'both set after a call with environment keys: the profile they hold works by -ProfileName and by AWS_PROFILE, its region from the new config file' {
        # As CI starts it: both variables name files that are not there.
        $r = Invoke-Source -Environment @{ AWS_CONFIG_FILE = '/nonexistent/ci-config'; AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/ci-credentials'
            AWS_ACCESS_KEY_ID = $Second.AccessKey; AWS_SECRET_ACCESS_KEY = $Second.SecretKey } -Script @"
`$Error.Clear()
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint | Out-Null
Remove-Item env:AWS_ACCESS_KEY_ID, env:AWS_SECRET_ACCESS_KEY
New-Item -ItemType Directory "`$home_/late" | Out-Null
Set-Content "`$home_/late/config" "[profile runbook]``nregion = `$region``n"
Set-Content "`$home_/late/credentials" "[runbook]``naws_access_key_id = $($First.AccessKey)``naws_secret_access_key = $($First.SecretKey)``n"
`$env:AWS_CONFIG_FILE = "`$home_/late/config"; `$env:AWS_SHARED_CREDENTIALS_FILE = "`$home_/late/credentials"
Get-CWEventBus -ProfileName runbook -EndpointUrl `$endpoint | Out-Null
`$env:AWS_PROFILE = 'runbook'
(Get-CWEventBus -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String -Width 400)
`$Error | ForEach-Object { "ERROR `$(`$_.FullyQualifiedErrorId): `$_" }
"@
        $r.Output | Should -Not -Match 'ERROR '
        $calls = Get-BusCalls $r
        $calls.accessKeyId | Should -Be @($Second.AccessKey, $First.AccessKey, $First.AccessKey)
        $calls.httpStatus | Should -Be @(200, 200, 200)
        $r.Output | Should -Match "credentials from profile 'runbook'"
    }

    It 'one at a time after a call with keys as parameters: a profile only in the new config file, then one only in the new credentials file' {
        $r = Invoke-Source -Script @"
`$Error.Clear()
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint -AccessKey '$($Second.AccessKey)' -SecretKey '$($Second.SecretKey)' | Out-Null
Set-Content "`$home_/other-config" "[profile fromconfig]``nregion = `$region``naws_access_key_id = $($First.AccessKey)``naws_secret_access_key = $($First.SecretKey)``n"
`$env:AWS_CONFIG_FILE = "`$home_/other-config"
Get-CWEventBus -ProfileName fromconfig -EndpointUrl `$endpoint | Out-Null
Set-Content "`$home_/other-credentials" "[fromcredentials]``naws_access_key_id = $($Second.AccessKey)``naws_secret_access_key = $($Second.SecretKey)``n"
`$env:AWS_SHARED_CREDENTIALS_FILE = "`$home_/other-credentials"
Get-CWEventBus -ProfileName fromcredentials -Region `$region -EndpointUrl `$endpoint | Out-Null
`$Error | ForEach-Object { "ERROR `$(`$_.FullyQualifiedErrorId): `$_" }
"@
        $r.Output | Should -Not -Match 'ERROR '
        $calls = Get-BusCalls $r
        $calls.accessKeyId | Should -Be @($Second.AccessKey, $First.AccessKey, $Second.AccessKey)
        $calls.httpStatus | Should -Be @(200, 200, 200)
    }
}
