using System.Reflection;

namespace EventBusPermissions.Aws.Internal
{
    /// <summary>The assembly's informational version, for the User-Agent header.</summary>
    internal static class ModuleVersion
    {
        internal static readonly string Value =
            typeof(ModuleVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? "0.0.0";
    }
}
