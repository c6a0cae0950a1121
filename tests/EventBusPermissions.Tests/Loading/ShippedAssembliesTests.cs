using System.IO;
using EventBusPermissions.Tests.Client;
using Xunit;

namespace EventBusPermissions.Tests.Loading
{
    /// <summary>
    /// The name filter of Windows PowerShell's resolve handler: only the assemblies the module ships, as
    /// listed at import, by exact simple name (the 5.1 handler itself cannot run on this project's CI).
    /// </summary>
    public sealed class ShippedAssembliesTests
    {
        private const string CoreToken = ", Version=4.0.0.0, Culture=neutral, PublicKeyToken=885c28607f98e604";

        [Theory]
        [InlineData("AWSSDK.Core")]
        [InlineData("AWSSDK.Core" + CoreToken)]
        [InlineData("awssdk.core, Version=4.0.0.0")]
        [InlineData("AWSSDK.SecurityToken" + CoreToken)]
        [InlineData("EventBusPermissions.Aws, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null")]
        public void A_shipped_name_resolves_to_its_file(string requested)
        {
            using var folders = new Folders();
            var path = folders.Shipped().PathOf(requested);
            Assert.NotNull(path);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), new System.Reflection.AssemblyName(requested).Name, ignoreCase: true);
        }

        [Theory]
        [InlineData("AWSSDK.S3" + CoreToken)]                         // not shipped
        [InlineData("AWSSDK")]                                        // a prefix of shipped names
        [InlineData("AWSSDK.Core.resources, Version=4.0.0.0, Culture=de, PublicKeyToken=885c28607f98e604")]
        [InlineData("AWSSDK.Core, Version=4.0.0.0, Culture=de")]     // a satellite of a shipped name
        [InlineData("Notes")]                                         // a file we ship that is not a DLL
        [InlineData("")]
        [InlineData("AWSSDK.Core, Version=not-a-version")]
        public void Any_other_name_does_not_resolve(string requested)
        {
            using var folders = new Folders();
            Assert.Null(folders.Shipped().PathOf(requested));
        }

        [Fact]
        public void A_file_that_appears_after_the_list_was_made_does_not_resolve()
        {
            using var folders = new Folders();
            var shipped = folders.Shipped();
            folders.Dependencies.Write("Intruder.dll", "");
            Assert.Null(shipped.PathOf("Intruder"));
            Assert.NotNull(folders.Shipped().PathOf("Intruder")); // only a new list (a new import) would see it
        }

        [Fact]
        public void The_dependencies_folder_wins_over_the_module_folder()
        {
            using var folders = new Folders();
            folders.Module.Write("AWSSDK.Core.dll", "");
            var path = folders.Shipped().PathOf("AWSSDK.Core" + CoreToken);
            Assert.Equal(Path.Combine(folders.Dependencies.Path, "AWSSDK.Core.dll"), path);
            Assert.Equal(Path.Combine(folders.Module.Path, "System.Text.Json.dll"), folders.Shipped().PathOf("System.Text.Json, Version=8.0.0.0"));
        }

        [Fact]
        public void A_missing_folder_lists_nothing()
        {
            var shipped = ShippedAssemblies.FromFolders(Path.Combine(Path.GetTempPath(), "ebp-no-such-folder-" + System.Guid.NewGuid().ToString("N")));
            Assert.Empty(shipped.Names);
        }

        /// <summary>A module folder with a dependencies folder, laid out like the built module (empty files suffice).</summary>
        private sealed class Folders : System.IDisposable
        {
            public Folders()
            {
                foreach (var name in new[] { "AWSSDK.Core", "AWSSDK.SecurityToken", "AWSSDK.SSO", "AWSSDK.SSOOIDC", "EventBusPermissions.Aws" })
                    Dependencies.Write(name + ".dll", "");
                Dependencies.Write("Notes.txt", "");
                Module.Write("System.Text.Json.dll", "");
            }

            public TempDirectory Module { get; } = new TempDirectory();
            public TempDirectory Dependencies { get; } = new TempDirectory();

            public ShippedAssemblies Shipped() => ShippedAssemblies.FromFolders(Dependencies.Path, Module.Path);

            public void Dispose()
            {
                Module.Dispose();
                Dependencies.Dispose();
            }
        }
    }
}
