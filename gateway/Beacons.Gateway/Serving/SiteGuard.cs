using System.Net;
using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Serving;

/// <summary>
/// Keeps other web sites out of the controller's gateway. Any page the controller's browser opens can send
/// requests to a gateway on loopback: a "no-cors" text/plain POST needs no permission, and DNS rebinding lets
/// a page read answers under its own name. So: the Host must be one this gateway answers to (a name it was
/// given, localhost, this machine's name, or an address), an action (a POST) must come from the gateway's own
/// origin, with a JSON body when it has one, unless it carries the controller token in its Authorization
/// header, and every answer forbids framing and loading anything from elsewhere. docs/gateway.md, "Other web sites".
/// </summary>
public static class SiteGuard
{
    // The pages load their own scripts, styles and data only; the printed report is one file with inline styles and no script.
    private const string PagePolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    // The report is framed by the review page (review.html), and only by the gateway's own pages.
    private const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static void Use(WebApplication app, ControllerToken token, IEnumerable<string> urls, IngestCounters counters)
    {
        HashSet<string> names = HostNames(urls);
        app.Use(async (context, next) =>
        {
            HttpRequest request = context.Request;
            IHeaderDictionary headers = context.Response.Headers;
            bool report = request.Path.StartsWithSegments("/api/review/report.html");
            headers.ContentSecurityPolicy = report ? ReportPolicy : PagePolicy;
            headers.XFrameOptions = report ? "SAMEORIGIN" : "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";

            if (Refusal(request, names, token) is (int status, string why))
            {
                await Problems.Answer(counters, Counter.ApiForeign, status, why).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }

    private static (int Status, string Why)? Refusal(HttpRequest request, HashSet<string> names, ControllerToken token)
    {
        if (!KnownHost(request.Host, names))
        {
            return (StatusCodes.Status421MisdirectedRequest, $"this gateway does not answer to the host name {request.Host.Host}");
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || CarriesToken(request, token))
        {
            return null;
        }

        if (!SameOrigin(request))
        {
            return (StatusCodes.Status403Forbidden, "actions are taken only from the gateway's own pages (this request came from another web site)");
        }

        return HasBody(request) && !IsJson(request.ContentType)
            ? (StatusCodes.Status415UnsupportedMediaType, "an action's body must be JSON (Content-Type: application/json)")
            : null;
    }

    /// <summary>The names a request may give in Host: those in --urls, localhost, this machine's own, and any address.</summary>
    private static HashSet<string> HostNames(IEnumerable<string> urls)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        foreach (string url in urls)
        {
            if (Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out Uri? uri))
            {
                names.Add(uri.Host.Trim('[', ']'));
            }
        }

        string machine = Dns.GetHostName();
        names.Add(machine);
        names.Add(machine.Split('.')[0]);
        names.Add(machine.Split('.')[0] + ".local"); // mDNS, as a tablet on the drill's Wi-Fi may use
        return names;
    }

    // A name nobody gave the gateway is how DNS rebinding reads it; an address cannot be rebound.
    private static bool KnownHost(HostString host, HashSet<string> names) =>
        !host.HasValue || IPAddress.TryParse(host.Host.Trim('[', ']'), out _) || names.Contains(host.Host.TrimEnd('.'));

    // Only the header: a browser never adds it to another site's request by itself, where a ?token= could be in a link.
    private static bool CarriesToken(HttpRequest request, ControllerToken token) =>
        token.Required && request.Headers.Authorization.Count > 0 && token.Allows(request);

    /// <summary>
    /// Browsers send Origin with every POST and Sec-Fetch-Site with every request; a program such as curl sends
    /// neither, and may act. A page of another site (another port of this machine included) is refused.
    /// </summary>
    private static bool SameOrigin(HttpRequest request)
    {
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        string origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType) =>
        contentType != null && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
