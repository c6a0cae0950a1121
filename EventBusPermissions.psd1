# Source manifest of the EventBusPermissions module. The version here is the one version of the module:
# build.ps1 reads it and stamps it into the assemblies.
@{
    RootModule             = 'EventBusPermissions.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '3f6f0c7e-2f4b-4a39-9a55-6d2a1c8e4b17'
    Author                 = 'EventBusPermissions contributors'
    CompanyName            = 'EventBusPermissions'
    Copyright              = '(c) EventBusPermissions contributors. Apache License 2.0.'
    Description            = 'Grant, list and revoke the permissions of other AWS accounts and organizations to put events on Amazon EventBridge (CloudWatch Events) event buses.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Core', 'Desktop')
    CmdletsToExport        = @('Get-CWEventBus', 'Grant-CWEventBusPermission', 'Revoke-CWEventBusPermission')
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'EventBridge', 'CloudWatchEvents', 'Permissions', 'Policy')
            ReleaseNotes = 'First release: Get-CWEventBus reads a bus and its permissions.'
        }
    }
}
