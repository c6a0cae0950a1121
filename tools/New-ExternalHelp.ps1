#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Turns the markdown help in docs/<culture> into the files Get-Help reads: MAML (<assembly>-Help.xml) for the
    cmdlets and plain text (about_*.help.txt) for the about topics.

.DESCRIPTION
    The markdown layout is described in docs/README.md. From each cmdlet's markdown this script takes the words:
    synopsis, description, examples, parameter descriptions, inputs, outputs, notes and related links. Everything
    the code already knows comes from the built module instead, imported from -ModulePath and read through
    Get-Command: the parameter sets, parameter types, which parameters are required, their positions, pipeline
    input and aliases. The help therefore cannot disagree with the code about them.

    The script fails (throws, listing every problem it found) when
      - an exported cmdlet has no markdown file, or its file lacks SYNOPSIS, DESCRIPTION, EXAMPLES, PARAMETERS,
        INPUTS or OUTPUTS, or has a section this layout does not know;
      - a parameter of the command (common parameters aside; -WhatIf and -Confirm included) has no description;
      - a cmdlet has fewer than -MinimumExamples examples, or an example lacks code or an explanation;
      - a cmdlet declares an [OutputType] that OUTPUTS does not name;
      - an about topic has no SHORT DESCRIPTION, or any file uses markdown that plain text cannot show (tables).
    A documented parameter that the command does not have, and a markdown file for a command the module does not
    export, are only warnings: the documentation of a parameter may land before the code that adds it.

    Run it in a pwsh of its own (build.ps1 does): it imports the module, whose assemblies then stay loaded in
    that process.

.PARAMETER DocsPath
    The folder of one culture's markdown, such as docs/en-US.

.PARAMETER OutputPath
    The culture folder inside the built module, such as out/EventBusPermissions/en-US. Created when missing.

.PARAMETER ModulePath
    The built module to read the commands from (a folder or a .psd1). Default: the parent folder of -OutputPath.

.PARAMETER MinimumExamples
    The fewest examples a cmdlet may have. Default: 3.

.PARAMETER TextWidth
    The column at which about topics are wrapped. Default: 80.

.EXAMPLE
    dotnet pwsh -NoProfile -File tools/New-ExternalHelp.ps1 -DocsPath docs/en-US -OutputPath out/EventBusPermissions/en-US

    Writes out/EventBusPermissions/en-US/EventBusPermissions.dll-Help.xml and about_EventBusPermissions.help.txt.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $ModulePath,
    [ValidateRange(0, 100)] [int] $MinimumExamples = 3,
    [ValidateRange(40, 200)] [int] $TextWidth = 80
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# The sections of a cmdlet's markdown; the first six are required. SYNTAX is left out on purpose: it is generated.
$RequiredSections = 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS'
$KnownSections = $RequiredSections + 'NOTES', 'RELATED LINKS'

# Keys a parameter's ```yaml block may hold; everything else about a parameter comes from the module.
$ParameterYamlKeys = 'Default value', 'Accept wildcard characters'

# ---------------------------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------------------------

