#Requires -Modules Pester
# Grant-CWEventBusPermission and Revoke-CWEventBusPermission as a user meets them, against the local
# endpoint. Each test works on the default bus of a region of its own, so it starts without a policy.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Account = $env:EBP_TEST_ACCOUNT

    function script:New-Aws {
        # Connection parameters for a fresh region (and so a fresh default bus).
        $c = Get-TestConnection
        $c.Region = New-TestRegion
        $c
    }
    function script:Get-WritesTo([string] $Region) {
        @(Get-RequestLog | Where-Object { $_.region -eq $Region -and $_.operation -in 'PutPermission', 'RemovePermission' })
    }
}

Describe 'Grant-CWEventBusPermission' {
    It 'grants account ids from the pipeline, each under its own readable statement id' {
        $aws = New-Aws
        $out = '111122223333', '4444-5555-6666', ' 777788889999 ' | Grant-CWEventBusPermission @aws

        $out.Count | Should -Be 3
        $out.Status | Should -Be @('Granted', 'Granted', 'Granted')
        $out.AccountId | Should -Be @('111122223333', '444455556666', '777788889999')
        $out.StatementId | Should -Be @('Account-111122223333', 'Account-444455556666', 'Account-777788889999')
        $bus = Get-CWEventBus @aws
        ($bus.Permissions.AccountId | Sort-Object) | Should -Be @('111122223333', '444455556666', '777788889999')
    }

    It 'binds CSV rows (AccountId) and AWS Organizations account objects (Id)' {
        $aws = New-Aws
        $csv = "AccountId,Name`n111122223333,shop`n222233334444,billing" | ConvertFrom-Csv
        $orgAccounts = [pscustomobject]@{ Id = '333344445555'; Name = 'audit'; Arn = 'arn:aws:organizations::1:account/o-x/333344445555' }

        $csv | Grant-CWEventBusPermission @aws | Out-Null
        $orgAccounts | Grant-CWEventBusPermission @aws | Out-Null

        ((Get-CWEventBus @aws).Permissions.AccountId | Sort-Object) | Should -Be @('111122223333', '222233334444', '333344445555')
    }

    It 'does not write a grant that already holds, and says so' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        $writesBefore = (Get-WritesTo $aws.Region).Count

        $again = Grant-CWEventBusPermission 111122223333 @aws

        $again.Status | Should -Be 'AlreadyGranted'
        (Get-WritesTo $aws.Region).Count | Should -Be $writesBefore
    }

    It 'grants an organization: principal * with the aws:PrincipalOrgID condition' {
        $aws = New-Aws
        $out = Grant-CWEventBusPermission -OrganizationId o-a1b2c3d4e5 @aws
        $out.Status | Should -Be 'Granted'
        $p = (Get-CWEventBus @aws).Permissions
        $p.Count | Should -Be 1
        $p.Principal | Should -Be '*'
        $p.OrganizationId | Should -Be 'o-a1b2c3d4e5'
        $p.StatementId | Should -Be 'Organization-o-a1b2c3d4e5'
    }

    It 'rejects bad account ids before any request and still grants the good ones' {
        $aws = New-Aws
        $out = '111122223333', '12345', 'abcdefghijkl', '', '222233334444' |
            Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.AccountId | Should -Be @('111122223333', '222233334444')
        $errs.Count | Should -Be 3
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'InvalidAccountId,EventBusPermissions.Commands.GrantCWEventBusPermissionCommand' }
        $errs | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
        $errs[0].TargetObject | Should -Be '12345'
        $principals = Get-WritesTo $aws.Region | ForEach-Object { ($_.requestBody | ConvertFrom-Json).Principal }
        $principals | Should -Be @('111122223333', '222233334444')
    }

    It 'rejects an invalid organization id, action and bus name with their own ErrorIds' {
        $aws = New-Aws
        Grant-CWEventBusPermission -OrganizationId 'org-123' @aws -ErrorVariable e1 -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission 111122223333 -Action 'sqs:SendMessage' @aws -ErrorVariable e2 -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission 111122223333 -EventBusName 'a/b' @aws -ErrorVariable e3 -ErrorAction SilentlyContinue

        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidOrganizationId,*'
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAction,*'
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'InvalidEventBusName,*'
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count | Should -Be 0
    }

    It 'writes nothing under -WhatIf (it may read, to say what would really happen)' {
        $aws = New-Aws
        '111122223333', '222233334444' | Grant-CWEventBusPermission @aws -WhatIf
        @(Get-WritesTo $aws.Region).Count | Should -Be 0
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).operation | Should -Be @('DescribeEventBus')
    }

    It 'refuses to grant every account unattended without -Force, and grants it with -Force' {
        $region = New-TestRegion
        $common = "-Region $region -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)'"
        $refused = Invoke-ChildPwsh "Grant-CWEventBusPermission '*' $common -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue; `$e[0].FullyQualifiedErrorId"
        $refused.Output | Should -Match 'ConfirmationRequired,EventBusPermissions.Commands.GrantCWEventBusPermissionCommand'
        @(Get-RequestLog | Where-Object { $_.region -eq $region -and $_.operation -eq 'PutPermission' }).Count | Should -Be 0

        $granted = Invoke-ChildPwsh "(Grant-CWEventBusPermission '*' $common -Force -WarningAction SilentlyContinue).Status"
        $granted.Output.Trim() | Should -Be 'Granted'
    }

    It 'warns when every account is granted' {
        $aws = New-Aws
        Grant-CWEventBusPermission '*' @aws -Force -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        $w.Count | Should -Be 1
        "$w" | Should -Match 'every AWS account'
    }
}

