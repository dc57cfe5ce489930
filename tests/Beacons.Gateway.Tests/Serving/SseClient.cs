using System.Net.Http.Headers;
using System.Text.Json;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>A plain Server-Sent Events reader over HttpClient, as a browser's EventSource would read the stream.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseClient> OpenAsync(HttpClient http, string url, long? lastEventId = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId != null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId.Value.ToString());
        }

        if (token != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next message: its id line, its event (and that event's JSON text) and what it changed; null when the stream ends.</summary>
    public async Task<SseMessage?> NextAsync(CancellationToken cancel)
    {
        long? id = null;
        string? data = null;
        while (await _reader.ReadLineAsync(cancel) is string line)
        {
            if (line.Length == 0)
            {
                if (data != null)
                {
                    JsonElement message = JsonDocument.Parse(data).RootElement.Clone();
                    JsonElement e = message.GetProperty("event");
                    return new SseMessage(id ?? -1, e.GetRawText(), e, message.GetProperty("changed"));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            if (line.StartsWith("id: "))
            {
                id = long.Parse(line[4..]);
            }
            else if (line.StartsWith("data: "))
            {
                data = line[6..];
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}

/// <summary>A stream message: the event, its JSON as sent, and the roster entities it changed (JSON null when the gateway no longer holds them).</summary>
public readonly record struct SseMessage(long Id, string Data, JsonElement Event, JsonElement Changed);
