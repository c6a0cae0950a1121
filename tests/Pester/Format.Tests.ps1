#Requires -Modules Pester
# How the module's objects look on screen (EventBusPermissions.Format.ps1xml, registered by the first cmdlet run
# in a runspace through views/EventBusPermissions.Views.psd1, FormatLoader.cs): the default tables read well at 120 columns, the permission table still tells what was
# done and Allow from Deny at 80 (a runbook log), and the bus's list view shows one line per permission.
# Works on the default bus of a region of its own, so the bus starts without a policy.

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    $script:Aws = Get-TestConnection
    $Aws.Region = New-TestRegion
    '111122223333', '444455556666' | Grant-CWEventBusPermission @Aws | Out-Null
    Grant-CWEventBusPermission -OrganizationId o-a1b2c3d4e5 @Aws | Out-Null
    $script:Bus = Get-CWEventBus @Aws

    function script:Get-Lines([string] $Text) {
        # The lines that hold something; Out-String surrounds a table with blank lines.
        @($Text -split '\r?\n' | Where-Object { $_.Trim() })
    }
    function script:Get-HeaderLine([string] $Text) {
        # A table's header is the line above its dashes.
        $lines = Get-Lines $Text
        $dashes = [array]::FindIndex([string[]] $lines, [Predicate[string]] { param($l) $l -match '^-+(\s+-+)*\s*$' })
        if ($dashes -lt 1) { throw "No table header in:`n$Text" }
        $lines[$dashes - 1]
    }
}

Describe 'the format views are loaded' {
    It 'has views for <_>' -ForEach 'EventBusPermissions.EventBus', 'EventBusPermissions.EventBusPermission' {
        Get-FormatData -TypeName $_ | Should -Not -BeNullOrEmpty -Because 'the first cmdlet run registers EventBusPermissions.Format.ps1xml (FormatLoader.cs)'
    }
}

Describe 'the views in a fresh session' {
    It 'are not loaded by Import-Module, and are there for the first cmdlet''s output' {
        $r = Invoke-ChildPwsh @"
'views at import: ' + [bool] (Get-FormatData -TypeName EventBusPermissions.EventBus)
Get-CWEventBus -EndpointUrl '$($Aws.EndpointUrl)' -Region '$($Aws.Region)' -AccessKey '$($Aws.AccessKey)' -SecretKey '$($Aws.SecretKey)' | Format-Table | Out-String -Width 120
"@
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'views at import: False'
        # The module's table (a Permissions column), not PowerShell's default list of every property.
        $r.Output | Should -Match '(?m)^Name\s+Region\s+Permissions\s+LastModifiedTime\s*$'
        $r.Output | Should -Not -Match '(?m)^Arn\s+:'
    }
}

Describe 'the EventBus table' {
    BeforeAll {
        $script:Table = Get-CWEventBus @Aws | Format-Table | Out-String -Width 120
    }

    It 'shows Name, Region, Permissions and LastModifiedTime' {
        Get-HeaderLine $Table | Should -Match '^Name\s+Region\s+Permissions\s+LastModifiedTime\s*$'
    }

    It 'fits in 120 columns' {
        Get-Lines $Table | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }

    It 'shows the bus, its region, the number of its permissions and the UTC time' {
        $row = (Get-Lines $Table)[-1]
        $row | Should -Match ('^default\s+' + [regex]::Escape($Aws.Region) + '\s+3\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s*$')
    }

    It 'is the default view' {
        Get-HeaderLine (Get-CWEventBus @Aws | Out-String -Width 120) | Should -Be (Get-HeaderLine $Table)
    }

    It 'keeps every column of a bus with a long name on the screen' {
        $name = 'aws.partner/saas.example.com/123456789012/' + ('x' * 120)
        $long = [EventBusPermissions.EventBus]::Create($name, "arn:aws:events:ap-southeast-2:123456789012:event-bus/x",
            $null, $null, $null, [datetime]::UtcNow, [datetime]::UtcNow, $null)
        $text = $long, $Bus | Format-Table | Out-String -Width 120
        Get-HeaderLine $text | Should -Match '^Name\s+Region\s+Permissions\s+LastModifiedTime\s*$'
        Get-Lines $text | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }
}

