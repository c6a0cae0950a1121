#Requires -Modules Pester
# Every README recipe and help example runs in a test. Each example of docs/en-US/*.md (## EXAMPLES) and each
# recipe of README.md's "Using it" block is read from its file when the tests run, so a changed doc is tested as
# written. It runs in a child pwsh of its own against the local endpoint, as the second test account (444455556666:
# other files work as 123456789012 in random regions, so the fixed regions the examples name are the examples' own),
# in a working directory holding the files the examples read, after the buses they name were created and given the
# statements that make their text checkable. $Examples (in BeforeAll) holds one entry per example, keyed
# '<file>: <title>', with what to set up and what to assert: what the example's explanation claims. An example
# without an entry fails, and so does an entry without an example, so a new example cannot go untested and a
# renamed one cannot leave its checks behind.

BeforeDiscovery {
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

    function Get-TitleOf([string[]] $Comment, [string[]] $Code) {
        # A README recipe's title: its first comment line up to the first ':', ';' or ' (', else its first code line.
        if ($Comment) { return (($Comment[0] -replace '^\s*#\s*', '') -split ':|;| \(', 2)[0].Trim() }
        ($Code[0] -replace '\s+#.*$', '').Trim()
    }

    function Get-HelpExample([string] $Path) {
        <#
        The examples of one help file: under '## EXAMPLES', each '### ' heading ('Example <n>: ' dropped) with its
        first code block as the code and later code blocks as Extra (the generator's rule: they are explanation).
        A code block straight under '## EXAMPLES', before any '### ', is an example too, titled by its position.
        #>
        $source = [IO.Path]::GetFileNameWithoutExtension($Path)
        $examples = [Collections.Generic.List[hashtable]]::new()
        $inExamples = $false; $current = $null; $fence = $null; $lines = @(); $untitled = 0
        foreach ($line in Get-Content $Path) {
            if ($null -ne $fence) {
                if ($line -notmatch '^```\s*$') { $lines += $line; continue }
                if ($inExamples) {
                    $text = $lines -join "`n"
                    if (-not $current) {
                        $untitled++
                        $examples.Add(@{ Key = "${source}: EXAMPLES block $untitled"; Source = $source; Title = "EXAMPLES block $untitled"; Code = $text; Extra = @() })
                    }
                    elseif ($null -eq $current.Code) { $current.Code = $text }
                    else { $current.Extra += @{ Language = $fence; Text = $text } }
                }
                $fence = $null
                continue
            }
            if ($line -match '^```(\S*)') { $fence = $Matches[1]; $lines = @(); continue }
            if ($line -match '^## (.+?)\s*$') { $inExamples = $Matches[1] -eq 'EXAMPLES'; $current = $null; continue }
            if ($inExamples -and $line -match '^### (.+?)\s*$') {
                $title = $Matches[1] -replace '^Example \d+:\s*', ''
                $current = @{ Key = "${source}: $title"; Source = $source; Title = $title; Code = $null; Extra = @() }
                $examples.Add($current)
            }
        }
        $examples
    }

    function Get-ReadmeRecipe([string] $Path) {
        <#
        The recipes of README.md's "Using it" block: split at blank lines, and where a comment line follows code;
        each recipe is its leading comment lines and the code after them.
        #>
        $readme = Get-Content $Path -Raw
        $section = [regex]::Match($readme, '(?ms)^## Using it\s*$(.*?)(?=^## )').Groups[1].Value
        $block = [regex]::Match($section, '(?s)```powershell\r?\n(.*?)\r?\n```').Groups[1].Value
        $recipes = [Collections.Generic.List[hashtable]]::new()
        $comment = @(); $code = @()
        foreach ($line in ($block -split '\r?\n') + '') {
            $isComment = $line -match '^\s*#'
            if ($code -and ($isComment -or -not $line.Trim())) {
                $title = Get-TitleOf $comment $code
                $recipes.Add(@{ Key = "README: $title"; Source = 'README'; Title = $title; Code = ($code -join "`n"); Extra = @() })
                $comment = @(); $code = @()
            }
            if (-not $line.Trim()) { $comment = @() }
            elseif ($isComment) { $comment += $line }
            else { $code += $line }
        }
        $recipes
    }

    $script:AllExamples = @(Get-ReadmeRecipe (Join-Path $root 'README.md')) +
        @(Get-ChildItem (Join-Path $root 'docs/en-US') -Filter '*.md' | Sort-Object Name | ForEach-Object { Get-HelpExample $_.FullName })
}

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent

    # The examples' account: the owner of every bus they touch. Its profiles 'prod' and 'audit' (used by examples)
    # hold the same keys.
    $script:Owner = (Get-Content (Join-Path $root 'tests/LocalEventBridge/test-credentials.json') -Raw | ConvertFrom-Json)[1]
    $script:Aws = @{ EndpointUrl = $env:EBP_TEST_ENDPOINT; AccessKey = $Owner.AccessKey; SecretKey = $Owner.SecretKey }
    $script:HomeRegion = 'us-east-1'
    $script:HaveCli = [bool](Get-Command aws -CommandType Application -ErrorAction SilentlyContinue)

    # ---- buses -------------------------------------------------------------------------------------------------

    function script:New-Statement([string] $Sid, [object] $Principal, [string] $Effect = 'Allow', [string] $Organization) {
        # A statement as the console or Terraform would write it; Resource is set to the bus's ARN when seeded.
        $s = [ordered]@{ Sid = $Sid; Effect = $Effect; Principal = '*'; Action = 'events:PutEvents'; Resource = $null }
        $accounts = @($Principal | Where-Object { $_ -ne '*' })
        if ($accounts.Count -eq 1) { $s.Principal = @{ AWS = "arn:aws:iam::$($accounts[0]):root" } }
        elseif ($accounts.Count -gt 1) { $s.Principal = @{ AWS = @($accounts | ForEach-Object { "arn:aws:iam::${_}:root" }) } }
        if ($Organization) { $s.Condition = @{ StringEquals = @{ 'aws:PrincipalOrgID' = $Organization } } }
        $s
    }

    function script:New-ExampleBus([string] $Region, [string] $Name) {
        <#
        CreateEventBus through the AWS CLI (the module has no such command), as Invoke-AwsCliAt does it, but with
        every AWS_* of the caller's shell taken away: an AWS_PROFILE there would send the CLI looking for it.
        #>
        $info = [Diagnostics.ProcessStartInfo]::new((Get-Command aws -CommandType Application | Select-Object -First 1).Source)
        foreach ($a in 'events', 'create-event-bus', '--name', $Name, '--endpoint-url', $Aws.EndpointUrl, '--region', $Region, '--output', 'json') { $info.ArgumentList.Add($a) }
        foreach ($k in @($info.Environment.Keys | Where-Object { $_ -like 'AWS_*' })) { $info.Environment.Remove($k) | Out-Null }
        $info.Environment['AWS_ACCESS_KEY_ID'] = $Aws.AccessKey
        $info.Environment['AWS_SECRET_ACCESS_KEY'] = $Aws.SecretKey
        $info.Environment['AWS_CONFIG_FILE'] = '/nonexistent/config'
        $info.Environment['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/credentials'
        $info.Environment['AWS_EC2_METADATA_DISABLED'] = 'true'
        $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($info)
        $stderr = $process.StandardError.ReadToEndAsync()
        $null = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        if ($process.ExitCode -ne 0) { throw "aws events create-event-bus --name $Name --region $Region failed: $($stderr.Result)" }
    }

    function script:Get-Bus([string] $Name = 'default', [string] $Region = $HomeRegion) {
        Get-CWEventBus -Name $Name -Region $Region @Aws -ErrorAction Stop
    }

    function script:Get-Sids([string] $Name = 'default', [string] $Region = $HomeRegion) {
        # The statement ids on the bus now, sorted, as one string: a failed comparison then shows both lists. Once
        # each: a statement for several accounts is one permission per account, all with its id.
        (@((Get-Bus $Name $Region).Permissions.StatementId) | Sort-Object -Unique) -join ', '
    }

    # Every bus any example touches, reset before each example: a bus an example does not seed is left with no
    # policy, so whatever an earlier example did (or wrongly did) cannot leak into the next one.
    $script:Universe = @('us-east-1/default', 'us-east-1/orders', 'us-east-1/audit', 'us-east-1/public-feed',
        'eu-west-1/default', 'eu-west-1/orders', 'ap-southeast-2/default', 'ap-southeast-2/orders')

    function script:Reset-ExampleBus([hashtable] $Seeds) {
        foreach ($key in $Universe) {
            $region, $name = $key -split '/', 2
            $conn = $Aws + @{ Region = $region }
            $bus = Get-CWEventBus -Name $name @conn -ErrorAction SilentlyContinue -ErrorVariable missing
            if (-not $bus) {
                if ("$($missing[0].FullyQualifiedErrorId)" -notlike 'ResourceNotFoundException,*') { throw "Cannot read $key`: $($missing[0])" }
                New-ExampleBus $region $name
                $bus = Get-CWEventBus -Name $name @conn -ErrorAction Stop
            }
            $seed = if ($Seeds) { $Seeds[$key] } else { $null }
            if ($seed) {
                $statements = foreach ($s in @($seed)) {
                    $copy = [ordered]@{}
                    foreach ($k in $s.Keys) { $copy[$k] = $s[$k] }
                    if (-not $copy.Resource) { $copy.Resource = $bus.Arn }
                    $copy
                }
                $policy = @{ Version = '2012-10-17'; Statement = @($statements) } | ConvertTo-Json -Depth 8 -Compress
                Grant-CWEventBusPermission -Policy $policy -EventBusName $name -Force @conn -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null
            }
            elseif ($bus.Permissions) {
                Revoke-CWEventBusPermission -StatementId @($bus.Permissions.StatementId) -EventBusName $name -Force @conn -WarningAction SilentlyContinue -ErrorAction Stop | Out-Null
            }
            if (-not $seed -and (Get-CWEventBus -Name $name @conn).Permissions) { throw "$key could not be emptied." }
        }
    }

    # ---- the request log ---------------------------------------------------------------------------------------

    $script:LogSequence = 0
    function script:Get-NewRequest {
        # The endpoint's log entries since the last call (Pester runs the test files one after another).
        $new = @(Invoke-RestMethod -Uri "$($env:EBP_TEST_ENDPOINT)/_local/requests?since=$LogSequence" | ForEach-Object { $_ })
        if ($new) { $script:LogSequence = $new[-1].sequence }
        $new
    }
    Get-NewRequest | Out-Null

    # ---- the child session -------------------------------------------------------------------------------------

    $script:Pwsh = Get-PwshCommand
    $script:Scratch = Join-Path ([IO.Path]::GetTempPath()) "ebp-examples-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory $Scratch | Out-Null

    # Revoke example 5 starts 'pwsh' by name. The pinned PowerShell runs as 'dotnet pwsh.dll', so a 'pwsh' that
    # starts it is put first on the child's PATH (it is the same PowerShell, not a stand-in for it).
    $bin = New-Item -ItemType Directory (Join-Path $Scratch 'bin')
    if ($IsWindows) {
        Set-Content (Join-Path $bin 'pwsh.cmd') ("@`"" + ($Pwsh -join '" "') + "`" %*")
    }
    else {
        $wrapper = Join-Path $bin 'pwsh'
        Set-Content $wrapper ("#!/bin/sh`nexec " + (($Pwsh | ForEach-Object { "'$_'" }) -join ' ') + ' "$@"')
        [IO.File]::SetUnixFileMode($wrapper, [IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    }
    $script:BinPath = $bin.FullName

    # The profiles the examples name, in files of their own (never the user's ~/.aws).
    $script:CredentialsFile = Join-Path $Scratch 'credentials'
    $script:ConfigFile = Join-Path $Scratch 'config'
    Set-Content $CredentialsFile (@('prod', 'audit') | ForEach-Object {
            "[$_]`naws_access_key_id = $($Owner.AccessKey)`naws_secret_access_key = $($Owner.SecretKey)`n"
        })
    Set-Content $ConfigFile "[profile prod]`n[profile audit]`n"

    # The files the examples read, in each example's working directory. accounts.csv holds a hyphenated id.
    $script:DefaultFiles = @{
        'accounts.csv'       = "AccountId,Name`n111122223333,shop`n2222-3333-4444,warehouse`n555566667777,billing`n"
        # 80 partner accounts, past the ~51 single-account grants a bus holds: the -Pack recipe's list.
        'partners.csv'       = "AccountId,Partner`n" + ((0..79 | ForEach-Object { '{0:D12},partner{1}' -f (400000000000 + $_), $_ }) -join "`n") + "`n"
        'orders-policy.json' = (@{ Version = '2012-10-17'; Statement = @(
                    [ordered]@{ Sid = 'Organization-o-a1b2c3d4e5'; Effect = 'Allow'; Principal = '*'; Action = 'events:PutEvents'
                        Resource = "arn:aws:events:${HomeRegion}:$($Owner.AccountId):event-bus/orders"
                        Condition = @{ StringEquals = @{ 'aws:PrincipalOrgID' = 'o-a1b2c3d4e5' } } },
                    [ordered]@{ Sid = 'Account-111122223333'; Effect = 'Allow'; Principal = @{ AWS = 'arn:aws:iam::111122223333:root' }; Action = 'events:PutEvents'
                        Resource = "arn:aws:events:${HomeRegion}:$($Owner.AccountId):event-bus/orders" },
                    [ordered]@{ Sid = 'DenyCompromised'; Effect = 'Deny'; Principal = @{ AWS = 'arn:aws:iam::999988887777:root' }; Action = 'events:PutEvents'
                        Resource = "arn:aws:events:${HomeRegion}:$($Owner.AccountId):event-bus/orders" }
                ) } | ConvertTo-Json -Depth 8)
    }

    function script:Edit-Code([string] $Code, [object[]] $Replace, [string] $Key) {
        # Each replacement is explicit in the table, and must find its text: a doc that changed fails here, loudly.
        foreach ($pair in $Replace) {
            if (-not $Code.Contains($pair[0])) { throw "$Key no longer contains '$($pair[0])'; update its entry in Examples.Tests.ps1." }
            $Code = $Code.Replace($pair[0], $pair[1])
        }
        $Code
    }

    function script:Invoke-Example([hashtable] $Example, [hashtable] $Entry, [hashtable] $RunSpec) {
        <#
        Runs the example's code (with the run's replacements) in a fresh pwsh: -NonInteractive with standard input
        closed, as a runbook runs, unless the run gives an Answer to type at the prompt. Returns what it wrote:
        Objects, Errors (Id, Category, Message), Warnings, Threw, Probe, Output (all the text), and Requests (the
        endpoint's log of the run) with Writes among them.
        #>
        $pairs = [Collections.Generic.List[object]]::new()
        foreach ($pair in @($Entry.Replace) + @($RunSpec.Replace)) { if ($pair) { $pairs.Add($pair) } }
        $code = Edit-Code $Example.Code $pairs $Example.Key
        $dir = Join-Path $Scratch ([guid]::NewGuid().ToString('N'))
        $work = New-Item -ItemType Directory (Join-Path $dir 'work')
        $files = $DefaultFiles.Clone()
        foreach ($overrides in $Entry.Files, $RunSpec.Files) {
            if ($overrides) { foreach ($k in $overrides.Keys) { $files[$k] = if ($overrides[$k] -is [scriptblock]) { & $overrides[$k] $Example } else { $overrides[$k] } } }
        }
        foreach ($k in $files.Keys) { Set-Content -LiteralPath (Join-Path $work $k) $files[$k] -NoNewline }

        $codeFile = Join-Path $dir 'example.ps1'
        $resultFile = Join-Path $dir 'result.json'
        Set-Content -LiteralPath $codeFile $code
        $runner = Join-Path $dir 'runner.ps1'
        Set-Content -LiteralPath $runner @"
`$ErrorActionPreference = 'Continue'
`$ProgressPreference = 'SilentlyContinue'
$(if (-not $Entry.NoImport) { "Import-Module `$env:EBP_TEST_MODULE -ErrorAction Stop" })
$($Entry.Stubs)
`$__all = [Collections.Generic.List[object]]::new()
`$__threw = `$null
try { . '$codeFile' *>&1 | ForEach-Object { `$__all.Add(`$_) } } catch { `$__threw = `$_ }
`$__probe = `$null
$(if ($Entry.Probe) { "`$__probe = try { & { $($Entry.Probe) } | Out-String } catch { 'probe failed: ' + `$_ }" })
`$__records = 'ErrorRecord', 'WarningRecord', 'InformationRecord', 'VerboseRecord', 'DebugRecord'
[pscustomobject]@{
    # Status and Exposure as their text: an object that came back through another pwsh (serialized) holds an enum as a
    # number with its name beside it, which ConvertTo-Json writes as two keys differing only in case.
    Objects  = @(`$__all | Where-Object { `$_.GetType().Name -notin `$__records -and `$_.GetType().FullName -notlike 'Microsoft.PowerShell.Commands.Internal.Format.*' } |
        ForEach-Object {
            `$__enums = @(`$_.PSObject.Properties | Where-Object { `$_.Name -in 'Status', 'Exposure' })
            if (`$__enums) {
                `$__copy = `$_ | Select-Object -Property * -ExcludeProperty Status, Exposure
                foreach (`$__p in `$__enums) { `$__copy | Add-Member `$__p.Name "`$(`$__p.Value)" }
                `$__copy
            } else { `$_ } })
    Errors   = @(`$__all | Where-Object { `$_ -is [Management.Automation.ErrorRecord] } | ForEach-Object {
        [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Category = "`$(`$_.CategoryInfo.Category)"; Message = `$_.Exception.Message } })
    Warnings = @(`$__all | Where-Object { `$_ -is [Management.Automation.WarningRecord] } | ForEach-Object Message)
    Threw    = if (`$__threw) { "`$(`$__threw.FullyQualifiedErrorId): `$(`$__threw.Exception.Message)" }
    Probe    = `$__probe
} | ConvertTo-Json -Depth 8 -EnumsAsStrings | Set-Content -LiteralPath '$resultFile'
`$__all | Out-String -Width 250
"@

        $info = [Diagnostics.ProcessStartInfo]::new($Pwsh[0])
        $arguments = @($Pwsh | Select-Object -Skip 1) + '-NoProfile'
        if ($null -eq $RunSpec.Answer) { $arguments += '-NonInteractive' }
        foreach ($a in $arguments + @('-File', $runner)) { $info.ArgumentList.Add($a) }
        $info.WorkingDirectory = $work.FullName
        # The child's own AWS environment: nothing of the caller's shell, everything the examples expect.
        foreach ($k in @($info.Environment.Keys | Where-Object { $_ -like 'AWS_*' })) { $info.Environment.Remove($k) | Out-Null }
        $env = @{
            AWS_ENDPOINT_URL            = $env:EBP_TEST_ENDPOINT
            AWS_REGION                  = $HomeRegion
            AWS_ACCESS_KEY_ID           = $Owner.AccessKey
            AWS_SECRET_ACCESS_KEY       = $Owner.SecretKey
            AWS_CONFIG_FILE             = $ConfigFile
            AWS_SHARED_CREDENTIALS_FILE = $CredentialsFile
            AWS_EC2_METADATA_DISABLED   = 'true'
        }
        if ($Entry.Env) { foreach ($k in $Entry.Env.Keys) { $env[$k] = $Entry.Env[$k] } }
        foreach ($k in $env.Keys) { if ($null -eq $env[$k]) { $info.Environment.Remove($k) | Out-Null } else { $info.Environment[$k] = $env[$k] } }
        # 'Import-Module EventBusPermissions' (Revoke example 5) finds the module as an installed one.
        $info.Environment['PSModulePath'] = (Split-Path $env:EBP_TEST_MODULE -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath
        $info.Environment['PATH'] = $BinPath + [IO.Path]::PathSeparator + $env:PATH
        $info.RedirectStandardInput = $true; $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true
        $info.UseShellExecute = $false

        Get-NewRequest | Out-Null
        $process = [Diagnostics.Process]::Start($info)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if ($RunSpec.Answer) { $process.StandardInput.Write($RunSpec.Answer) }
        $process.StandardInput.Close()
        if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw "$($Example.Key) did not finish within 180 s (it waited for an answer?)." }
        $requests = Get-NewRequest

        if (-not (Test-Path $resultFile)) { throw "$($Example.Key) did not run to its end (exit code $($process.ExitCode)):`n$($stdout.Result)$($stderr.Result)" }
        $result = Get-Content $resultFile -Raw | ConvertFrom-Json
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = $stdout.Result + $stderr.Result
            Objects  = @($result.Objects)
            Errors   = @($result.Errors)
            ErrorIds = @($result.Errors | ForEach-Object { ($_.Id -split ',')[0] })
            Warnings = @($result.Warnings)
            Threw    = $result.Threw
            Probe    = $result.Probe
            Requests = $requests
            Writes   = @($requests | Where-Object operation -In 'PutPermission', 'RemovePermission')
        }
    }

    # ---- what the examples start from --------------------------------------------------------------------------

    $Org = 'o-a1b2c3d4e5'
    # A grant, an organization grant and a Deny.
    $script:ThreeKinds = @(
        (New-Statement 'Account-111122223333' '111122223333'),
        (New-Statement "Organization-$Org" '*' -Organization $Org),
        (New-Statement 'DenyCompromised' '999988887777' -Effect Deny))
    # A bus to make "exactly the list" of accounts.csv (111122223333, 2222-3333-4444, 555566667777): one listed
    # account granted already, two others (one under a Sid of its own), an organization grant and a Deny.
    $script:NotTheList = @(
        (New-Statement 'Account-111122223333' '111122223333'),
        (New-Statement 'Account-999900001111' '999900001111'),
        (New-Statement 'Console-888877776666' '888877776666'),
        (New-Statement "Organization-$Org" '*' -Organization $Org),
        (New-Statement 'DenyCompromised' '999988887777' -Effect Deny))
    $script:TheList = 'Account-111122223333, Account-222233334444, Account-555566667777, DenyCompromised, Organization-o-a1b2c3d4e5'

    function script:Assert-NoProblem($Run) {
        $Run.Threw | Should -BeNullOrEmpty
        ($Run.Errors | ForEach-Object Id) -join '; ' | Should -BeNullOrEmpty
    }

    function script:Assert-ExactListPreview($Run) {
        # -Exclusive -WhatIf on NotTheList: both sides listed, the grant that holds as an object, nothing written.
        $Run.Output | Should -Match 'What if: .*Grant.*Account-222233334444'
        $Run.Output | Should -Match 'What if: .*Grant.*Account-555566667777'
        $Run.Output | Should -Match 'What if: .*Revoke.*Account-999900001111'
        $Run.Output | Should -Match 'What if: .*Revoke.*Console-888877776666'
        $Run.Output | Should -Not -Match 'What if: .*(111122223333|DenyCompromised|o-a1b2c3d4e5)'
        @($Run.Objects | Where-Object Status -EQ AlreadyGranted).AccountId | Sort-Object -Unique | Should -Be '111122223333'
    }

    function script:Assert-ExactList($Run) {
        # After -Exclusive on NotTheList: exactly the CSV's accounts (ids normalised), the organization grant and the Deny.
        Get-Sids orders | Should -Be $TheList
        (@($Run.Objects | Where-Object Status -EQ Revoked).StatementId | Sort-Object) -join ', ' | Should -Be 'Account-999900001111, Console-888877776666'
        (@($Run.Objects | Where-Object Status -EQ Granted).AccountId | Sort-Object) -join ', ' | Should -Be '222233334444, 555566667777'
    }

    function script:Assert-WhoMayPutEvents($Run) {
        # A table of ThreeKinds: Effect tells the Deny from the grants.
        Assert-NoProblem $Run
        $Run.Output | Should -Match '(?m)^Account-111122223333\s+Allow\s+111122223333'
        $Run.Output | Should -Match '(?m)^Organization-o-a1b2c3d4e5\s+Allow\s+\*\s+(\S+\s+)?o-a1b2c3d4e5'
        $Run.Output | Should -Match '(?m)^DenyCompromised\s+Deny\s+999988887777'
        $Run.Writes | Should -BeNullOrEmpty
    }

    function script:Assert-SeveralBuses($Run) {
        # default and orders come; the ARN names a bus the credentials do not reach: one error, and only one.
        # The ARN is read in its own region, eu-west-1, not in AWS_REGION's.
        $Run.Objects.Name | Should -Be @('default', 'orders')
        ($Run.Requests | Where-Object operation -EQ DescribeEventBus).region | Should -Be @('us-east-1', 'us-east-1', 'eu-west-1')
        $Run.Errors.Count | Should -Be 1
        $Run.ErrorIds | Should -Be 'ResourceNotFoundException'
        $Run.Errors[0].Message | Should -Match 'audit'
        $Run.Writes | Should -BeNullOrEmpty
    }

    $NoKeys = @{ AWS_ACCESS_KEY_ID = $null; AWS_SECRET_ACCESS_KEY = $null }

    # ---- the table: one entry per example ----------------------------------------------------------------------
    # Buses:   'region/name' = statements the bus holds when the example starts (every other bus starts empty).
    # Runs:    one hashtable per run of the example, in order (default: one run as written). A run may give
    #          Replace pairs (a variant that checks a claim of the explanation about another form of the command),
    #          Files, and Answer (text typed at the prompt; the child is then not -NonInteractive).
    # Replace: pairs applied to the code of every run, each with the reason in a comment.
    # Env:     environment of the child beyond the defaults ($null removes a variable).
    # Stubs:   functions defined in the child before the example runs, each with the reason in a comment.
    # Probe:   code run in the child after the example; its text is the run's Probe.
    # Assert:  param($Run, $Runs): $Run is the last run.
    $script:Examples = @{

        # ---- README.md, "Using it" ----

        'README: Import-Module ./out/EventBusPermissions' = @{
            # The recipe imports the module itself. The built folder it names is $env:EBP_TEST_MODULE here: the tests
            # import the module they are given, from whatever directory they run in.
            NoImport = $true
            Replace  = @(, @('./out/EventBusPermissions', '$env:EBP_TEST_MODULE'))
            Probe    = '"$((Get-Module EventBusPermissions).ModuleBase)|$(@(Get-Command -Module EventBusPermissions).Count)"'
            Assert   = { param($Run)
                Assert-NoProblem $Run
                $Run.Probe.Trim() | Should -Be "$((Get-Item $env:EBP_TEST_MODULE).FullName)|3"
            }
        }

        'README: The default bus of the account and region your AWS configuration points at' = @{
            Buses  = @{ 'us-east-1/default' = $ThreeKinds[0, 1] }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Objects.Count | Should -Be 1
                $Run.Objects[0].Name | Should -Be 'default'
                $Run.Objects[0].Region | Should -Be $HomeRegion -Because 'AWS_REGION says where'
                $Run.Objects[0].AccountId | Should -Be $Owner.AccountId -Because 'AWS_ACCESS_KEY_ID says as whom'
                $Run.Objects[0].Permissions.Count | Should -Be 2
            }
        }

        'README: Who may put events on a bus, as objects' = @{
            Buses  = @{ 'eu-west-1/orders' = $ThreeKinds }
            Assert = { param($Run) Assert-WhoMayPutEvents $Run }
        }

        'README: Several buses from the pipeline' = @{
            Assert = { param($Run) Assert-SeveralBuses $Run }
        }

        'README: Grant accounts from a CSV file with an AccountId column' = @{
            Buses  = @{ 'us-east-1/orders' = @($ThreeKinds[0]) }
            Assert = { param($Run)
                Assert-NoProblem $Run
                ($Run.Objects | Where-Object Status -EQ AlreadyGranted).AccountId | Should -Be '111122223333'
                (@($Run.Objects | Where-Object Status -EQ Granted).AccountId | Sort-Object) -join ', ' | Should -Be '222233334444, 555566667777'
                $Run.Writes.Count | Should -Be 2 -Because 'a grant that already holds is not written again'
                $Run.Writes.requestBody -join "`n" | Should -Not -Match '111122223333'
                Get-Sids orders | Should -Be 'Account-111122223333, Account-222233334444, Account-555566667777'
            }
        }

        'README: More than about 50 accounts outside one organization' = @{
            Buses  = @{ 'us-east-1/orders' = @($ThreeKinds) }
            Assert = { param($Run)
                Assert-NoProblem $Run
                @($Run.Objects | Where-Object Status -EQ Granted).Count | Should -Be 80
                $Run.Writes.Count | Should -Be 1 -Because 'one whole-policy write'
                $statements = ((Get-Bus orders).Policy | ConvertFrom-Json).Statement
                $packed = $statements | Where-Object Sid -EQ 'PackedAccounts'
                @($packed.Principal.AWS).Count | Should -Be 81 -Because "the 80 partners, and 111122223333's grant folded in"
                ($statements | Where-Object Effect -EQ Deny) | Should -Not -BeNullOrEmpty -Because 'every other statement stays'
            }
        }

        'README: Grant a whole organization instead of its accounts one by one' = @{
            Assert = { param($Run)
                Assert-NoProblem $Run
                $p = (Get-Bus orders).Permissions
                $p.Count | Should -Be 1 -Because 'one statement'
                $p[0].StatementId | Should -Be 'Organization-o-a1b2c3d4e5'
                $p[0].Principal | Should -Be '*'
                $p[0].OrganizationId | Should -Be 'o-a1b2c3d4e5'
            }
        }

        'README: Get into Revoke' = @{
            Buses  = @{ 'us-east-1/orders' = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'Account-222233334444' '222233334444'),
                    (New-Statement 'PartnerShop' '444455556666'), $ThreeKinds[1], $ThreeKinds[2]) }
            Assert = { param($Run)
                Assert-NoProblem $Run
                (@($Run.Objects | Where-Object Status -EQ Revoked).StatementId | Sort-Object) -join ', ' | Should -Be 'Account-222233334444, PartnerShop'
                Get-Sids orders | Should -Be 'Account-111122223333, DenyCompromised, Organization-o-a1b2c3d4e5' -Because 'a Deny is never removed this way'
            }
        }

        'README: Make the bus allow exactly this list' = @{
            # The second command asks before revoking; here someone answers yes.
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Runs   = @(@{ Answer = "y`n" })
            Assert = { param($Run)
                Assert-NoProblem $Run
                Assert-ExactListPreview $Run
                $Run.Output | Should -Match 'Revoke the accounts not in the list' -Because 'it asks before revoking'
                Assert-ExactList $Run
                $Run.Writes.Count | Should -Be 4 -Because 'the -WhatIf command wrote nothing; the second wrote two grants and two revokes'
            }
        }

        'README: The whole estate' = @{
            Assert = { param($Run)
                Assert-NoProblem $Run
                foreach ($key in $Universe) {
                    $region, $name = $key -split '/', 2
                    $accounts = @((Get-Bus $name $region).Permissions.AccountId)
                    if ($region -in 'us-east-1', 'eu-west-1') { $accounts | Should -Be @('111122223333') -Because "$key was listed" }
                    else { $accounts | Should -BeNullOrEmpty -Because "$key is in a region not named" }
                }
                @($Run.Objects | Where-Object Status -EQ Granted).Count | Should -Be 6
            }
        }

        'README: Buses piped from Get-CWEventBus are acted on as those buses, in their own region' = @{
            Assert = { param($Run)
                Assert-NoProblem $Run
                Get-Sids orders | Should -Be 'Account-111122223333'
                Get-Sids audit | Should -Be 'Account-111122223333'
                Get-Sids default | Should -BeNullOrEmpty -Because 'a bus object is never taken for the default bus'
                ($Run.Writes.eventBusName | Sort-Object) -join ', ' | Should -Be 'audit, orders'
            }
        }

        'README: Replace the whole policy with a document of your own' = @{
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Runs   = @(
                # Checked before it is sent: a document with a hyphenated account id is refused, and nothing is asked.
                @{ Files = @{ 'orders-policy.json' = '{"Version":"2012-10-17","Statement":[{"Sid":"Shop","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1111-2222-3333:root"},"Action":"events:PutEvents","Resource":"*"}]}' } },
                @{ Answer = "y`n" })
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be 'InvalidPolicyPrincipal'
                $Runs[0].Writes | Should -BeNullOrEmpty
                $Runs[0].Output | Should -Not -Match 'Continue\?'
                Assert-NoProblem $Run
                $Run.Output | Should -Match 'Replace the event bus policy' -Because 'it asks first'
                $Run.Output | Should -Match 'removed or changed \([^)]*Console-888877776666'
                Get-Sids orders | Should -Be 'Account-111122223333, DenyCompromised, Organization-o-a1b2c3d4e5'
                @($Run.Objects | Where-Object Status -EQ Granted).Count | Should -Be 3
            }
        }

        'README: In a runbook' = @{
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Output | Should -Not -Match 'Continue\?' -Because 'nothing waits for an answer'
                @($Run.Objects | Where-Object Status -EQ Revoked).Count | Should -Be 4
                Get-Sids orders | Should -Be 'DenyCompromised'
                $Run.Warnings -join "`n" | Should -Match 'DenyCompromised'
            }
        }

        # ---- docs/en-US/Get-CWEventBus.md ----

        'Get-CWEventBus: Read the default bus' = @{
            Buses  = @{ 'us-east-1/default' = $ThreeKinds[0, 1] }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Objects.Name | Should -Be 'default'
                $Run.Objects[0].AccountId | Should -Be $Owner.AccountId
                $Run.Output | Should -Match '(?m)^Name\s+Region\s+Permissions\s+LastModifiedTime'
                $Run.Output | Should -Match '(?m)^default\s+us-east-1\s+2\b'
            }
        }

        'Get-CWEventBus: See who may put events on a bus' = @{
            Buses  = @{ 'eu-west-1/orders' = $ThreeKinds }
            Assert = { param($Run) Assert-WhoMayPutEvents $Run }
        }

        'Get-CWEventBus: Read several buses from the pipeline' = @{
            Runs   = @(@{},
                # A -Region that names another region than the ARN's is refused for that bus only.
                @{ Replace = @(, @('Get-CWEventBus -ErrorAction', 'Get-CWEventBus -Region us-east-1 -ErrorAction')) })
            Assert = { param($Run, $Runs)
                Assert-SeveralBuses $Runs[0]
                $Runs[1].Objects.Name | Should -Be @('default', 'orders')
                $Runs[1].ErrorIds | Should -Be 'RegionMismatch'
            }
        }

        'Get-CWEventBus: Show a bus with one line per permission' = @{
            Buses  = @{ 'us-east-1/orders' = $ThreeKinds }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Output | Should -Match "(?m)^Arn\s+: arn:aws:events:us-east-1:$($Owner.AccountId):event-bus/orders"
                $Run.Output | Should -Match '(?m)^Permissions\s+: Account-111122223333: 111122223333\s*$'
                $Run.Output | Should -Match '(?m)^\s+Organization-o-a1b2c3d4e5: \* \(o-a1b2c3d4e5\)\s*$'
                $Run.Output | Should -Match '(?m)^\s+DenyCompromised: Deny 999988887777\s*$'
            }
        }

        'Get-CWEventBus: Find every bus, in several regions, that lets an account in' = @{
            # Only the profile 'audit' can sign: without it, nothing would be read.
            Env    = $NoKeys
            Buses  = @{
                'us-east-1/orders'      = @(New-Statement 'Account-111122223333' '111122223333')
                'eu-west-1/orders'      = @(New-Statement 'Deny111122223333' '111122223333' -Effect Deny)
                'ap-southeast-2/orders' = @((New-Statement "Organization-$Org" '*' -Organization $Org), (New-Statement 'Account-222233334444' '222233334444'))
            }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Objects.Count | Should -Be 1 -Because 'a Deny keeps the account out and an organization grant does not name it'
                $Run.Objects[0].Region | Should -Be 'us-east-1'
                $Run.Objects[0].Arn | Should -Be "arn:aws:events:us-east-1:$($Owner.AccountId):event-bus/orders"
                ($Run.Objects[0].PSObject.Properties.Name | Sort-Object) -join ', ' | Should -Be 'Arn, Name, Region'
                # The buses are read concurrently: the requests may go out in any order, the output comes region by region.
                ($Run.Requests | Where-Object operation -EQ ListEventBuses).region | Sort-Object | Should -Be @('ap-southeast-2', 'eu-west-1', 'us-east-1')
                ($Run.Requests | Where-Object operation -EQ DescribeEventBus).region | Sort-Object -Unique | Should -Be @('ap-southeast-2', 'eu-west-1', 'us-east-1')
                @($Run.Requests | Where-Object { $_.operation -eq 'DescribeEventBus' -and $_.region -eq 'us-east-1' }).Count | Should -BeGreaterOrEqual 4 -Because 'every bus of the region is read'
            }
        }

        'Get-CWEventBus: Read a bus through a local or VPC endpoint' = @{
            # The example's endpoint is an address of its own; here it is the test's endpoint, and the environment
            # names no endpoint and no keys, so only -EndpointUrl and -Credential can make the call succeed.
            Replace = @(, @('http://127.0.0.1:4566', $env:EBP_TEST_ENDPOINT))
            Env     = $NoKeys + @{ AWS_ENDPOINT_URL = $null }
            # Get-Credential asks a person for the key pair; nobody can type here, so it hands over the test keys.
            Stubs   = "function Get-Credential { [pscredential]::new('$($Owner.AccessKey)', (ConvertTo-SecureString '$($Owner.SecretKey)' -AsPlainText -Force)) }"
            Assert  = { param($Run)
                Assert-NoProblem $Run
                $Run.Objects.Name | Should -Be 'default'
                $Run.Objects[0].Arn | Should -Be "arn:aws:events:us-east-1:$($Owner.AccountId):event-bus/default"
                ($Run.Requests | Where-Object operation -EQ DescribeEventBus).accessKeyId | Should -Be $Owner.AccessKey
            }
        }

        # ---- docs/en-US/Grant-CWEventBusPermission.md ----

        'Grant-CWEventBusPermission: Grant one account' = @{
            Runs   = @(@{}, @{})
            Assert = { param($Run, $Runs)
                Assert-NoProblem $Runs[0]
                $Runs[0].Objects.Status | Should -Be 'Granted'
                $Runs[0].Objects.StatementId | Should -Be 'Account-111122223333'
                Assert-NoProblem $Runs[1]
                $Runs[1].Objects.Status | Should -Be 'AlreadyGranted' -Because 'running it again'
                $Runs[1].Writes | Should -BeNullOrEmpty
                Get-Sids orders | Should -Be 'Account-111122223333'
            }
        }

        'Grant-CWEventBusPermission: Grant the accounts of a CSV file' = @{
            Runs   = @(
                @{ Files = @{ 'accounts.csv' = "AccountId,Name`n111122223333,shop`n2222-3333-4444,warehouse`n55556666777,typo`n555566667777,billing`n" } },
                # The explanation's other claim: a column named otherwise grants nothing.
                @{ Files = @{ 'accounts.csv' = "Account ID,Name`n999900001111,other`n" } })
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be 'InvalidAccountId' -Because 'one error for the row with a bad id'
                (@($Runs[0].Objects | Where-Object Status -EQ Granted).AccountId | Sort-Object) -join ', ' | Should -Be '111122223333, 222233334444, 555566667777'
                $Runs[1].ErrorIds | Should -Be 'InputWithoutAccountId'
                $Runs[1].Writes | Should -BeNullOrEmpty
                Get-Sids orders | Should -Be 'Account-111122223333, Account-222233334444, Account-555566667777'
            }
        }

        'Grant-CWEventBusPermission: Grant an AWS Organization' = @{
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Objects.Status | Should -Be 'Granted'
                $p = (Get-Bus orders).Permissions
                $p.StatementId | Should -Be 'Organization-o-a1b2c3d4e5'
                $p.Principal | Should -Be '*'
                $p.OrganizationId | Should -Be 'o-a1b2c3d4e5'
            }
        }

        'Grant-CWEventBusPermission: See what would be granted, without granting' = @{
            # One account granted already; the statement id of another holds a different grant.
            Buses  = @{ 'us-east-1/orders' = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'Account-555566667777' '666677778888')) }
            Runs   = @(
                # A bus that does not exist is the same error as without -WhatIf, once per account.
                @{ Replace = @(, @('-EventBusName orders', '-EventBusName no-such-bus')) },
                @{})
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be @('ResourceNotFoundException', 'ResourceNotFoundException', 'ResourceNotFoundException')
                $Runs[0].Writes | Should -BeNullOrEmpty
                $Run.Threw | Should -BeNullOrEmpty
                $Run.Writes | Should -BeNullOrEmpty
                $Run.Requests.operation | Should -Contain 'DescribeEventBus' -Because '-WhatIf reads the policy'
                ($Run.Objects | Where-Object Status -EQ AlreadyGranted).AccountId | Should -Be '111122223333'
                $Run.Output | Should -Match "What if: .*Grant \(statement 'Account-222233334444'\)"
                $Run.Output | Should -Not -Match 'What if: .*(111122223333|555566667777)'
                $Run.ErrorIds | Should -Be 'StatementIdConflict'
                Get-Sids orders | Should -Be 'Account-111122223333, Account-555566667777'
            }
        }

        'Grant-CWEventBusPermission: Make the bus allow exactly this list, in a runbook' = @{
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Runs   = @(
                # The explanation's advice first: the same command with -WhatIf in place of -Confirm:$false.
                @{ Replace = @(, @('-Confirm:$false', '-WhatIf')) },
                @{},
                # A list with a refused row: the good rows are granted, nothing is revoked (555566667777 stays).
                @{ Files = @{ 'accounts.csv' = "AccountId`n111122223333`n2222-3333-4444`n1111-2222-333`n" } })
            Assert = { param($Run, $Runs)
                Assert-ExactListPreview $Runs[0]
                $Runs[0].Writes | Should -BeNullOrEmpty
                Assert-NoProblem $Runs[1]
                $Runs[1].Output | Should -Not -Match 'Continue\?' -Because '-Confirm:$false answers the question'
                Assert-ExactList $Runs[1]
                $Runs[2].ErrorIds | Should -Be @('InvalidAccountId', 'ExclusiveListIncomplete')
                $Runs[2].Writes | Should -BeNullOrEmpty
                Get-Sids orders | Should -Be $TheList
            }
        }

        'Grant-CWEventBusPermission: Grant on the buses you read' = @{
            Runs   = @(@{},
                # Without -AccountId the buses say where but not whom.
                @{ Replace = @(, @(' -AccountId 111122223333', '')) })
            Assert = { param($Run, $Runs)
                Assert-NoProblem $Runs[0]
                Get-Sids orders | Should -Be 'Account-111122223333'
                Get-Sids audit | Should -Be 'Account-111122223333'
                Get-Sids default | Should -BeNullOrEmpty
                $Runs[1].ErrorIds | Should -Be @('AccountIdRequired', 'AccountIdRequired')
                $Runs[1].Writes | Should -BeNullOrEmpty
            }
        }

        'Grant-CWEventBusPermission: Copy the grants of one bus to a bus in another region' = @{
            Buses  = @{ 'us-east-1/orders' = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'PartnerShop' '444455556666'),
                    $ThreeKinds[1], $ThreeKinds[2]) }
            Runs   = @(@{},
                # Without the Effect filter, the Deny is refused rather than granted.
                @{ Replace = @(, @("    Where-Object Effect -EQ Allow |`n", '')) },
                # Without -EventBusName each permission is for the bus it was read from, which -Region does not reach.
                @{ Replace = @(, @(' -EventBusName orders', '')) })
            Assert = { param($Run, $Runs)
                Assert-NoProblem $Runs[0]
                $Runs[2].ErrorIds | Should -Be @('EventBusMismatch', 'EventBusMismatch', 'EventBusMismatch') -Because 'each permission names its own region, and -Region another'
                $Runs[2].Writes | Should -BeNullOrEmpty
                Get-Sids orders eu-west-1 | Should -Be 'Account-111122223333, Account-444455556666, Organization-o-a1b2c3d4e5'
                $org = (Get-Bus orders eu-west-1).Permissions | Where-Object StatementId -EQ 'Organization-o-a1b2c3d4e5'
                $org.OrganizationId | Should -Be 'o-a1b2c3d4e5' -Because 'an organization grant is copied as that organization, never as every account'
                Get-Sids orders | Should -Be 'Account-111122223333, DenyCompromised, Organization-o-a1b2c3d4e5, PartnerShop'
                $Runs[1].ErrorIds | Should -Be 'InputNotGrantable'
                Get-Sids orders eu-west-1 | Should -Be 'Account-111122223333, Account-444455556666, Organization-o-a1b2c3d4e5'
            }
        }

        'Grant-CWEventBusPermission: Grant under a statement id of your own, in another region' = @{
            # Only the profile 'prod' can sign.
            Env    = $NoKeys
            Runs   = @(
                # One statement id, so one account per bus: with two, neither is written.
                @{ Replace = @(, @('-AccountId 444455556666', '-AccountId 444455556666, 111122223333')) },
                @{})
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be @('StatementIdWithManyAccounts', 'StatementIdWithManyAccounts')
                $Runs[0].Writes | Should -BeNullOrEmpty
                Assert-NoProblem $Run
                $p = (Get-Bus orders eu-west-1).Permissions
                $p.StatementId | Should -Be 'PartnerShop'
                $p.AccountId | Should -Be '444455556666'
                Get-Sids orders | Should -BeNullOrEmpty
                $Run.Writes.region | Should -Be 'eu-west-1'
            }
        }

        'Grant-CWEventBusPermission: Grant every AWS account unattended' = @{
            Runs   = @(
                # Without -Force nobody is there to answer: ConfirmationRequired, and nothing is written.
                @{ Replace = @(, @(' -Force', '')) },
                @{})
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be 'ConfirmationRequired'
                $Runs[0].Writes | Should -BeNullOrEmpty
                Assert-NoProblem $Run
                $p = (Get-Bus public-feed).Permissions
                $p.StatementId | Should -Be 'AllAccounts'
                $p.Principal | Should -Be '*'
                $p.Condition | Should -BeNullOrEmpty
                $Run.Warnings -join "`n" | Should -Match 'every AWS account'
            }
        }

        'Grant-CWEventBusPermission: Replace the whole policy with a document of your own' = @{
            # orders-policy.json is the document the explanation shows. It names the bus's owner 123456789012 in its
            # Resource; here the owner is the examples' account.
            Files  = @{ 'orders-policy.json' = { param($Example)
                    $json = @($Example.Extra | Where-Object { $_.Language -eq 'json' })[0].Text
                    if ($json -notmatch '123456789012') { throw 'The -Policy example''s document no longer names the account 123456789012; update its entry.' }
                    $json -replace '123456789012', $Owner.AccountId
                } }
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Runs   = @(@{ Answer = "y`n" })
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Warnings | Should -BeNullOrEmpty -Because 'the document holds nothing risky'
                $Run.Output | Should -Match 'What if: .*removed or changed \([^)]*Account-999900001111[^)]*Console-888877776666'
                $Run.Output | Should -Match 'Replace the event bus policy' -Because 'the second command asks'
                Get-Sids orders | Should -Be 'Account-111122223333, DenyCompromised, Organization-o-a1b2c3d4e5'
                @($Run.Objects | Where-Object Status -EQ Granted).Count | Should -Be 3
                @($Run.Writes).Count | Should -Be 1 -Because 'the -WhatIf command wrote nothing'
            }
        }

        # ---- docs/en-US/Revoke-CWEventBusPermission.md ----

        'Revoke-CWEventBusPermission: Revoke a statement by its id' = @{
            Buses  = @{ 'us-east-1/orders' = $ThreeKinds }
            Runs   = @(@{}, @{})
            Assert = { param($Run, $Runs)
                Assert-NoProblem $Runs[0]
                $Runs[0].Objects.Status | Should -Be 'Revoked'
                $Runs[0].Objects.StatementId | Should -Be 'Account-111122223333'
                $Runs[1].ErrorIds | Should -BeNullOrEmpty
                $Runs[1].Objects.Status | Should -Be 'NotGranted' -Because 'revoking it again finds nothing to revoke'
                $Runs[1].Objects.StatementId | Should -Be 'Account-111122223333'
                Get-Sids orders | Should -Be 'DenyCompromised, Organization-o-a1b2c3d4e5'
            }
        }

        'Revoke-CWEventBusPermission: Revoke everything an account was granted' = @{
            Buses  = @{ 'us-east-1/orders' = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'PartnerShop' '444455556666'),
                    $ThreeKinds[1], (New-Statement 'TwoPartners' @('111122223333', '444455556666')), (New-Statement 'DenyPartner' '444455556666' -Effect Deny)) }
            Assert = { param($Run)
                Assert-NoProblem $Run
                (@($Run.Objects.StatementId) | Sort-Object) -join ', ' | Should -Be 'Account-111122223333, PartnerShop, TwoPartners, TwoPartners'
                (@($Run.Objects | Where-Object StatementId -EQ TwoPartners).AccountId | Sort-Object) -join ', ' | Should -Be '111122223333, 444455556666'
                Get-Sids orders | Should -Be 'DenyPartner, Organization-o-a1b2c3d4e5' -Because 'the shared statement named no one else, so it went'
            }
        }

        'Revoke-CWEventBusPermission: Get into Revoke: every account grant except one' = @{
            Buses  = @{ 'us-east-1/orders' = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'Account-222233334444' '222233334444'),
                    (New-Statement 'PartnerShop' '444455556666'), $ThreeKinds[1], $ThreeKinds[2]) }
            Runs   = @(@{},
                # Without the Effect filter the Deny comes down the pipeline too, and is kept with an error.
                @{ Replace = @(, @("    Where-Object Effect -EQ Allow |`n", '')) })
            Assert = { param($Run, $Runs)
                Assert-NoProblem $Runs[0]
                (@($Runs[0].Objects.StatementId) | Sort-Object) -join ', ' | Should -Be 'Account-222233334444, PartnerShop'
                $Runs[1].ErrorIds | Should -Be 'DenyStatementKept'
                Get-Sids orders | Should -Be 'Account-111122223333, DenyCompromised, Organization-o-a1b2c3d4e5'
            }
        }

        'Revoke-CWEventBusPermission: Make the bus allow exactly this list' = @{
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Assert = { param($Run)
                Assert-NoProblem $Run
                Assert-ExactListPreview $Run
                $Run.Writes | Should -BeNullOrEmpty
            }
        }

        'Revoke-CWEventBusPermission: Remove every permission in a runbook' = @{
            Buses  = @{ 'eu-west-1/orders' = $NotTheList }
            Runs   = @(
                # Without -Confirm:$false nobody can answer: ConfirmationRequired, and nothing is removed.
                @{ Replace = @(, @(' -Confirm:$false', '')) },
                @{})
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be 'ConfirmationRequired'
                $Runs[0].Writes | Should -BeNullOrEmpty
                Assert-NoProblem $Runs[1]
                # The objects come back through the runbook pwsh, serialized: Status arrives as the enum's number.
                (@($Runs[1].Objects.StatementId) | Sort-Object) -join ', ' | Should -Be 'Account-111122223333, Account-999900001111, Console-888877776666, Organization-o-a1b2c3d4e5'
                @($Runs[1].Objects.Status | Sort-Object -Unique) | Should -Be @('3') -Because '3 is Revoked'
                Get-Sids orders eu-west-1 | Should -Be 'DenyCompromised'
                # The runbook pwsh's warnings reach the screen, not the caller's warning stream.
                $Runs[1].Output | Should -Match 'WARNING: .*DenyCompromised'
            }
        }

        'Revoke-CWEventBusPermission: See what would be revoked' = @{
            Buses  = @{ 'us-east-1/orders' = @($ThreeKinds[0], $ThreeKinds[1], (New-Statement 'DenyOldOrganization' '*' -Effect Deny -Organization 'o-zzzzzzzzzz')) }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Output | Should -Match "What if: .*statement 'Organization-o-a1b2c3d4e5'"
                $Run.Output | Should -Not -Match 'What if: .*(DenyOldOrganization|Account-111122223333)'
                $Run.Writes | Should -BeNullOrEmpty
            }
        }

        'Revoke-CWEventBusPermission: Revoke an account from the buses you read' = @{
            Buses  = @{
                'us-east-1/orders'  = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'Account-222233334444' '222233334444'))
                'us-east-1/audit'   = @((New-Statement 'Account-111122223333' '111122223333'), (New-Statement 'Account-222233334444' '222233334444'))
                'us-east-1/default' = @(New-Statement 'Account-111122223333' '111122223333')
            }
            Runs   = @(@{},
                # Without -AccountId a bus says where, but not what.
                @{ Replace = @(, @(' -AccountId 111122223333', '')) })
            Assert = { param($Run, $Runs)
                Assert-NoProblem $Runs[0]
                Get-Sids orders | Should -Be 'Account-222233334444'
                Get-Sids audit | Should -Be 'Account-222233334444'
                Get-Sids default | Should -Be 'Account-111122223333' -Because 'no other bus'
                $Runs[1].ErrorIds | Should -Be @('RevokeTargetRequired', 'RevokeTargetRequired')
                $Runs[1].Writes | Should -BeNullOrEmpty
            }
        }

        'Revoke-CWEventBusPermission: Remove a Deny statement' = @{
            Buses  = @{ 'us-east-1/orders' = $ThreeKinds }
            Runs   = @(
                # Without -Force the Deny is kept.
                @{ Replace = @(, @(' -Force', '')) },
                @{})
            Assert = { param($Run, $Runs)
                $Runs[0].ErrorIds | Should -Be 'DenyStatementKept'
                $Runs[0].Writes | Should -BeNullOrEmpty
                Assert-NoProblem $Runs[1]
                $Runs[1].Objects.StatementId | Should -Be 'DenyCompromised'
                $Runs[1].Warnings -join "`n" | Should -Match 'allowed again'
                Get-Sids orders | Should -Be 'Account-111122223333, Organization-o-a1b2c3d4e5'
            }
        }

        # ---- docs/en-US/about_EventBusPermissions.md ----

        'about_EventBusPermissions: Who may put events on the bus "orders"?' = @{
            Buses  = @{ 'us-east-1/orders' = $ThreeKinds }
            Assert = { param($Run)
                Assert-NoProblem $Run
                $Run.Output | Should -Match '(?m)^Account-111122223333\s+Allow\s+111122223333'
                $Run.Output | Should -Match '(?m)^Organization-o-a1b2c3d4e5\s+Allow\s+\*\s+o-a1b2c3d4e5'
                $Run.Output | Should -Match '(?m)^DenyCompromised\s+Deny\s+999988887777'
            }
        }

        'about_EventBusPermissions: Make the bus allow exactly the accounts of a CSV file' = @{
            # The second command asks before revoking; here someone answers yes.
            Buses  = @{ 'us-east-1/orders' = $NotTheList }
            Runs   = @(@{ Answer = "y`n" })
            Assert = { param($Run)
                Assert-NoProblem $Run
                Assert-ExactListPreview $Run
                $Run.Output | Should -Match 'Revoke the accounts not in the list'
                Assert-ExactList $Run
            }
        }
    }
}