function ConvertFrom-MarkdownFile {
    <#
    Reads a markdown file into blocks: Heading (Level, Text), Para (Text), Item (Marker, Indent, Text) and
    Code (Language, Lines), each with the line number it starts on. YAML front matter and HTML comments are
    skipped; a table is an error, since Get-Help shows text.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    $lines = [IO.File]::ReadAllLines($Path)
    $blocks = [Collections.Generic.List[object]]::new()
    $open = $null          # the paragraph or list item that following lines continue
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $i = 1
        while ($i -lt $lines.Count -and $lines[$i].Trim() -ne '---') { $i++ }
        if ($i -ge $lines.Count) { throw "${Path}:1: the front matter is not closed by a line '---'." }
        $i++
    }

    while ($i -lt $lines.Count) {
        $line = $lines[$i]
        $number = $i + 1
        if ($line -match '^\s*(?<fence>`{3,}|~{3,})\s*(?<lang>[\w+-]*)\s*$') {
            $open = $null
            $fence = $Matches.fence
            $language = $Matches.lang
            $indent = $line.Length - $line.TrimStart().Length
            $code = [Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $lines.Count -and $lines[$i] -notmatch ('^\s*' + [regex]::Escape($fence) + '\s*$')) {
                # Lines of a code block nested in a list item lose the item's indentation, no more.
                $codeLine = $lines[$i]
                $lead = $codeLine.Length - $codeLine.TrimStart().Length
                $code.Add($codeLine.Substring([Math]::Min($indent, $lead)).TrimEnd())
                $i++
            }
            if ($i -ge $lines.Count) { throw "${Path}:${number}: the code block that starts here is not closed." }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $language; Lines = $code.ToArray(); Line = $number })
            $i++
            continue
        }
        if ($line -match '^\s*<!--') {
            $open = $null
            while ($i -lt $lines.Count -and $lines[$i] -notmatch '-->') { $i++ }
            if ($i -ge $lines.Count) { throw "${Path}:${number}: the HTML comment that starts here is not closed." }
            $i++
            continue
        }
        if ($line -match '^(?<hashes>#{1,6})\s+(?<text>.+?)\s*#*\s*$') {
            $open = $null
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches.hashes.Length; Text = $Matches.text; Line = $number })
            $i++
            continue
        }
        if ($line -match '^\s*\|') {
            throw "${Path}:${number}: tables are not supported: Get-Help shows plain text. Write a list instead."
        }
        if ($line.Trim().Length -eq 0) {
            $open = $null
            $i++
            continue
        }
        if ($line -match '^(?<indent>\s*)(?<marker>[-*+]|\d{1,3}[.)])\s+(?<text>.*)$') {
            $open = [pscustomobject]@{
                Kind = 'Item'; Marker = $Matches.marker; Indent = $Matches.indent.Length; Line = $number
                Parts = [Collections.Generic.List[string]]::new()
            }
            $open.Parts.Add($Matches.text.Trim())
            $blocks.Add($open)
            $i++
            continue
        }
        if ($null -eq $open) {
            $open = [pscustomobject]@{ Kind = 'Para'; Line = $number; Parts = [Collections.Generic.List[string]]::new() }
            $blocks.Add($open)
        }
        $open.Parts.Add($line.Trim())
        $i++
    }

    foreach ($block in $blocks) {
        if ($block.PSObject.Properties['Parts']) {
            $block | Add-Member -NotePropertyName Text -NotePropertyValue (ConvertTo-PlainText ($block.Parts -join ' '))
        }
    }
    return , $blocks.ToArray()
}

function ConvertTo-PlainText {
    <# Inline markdown as plain text: code spans, emphasis and escapes lose their marks; a web link keeps its address. #>
    param([AllowEmptyString()] [string] $Text)

    $result = [Text.StringBuilder]::new()
    # Code spans are taken as they are; only the text between them is unmarked.
    $pieces = [regex]::Split($Text, '(`+)(.+?)\1')
    # Split with two groups yields: text, ticks, code, text, ticks, code, ...
    for ($k = 0; $k -lt $pieces.Count; $k++) {
        $kind = $k % 3
        if ($kind -eq 1) { continue }
        if ($kind -eq 2) { [void] $result.Append($pieces[$k].Trim()); continue }
        $t = $pieces[$k]
        $t = [regex]::Replace($t, '!?\[(?<text>[^\]]+)\]\((?<url>[^)\s]+)\)', {
                param($m)
                if ($m.Groups['url'].Value -match '^https?://') { "$($m.Groups['text'].Value) ($($m.Groups['url'].Value))" } else { $m.Groups['text'].Value }
            })
        $t = [regex]::Replace($t, '<(?<url>https?://[^>\s]+)>', '${url}')
        $t = [regex]::Replace($t, '\*\*(?<x>.+?)\*\*|__(?<x>.+?)__', '${x}')
        # Emphasis only around words, so that a lone '*' (every account) or AWS_REGION stays as written.
        $t = [regex]::Replace($t, '(?<![\w*\\])\*(?=[A-Za-z0-9])(?<x>[^*]+?)(?<=[A-Za-z0-9.])\*(?![\w*])', '${x}')
        $t = [regex]::Replace($t, '(?<![\w\\])_(?=[A-Za-z0-9])(?<x>[^_]+?)(?<=[A-Za-z0-9.])_(?!\w)', '${x}')
        $t = [regex]::Replace($t, '\\(?<c>[\\`*_{}\[\]()#+\-.!<>|])', '${c}')
        [void] $result.Append($t)
    }
    $result.ToString()
}

