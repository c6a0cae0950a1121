#Requires -Modules Pester
# Every command does exactly what the user named, on the bus and account they named, and nothing more
# (issue 9). Each Describe is one class of fault; the endpoint's request log proves what was sent.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Account = $env:EBP_TEST_ACCOUNT
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
    $script:Second = (Get-Content (Join-Path $root 'tests/LocalEventBridge/test-credentials.json') -Raw | ConvertFrom-Json)[1]

    function script:New-Aws {
        # Connection parameters for a fresh region (and so a fresh default bus).
        $c = Get-TestConnection
        $c.Region = New-TestRegion
        $c
    }
    function script:Get-WritesTo([string] $Region) {
        @(Get-RequestLog | Where-Object { $_.region -eq $Region -and $_.operation -in 'PutPermission', 'RemovePermission' })
    }
    function script:New-Bus([hashtable] $Aws, [string] $Name) {
        # A named bus in the test's own region.
        Invoke-AwsCliAt -EndpointUrl $Aws.EndpointUrl -AccessKey $Aws.AccessKey -SecretKey $Aws.SecretKey `
            -Region $Aws.Region -Arguments @('events', 'create-event-bus', '--name', $Name) | Out-Null
    }
    function script:Get-Identity([hashtable] $Aws) {
        # Who and where to send, without a region: a piped object brings its own.
        @{ EndpointUrl = $Aws.EndpointUrl; AccessKey = $Aws.AccessKey; SecretKey = $Aws.SecretKey }
    }
    function script:Set-Policy([hashtable] $Aws, [object[]] $Statements, [string] $Bus = 'default') {
        # The whole policy, as someone else (the console, Terraform) would have written it.
        $policy = @{ Version = '2012-10-17'; Statement = $Statements } | ConvertTo-Json -Depth 8 -Compress
        Grant-CWEventBusPermission -Policy $policy -EventBusName $Bus -Force @Aws -WarningAction SilentlyContinue | Out-Null
    }
    function script:New-Statement([string] $Sid, [string] $Principal, [string] $Effect = 'Allow', [hashtable] $Condition) {
        $s = [ordered]@{ Sid = $Sid; Effect = $Effect; Principal = $Principal; Action = 'events:PutEvents'; Resource = '*' }
        if ($Principal -match '^\d{12}$') { $s.Principal = @{ AWS = "arn:aws:iam::${Principal}:root" } }
        if ($Condition) { $s.Condition = $Condition }
        $s
    }
    function script:Invoke-PwshWithInput([string] $Script, [string] $StandardInput) {
        <#
        Runs a script in a pwsh that is NOT -NonInteractive, as a runbook host or a piped script starts it, with
        the given text on standard input (empty: input at end of file at once). Returns exit code and output.
        #>
        $pwsh = Get-PwshCommand
        $file = Join-Path ([IO.Path]::GetTempPath()) "ebp-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content $file ("Import-Module '$($env:EBP_TEST_MODULE)' -ErrorAction Stop`n" + $Script)
        try {
            $info = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-File', $file)) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardInput = $true
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $info.UseShellExecute = $false
            $process = [Diagnostics.Process]::Start($info)
            $stderr = $process.StandardError.ReadToEndAsync()
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $process.StandardInput.Write($StandardInput)
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(60000)) { $process.Kill($true); throw 'The child pwsh did not finish within 60 s (it waited for an answer).' }
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result + $stderr.Result }
        }
        finally {
            Remove-Item $file -ErrorAction SilentlyContinue
        }
    }
}

