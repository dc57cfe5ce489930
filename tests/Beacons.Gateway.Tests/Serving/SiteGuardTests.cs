using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Beacons.Gateway.Serving;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>
/// Another web site open in the controller's browser must not act on the gateway nor read it by DNS
/// rebinding. These send what such a page would send; the browser tests do it from a real page.
/// </summary>
public class SiteGuardTests
{
    private const string Evil = "http://evil.example";

    [Fact]
    public async Task A_request_naming_a_host_the_gateway_was_not_given_is_refused_and_known_names_are_served()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        int port = g.Http.BaseAddress!.Port;

        HttpResponseMessage rebound = await Send(g, HttpMethod.Get, "api/roster", host: $"evil.example:{port}");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.StatusCode);
        Assert.DoesNotContain("Officer", await rebound.Content.ReadAsStringAsync());

        foreach (string host in new[] { $"localhost:{port}", $"127.0.0.1:{port}", $"{Dns.GetHostName()}:{port}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Send(g, HttpMethod.Get, "api/roster", host: host)).StatusCode);
        }
    }

    [Fact]
    public async Task Actions_from_another_origin_are_refused_and_change_nothing()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        long before = g.Runtime.Feed.Current.LastEventId;
        var forged = new (string Path, string Body)[]
        {
            ("api/clock/start", ""),
            ("api/zones/1/status", "{\"status\":\"cold\"}"),
            ("api/annotations", "{\"type\":\"note\",\"text\":\"forged\"}"),
            ("api/alerts/1/acknowledge", ""),
        };

        foreach ((string path, string body) in forged)
        {
            // What a no-cors fetch from another page sends: its Origin, text/plain.
            HttpResponseMessage noCors = await Send(g, HttpMethod.Post, path, body, "text/plain", origin: Evil, site: "cross-site");
            Assert.Equal(HttpStatusCode.Forbidden, noCors.StatusCode);
            // Another port of this machine is another site too.
            HttpResponseMessage otherPort = await Send(g, HttpMethod.Post, path, body, "application/json", origin: "http://127.0.0.1:1", site: "same-site");
            Assert.Equal(HttpStatusCode.Forbidden, otherPort.StatusCode);
        }

        Assert.Equal(before, g.Runtime.Feed.Current.LastEventId);
        JsonElement counters = await ApiTests.GetJson(g, "api/counters");
        Assert.Equal(2 * forged.Length, counters.GetProperty("counters").GetProperty("api-foreign").GetInt64());
    }

    [Fact]
    public async Task An_action_from_the_gateways_own_page_needs_a_json_body_and_a_program_without_origin_may_act()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        string own = $"http://127.0.0.1:{g.Http.BaseAddress!.Port}";
        string note = "{\"type\":\"note\",\"text\":\"ok\"}";

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Send(g, HttpMethod.Post, "api/annotations", note, "text/plain", origin: own, site: "same-origin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(g, HttpMethod.Post, "api/annotations", note, "application/json", origin: own, site: "same-origin")).StatusCode);
        // Past the guard, with no body: refused only because no device of the test drill is on yet.
        Assert.Equal(HttpStatusCode.Conflict, (await Send(g, HttpMethod.Post, "api/clock/start", "", null, origin: own, site: "same-origin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(g, HttpMethod.Post, "api/annotations", note, "application/json; charset=utf-8")).StatusCode); // curl, a script
    }

    [Fact]
    public async Task The_controller_token_in_the_header_acts_from_anywhere_but_not_in_a_link()
    {
        await using LiveGateway g = await LiveGateway.StartAsync(options: new GatewayOptions { Token = "s3cret-token" });
        string note = "{\"type\":\"note\",\"text\":\"from a tool page\"}";

        HttpResponseMessage byHeader = await Send(g, HttpMethod.Post, "api/annotations", note, "application/json", origin: Evil, site: "cross-site");
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);

        var link = new HttpRequestMessage(HttpMethod.Post, "api/annotations?token=s3cret-token") { Content = new StringContent(note, Encoding.UTF8, "text/plain") };
        link.Headers.Authorization = null;
        link.Headers.Add("Origin", Evil);
        using var anonymous = new HttpClient { BaseAddress = g.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.SendAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Pages_forbid_framing_the_report_allows_its_own_review_page_and_neither_loads_from_elsewhere()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        foreach (string path in new[] { "", "review.html", "api/roster" })
        {
            HttpResponseMessage page = await g.Http.GetAsync(path);
            string policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("default-src 'self'", policy);
            Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        }

        HttpResponseMessage report = await g.Http.GetAsync("api/review/report.html");
        string reportPolicy = string.Join(";", report.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", reportPolicy); // no script at all
        Assert.Contains("frame-ancestors 'self'", reportPolicy); // the review page shows it in a frame
        Assert.Equal("SAMEORIGIN", report.Headers.GetValues("X-Frame-Options").Single());
    }

    private static async Task<HttpResponseMessage> Send(LiveGateway g, HttpMethod method, string path, string? body = null, string? contentType = "application/json",
        string? origin = null, string? site = null, string? host = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body != null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType == null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (origin != null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (site != null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        if (host != null)
        {
            request.Headers.Host = host;
        }

        return await g.Http.SendAsync(request);
    }
}
