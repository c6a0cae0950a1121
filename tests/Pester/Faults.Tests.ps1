#Requires -Modules Pester
# The module under the conditions of a shared production bus: throttling, 5xx answers, dropped
# connections, other writers and lost updates, produced on demand by the local endpoint. Every fault rule
# is limited to the test's own region, so tests never disturb each other.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    function script:New-Aws { $c = Get-TestConnection; $c.Region = New-TestRegion; $c }
    function script:Get-Entries([string] $Region, [string[]] $Operations) {
        @(Get-RequestLog | Where-Object { $_.region -eq $Region -and $_.operation -in $Operations })
    }
    function script:Get-Accounts($Aws) { @((Get-CWEventBus @Aws).Permissions.AccountId | Where-Object { $_ } | Sort-Object) }
}

Describe 'Transient faults' {
    AfterEach { Clear-EndpointFault }

    It 'grants 20 accounts through 30% transient write failures, and revokes them the same way' {
        $aws = New-Aws
        Set-EndpointFault @{ fault = 'mix'; percent = 30; seed = 42; region = $aws.Region; operations = @('PutPermission', 'RemovePermission')
            kinds = @('throttle', 'internal', 'unavailable', 'drop', 'concurrentModification') }
        $accounts = 1..20 | ForEach-Object { '5000000000{0:00}' -f $_ }

        $granted = $accounts | Grant-CWEventBusPermission @aws -ErrorVariable grantErrors

        $grantErrors.Count | Should -Be 0
        $granted.Count | Should -Be 20
        Get-Accounts $aws | Should -Be $accounts
        @(Get-Entries $aws.Region 'PutPermission' | Where-Object fault).Count | Should -BeGreaterThan 3 -Because 'faults really happened'

        $revoked = $granted | Revoke-CWEventBusPermission -Region $aws.Region -EndpointUrl $aws.EndpointUrl -AccessKey $aws.AccessKey -SecretKey $aws.SecretKey -ErrorVariable revokeErrors

        $revokeErrors.Count | Should -Be 0
        $revoked.Count | Should -Be 20
        (Get-CWEventBus @aws).Permissions.Count | Should -Be 0
        @(Get-Entries $aws.Region 'RemovePermission' | Where-Object fault).Count | Should -BeGreaterThan 3
    }

    It 'repairs lost updates through the read-back: every account granted is on the bus' {
        $aws = New-Aws
        Set-EndpointFault @{ fault = 'lostUpdate'; percent = 30; seed = 7; region = $aws.Region; operations = @('PutPermission') }
        $accounts = 1..20 | ForEach-Object { '6000000000{0:00}' -f $_ }

        $granted = $accounts | Grant-CWEventBusPermission @aws -ErrorVariable errs

        $errs.Count | Should -Be 0
        $granted.Count | Should -Be 20
        Get-Accounts $aws | Should -Be $accounts
        @(Get-Entries $aws.Region 'PutPermission' | Where-Object fault -EQ 'lostUpdate').Count | Should -BeGreaterThan 0 -Because 'updates really were lost'
        @(Get-Entries $aws.Region 'PutPermission').Count | Should -BeGreaterThan 20 -Because 'the lost ones were written again'
    }

    It 'names exactly which accounts were not granted when a fault outlasts the retries, and the bus holds exactly the granted' {
        $aws = New-Aws
        '111122223333', '222233334444' | Grant-CWEventBusPermission @aws | Out-Null
        Set-EndpointFault @{ fault = 'throttle'; count = 1000; region = $aws.Region; operations = @('PutPermission') }

        $out = '111122223333', '222233334444', '333344445555', '444455556666' | Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.Status | Should -Be @('AlreadyGranted', 'AlreadyGranted')
        $errs.Count | Should -Be 2
        $errs.TargetObject | Should -Be @('333344445555', '444455556666')
        $errs[0].FullyQualifiedErrorId | Should -Be 'ThrottlingException,EventBusPermissions.Commands.GrantCWEventBusPermissionCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].Exception.Message | Should -Match '333344445555'
        $errs[1].Exception.Message | Should -Match '444455556666'
        Clear-EndpointFault
        Get-Accounts $aws | Should -Be @('111122223333', '222233334444')
    }
}

Describe 'Concurrent writers' {
    AfterEach { Clear-EndpointFault }

    It 'four pwsh processes granting ten accounts each to one bus, with lost updates: all forty there, nothing else removed' {
        $aws = New-Aws
        Grant-CWEventBusPermission 999999999999 -StatementId Preexisting @aws | Out-Null
        Set-EndpointFault @{ fault = 'lostUpdate'; percent = 25; seed = 11; region = $aws.Region; operations = @('PutPermission') }

        $pwsh = Get-PwshCommand
        $processes = foreach ($writer in 1..4) {
            $ids = (1..10 | ForEach-Object { "'7000000{0}{1:0000}'" -f $writer, $_ }) -join ','
            $script = Join-Path ([IO.Path]::GetTempPath()) "ebp-writer-$([guid]::NewGuid().ToString('N')).ps1"
            Set-Content $script @"
Import-Module '$($env:EBP_TEST_MODULE)'
`$out = $ids | Grant-CWEventBusPermission -Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)' -ErrorVariable e -ErrorAction SilentlyContinue
"writer=$writer granted=`$(@(`$out).Count) errors=`$(`$e.Count)"
"@
            $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script)) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $info.UseShellExecute = $false
            [pscustomobject]@{ Process = [Diagnostics.Process]::Start($info); Script = $script }
        }
        $reports = foreach ($p in $processes) {
            $text = $p.Process.StandardOutput.ReadToEnd()
            $p.Process.WaitForExit()
            Remove-Item $p.Script
            $text
        }

        foreach ($writer in 1..4) { ($reports -join "`n") | Should -Match "writer=$writer granted=10 errors=0" }
        $permissions = (Get-CWEventBus @aws).Permissions
        $permissions.Count | Should -Be 41
        ($permissions | Where-Object StatementId -EQ 'Preexisting').AccountId | Should -Be '999999999999'
        @(Get-Entries $aws.Region 'PutPermission' | Where-Object fault -EQ 'lostUpdate').Count | Should -BeGreaterThan 0
    }
}

Describe 'Cancellation' {
    AfterEach { Clear-EndpointFault }

    It 'Ctrl+C in the middle of a long grant leaves the bus holding exactly the accounts reported granted' {
        $aws = New-Aws
        Set-EndpointFault @{ fault = 'latency'; ms = 150; region = $aws.Region; operations = @('PutPermission') }
        $accounts = 1..30 | ForEach-Object { '8000000000{0:00}' -f $_ }

        $output = Invoke-AndPressCtrlC -Command Grant-CWEventBusPermission -Parameters $aws -InputObject $accounts -After 5

        $reported = @($output | ForEach-Object AccountId | Sort-Object)
        $reported.Count | Should -BeGreaterOrEqual 5
        $reported.Count | Should -BeLessThan 30 -Because 'the grant was stopped before the end'
        Clear-EndpointFault
        Get-Accounts $aws | Should -Be $reported
    }
}
