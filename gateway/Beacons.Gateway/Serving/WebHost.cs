using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Beacons.Gateway.Serving;

/// <summary>The web server the gateway and the Setup page's host both run: built, serving the page's files, listening.</summary>
public static class WebHost
{
    /// <param name="webRoot">Where the pages' files are; null for wwwroot beside the program.</param>
    public static WebApplication Build(string[] urls, string? webRoot, long maxBodyBytes, Action<IServiceCollection>? services = null)
    {
        string root = WebRoot(webRoot);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Directory.Exists(root) ? root : null,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBodyBytes);
        // A query parameter that does not bind throws, so Problems can say which one (else: a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Serves the pages' files, when there are any; <paramref name="defaultFiles"/> makes / serve index.html.</summary>
    public static void ServeFiles(WebApplication app, string? webRoot, bool defaultFiles)
    {
        if (!Directory.Exists(WebRoot(webRoot)))
        {
            return;
        }

        if (defaultFiles)
        {
            app.UseDefaultFiles();
        }

        // no-cache: the browser revalidates every file, so after an upgrade it never runs old modules
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache" });
    }

    /// <summary>Starts listening; the addresses it listens on (free ports resolved). Throws <see cref="GatewayStartException"/> (disposing the app) when it cannot.</summary>
    public static async Task<string[]> ListenAsync(WebApplication app, string[] urls)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync();
            string why = e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                ? "the address is in use (another gateway?); choose another with --urls"
                : e.Message;
            throw new GatewayStartException($"cannot listen on {string.Join(';', urls)}: {why}");
        }

        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? urls;
    }

    /// <summary>The addresses of --urls (semicolons separate several); throws <see cref="GatewayStartException"/> unless each is http(s).</summary>
    public static string[] SplitUrls(string urls)
    {
        string[] split = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (split.Length == 0 || split.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https")))
        {
            throw new GatewayStartException($"--urls must be http:// addresses, e.g. {GatewayOptions.DefaultUrls}");
        }

        return split;
    }

    private static string WebRoot(string? webRoot) => webRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
