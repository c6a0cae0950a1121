#Requires -Modules Pester
# Who can put events on a bus (issue 17, first part): Exposure, ExposedTo and each permission's Reason, read by
# Get-CWEventBus from the policy as the endpoint stores it.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Account = $env:EBP_TEST_ACCOUNT
}

Describe 'Get-CWEventBus says who can put events, and why' {
    It 'reads the data perimeter (Allow everyone, Deny outside the organization) as that organization' {
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        $arn = "arn:aws:events:$($aws.Region):$($Account):event-bus/default"
        $policy = @{ Version = '2012-10-17'; Statement = @(
                @{ Sid = 'AllowAll'; Effect = 'Allow'; Principal = '*'; Action = 'events:PutEvents'; Resource = $arn }
                @{ Sid = 'DenyOutsideOrg'; Effect = 'Deny'; Principal = '*'; Action = 'events:PutEvents'; Resource = $arn
                    Condition = @{ StringNotEquals = @{ 'aws:PrincipalOrgID' = 'o-a1b2c3d4e5' } } }
            ) } | ConvertTo-Json -Depth 6 -Compress
        Grant-CWEventBusPermission -Policy $policy -Force @aws -WarningAction SilentlyContinue | Out-Null

        $bus = Get-CWEventBus @aws

        "$($bus.Exposure)" | Should -Be 'CrossAccount' -Because 'Prowler-style checks that ignore the Deny would call this bus public'
        $bus.ExposedTo | Should -Be 'o-a1b2c3d4e5'
        $allow = $bus.Permissions | Where-Object StatementId -EQ 'AllowAll'
        $allow.Reason | Should -Match "organization o-a1b2c3d4e5 .*statement 'DenyOutsideOrg' denies everyone outside o-a1b2c3d4e5"
    }

    It 'calls a grant to every account Public, an account grant CrossAccount, and a bus without policy Private' {
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        "$((Get-CWEventBus @aws).Exposure)" | Should -Be 'Private'
        Grant-CWEventBusPermission 111122223333 @aws | Out-Null
        $bus = Get-CWEventBus @aws
        "$($bus.Exposure)" | Should -Be 'CrossAccount'
        $bus.Permissions[0].Reason | Should -Be 'Account 111122223333 (the principal).'
        Grant-CWEventBusPermission '*' -Force @aws -WarningAction SilentlyContinue | Out-Null
        $bus = Get-CWEventBus @aws
        "$($bus.Exposure)" | Should -Be 'Public'
        $bus.ExposedTo | Should -Contain '*'
    }

    It 'moves trusted accounts and organizations to Private, also when trusted once for the session with $PSDefaultParameterValues' {
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        '111122223333', '444455556666' | Grant-CWEventBusPermission @aws | Out-Null
        Grant-CWEventBusPermission -OrganizationId o-a1b2c3d4e5 @aws | Out-Null

        $bus = Get-CWEventBus @aws -TrustedAccountId 1111-2222-3333 -TrustedOrganizationId o-a1b2c3d4e5
        "$($bus.Exposure)" | Should -Be 'CrossAccount'
        $bus.ExposedTo | Should -Be '444455556666'
        ($bus.Permissions | Where-Object AccountId -EQ 111122223333).Reason | Should -Match 'trusted'

        $PSDefaultParameterValues['Get-CWEventBus:TrustedAccountId'] = '111122223333', '444455556666'
        $PSDefaultParameterValues['Get-CWEventBus:TrustedOrganizationId'] = 'o-a1b2c3d4e5'
        try {
            "$((Get-CWEventBus @aws).Exposure)" | Should -Be 'Private'
        }
        finally {
            $PSDefaultParameterValues.Remove('Get-CWEventBus:TrustedAccountId')
            $PSDefaultParameterValues.Remove('Get-CWEventBus:TrustedOrganizationId')
        }
        "$((Get-CWEventBus @aws).Exposure)" | Should -Be 'CrossAccount'
    }

    It 'refuses a trust list it cannot read before reading anything' {
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        $before = @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count
        { Get-CWEventBus @aws -TrustedAccountId '*' } | Should -Throw -ErrorId 'InvalidAccountId,EventBusPermissions.Commands.GetCWEventBusCommand'
        { Get-CWEventBus @aws -TrustedOrganizationId 'o-1' } | Should -Throw -ErrorId 'InvalidOrganizationId,EventBusPermissions.Commands.GetCWEventBusCommand'
        @(Get-RequestLog | Where-Object region -EQ $aws.Region).Count | Should -Be $before
    }
}