Describe 'A bus piped from Get-CWEventBus acts on that bus, in its region, and is never a grantee' {
    It 'Revoke -All from a bus object empties that bus and leaves default alone' {
        $aws = New-Aws
        New-Bus $aws 'payments'
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        Grant-CWEventBusPermission 222233334444 -EventBusName payments @aws | Out-Null

        $c = Get-TestConnection
        Get-CWEventBus -Name payments @aws | Revoke-CWEventBusPermission -All -Force -EndpointUrl $c.EndpointUrl -AccessKey $c.AccessKey -SecretKey $c.SecretKey

        (Get-CWEventBus -Name payments @aws).Permissions | Should -BeNullOrEmpty
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '111122223333'
        (Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).eventBusName | Should -Be @('payments')
    }

    It 'Grant -AccountId on piped bus objects grants on each of those buses, in each one''s region' {
        $east = New-Aws
        $west = New-Aws
        New-Bus $east 'orders'
        New-Bus $west 'orders'
        $c = Get-TestConnection
        $buses = @(Get-CWEventBus -Name orders @east) + @(Get-CWEventBus -Name orders @west)

        $out = $buses | Grant-CWEventBusPermission -AccountId 333344445555 -EndpointUrl $c.EndpointUrl -AccessKey $c.AccessKey -SecretKey $c.SecretKey

        $out.EventBusName | Should -Be @('orders', 'orders')
        $out.Region | Should -Be @($east.Region, $west.Region)
        (Get-CWEventBus -Name orders @east).Permissions.AccountId | Should -Be '333344445555'
        (Get-CWEventBus -Name orders @west).Permissions.AccountId | Should -Be '333344445555'
        (Get-CWEventBus @east).Permissions | Should -BeNullOrEmpty -Because 'the default bus was not named'
    }

    It 'Grant without -AccountId refuses a bus object (its AccountId is the owner) and sends nothing' {
        $aws = New-Aws
        New-Bus $aws 'payments'
        $bus = Get-CWEventBus -Name payments @aws
        $before = @(Get-RequestLog).Count

        $out = $bus | Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AccountIdRequired,*'
        $errs[0].Exception.Message | Should -Match '-AccountId'
        @(Get-RequestLog).Count | Should -Be $before
    }

    It 'Revoke refuses a bus object that names nothing to revoke, and sends nothing' {
        $aws = New-Aws
        Grant-CWEventBusPermission $Account @aws | Out-Null
        $bus = Get-CWEventBus @aws

        $bus | Revoke-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RevokeTargetRequired,*'
        @(Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).Count | Should -Be 0
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be $Account
    }

    It 'Get-CWEventBus with an ARN uses the ARN''s region, and refuses a -Region that says otherwise' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        $arn = (Get-CWEventBus @aws).Arn
        $other = Get-TestConnection
        $other.Region = New-TestRegion

        (Get-CWEventBus -Name $arn -EndpointUrl $aws.EndpointUrl -AccessKey $aws.AccessKey -SecretKey $aws.SecretKey).Permissions.AccountId |
            Should -Be '111122223333'
        Get-CWEventBus -Name $arn @other -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RegionMismatch,*'
    }
}

Describe 'A revoke never widens access: Deny statements stay' {
    BeforeEach {
        $script:aws = New-Aws
        Set-Policy $aws @(
            (New-Statement 'Account-111122223333' '111122223333'),
            (New-Statement 'Account-222233334444' '222233334444'),
            (New-Statement 'DenyCompromised' '999988887777' -Effect Deny)
        )
    }

    It 'a Deny piped in with the Allows (filtered on AccountId) is kept, with an error naming it' {
        $identity = Get-Identity $aws
        (Get-CWEventBus @aws).Permissions | Where-Object { $_.AccountId -and $_.AccountId -ne '111122223333' } |
            Revoke-CWEventBusPermission @identity -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null

        $left = (Get-CWEventBus @aws).Permissions
        $left.StatementId | Should -Be @('Account-111122223333', 'DenyCompromised')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DenyStatementKept,*'
        $errs[0].Exception.Message | Should -Match 'DenyCompromised'
    }

    It '-All removes every Allow, keeps the Deny and says so' {
        $out = Revoke-CWEventBusPermission -All -Force @aws -WarningVariable warned -WarningAction SilentlyContinue

        $out.StatementId | Should -Be @('Account-111122223333', 'Account-222233334444')
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Be 'DenyCompromised'
        "$warned" | Should -Match 'DenyCompromised'
        (Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).requestBody | Should -Not -Match 'RemoveAllPermissions'
    }

    It 'by statement id a Deny needs -Force, and then it says what it allows again' {
        Revoke-CWEventBusPermission DenyCompromised @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DenyStatementKept,*'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Contain 'DenyCompromised'

        $out = Revoke-CWEventBusPermission DenyCompromised -Force @aws -WarningVariable warned -WarningAction SilentlyContinue
        $out.Status | Should -Be 'Revoked'
        "$warned" | Should -Match 'allowed again'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Not -Contain 'DenyCompromised'
    }

    It 'by account, the denied account''s Deny is not a grant to revoke' {
        $out = Revoke-CWEventBusPermission -AccountId 999988887777 @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Status | Should -Be 'NotGranted' -Because 'no statement grants the account: there is nothing to revoke, and a Deny is no grant'
        $errs | Should -BeNullOrEmpty
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Contain 'DenyCompromised'
    }

    It 'a Deny piped into Grant is not turned into an Allow' {
        $target = New-Aws
        (Get-CWEventBus @aws).Permissions | Where-Object Effect -EQ Deny |
            Grant-CWEventBusPermission -Region $target.Region -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InputNotGrantable,*'
        @(Get-WritesTo $target.Region).Count | Should -Be 0
    }
}

