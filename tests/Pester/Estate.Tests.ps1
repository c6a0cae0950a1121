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

Describe 'Grant and Revoke on many buses at once' {
    # A bus that answers slowly comes first in the input: worked on at once, the other buses do not wait for it; one
    # after another (-ThrottleLimit 1), every other bus waits. The endpoint's request log numbers requests in the order
    # they are answered, so this is an order, not a timing.
    BeforeAll {
        $script:Regions = @((New-TestRegion), (New-TestRegion))
        New-Buses $Regions[0] 'a-slow', 'b1', 'b2'
        New-Buses $Regions[1] 'b3'
        function script:Get-Buses { Get-CWEventBus -Name * -Region $Regions @Identity }
        function script:Get-Since([long] $Sequence, [string] $Operation) {
            @(Get-Log $Regions | Where-Object { $_.sequence -gt $Sequence -and $_.operation -eq $Operation })
        }
        function script:Get-LastSequence { (Get-RequestLog | Select-Object -Last 1).sequence }
        function script:Get-Key($Item) { '{0}/{1}' -f $Item.Region, $Item.EventBusName }
    }
    AfterEach { Clear-EndpointFault }

    It 'Grant: a slow bus holds up no other, and the output still comes bus by bus in input order' {
        $buses = Get-Buses
        $buses[0].Name | Should -Be 'a-slow'
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 800; operations = @('PutPermission'); region = $Regions[0]; eventBusName = 'a-slow' })
        $before = Get-LastSequence

        $out = $buses | Grant-CWEventBusPermission -AccountId 111122223333 @Identity

        ($out | ForEach-Object { Get-Key $_ }) | Should -Be ($buses | ForEach-Object { '{0}/{1}' -f $_.Region, $_.Name })
        $out.Status | Sort-Object -Unique | Should -Be 'Granted'
        $writes = Get-Since $before 'PutPermission'
        $writes.Count | Should -Be $buses.Count
        $writes[-1].eventBusName | Should -Be 'a-slow' -Because 'every other bus was written while the slow one waited'
    }

    It 'Grant -ThrottleLimit 1: one bus after another, each read, written and read back before the next is read' {
        $buses = Get-Buses
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 300; operations = @('PutPermission'); region = $Regions[0]; eventBusName = 'a-slow' })
        $before = Get-LastSequence

        $out = $buses | Grant-CWEventBusPermission -AccountId 222233334444 -ThrottleLimit 1 @Identity

        ($out | ForEach-Object { Get-Key $_ }) | Should -Be ($buses | ForEach-Object { '{0}/{1}' -f $_.Region, $_.Name })
        $requests = @(Get-Log $Regions | Where-Object { $_.sequence -gt $before -and $_.operation -in 'DescribeEventBus', 'PutPermission' })
        $expected = foreach ($bus in $buses) { foreach ($op in 'DescribeEventBus', 'PutPermission', 'DescribeEventBus') { "$($bus.Region)/$($bus.Name) $op" } }
        ($requests | ForEach-Object { "$($_.region)/$($_.eventBusName) $($_.operation)" }) | Should -Be $expected
    }

    It 'Revoke: a slow bus holds up no other, and the output still comes bus by bus in input order' {
        $buses = Get-Buses
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 800; operations = @('RemovePermission'); region = $Regions[0]; eventBusName = 'a-slow' })
        $before = Get-LastSequence

        $out = $buses | Revoke-CWEventBusPermission -AccountId 111122223333 @Identity

        ($out | ForEach-Object { Get-Key $_ }) | Should -Be ($buses | ForEach-Object { '{0}/{1}' -f $_.Region, $_.Name })
        $out.Status | Sort-Object -Unique | Should -Be 'Revoked'
        $removals = Get-Since $before 'RemovePermission'
        $removals.Count | Should -Be $buses.Count
        $removals[-1].eventBusName | Should -Be 'a-slow'
        foreach ($bus in Get-Buses) { $bus.Permissions.AccountId | Should -Not -Contain '111122223333' }
    }

    It 'Revoke -ThrottleLimit 1 works one bus after another' {
        $buses = Get-Buses
        $before = Get-LastSequence

        $out = $buses | Revoke-CWEventBusPermission -AccountId 222233334444 -ThrottleLimit 1 @Identity

        @($out).Count | Should -Be $buses.Count
        $requests = @(Get-Log $Regions | Where-Object { $_.sequence -gt $before -and $_.operation -in 'DescribeEventBus', 'RemovePermission' })
        $expected = foreach ($bus in $buses) { foreach ($op in 'DescribeEventBus', 'RemovePermission') { "$($bus.Region)/$($bus.Name) $op" } }
        ($requests | ForEach-Object { "$($_.region)/$($_.eventBusName) $($_.operation)" }) | Should -Be $expected
    }

    It 'throttling slows the run down and fails no bus' {
        $buses = Get-Buses
        Set-EndpointFault -Rules @(@{ fault = 'throttle'; count = 12; operations = @('PutPermission'); region = $Regions[0] })
        $before = Get-LastSequence

        $out = $buses | Grant-CWEventBusPermission -AccountId 333344445555 @Identity -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -BeNullOrEmpty
        @($out | Where-Object Status -EQ 'Granted').Count | Should -Be $buses.Count
        @(Get-Since $before 'PutPermission' | Where-Object fault -EQ 'throttle').Count | Should -Be 12
        foreach ($bus in Get-Buses) { $bus.Permissions.AccountId | Should -Contain '333344445555' }
    }

    It '-WhatIf on many buses reads them all and writes nothing' {
        $buses = Get-Buses
        $before = Get-LastSequence

        $out = $buses | Grant-CWEventBusPermission -AccountId 444455556666 -WhatIf @Identity

        $out | Should -BeNullOrEmpty
        Get-Since $before 'PutPermission' | Should -BeNullOrEmpty
        @(Get-Since $before 'DescribeEventBus').Count | Should -Be $buses.Count
    }

    It 'Ctrl+C leaves every bus holding exactly what was reported granted' {
        $buses = Get-Buses
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 250; operations = @('PutPermission'); region = $Regions[0] })
        $output = Invoke-AndPressCtrlC -Command Grant-CWEventBusPermission -Parameters ($Identity + @{ AccountId = '555566667777'; ThrottleLimit = 2 }) `
            -InputObject $buses -After 1
        Clear-EndpointFault

        $reported = @($output | ForEach-Object { Get-Key $_ })
        $reported.Count | Should -BeGreaterOrEqual 1
        $reported.Count | Should -BeLessThan $buses.Count -Because 'the grant was stopped before the end'
        $held = foreach ($bus in Get-Buses) { if ($bus.Permissions.AccountId -contains '555566667777') { '{0}/{1}' -f $bus.Region, $bus.Name } }
        @($held) | Should -Be $reported
    }
}
