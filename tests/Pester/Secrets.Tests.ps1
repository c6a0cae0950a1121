#Requires -Modules Pester
# Secrets never appear in output, Verbose, Debug, warnings or errors, whatever goes wrong.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:Temporary = (Get-Content (Join-Path $root 'tests/LocalEventBridge/test-credentials.json') -Raw | ConvertFrom-Json) |
        Where-Object SessionToken | Select-Object -First 1

    function script:New-AwsFiles {
        <# A directory of its own holding a credentials and a config file (empty unless given), for one child pwsh. #>
        param([string] $Credentials = '', [string] $Config = '')
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('ebp-secrets-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $dir | Out-Null
        # Unix line ends, as the AWS CLI writes the files; Set-Content would use the platform's.
        [IO.File]::WriteAllText((Join-Path $dir 'credentials'), $Credentials.Replace("`r`n", "`n"))
        [IO.File]::WriteAllText((Join-Path $dir 'config'), $Config.Replace("`r`n", "`n"))
        [pscustomobject]@{ Path = $dir; Credentials = (Join-Path $dir 'credentials'); Config = (Join-Path $dir 'config') }
    }

    function script:Invoke-HermeticPwsh {
        <#
        Runs a script in a child pwsh whose AWS_* environment is only what the test says, whatever the caller's
        shell holds: the shared files are the test's own, instance metadata is off, and the module is imported
        only then, so the SDK's first look at the files sees them. Every stream and every error in full
        (Format-List * -Force, Exception.ToString(), the type of each exception in the chain) is printed.
        #>
        param([Parameter(Mandatory)] $Files, [Parameter(Mandatory)] [string] $Script)
        Invoke-ChildPwsh -NoImport @"
Get-ChildItem Env:AWS_* | ForEach-Object { Remove-Item "Env:`$(`$_.Name)" }
`$env:AWS_CONFIG_FILE = '$($Files.Config)'; `$env:AWS_SHARED_CREDENTIALS_FILE = '$($Files.Credentials)'; `$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module '$($env:EBP_TEST_MODULE)' -ErrorAction Stop
`$DebugPreference = 'Continue'; `$VerbosePreference = 'Continue'; `$WarningPreference = 'Continue'; `$ErrorActionPreference = 'Continue'
& {
$Script
} *>&1 | Out-String -Width 400
'STILL RUNNING'
'--- errors in full ---'
`$Error | ForEach-Object {
    `$_ | Format-List * -Force | Out-String -Width 400
    `$_.Exception.ToString()
    for (`$e = `$_.Exception; `$e; `$e = `$e.InnerException) { 'CHAIN ' + `$e.GetType().FullName }
}
"@
    }

    function script:Assert-NoSecretAnywhere {
        <# Nothing secret in the child's output; the run went on after the errors; no SDK exception type in any chain. #>
        param($Result, [string[]] $Secrets)
        $Result.Output | Should -Match 'STILL RUNNING' -Because 'an error must not end the session'
        $Result.Output | Should -Match 'CHAIN EventBusPermissions\.' -Because 'the run met errors, or it proves nothing'
        foreach ($line in $Result.Output -split "`n" | Where-Object { $_ -like 'CHAIN *' }) {
            $line | Should -Not -Match '^CHAIN Amazon\.' -Because 'no SDK exception may reach PowerShell'
            $line | Should -Match '^CHAIN EventBusPermissions\.Aws\.' -Because 'every exception of the chain is our own'
        }
        foreach ($secret in $Secrets) { $Result.Output | Should -Not -Match ([regex]::Escape($secret)) }
    }
}

