#Requires -Modules Pester
# How the module's objects look on screen (EventBusPermissions.Format.ps1xml, loaded by the manifest's
# FormatsToProcess): the default tables read well at 120 columns, and the bus's list view shows one line per
# permission. Works on the default bus of a region of its own, so the bus starts without a policy.

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
        Get-FormatData -TypeName $_ | Should -Not -BeNullOrEmpty -Because 'the manifest loads EventBusPermissions.Format.ps1xml (FormatsToProcess)'
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

    It 'shows EventBusName, StatementId, Principal, OrganizationId, Action and Status' {
        Get-HeaderLine $Table | Should -Match '^EventBusName\s+StatementId\s+Principal\s+OrganizationId\s+Action\s+Status\s*$'
    }

    It 'fits in 120 columns' {
        Get-Lines $Table | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
    }

    It 'shows the statement ids, principals and organization of the module''s grants whole' {
        $Table | Should -Match 'default\s+Account-111122223333\s+111122223333\s+events:PutEvents'
        $Table | Should -Match 'default\s+Organization-o-a1b2c3d4e5\s+\*\s+o-a1b2c3d4e5\s+events:PutEvents'
    }

    It 'shows the Status of what Grant did' {
        $text = Grant-CWEventBusPermission -AccountId 111122223333 @Aws | Out-String -Width 120
        Get-HeaderLine $text | Should -Match 'Status\s*$'
        $text | Should -Match 'Account-111122223333\s+111122223333\s+events:PutEvents\s+AlreadyGranted'
        Get-Lines $text | Where-Object { $_.TrimEnd().Length -gt 120 } | Should -BeNullOrEmpty
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