function Split-Sections {
    <#
    Groups a file's blocks by heading: the level-1 title, then level-2 sections, each with its own blocks and its
    level-3 subsections. Deeper headings stay inside the content they belong to.
    #>
    param([Parameter(Mandatory)] [object[]] $Blocks, [Parameter(Mandatory)] [string] $Path)

    $doc = [pscustomobject]@{ Path = $Path; Title = $null; Sections = [Collections.Generic.List[object]]::new() }
    $section = $null
    $sub = $null
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -le 3) {
            if ($block.Level -eq 1) {
                if ($null -ne $doc.Title) { throw "${Path}:$($block.Line): a second level-1 title ('# $($block.Text)')." }
                $doc.Title = $block.Text
                $section = $null
                $sub = $null
            }
            elseif ($block.Level -eq 2) {
                $section = [pscustomobject]@{
                    Name = $block.Text.Trim().ToUpperInvariant(); Line = $block.Line
                    Blocks = [Collections.Generic.List[object]]::new(); Subsections = [Collections.Generic.List[object]]::new()
                }
                $doc.Sections.Add($section)
                $sub = $null
            }
            else {
                if ($null -eq $section) { throw "${Path}:$($block.Line): '### $($block.Text)' comes before any '## ' section." }
                $sub = [pscustomobject]@{ Title = $block.Text.Trim(); Line = $block.Line; Blocks = [Collections.Generic.List[object]]::new() }
                $section.Subsections.Add($sub)
            }
            continue
        }
        if ($null -ne $sub) { $sub.Blocks.Add($block) }
        elseif ($null -ne $section) { $section.Blocks.Add($block) }
        elseif ($block.Kind -ne 'Heading') { throw "${Path}:$($block.Line): text before the first '## ' section." }
    }
    $doc
}

function Get-Section([object] $Doc, [string] $Name) {
    @($Doc.Sections | Where-Object Name -EQ $Name) | Select-Object -First 1
}

function ConvertTo-Paragraphs {
    <#
    Blocks as the paragraphs of a MAML description: a paragraph as it is, a list item with its marker, a code
    block as one paragraph of indented lines, a deeper heading as a line of its own.
    #>
    param([object[]] $Blocks)
    foreach ($block in @($Blocks)) {
        switch ($block.Kind) {
            'Para' { $block.Text }
            'Item' { (' ' * $block.Indent) + $block.Marker + ' ' + $block.Text }
            'Code' { ($block.Lines | ForEach-Object { '    ' + $_ }) -join "`n" }
            'Heading' { ConvertTo-PlainText $block.Text }
        }
    }
}

function Test-HasText([object[]] $Blocks) {
    [bool] (@($Blocks | Where-Object { $_.Kind -in 'Para', 'Item' -and $_.Text.Trim() }).Count)
}

# ---------------------------------------------------------------------------------------------------------------
# Cmdlet help
# ---------------------------------------------------------------------------------------------------------------

