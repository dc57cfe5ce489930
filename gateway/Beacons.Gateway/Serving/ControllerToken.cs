using System.Net;
using System.Security.Cryptography;
using System.Text;
using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The controller token: needed for every API request when the gateway listens beyond loopback (anyone
/// on the drill's Wi-Fi could otherwise start the clock or acknowledge alerts), or when one is given.
/// Beside it, always, the evaluator token: it reads everything and adds observations, nothing else
/// (<see cref="ControllerCommands"/> refuses the rest). docs/gateway-api.md, "Authentication".
/// </summary>
public sealed class ControllerToken
{
    private readonly byte[]? _expected;
    private readonly byte[] _evaluator;

    private ControllerToken(string? token, bool generated, string evaluator, bool evaluatorGenerated)
    {
        Value = token;
        Generated = generated;
        _expected = token == null ? null : Encoding.UTF8.GetBytes(token);
        Evaluator = evaluator;
        EvaluatorGenerated = evaluatorGenerated;
        _evaluator = Encoding.UTF8.GetBytes(evaluator);
    }

    /// <summary>The token in force, or null when none is required.</summary>
    public string? Value { get; }

    /// <summary>True when the gateway made the token up (it prints it at start).</summary>
    public bool Generated { get; }

    public bool Required => _expected != null;

    /// <summary>The evaluator token: given, or made up at every start (printed, with the link that carries it).</summary>
    public string Evaluator { get; }

    public bool EvaluatorGenerated { get; }

    public static ControllerToken For(IEnumerable<string> urls, string? given, string? givenEvaluator = null)
    {
        bool evaluatorGiven = !string.IsNullOrEmpty(givenEvaluator);
        string evaluator = evaluatorGiven ? givenEvaluator! : Make();
        if (!string.IsNullOrEmpty(given))
        {
            return new ControllerToken(given, generated: false, evaluator, !evaluatorGiven);
        }

        if (urls.All(IsLoopback))
        {
            return new ControllerToken(null, generated: false, evaluator, !evaluatorGiven);
        }

        return new ControllerToken(Make(), generated: true, evaluator, !evaluatorGiven);
    }

    private static string Make() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

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

    /// <summary>Checks "Authorization: Bearer T" or "?token=T", in constant time: some role, or none.</summary>
    public bool Allows(HttpRequest request) => RoleOf(request) != null;

    /// <summary>
    /// Who presents the request: the evaluator with the evaluator token, the controller with the controller
    /// token (or with anything when none is required), nobody (null) otherwise.
    /// </summary>
    public Role? RoleOf(HttpRequest request)
    {
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

        byte[]? bytes = presented == null ? null : Encoding.UTF8.GetBytes(presented);
        if (bytes != null && CryptographicOperations.FixedTimeEquals(bytes, _evaluator))
        {
            return Role.Evaluator;
        }

        return _expected == null || (bytes != null && CryptographicOperations.FixedTimeEquals(bytes, _expected)) ? Role.Controller : null;
    }
}

/// <summary>Who a request comes from, as its token says.</summary>
public enum Role
{
    Controller,
    Evaluator,
}
