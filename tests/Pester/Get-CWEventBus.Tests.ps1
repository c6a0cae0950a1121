#Requires -Modules Pester
# Get-CWEventBus as a user meets it: the built module imported in a fresh pwsh, talking SigV4-signed
# JSON 1.1 to the local EventBridge endpoint (and to moto_server where it is installed).

BeforeDiscovery {
    $script:HaveAws = [bool](Get-Command aws -ErrorAction SilentlyContinue)
    $script:HaveMoto = [bool](Get-Command moto_server -ErrorAction SilentlyContinue)
    if (-not $script:HaveAws) { Write-Host 'SKIPPING the AWS CLI tests: aws is not on PATH.' }
    if (-not $script:HaveMoto) { Write-Host 'SKIPPING the moto_server tests: moto_server is not on PATH.' }
}

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Conn = Get-TestConnection
    $script:Account = $env:EBP_TEST_ACCOUNT
    $script:GetCommandErrorSuffix = ',EventBusPermissions.Commands.GetCWEventBusCommand'
}

Describe 'Get-CWEventBus' {
    Context 'reading buses' {
        It 'reads the default bus when no name is given' {
            $bus = Get-CWEventBus @Conn
            $bus.PSObject.TypeNames[0] | Should -Be 'EventBusPermissions.EventBus'
            $bus.Name | Should -Be 'default'
            $bus.Arn | Should -Be "arn:aws:events:us-east-1:$($Account):event-bus/default"
            $bus.AccountId | Should -Be $Account
            $bus.Region | Should -Be 'us-east-1'
            $bus.CreationTime.Kind | Should -Be 'Utc'
            ($bus.PSObject.Properties['Permissions'].Value -is [EventBusPermissions.EventBusPermission[]]) | Should -BeTrue
        }

        It 'reads a bus by ARN' {
            $arn = "arn:aws:events:us-east-1:$($Account):event-bus/default"
            (Get-CWEventBus -Name $arn @Conn).Arn | Should -Be $arn
        }

        It 'takes names from the pipeline by value and by property name (EventBusName)' {
            $buses = @(
                'default'
                [pscustomobject]@{ EventBusName = 'default' }
            ) | Get-CWEventBus @Conn
            $buses.Count | Should -Be 2
            $buses.Name | Should -Be @('default', 'default')
        }

        It 'emits the permissions of a bus whose policy the AWS CLI wrote' -Skip:(-not $HaveAws) {
            $name = New-TestBusName 'cli'
            Invoke-AwsCli events create-event-bus --name $name | Out-Null
            Invoke-AwsCli events put-permission --event-bus-name $name --action events:PutEvents --principal 111122223333 --statement-id Acct1 | Out-Null
            Invoke-AwsCli events put-permission --event-bus-name $name --action events:PutEvents --principal '*' --statement-id OrgAccess `
                --condition 'Type=StringEquals,Key=aws:PrincipalOrgID,Value=o-1234567890' | Out-Null

            $bus = Get-CWEventBus $name @Conn
            $bus.Permissions.Count | Should -Be 2
            $busArn = "arn:aws:events:us-east-1:$($Account):event-bus/$name"

            $account = $bus.Permissions | Where-Object StatementId -EQ 'Acct1'
            $account.PSObject.TypeNames[0] | Should -Be 'EventBusPermissions.EventBusPermission'
            $account.Principal | Should -Be '111122223333'
            $account.AccountId | Should -Be '111122223333'
            $account.OrganizationId | Should -BeNullOrEmpty
            $account.Action | Should -Be 'events:PutEvents'
            $account.Effect | Should -Be 'Allow'
            $account.Resource | Should -Be $busArn
            $account.EventBusName | Should -Be $name
            $account.Region | Should -Be 'us-east-1'

            $org = $bus.Permissions | Where-Object StatementId -EQ 'OrgAccess'
            $org.Principal | Should -Be '*'
            $org.AccountId | Should -BeNullOrEmpty
            $org.OrganizationId | Should -Be 'o-1234567890'
            $org.Condition | Should -Match 'aws:PrincipalOrgID'
            $org.Resource | Should -Be $busArn
        }

        It 'gives a bus without a policy an empty Permissions and no Policy' -Skip:(-not $HaveAws) {
            $name = New-TestBusName 'nopolicy'
            Invoke-AwsCli events create-event-bus --name $name | Out-Null
            $bus = Get-CWEventBus $name @Conn
            $bus.Name | Should -Be $name
            $bus.Policy | Should -BeNullOrEmpty
            ($bus.PSObject.Properties['Permissions'].Value -is [array]) | Should -BeTrue -Because 'Permissions is an empty array, never null'
            $bus.Permissions.Count | Should -Be 0
        }
    }

    Context 'errors' {
        It 'gives one ObjectNotFound error for a missing bus and still emits the others' {
            $missing = New-TestBusName 'missing'
            $buses = 'default', $missing, 'default' | Get-CWEventBus @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
            $buses.Count | Should -Be 2
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be ('ResourceNotFoundException' + $GetCommandErrorSuffix)
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be $missing
            $errs[0].Exception.Message | Should -Match ([regex]::Escape($missing))
        }

        It 'rejects an invalid name before sending anything, and goes on with the next' {
            $before = @(Get-RequestLog).Count
            $buses = 'bad name!', 'default' | Get-CWEventBus @Conn -ErrorVariable errs -ErrorAction SilentlyContinue
            $buses.Count | Should -Be 1
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be ('InvalidEventBusName' + $GetCommandErrorSuffix)
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -Be 'bad name!'
            $log = @(Get-RequestLog)
            $log.Count | Should -Be ($before + 1)   # only the valid name was sent
            $log[-1].eventBusName | Should -Be 'default'
        }

        It 'reports a wrong secret key as an authentication error without showing the secret' {
            $wrongSecret = 'wrongSecretKeyEXAMPLEwrongSecretKeyEXAMPLE'
            $c = Get-TestConnection
            $c.SecretKey = $wrongSecret
            Get-CWEventBus @c -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be ('InvalidSignatureException' + $GetCommandErrorSuffix)
            $errs[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            ($errs | Out-String) | Should -Not -Match $wrongSecret
        }

        It 'stops with NoRegion, saying where it looked, when no region is found' {
            $r = Invoke-ChildPwsh @"
Remove-Item Env:AWS_REGION, Env:AWS_DEFAULT_REGION, Env:AWS_PROFILE -ErrorAction SilentlyContinue
`$env:AWS_CONFIG_FILE = '/nonexistent/config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
try { Get-CWEventBus -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)'; 'NO ERROR' }
catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@
            $r.Output | Should -Match 'NoRegion,EventBusPermissions.Commands.GetCWEventBusCommand'
            $r.Output | Should -Match 'AWS_REGION'
            $r.Output | Should -Not -Match 'NO ERROR'
        }

        It 'stops with NoCredentials, saying where it looked, when no credentials are found' {
            $r = Invoke-ChildPwsh @"
Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_SESSION_TOKEN, Env:AWS_PROFILE -ErrorAction SilentlyContinue
`$env:AWS_CONFIG_FILE = '/nonexistent/config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
try { Get-CWEventBus -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -Region us-east-1; 'NO ERROR' }
catch { `$_.FullyQualifiedErrorId; `$_.CategoryInfo.Category; `$_.Exception.Message }
"@
            $r.Output | Should -Match 'NoCredentials,EventBusPermissions.Commands.GetCWEventBusCommand'
            $r.Output | Should -Match 'AuthenticationError'
            $r.Output | Should -Match 'AWS_ACCESS_KEY_ID'
            $r.Output | Should -Not -Match 'NO ERROR'
        }
    }

    Context 'where credentials, region and endpoint come from' {
        It 'accepts -Credential (access key as user name, secret key as password)' {
            $secure = ConvertTo-SecureString $env:EBP_TEST_SECRET_KEY -AsPlainText -Force
            $cred = [pscredential]::new($env:EBP_TEST_ACCESS_KEY, $secure)
            (Get-CWEventBus -Credential $cred -Region us-east-1 -EndpointUrl $env:EBP_TEST_ENDPOINT).Name | Should -Be 'default'
        }

        It 'reads a named profile from -ProfileLocation, with its region' {
            $file = New-TemporaryFile
            # AWS_REGION and AWS_DEFAULT_REGION come before a profile's region (as for the AWS CLI): a caller's
            # shell that sets them must not decide this test, so they are away while it runs.
            $saved = @{ AWS_REGION = $env:AWS_REGION; AWS_DEFAULT_REGION = $env:AWS_DEFAULT_REGION }
            $env:AWS_REGION = $null; $env:AWS_DEFAULT_REGION = $null
            try {
                Set-Content $file.FullName @"
[local]
aws_access_key_id = $($env:EBP_TEST_ACCESS_KEY)
aws_secret_access_key = $($env:EBP_TEST_SECRET_KEY)
region = eu-west-2
"@
                $bus = Get-CWEventBus -ProfileName local -ProfileLocation $file.FullName -EndpointUrl $env:EBP_TEST_ENDPOINT
                $bus.Region | Should -Be 'eu-west-2'
                $bus.Arn | Should -Be "arn:aws:events:eu-west-2:$($Account):event-bus/default"
            }
            finally {
                Remove-Item $file.FullName
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
        }

        It 'reads credentials and region from the environment, and AWS_ENDPOINT_URL_EVENTBRIDGE as the endpoint' {
            $r = Invoke-ChildPwsh @"
`$env:AWS_ACCESS_KEY_ID = '$($env:EBP_TEST_ACCESS_KEY)'; `$env:AWS_SECRET_ACCESS_KEY = '$($env:EBP_TEST_SECRET_KEY)'
`$env:AWS_REGION = 'ap-southeast-2'; `$env:AWS_ENDPOINT_URL_EVENTBRIDGE = '$($env:EBP_TEST_ENDPOINT)'
(Get-CWEventBus).Arn
"@
            $r.ExitCode | Should -Be 0
            $r.Output.Trim() | Should -Be "arn:aws:events:ap-southeast-2:$($Account):event-bus/default"
        }

        It 'signs with a session token for temporary credentials' {
            $r = Invoke-ChildPwsh @"
`$all = Get-Content '$(Join-Path (Split-Path (Split-Path $PSScriptRoot -Parent) -Parent) 'tests/LocalEventBridge/test-credentials.json')' -Raw | ConvertFrom-Json
`$t = `$all | Where-Object SessionToken | Select-Object -First 1
(Get-CWEventBus -AccessKey `$t.AccessKey -SecretKey `$t.SecretKey -SessionToken `$t.SessionToken -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)').Name
"@
            $r.ExitCode | Should -Be 0
            $r.Output.Trim() | Should -Be 'default'
        }

        It "takes the endpoint from the profile's endpoint_url, or its services section, with no -EndpointUrl" {
            $dir = Join-Path ([IO.Path]::GetTempPath()) ('ebp-endpoint-' + [guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Path $dir | Out-Null
            $config = Join-Path $dir 'config'
            $credentials = Join-Path $dir 'credentials'
            [IO.File]::WriteAllText($config, ("[profile local]`nregion = eu-north-1`nendpoint_url = $($env:EBP_TEST_ENDPOINT)`n`n" +
                "[profile via-services]`nregion = eu-south-2`nservices = local-services`n`n" +
                "[services local-services]`neventbridge =`n  endpoint_url = $($env:EBP_TEST_ENDPOINT)`n"))
            [IO.File]::WriteAllText($credentials, ("[local]`naws_access_key_id = $($env:EBP_TEST_ACCESS_KEY)`naws_secret_access_key = $($env:EBP_TEST_SECRET_KEY)`n`n" +
                "[via-services]`naws_access_key_id = $($env:EBP_TEST_ACCESS_KEY)`naws_secret_access_key = $($env:EBP_TEST_SECRET_KEY)`n"))
            try {
                # Only the test's own AWS_* settings, whatever the caller's shell holds.
                $r = Invoke-ChildPwsh -NoImport @"
Get-ChildItem Env:AWS_* | ForEach-Object { Remove-Item "Env:`$(`$_.Name)" }
`$env:AWS_CONFIG_FILE = '$config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$credentials'; `$env:AWS_EC2_METADATA_DISABLED = 'true'
# Should the profile's endpoint be missed, the https request meant for AWS goes to a dead loopback proxy instead.
`$env:HTTPS_PROXY = 'http://127.0.0.1:9'
Import-Module '$($env:EBP_TEST_MODULE)' -ErrorAction Stop
Get-CWEventBus -ProfileName local -Verbose 4>&1 | ForEach-Object { if (`$_ -is [Management.Automation.VerboseRecord]) { `$_.Message } else { `$_.Arn } }
'---'
`$env:AWS_PROFILE = 'via-services'
(Get-CWEventBus).Arn
"@
                $r.ExitCode | Should -Be 0
                $r.Output | Should -Match ([regex]::Escape("arn:aws:events:eu-north-1:$($Account):event-bus/default"))
                $r.Output | Should -Match ([regex]::Escape("endpoint $($env:EBP_TEST_ENDPOINT) (from the endpoint_url of profile 'local')"))
                $r.Output | Should -Match ([regex]::Escape("arn:aws:events:eu-south-2:$($Account):event-bus/default"))
            }
            finally { Remove-Item $dir -Recurse -Force }
        }
    }
}

Describe 'Get-CWEventBus: a statement shared by 250 accounts' {
    BeforeAll {
        # As the console, Terraform or a packed grant write it: one statement, {"AWS":[250 root ARNs]}, put with the
        # whole-document form. About 8,400 characters: within the real quota of 10,240, so the endpoint's quota is
        # only raised (and put back afterwards) should an earlier test have left it lower.
        $script:Shared = Get-TestConnection
        $Shared.Region = New-TestRegion
        $script:SharedArn = (Get-CWEventBus @Shared).Arn
        $script:Doc = New-SharedPolicy -BusArn $SharedArn -Count 250 -Sid 'Packed-1'
        $script:SavedLimit = Get-EndpointPolicySizeLimit
        if ($Doc.Json.Length -gt $SavedLimit) { Set-EndpointPolicySizeLimit ($Doc.Json.Length + 100) }
        $script:Written = Grant-CWEventBusPermission -Policy $Doc.Json -Force @Shared -WarningAction SilentlyContinue
        $read = @(Get-CWEventBus @Shared -Verbose 4>&1)
        $script:SharedVerbose = @($read | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $script:SharedBus = $read | Where-Object { $_ -is [EventBusPermissions.EventBus] }
    }
    AfterAll {
        Set-EndpointPolicySizeLimit $SavedLimit
    }

    It 'fits the real policy quota' {
        $Doc.Json.Length | Should -BeLessOrEqual 10240
    }

    It 'lists 250 permissions, one per account, in the order the statement names them' {
        $SharedBus.Permissions.Count | Should -Be 250
        $SharedBus.Permissions.AccountId | Should -Be $Doc.Accounts
        $SharedBus.Permissions.Principal | Should -Be $Doc.Accounts -Because 'a root ARN reads as its 12 digits, as for a single-account statement'
    }

    It 'gives each the shared StatementId, PrincipalCount 250 and the statement''s other properties' {
        foreach ($p in $SharedBus.Permissions) {
            $p.PSObject.TypeNames[0] | Should -Be 'EventBusPermissions.EventBusPermission'
            $p.StatementId | Should -Be 'Packed-1'
            $p.PrincipalCount | Should -Be 250
            $p.IsShared | Should -BeTrue
            $p.Effect | Should -Be 'Allow'
            $p.Action | Should -Be 'events:PutEvents'
            $p.Resource | Should -Be $SharedArn
            $p.Condition | Should -BeNullOrEmpty
            $p.OrganizationId | Should -BeNullOrEmpty
            $p.EventBusArn | Should -Be $SharedArn
        }
        @($SharedBus.Permissions.StatementJson | Sort-Object -Unique).Count | Should -Be 1 -Because 'every permission carries the whole statement'
        ($SharedBus.Permissions[0].StatementJson | ConvertFrom-Json).Principal.AWS.Count | Should -Be 250
    }

    It 'keeps the raw policy in Policy' {
        ($SharedBus.Policy | ConvertFrom-Json).Statement.Count | Should -Be 1
        ($SharedBus.Policy | ConvertFrom-Json).Statement[0].Principal.AWS.Count | Should -Be 250
    }

    It 'says in Verbose how many permissions and statements the bus has' {
        $SharedVerbose | Should -Contain "Event bus 'default' has 250 permission(s) in 1 statement(s)."
    }

    It 'reports the 250 permissions Grant -Policy wrote' {
        $Written.Count | Should -Be 250
        $Written.Status | Sort-Object -Unique | Should -Be 'Granted'
        $Written.AccountId | Should -Be $Doc.Accounts
    }

    It 'gives PrincipalCount 1 to an ordinary statement, and to a list of one' {
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        $arn = (Get-CWEventBus @aws).Arn
        $one = @{ Sid = 'ListOfOne'; Effect = 'Allow'; Principal = @{ AWS = @("arn:aws:iam::111122223333:root") }; Action = 'events:PutEvents'; Resource = $arn }
        $doc = @{ Version = '2012-10-17'; Statement = @($one) } | ConvertTo-Json -Depth 6 -Compress
        Grant-CWEventBusPermission -Policy $doc -Force @aws | Out-Null
        Grant-CWEventBusPermission -AccountId 222233334444 @aws | Out-Null

        $permissions = (Get-CWEventBus @aws).Permissions
        $permissions.AccountId | Should -Be '111122223333', '222233334444'
        $permissions.PrincipalCount | Should -Be 1, 1
        $permissions.IsShared | Should -Be $false, $false
    }
}

Describe 'Get-CWEventBus against moto_server' -Skip:(-not ($HaveMoto -and $HaveAws)) {
    BeforeAll {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        # moto is itself an AWS client (boto): the caller's AWS_* settings (a CI job's AWS_ENDPOINT_URL, ...) are
        # kept away from it, so that it serves as the plain emulator the tests expect.
        $callerAws = @(Get-ChildItem env: | Where-Object Name -Like 'AWS_*')
        $callerAws | ForEach-Object { Remove-Item "env:$($_.Name)" }
        try {
            $script:Moto = Start-Process moto_server -ArgumentList @('-H', '127.0.0.1', '-p', "$port") -PassThru -RedirectStandardError (New-TemporaryFile).FullName
        }
        finally {
            $callerAws | ForEach-Object { Set-Item "env:$($_.Name)" $_.Value }
        }
        $script:MotoUrl = "http://127.0.0.1:$port"
        $deadline = (Get-Date).AddSeconds(30)
        while ((Get-Date) -lt $deadline) {
            try { Invoke-WebRequest "$MotoUrl/moto-api/" -TimeoutSec 2 | Out-Null; break } catch { Start-Sleep -Milliseconds 300 }
        }
        $script:MotoConn = @{ EndpointUrl = $MotoUrl; Region = 'us-east-1'; AccessKey = 'AKIAMOTOEXAMPLE00001'; SecretKey = 'motoSecretEXAMPLE' }
    }
    AfterAll {
        if ($Moto -and -not $Moto.HasExited) { $Moto.Kill($true) }
    }

    It 'shows an account grant and an organization grant that the AWS CLI wrote' {
        $moto = @{ EndpointUrl = $MotoUrl; AccessKey = $MotoConn.AccessKey; SecretKey = $MotoConn.SecretKey }
        Invoke-AwsCliAt @moto -Arguments events, put-permission, --action, events:PutEvents, --principal, 111122223333, --statement-id, Acct1
        Invoke-AwsCliAt @moto -Arguments events, put-permission, --action, events:PutEvents, --principal, '*', --statement-id, OrgAccess,
            --condition, 'Type=StringEquals,Key=aws:PrincipalOrgID,Value=o-1234567890'

        $bus = Get-CWEventBus @MotoConn
        $bus.Name | Should -Be 'default'
        $account = $bus.Permissions | Where-Object StatementId -EQ 'Acct1'
        $account.AccountId | Should -Be '111122223333'
        $account.Principal | Should -Be '111122223333'
        $account.Action | Should -Be 'events:PutEvents'
        $org = $bus.Permissions | Where-Object StatementId -EQ 'OrgAccess'
        $org.OrganizationId | Should -Be 'o-1234567890'
        # moto stores '*' as {"AWS":"arn:aws:iam::*:root"}; shown as stored, not as one account.
        $org.AccountId | Should -BeNullOrEmpty
    }
}
