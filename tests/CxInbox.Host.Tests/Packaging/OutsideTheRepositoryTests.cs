using System.Diagnostics;

namespace CxInbox.Host.Tests.Packaging;

/// <summary>
/// Issue 9's "done when", in the test run: scripts/check-packages.sh packs the NuGet packages, and in a temporary
/// folder outside the repository installs the template, generates an adapter whose conformance tests must all fail,
/// and builds the worked example against the same packages, whose tests must all pass. It takes minutes (three builds
/// and a pack), so it carries a category that `--filter TestCategory!=Packages` leaves out for a quick run.
/// </summary>
[Category("Packages")]
public sealed class OutsideTheRepositoryTests
{
    [Test]
    public async Task The_packages_alone_build_a_red_generated_adapter_and_a_green_worked_example_outside_the_repository()
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "check-packages.sh");
        var start = new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        // The script's own dotnet commands must not inherit this test host's MSBuild and VSTest settings.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(name);
        }

        // No MSBuild node, MSBuild server or compiler server may outlive the script: one would hold its output open, and
        // the read below would wait for it.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // A safety net against a hung restore, far beyond the few minutes it takes, not a speed assertion.
        using var hung = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            await process.WaitForExitAsync(hung.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var log = $"{await output}\n{await errors}";
        Assert.That(process.ExitCode, Is.Zero, log);
        Assert.That(log, Does.Contain("OK: the packages build an adapter outside the repository"), log);
    }
}
