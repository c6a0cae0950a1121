#Requires -Modules Pester
# Past the 51-account ceiling: Grant -Pack lists accounts in one statement, and Revoke by account reaches into
# statements shared with other principals. Each test works on the default bus of a region of its own.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    function script:New-Aws {
        $c = Get-TestConnection
        $c.Region = New-TestRegion
        $c
    }
    function script:Get-WritesTo([string] $Region) {
        @(Get-RequestLog | Where-Object { $_.region -eq $Region -and $_.operation -in 'PutPermission', 'RemovePermission' })
    }
    function script:Get-Statements([hashtable] $Aws) {
        # The statements as stored, each as a hashtable, so that tests compare content and not spelling.
        $policy = (Get-CWEventBus @Aws).Policy
        if (-not $policy) { return @() }
        @(($policy | ConvertFrom-Json -AsHashtable).Statement)
    }
    function script:Get-Packed([hashtable] $Aws) {
        Get-Statements $Aws | Where-Object { $_.Sid -eq 'PackedAccounts' }
    }
    function script:Get-Accounts([int] $Count, [int] $From = 0) {
        # Distinct 12-digit accounts: 300000000000, 300000000001, ...
        ($From..($From + $Count - 1)) | ForEach-Object { '{0:D12}' -f (300000000000 + $_) }
    }
    $script:Foreign = @(
        [ordered]@{ Sid = 'DenyCompromised'; Effect = 'Deny'; Principal = @{ AWS = 'arn:aws:iam::999988887777:root' }; Action = 'events:PutEvents'; Resource = '*' },
        [ordered]@{ Sid = 'PartnersSecure'; Effect = 'Allow'; Principal = @{ AWS = @('arn:aws:iam::555566667777:root', 'arn:aws:iam::666677778888:root') }; Action = 'events:PutEvents'; Resource = '*'
            Condition = @{ Bool = @{ 'aws:SecureTransport' = 'true' } } },
        [ordered]@{ Sid = 'Organization-o-a1b2c3d4e5'; Effect = 'Allow'; Principal = '*'; Action = 'events:PutEvents'; Resource = '*'
            Condition = @{ StringEquals = @{ 'aws:PrincipalOrgID' = 'o-a1b2c3d4e5' } } }
    )
    function script:Set-Foreign([hashtable] $Aws) {
        $doc = @{ Version = '2012-10-17'; Statement = $Foreign } | ConvertTo-Json -Depth 8 -Compress
        Grant-CWEventBusPermission -Policy $doc -Force @Aws -WarningAction SilentlyContinue | Out-Null
    }
    function script:Get-Canonical($Statement) { $Statement | ConvertTo-Json -Depth 8 -Compress | ConvertFrom-Json -AsHashtable | ConvertTo-Json -Depth 8 -Compress }
}