function Read-CmdletDoc {
    <# The words of one cmdlet's help from its markdown; problems are added to $Problems. #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [Collections.Generic.List[string]] $Problems
    )
    $doc = Split-Sections -Blocks (ConvertFrom-MarkdownFile $Path) -Path $Path
    $name = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($doc.Title -cne $name) { $Problems.Add("${Path}: the title is '# $($doc.Title)'; it must be '# $name', the command's name.") }

    foreach ($s in $doc.Sections) {
        if ($s.Name -eq 'SYNTAX') { $Problems.Add("${Path}:$($s.Line): remove '## SYNTAX': the syntax is generated from the module.") }
        elseif ($s.Name -notin $KnownSections) { $Problems.Add("${Path}:$($s.Line): unknown section '## $($s.Name)' (known: $($KnownSections -join ', ')).") }
        if (@($doc.Sections | Where-Object Name -EQ $s.Name).Count -gt 1 -and $s -ne (Get-Section $doc $s.Name)) {
            $Problems.Add("${Path}:$($s.Line): a second '## $($s.Name)' section.")
        }
    }
    foreach ($required in $RequiredSections) {
        if (-not (Get-Section $doc $required)) { $Problems.Add("${Path}: no '## $required' section.") }
    }

    $result = [pscustomobject]@{
        Name = $name; Path = $Path; Synopsis = @(); Description = @(); Examples = @(); Parameters = [ordered]@{}
        Inputs = @(); Outputs = @(); Notes = @(); Links = @()
    }

    $synopsis = Get-Section $doc 'SYNOPSIS'
    if ($synopsis) {
        if (-not (Test-HasText $synopsis.Blocks)) { $Problems.Add("${Path}: the SYNOPSIS is empty.") }
        $result.Synopsis = @(ConvertTo-Paragraphs $synopsis.Blocks)
    }
    $description = Get-Section $doc 'DESCRIPTION'
    if ($description) {
        if (-not (Test-HasText $description.Blocks)) { $Problems.Add("${Path}: the DESCRIPTION is empty.") }
        $result.Description = @(ConvertTo-Paragraphs $description.Blocks)
    }

    $examples = Get-Section $doc 'EXAMPLES'
    if ($examples) {
        $result.Examples = @(foreach ($sub in $examples.Subsections) {
                if ($sub.Title -notmatch '^Example (?<n>\d+)(\s*:\s*(?<title>.*))?$') {
                    $Problems.Add("${Path}:$($sub.Line): an example's heading is '### Example <n>: <title>', not '### $($sub.Title)'.")
                    continue
                }
                $code = @($sub.Blocks | Where-Object Kind -EQ 'Code') | Select-Object -First 1
                $rest = @($sub.Blocks | Where-Object { $_ -ne $code })
                if (-not $code) { $Problems.Add("${Path}:$($sub.Line): '$($sub.Title)' has no code block.") }
                if (-not (Test-HasText $rest)) { $Problems.Add("${Path}:$($sub.Line): '$($sub.Title)' has no text that explains it.") }
                [pscustomobject]@{
                    Title   = ConvertTo-PlainText $sub.Title
                    Code    = if ($code) { $code.Lines -join "`n" } else { '' }
                    Remarks = @(ConvertTo-Paragraphs $rest)
                }
            })
        if ($examples.Blocks.Count -gt 0) { $Problems.Add("${Path}:$($examples.Line): text under '## EXAMPLES' belongs in an '### Example <n>: <title>' subsection.") }
    }

    $parameters = Get-Section $doc 'PARAMETERS'
    if ($parameters) {
        foreach ($sub in $parameters.Subsections) {
            if ($sub.Title -eq 'CommonParameters') { continue }
            if ($sub.Title -notmatch '^-(?<name>\w+)$') {
                $Problems.Add("${Path}:$($sub.Line): a parameter's heading is '### -<Name>', not '### $($sub.Title)'.")
                continue
            }
            $pname = $Matches.name
            if ($result.Parameters.Contains($pname)) { $Problems.Add("${Path}:$($sub.Line): -$pname is described twice.") }
            $yaml = @{}
            $text = [Collections.Generic.List[object]]::new()
            foreach ($block in $sub.Blocks) {
                if ($block.Kind -eq 'Code' -and $block.Language -eq 'yaml') {
                    foreach ($y in $block.Lines) {
                        if (-not $y.Trim()) { continue }
                        if ($y -notmatch '^\s*(?<key>[^:]+?)\s*:\s*(?<value>.*?)\s*$') { $Problems.Add("${Path}:$($block.Line): '$y' is not 'Key: value'."); continue }
                        if ($Matches.key -notin $ParameterYamlKeys) {
                            $Problems.Add("${Path}:$($block.Line): '$($Matches.key)' of -$pname comes from the module itself; only $($ParameterYamlKeys -join ' and ') may be written here.")
                            continue
                        }
                        $yaml[$Matches.key] = $Matches.value
                    }
                }
                else { $text.Add($block) }
            }
            $result.Parameters[$pname] = [pscustomobject]@{
                Name         = $pname
                Line         = $sub.Line
                HasText      = Test-HasText $text
                Description  = @(ConvertTo-Paragraphs $text)
                DefaultValue = if ($yaml['Default value']) { $yaml['Default value'] } else { 'None' }
                Globbing     = [bool] ($yaml['Accept wildcard characters'] -match '^(true|yes)$')
            }
        }
    }

    foreach ($kind in 'INPUTS', 'OUTPUTS') {
        $section = Get-Section $doc $kind
        if (-not $section) { continue }
        $types = @(foreach ($sub in $section.Subsections) {
                if (-not (Test-HasText $sub.Blocks)) { $Problems.Add("${Path}:$($sub.Line): '$($sub.Title)' under $kind has no description.") }
                [pscustomobject]@{ Type = ConvertTo-PlainText $sub.Title; Description = @(ConvertTo-Paragraphs $sub.Blocks) }
            })
        if ($types.Count -eq 0) { $Problems.Add("${Path}:$($section.Line): $kind names no type ('### <Type name>' and a description; '### None' when there is none).") }
        if ($kind -eq 'INPUTS') { $result.Inputs = $types } else { $result.Outputs = $types }
    }

    $notes = Get-Section $doc 'NOTES'
    if ($notes) {
        $result.Notes = @(ConvertTo-Paragraphs $notes.Blocks) + @(foreach ($sub in $notes.Subsections) {
                ConvertTo-PlainText $sub.Title
                ConvertTo-Paragraphs $sub.Blocks
            })
    }
    $links = Get-Section $doc 'RELATED LINKS'
    if ($links) {
        $result.Links = @(foreach ($block in $links.Blocks) {
                $raw = ($block.Parts -join ' ')
                if ($raw -match '^\[(?<text>[^\]]+)\]\((?<url>[^)\s]*)\)$') {
                    $text, $url = $Matches.text, $Matches.url
                    [pscustomobject]@{ Text = $text; Uri = if ($url -like 'http*://*') { $url } else { '' } }
                }
                elseif ($raw.Trim()) { [pscustomobject]@{ Text = ConvertTo-PlainText $raw.Trim(); Uri = '' } }
            })
    }
    $result
}

