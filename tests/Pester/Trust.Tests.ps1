#Requires -Modules Pester
# Runbook-grade trust (issue 16): every piped shape becomes a bus, a region and a grantee, or a clear error, and
# never the default bus; a revoke of what is already gone is a status, not an error; and every stop (Ctrl+C,
# -ErrorAction Stop) of every write path on many buses leaves each bus holding exactly what was reported.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Account = $env:EBP_TEST_ACCOUNT
    $script:Identity = $(
        $c = Get-TestConnection
        @{ EndpointUrl = $c.EndpointUrl; AccessKey = $c.AccessKey; SecretKey = $c.SecretKey })

    function script:New-Bus([string] $Region, [string] $Name) {
        Invoke-AwsCliAt -EndpointUrl $Identity.EndpointUrl -AccessKey $Identity.AccessKey -SecretKey $Identity.SecretKey -Region $Region `
            -Arguments @('events', 'create-event-bus', '--name', $Name) | Out-Null
    }
    function script:Get-Writes {
        # Every policy write the endpoint has served, in any region: a fallback to a default bus or region shows here.
        @(Get-RequestLog | Where-Object { $_.operation -in 'PutPermission', 'RemovePermission' })
    }
    function script:Get-Key($Item) { '{0}/{1}' -f $Item.Region, $(if ($Item.EventBusName) { $Item.EventBusName } else { $Item.Name }) }
    function script:Get-Allowed($Buses) {
        # Bus -> the accounts an Allow statement grants there, sorted.
        $state = @{}
        foreach ($bus in $Buses) {
            $fresh = Get-CWEventBus -Name $bus.Name -Region $bus.Region @Identity
            $state[(Get-Key $fresh)] = @($fresh.Permissions | Where-Object { $_.Effect -eq 'Allow' -and $_.AccountId } | ForEach-Object AccountId | Sort-Object -Unique)
        }
        $state
    }
    function script:Get-Expected($Before, $Reported) {
        # What each bus must hold: what it held, with every reported grant added and every reported revoke taken away.
        $expected = @{}
        foreach ($key in $Before.Keys) { $expected[$key] = [Collections.Generic.List[string]]::new([string[]]@($Before[$key])) }
        foreach ($item in $Reported) {
            $key = Get-Key $item
            if ($item.Status -eq 'Granted' -and -not $expected[$key].Contains($item.AccountId)) { $expected[$key].Add($item.AccountId) }
            if ($item.Status -eq 'Revoked') { $null = $expected[$key].Remove($item.AccountId) }
        }
        $result = @{}
        foreach ($key in $expected.Keys) { $result[$key] = @($expected[$key] | Sort-Object -Unique) }
        $result
    }
}

Describe 'Every piped shape becomes a bus, a region and a grantee, or a clear error; never the default bus' {
    BeforeAll {
        $script:Region = New-TestRegion
        New-Bus $Region 'b2'
        $script:Arn = "arn:aws:events:$($Region):$($Account):event-bus/b2"
    }
    BeforeEach {
        Revoke-CWEventBusPermission -All -Force -EventBusName b2 -Region $Region @Identity | Out-Null
        $script:WritesBefore = (Get-Writes).Count
    }

    It 'Grant: <Name>' -ForEach @(
        @{ Name = 'a hashtable that names a bus and a region'; Make = { @{ EventBusName = 'b2'; Region = $Region } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a hashtable that names the grantee too'; Make = { @{ EventBusName = 'b2'; Region = $Region; AccountId = '999988887777' } }; Extra = @{} }
        @{ Name = 'another tool''s bus object (Name and Arn, as AWS Tools'' DescribeEventBusResponse)'; Make = { [pscustomobject]@{ Name = 'b2'; Arn = $Arn; Policy = $null } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a CSV row with the account, the bus and the region'; Make = { "AccountId,EventBusName,Region`n999988887777,b2,$Region" | ConvertFrom-Csv }; Extra = @{} }
        @{ Name = 'an account id that is a number (ConvertFrom-Json)'; Make = { "{`"AccountId`":999988887777,`"EventBusName`":`"b2`",`"Region`":`"$Region`"}" | ConvertFrom-Json }; Extra = @{} }
        @{ Name = 'an AWS Organizations account object (its Name and Arn are the account''s)'; Make = {
                [pscustomobject]@{ Id = '999988887777'; Name = 'Prod'; Arn = 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/999988887777'; Email = 'p@example.com' } }
            Extra = 'bus on the command line' }
    ) {
        $item = & $Make
        # Hashtables in -ForEach data are made before BeforeAll runs; the region is known only now.
        if ($Extra -eq 'bus on the command line') { $Extra = @{ EventBusName = 'b2'; Region = $Region } }
        $out = $item | Grant-CWEventBusPermission @Identity @Extra -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        $out.Status | Should -Be 'Granted'
        $out.EventBusName | Should -Be 'b2'
        $out.Region | Should -Be $Region
        $out.AccountId | Should -Be '999988887777'
        $writes = @(Get-Writes | Select-Object -Skip $WritesBefore)
        $writes.Count | Should -Be 1
        $writes[0].eventBusName | Should -Be 'b2'
        $writes[0].region | Should -Be $Region
    }

    It 'Grant refuses <Name> (<ErrorId>), and writes nothing anywhere' -ForEach @(
        @{ Name = 'a bus name that is an array'; ErrorId = 'UnreadableInput'; Make = { [pscustomobject]@{ EventBusName = @('b2'); Region = $Region } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a region that is an array'; ErrorId = 'UnreadableInput'; Make = { [pscustomobject]@{ EventBusName = 'b2'; Region = @($Region, 'us-east-1') } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a hashtable whose bus name is an array'; ErrorId = 'UnreadableInput'; Make = { @{ EventBusName = @('b2', 'b3'); Region = $Region } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a name and an ARN of two buses'; ErrorId = 'EventBusMismatch'; Make = { [pscustomobject]@{ EventBusName = 'other'; EventBusArn = $Arn } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a Region that disagrees with the ARN'; ErrorId = 'EventBusMismatch'; Make = { [pscustomobject]@{ Name = 'b2'; Arn = $Arn; Region = 'us-west-2' } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'an EventBusArn that is no event bus ARN'; ErrorId = 'UnreadableInput'; Make = { @{ EventBusArn = 'arn:aws:sqs:us-east-1:111122223333:q'; AccountId = '999988887777' } }; Extra = @{} }
        @{ Name = 'an object that names two different grantees'; ErrorId = 'InputNotGrantable'; Make = { [pscustomobject]@{ AccountId = '999988887777'; Id = '111122223333'; EventBusName = 'b2'; Region = $Region } }; Extra = @{} }
        @{ Name = 'an account id of 11 digits given as a number'; ErrorId = 'InvalidAccountId'; Make = { [pscustomobject]@{ AccountId = 12345678901; EventBusName = 'b2'; Region = $Region } }; Extra = @{} }
        @{ Name = 'a grantee that is an object'; ErrorId = 'UnreadableInput'; Make = { @{ AccountId = @{ Id = 1 }; EventBusName = 'b2'; Region = $Region } }; Extra = @{} }
    ) {
        $item = & $Make
        $out = $item | Grant-CWEventBusPermission @Identity @Extra -Exclusive -Force -ErrorVariable errs -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $errs[0].Exception.Message | Should -Match 'Nothing was granted|not 12|12 digits'
        @(Get-Writes | Select-Object -Skip $WritesBefore).Count | Should -Be 0 -Because 'nothing may be written, least of all on a default bus'
    }

    It 'Revoke: <Name>' -ForEach @(
        @{ Name = 'another tool''s bus object (Name and Arn)'; Make = { [pscustomobject]@{ Name = 'b2'; Arn = $Arn } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'an account id that is a number, with the bus'; Make = { [pscustomobject]@{ AccountId = 999988887777; EventBusName = 'b2'; Region = $Region } }; Extra = @{} }
        @{ Name = 'a CSV row'; Make = { "AccountId,EventBusName,Region`n999988887777,b2,$Region" | ConvertFrom-Csv }; Extra = @{} }
    ) {
        Grant-CWEventBusPermission 999988887777 -EventBusName b2 -Region $Region @Identity | Out-Null
        $before = (Get-Writes).Count
        $item = & $Make
        $out = $item | Revoke-CWEventBusPermission @Identity @Extra -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        $out.Status | Should -Be 'Revoked'
        $out.EventBusName | Should -Be 'b2'
        $out.Region | Should -Be $Region
        $writes = @(Get-Writes | Select-Object -Skip $before)
        $writes.eventBusName | Should -Be 'b2'
        $writes.region | Should -Be $Region
    }

    It 'Revoke refuses <Name>, and writes nothing anywhere' -ForEach @(
        @{ Name = 'a bus name that is an array'; Make = { [pscustomobject]@{ AccountId = '999988887777'; EventBusName = @('b2'); Region = $Region } }; Extra = @{} }
        @{ Name = 'a region that is an array'; Make = { [pscustomobject]@{ AccountId = '999988887777'; EventBusName = 'b2'; Region = @($Region) } }; Extra = @{} }
        @{ Name = 'a hashtable (PowerShell cannot bind it, so it is no record at all)'; Make = { @{ EventBusName = 'b2'; Region = $Region } }; Extra = @{ AccountId = '999988887777' } }
        @{ Name = 'a bus object of another tool whose Region disagrees with its Arn'; Make = { [pscustomobject]@{ Name = 'b2'; Arn = $Arn; Region = 'us-west-2' } }; Extra = @{ AccountId = '999988887777' } }
    ) {
        Grant-CWEventBusPermission 999988887777 -EventBusName b2 -Region $Region @Identity | Out-Null
        $before = (Get-Writes).Count
        $item = & $Make
        $out = $item | Revoke-CWEventBusPermission @Identity @Extra -ErrorVariable errs -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        @(Get-Writes | Select-Object -Skip $before).Count | Should -Be 0
        (Get-CWEventBus -Name b2 -Region $Region @Identity).Permissions.AccountId | Should -Be '999988887777'
    }
}

Describe 'Idempotent both ways: what is already gone is NotGranted' {
    BeforeAll {
        $script:Regions = @((New-TestRegion), (New-TestRegion))
        foreach ($r in $Regions) { New-Bus $r 'orders' }
    }

    It 'an offboarding over every bus of two regions, only some of which hold the account, runs to the end under -ErrorAction Stop, and again' {
        Grant-CWEventBusPermission 111122223333 -Region $Regions[1] @Identity | Out-Null
        $buses = Get-CWEventBus -Name * -Region $Regions @Identity

        $out = $buses | Revoke-CWEventBusPermission -AccountId 111122223333 @Identity -ErrorAction Stop

        @($out).Count | Should -Be 4
        @($out | Where-Object Status -EQ 'Revoked').Count | Should -Be 1
        ($out | Where-Object Status -EQ 'Revoked').Region | Should -Be $Regions[1]
        @($out | Where-Object Status -EQ 'NotGranted').Count | Should -Be 3
        ($out | Where-Object Status -EQ 'NotGranted') | ForEach-Object { $_.AccountId | Should -Be '111122223333' }

        $again = $buses | Revoke-CWEventBusPermission -AccountId 111122223333 @Identity -ErrorAction Stop
        $again.Status | Sort-Object -Unique | Should -Be 'NotGranted'
    }

    It 'the same piped permission revoked twice: Revoked, then NotGranted' {
        Grant-CWEventBusPermission 222233334444 -Region $Regions[0] @Identity | Out-Null
        $permission = (Get-CWEventBus -Region $Regions[0] @Identity).Permissions | Where-Object AccountId -EQ 222233334444

        ($permission | Revoke-CWEventBusPermission @Identity -ErrorAction Stop).Status | Should -Be 'Revoked'
        $second = $permission | Revoke-CWEventBusPermission @Identity -ErrorAction Stop
        $second.Status | Should -Be 'NotGranted'
        $second.StatementId | Should -Be 'Account-222233334444'
    }

    It 'errors stay errors: a bus that does not exist is ResourceNotFoundException' {
        Revoke-CWEventBusPermission -AccountId 111122223333 -EventBusName nosuchbus -Region $Regions[0] @Identity -ErrorVariable errs -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFoundException,*'
    }
}

Describe 'Grant -Exclusive is one change per bus' {
    It 'in a session that cannot ask, writes neither the grants nor the revokes, and says so truthfully' {
        $region = New-TestRegion
        Grant-CWEventBusPermission 111122223333 -Region $region @Identity | Out-Null
        $before = (Get-CWEventBus -Region $region @Identity).Policy
        $script = "'222233334444' | Grant-CWEventBusPermission -Exclusive -Region '$region' -EndpointUrl '$($Identity.EndpointUrl)' " +
            "-AccessKey '$($Identity.AccessKey)' -SecretKey '$($Identity.SecretKey)' -ErrorAction Continue 2>&1 | ForEach-Object { `"OUT: `$_`" }"

        $r = Invoke-ChildPwsh -Script $script

        $r.Output | Should -Match 'ConfirmationRequired|could not ask'
        $r.Output | Should -Not -Match 'Nothing was changed'
        (Get-CWEventBus -Region $region @Identity).Policy | Should -Be $before -Because 'the grant must not be written without the revokes'
    }
}

Describe 'Every write path, stopped on many buses, leaves each bus holding exactly what was reported' {
    BeforeAll {
        $script:Paths = @{
            'Grant'                           = @{ Setup = $null; Command = 'Grant-CWEventBusPermission'; Parameters = @{ AccountId = '555566667777' } }
            'Grant -Pack'                     = @{ Setup = $null; Command = 'Grant-CWEventBusPermission'; Parameters = @{ AccountId = '555566667777', '666677778888'; Pack = $true } }
            'Grant -Exclusive'                = @{ Setup = @{ AccountId = '777788889999' }; Command = 'Grant-CWEventBusPermission'; Parameters = @{ AccountId = '555566667777'; Exclusive = $true; Force = $true } }
            'Revoke -AccountId'               = @{ Setup = @{ AccountId = '555566667777' }; Command = 'Revoke-CWEventBusPermission'; Parameters = @{ AccountId = '555566667777' } }
            'Revoke out of a shared statement' = @{ Setup = @{ AccountId = '555566667777', '666677778888'; Pack = $true }; Command = 'Revoke-CWEventBusPermission'; Parameters = @{ AccountId = '555566667777' } }
            'Revoke -StatementId'             = @{ Setup = @{ AccountId = '555566667777' }; Command = 'Revoke-CWEventBusPermission'; Parameters = @{ StatementId = 'Account-555566667777' } }
            'Revoke -All'                     = @{ Setup = @{ AccountId = '555566667777' }; Command = 'Revoke-CWEventBusPermission'; Parameters = @{ All = $true; Force = $true } }
        }
        function script:New-Estate($Path) {
            # Four buses in two regions, set up as the path needs them.
            $regions = @((New-TestRegion), (New-TestRegion))
            foreach ($r in $regions) { New-Bus $r 'orders' }
            $buses = @(Get-CWEventBus -Name * -Region $regions @Identity)
            if ($Path.Setup) { $setup = $Path.Setup; $buses | Grant-CWEventBusPermission @Identity @setup | Out-Null }
            $buses
        }
    }
    AfterEach { Clear-EndpointFault }

    It '<_>: Ctrl+C' -ForEach @('Grant', 'Grant -Pack', 'Grant -Exclusive', 'Revoke -AccountId', 'Revoke out of a shared statement', 'Revoke -StatementId', 'Revoke -All') {
        $path = $Paths[$_]
        $buses = New-Estate $path
        $before = Get-Allowed $buses
        # The second bus's writes are slow: Ctrl+C comes while it writes, after the first bus reported and while the
        # others are done but not yet reported.
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 1500; operations = @('PutPermission', 'RemovePermission'); region = $buses[1].Region; eventBusName = $buses[1].Name })

        $parameters = $Identity + $path.Parameters + @{ ThrottleLimit = 4 }
        $output = Invoke-AndPressCtrlC -Command $path.Command -Parameters $parameters -InputObject $buses -After 1
        Clear-EndpointFault

        $reported = @($output | Where-Object { $_.Status -in 'Granted', 'Revoked' })
        $reported.Count | Should -BeGreaterOrEqual 1
        @($reported | ForEach-Object { Get-Key $_ } | Sort-Object -Unique).Count | Should -BeLessThan $buses.Count -Because 'the stop came before the last bus was reported'
        $after = Get-Allowed $buses
        $expected = Get-Expected $before $reported
        foreach ($key in $expected.Keys) { "$key holds $($after[$key] -join ',')" | Should -Be "$key holds $($expected[$key] -join ',')" }
    }

    It '<_>: -ErrorAction Stop on a bus that fails' -ForEach @('Grant', 'Grant -Pack', 'Grant -Exclusive', 'Revoke -AccountId', 'Revoke out of a shared statement', 'Revoke -StatementId', 'Revoke -All') {
        $path = $Paths[$_]
        $buses = New-Estate $path
        $before = Get-Allowed $buses
        # The first bus is slow, the second does not exist: by the time its error stops the command, the last buses are
        # done but not reported.
        $missing = [pscustomobject]@{ EventBusName = 'no-such-bus'; Region = $buses[0].Region }
        Set-EndpointFault -Rules @(@{ fault = 'latency'; ms = 1500; operations = @('PutPermission', 'RemovePermission'); region = $buses[0].Region; eventBusName = $buses[0].Name })
        $parameters = $path.Parameters

        $reported = [Collections.Generic.List[object]]::new()
        { @($buses[0], $missing) + @($buses | Select-Object -Skip 1) | & $path.Command @Identity @parameters -ThrottleLimit 5 -ErrorAction Stop |
                ForEach-Object { $reported.Add($_) } } | Should -Throw
        Clear-EndpointFault

        $changes = @($reported | Where-Object { $_.Status -in 'Granted', 'Revoked' })
        @($changes | ForEach-Object { Get-Key $_ } | Sort-Object -Unique) | Should -Be (Get-Key $buses[0]) -Because 'only the first bus was reported before the stop'
        $after = Get-Allowed $buses
        $expected = Get-Expected $before $changes
        foreach ($key in $expected.Keys) { "$key holds $($after[$key] -join ',')" | Should -Be "$key holds $($expected[$key] -join ',')" }
    }
}

Describe 'Revoke by account takes away everything the account could put events with' {
    It 'removes a statement for one of its roles, and takes its user out of a shared statement; the other account stays' {
        $region = New-TestRegion
        $arn = "arn:aws:events:$($region):$($Account):event-bus/default"
        $policy = @{ Version = '2012-10-17'; Statement = @(
                @{ Sid = 'RoleBar'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::111122223333:role/Bar' }; Action = 'events:PutEvents'; Resource = $arn }
                @{ Sid = 'Mixed'; Effect = 'Allow'; Principal = @{ AWS = @('arn:aws:iam::111122223333:user/u', 'arn:aws:iam::444455556666:root') }; Action = 'events:PutEvents'; Resource = $arn }
                @{ Sid = 'DenyRole'; Effect = 'Deny'; Principal = @{ AWS = 'arn:aws:iam::111122223333:role/Old' }; Action = 'events:PutEvents'; Resource = $arn }
            ) } | ConvertTo-Json -Depth 6 -Compress
        Grant-CWEventBusPermission -Policy $policy -Region $region -Force @Identity -WarningAction SilentlyContinue | Out-Null

        $out = Revoke-CWEventBusPermission -AccountId 111122223333 -Region $region @Identity

        @($out | Where-Object Status -EQ 'Revoked').StatementId | Sort-Object | Should -Be 'Mixed', 'RoleBar'
        $left = (Get-CWEventBus -Region $region @Identity).Permissions
        $left.StatementId | Sort-Object | Should -Be 'DenyRole', 'Mixed' -Because 'a Deny is never removed by account'
        ($left | Where-Object StatementId -EQ 'Mixed').Principal | Should -Be '444455556666'
    }
}