Describe 'Grant-CWEventBusPermission -Pack' {
    It 'grants 120 accounts in one whole-policy write, keeping every other statement as it was' {
        $aws = New-Aws
        Set-Foreign $aws
        $before = Get-Statements $aws
        $writes = (Get-WritesTo $aws.Region).Count

        $out = Get-Accounts 120 | Grant-CWEventBusPermission -Pack @aws

        $out.Count | Should -Be 120
        @($out | Where-Object Status -EQ 'Granted').Count | Should -Be 120
        (Get-WritesTo $aws.Region).Count | Should -Be ($writes + 1) -Because 'one PutPermission with the whole policy'
        $packed = Get-Packed $aws
        @($packed.Principal.AWS).Count | Should -Be 120
        $packed.Principal.AWS[0] | Should -Be 'arn:aws:iam::300000000000:root'
        $packed.Resource | Should -Be (Get-CWEventBus @aws).Arn
        foreach ($statement in $before) {
            $after = Get-Statements $aws | Where-Object { $_.Sid -eq $statement.Sid }
            (Get-Canonical $after) | Should -Be (Get-Canonical $statement) -Because "statement $($statement.Sid) is not ours to change"
        }
    }

    It 'holds at least 250 accounts on one bus next to other statements; a list that does not fit is refused whole, saying how many would' {
        $aws = New-Aws
        Set-Foreign $aws
        $policyBefore = (Get-CWEventBus @aws).Policy
        $out = Get-Accounts 400 | Grant-CWEventBusPermission -Pack @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 400
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyQuotaExceeded,*'
        $errs[5].Exception.Message | Should -Match "^Account $((Get-Accounts 1 -From 5)) was not granted" -Because 'each error names its own account'
        $errs[0].Exception.Message | Should -Match 'holds at most (\d+) accounts'
        $capacity = [int]($errs[0].Exception.Message -replace '.*holds at most (\d+) accounts.*', '$1')
        (Get-CWEventBus @aws).Policy | Should -Be $policyBefore -Because 'nothing was written'

        $out = Get-Accounts $capacity | Grant-CWEventBusPermission -Pack @aws
        Write-Host "Packed accounts that fit next to the 3 foreign statements: $capacity (policy length $((Get-CWEventBus @aws).Policy.Length))"
        $capacity | Should -BeGreaterOrEqual 250
        @($out | Where-Object Status -EQ 'Granted').Count | Should -Be $capacity
        (Get-CWEventBus @aws).Policy.Length | Should -BeLessOrEqual 10240
        @((Get-Packed $aws).Principal.AWS).Count | Should -Be $capacity
    }

    It 're-running with the same accounts writes nothing and says AlreadyGranted' {
        $aws = New-Aws
        Get-Accounts 60 | Grant-CWEventBusPermission -Pack @aws | Out-Null
        $writes = (Get-WritesTo $aws.Region).Count

        $again = Get-Accounts 60 | Grant-CWEventBusPermission -Pack @aws

        @($again | Where-Object Status -EQ 'AlreadyGranted').Count | Should -Be 60
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
    }

    It 'folds the single-account grants already on the bus into the packed statement' {
        $aws = New-Aws
        Set-Foreign $aws
        Grant-CWEventBusPermission 111122223333, 222233334444 @aws | Out-Null

        $out = '222233334444', '333344445555' | Grant-CWEventBusPermission -Pack @aws

        $out.Status | Should -Be @('AlreadyGranted', 'Granted')
        $sids = (Get-Statements $aws).Sid
        $sids | Should -Not -Contain 'Account-111122223333'
        $sids | Should -Contain 'DenyCompromised'
        @((Get-Packed $aws).Principal.AWS) | Should -Be @('arn:aws:iam::111122223333:root', 'arn:aws:iam::222233334444:root', 'arn:aws:iam::333344445555:root')
    }

    It 'a plain grant of an account the packed statement holds is AlreadyGranted and writes nothing' {
        $aws = New-Aws
        Get-Accounts 3 | Grant-CWEventBusPermission -Pack @aws | Out-Null
        $writes = (Get-WritesTo $aws.Region).Count
        $out = Grant-CWEventBusPermission 300000000001 @aws
        $out.Status | Should -Be 'AlreadyGranted'
        $out.AccountId | Should -Be '300000000001'
        $out.StatementId | Should -Be 'PackedAccounts'
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
    }

    It '-WhatIf says what it would pack and writes nothing' {
        $aws = New-Aws
        $r = Invoke-ChildPwsh "'300000000000', '300000000001' | Grant-CWEventBusPermission -Pack -WhatIf -Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)'"
        $r.Output | Should -Match "What if: .*Grant, packed: 2 account\(s\) in statement 'PackedAccounts'"
        @(Get-WritesTo $aws.Region).Count | Should -Be 0
    }

    It 'refuses -StatementId and every account (*), before anything is sent' {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333 -Pack -StatementId Mine @aws -ErrorVariable e1 -ErrorAction SilentlyContinue
        Grant-CWEventBusPermission '*' -Pack @aws -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e1[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatementId,*'
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAccountId,*'
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count | Should -Be 0
    }

    It 'with -Exclusive, packs exactly the list: the other accounts of plain grants go, foreign statements stay' {
        $aws = New-Aws
        Set-Foreign $aws
        Get-Accounts 10 | Grant-CWEventBusPermission -Pack @aws | Out-Null
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null

        $out = Get-Accounts 3 | Grant-CWEventBusPermission -Pack -Exclusive -Force @aws

        @($out | Where-Object Status -EQ 'AlreadyGranted').Count | Should -Be 3
        @($out | Where-Object Status -EQ 'Revoked').AccountId | Sort-Object | Should -Be (@(Get-Accounts 7 -From 3) + '111122223333' | Sort-Object)
        @((Get-Packed $aws).Principal.AWS).Count | Should -Be 3
        (Get-Statements $aws).Sid | Should -Contain 'PartnersSecure'
    }

    It '-Exclusive without -Pack also takes the accounts outside the list out of the packed statement' {
        $aws = New-Aws
        Set-Foreign $aws
        Get-Accounts 5 | Grant-CWEventBusPermission -Pack @aws | Out-Null

        $out = Get-Accounts 2 | Grant-CWEventBusPermission -Exclusive -Force @aws

        @($out | Where-Object Status -EQ 'Revoked').AccountId | Sort-Object | Should -Be @(Get-Accounts 3 -From 2)
        @((Get-Packed $aws).Principal.AWS) | Should -Be @('arn:aws:iam::300000000000:root', 'arn:aws:iam::300000000001:root')
        (Get-Statements $aws | Where-Object Sid -EQ 'PartnersSecure').Principal.AWS.Count | Should -Be 2 -Because 'a conditioned statement of others is not a plain grant'
    }

    It 'without -Pack, the quota error says -Pack and -OrganizationId are the ways on, and how many -Pack would fit' {
        $aws = New-Aws
        Get-Accounts 60 | Grant-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Out-Null
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PolicyQuotaExceeded,*'
        $errs[0].Exception.Message | Should -Match 'add -Pack .*this bus would hold \d+ accounts that way'
        $errs[0].Exception.Message | Should -Match '-OrganizationId'
    }

    It 'retries a whole-policy write refused for a concurrent modification' {
        $aws = New-Aws
        Set-Foreign $aws
        Set-EndpointFault -Rules @(@{ fault = 'concurrentModification'; region = $aws.Region; operations = @('PutPermission'); count = 2 })
        try {
            $out = Get-Accounts 15 | Grant-CWEventBusPermission -Pack @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { Clear-EndpointFault }
        $errs | Should -BeNullOrEmpty
        @($out | Where-Object Status -EQ 'Granted').Count | Should -Be 15
        @((Get-Packed $aws).Principal.AWS).Count | Should -Be 15
        @(Get-WritesTo $aws.Region | Where-Object errorCode -EQ 'ConcurrentModificationException').Count | Should -Be 2
    }

    It 'repairs a whole-policy write lost to a concurrent writer' {
        $aws = New-Aws
        Set-EndpointFault -Rules @(@{ fault = 'lostUpdate'; region = $aws.Region; count = 1 })
        try {
            $out = Get-Accounts 30 | Grant-CWEventBusPermission -Pack @aws -WarningVariable warned -WarningAction SilentlyContinue
        }
        finally { Clear-EndpointFault }
        @($out | Where-Object Status -EQ 'Granted').Count | Should -Be 30
        "$warned" | Should -Match 'planning again'
        @((Get-Packed $aws).Principal.AWS).Count | Should -Be 30
    }
}

Describe 'Revoke-CWEventBusPermission reaches into shared statements' {
    It 'takes one account out of the packed statement; the others stay' {
        $aws = New-Aws
        Set-Foreign $aws
        Get-Accounts 5 | Grant-CWEventBusPermission -Pack @aws | Out-Null

        $out = Revoke-CWEventBusPermission -AccountId 300000000002 @aws

        $out.Status | Should -Be 'Revoked'
        $out.AccountId | Should -Be '300000000002'
        @((Get-Packed $aws).Principal.AWS) | Should -Not -Contain 'arn:aws:iam::300000000002:root'
        @((Get-Packed $aws).Principal.AWS).Count | Should -Be 4
        (Get-Statements $aws).Sid | Should -Contain 'DenyCompromised'
    }

    It 'Get-CWEventBus lists one permission per packed account; piped into Revoke, each removes only its own account' {
        $aws = New-Aws
        Get-Accounts 5 | Grant-CWEventBusPermission -Pack @aws | Out-Null
        $permissions = (Get-CWEventBus @aws).Permissions
        $permissions.Count | Should -Be 5
        $permissions.StatementId | Sort-Object -Unique | Should -Be 'PackedAccounts'
        $permissions.PrincipalCount | Sort-Object -Unique | Should -Be 5

        $identity = @{ EndpointUrl = $aws.EndpointUrl; AccessKey = $aws.AccessKey; SecretKey = $aws.SecretKey }
        $out = $permissions | Where-Object AccountId -In '300000000001', '300000000003' | Revoke-CWEventBusPermission @identity

        $out.AccountId | Should -Be '300000000001', '300000000003'
        @((Get-Packed $aws).Principal.AWS) | Should -Be @('arn:aws:iam::300000000000:root', 'arn:aws:iam::300000000002:root', 'arn:aws:iam::300000000004:root')
    }

    It 'rewrites a statement of others without the account, keeping its condition and the other principal' {
        $aws = New-Aws
        Set-Foreign $aws
        $out = Revoke-CWEventBusPermission -AccountId 555566667777 @aws
        $out.Status | Should -Be 'Revoked'
        $partners = Get-Statements $aws | Where-Object Sid -EQ 'PartnersSecure'
        @($partners.Principal.AWS) | Should -Be @('arn:aws:iam::666677778888:root')
        $partners.Condition.Bool.'aws:SecureTransport' | Should -Be 'true'
    }

    It 'removes a shared statement whose last account goes, and never touches a Deny' {
        $aws = New-Aws
        Set-Foreign $aws
        $out = Revoke-CWEventBusPermission -AccountId 555566667777, 666677778888, 999988887777 @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        (Get-Statements $aws).Sid | Should -Not -Contain 'PartnersSecure'
        (Get-Statements $aws).Sid | Should -Contain 'DenyCompromised'
        ($out | Where-Object AccountId -EQ 999988887777).Status | Should -Be 'NotGranted' -Because 'the denied account has no grant to revoke'
        $errs | Should -BeNullOrEmpty
    }

    It '-WhatIf names the statement that changes and what stays in it' {
        $aws = New-Aws
        Set-Foreign $aws
        $writes = (Get-WritesTo $aws.Region).Count
        $r = Invoke-ChildPwsh "Revoke-CWEventBusPermission -AccountId 555566667777 -WhatIf -Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)'"
        $r.Output | Should -Match "Revoke account\(s\) 555566667777 out of it; it keeps .*on target .statement 'PartnersSecure'"
        $r.Output | Should -Match '666677778888'
        (Get-WritesTo $aws.Region).Count | Should -Be $writes
    }
}

Describe 'A write that was applied but whose answer was lost' {
    AfterEach { Clear-EndpointFault }

    It 'Grant: the connection drops after the write; the grant is reported once and holds' -ForEach @(@{ Fault = 'appliedDrop' }, @{ Fault = 'appliedInternal' }) {
        $aws = New-Aws
        Set-EndpointFault -Rules @(@{ fault = $Fault; region = $aws.Region; operations = @('PutPermission'); count = 1 })
        $out = Grant-CWEventBusPermission 111122223333 @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        $out.Status | Should -Be 'Granted'
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Be '111122223333'
    }

    It 'Grant -Pack: the whole-policy write is applied, its answer lost; the accounts are reported and hold' -ForEach @(@{ Fault = 'appliedDrop' }, @{ Fault = 'appliedInternal' }) {
        $aws = New-Aws
        Set-Foreign $aws
        Set-EndpointFault -Rules @(@{ fault = $Fault; region = $aws.Region; count = 1 })
        $out = Get-Accounts 20 | Grant-CWEventBusPermission -Pack @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        @($out | Where-Object Status -EQ 'Granted').Count | Should -Be 20
        @((Get-Packed $aws).Principal.AWS).Count | Should -Be 20
        (Get-Statements $aws).Sid | Should -Contain 'DenyCompromised'
    }

    It 'Revoke: the removal is applied, its answer lost; a retry that finds it gone counts it done' -ForEach @(@{ Fault = 'appliedDrop' }, @{ Fault = 'appliedInternal' }) {
        $aws = New-Aws
        Grant-CWEventBusPermission 111122223333, 222233334444 @aws | Out-Null
        Set-EndpointFault -Rules @(@{ fault = $Fault; region = $aws.Region; operations = @('RemovePermission'); count = 1 })
        $out = 'Account-111122223333', 'Account-222233334444' | Revoke-CWEventBusPermission @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        $out.Status | Should -Be @('Revoked', 'Revoked')
        (Get-CWEventBus @aws).Permissions | Should -BeNullOrEmpty
    }

    It 'Revoke out of a shared statement: the whole-policy write is applied, its answer lost' {
        $aws = New-Aws
        Set-Foreign $aws
        Set-EndpointFault -Rules @(@{ fault = 'appliedDrop'; region = $aws.Region; count = 1 })
        $out = Revoke-CWEventBusPermission -AccountId 555566667777 @aws -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Should -BeNullOrEmpty
        $out.Status | Should -Be 'Revoked'
        @((Get-Statements $aws | Where-Object Sid -EQ 'PartnersSecure').Principal.AWS) | Should -Be @('arn:aws:iam::666677778888:root')
    }
}

Describe 'Concurrent writers mixing -Pack and plain grants' {
    It 'four pwsh processes, two packing and two granting one by one, on one bus: every account any of them reported granted is there' {
        $aws = New-Aws
        Set-Foreign $aws
        $pwsh = Get-PwshCommand
        $processes = foreach ($writer in 1..4) {
            $ids = (1..10 | ForEach-Object { "'8000000{0}{1:0000}'" -f $writer, $_ }) -join ','
            $pack = if ($writer -le 2) { '-Pack' } else { '' }
            $script = Join-Path ([IO.Path]::GetTempPath()) "ebp-writer-$([guid]::NewGuid().ToString('N')).ps1"
            Set-Content $script @"
Import-Module '$($env:EBP_TEST_MODULE)'
`$out = $ids | Grant-CWEventBusPermission $pack -Region $($aws.Region) -EndpointUrl '$($aws.EndpointUrl)' -AccessKey '$($aws.AccessKey)' -SecretKey '$($aws.SecretKey)' -ErrorVariable e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
"writer=$writer reported=`$((@(`$out | Where-Object { `$_.Status -in 'Granted', 'AlreadyGranted' }).AccountId) -join ',') errors=`$(`$e.Count)"
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

        $statements = Get-Statements $aws
        $held = @($statements | Where-Object { $_.Effect -eq 'Allow' } | ForEach-Object { @($_.Principal.AWS) } | Where-Object { $_ } |
                ForEach-Object { $_ -replace '^arn:aws:iam::(\d{12}):root$', '$1' })
        $reported = @(([regex]::Matches(($reports -join "`n"), 'reported=([\d,]*)')) | ForEach-Object { $_.Groups[1].Value -split ',' } | Where-Object { $_ })
        Write-Host ($reports -join '')
        $reported.Count | Should -BeGreaterThan 0
        $missing = @($reported | Where-Object { $_ -notin $held })
        $missing | Should -BeNullOrEmpty -Because 'nothing a writer reported granted may be missing at the end'
        foreach ($statement in $Foreign) { $statements.Sid | Should -Contain $statement.Sid }
    }
}