Describe 'the EventBusPermission table' {
    BeforeAll {
        $script:Table = $Bus.Permissions | Format-Table | Out-String -Width 120
    }

    It 'shows Status, Effect, StatementId, Principal, OrganizationId, EventBusName and Action at 120 columns' {
        Get-HeaderLine $Table | Should -Match '^Status\s+Effect\s+StatementId\s+Principal\s+OrganizationId\s+EventBusName\s+Action\s*$'
    }

    It 'keeps Status, Effect, StatementId, Principal and OrganizationId at 80 columns' {
        $text = $Bus.Permissions | Out-String -Width 80
        Get-HeaderLine $text | Should -Match '^Status\s+Effect\s+StatementId\s+Principal\s+OrganizationId\s*$'
        Get-Lines $text | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }

    It 'fits in 120 columns' {
        Get-Lines $Table | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }

    It 'shows the statement ids, principals and organization of the module''s grants whole' {
        $Table | Should -Match 'Allow\s+Account-111122223333\s+111122223333\s+default\s+events:PutEvents'
        $Table | Should -Match 'Allow\s+Organization-o-a1b2c3d4e5\s+\*\s+o-a1b2c3d4e5\s+default\s+events:PutEvents'
    }

    It 'leaves Status blank for a permission that was only read' {
        $Table | Should -Match '(?m)^\s+Allow\s+Account-111122223333\s'
    }

    It 'shows the Status of what Grant did' {
        $text = Grant-CWEventBusPermission -AccountId 111122223333 @Aws | Out-String -Width 120
        $text | Should -Match '(?m)^AlreadyGranted\s+Allow\s+Account-111122223333\s+111122223333\s'
        Get-Lines $text | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }
}

Describe 'telling what was done, and Allow from Deny, at 80 and 120 columns' {
    BeforeAll {
        # A region of its own, so that the Deny stays off the bus the other tests read.
        $aws = Get-TestConnection
        $aws.Region = New-TestRegion
        $arn = (Get-CWEventBus @aws).Arn
        # PutPermission writes only Allow; a Deny comes with a whole policy document.
        $statement = @{ Sid = 'DenyPartner'; Effect = 'Deny'; Principal = @{ AWS = 'arn:aws:iam::444455556666:root' }
            Action = 'events:PutEvents'; Resource = $arn }
        $policy = @{ Version = '2012-10-17'; Statement = @($statement) } | ConvertTo-Json -Depth 6 -Compress
        $script:Deny = Grant-CWEventBusPermission -Policy $policy -Force @aws
        Grant-CWEventBusPermission -AccountId 222233334444 @aws | Out-Null
        $script:Granted = Grant-CWEventBusPermission -AccountId 111122223333 @aws
        $script:Already = Grant-CWEventBusPermission -AccountId 222233334444 @aws
        Grant-CWEventBusPermission -AccountId 555566667777 @aws | Out-Null
        $script:Revoked = Revoke-CWEventBusPermission -AccountId 555566667777 @aws
        $script:DenyBus = Get-CWEventBus @aws
        $script:ReadDeny = $DenyBus.Permissions | Where-Object StatementId -EQ 'DenyPartner'
    }

    It 'has a Granted, an AlreadyGranted, a Revoked, a granted Deny and a Deny only read' {
        # What the rows below stand for; without it a broken setup would read as a broken view.
        $Granted.Status, $Already.Status, $Revoked.Status, $Deny.Status | Should -Be 'Granted', 'AlreadyGranted', 'Revoked', 'Granted'
        $Deny.Effect, $ReadDeny.Effect | Should -Be 'Deny', 'Deny'
        $ReadDeny.Status | Should -BeNullOrEmpty
    }

    It 'shows the Status and Effect of each in its row at <_> columns' -ForEach 80, 120 {
        $width = $_
        $text = $Granted, $Already, $Revoked, $Deny, $ReadDeny | Out-String -Width $width
        $rows = @(Get-Lines $text | Select-Object -Skip 2)
        $rows.Count | Should -Be 5 -Because "one table of five rows:`n$text"
        $rows[0] | Should -Match '^Granted\s+Allow\s+Account-111122223333\s+111122223333(\s|$)'
        $rows[1] | Should -Match '^AlreadyGranted\s+Allow\s+Account-222233334444\s+222233334444(\s|$)'
        $rows[2] | Should -Match '^Revoked\s+Allow\s+Account-555566667777\s+555566667777(\s|$)'
        $rows[3] | Should -Match '^Granted\s+Deny\s+DenyPartner\s+444455556666(\s|$)'
        $rows[4] | Should -Match '^\s+Deny\s+DenyPartner\s+444455556666(\s|$)'
        Get-Lines $text | Where-Object { $_.TrimEnd().Length -gt $width } | Should -BeNullOrEmpty
    }

    It 'puts Deny before the principal in the bus''s list view' {
        $list = $DenyBus | Format-List | Out-String -Width 80
        $list | Should -Match '(?m)DenyPartner: Deny 444455556666\s*$'
        $list | Should -Match '(?m)Account-111122223333: 111122223333\s*$'
    }
}

