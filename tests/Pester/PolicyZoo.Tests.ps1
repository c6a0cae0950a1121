#Requires -Modules Pester
# Policies other tools write, as an outside review found them: statements that name a member twice (which copy AWS
# applies is not documented, so the module never changes them and keeps their text byte for byte) and Sids that
# RemovePermission's model forbids or cannot match (AWS answers ValidationException, as the local endpoint does, so
# the module removes them with a whole-policy write). Each test plants such a policy with the endpoint's admin route,
# next to ordinary statements, on the default bus of a region of its own, and checks the bus afterwards.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    function script:New-Aws {
        $c = Get-TestConnection
        $c.Region = New-TestRegion
        $c
    }
    function script:Get-Identity([hashtable] $Aws) {
        # Who and where to send, without a region: a piped permission brings its own.
        @{ EndpointUrl = $Aws.EndpointUrl; AccessKey = $Aws.AccessKey; SecretKey = $Aws.SecretKey }
    }
    function script:Get-ArnOf([hashtable] $Aws) { "arn:aws:events:$($Aws.Region):$($env:EBP_TEST_ACCOUNT):event-bus/default" }

    # Templates: ARN becomes the bus's ARN. The ambiguous statements each (may) allow an account of their own.
    $script:Ambiguous = [ordered]@{
        DenyDup       = '{"Sid":"DenyDup","Effect":"Deny","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000001:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        AllowDup      = '{"Sid":"AllowDup","Effect":"Allow","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111100000002:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        TwoPrincipals = '{"Sid":"TwoPrincipals","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000003:root"},"Principal":{"AWS":"arn:aws:iam::111100000013:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        VpcDup        = '{"Sid":"VpcDup","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000005:root"},"Action":"events:PutEvents","Resource":"ARN","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1","aws:SourceVpc":"vpc-2"}}}'
        CaseDup       = '{"Sid":"CaseDup","Effect":"Allow","effect":"Deny","Principal":{"AWS":"arn:aws:iam::111100000006:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        SidOne        = '{"Sid":"SidOne","Sid":"SidTwo","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000007:root"},"Action":"events:PutEvents","Resource":"ARN"}'
    }
    # Plain single-account grants whose Sid RemovePermission cannot take, by the account they allow.
    $script:LongSid = 'S' * 70
    $script:Unnameable = [ordered]@{
        '222200000001' = '{"Sid":"Sid with space","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000001:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        '222200000002' = '{"Sid":"my.sid","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000002:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        '222200000003' = '{"Sid":"' + $LongSid + '","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000003:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        '222200000004' = '{"Sid":"","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000004:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        '222200000005' = '{"Sid":7,"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000005:root"},"Action":"events:PutEvents","Resource":"ARN"}'
        '222200000006' = '{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222200000006:root"},"Action":"events:PutEvents","Resource":"ARN"}'
    }
    $script:Plain = '{"Sid":"Account-333300000001","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333300000001:root"},"Action":"events:PutEvents","Resource":"ARN"}'
    $script:Deny = '{"Sid":"DenyPlain","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::333300000002:root"},"Action":"events:PutEvents","Resource":"ARN"}'

    function script:Get-Zoo([hashtable] $Aws, [string[]] $Only) {
        # The statements for this bus: every one, or those named (ambiguous Sids, unnameable accounts, Plain, Deny).
        $all = [ordered]@{}
        foreach ($k in $Ambiguous.Keys) { $all[$k] = $Ambiguous[$k] }
        foreach ($k in $Unnameable.Keys) { $all[$k] = $Unnameable[$k] }
        $all['Plain'] = $Plain
        $all['Deny'] = $Deny
        $arn = Get-ArnOf $Aws
        $keys = if ($Only) { $Only } else { @($all.Keys) }
        $zoo = [ordered]@{}
        foreach ($k in $keys) { $zoo[$k] = $all[$k].Replace('"ARN"', "`"$arn`"") }
        $zoo
    }
    function script:Set-Zoo([hashtable] $Aws, [System.Collections.Specialized.OrderedDictionary] $Zoo, [string] $Spaced) {
        # Stored verbatim, as another tool left it; $Spaced names one statement written with spaces and line breaks.
        $statements = foreach ($k in $Zoo.Keys) { if ($k -eq $Spaced) { Get-Spaced $Zoo[$k] } else { $Zoo[$k] } }
        $policy = '{"Version":"2012-10-17","Statement":[' + ($statements -join ',') + ']}'
        $body = @{ accountId = $env:EBP_TEST_ACCOUNT; region = $Aws.Region; eventBusName = 'default'; policy = $policy } | ConvertTo-Json
        Invoke-RestMethod -Method Put -Uri "$($env:EBP_TEST_ENDPOINT)/_local/policy" -ContentType 'application/json' -Body $body | Out-Null
    }
    function script:Get-Spaced([string] $Json) { $Json.Replace('","', "`",`n    `"").Replace('":', '" : ') }
    function script:Get-StoredPolicy([hashtable] $Aws) { (Get-CWEventBus @Aws).Policy }
    function script:Get-WritesTo([string] $Region) {
        @(Get-RequestLog | Where-Object { $_.region -eq $Region -and $_.operation -in 'PutPermission', 'RemovePermission' })
    }
    function script:Assert-NoForbiddenRemove([string] $Region) {
        # What AWS would refuse with ValidationException (and the endpoint does): the test fails if one was sent.
        foreach ($remove in Get-WritesTo $Region | Where-Object operation -EQ RemovePermission) {
            ($remove.requestBody | ConvertFrom-Json).StatementId | Should -MatchExactly '^[a-zA-Z0-9_-]{1,64}$'
            $remove.httpStatus | Should -Be 200
        }
    }
    function script:Assert-AmbiguousKept([hashtable] $Aws, [System.Collections.Specialized.OrderedDictionary] $Zoo) {
        $policy = Get-StoredPolicy $Aws
        foreach ($k in $Ambiguous.Keys) {
            if ($Zoo.Contains($k)) { $policy.Contains($Zoo[$k]) | Should -BeTrue -Because "statement $k is stored byte for byte as it was" }
        }
    }
}

Describe 'Statements that name a member twice' {
    BeforeEach {
        $script:aws = New-Aws
        $script:zoo = Get-Zoo $aws
        Set-Zoo $aws $zoo
    }

    It 'are shown as ambiguous, with every copy' {
        $permissions = (Get-CWEventBus @aws).Permissions

        $dup = $permissions | Where-Object StatementId -EQ 'DenyDup'
        $dup.Effect | Should -Be 'Ambiguous: Deny | Allow'
        $dup.HasRepeatedMembers | Should -BeTrue
        ($permissions | Where-Object StatementId -EQ 'TwoPrincipals').Principal | Should -Be 'Ambiguous: 111100000003 | 111100000013'
        ($permissions | Where-Object StatementId -EQ 'Ambiguous: SidOne | SidTwo').AccountId | Should -Be '111100000007'
        @($permissions | Where-Object HasRepeatedMembers).Count | Should -Be $Ambiguous.Count
        @($permissions | Where-Object Effect -EQ 'Allow' | Where-Object HasRepeatedMembers).Count | Should -Be 3 -Because 'only their Effect is plain'
    }

    It 'Grant -Pack folds the plain grants, neither folds nor counts them, and writes them back byte for byte, spacing included' {
        Set-Zoo $aws $zoo -Spaced DenyDup
        $spaced = Get-Spaced $zoo['DenyDup']

        $out = '444400000001', '111100000001' | Grant-CWEventBusPermission -Pack @aws

        $out.Status | Should -Be @('Granted', 'Granted') -Because '111100000001 is only named by an ambiguous statement'
        $sent = Get-WritesTo $aws.Region
        $sent.operation | Should -Be 'PutPermission' -Because 'one whole-policy write'
        ($sent[0].requestBody | ConvertFrom-Json).Policy.Contains($spaced) | Should -BeTrue -Because 'the statement is sent back as it was written'
        Assert-AmbiguousKept $aws $zoo
        $stored = (Get-CWEventBus @aws).Permissions
        $packed = @($stored | Where-Object StatementId -EQ 'PackedAccounts')
        # The plain grants with a string Sid are folded in; the numeric Sid and the statement without a Sid stay as they are.
        $packed.AccountId | Sort-Object | Should -Be @('111100000001', '222200000001', '222200000002', '222200000003', '222200000004', '333300000001', '444400000001')
        ($stored | Where-Object { $_.AccountId -in '222200000005', '222200000006' -and -not $_.IsShared }).StatementId | Should -Be @('7', $null)
    }

    It 'do not make a whole-policy write fail after it was applied: revoking out of a shared statement beside them is reported' {
        $shared = '{"Sid":"Partners","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::555500000001:root","arn:aws:iam::555500000002:root"]},"Action":"events:PutEvents","Resource":"*"}'
        $zoo['Partners'] = $shared
        Set-Zoo $aws $zoo

        $out = Revoke-CWEventBusPermission -AccountId 555500000001 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $errs | Should -BeNullOrEmpty
        $out.AccountId | Should -Be '555500000001'
        $out.Status | Should -Be 'Revoked'
        ((Get-CWEventBus @aws).Permissions | Where-Object StatementId -EQ 'Partners').AccountId | Should -Be '555500000002'
        Assert-AmbiguousKept $aws $zoo
    }

    It 'Grant -Pack -Exclusive drops the plain grant of an account one of them names, reports that grant, and keeps them' {
        $zoo = Get-Zoo $aws -Only DenyDup, VpcDup, Plain
        $zoo['Mine'] = '{"Sid":"Account-111100000001","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111100000001:root"},"Action":"events:PutEvents","Resource":"' + (Get-ArnOf $aws) + '"}'
        Set-Zoo $aws $zoo

        $out = Grant-CWEventBusPermission 333300000001 -Pack -Exclusive -Force @aws

        $revoked = $out | Where-Object Status -EQ 'Revoked'
        $revoked.AccountId | Should -Be '111100000001'
        $revoked.StatementId | Should -Be 'Account-111100000001' -Because 'the grant it lost, not the ambiguous statement that names it too'
        $revoked.HasRepeatedMembers | Should -BeFalse
        ((Get-CWEventBus @aws).Permissions | Where-Object StatementId -EQ 'PackedAccounts').AccountId | Should -Be '333300000001'
        Assert-AmbiguousKept $aws $zoo
    }

    It 'Revoke by account leaves them as they are, with AmbiguousStatement naming the statement, the bus and the region' {
        $out = Revoke-CWEventBusPermission -AccountId 111100000001, 111100000005, 222200000002 @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.StatementId | Should -Be 'my.sid'
        $errs.Count | Should -Be 2
        $errs.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'AmbiguousStatement,*' }
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].Exception.Message | Should -Match "The statement 'DenyDup' of event bus 'default' in $($aws.Region) names account 111100000001 but repeats the member 'Effect'"
        $errs[1].Exception.Message | Should -Match "'VpcDup'.*'Condition\.StringEquals\.aws:SourceVpc'"
        Assert-AmbiguousKept $aws $zoo
        Assert-NoForbiddenRemove $aws.Region
    }

    It 'Revoke -All keeps them, and the warning names them' {
        Revoke-CWEventBusPermission -All -Force @aws -WarningVariable warned -WarningAction SilentlyContinue | Out-Null

        Assert-AmbiguousKept $aws $zoo
        foreach ($sid in 'DenyDup', 'VpcDup', 'TwoPrincipals') { "$warned" | Should -Match $sid }
    }

    It 'Revoke -StatementId needs -Force, like a Deny, and then removes just that statement' {
        Revoke-CWEventBusPermission -StatementId DenyDup @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousStatement,*'
        $errs[0].Exception.Message | Should -Match "event bus 'default' in $($aws.Region)"
        Assert-AmbiguousKept $aws $zoo

        $out = Revoke-CWEventBusPermission -StatementId DenyDup -Force @aws -WarningAction SilentlyContinue

        $out.Status | Should -Be 'Revoked'
        $left = Get-StoredPolicy $aws
        $left.Contains($zoo['DenyDup']) | Should -BeFalse
        $zoo.Remove('DenyDup')
        Assert-AmbiguousKept $aws $zoo
    }

    It 'piped into Revoke they are refused, even with -Force' {
        $identity = Get-Identity $aws
        (Get-CWEventBus @aws).Permissions | Where-Object HasRepeatedMembers |
            Revoke-CWEventBusPermission @identity -Force -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $errs.Count | Should -Be $Ambiguous.Count
        $errs.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'AmbiguousStatement,*' }
        @(Get-WritesTo $aws.Region).Count | Should -Be 0
    }

    It 'Grant never takes one for a grant that holds' {
        Grant-CWEventBusPermission 111100000001 -StatementId DenyDup @aws -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $out = Grant-CWEventBusPermission 111100000005 @aws

        $errs[0].FullyQualifiedErrorId | Should -BeLike 'StatementIdConflict,*'
        $errs[0].Exception.Message | Should -Match "'DenyDup' on event bus 'default' in $($aws.Region) repeats the member 'Effect'"
        $out.Status | Should -Be 'Granted'
        $out.StatementId | Should -Be 'Account-111100000005'
        Assert-AmbiguousKept $aws $zoo
    }
}

