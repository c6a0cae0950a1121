#Requires -Modules Pester
# Secrets never appear in output, Verbose, Debug, warnings or errors, whatever goes wrong.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:Temporary = (Get-Content (Join-Path $root 'tests/LocalEventBridge/test-credentials.json') -Raw | ConvertFrom-Json) |
        Where-Object SessionToken | Select-Object -First 1
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
}
