using IntegrationHub.AppHost;
using IntegrationHub.AppHost.Dashboard;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Running;
using IntegrationHub.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace IntegrationHub.Dashboard.Tests;

/// <summary>
/// A real hub (the PHW flow as processes, free ports, a temp data dir) with its dashboard, started the way the AppHost
/// starts them, and Debian's chromium driven by Playwright with one logged-in browser context. Shared by the browser
/// tests of one class; each test leaves the hub running as it found it.
/// </summary>
public sealed class HubWithDashboard : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "dashboard-test-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public HubRunner Runner { get; private set; } = null!;

    public DashboardServer Dashboard { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Logged in with the printed token (which is then used up).</summary>
    public IBrowserContext LoggedIn { get; private set; } = null!;

    public HubModel Model => Runner.Model;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var options = new AppHostOptions
        {
            Flows = new HashSet<string> { "phw" },
            DataDirectory = _data,
            FreePorts = true,
            EchoOutput = false,
            StartupTimeout = TimeSpan.FromSeconds(90),
            SamplesDirectory = SharedData.Path("samples"),
        };
        Runner = new HubRunner(HubTopology.Describe(options), options, NullLoggerFactory.Instance);
        Dashboard = await DashboardServer.StartAsync(Runner, options, NullLoggerFactory.Instance, timeout.Token);
        await Runner.StartAsync(timeout.Token);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        LoggedIn = await NewContextAsync();
        var page = await LoggedIn.NewPageAsync();
        var response = await page.GotoAsync(Dashboard.LoginUrl.ToString());
        Assert.Equal(200, response!.Status);
        Assert.Equal(Dashboard.Address.ToString(), page.Url);
        await page.CloseAsync();
    }

    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        BaseURL = Dashboard.Address.ToString(),
    });

    public async Task<IPage> OpenAsync(string hash)
    {
        var page = await LoggedIn.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/" + hash);
        return page;
    }

    /// <summary>Saves a screenshot as a test artifact (TestResults/screenshots, git-ignored).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Dashboard is not null)
        {
            await Dashboard.DisposeAsync();
        }

        if (Runner is not null)
        {
            await Runner.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A child's last log write can race the delete; the temp dir is the OS's to clean.
        }
    }
}