Describe 'Secrets' {
    It 'stay out of every stream, with -Verbose -Debug, on success and on failing calls' {
        $region = New-TestRegion
        $r = Invoke-ChildPwsh @"
`$DebugPreference = 'Continue'; `$VerbosePreference = 'Continue'; `$WarningPreference = 'Continue'; `$ErrorActionPreference = 'Continue'
`$aws = @{ Region = '$region'; EndpointUrl = '$($env:EBP_TEST_ENDPOINT)'; AccessKey = '$($Temporary.AccessKey)'; SecretKey = '$($Temporary.SecretKey)'; SessionToken = '$($Temporary.SessionToken)' }
& {
    '111122223333', 'not-an-account', '*' | Grant-CWEventBusPermission @aws -Force -Verbose -Debug
    Get-CWEventBus @aws -Name 'default', 'missing-bus' -Verbose -Debug
    Revoke-CWEventBusPermission 'Account-999999999999' @aws -Verbose -Debug
    `$wrong = `$aws.Clone(); `$wrong.SessionToken = 'wrongTokenEXAMPLE'
    Get-CWEventBus @wrong -Verbose -Debug
    Get-CWEventBus -Region $region -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($Temporary.AccessKey)' -SecretKey 'wrongSecretEXAMPLEwrongSecretEXAMPLE' -Verbose
} *>&1 | Out-String -Width 400
'--- errors in full ---'
`$Error | ForEach-Object { `$_ | Format-List * -Force | Out-String -Width 400; `$_.Exception.ToString() }
"@
        # The run did meet errors, verbose and warnings: otherwise this test would prove nothing.
        $r.Output | Should -Match 'Using region'
        $r.Output | Should -Match 'every AWS account'
        $r.Output | Should -Match 'InvalidAccountId'
        $r.Output | Should -Match 'ResourceNotFoundException'
        $r.Output | Should -Match 'UnrecognizedClientException|InvalidSignatureException'

        $r.Output | Should -Not -Match ([regex]::Escape($Temporary.SecretKey))
        $r.Output | Should -Not -Match ([regex]::Escape($Temporary.SessionToken))
        $r.Output | Should -Not -Match 'wrongSecretEXAMPLEwrongSecretEXAMPLE'
        $r.Output | Should -Not -Match 'wrongTokenEXAMPLE'
        $r.Output | Should -Not -Match ([regex]::Escape($Temporary.AccessKey)) -Because 'Verbose shows the access key masked'
    }

    Context 'a credentials file the AWS SDK cannot parse' {
        BeforeAll {
            # The SDK's parser quotes the line it cannot read: here, the one holding the secret key.
            $script:FileSecret = 'fileSecretEXAMPLEfileSecretEXAMPLE'
            $script:Broken = "[default]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key $FileSecret`nregion = us-east-1`n"
        }

        It 'given with -ProfileLocation, stops with InvalidCredentialsFile naming the file, not its text' {
            $files = New-AwsFiles
            $bad = Join-Path $files.Path 'broken-credentials'
            [IO.File]::WriteAllText($bad, $Broken)
            try {
                $r = Invoke-HermeticPwsh $files @"
Get-CWEventBus -ProfileLocation '$bad' -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -Verbose -Debug
'--- region from the same file ---'
Get-CWEventBus -ProfileLocation '$bad' -EndpointUrl '$($env:EBP_TEST_ENDPOINT)'
"@
                $r.ExitCode | Should -Be 0
                ([regex]::Matches($r.Output, 'InvalidCredentialsFile,EventBusPermissions\.Commands\.GetCWEventBusCommand')).Count | Should -BeGreaterOrEqual 2
                $r.Output | Should -Match 'AuthenticationError'
                $r.Output | Should -Match ([regex]::Escape($bad))
                $r.Output | Should -Match 'Line 3'
                Assert-NoSecretAnywhere $r $FileSecret
            }
            finally { Remove-Item $files.Path -Recurse -Force }
        }

        It 'named by AWS_SHARED_CREDENTIALS_FILE, stops with InvalidCredentialsFile for the default chain and for given keys' {
            $files = New-AwsFiles -Credentials $Broken
            try {
                $r = Invoke-HermeticPwsh $files @"
Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -Verbose -Debug
'--- with keys given ---'
Get-CWEventBus -Region us-east-1 -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)'
"@
                $r.ExitCode | Should -Be 0
                ([regex]::Matches($r.Output, 'InvalidCredentialsFile,EventBusPermissions\.Commands\.GetCWEventBusCommand')).Count | Should -BeGreaterOrEqual 2
                $r.Output | Should -Match ([regex]::Escape($files.Credentials))
                Assert-NoSecretAnywhere $r $FileSecret, $env:EBP_TEST_SECRET_KEY
            }
            finally { Remove-Item $files.Path -Recurse -Force }
        }
    }

    Context 'a credential_process that fails' {
        It 'is a non-terminating CredentialProviderFailed per item, with its exit code and stderr, secrets masked, nothing sent' -Skip:$IsWindows {
            # A helper that dumps what it should have printed to stdout onto stderr, with a plain complaint.
            $keyShaped = 'Kx7pQ2mZ9vB4nR8tY1wE5uI3oP6aS0dF2gH4jL7z'
            $token = 'tokenEXAMPLE/' + ('AbC123+xYz' * 12) + '=='
            $helperText = "#!/bin/sh`n" +
                "echo '{""Version"": 1, ""AccessKeyId"": ""ASIAEXAMPLE"", ""SecretAccessKey"": ""jsonSecretEXAMPLE"", ""SessionToken"": ""$token""}' >&2`n" +
                "echo 'aws_session_token = iniTokenEXAMPLE' >&2`n" +
                "echo 'fallback key $keyShaped' >&2`n" +
                "echo 'vault unreachable' >&2`n" +
                "exit 3`n"
            $files = New-AwsFiles
            $helper = Join-Path $files.Path 'helper.sh'
            [IO.File]::WriteAllText($helper, $helperText)
            chmod +x $helper
            [IO.File]::WriteAllText($files.Credentials, "[failing]`ncredential_process = $helper`n")
            $bus = New-TestBusName
            $before = @(Get-RequestLog).Count
            try {
                $r = Invoke-HermeticPwsh $files @"
`$aws = @{ ProfileName = 'failing'; Region = 'us-east-1'; EndpointUrl = '$($env:EBP_TEST_ENDPOINT)' }
Get-CWEventBus @aws -Name 'default', '$bus' -Verbose -Debug
'111122223333' | Grant-CWEventBusPermission @aws -EventBusName default -Force -Verbose
Revoke-CWEventBusPermission 'Account-111122223333' @aws -EventBusName default -Confirm:`$false
"@
                $r.ExitCode | Should -Be 0
                ([regex]::Matches($r.Output, 'CredentialProviderFailed,EventBusPermissions\.Commands\.GetCWEventBusCommand')).Count |
                    Should -BeGreaterOrEqual 2 -Because 'each bus is its own non-terminating error'
                $r.Output | Should -Match 'CredentialProviderFailed,EventBusPermissions\.Commands\.GrantCWEventBusPermissionCommand'
                $r.Output | Should -Match 'AuthenticationError'
                $r.Output | Should -Match 'exit value 3'
                $r.Output | Should -Match 'vault unreachable'
                Assert-NoSecretAnywhere $r 'jsonSecretEXAMPLE', $token, 'iniTokenEXAMPLE', $keyShaped
                @(Get-RequestLog).Count | Should -Be $before -Because 'no request goes out without credentials'
            }
            finally { Remove-Item $files.Path -Recurse -Force }
        }

        It 'that prints labelled secrets of any length on stderr shows none of them, in the error, in full, in inner exceptions or in Verbose and Debug' -Skip:$IsWindows {
            # The finding: shape-based masking let these through, the key being short and the token not key-shaped.
            $secretKey = 'abc/def+ghiJKLmnoP'
            $token = 'IQoJb3JpZ2luX2VjEXAMPLE'
            $files = New-AwsFiles
            $helper = Join-Path $files.Path 'helper.sh'
            [IO.File]::WriteAllText($helper, "#!/bin/sh`necho 'SecretAccessKey: $secretKey' >&2`necho 'SessionToken=$token' >&2`nexit 1`n")
            chmod +x $helper
            [IO.File]::WriteAllText($files.Credentials, "[failing]`ncredential_process = $helper`n")
            $before = @(Get-RequestLog).Count
            try {
                $r = Invoke-HermeticPwsh $files @"
`$aws = @{ Region = 'us-east-1'; EndpointUrl = '$($env:EBP_TEST_ENDPOINT)' }
foreach (`$how in 'ProfileName', 'AWS_PROFILE') {
    if (`$how -eq 'ProfileName') { Get-CWEventBus @aws -ProfileName failing -Verbose -Debug }
    else { `$env:AWS_PROFILE = 'failing'; Get-CWEventBus @aws -Verbose -Debug }
    "ERROR (`$how) `$(`$Error[0].FullyQualifiedErrorId): `$(`$Error[0])"
    `$Error[0] | Format-List * -Force | Out-String -Width 400
    for (`$e = `$Error[0].Exception; `$e; `$e = `$e.InnerException) { "INNER (`$how) `$(`$e.GetType().FullName): `$(`$e.Message)" }
}
"@
                $r.ExitCode | Should -Be 0
                # What the helper said reaches the user, labels and all, with only the values masked.
                foreach ($how in 'ProfileName', 'AWS_PROFILE') {
                    $r.Output | Should -Match "ERROR \($how\) CredentialProviderFailed,EventBusPermissions\.Commands\.GetCWEventBusCommand"
                    ([regex]::Matches($r.Output, "INNER \($how\) EventBusPermissions\.Aws\.")).Count | Should -BeGreaterOrEqual 1
                }
                $r.Output | Should -Match 'exit value 1'
                $r.Output | Should -Match 'SecretAccessKey: \*\*\*\*'
                $r.Output | Should -Match 'SessionToken=\*\*\*\*'
                Assert-NoSecretAnywhere $r $secretKey, $token
                @(Get-RequestLog).Count | Should -Be $before -Because 'no request goes out without credentials'
            }
            finally { Remove-Item $files.Path -Recurse -Force }
        }
    }
}