function Get-ParameterFacts {
    <# What Get-Help shows about a parameter, from the command's metadata for the given parameter sets. #>
    param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] [object[]] $InSets)

    $all = @(foreach ($set in $InSets) { $set.Parameters | Where-Object Name -EQ $Name })
    $first = $all[0]
    $pipeline = @()
    if (@($all | Where-Object ValueFromPipeline).Count) { $pipeline += 'ByValue' }
    if (@($all | Where-Object ValueFromPipelineByPropertyName).Count) { $pipeline += 'ByPropertyName' }
    $positions = @($all | ForEach-Object Position | Select-Object -Unique)
    $position = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { [string] $positions[0] } else { 'named' }
    [pscustomobject]@{
        Name          = $Name
        Type          = $first.ParameterType
        IsSwitch      = $first.ParameterType -eq [System.Management.Automation.SwitchParameter]
        Required      = -not @($all | Where-Object { -not $_.IsMandatory }).Count
        Position      = $position
        PipelineInput = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        Aliases       = if ($first.Aliases.Count) { $first.Aliases -join ', ' } else { 'None' }
        VariableLength = $first.ParameterType.IsArray
    }
}

function Write-Paras {
    <# <maml:description> holding one <maml:para> per paragraph. #>
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs, [string] $Element = 'description', [string] $Prefix = 'maml')
    $W.WriteStartElement($Prefix, $Element, $Ns[$Prefix])
    foreach ($p in @($Paragraphs)) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
    $W.WriteEndElement()
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $W, [object] $Facts, [object] $Doc, [switch] $InSyntax)
    $W.WriteStartElement('command', 'parameter', $Ns.command)
    $W.WriteAttributeString('required', $Facts.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', $Facts.VariableLength.ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $(if ($Doc -and $Doc.Globbing) { 'true' } else { 'false' }))
    $W.WriteAttributeString('pipelineInput', $Facts.PipelineInput)
    $W.WriteAttributeString('position', $Facts.Position)
    $W.WriteAttributeString('aliases', $Facts.Aliases)
    $W.WriteElementString('maml', 'name', $Ns.maml, $Facts.Name)
    Write-Paras $W $(if ($Doc) { $Doc.Description } else { @() })
    # A switch takes no value: the syntax shows [-Force], the parameter list shows [<SwitchParameter>].
    if (-not ($Facts.IsSwitch -and $InSyntax)) {
        $W.WriteStartElement('command', 'parameterValue', $Ns.command)
        $W.WriteAttributeString('required', $(if ($Facts.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', $Facts.VariableLength.ToString().ToLowerInvariant())
        $W.WriteString($Facts.Type.Name)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $Ns.dev)
    $W.WriteElementString('maml', 'name', $Ns.maml, $Facts.Type.FullName)
    $W.WriteElementString('maml', 'uri', $Ns.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $Ns.dev, $(if ($Doc) { $Doc.DefaultValue } else { 'None' }))
    $W.WriteEndElement()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $W, [System.Management.Automation.CommandInfo] $Command, [object] $Doc, [string[]] $Documented)

    $W.WriteStartElement('command', 'command', $Ns.command)
    $W.WriteStartElement('command', 'details', $Ns.command)
    $W.WriteElementString('command', 'name', $Ns.command, $Command.Name)
    $W.WriteElementString('command', 'verb', $Ns.command, $Command.Verb)
    $W.WriteElementString('command', 'noun', $Ns.command, $Command.Noun)
    Write-Paras $W $Doc.Synopsis
    $W.WriteEndElement()
    Write-Paras $W $Doc.Description

    $W.WriteStartElement('command', 'syntax', $Ns.command)
    foreach ($set in $Command.ParameterSets) {
        $W.WriteStartElement('command', 'syntaxItem', $Ns.command)
        $W.WriteElementString('maml', 'name', $Ns.maml, $Command.Name)
        foreach ($p in $set.Parameters | Where-Object Name -In $Documented) {
            Write-MamlParameter $W (Get-ParameterFacts -Name $p.Name -InSets @($set)) $Doc.Parameters[$p.Name] -InSyntax
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    # The parameter list in the order the markdown gives them: the order its author chose to explain them.
    $W.WriteStartElement('command', 'parameters', $Ns.command)
    foreach ($name in $Documented) {
        $sets = @($Command.ParameterSets | Where-Object { $_.Parameters.Name -contains $name })
        Write-MamlParameter $W (Get-ParameterFacts -Name $name -InSets $sets) $Doc.Parameters[$name]
    }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Doc.Inputs), @('returnValues', 'returnValue', $Doc.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $Ns.command)
        foreach ($t in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $Ns.command)
            $W.WriteStartElement('dev', 'type', $Ns.dev)
            $W.WriteElementString('maml', 'name', $Ns.maml, $t.Type)
            $W.WriteEndElement()
            Write-Paras $W $t.Description
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    if ($Doc.Notes.Count) {
        $W.WriteStartElement('maml', 'alertSet', $Ns.maml)
        $W.WriteStartElement('maml', 'alert', $Ns.maml)
        foreach ($p in $Doc.Notes) { $W.WriteElementString('maml', 'para', $Ns.maml, $p) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }

    $W.WriteStartElement('command', 'examples', $Ns.command)
    foreach ($e in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $Ns.command)
        $W.WriteElementString('maml', 'title', $Ns.maml, "---------- $($e.Title) ----------")
        $W.WriteElementString('dev', 'code', $Ns.dev, $e.Code)
        # The empty paragraph keeps a blank line between one example's text and the next example's title.
        Write-Paras $W (@($e.Remarks) + '') -Element 'remarks' -Prefix 'dev'
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $Ns.command)
    foreach ($link in $Doc.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $Ns.maml)
        $W.WriteElementString('maml', 'linkText', $Ns.maml, $link.Text)
        $W.WriteElementString('maml', 'uri', $Ns.maml, $link.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

# ---------------------------------------------------------------------------------------------------------------
# About topics
# ---------------------------------------------------------------------------------------------------------------

function Format-Wrapped {
    <# Words wrapped at $Width: the first line starts with $Lead, the others with $Hang spaces. #>
    param([string] $Text, [string] $Lead, [int] $Hang, [int] $Width)
    $lines = [Collections.Generic.List[string]]::new()
    $line = $Lead
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line.TrimEnd())
            $line = (' ' * $Hang) + $word
        }
        else {
            $line = if ($empty) { $line + $word } else { $line + ' ' + $word }
        }
        $empty = $false
    }
    $lines.Add($line.TrimEnd())
    $lines
}

function ConvertTo-AboutText {
    <#
    An about topic as the classic plain-text layout: TOPIC, then each '## ' section in capitals at the margin,
    its text indented by four and wrapped, '### ' headings indented by two, code indented by eight, unwrapped.
    #>
    param([Parameter(Mandatory)] [string] $Path, [int] $Width, [Collections.Generic.List[string]] $Problems)

    $blocks = ConvertFrom-MarkdownFile $Path
    $name = [IO.Path]::GetFileNameWithoutExtension($Path)
    $out = [Collections.Generic.List[string]]::new()
    $title = @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 })
    if ($title.Count -ne 1 -or $title[0].Text -cne $name) { $Problems.Add("${Path}: the first line must be the one title '# $name'.") }
    $sections = @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 2 } | ForEach-Object { $_.Text.ToUpperInvariant() })
    if ('SHORT DESCRIPTION' -notin $sections) { $Problems.Add("${Path}: no '## SHORT DESCRIPTION' (Get-Help about_* shows it as the synopsis).") }
    if ('LONG DESCRIPTION' -notin $sections) { $Problems.Add("${Path}: no '## LONG DESCRIPTION'.") }

    $previous = $null
    $section = ''
    foreach ($block in $blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -eq 2) { $section = $block.Text.ToUpperInvariant() }
        $kind = $block.Kind
        # A blank line before a heading and between blocks, but not between the items of one list nor after a heading.
        if ($out.Count -gt 0 -and ($kind -eq 'Heading' -or ($previous -ne 'Heading' -and -not ($kind -eq 'Item' -and $previous -eq 'Item')))) {
            $out.Add('')
        }
        switch ($kind) {
            'Heading' {
                $text = ConvertTo-PlainText $block.Text
                switch ($block.Level) {
                    1 { $out.Add('TOPIC'); $out.Add('    ' + $text) }
                    2 { $out.Add($text.ToUpperInvariant()) }
                    3 { $out.Add('  ' + $text) }
                    default { $out.Add('    ' + $text); $out.Add('    ' + ('-' * $text.Length)) }
                }
            }
            'Para' {
                if ($section -eq 'SHORT DESCRIPTION') {
                    # Get-Help about_* shows only the line after SHORT DESCRIPTION as the synopsis: keep it whole.
                    $out.Add('    ' + $block.Text)
                    if ($out[-1].Length -gt $Width) { Write-Warning "${Path}:$($block.Line): the short description is longer than $Width columns once indented." }
                }
                else { $out.AddRange([string[]] (Format-Wrapped $block.Text '    ' 4 $Width)) }
            }
            'Item' {
                $indent = 4 + $block.Indent
                $lead = (' ' * $indent) + $block.Marker + ' '
                $out.AddRange([string[]] (Format-Wrapped $block.Text $lead $lead.Length $Width))
            }
            'Code' {
                foreach ($l in $block.Lines) {
                    $out.Add(('        ' + $l).TrimEnd())
                    if ($out[-1].Length -gt $Width) { Write-Warning "${Path}:$($block.Line): a code line is longer than $Width columns once indented: $l" }
                }
            }
        }
        $previous = $kind
    }
    [pscustomobject]@{ Name = $name; Text = ($out -join "`n") + "`n" }
}