Describe 'Revoke-CWEventBusPermission' {
    It 'revokes by statement id, and a missing one is NotGranted, not an error' {
        $aws = New-Aws
        '111122223333', '222233334444' | Grant-CWEventBusPermission @aws | Out-Null

        $out = 'Account-111122223333', 'Account-999999999999' | Revoke-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue -Verbose 4>&1
        $verbose = $out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $out = $out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $out.StatementId | Should -Be 'Account-111122223333', 'Account-999999999999'
        $out.Status | Should -Be 'Revoked', 'NotGranted'
        $out[1].EventBusName | Should -Be 'default'
        $out[1].Region | Should -Be $aws.Region
        $errs | Should -BeNullOrEmpty
        "$verbose" | Should -Match "no statement with the id 'Account-999999999999'"
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '222233334444'
    }

    It 'is idempotent: the same revoke run again reports NotGranted, also under -ErrorAction Stop' {
        $aws = New-Aws
        '111122223333' | Grant-CWEventBusPermission @aws | Out-Null
        (Revoke-CWEventBusPermission -AccountId 111122223333 @aws -ErrorAction Stop).Status | Should -Be 'Revoked'
        (Revoke-CWEventBusPermission -AccountId 111122223333 @aws -ErrorAction Stop).Status | Should -Be 'NotGranted'
        (Revoke-CWEventBusPermission Account-111122223333 @aws -ErrorAction Stop).Status | Should -Be 'NotGranted'
        (Revoke-CWEventBusPermission Account-111122223333 -EventBusName nosuchbus @aws -ErrorAction SilentlyContinue -ErrorVariable errs) | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFoundException,*' -Because 'a missing bus is still an error'
    }

    It 'revokes every statement of an account' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        Grant-CWEventBusPermission 111122223333 -StatementId Legacy @aws | Out-Null
        Grant-CWEventBusPermission 222233334444 @aws | Out-Null

        $out = Revoke-CWEventBusPermission -AccountId 111122223333 @aws

        ($out.StatementId | Sort-Object) | Should -Be @('Account-111122223333', 'Legacy')
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '222233334444'
    }

    It 'revokes what Get-CWEventBus emits, on the bus and in the region each permission lives in' {
        $aws = New-Aws
        '111122223333', '222233334444', '333344445555' | Grant-CWEventBusPermission @aws | Out-Null
        $conn = Get-TestConnection
        $conn.Remove('Region')

        $out = (Get-CWEventBus @aws).Permissions | Where-Object AccountId -NE '222233334444' | Revoke-CWEventBusPermission @conn

        $out.Count | Should -Be 2
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '222233334444'
    }

    It 'revokes all with -All -Force, and refuses unattended without it' {
        $aws = New-Aws
        '111122223333', '222233334444' | Grant-CWEventBusPermission @aws | Out-Null
        $common = "-Region $($aws.Region) -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)'"
        $refused = Invoke-ChildPwsh "Revoke-CWEventBusPermission -All $common -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId"
        $refused.Output | Should -Match 'ConfirmationRequired,'
        (Get-CWEventBus @aws).Permissions.Count | Should -Be 2

        $out = Revoke-CWEventBusPermission -All -Force @aws

        $out.Count | Should -Be 2
        $out.Status | Should -Be @('Revoked', 'Revoked')
        $bus = Get-CWEventBus @aws
        $bus.Permissions.Count | Should -Be 0
        $bus.Policy | Should -BeNullOrEmpty
    }

    It 'sends no RemovePermission under -WhatIf' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        Revoke-CWEventBusPermission Account-111122223333 @aws -WhatIf
        @(Get-RequestLog | Where-Object { $_.region -eq $aws.Region -and $_.operation -eq 'RemovePermission' }).Count | Should -Be 0
        (Get-CWEventBus @aws).Permissions.Count | Should -Be 1
    }
}

