using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>Every HTTP error is an RFC 9457 problem body that says what was wrong, and is counted once.</summary>
public class ProblemTests
{
    [Theory]
    [InlineData("""{"type":"note","text":"\ud800"}""")] // a lone surrogate, escaped
    [InlineData("""{"type":"note","\udc00":"x"}""")] // in a property name
    public async Task A_body_with_a_lone_surrogate_is_a_bad_request(string json)
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        HttpResponseMessage response = await ApiTests.Post(g, "api/annotations", json);

        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("lone surrogate", problem.GetProperty("detail").GetString());
        Assert.Equal(1, g.Runtime.Counters[Counter.ApiMalformed]);
        Assert.Equal(0, g.Runtime.Counters[Counter.ApiFailed]);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_bad_request()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();
        byte[] body = [.. "{\"type\":\"note\",\"text\":\""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        HttpResponseMessage response = await g.Http.PostAsync("api/annotations", content);

        JsonElement problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("not UTF-8", problem.GetProperty("detail").GetString());
        Assert.Equal(1, g.Runtime.Counters[Counter.ApiMalformed]);
        Assert.Empty(g.Runtime.Feed.Current.Roster.Notes);
    }

    [Fact]
    public async Task A_query_parameter_that_does_not_bind_says_which()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        JsonElement problem = await Problem(await g.Http.GetAsync("api/alerts?active=maybe"), HttpStatusCode.BadRequest);

        Assert.Contains("active", problem.GetProperty("detail").GetString());
        Assert.Contains("maybe", problem.GetProperty("detail").GetString());
        Assert.Equal(1, g.Runtime.Counters[Counter.ApiMalformed]);
    }

    [Theory]
    [InlineData("POST", "api/zones/1099511627776/status", HttpStatusCode.NotFound)] // the {id:int} constraint fails
    [InlineData("GET", "api/nothing", HttpStatusCode.NotFound)]
    [InlineData("GET", "js/nothing.js", HttpStatusCode.NotFound)]
    [InlineData("GET", "api/clock/start", HttpStatusCode.MethodNotAllowed)]
    public async Task A_route_that_is_not_there_is_a_problem_counted_as_not_found(string method, string path, HttpStatusCode status)
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        HttpResponseMessage response = await g.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        JsonElement problem = await Problem(response, status);
        Assert.Contains($"{method} /{path}", problem.GetProperty("detail").GetString());
        Assert.Equal(1, g.Runtime.Counters[Counter.ApiNotFound]);
    }

    [Fact]
    public async Task Every_error_answer_is_a_problem_and_each_is_counted_exactly_once()
    {
        await using LiveGateway g = await LiveGateway.StartAsync(options: new GatewayOptions { Token = "s3cret-token" });
        using var anonymous = new HttpClient { BaseAddress = g.Http.BaseAddress };
        await ApiTests.Post(g, "api/clock/start", """{"confirm":true}""");
        long before = Counted(g);
        var requests = new List<(Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status)>
        {
            (() => anonymous.GetAsync("api/roster"), HttpStatusCode.Unauthorized),
            (() => g.Http.SendAsync(Request(HttpMethod.Get, "api/roster", host: "evil.example")), HttpStatusCode.MisdirectedRequest),
            (() => anonymous.SendAsync(Request(HttpMethod.Post, "api/clock/stop", origin: "http://evil.example")), HttpStatusCode.Forbidden),
            (() => g.Http.PostAsync("api/clock/start", null), HttpStatusCode.Conflict),
            (() => ApiTests.Post(g, "api/zones/99/status", """{"status":"warm"}"""), HttpStatusCode.NotFound),
            (() => ApiTests.Post(g, "api/annotations", "[1]"), HttpStatusCode.BadRequest),
            (() => ApiTests.Post(g, "api/annotations", $$"""{"type":"a","text":"{{new string('x', 5000)}}"}"""), HttpStatusCode.RequestEntityTooLarge),
            (() => g.Http.GetAsync("api/events?limit=0"), HttpStatusCode.BadRequest),
            (() => g.Http.GetAsync("api/stream?after=x"), HttpStatusCode.BadRequest),
            (() => g.Http.GetAsync("api/review?run=first"), HttpStatusCode.BadRequest),
            (() => g.Http.GetAsync("api/review?run=2"), HttpStatusCode.NotFound),
            (() => g.Http.GetAsync("api/alerts?active=maybe"), HttpStatusCode.BadRequest),
            (() => g.Http.GetAsync("api/nothing"), HttpStatusCode.NotFound),
        };

        foreach ((Func<Task<HttpResponseMessage>> send, HttpStatusCode status) in requests)
        {
            long counted = Counted(g);
            JsonElement problem = await Problem(await send(), status);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            Assert.Equal(counted + 1, Counted(g));
        }

        JsonElement counters = await ApiTests.GetJson(g, "api/counters");
        Assert.Equal(before + requests.Count, counters.GetProperty("rejected").GetInt64());
    }

    [Fact]
    public async Task An_exception_is_a_counted_500_problem()
    {
        var counters = new IngestCounters();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication app = builder.Build();
        Problems.Use(app, counters);
        app.MapGet("/boom", string () => throw new InvalidOperationException("a bug"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        JsonElement problem = await Problem(await http.GetAsync("/boom"), HttpStatusCode.InternalServerError);

        Assert.Contains("InvalidOperationException: a bug", problem.GetProperty("detail").GetString());
        Assert.Equal(1, counters[Counter.ApiFailed]);
        await app.StopAsync();
    }

    /// <summary>The answer's problem body, checked against RFC 9457: its media type, and type, title and status that match.</summary>
    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.Equal(Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase((int)status), problem.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(problem.TryGetProperty("error", out _));
        return problem;
    }

    private static long Counted(LiveGateway g) => g.Runtime.Counters.Rejected;

    private static HttpRequestMessage Request(HttpMethod method, string path, string? host = null, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (host != null)
        {
            request.Headers.Host = host;
        }

        if (origin != null)
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
        }

        return request;
    }
}