Describe 'Confirmations default to No, and a host that cannot ask gets ConfirmationRequired' {
    It 'blank lines on standard input grant nobody, replace nothing and empty nothing' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        $splat = "-Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)'"
        $writes = (Get-WritesTo $aws.Region).Count

        $r = Invoke-PwshWithInput -StandardInput ("`n" * 20) @"
Grant-CWEventBusPermission '*' $splat
Grant-CWEventBusPermission -Policy '{"Version":"2012-10-17","Statement":[]}' $splat
Revoke-CWEventBusPermission -All $splat
'done'
"@
        $r.Output | Should -Match 'done'
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '111122223333'
    }

    It 'standard input at its end is ConfirmationRequired for each item, and the script goes on' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        $splat = "-Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)'"
        $writes = (Get-WritesTo $aws.Region).Count

        $r = Invoke-PwshWithInput -StandardInput '' @"
Grant-CWEventBusPermission '*' $splat -ErrorVariable e1 -ErrorAction SilentlyContinue
Revoke-CWEventBusPermission -All $splat -ErrorVariable e2 -ErrorAction SilentlyContinue
"ids: `$(`$e1[0].FullyQualifiedErrorId) `$(`$e2[0].FullyQualifiedErrorId)"
'done'
"@
        $r.Output | Should -Match 'ids: ConfirmationRequired,\S+ ConfirmationRequired,'
        $r.Output | Should -Match 'done'
        $r.Output | Should -Not -Match 'NullReferenceException'
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
    }
}

Describe 'Permissions piped into Revoke are removed in the account they were read from, or not at all' {
    It 'refuses, naming both accounts, when the credentials in use reach another account' {
        $region = New-TestRegion
        $first = Get-TestConnection; $first.Region = $region
        $second = @{ EndpointUrl = $first.EndpointUrl; Region = $region; AccessKey = $Second.AccessKey; SecretKey = $Second.SecretKey }
        Grant-CWEventBusPermission 111122223333 @first | Out-Null
        Grant-CWEventBusPermission 111122223333 @second | Out-Null

        # Read as the second account ("prod"), piped into a Revoke that runs as the first.
        (Get-CWEventBus @second).Permissions |
            Revoke-CWEventBusPermission -EndpointUrl $first.EndpointUrl -AccessKey $first.AccessKey -SecretKey $first.SecretKey -ErrorVariable errs -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AccountMismatch,*'
        $errs[0].Exception.Message | Should -Match $Second.AccountId
        $errs[0].Exception.Message | Should -Match $Account
        (Get-CWEventBus @first).Permissions.AccountId | Should -Be '111122223333'
        (Get-CWEventBus @second).Permissions.AccountId | Should -Be '111122223333'
        @(Get-WritesTo $region | Where-Object operation -EQ RemovePermission).Count | Should -Be 0
    }

    It 'refuses a command line that names another bus than the piped permission''s' {
        $aws = New-Aws
        New-Bus $aws 'other'
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        Grant-CWEventBusPermission 111122223333 -EventBusName other @aws | Out-Null

        (Get-CWEventBus @aws).Permissions | Revoke-CWEventBusPermission -EventBusName other @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'EventBusMismatch,*'
        @(Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).Count | Should -Be 0
    }

    It 'refuses a permission whose statement has changed since it was read' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 -StatementId Partner @aws | Out-Null
        $read = (Get-CWEventBus @aws).Permissions
        Grant-CWEventBusPermission 222233334444 -StatementId Partner -Force @aws | Out-Null

        $identity = Get-Identity $aws
        $read | Revoke-CWEventBusPermission @identity -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'StatementChanged,*'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '222233334444'
    }

    It 'checks copies that went through Export-Clixml the same way' {
        $region = New-TestRegion
        $first = Get-TestConnection; $first.Region = $region
        $second = @{ EndpointUrl = $first.EndpointUrl; Region = $region; AccessKey = $Second.AccessKey; SecretKey = $Second.SecretKey }
        Grant-CWEventBusPermission 111122223333 @first | Out-Null
        Grant-CWEventBusPermission 111122223333 @second | Out-Null
        $file = Join-Path ([IO.Path]::GetTempPath()) "ebp-$([guid]::NewGuid().ToString('N')).xml"
        (Get-CWEventBus @second).Permissions | Export-Clixml $file

        Import-Clixml $file | Revoke-CWEventBusPermission -EndpointUrl $first.EndpointUrl -AccessKey $first.AccessKey -SecretKey $first.SecretKey -ErrorVariable errs -ErrorAction SilentlyContinue
        Remove-Item $file

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AccountMismatch,*'
        (Get-CWEventBus @first).Permissions.AccountId | Should -Be '111122223333'
    }
}

