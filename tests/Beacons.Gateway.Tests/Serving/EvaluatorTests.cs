using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Beacons.Gateway.Serving;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>The evaluator token reads everything and adds signed observations; the clock, zones and alerts answer 403.</summary>
public class EvaluatorTests
{
    private const string Controller = "controller-token-1";
    private const string Evaluator = "evaluator-token-1";

    [Fact]
    public async Task An_evaluator_reads_and_adds_signed_observations_but_cannot_change_the_clock_zones_or_alerts()
    {
        await using LiveGateway g = await LiveGateway.StartAsync(options: new GatewayOptions { Token = Controller, EvaluatorToken = Evaluator });
        using HttpClient evaluator = Client(g, Evaluator);

        JsonElement status = await Json(await evaluator.GetAsync("api/status"));
        JsonElement controllerStatus = await Json(await g.Http.GetAsync("api/status"));
        HttpResponseMessage roster = await evaluator.GetAsync("api/roster");
        JsonElement observation = await Json(await Post(evaluator, "api/annotations", """{"text":"Medics held at the door 2 min","by":"E. Kim"}"""));
        var refused = new List<HttpResponseMessage>
        {
            await Post(evaluator, "api/clock/start", ""),
            await Post(evaluator, "api/zones/1/status", """{"status":"warm"}"""),
            await Post(evaluator, "api/alerts/1/acknowledge", ""),
        };

        Assert.Equal("evaluator", status.GetProperty("role").GetString());
        Assert.Equal("controller", controllerStatus.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, roster.StatusCode);
        Assert.Equal("observation", observation.GetProperty("data").GetProperty("type").GetString());
        Assert.Equal("E. Kim", observation.GetProperty("data").GetProperty("by").GetString());
        foreach (HttpResponseMessage response in refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("controller token", (await Json(response)).GetProperty("detail").GetString());
        }

        Assert.Null(g.Runtime.Feed.Current.Roster.Clock.StartedAtMs);
    }

    [Fact]
    public async Task Annotations_are_corrected_and_withdrawn_through_the_api_and_an_empty_one_is_a_clear_problem()
    {
        await using LiveGateway g = await LiveGateway.StartAsync();

        long id = (await Json(await Post(g.Http, "api/annotations", """{"type":"note","text":"RTF east"}"""))).GetProperty("id").GetInt64();
        JsonElement corrected = await Json(await Post(g.Http, $"api/annotations/{id}/correct", """{"type":"note","text":"RTF west"}"""));
        HttpResponseMessage empty = await Post(g.Http, "api/annotations", """{"type":"","text":"  "}""");
        HttpResponseMessage notString = await Post(g.Http, "api/annotations", """{"text":5}""");
        JsonElement rosterBefore = await Json(await g.Http.GetAsync("api/roster"));
        JsonElement withdrawn = await Json(await Post(g.Http, $"api/annotations/{id}/withdraw", ""));
        HttpResponseMessage again = await Post(g.Http, $"api/annotations/{id}/withdraw", "");

        Assert.Equal("annotation-corrected", corrected.GetProperty("kind").GetString());
        Assert.Equal("RTF west", rosterBefore.GetProperty("notes")[0].GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("an annotation needs a text or a chosen type: both are empty", (await Json(empty)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notString.StatusCode);
        Assert.Equal("annotation-withdrawn", withdrawn.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(withdrawn.GetProperty("at").GetInt64(), (await Json(await g.Http.GetAsync("api/roster"))).GetProperty("notes")[0].GetProperty("withdrawnAtMs").GetInt64());
    }

    [Theory]
    [InlineData("http://127.0.0.1:47880")]
    [InlineData("http://0.0.0.0:47880")]
    public void The_evaluator_token_is_made_up_at_every_start_unless_given_and_differs_from_the_controllers(string url)
    {
        ControllerToken made = ControllerToken.For([url], given: null);
        ControllerToken given = ControllerToken.For([url], given: null, givenEvaluator: Evaluator);

        Assert.True(made.EvaluatorGenerated);
        Assert.True(made.Evaluator.Length >= 20);
        Assert.NotEqual(made.Value, made.Evaluator);
        Assert.NotEqual(made.Evaluator, ControllerToken.For([url], given: null).Evaluator);
        Assert.Equal((Evaluator, false), (given.Evaluator, given.EvaluatorGenerated));
    }

    private static HttpClient Client(LiveGateway g, string token)
    {
        var client = new HttpClient { BaseAddress = g.Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