Describe 'Statements whose Sid RemovePermission cannot take' {
    BeforeEach {
        $script:aws = New-Aws
        $script:zoo = Get-Zoo $aws
        Set-Zoo $aws $zoo
    }

    It 'Revoke -StatementId takes any Sid the bus holds, and refuses one it does not hold that breaks the rule' {
        $out = Revoke-CWEventBusPermission -StatementId 'my.sid', 'Sid with space', $LongSid, 'not.there' @aws -ErrorVariable errs -ErrorAction SilentlyContinue

        $out.StatementId | Should -Be @('my.sid', 'Sid with space', $LongSid)
        $out.Status | ForEach-Object { $_ | Should -Be 'Revoked' }
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStatementId,*'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].Exception.Message | Should -Match "'not.there'.*event bus 'default' in $($aws.Region) holds no statement with this Sid"
        $left = (Get-CWEventBus @aws).Permissions.StatementId
        foreach ($sid in 'my.sid', 'Sid with space', $LongSid) { $left | Should -Not -Contain $sid }
        Assert-AmbiguousKept $aws $zoo
        Assert-NoForbiddenRemove $aws.Region
    }

    It 'Revoke -All removes every one of them, and keeps the ambiguous statements and the Deny' {
        $out = Revoke-CWEventBusPermission -All -Force @aws -WarningAction SilentlyContinue

        $out.AccountId | Sort-Object | Should -Be @(@($Unnameable.Keys) + '333300000001' | Sort-Object)
        $left = (Get-CWEventBus @aws).Permissions
        @($left | Where-Object { -not $_.HasRepeatedMembers }).StatementId | Should -Be 'DenyPlain'
        Assert-AmbiguousKept $aws $zoo
        Assert-NoForbiddenRemove $aws.Region
        @(Get-WritesTo $aws.Region | Where-Object operation -EQ RemovePermission).Count | Should -Be 1 -Because 'only Account-333300000001 has a Sid RemovePermission takes'
    }

    It 'Revoke by account removes them' {
        $out = Revoke-CWEventBusPermission -AccountId @($Unnameable.Keys) @aws

        @($out).Count | Should -Be $Unnameable.Count
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Not -BeLike '2222*'
        Assert-AmbiguousKept $aws $zoo
        Assert-NoForbiddenRemove $aws.Region
    }

    It 'piped permissions are removed, the one without a Sid too' {
        $identity = Get-Identity $aws
        $out = (Get-CWEventBus @aws).Permissions | Where-Object AccountId -Like '2222*' | Revoke-CWEventBusPermission @identity

        $out.StatementId | Should -Be @('Sid with space', 'my.sid', $LongSid, '', '7', $null)
        (Get-CWEventBus @aws).Permissions.AccountId | Should -Not -BeLike '2222*'
        $stored = Get-StoredPolicy $aws
        $stored.Contains($zoo['Plain']) | Should -BeTrue
        $stored.Contains($zoo['Deny']) | Should -BeTrue
        Assert-AmbiguousKept $aws $zoo
        Assert-NoForbiddenRemove $aws.Region
    }

    It 'Grant -Exclusive revokes them as the single-account grants they are, and keeps the ambiguous statements' {
        $out = Grant-CWEventBusPermission 333300000001 -Exclusive -Force @aws

        ($out | Where-Object Status -EQ 'AlreadyGranted').AccountId | Should -Be '333300000001'
        ($out | Where-Object Status -EQ 'Revoked').AccountId | Sort-Object | Should -Be @($Unnameable.Keys | Sort-Object)
        $left = (Get-CWEventBus @aws).Permissions | Where-Object { -not $_.HasRepeatedMembers }
        $left.StatementId | Should -Be @('Account-333300000001', 'DenyPlain')
        Assert-AmbiguousKept $aws $zoo
        Assert-NoForbiddenRemove $aws.Region
    }
}
