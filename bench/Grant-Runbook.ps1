<#
.SYNOPSIS
    The runbook that bench/Invoke-Benchmarks.ps1 times in a fresh pwsh: import the module and grant a list
    of accounts from the pipeline, printing the results as a runbook's log would show them.
    Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, as they would in an automation account.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $EndpointUrl,
    [Parameter(Mandatory)] [string] $AccountIds,
    [string] $EventBusName = 'default'
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$AccountIds -split ',' | Grant-CWEventBusPermission -EventBusName $EventBusName -Region $Region -EndpointUrl $EndpointUrl