Describe 'A permission of a shared statement is never taken for a single-account grant' {
    BeforeEach {
        # One statement for three accounts (as the console or a packed grant writes it), one for a fourth alone,
        # and a Deny for two.
        $script:aws = New-Aws
        $packed = New-Statement 'Packed-1' '111122223333'
        $packed.Principal = @{ AWS = @('arn:aws:iam::111122223333:root', 'arn:aws:iam::222233334444:root', '333344445555') }
        $deny = New-Statement 'Outsiders' '999988887777' -Effect Deny
        $deny.Principal = @{ AWS = @('999988887777', '888877776666') }
        Set-Policy $aws @($packed, (New-Statement 'Account-444455556666' '444455556666'), $deny)
    }

    It 'takes each piped permission of a shared statement out of it alone, leaving its other principals' {
        $identity = Get-Identity $aws
        # The README's recipe: every account grant except one.
        $out = (Get-CWEventBus @aws).Permissions |
            Where-Object { $_.Effect -eq 'Allow' -and $_.AccountId -and $_.AccountId -ne '111122223333' } |
            Revoke-CWEventBusPermission @identity -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        $out.AccountId | Sort-Object | Should -Be '222233334444', '333344445555', '444455556666'
        $out.Status | Sort-Object -Unique | Should -Be 'Revoked'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '111122223333', '999988887777', '888877776666'
        ((Get-CWEventBus @aws).Permissions | Where-Object StatementId -EQ 'Packed-1').PrincipalCount | Should -Be 1
    }

    It 'removes a shared statement named by its Sid once, and reports each principal it took away' {
        $out = Revoke-CWEventBusPermission -StatementId Packed-1 @aws

        $out.Count | Should -Be 3
        $out.Status | Sort-Object -Unique | Should -Be 'Revoked'
        $out.AccountId | Should -Be '111122223333', '222233334444', '333344445555'
        $out.PrincipalCount | Sort-Object -Unique | Should -Be 3
        @(Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).Count | Should -Be 1
        (Get-CWEventBus @aws).Permissions.StatementId | Sort-Object -Unique | Should -Be 'Account-444455556666', 'Outsiders'
    }

    It 'by account, takes the account out of the shared statement, which keeps the others' {
        $out = Revoke-CWEventBusPermission -AccountId 222233334444 @aws

        $out.AccountId | Should -Be '222233334444'
        $out.Status | Should -Be 'Revoked'
        ((Get-CWEventBus @aws).Permissions | Where-Object StatementId -EQ 'Packed-1').AccountId | Should -Be '111122223333', '333344445555'
        @(Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).Count | Should -Be 0 -Because 'a shared statement is rewritten, not removed'
    }

    It '-All removes each Allow statement once and keeps the shared Deny' {
        $out = Revoke-CWEventBusPermission -All -Force @aws -WarningVariable warnings -WarningAction SilentlyContinue

        $out.AccountId | Should -Be '111122223333', '222233334444', '333344445555', '444455556666'
        @(Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).Count | Should -Be 2
        $warnings[0] | Should -Match 'keeps the 1 statement\(s\) .* \(Outsiders\)'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Be 'Outsiders', 'Outsiders'
    }

    It 'Grant writes an account of a shared statement its own statement, and -Exclusive leaves the shared one' {
        $out = '111122223333' | Grant-CWEventBusPermission -Exclusive -Force @aws

        ($out | Where-Object Status -EQ Granted).StatementId | Should -Be 'Account-111122223333'
        ($out | Where-Object Status -EQ Revoked).StatementId | Should -Be 'Account-444455556666'
        (Get-CWEventBus @aws).Permissions.StatementId | Sort-Object -Unique | Should -Be 'Account-111122223333', 'Outsiders', 'Packed-1'
    }
}

