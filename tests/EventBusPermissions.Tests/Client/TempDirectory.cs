using System;
using System.IO;

namespace EventBusPermissions.Tests.Client
{
    /// <summary>A directory of its own for one test's shared credentials and config files; deleted afterwards.</summary>
    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ebp-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        /// <summary>Writes a file (Unix line ends, as the AWS CLI writes them) and returns its full path.</summary>
        public string Write(string name, string text)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllText(file, text.Replace("\r\n", "\n"));
            return file;
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, true); }
            catch (IOException) { }
        }
    }
}
