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
}
