# The module's views alone, as a module of their own: the cmdlets import it on their first run in a runspace
# (FormatLoader.cs), instead of the main manifest's FormatsToProcess at Import-Module. A module's format file is
# merged into PowerShell's formatting database when something is first formatted; Update-FormatData would load
# the whole database there and then.
@{
    ModuleVersion     = '1.0.0' # not the module's version (EventBusPermissions.psd1 has that); this manifest never changes it
    GUID              = '9d3c7a52-52f1-4d2e-9b0e-3c1f6a8e2d41'
    Description       = 'The table and list views of EventBusPermissions; imported by its cmdlets.'
    FormatsToProcess  = @('..\EventBusPermissions.Format.ps1xml')
    FunctionsToExport = @()
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
