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

Show 'Two grants written as another tool would write them (PutPermission)'
$api = [EventBusPermissions.Aws.EventBridgeConnector]::Connect([EventBusPermissions.Aws.EventBridgeConnectionOptions]@{
        Region = 'us-east-1'; EndpointUrl = $EndpointUrl; AccessKey = $AccessKey; SecretKey = $SecretKey })
$api.PutPermissionAsync([EventBusPermissions.Aws.PutPermissionInput]@{
        Action = 'events:PutEvents'; Principal = '111122223333'; StatementId = 'Acct-111122223333' }, [Threading.CancellationToken]::None).Wait()
$api.PutPermissionAsync([EventBusPermissions.Aws.PutPermissionInput]@{
        Action = 'events:PutEvents'; Principal = '*'; StatementId = 'Org-o-a1b2c3d4e5'; PrincipalOrgId = 'o-a1b2c3d4e5' }, [Threading.CancellationToken]::None).Wait()
Write-Host 'Granted account 111122223333 and organization o-a1b2c3d4e5.'

Show 'Get-CWEventBus: the policy, read back as permission objects'
(Get-CWEventBus @aws).Permissions | Format-Table StatementId, Principal, AccountId, OrganizationId, Action -AutoSize

Show 'A pipeline of names: a missing bus is one error, the others still come'
'default', 'no-such-bus' | Get-CWEventBus @aws -ErrorAction Continue | Format-Table Name, Arn -AutoSize
