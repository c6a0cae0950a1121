#Requires -Modules Pester
# Tab completion as a user meets it: TabExpansion2 on a typed command line, answered from the local endpoint.

BeforeDiscovery {
    $script:HaveAws = [bool](Get-Command aws -ErrorAction SilentlyContinue)
    if (-not $script:HaveAws) { Write-Host 'SKIPPING the bus-name completion test: aws (used to create buses) is not on PATH.' }
}

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    function script:Complete([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
    $script:Auth = "-EndpointUrl $($env:EBP_TEST_ENDPOINT) -AccessKey $($env:EBP_TEST_ACCESS_KEY) -SecretKey '$($env:EBP_TEST_SECRET_KEY)'"
}

Describe 'Tab completion' {
    It 'completes bus names for -Name and -EventBusName from ListEventBuses' -Skip:(-not $HaveAws) {
        $prefix = New-TestBusName 'tab'
        Invoke-AwsCli events create-event-bus --name "$prefix-orders" | Out-Null
        Invoke-AwsCli events create-event-bus --name "$prefix-audit" | Out-Null

        $get = Complete "Get-CWEventBus -Region us-east-1 $Auth -Name $prefix-"
        ($get.CompletionText | Sort-Object) | Should -Be @("$prefix-audit", "$prefix-orders")

        $grant = Complete "Grant-CWEventBusPermission 111122223333 -Region us-east-1 $Auth -EventBusName $prefix-o"
        $grant.CompletionText | Should -Be "$prefix-orders"
    }

    It 'completes statement ids for Revoke from the bus policy' {
        $region = New-TestRegion
        $aws = Get-TestConnection
        $aws.Region = $region
        '111122223333', '222233334444' | Grant-CWEventBusPermission @aws | Out-Null

        $found = Complete "Revoke-CWEventBusPermission -Region $region $Auth -StatementId Account-1"

        $found.CompletionText | Should -Be 'Account-111122223333'
        $found.ToolTip | Should -Match 'Account-111122223333'
    }

    It 'stays quiet when the endpoint cannot be reached' {
        { Complete "Get-CWEventBus -Region us-east-1 -EndpointUrl http://127.0.0.1:9 -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey x -Name " } | Should -Not -Throw
        @(Complete "Get-CWEventBus -Region us-east-1 -EndpointUrl http://127.0.0.1:9 -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey x -Name ").Count | Should -Be 0
    }

    It 'stays quiet when there are no credentials' {
        $r = Invoke-ChildPwsh @"
Remove-Item Env:AWS_ACCESS_KEY_ID, Env:AWS_SECRET_ACCESS_KEY, Env:AWS_PROFILE -ErrorAction SilentlyContinue
`$env:AWS_CONFIG_FILE = '/nonexistent/config'; `$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
`$line = 'Get-CWEventBus -Region us-east-1 -EndpointUrl $($env:EBP_TEST_ENDPOINT) -Name '
'count=' + @((TabExpansion2 -inputScript `$line -cursorColumn `$line.Length).CompletionMatches).Count
"@
        $r.Output | Should -Match 'count=0'
        $r.Output | Should -Not -Match 'Exception'
    }
}
