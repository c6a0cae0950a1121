<#
.SYNOPSIS
    The README's first command: the module, imported in a fresh pwsh, at work against the local
    EventBridge endpoint. build.ps1 Demo starts the endpoint and runs this script.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $SecretKey
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# Everything a runbook would pass, pointed at the local endpoint instead of AWS.
$aws = @{ Region = 'us-east-1'; EndpointUrl = $EndpointUrl; AccessKey = $AccessKey; SecretKey = $SecretKey }

# Each result is formatted on its own (so each type gets its own table) at 120 columns, the width the
# module's views are made for, whatever the width of the console running the demo.
function Out-Demo { $input | Out-String -Width 120 | Write-Host -NoNewline }

function Show([string] $Title) { Write-Host "`n### $Title" -ForegroundColor Cyan }

Show 'Get-CWEventBus: the default bus, before anyone was granted anything'
Get-CWEventBus @aws | Out-Demo

Show 'Grant-CWEventBusPermission: three accounts from a list, and an organization'
$accounts = "AccountId,Team`n111122223333,shop`n4444-5555-6666,billing`n777788889999,audit" | ConvertFrom-Csv
$accounts | Grant-CWEventBusPermission @aws | Out-Demo
Grant-CWEventBusPermission -OrganizationId o-a1b2c3d4e5 @aws | Out-Demo

Show 'Granting the same accounts again writes nothing'
$accounts | Grant-CWEventBusPermission @aws | Out-Demo

Show 'Get-CWEventBus | Format-List: the bus and its permissions'
Get-CWEventBus @aws | Format-List | Out-Demo

Show 'Revoke-CWEventBusPermission: Get into Revoke, for every account grant but the audit one'
(Get-CWEventBus @aws).Permissions | Where-Object { $_.Effect -eq 'Allow' -and $_.AccountId -and $_.AccountId -ne '777788889999' } |
    Revoke-CWEventBusPermission @aws | Out-Demo
(Get-CWEventBus @aws).Permissions | Out-Demo

Show 'Grant -Exclusive: exactly this account (the organization grant stays); -WhatIf first, then for real'
'1111-2222-3333' | Grant-CWEventBusPermission -Exclusive -WhatIf @aws | Out-Demo
'1111-2222-3333' | Grant-CWEventBusPermission -Exclusive -Force @aws | Out-Demo

Show 'A pipeline of names: a missing bus is one error, the others still come'
'default', 'no-such-bus' | Get-CWEventBus @aws -ErrorAction Continue | Out-Demo
