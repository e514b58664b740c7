using Microsoft.Playwright;

namespace Platform.Testing.Browser;

/// <summary>
/// A headless Chromium for browser tests, shared by a test class (<c>IClassFixture&lt;ChromiumBrowser&gt;</c>) or a collection.
/// Uses the system Chromium (<c>apt-get install -y chromium</c>); Playwright's own browser download is never used,
/// because the build machines have no internet.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// No sandbox: tests run as root in containers. The rest stop Chromium's own background traffic,
    /// which hangs or slows startup on a closed network.
    /// </summary>
    public static readonly string[] Args =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started yet.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {ExecutablePath}; install it with 'apt-get install -y chromium' " +
                "(do not run 'playwright install': there is no internet and the system browser is used).");
        }

        // Expectations retry until they pass; Playwright's 5 s default is too short for a Blazor page that queries the API
        // while other test assemblies train on the same two cores.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
    }

    /// <summary>A fresh page in its own context (no shared cookies or storage between tests).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = 1,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