Describe 'Grant -Exclusive makes a bus allow exactly a list of accounts' {
    BeforeEach {
        $script:aws = New-Aws
        Set-Policy $aws @(
            (New-Statement 'Account-111122223333' '111122223333'),
            (New-Statement 'Account-222233334444' '222233334444'),
            (New-Statement 'Console-333344445555' '333344445555'),
            (New-Statement 'Organization-o-a1b2c3d4e5' '*' -Condition @{ StringEquals = @{ 'aws:PrincipalOrgID' = 'o-a1b2c3d4e5' } }),
            (New-Statement 'DenyCompromised' '999988887777' -Effect Deny)
        )
    }

    It 'grants the list (normalising its ids), revokes the other single-account grants, keeps organization grants and Denies' {
        $out = ' 1111-2222-3333 ', '222233334444', '444455556666' | Grant-CWEventBusPermission -Exclusive -Force @aws

        ($out | Where-Object Status -EQ AlreadyGranted).AccountId | Should -Be @('111122223333', '222233334444')
        ($out | Where-Object Status -EQ Granted).AccountId | Should -Be '444455556666'
        ($out | Where-Object Status -EQ Revoked).StatementId | Should -Be 'Console-333344445555'
        (Get-CWEventBus @aws).Permissions.StatementId | Sort-Object |
            Should -Be @('Account-111122223333', 'Account-222233334444', 'Account-444455556666', 'DenyCompromised', 'Organization-o-a1b2c3d4e5')
    }

    It '-WhatIf lists both sides and writes nothing' {
        $writes = (Get-WritesTo $aws.Region).Count
        $r = Invoke-ChildPwsh @"
'111122223333', '444455556666' | Grant-CWEventBusPermission -Exclusive -WhatIf -Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)' | Select-Object Status, AccountId | Out-String
"@
        $r.Output | Should -Match 'What if: .*Grant.*444455556666'
        $r.Output | Should -Match 'What if: .*Revoke.*222233334444'
        $r.Output | Should -Match 'What if: .*Revoke.*333344445555'
        $r.Output | Should -Match 'AlreadyGranted\s+111122223333'
        $r.Output | Should -Not -Match 'What if: .*(999988887777|o-a1b2c3d4e5)'
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
    }

    It 'revokes nothing when part of the list was refused, and still grants the good ids' {
        $out = '111122223333', '2222-3333-444', '444455556666' |
            Grant-CWEventBusPermission -Exclusive -Force @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.Status | Should -Not -Contain 'Revoked'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAccountId,*' -Because 'the first error is the bad id'
        $errs[-1].FullyQualifiedErrorId | Should -BeLike 'ExclusiveListIncomplete,*'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Contain 'Console-333344445555'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Contain 'Account-444455556666'
    }

    It 'asks before revoking: unattended without -Force it fails with ConfirmationRequired and revokes nothing' {
        $r = Invoke-ChildPwsh @"
'111122223333' | Grant-CWEventBusPermission -Exclusive -Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)' -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
`$e[0].FullyQualifiedErrorId
"@
        $r.Output | Should -Match 'ConfirmationRequired,'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Contain 'Console-333344445555'
    }
}

Describe 'An input that carries a condition is granted with it, or refused' {
    It 'an organization grant piped from Get-CWEventBus grants that organization, not every account' {
        $source = New-Aws
        $target = New-Aws
        Grant-CWEventBusPermission -OrganizationId o-a1b2c3d4e5 @source | Out-Null

        $out = (Get-CWEventBus @source).Permissions | Grant-CWEventBusPermission -Region $target.Region -EventBusName default `
            -EndpointUrl $target.EndpointUrl -AccessKey $target.AccessKey -SecretKey $target.SecretKey

        $out.OrganizationId | Should -Be 'o-a1b2c3d4e5'
        $p = (Get-CWEventBus @target).Permissions
        $p.Principal | Should -Be '*'
        $p.OrganizationId | Should -Be 'o-a1b2c3d4e5'
        (Get-WritesTo $target.Region).requestBody | Should -Match 'aws:PrincipalOrgID'
    }

    It 'a row with Principal * and an OrganizationId grants the organization' {
        $aws = New-Aws
        [pscustomobject]@{ Principal = '*'; OrganizationId = 'o-a1b2c3d4e5' } | Grant-CWEventBusPermission @aws | Out-Null
        (Get-CWEventBus @aws).Permissions.OrganizationId | Should -Be 'o-a1b2c3d4e5'
    }

    It 'an account together with an organization id is refused, not granted without the condition' {
        $aws = New-Aws
        [pscustomobject]@{ AccountId = '111122223333'; OrganizationId = 'o-a1b2c3d4e5' }, [pscustomobject]@{ AccountId = '222233334444' } |
            Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InputNotGrantable,*'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '222233334444'
    }

    It 'a CSV whose column is not AccountId names the columns, without printing the row' {
        $aws = New-Aws
        "Account ID,Name`n111122223333,shop" | ConvertFrom-Csv | Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InputWithoutAccountId,*'
        $errs[0].Exception.Message | Should -Match "'Account ID'"
        $errs[0].Exception.Message | Should -Not -Match '@\{'
        @(Get-WritesTo $aws.Region).Count | Should -Be 0
    }
}

