#Requires -Modules Pester
# Bad input, one malformed value at a time, across every parameter: each gives its documented ErrorId and
# category, sends nothing for the bad value (the endpoint's request log proves it), changes nothing on the
# bus, and does not stop the good items beside it. Each case works in a region of its own.

BeforeDiscovery {
    $long = { param([int] $n, [string] $c = 'a') $c * $n }
    $script:Cases = @(
        # Account ids, between two good ones in the pipeline (so two grants must still happen)
        foreach ($bad in @('11112222333', '1111222233334', 'abcdefghijkl', '', '  ', '1111-2222-333', '11112222333a',
                '**', '-111122223333', '1111.2222.3333', '111122223333x', ([string][char]0x0661 * 12), '12 3412 3412 34')) {
            @{ Name = "account id '$bad'"; Kind = 'GrantAccounts'; Bad = $bad; ErrorId = 'InvalidAccountId'; Good = 2 }
        }
        @{ Name = 'a $null account id'; Kind = 'GrantAccounts'; Bad = $null; ErrorId = 'InvalidAccountId'; Good = 2 }
        @{ Name = 'a CSV row with a short AccountId'; Kind = 'GrantAccounts'; Bad = [pscustomobject]@{ AccountId = '12' }; ErrorId = 'InvalidAccountId'; Good = 2 }
        @{ Name = 'an account object whose Id has letters'; Kind = 'GrantAccounts'; Bad = [pscustomobject]@{ Id = 'abc' }; ErrorId = 'InvalidAccountId'; Good = 2 }
        @{ Name = 'an object without any bindable property'; Kind = 'GrantAccounts'; Bad = [pscustomobject]@{ Foo = 1 }; ErrorId = 'InputWithoutAccountId'; Good = 2 }

        # Statement ids on Grant (the whole call is bad: nothing may be written)
        foreach ($bad in @('a b', 'a/b', 'a.b', 'Zürich', (& $long 65), '', 'id;drop')) {
            @{ Name = "statement id '$bad' on Grant"; Kind = 'GrantStatementId'; Bad = $bad; ErrorId = 'InvalidStatementId'; Good = 0 }
        }
        # Statement ids on Revoke, between two good ones
        foreach ($bad in @('bad id', (& $long 65), '', 'a/b')) {
            @{ Name = "statement id '$bad' on Revoke"; Kind = 'RevokeStatementIds'; Bad = $bad; ErrorId = 'InvalidStatementId'; Good = 2 }
        }
        @{ Name = 'account id on Revoke'; Kind = 'RevokeAccounts'; Bad = 'abc'; ErrorId = 'InvalidAccountId'; Good = 2 }

        # Actions
        foreach ($bad in @('events:', 'sqs:SendMessage', 'events:Put-Events', 'events:PutEvents1', ('events:' + (& $long 58)), '', 'EVENTS:PutEvents')) {
            @{ Name = "action '$bad'"; Kind = 'GrantAction'; Bad = $bad; ErrorId = 'InvalidAction'; Good = 0 }
        }

        # Bus names, as a CSV row beside a good row
        foreach ($bad in @('a/b', (& $long 257), 'bus name', 'arn:aws:events:us-east-1:123456789012:event-bus/x', '')) {
            @{ Name = "event bus name '$bad'"; Kind = 'GrantBusRow'; Bad = $bad; ErrorId = 'InvalidEventBusName'; Good = 1 }
        }
        @{ Name = 'event bus name on Revoke'; Kind = 'RevokeBus'; Bad = 'a/b'; ErrorId = 'InvalidEventBusName'; Good = 0 }
        @{ Name = 'event bus name on Get'; Kind = 'GetBus'; Bad = 'bad name!'; ErrorId = 'InvalidEventBusName'; Good = 1 }

        # Organization ids
        foreach ($bad in @('o-123', 'org-1234567890', 'O-ABCDEFGHIJ', ('o-' + (& $long 33)), '', 'o-abc def123')) {
            @{ Name = "organization id '$bad'"; Kind = 'GrantOrganization'; Bad = $bad; ErrorId = 'InvalidOrganizationId'; Good = 0 }
        }

        # Whole policy documents
        @{ Name = 'a policy that is not JSON'; Kind = 'GrantPolicy'; Bad = 'not json'; ErrorId = 'InvalidPolicyJson'; Good = 0 }
        @{ Name = 'a JSON array as policy'; Kind = 'GrantPolicy'; Bad = '[]'; ErrorId = 'InvalidPolicyDocument'; Good = 0 }
        @{ Name = 'an empty JSON object as policy'; Kind = 'GrantPolicy'; Bad = '{}'; ErrorId = 'InvalidPolicyDocument'; Good = 0 }
        @{ Name = 'a policy whose Statement is a string'; Kind = 'GrantPolicy'; Bad = '{"Version":"2012-10-17","Statement":"x"}'; ErrorId = 'InvalidPolicyDocument'; Good = 0 }
        @{ Name = 'a policy statement without Effect'; Kind = 'GrantPolicy'; Bad = '{"Version":"2012-10-17","Statement":[{"Principal":"*","Action":"events:PutEvents"}]}'; ErrorId = 'InvalidPolicyDocument'; Good = 0 }
        @{ Name = 'a policy over the quota'; Kind = 'GrantPolicy'; Bad = 'OVERSIZED'; ErrorId = 'PolicyTooLarge'; Good = 0 }
    )
}

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    function script:Invoke-Case([hashtable] $Case, [hashtable] $Aws) {
        $bad = $Case.Bad
        $common = @{ ErrorVariable = 'caseErrors'; ErrorAction = 'SilentlyContinue' }
        $out = switch ($Case.Kind) {
            'GrantAccounts' { @('111122223333', $bad, '222233334444') | Grant-CWEventBusPermission @Aws @common }
            'GrantStatementId' { Grant-CWEventBusPermission 111122223333 -StatementId $bad @Aws @common }
            'RevokeStatementIds' { @('Account-111122223333', $bad, 'Account-222233334444') | Revoke-CWEventBusPermission @Aws @common }
            'RevokeAccounts' { @('111122223333', $bad, '222233334444') | ForEach-Object { [pscustomobject]@{ AccountId = $_ } } | Revoke-CWEventBusPermission @Aws @common }
            'RevokeBus' { Revoke-CWEventBusPermission Account-111122223333 -EventBusName $bad @Aws @common }
            'GetBus' { @('default', $bad) | Get-CWEventBus @Aws @common }
            'GrantAction' { Grant-CWEventBusPermission 111122223333 -Action $bad @Aws @common }
            'GrantBusRow' {
                @([pscustomobject]@{ AccountId = '111122223333'; EventBusName = 'default' }
                  [pscustomobject]@{ AccountId = '222233334444'; EventBusName = $bad }) | Grant-CWEventBusPermission @Aws @common
            }
            'GrantOrganization' { Grant-CWEventBusPermission -OrganizationId $bad @Aws @common }
            'GrantPolicy' {
                if ($bad -eq 'OVERSIZED') {
                    $statements = 1..150 | ForEach-Object { @{ Sid = "S$_"; Effect = 'Allow'; Principal = @{ AWS = ('40000000{0:0000}' -f $_) }; Action = 'events:PutEvents'; Resource = '*' } }
                    $bad = @{ Version = '2012-10-17'; Statement = @($statements) } | ConvertTo-Json -Depth 5 -Compress
                }
                Grant-CWEventBusPermission -Policy $bad -Force @Aws @common
            }
        }
        [pscustomobject]@{ Output = @($out); Errors = @($caseErrors) }
    }
}