Describe 'Grant-CWEventBusPermission at the policy quota' {
    BeforeAll {
        $script:Settings = "$($env:EBP_TEST_ENDPOINT)/_local/settings"
        $script:DefaultLimit = (Invoke-RestMethod $Settings).policySizeLimit
    }
    AfterAll {
        Invoke-RestMethod $Settings -Method Put -ContentType 'application/json' -Body (@{ policySizeLimit = $DefaultLimit } | ConvertTo-Json) | Out-Null
    }

    It 'stops at PolicyLengthExceeded: the rest get an error and no request, the bus holds exactly the granted' {
        Invoke-RestMethod $Settings -Method Put -ContentType 'application/json' -Body '{"policySizeLimit": 1000}' | Out-Null
        $aws = New-Aws
        $accounts = 1..10 | ForEach-Object { '1111222233{0:00}' -f $_ }

        $out = $accounts | Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.Count | Should -BeGreaterThan 0
        $errs.Count | Should -Be (10 - $out.Count)
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'PolicyQuotaExceeded,EventBusPermissions.Commands.GrantCWEventBusPermissionCommand' }
        $errs[0].Exception.Message | Should -Match 'OrganizationId'
        @(Get-WritesTo $aws.Region).Count | Should -Be ($out.Count + 1)   # the refused write, then none
        ((Get-CWEventBus @aws).Permissions.AccountId | Sort-Object) | Should -Be ($out.AccountId | Sort-Object)
    }
}

