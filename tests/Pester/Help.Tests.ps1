#Requires -Modules Pester
# The help a user reads with Get-Help, from the built module folder: every exported cmdlet has a synopsis, a
# description, its inputs and outputs, at least three examples and a description of every parameter, and the
# about topic is found. The help is generated from docs/en-US by tools/New-ExternalHelp.ps1 during the build.

BeforeDiscovery {
    Import-Module $env:EBP_TEST_MODULE -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $script:Cmdlets = @(Get-Command -Module EventBusPermissions -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            @{
                Name       = $_.Name
                # -WhatIf and -Confirm are the command's own to explain; the common parameters are not.
                # DontShow parameters (the whole pipeline object Grant and Revoke inspect) are not for users to type.
                Parameters = @($_.Parameters.Values | Where-Object {
                        $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow })
                    } | ForEach-Object Name | Sort-Object)
            }
        })
}

BeforeAll {
    Import-Module $env:EBP_TEST_MODULE -Force
    function script:Get-HelpText($Node) {
        # Get-Help's description nodes are arrays of { Text } paragraphs; null when the help has none.
        (@($Node | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n").Trim()
    }
}

Describe 'Get-Help <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Command = Get-Command $Name
        $script:Help = Get-Help $Name -Full
    }

    It 'comes from the module''s help file, not the help PowerShell makes up' {
        # Without a help file, Get-Help shows the syntax as the synopsis and has no description.
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match ('^\s*' + [regex]::Escape($Name) + '\s+[\[-]')
    }

    It 'has a description' {
        Get-HelpText $Help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least three examples, each with code and an explanation' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "'$($example.title)' shows code"
            Get-HelpText $example.remarks | Should -Not -BeNullOrEmpty -Because "'$($example.title)' explains itself"
        }
    }

    # Help that PowerShell makes up lists the types too, from the parameters and [OutputType], but says nothing about them.
    It 'names its input types, each with a description' {
        $inputs = @($Help.inputTypes.inputType | Where-Object { $_.type.name })
        $inputs.Count | Should -BeGreaterThan 0
        foreach ($type in $inputs) {
            Get-HelpText $type.description | Should -Not -BeNullOrEmpty -Because "the input type $($type.type.name.Trim()) needs a description"
        }
    }

    It 'names its output types, each with a description, every [OutputType] included' {
        $outputs = @($Help.returnValues.returnValue | Where-Object { $_.type.name })
        $outputs.Count | Should -BeGreaterThan 0
        foreach ($type in $outputs) {
            Get-HelpText $type.description | Should -Not -BeNullOrEmpty -Because "the output type $($type.type.name.Trim()) needs a description"
        }
        foreach ($type in $Command.OutputType) {
            @($outputs | ForEach-Object { $_.type.name.Trim() }) | Should -Contain $type.Type.FullName
        }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameterHelp = Get-Help $Name -Parameter $_ -ErrorAction SilentlyContinue
        $parameterHelp | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Parameter $_ must find it"
        Get-HelpText $parameterHelp.description | Should -Not -BeNullOrEmpty -Because "-$_ of $Name needs a description"
    }

    It 'documents no parameter the command lacks' {
        $documented = @($Help.parameters.parameter | ForEach-Object name)
        $documented | Where-Object { $_ -notin $Command.Parameters.Keys } | Should -BeNullOrEmpty
    }

    It 'shows every parameter set in its syntax' {
        @($Help.syntax.syntaxItem).Count | Should -Be @($Command.ParameterSets).Count
    }
}

Describe 'about_EventBusPermissions' {
    BeforeAll {
        # Not found, Get-Help writes an error; the first test then says so instead of the whole block failing.
        $script:About = Get-Help about_EventBusPermissions -ErrorAction SilentlyContinue
        $script:AboutText = $About | Out-String
    }

    It 'is found by Get-Help, with its short description as the synopsis' {
        $About | Should -Not -BeNullOrEmpty -Because 'en-US/about_EventBusPermissions.help.txt is in the module folder'
        $About.Category | Should -Be 'HelpFile'
        $About.Synopsis | Should -Match 'event bus'
    }

    It 'covers <Topic>' -ForEach @(
        @{ Topic = 'where the region comes from'; Pattern = 'AWS_REGION' }
        @{ Topic = 'where credentials come from'; Pattern = 'AWS_ACCESS_KEY_ID' }
        @{ Topic = 'endpoints'; Pattern = 'AWS_ENDPOINT_URL_EVENTBRIDGE' }
        @{ Topic = 'the policy quota'; Pattern = '10,240' }
        @{ Topic = 'the organization remedy'; Pattern = '-OrganizationId' }
        @{ Topic = 'account statement ids'; Pattern = 'Account-111122223333' }
        @{ Topic = 'organization statement ids'; Pattern = 'Organization-o-' }
        @{ Topic = 'the statement id of every account'; Pattern = 'AllAccounts' }
        @{ Topic = 'ErrorIds'; Pattern = 'FullyQualifiedErrorId' }
        @{ Topic = 'unattended use'; Pattern = '-NonInteractive' }
        @{ Topic = 'ConfirmationRequired'; Pattern = 'ConfirmationRequired' }
        @{ Topic = '-Confirm:$false'; Pattern = '-Confirm:\$false' }
        @{ Topic = '-WhatIf'; Pattern = '-WhatIf' }
    ) {
        $AboutText | Should -Match $Pattern
    }
}

Describe 'the help in the gallery package' {
    It 'ships the cmdlet help and the about topic in en-US' {
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
        $entries | Should -Contain 'en-US/EventBusPermissions.dll-Help.xml'
        $entries | Should -Contain 'en-US/about_EventBusPermissions.help.txt'
    }
}
