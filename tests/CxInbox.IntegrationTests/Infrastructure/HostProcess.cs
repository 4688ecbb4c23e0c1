using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>
/// The built Host as an operating-system process of its own, as a deployment runs it, so that a test can kill it
/// with SIGKILL mid-stream and start it again. Its output goes to a log file in the test's work directory.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly string[] arguments;
    private readonly string logPath;
    private Process? process;
    private StreamWriter? log;

    private HostProcess(string roles, Dictionary<string, string> environment, string logPath, string[]? arguments = null)
    {
        Roles = roles;
        this.environment = environment;
        this.arguments = arguments ?? [];
        this.logPath = logPath;
        BaseAddress = new Uri(environment["Urls"] + "/");
    }

    public string Roles { get; }

    public Uri BaseAddress { get; }

    /// <param name="postgres">A connection string other than the fixture's own, e.g. through a <see cref="FaultProxy"/>.</param>
    /// <param name="rabbitMq">A broker address other than the fixture's own.</param>
    /// <param name="settings">Configuration on top of the tests' base settings, e.g. a provider stand-in's address.</param>
    public static async Task<HostProcess> StartAsync(RealServices services, string roles, string? postgres = null, string? rabbitMq = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{FreePort()}",
            ["CxInbox__Roles"] = roles,
            ["ConnectionStrings__Postgres"] = postgres ?? services.PostgresConnectionString,
            ["ConnectionStrings__RabbitMq"] = rabbitMq ?? services.RabbitMqUri,
        };
        foreach (var (key, value) in CxInboxHostFactory.BaseSettings().Concat(settings ?? new Dictionary<string, string?>()))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        var log = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"host-{roles.Replace(',', '-')}-{Guid.NewGuid():N}"[..32] + ".log");
        var host = new HostProcess(roles, environment, log);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // Not handed to the caller, so nobody else would stop it.
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>The Host as a newcomer runs it (<c>dotnet run</c>: the Development settings): the embedded SQLite
    /// store in <paramref name="dataDirectory"/>, the in-memory bus, with <paramref name="arguments"/> on its command line.</summary>
    public static async Task<HostProcess> StartEmbeddedAsync(string dataDirectory, Dictionary<string, string> settings, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Urls"] = $"http://127.0.0.1:{FreePort()}",
            ["CxInbox__DataDirectory"] = dataDirectory,
            ["CxInbox__Auth__BootstrapAdminKey"] = CxInboxHostFactory.AdminKey,
        };
        var log = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"host-embedded-{Guid.NewGuid():N}"[..32] + ".log");
        var host = new HostProcess("all", environment, log, arguments);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Starts the process (again) and waits until it says it is ready.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet", [HostAssembly(), .. arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(HostAssembly())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        process = Process.Start(info)!;
        var writer = log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Append(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Append(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        // A generous wait: on a loaded machine several processes starting at once take a while.
        await Eventually.Until(async () =>
        {
            Assert.That(process.HasExited, Is.False, $"the {Roles} host exited; see {logPath}");
            try
            {
                using var ready = await client.GetAsync("health/ready");
                return ready.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer in time.
                return HttpStatusCode.ServiceUnavailable;
            }
        }, s => s == HttpStatusCode.OK, $"the {Roles} host ready (log: {logPath})", TimeSpan.FromMinutes(3));
    }

    /// <summary>SIGKILL: no shutdown hooks, no draining, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        process?.Kill(entireProcessTree: true);
        process?.WaitForExit();
        lock (log!)
        {
            log.Dispose();
        }
    }

    /// <summary>SIGTERM, as an orchestrator stops a process: the Host drains and exits on its own. Returns how long
    /// it took to exit and its exit code.</summary>
    public async Task<(TimeSpan Took, int ExitCode)> TerminateAsync(TimeSpan deadline)
    {
        var running = process ?? throw new InvalidOperationException("The process was never started.");
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await running.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"the {Roles} host did not exit within {deadline.TotalSeconds:0} s of SIGTERM; see {logPath}");
        }

        var took = clock.Elapsed;
        lock (log!)
        {
            log.Dispose();
        }

        return (took, running.ExitCode);
    }

    public HttpClient CreateClient(bool admin = false)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (admin)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CxInboxHostFactory.AdminKey);
        }

        return client;
    }

    public ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            Kill();
        }
        else if (log is not null)
        {
            lock (log)
            {
                log.Dispose();
            }
        }

        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            if (writer.BaseStream is not null)
            {
                writer.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The Host the solution build made, in the same configuration as this test assembly (bin/<configuration>/<tfm>).
    private static string HostAssembly()
    {
        var testDirectory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var framework = testDirectory.Name;
        var configuration = testDirectory.Parent!.Name;
        for (var directory = testDirectory; directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "CxInbox.Host", "bin", configuration, framework, "CxInbox.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"CxInbox.Host.dll ({configuration}, {framework}) not found: build CxInbox.sln first.");
    }
}