Describe 'the EventBus list' {
    BeforeAll {
        $script:List = $Bus | Format-List | Out-String -Width 120
    }

    It 'shows <_>' -ForEach 'Name', 'Arn', 'AccountId', 'Region', 'Description', 'CreationTime', 'LastModifiedTime', 'Permissions' {
        $List | Should -Match "(?m)^$_\s*:"
    }

    It 'shows one line per permission: "StatementId: Principal (OrganizationId)"' {
        $List | Should -Match '(?m)^Permissions\s+: Account-111122223333: 111122223333\s*$'
        $List | Should -Match '(?m)^\s+Account-444455556666: 444455556666\s*$'
        $List | Should -Match '(?m)^\s+Organization-o-a1b2c3d4e5: \* \(o-a1b2c3d4e5\)\s*$'
    }

    It 'fits in 120 columns' {
        Get-Lines $List | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }
}

Describe 'a bus with a statement shared by 250 accounts' {
    BeforeAll {
        # A region of its own. One statement names 250 accounts (root ARNs, as the console or a packed grant write
        # them); a shared statement with a Sid too long for its column, a shared Deny and an account grant follow.
        $script:Wide = Get-TestConnection
        $Wide.Region = New-TestRegion
        $arn = (Get-CWEventBus @Wide).Arn
        $longSid = 'Partners-from-the-2024-onboarding-round'
        $more = @(
            [ordered]@{ Sid = $longSid; Effect = 'Allow'; Principal = @{ AWS = @('arn:aws:iam::111122223333:root', '444455556666') }
                Action = 'events:PutEvents'; Resource = $arn }
            [ordered]@{ Sid = 'Outsiders'; Effect = 'Deny'; Principal = @{ AWS = @('999988887777', '888877776666') }
                Action = 'events:PutEvents'; Resource = $arn }
        )
        $doc = New-SharedPolicy -BusArn $arn -Count 250 -Sid 'Packed-1' -More $more
        $script:SavedLimit = Get-EndpointPolicySizeLimit
        if ($doc.Json.Length -gt $SavedLimit) { Set-EndpointPolicySizeLimit ($doc.Json.Length + 100) }
        Grant-CWEventBusPermission -Policy $doc.Json -Force @Wide -WarningAction SilentlyContinue | Out-Null
        Grant-CWEventBusPermission -AccountId 777788889999 @Wide | Out-Null
        $script:WideBus = Get-CWEventBus @Wide
        $script:Accounts = $doc.Accounts
    }
    AfterAll {
        Set-EndpointPolicySizeLimit $SavedLimit
    }

    It 'reads 255 permissions' {
        $WideBus.Permissions.Count | Should -Be 255
    }

    It 'shows one line per permission at <_> columns, each shared row marked with how many share its statement' -ForEach 80, 120 {
        $width = $_
        $text = $WideBus.Permissions | Out-String -Width $width
        $rows = @(Get-Lines $text | Select-Object -Skip 2)
        $rows.Count | Should -Be 255 -Because 'one row per permission, none wrapped'
        Get-Lines $text | Where-Object { $_.TrimEnd().Length -gt $width } | Should -BeNullOrEmpty
        for ($i = 0; $i -lt 250; $i++) {
            $rows[$i] | Should -Match ('^\s+Allow\s+Packed-1 \(of 250\)\s+' + $Accounts[$i] + '(\s|$)')
        }
        # A Sid too long for the column gives way to the mark; the mark is never cut.
        $rows[250] | Should -Match ('^\s+Allow\s+Partners-from-the' + [char]0x2026 + ' \(of 2\)\s+111122223333(\s|$)')
        $rows[251] | Should -Match ('^\s+Allow\s+Partners-from-the' + [char]0x2026 + ' \(of 2\)\s+444455556666(\s|$)')
        $rows[252] | Should -Match '^\s+Deny\s+Outsiders \(of 2\)\s+999988887777(\s|$)'
        $rows[253] | Should -Match '^\s+Deny\s+Outsiders \(of 2\)\s+888877776666(\s|$)'
        $rows[254] | Should -Match '^\s+Allow\s+Account-777788889999\s+777788889999(\s|$)' -Because 'a statement of its own is not marked'
    }

    It 'counts permissions in the bus table: one per principal' {
        $row = (Get-Lines ($WideBus | Format-Table | Out-String -Width 120))[-1]
        $row | Should -Match ('^default\s+' + [regex]::Escape($Wide.Region) + '\s+255\s')
    }

    It 'shows each statement on one line in the bus''s list view, a shared one with its first principals and how many' {
        $list = $WideBus | Format-List | Out-String -Width 120
        Get-Lines $list | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
        $list | Should -Match ('(?m)^Permissions\s+: Packed-1: 250 principals: 100000000000, 100000000001, ' + [char]0x2026 + '\s*$')
        $list | Should -Match '(?m)^\s+Partners-from-the-2024-onboarding-round: 2 principals: 111122223333, 444455556666\s*$'
        $list | Should -Match '(?m)^\s+Outsiders: Deny 2 principals: 999988887777, 888877776666\s*$'
        $list | Should -Match '(?m)^\s+Account-777788889999: 777788889999\s*$'
        @(Get-Lines $list).Count | Should -BeLessThan 20 -Because "four statements are four lines, not 255:`n$list"
    }

    It 'stays readable at 80 columns' {
        $list = $WideBus | Format-List | Out-String -Width 80
        Get-Lines $list | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        @(Get-Lines $list).Count | Should -BeLessThan 20
        $list | Should -Match ('Packed-1: 250 principals: 100000000000, 100000000001, ' + [char]0x2026)
    }
}

Describe 'the format file in the gallery package' {
    It 'ships next to the manifest that loads it' {
        $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
        $nupkg = Get-ChildItem (Join-Path $root 'out/packages') -Filter 'EventBusPermissions.*.nupkg' -ErrorAction SilentlyContinue |
            Select-Object -First 1
        if (-not $nupkg) { Set-ItResult -Skipped -Because 'out/packages holds no package (build.ps1 Test and Package write it)'; return }
        # A package from before the module folder was last laid out says nothing about it (the folder's time changes
        # when Build adds its files; Package only reads them). build.ps1 Test packages after building.
        if ($nupkg.LastWriteTimeUtc -lt (Get-Item $env:EBP_TEST_MODULE).LastWriteTimeUtc) {
            Set-ItResult -Skipped -Because "$($nupkg.Name) is older than the module folder (run build.ps1 Package)"; return
        }
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkg.FullName)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        $entries | Should -Contain 'EventBusPermissions.Format.ps1xml'
    }
}