# ---------------------------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------------------------

$DocsPath = (Resolve-Path -LiteralPath $DocsPath).Path
if (-not (Test-Path -LiteralPath $OutputPath)) { New-Item -ItemType Directory -Path $OutputPath | Out-Null }
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).Path
if (-not $ModulePath) { $ModulePath = Split-Path $OutputPath -Parent }
$module = Import-Module (Resolve-Path -LiteralPath $ModulePath).Path -Force -PassThru -ErrorAction Stop | Select-Object -First 1
Write-Verbose "Module $($module.Name) $($module.Version) from $($module.ModuleBase)"

$problems = [Collections.Generic.List[string]]::new()
$nonAscii = [regex] '[^\x09\x0A\x0D\x20-\x7E]'
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File) {
    $match = $nonAscii.Match([IO.File]::ReadAllText($file.FullName))
    if ($match.Success) {
        Write-Warning "$($file.Name) holds the non-ASCII character U+$(([int][char]$match.Value).ToString('X4')); Windows PowerShell 5.1 consoles may show it wrongly."
    }
}

# Cmdlets: one MAML file per assembly, as Get-Help looks them up (CmdletInfo.HelpFile).
$commands = @($module.ExportedCmdlets.Values | Sort-Object Name)
if ($module.ExportedFunctions.Count) {
    Write-Warning "The module exports functions ($($module.ExportedFunctions.Keys -join ', ')); they need comment-based help, which this script does not write."
}
$docs = @{}
foreach ($command in $commands) {
    $path = Join-Path $DocsPath "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $path)) { $problems.Add("$($command.Name) has no help: $path is missing."); continue }
    $doc = Read-CmdletDoc -Path $path -Problems $problems
    $docs[$command.Name] = $doc

    $commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
    # A DontShow parameter is the command's internal seam (the whole pipeline object), not something users type.
    $own = @($command.Parameters.Values | Where-Object {
            $_.Name -notin $commonParameters -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow })
        } | ForEach-Object Name)
    foreach ($p in $own) {
        if (-not $doc.Parameters.Contains($p)) { $problems.Add("$($command.Name): -$p has no description ('### -$p' under '## PARAMETERS' in $path).") }
        elseif (-not $doc.Parameters[$p].HasText) { $problems.Add("$($command.Name): the description of -$p is empty ($path line $($doc.Parameters[$p].Line)).") }
    }
    foreach ($p in @($doc.Parameters.Keys)) {
        if ($p -notin $own) { Write-Warning "$($command.Name): -$p is documented in $path but the command has no such parameter; it is left out of the help." }
    }
    if ($doc.Examples.Count -lt $MinimumExamples) {
        $problems.Add("$($command.Name): $($doc.Examples.Count) example(s) in $path; at least $MinimumExamples are needed.")
    }
    foreach ($type in $command.OutputType) {
        $documented = @($doc.Outputs | ForEach-Object Type)
        if ($type.Name -notin $documented -and $type.Type.FullName -notin $documented) {
            $problems.Add("$($command.Name): it declares [OutputType($($type.Name))] but OUTPUTS in $path does not name it.")
        }
    }
}
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' -File) {
    $base = $file.BaseName
    if ($base -notlike 'about_*' -and $base -notin $commands.Name) {
        Write-Warning "$($file.Name) documents '$base', which module $($module.Name) does not export; no help is written for it."
    }
}

