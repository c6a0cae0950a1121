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
    # No FormatsToProcess: the cmdlets import views/EventBusPermissions.Views.psd1 (which processes
    # EventBusPermissions.Format.ps1xml) on their first run in a runspace (FormatLoader.cs), out of Import-Module.
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'EventBridge', 'CloudWatchEvents', 'Permissions', 'Policy', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ProjectUri   = 'https://github.com/EventBusPermissions/EventBusPermissions'
            ReleaseNotes = @'
0.1.0
- Get-CWEventBus reads event buses and shows their policies as permission objects.
- Grant-CWEventBusPermission grants accounts, organizations, or a whole policy document: idempotent,
  quota-aware, read back and repaired after concurrent writers.
- Revoke-CWEventBusPermission revokes by statement id, by account, from Get-CWEventBus output, or all.
- AWSSDK.Core loads into the module's own AssemblyLoadContext on PowerShell 7.
- Tab completion of bus names and statement ids.
'@
        }
    }
}