Describe '-WhatIf says what would really happen, and writes nothing' {
    It 'a grant that holds is AlreadyGranted, a missing bus is an error, a conflict is an error' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        Grant-CWEventBusPermission 222233334444 -StatementId Partner @aws | Out-Null
        $writes = (Get-WritesTo $aws.Region).Count

        $held = Grant-CWEventBusPermission 111122223333 -WhatIf @aws
        Grant-CWEventBusPermission 111122223333 -EventBusName no-such-bus -WhatIf @aws -ErrorVariable missing -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission 333344445555 -StatementId Partner -WhatIf @aws -ErrorVariable conflict -ErrorAction SilentlyContinue

        $held.Status | Should -Be 'AlreadyGranted'
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFoundException,*'
        $conflict[0].FullyQualifiedErrorId | Should -BeLike 'StatementIdConflict,*'
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
    }

    It 'names the grant a -Force would replace, and what a -Policy would remove' {
        $aws = New-Aws
        Grant-CWEventBusPermission 222233334444 -StatementId Partner @aws | Out-Null
        $policy = '{"Version":"2012-10-17","Statement":[{"Sid":"New","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333344445555:root"},"Action":"events:PutEvents","Resource":"*"}]}'
        $r = Invoke-ChildPwsh @"
`$aws = @{ Region = '$($aws.Region)'; EndpointUrl = '$($aws.EndpointUrl)'; AccessKey = '$($aws.AccessKey)'; SecretKey = '$($aws.SecretKey)' }
Grant-CWEventBusPermission 333344445555 -StatementId Partner -Force -WhatIf @aws
Grant-CWEventBusPermission -Policy '$policy' -WhatIf @aws
"@
        $r.Output | Should -Match 'Replace statement ''Partner'', which now holds events:PutEvents for account 222233334444'
        $r.Output | Should -Match 'removed or changed \(Partner\)'
        $r.Output | Should -Match 'new or changed \(New\)'
    }
}

Describe '-Policy warns about what widens access the most' {
    It 'warns for an Allow to everyone without a condition, NotPrincipal and wildcard actions, naming the statement' {
        $aws = New-Aws
        $policy = @{ Version = '2012-10-17'; Statement = @(
                @{ Sid = 'Everyone'; Effect = 'Allow'; Principal = @{ AWS = '*' }; Action = 'events:PutEvents'; Resource = '*' },
                @{ Sid = 'AllBut'; Effect = 'Allow'; NotPrincipal = @{ AWS = 'arn:aws:iam::111122223333:root' }; Action = 'events:PutEvents'; Resource = '*' },
                @{ Sid = 'AnyAction'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::222233334444:root' }; Action = 'events:*'; Resource = '*' }
            ) } | ConvertTo-Json -Depth 6 -Compress
        Grant-CWEventBusPermission -Policy $policy -Force @aws -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        $text = $warned -join "`n"
        $text | Should -Match 'Everyone'
        $text | Should -Match 'AllBut'
        $text | Should -Match 'AnyAction'
    }
}

