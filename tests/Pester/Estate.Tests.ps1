#Requires -Modules Pester
# The whole estate: every bus whose name matches a pattern, in several regions, read and changed through the
# pipeline. Each test works in regions of its own, so the buses it lists are its own.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Identity = $(
        $c = Get-TestConnection
        @{ EndpointUrl = $c.EndpointUrl; AccessKey = $c.AccessKey; SecretKey = $c.SecretKey })

    function script:New-Buses([string] $Region, [string[]] $Names) {
        foreach ($name in $Names) {
            Invoke-AwsCliAt -EndpointUrl $Identity.EndpointUrl -AccessKey $Identity.AccessKey -SecretKey $Identity.SecretKey -Region $Region `
                -Arguments @('events', 'create-event-bus', '--name', $name) | Out-Null
        }
    }
    function script:Get-Log([string[]] $Regions) { @(Get-RequestLog | Where-Object region -In $Regions) }
}

Describe 'Get-CWEventBus -Name with wildcards' {
    BeforeAll {
        $script:Region = New-TestRegion
        New-Buses $Region 'orders-eu', 'orders-us', 'audit'
    }

    It 'lists the buses whose names match, asking ListEventBuses for the literal prefix' {
        $buses = Get-CWEventBus -Name 'orders*' -Region $Region @Identity

        $buses.Name | Sort-Object | Should -Be 'orders-eu', 'orders-us'
        $list = Get-Log $Region | Where-Object operation -EQ 'ListEventBuses' | Select-Object -Last 1
        $list.requestBody | Should -Match '"NamePrefix":"orders"'
    }

    It '* lists every bus of the region' {
        (Get-CWEventBus -Name * -Region $Region @Identity).Name | Should -Contain 'audit'
        @(Get-CWEventBus -Name * -Region $Region @Identity).Count | Should -BeGreaterOrEqual 3
    }

    It 'a pattern that matches nothing is no error; a literal name that does not exist still is' {
        Get-CWEventBus -Name 'billing*' -Region $Region @Identity -ErrorVariable e1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e1 | Should -BeNullOrEmpty
        Get-CWEventBus -Name 'billing' -Region $Region @Identity -ErrorVariable e2 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFoundException,*'
    }

    It 'says in its help that -Name takes wildcards' {
        (Get-Help Get-CWEventBus -Parameter Name).globbing | Should -Be 'true'
    }
}

Describe 'Several regions, through the pipeline' {
    BeforeAll {
        $script:Regions = @((New-TestRegion), (New-TestRegion))
        foreach ($r in $Regions) { New-Buses $r 'orders', 'audit' }
    }

    It 'Get-CWEventBus -Name * -Region r1, r2 | Grant-CWEventBusPermission -AccountId X grants on every bus in every region' {
        $out = Get-CWEventBus -Name * -Region $Regions @Identity | Grant-CWEventBusPermission -AccountId 111122223333 @Identity

        $out.Status | Sort-Object -Unique | Should -Be 'Granted'
        $writes = Get-Log $Regions | Where-Object operation -EQ 'PutPermission'
        foreach ($r in $Regions) {
            foreach ($bus in 'orders', 'audit', 'default') {
                @($writes | Where-Object { $_.region -eq $r -and $_.eventBusName -eq $bus }).Count | Should -Be 1 -Because "$bus in $r was listed"
            }
            (Get-CWEventBus -Name orders -Region $r @Identity).Permissions.AccountId | Should -Be '111122223333'
        }
    }

    It 'Revoke likewise, and the output follows the input: region by region' {
        $buses = Get-CWEventBus -Name * -Region $Regions @Identity
        $buses.Region | Should -Be ($buses.Region | Sort-Object { [array]::IndexOf($Regions, $_) })

        $out = $buses | Revoke-CWEventBusPermission -AccountId 111122223333 @Identity

        $out.Status | Sort-Object -Unique | Should -Be 'Revoked'
        foreach ($r in $Regions) { (Get-CWEventBus -Name * -Region $r @Identity).Permissions | Should -BeNullOrEmpty }
    }

    It 'reads the buses concurrently and writes them out in the same order as -ThrottleLimit 1 does, under latency' {
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 30; operations = @('DescribeEventBus'); region = $Regions[0] })
        try {
            $parallel = Get-CWEventBus -Name * -Region $Regions @Identity
            $serial = Get-CWEventBus -Name * -Region $Regions @Identity -ThrottleLimit 1
        }
        finally { Clear-EndpointFault }
        ($parallel | ForEach-Object { "$($_.Region)/$($_.Name)" }) | Should -Be ($serial | ForEach-Object { "$($_.Region)/$($_.Name)" })
        @($parallel).Count | Should -Be 6
    }

    It 'an ARN is read once, in its own region, among several' {
        $arn = (Get-CWEventBus -Name orders -Region $Regions[1] @Identity).Arn
        $out = Get-CWEventBus -Name $arn -Region $Regions @Identity
        @($out).Count | Should -Be 1
        $out.Region | Should -Be $Regions[1]
    }
}