Describe 'Grant-CWEventBusPermission: statement ids and the predicted quota' {
    It 'refuses to overwrite a different grant under the same statement id, and replaces it with -Force' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 -StatementId Shared @aws | Out-Null

        Grant-CWEventBusPermission 222233334444 -StatementId Shared @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'StatementIdConflict,EventBusPermissions.Commands.GrantCWEventBusPermissionCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errs[0].Exception.Message | Should -Match 'Force'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '111122223333'

        $out = Grant-CWEventBusPermission 222233334444 -StatementId Shared -Force @aws
        $out.Status | Should -Be 'Replaced'
        $p = (Get-CWEventBus @aws).Permissions
        $p.StatementId | Should -Be 'Shared'
        $p.AccountId | Should -Be '222233334444'
    }

    It 'rejects -StatementId with more than one account, writing none of them' {
        $aws = New-Aws
        $out = Grant-CWEventBusPermission 111122223333, 222233334444 -StatementId One @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 2
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'StatementIdWithManyAccounts,*' }
        $errs.TargetObject | Should -Be @('111122223333', '222233334444')
        @(Get-WritesTo $aws.Region).Count | Should -Be 0
    }

    It 'predicts the 10,240-character quota: a list that does not fit is refused whole, before anything is sent' {
        $aws = New-Aws
        Grant-CWEventBusPermission 199999999999 @aws | Out-Null
        $accounts = 1..60 | ForEach-Object { '2000000000{0:00}' -f $_ }

        $out = $accounts | Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 60
        $errs | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'PolicyQuotaExceeded,EventBusPermissions.Commands.GrantCWEventBusPermissionCommand' }
        foreach ($i in 0..59) {
            $errs[$i].Exception.Message | Should -Match "^events:PutEvents for account $($accounts[$i]) was not granted" -Because 'each error names its own account'
            $errs[$i].TargetObject | Should -Be $accounts[$i]
        }
        $errs[0].Exception.Message | Should -Match "the 60 grants asked for on event bus 'default' in $($aws.Region) .* only \d+ of them fit"
        $errs[0].Exception.Message | Should -Match 'this bus would hold \d+ accounts that way'
        @(Get-WritesTo $aws.Region).Count | Should -Be 1 -Because 'only the grant before this command was written'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '199999999999'

        $whatIf = $accounts | Grant-CWEventBusPermission @aws -WhatIf -ErrorVariable whatIfErrs -ErrorAction SilentlyContinue
        $whatIfErrs.Count | Should -Be 60 -Because '-WhatIf predicts the same refusal'
    }
}

Describe 'Grant-CWEventBusPermission -Policy' {
    BeforeAll {
        function script:New-Policy([string] $Region, [string[]] $Accounts) {
            $statements = foreach ($a in $Accounts) {
                @{ Sid = "Doc-$a"; Effect = 'Allow'; Principal = @{ AWS = "arn:aws:iam::$($a):root" }; Action = 'events:PutEvents'
                    Resource = "arn:aws:events:$($Region):$($Account):event-bus/default" }
            }
            @{ Version = '2012-10-17'; Statement = @($statements) } | ConvertTo-Json -Depth 6 -Compress
        }
    }

    It 'replaces the whole policy with -Force and emits what the bus now holds' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null

        $out = Grant-CWEventBusPermission -Policy (New-Policy $aws.Region '222233334444', '333344445555') -Force @aws

        ($out.StatementId | Sort-Object) | Should -Be @('Doc-222233334444', 'Doc-333344445555')
        $out.Status | Should -Be @('Granted', 'Granted')
        ((Get-CWEventBus @aws).Permissions.AccountId | Sort-Object) | Should -Be @('222233334444', '333344445555')
    }

    It 'checks the document before sending anything' {
        $aws = New-Aws
        Grant-CWEventBusPermission -Policy '{not json' -Force @aws -ErrorVariable e1 -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission -Policy '{"Version":"2012-10-17"}' -Force @aws -ErrorVariable e2 -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission -Policy (New-Policy $aws.Region (1..60 | ForEach-Object { '3000000000{0:00}' -f $_ })) -Force @aws -ErrorVariable e3 -ErrorAction SilentlyContinue

        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPolicyJson,*'
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPolicyDocument,*'
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'PolicyTooLarge,*'
        $e1[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count | Should -Be 0
    }

    It 'refuses to replace the policy unattended without -Force, sending no write' {
        $region = New-TestRegion
        $policy = (New-Policy $region '222233334444') -replace "'", "''"
        $common = "-Region $region -EndpointUrl '$($env:EBP_TEST_ENDPOINT)' -AccessKey '$($env:EBP_TEST_ACCESS_KEY)' -SecretKey '$($env:EBP_TEST_SECRET_KEY)'"
        $r = Invoke-ChildPwsh "Grant-CWEventBusPermission -Policy '$policy' $common -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId"
        $r.Output | Should -Match 'ConfirmationRequired,'
        @(Get-RequestLog | Where-Object { $_.region -eq $region -and $_.operation -eq 'PutPermission' }).Count | Should -Be 0
    }
}
