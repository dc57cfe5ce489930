using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The controller token: needed for every API request when the gateway listens beyond loopback (anyone
/// on the drill's Wi-Fi could otherwise start the clock or acknowledge alerts), or when one is given.
/// </summary>
public sealed class ControllerToken
{
    private readonly byte[]? _expected;

    private ControllerToken(string? token, bool generated)
    {
        Value = token;
        Generated = generated;
        _expected = token == null ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The token in force, or null when none is required.</summary>
    public string? Value { get; }

    /// <summary>True when the gateway made the token up (it prints it at start).</summary>
    public bool Generated { get; }

    public bool Required => _expected != null;

    public static ControllerToken For(IEnumerable<string> urls, string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return new ControllerToken(given, generated: false);
        }

        if (urls.All(IsLoopback))
        {
            return new ControllerToken(null, generated: false);
        }

        string made = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        return new ControllerToken(made, generated: true);
    }

    /// <summary>True when the URL's host is loopback only (localhost, 127.x.x.x, ::1).</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out Uri? uri))
        {
            return false;
        }

        if (uri.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Checks "Authorization: Bearer T" or "?token=T", in constant time.</summary>
    public bool Allows(HttpRequest request)
    {
        if (_expected == null)
        {
            return true;
        }

        string? presented = null;
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }
        else if (request.Query.TryGetValue("token", out var query))
        {
            presented = query.ToString();
        }

        return presented != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
    }
}
