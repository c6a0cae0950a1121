#Requires -Modules Pester
# -Credential takes what AWS Tools for PowerShell users hold, and the session defaults AWS Tools leaves
# ($StoredAWSRegion, $StoredAWSCredentials) are used where AWS Tools uses them. Each case proves, through the local
# endpoint's SigV4 check and its request log, which keys signed the EventBridge request, and what Verbose named.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $all = Get-Content (Join-Path $root 'tests/LocalEventBridge/test-credentials.json') -Raw | ConvertFrom-Json
    $script:First = $all[0]
    $script:Second = $all[1]
    $script:Temporary = $all | Where-Object SessionToken | Select-Object -First 1
    $globalPackages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $script:OtherSdkPath = Join-Path $globalPackages 'awssdk.core/4.0.3.3/lib/net8.0/AWSSDK.Core.dll'

    function script:Invoke-Case([string] $Script) {
        <#
        Runs a script in a child pwsh whose AWS environment is only what the case sets (the caller's shell may hold
        any AWS_* values): no keys, no profile files, a region of its own. Returns the output and the requests the
        endpoint logged for that region.
        #>
        $region = New-TestRegion
        $prelude = @"
Get-ChildItem env: | Where-Object Name -Like 'AWS_*' | ForEach-Object { Remove-Item "env:`$(`$_.Name)" }
`$env:AWS_CONFIG_FILE = '/nonexistent/config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'; `$env:AWS_EC2_METADATA_DISABLED = 'true'
`$endpoint = '$($env:EBP_TEST_ENDPOINT)'; `$region = '$region'
"@
        $r = Invoke-ChildPwsh ($prelude + "`n" + $Script)
        [pscustomobject]@{
            Output   = $r.Output
            ExitCode = $r.ExitCode
            Requests = @(Get-RequestLog | Where-Object region -EQ $region)
        }
    }
}

Describe '-Credential takes what AWS Tools users hold' {
    It 'a PSCredential: access key id as user name, secret key as password' {
        $r = Invoke-Case @"
`$c = [pscredential]::new('$($First.AccessKey)', (ConvertTo-SecureString '$($First.SecretKey)' -AsPlainText -Force))
(Get-CWEventBus -Credential `$c -Region `$region -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String)
"@
        $r.Requests.accessKeyId | Should -Be $First.AccessKey
        $r.Requests.httpStatus | Should -Be 200
        $r.Output | Should -Match 'credentials from access key AKIA\*\*\*\*\w{4} from -Credential \(PSCredential\)'
    }

    It 'the Credentials of Use-STSRole: AccessKeyId, SecretAccessKey and SessionToken' {
        $r = Invoke-Case @"
`$stsCredentials = [pscustomobject]@{ AccessKeyId = '$($Temporary.AccessKey)'; SecretAccessKey = '$($Temporary.SecretKey)'; SessionToken = '$($Temporary.SessionToken)'; Expiration = (Get-Date).AddHours(1) }
(Get-CWEventBus -Credential `$stsCredentials -Region `$region -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String)
"@
        $r.Requests.accessKeyId | Should -Be $Temporary.AccessKey
        $r.Requests.httpStatus | Should -Be 200 -Because 'the session token was sent and signed'
        $r.Output | Should -Match 'temporary access key ASIA\*\*\*\*'
    }

    It 'Use-STSRole''s whole answer (the keys under Credentials), and a hashtable' {
        $r = Invoke-Case @"
`$answer = [pscustomobject]@{ AssumedRoleUser = 'x'; Credentials = @{ AccessKeyId = '$($Temporary.AccessKey)'; SecretAccessKey = '$($Temporary.SecretKey)'; SessionToken = '$($Temporary.SessionToken)' } }
Get-CWEventBus -Credential `$answer -Region `$region -EndpointUrl `$endpoint | Out-Null
Get-CWEventBus -Credential @{ AccessKeyId = '$($Second.AccessKey)'; SecretAccessKey = '$($Second.SecretKey)' } -Region `$region -EndpointUrl `$endpoint | Out-Null
"@
        $r.Requests.accessKeyId | Should -Be @($Temporary.AccessKey, $Second.AccessKey)
        $r.Requests.httpStatus | Should -Be @(200, 200)
    }

    It 'an AWSCredentials of another AWSSDK.Core copy, read through GetCredentials() without sharing its type' {
        $r = Invoke-Case @"
Add-Type -Path '$OtherSdkPath'
`$c = [Amazon.Runtime.BasicAWSCredentials]::new('$($Second.AccessKey)', '$($Second.SecretKey)')
(Get-CWEventBus -Credential `$c -Region `$region -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String)
"@
        $r.Requests.accessKeyId | Should -Be $Second.AccessKey
        $r.Requests.httpStatus | Should -Be 200
        $r.Output | Should -Match 'credentials from BasicAWSCredentials from -Credential'
    }

    It 'something that holds no credentials is a clear error naming what it takes, and nothing is sent' {
        $r = Invoke-Case @"
try { Get-CWEventBus -Credential 42 -Region `$region -EndpointUrl `$endpoint -ErrorAction Stop } catch { "`$(`$_.FullyQualifiedErrorId): `$(`$_.Exception.Message)" }
"@
        $r.Output | Should -Match 'InvalidCredential,.*Int32.*AccessKeyId and SecretAccessKey'
        $r.Requests | Should -BeNullOrEmpty
    }
}

Describe 'The session defaults of AWS Tools for PowerShell' {
    It '$StoredAWSRegion comes after -Region and before AWS_REGION' {
        $r = Invoke-Case @"
`$env:AWS_REGION = 'us-west-2'
`$global:StoredAWSRegion = `$region
Get-CWEventBus -AccessKey '$($First.AccessKey)' -SecretKey '$($First.SecretKey)' -EndpointUrl `$endpoint | Out-Null
"@
        $r.Requests.Count | Should -Be 1 -Because 'the request went to the stored region, not to AWS_REGION'
    }

    It '$StoredAWSCredentials (an AWS Tools AWSPSCredentials) comes after the parameters and before the environment' {
        # AWS Tools keeps its AWSCredentials in a non-public Credentials property and the profile name in Name.
        $r = Invoke-Case @"
Add-Type -Path '$OtherSdkPath'
Add-Type -TypeDefinition @'
public class AWSPSCredentials {
    public AWSPSCredentials(object c, string name) { Credentials = c; Name = name; }
    internal object Credentials { get; private set; }
    internal string Name { get; private set; }
    public override string ToString() { return Name; }
}
'@
`$global:StoredAWSCredentials = [AWSPSCredentials]::new([Amazon.Runtime.BasicAWSCredentials]::new('$($Second.AccessKey)', '$($Second.SecretKey)'), 'partner')
`$env:AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENTEXAMPLE'; `$env:AWS_SECRET_ACCESS_KEY = 'environmentSecretEXAMPLE'
(Get-CWEventBus -Region `$region -EndpointUrl `$endpoint -Verbose 4>&1 | Out-String)
Get-CWEventBus -Region `$region -EndpointUrl `$endpoint -AccessKey '$($First.AccessKey)' -SecretKey '$($First.SecretKey)' | Out-Null
"@
        $r.Requests.accessKeyId | Should -Be @($Second.AccessKey, $First.AccessKey) -Because 'the stored credentials beat the environment, and parameters beat them'
        $r.Output | Should -Match "AWS Tools credentials 'partner' from \`$StoredAWSCredentials"
    }
}