Describe 'One bad pipeline object is one error' {
    It 'an object with a bad Region is refused before any request, and the next object is revoked' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333, 222233334444 @aws | Out-Null
        $out = [pscustomobject]@{ StatementId = 'Account-111122223333'; Region = 'not a region!' },
               [pscustomobject]@{ StatementId = 'Account-222233334444'; Region = $aws.Region } |
            Revoke-CWEventBusPermission -EndpointUrl $aws.EndpointUrl -AccessKey $aws.AccessKey -SecretKey $aws.SecretKey -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRegion,*'
        $out.StatementId | Should -Be 'Account-222233334444'
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Be 'Account-111122223333'
    }

    It 'an AlreadyGranted object shows the statement as it is on the bus' {
        $aws = New-Aws
        Set-Policy $aws @([ordered]@{ Sid = 'Account-111122223333'; Effect = 'Allow'; Principal = @{ AWS = '111122223333' }; Action = 'events:putevents'; Resource = '*' })
        $out = Grant-CWEventBusPermission 111122223333 @aws
        $out.Status | Should -Be 'AlreadyGranted'
        $out.StatementJson | Should -Be (Get-CWEventBus @aws).Permissions[0].StatementJson
    }
}

Describe 'Repair and replace never overwrite what someone else wrote' {
    BeforeAll {
        function script:Set-ForeignWrite([string] $Region, [hashtable] $Member) {
            # Another writer's change that lands right after our next write (the endpoint's foreignWrite fault).
            $rule = @{ fault = 'foreignWrite'; region = $Region; operations = @('PutPermission'); count = 1 } + $Member
            Set-EndpointFault -Rules @($rule)
        }
    }
    AfterEach { Clear-EndpointFault }

    It 'a different grant another writer put under our statement id is an error, not rewritten' {
        $aws = New-Aws
        $theirs = [ordered]@{ Sid = 'Partner'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::999900001111:root' }; Action = 'events:PutEvents'; Resource = '*' }
        Set-ForeignWrite $aws.Region @{ statement = $theirs }

        Grant-CWEventBusPermission 111122223333 -StatementId Partner @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'StatementIdConflict,*'
        $errs[0].Exception.Message | Should -Match 'another writer'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '999900001111'
        @(Get-WritesTo $aws.Region).Count | Should -Be 1 -Because 'the repair planned again and found a conflict, so it wrote nothing'
    }

    It 'a grant removed right after our write is written again, with a warning that says so' {
        $aws = New-Aws
        Set-ForeignWrite $aws.Region @{ removeSid = 'Account-111122223333' }

        $out = Grant-CWEventBusPermission 111122223333 @aws -WarningVariable warned -WarningAction SilentlyContinue

        $out.Status | Should -Be 'Granted'
        "$warned" | Should -Match 'missing .* writing it again'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '111122223333'
        @(Get-WritesTo $aws.Region).Count | Should -Be 2
    }

    It 'a -Force replacement undone by a stale writer is written again: that grant is the one the user chose to replace' {
        $aws = New-Aws
        Grant-CWEventBusPermission 222233334444 -StatementId Partner @aws | Out-Null
        $before = (Get-CWEventBus @aws).Permissions[0].StatementJson | ConvertFrom-Json -AsHashtable
        Set-ForeignWrite $aws.Region @{ statement = $before }

        $out = Grant-CWEventBusPermission 333344445555 -StatementId Partner -Force @aws -WarningAction SilentlyContinue

        $out.Status | Should -Be 'Replaced'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '333344445555'
    }
}

Describe 'A policy the module cannot read stops every change to that bus' {
    BeforeEach {
        $script:aws = New-Aws
        $body = @{ accountId = $Account; region = $aws.Region; eventBusName = 'default'; policy = '{"Version":"2012-10-17","Statement":[{"Sid":"Broken"' } | ConvertTo-Json
        Invoke-RestMethod -Method Put -Uri "$($env:EBP_TEST_ENDPOINT)/_local/policy" -ContentType 'application/json' -Body $body | Out-Null
    }

    It 'Grant, Revoke and -All refuse with UnreadablePolicy, quoting the parse problem, and send no write' {
        Grant-CWEventBusPermission 111122223333 -Force @aws -ErrorVariable e1 -ErrorAction SilentlyContinue
        Revoke-CWEventBusPermission Broken -Force @aws -ErrorVariable e2 -ErrorAction SilentlyContinue
        Revoke-CWEventBusPermission -All -Force @aws -ErrorVariable e3 -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission -Policy '{"Version":"2012-10-17","Statement":[]}' -Confirm:$false @aws -ErrorVariable e4 -ErrorAction SilentlyContinue

        foreach ($e in $e1, $e2, $e3, $e4) { $e[0].FullyQualifiedErrorId | Should -BeLike 'UnreadablePolicy,*' }
        $e1[0].Exception.Message | Should -Match 'not valid JSON'
        @(Get-WritesTo $aws.Region).Count | Should -Be 0
    }

    It 'only -Policy with -Force replaces it' {
        $out = Grant-CWEventBusPermission -Policy '{"Version":"2012-10-17","Statement":[{"Sid":"Only","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"*"}]}' -Force @aws
        $out.StatementId | Should -Be 'Only'
        (Get-CWEventBus @aws).PolicyParseError | Should -BeNullOrEmpty
    }
}

Describe 'A numeric Sid elsewhere in the policy' {
    It 'does not stop Revoke after a removal: it is reported, and the pipeline goes on' {
        $aws = New-Aws
        $policy = '{"Version":"2012-10-17","Statement":[' +
            '{"Sid":7,"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":"events:PutEvents","Resource":"*"},' +
            '{"Sid":"Account-111122223333","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"events:PutEvents","Resource":"*"}]}'
        $body = @{ accountId = $Account; region = $aws.Region; eventBusName = 'default'; policy = $policy } | ConvertTo-Json
        Invoke-RestMethod -Method Put -Uri "$($env:EBP_TEST_ENDPOINT)/_local/policy" -ContentType 'application/json' -Body $body | Out-Null

        $out = 'Account-111122223333', 'Account-111122223333' | Revoke-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.Status | Should -Be 'Revoked', 'NotGranted' -Because 'the second is gone, and the cache knows it'
        $errs | Should -BeNullOrEmpty
        (Get-CWEventBus @aws).Permissions.StatementId | Should -Be '7'
    }
}

Describe 'Input errors that say how to fix them' {
    It 'an unquoted account id with a leading zero (read as a number) says to quote it, and the other ids go on' {
        $aws = New-Aws
        # In a list (or a variable) PowerShell reads 012345678901 as the number 12345678901; alone as an argument
        # it keeps the text, so the list is the case that loses the zero.
        $out = Grant-CWEventBusPermission -AccountId 012345678901, 111122223333 @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAccountId,*'
        $errs[0].Exception.Message | Should -Match "'012345678901'"
        $out.AccountId | Should -Be '111122223333'
        (Get-WritesTo $aws.Region).requestBody | Should -Not -Match '12345678901"'
    }

    It 'a -Policy principal with a grouped account id is refused before anything is sent' {
        $aws = New-Aws
        $policy = '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::2222-3333-4444:root"},"Action":"events:PutEvents","Resource":"*"}]}'
        Grant-CWEventBusPermission -Policy $policy -Force @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPolicyPrincipal,*'
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count | Should -Be 0
    }

    It 'a bus name with a trailing newline is refused' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 -EventBusName "default`n" @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidEventBusName,*'
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count | Should -Be 0
    }
}