Describe 'Bad input' {
    It '<Name> gives <ErrorId>, sends nothing for it and lets the good items through' -ForEach $Cases {
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        if ($Kind -like 'Revoke*') { '111122223333', '222233334444' | Grant-CWEventBusPermission @aws | Out-Null }
        $policyBefore = (Get-CWEventBus @aws).Policy
        $countBefore = @(Get-RequestLog | Where-Object { $_.region -eq $aws.Region -and $_.operation -in 'PutPermission', 'RemovePermission' }).Count

        $r = Invoke-Case $_ $aws

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,EventBusPermissions.Commands.*"
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Errors[0].Exception.Message | Should -Not -BeNullOrEmpty
        $r.Output.Count | Should -Be $Good

        $writes = @(Get-RequestLog | Where-Object { $_.region -eq $aws.Region -and $_.operation -in 'PutPermission', 'RemovePermission' }).Count - $countBefore
        $writes | Should -Be ($(if ($Kind -eq 'GetBus') { 0 } else { $Good })) -Because 'only the good items are sent'
        if ($Good -eq 0 -and $Kind -ne 'GetBus') { (Get-CWEventBus @aws).Policy | Should -Be $policyBefore -Because 'a rejected call changes nothing' }
    }

    It 'covers at least 40 malformed inputs' -ForEach @(@{ CaseCount = $Cases.Count }) {
        $CaseCount | Should -BeGreaterOrEqual 40
    }
}