AfterAll {
    if ($Scratch -and (Test-Path $Scratch)) { Remove-Item $Scratch -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The examples are found' {
    It 'README "Using it" and each help file give their examples' -TestCases @(@{ Found = $AllExamples }) {
        @($Found | Where-Object { $_.Source -eq 'README' }).Count | Should -BeGreaterThan 8
        foreach ($file in 'Get-CWEventBus', 'Grant-CWEventBusPermission', 'Revoke-CWEventBusPermission') {
            @($Found | Where-Object { $_.Source -eq $file }).Count | Should -BeGreaterOrEqual 3 -Because "$file.md has at least three examples"
        }
        @($Found | Where-Object { $_.Source -eq 'about_EventBusPermissions' }).Count | Should -BeGreaterThan 0
        @($Found | Where-Object { -not "$($_.Code)".Trim() } | ForEach-Object { $_.Key }) | Should -BeNullOrEmpty -Because 'every example has code'
        @($Found | ForEach-Object { $_.Key } | Group-Object | Where-Object Count -GT 1).Name | Should -BeNullOrEmpty -Because 'titles name examples'
    }

    It 'every example has an entry in the table, and every entry an example' -TestCases @(@{ Keys = @($AllExamples | ForEach-Object { $_.Key }) }) {
        @($Keys | Where-Object { -not $Examples.ContainsKey($_) }) | Should -BeNullOrEmpty -Because 'a new example needs an entry saying what to check'
        @($Examples.Keys | Where-Object { $_ -notin $Keys }) | Should -BeNullOrEmpty -Because 'an entry whose example is gone checks nothing'
    }
}

Describe 'Each example does what its text says' {
    It '<Key>' -ForEach $AllExamples {
        $entry = $Examples[$Key]
        $entry | Should -Not -BeNullOrEmpty -Because "'$Key' needs an entry in `$Examples saying what it does"
        if (-not $HaveCli) {
            Set-ItResult -Skipped -Because 'the AWS CLI is not on PATH, and the examples need it to create their buses'
            return
        }
        Reset-ExampleBus $entry.Buses
        $example = @{ Key = $Key; Code = $Code; Extra = $Extra }
        $runs = @(foreach ($spec in @(if ($entry.Runs) { $entry.Runs } else { @{} })) { Invoke-Example $example $entry $spec })
        & $entry.Assert $runs[-1] $runs
    }
}
