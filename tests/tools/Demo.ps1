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

function Show([string] $Title) { Write-Host "`n### $Title" -ForegroundColor Cyan }

Show 'Get-CWEventBus: the default bus, before anyone was granted anything'
Get-CWEventBus @aws | Format-List Name, Arn, AccountId, Region, CreationTime, Policy, Permissions

Show 'Grant-CWEventBusPermission: three accounts from a list, and an organization'
$accounts = "AccountId,Team`n111122223333,shop`n4444-5555-6666,billing`n777788889999,audit" | ConvertFrom-Csv
$accounts | Grant-CWEventBusPermission @aws | Format-Table StatementId, AccountId, Status -AutoSize
Grant-CWEventBusPermission -OrganizationId o-a1b2c3d4e5 @aws | Format-Table StatementId, Principal, OrganizationId, Status -AutoSize

Show 'Granting the same accounts again writes nothing'
$accounts | Grant-CWEventBusPermission @aws | Format-Table StatementId, Status -AutoSize

Show 'Get-CWEventBus: the policy, read back as permission objects'
(Get-CWEventBus @aws).Permissions | Format-Table StatementId, Principal, AccountId, OrganizationId, Action -AutoSize

Show 'Revoke-CWEventBusPermission: Get into Revoke, for every account but the audit one'
(Get-CWEventBus @aws).Permissions | Where-Object { $_.AccountId -and $_.AccountId -ne '777788889999' } |
    Revoke-CWEventBusPermission @aws | Format-Table StatementId, AccountId, Status -AutoSize
(Get-CWEventBus @aws).Permissions | Format-Table StatementId, Principal, AccountId, OrganizationId -AutoSize

Show 'A pipeline of names: a missing bus is one error, the others still come'
'default', 'no-such-bus' | Get-CWEventBus @aws -ErrorAction Continue | Format-Table Name, Arn -AutoSize
