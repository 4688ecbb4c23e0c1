namespace CxInbox.Host.Tests;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CxInbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CxInbox.sln not found above the test directory.");
    }
}