# About topics.
$abouts = @(foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' -File) {
        ConvertTo-AboutText -Path $file.FullName -Width $TextWidth -Problems $problems
    })

if ($problems.Count) {
    throw ("The help in $DocsPath is not complete ($($problems.Count) problem(s)):`n  - " + ($problems -join "`n  - "))
}

$utf8Bom = [Text.UTF8Encoding]::new($true)
foreach ($group in $commands | Group-Object HelpFile) {
    $target = Join-Path $OutputPath $group.Name
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.Encoding = $utf8Bom
    $writer = [System.Xml.XmlWriter]::Create($target, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteComment(" Generated by tools/New-ExternalHelp.ps1 from $(Split-Path $DocsPath -Leaf)/*.md; edit the markdown, not this file. ")
        $writer.WriteStartElement('helpItems', $Ns.msh)
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') { $writer.WriteAttributeString('xmlns', $prefix, $null, $Ns[$prefix]) }
        foreach ($command in $group.Group) {
            $doc = $docs[$command.Name]
            $own = @($command.Parameters.Keys)
            $documented = @($doc.Parameters.Keys | Where-Object { $_ -in $own })
            Write-MamlCommand -W $writer -Command $command -Doc $doc -Documented $documented
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
    # Read it back: a file Get-Help cannot parse is worse than none.
    [xml] (Get-Content -LiteralPath $target -Raw) | Out-Null
    Write-Host "Help: $target ($($group.Count) cmdlet(s))"
}
foreach ($about in $abouts) {
    $target = Join-Path $OutputPath "$($about.Name).help.txt"
    [IO.File]::WriteAllText($target, $about.Text, $utf8Bom)
    Write-Host "Help: $target"
}
