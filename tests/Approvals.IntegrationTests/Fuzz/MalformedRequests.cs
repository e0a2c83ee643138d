using System.Text;
using Approvals.IntegrationTests.Functions;

namespace Approvals.IntegrationTests.Fuzz;

/// <summary>One generated request: what is sent, and a short label that says what was malformed (for the report).</summary>
public sealed record FuzzRequest(string Label, string Method, string Path, byte[]? Body, string? ContentType, string? Accept, bool WithKey,
    IReadOnlyList<(string Name, string Value)> Headers)
{
    /// <summary>A body above this is sent only once the server asks for it (<c>Expect: 100-continue</c>).</summary>
    public const int LargeBody = 64 * 1024;

    public HttpRequestMessage ToMessage(string apiKey)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path.TrimStart('/'));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);

            // As curl and browsers do for a large upload: a server that refuses the body by its length answers before
            // the body is sent, instead of closing the connection under a client still writing it.
            if (Body.Length > LargeBody) message.Headers.ExpectContinue = true;
        }

        if (Accept is not null) message.Headers.TryAddWithoutValidation("Accept", Accept);
        if (WithKey) message.Headers.Add("x-functions-key", apiKey);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }

    public override string ToString() => $"{Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)} [{Label}]";
}

/// <summary>
/// Malformed requests for every route of the server, generated from a seed so a failure can be replayed: forged,
/// truncated and re-spelled tokens, odd ids, odd methods, bodies of the wrong type, size, depth and encoding, unknown
/// query values, huge headers, with and without the key, as a browser and as an API client asks.
/// </summary>
public sealed class MalformedRequests(int seed, string workshopId, IReadOnlyList<string> realTokens)
{
    static readonly string[] OddMethods = ["PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO", "PUT", "POST", "GET", "HEAD"];
    static readonly string?[] Accepts = [null, "text/html", "application/json", "*/*", "image/png", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"];

    readonly Random random = new(seed);

    public IEnumerable<FuzzRequest> For(HttpRoute route, int count)
    {
        ArgumentNullException.ThrowIfNull(route);
        for (var i = 0; i < count; i++)
        {
            var (pathLabel, path) = Path(route);
            var (queryLabel, query) = Query();
            var method = route.Verb == HttpRoute.AnyVerb || random.Next(5) == 0 ? Pick(OddMethods) : route.Verb;
            var (bodyLabel, body, contentType) = method is "POST" or "PUT" or "PATCH" ? Body() : ("no body", null, null);
            var headers = Headers(out var headerLabel);
            yield return new FuzzRequest($"{pathLabel}; {queryLabel}; {bodyLabel}; {headerLabel}", method, path + query, body, contentType,
                Pick(Accepts), random.Next(10) < 8, headers);
        }
    }

    (string, string) Path(HttpRoute route)
    {
        var segments = route.Path.Split('/');
        var labels = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            var isToken = segments[i] == "{token}";
            var (label, value) = isToken ? Token() : Id();
            labels.Add(label);
            segments[i] = value;
        }

        return (labels.Count == 0 ? "no parameters" : string.Join(", ", labels), string.Join('/', segments));
    }

    (string, string) Id() => random.Next(9) switch
    {
        0 => ("the real id", workshopId),
        1 => ("unknown id", Guid.NewGuid().ToString("N")),
        2 => ("300-character id", new string('w', 300)),
        3 => ("NUL in id", "ws%00x"),
        4 => ("dot-dot id", "..%2F..%2Fetc%2Fpasswd"),
        5 => ("Chinese id", Uri.EscapeDataString("研讨会")),
        6 => ("broken UTF-8 id", "%FF%FE%C3%28"),
        7 => ("quote in id", "a'b%22c"),
        _ => ("real id, upper case", workshopId.ToUpperInvariant()),
    };

    (string, string) Token()
    {
        var real = Pick(realTokens);
        return random.Next(10) switch
        {
            0 => ("junk token", "a.b"),
            1 => ("no dot", new string('A', 60)),
            2 => ("truncated token", real[..(real.Length / 2)]),
            3 => ("one character changed", Flip(real)),
            4 => ("3,000-character token", new string('x', 1400) + "." + new string('y', 1400)),
            5 => ("padding added", real + "%3D%3D"),
            6 => ("halves of two tokens", real[..(real.Length / 2)] + Pick(realTokens)[(real.Length / 2)..]),
            7 => ("broken UTF-8 token", "%FF%FE" + real[2..]),
            8 => ("dots added", real + ".x.y"),
            _ => ("base64 junk", Convert.ToBase64String(Bytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=') + "." + "AAAA"),
        };
    }

    (string, string) Query() => random.Next(8) switch
    {
        0 => ("unknown query", "?stage=Bogus&from=not-a-date&to=&top=-1&overdue=maybe"),
        1 => ("broken UTF-8 query", "?q=%FF%FE&stage=%C3%28"),
        2 => ("wrong key in query", "?code=not-the-key"),
        3 => ("huge query", "?q=" + new string('q', 3000)),
        4 => ("repeated parameters", "?stage=Published&stage=Draft&from=2026-01-01&from=x"),
        5 => ("numbers out of range", "?from=99999-99-99&to=0000-00-00&page=99999999999999999999"),
        _ => ("no query", string.Empty),
    };

    (string, byte[]?, string?) Body() => random.Next(16) switch
    {
        0 => ("empty body", [], "application/json"),
        1 => ("JSON null", Utf8("null"), "application/json"),
        2 => ("JSON array", Utf8("[1,2,3]"), "application/json"),
        3 => ("JSON number", Utf8("123"), "application/json"),
        4 => ("fields of the wrong type", Utf8("""{"title":5,"startDate":true,"nominees":"x","reason":[],"decision":{},"comment":1,"ministries":7}"""), "application/json"),
        5 => ("deep JSON", Utf8(new string('[', 5000) + new string(']', 5000)), "application/json"),
        6 => ("truncated JSON", Utf8("""{"title":"W","nominees":[{"name":"""), "application/json"),
        7 => ("broken UTF-8 in JSON", [.. Utf8("""{"reason":" """), 0xC3, 0x28, 0xFF, .. Utf8("\"}")], "application/json"),
        8 => ("3 MB JSON string", Utf8("{\"reason\":\"" + new string('长', 1_000_000) + "\"}"), "application/json"),
        9 => ("5,000 form fields", Utf8(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=v"))), "application/x-www-form-urlencoded"),
        10 => ("form with broken UTF-8", [.. Utf8("decision="), 0xFF, 0xFE, .. Utf8("&comment=%FF%C3%28&confirmDecline=maybe")], "application/x-www-form-urlencoded"),
        11 => ("JSON sent as text/plain", Utf8("""{"reason":"x"}"""), "text/plain"),
        12 => ("form sent as JSON", Utf8("decision=approve"), "application/json"),
        13 => ("multipart garbage", Utf8("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b"), "multipart/form-data; boundary=b"),
        14 => ("random bytes", Bytes(random.Next(1, 4096)), "application/octet-stream"),
        _ => ("unknown decision", Utf8("decision=maybe&comment=" + new string('c', 10_000)), "application/x-www-form-urlencoded"),
    };

    List<(string, string)> Headers(out string label)
    {
        switch (random.Next(6))
        {
            case 0:
                label = "16 KB header";
                return [("X-Junk", new string('h', 16 * 1024))];
            case 1:
                label = "forged forwarding headers";
                return [("X-Forwarded-For", "not-an-ip, 999.1.1.1, ::g"), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "gopher")];
            case 2:
                label = "odd user agent";
                return [("User-Agent", new string('u', 8000)), ("Idempotency-Key", new string('k', 3000))];
            case 3:
                label = "wrong key header";
                return [("Authorization", "Basic " + Convert.ToBase64String(Bytes(30)))];
            default:
                label = "plain headers";
                return [];
        }
    }

    string Flip(string token)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>What came back, reduced to what the test judges.</summary>
public sealed record FuzzResponse(FuzzRequest Request, int Status, string? MediaType, string Body)
{
    public static async Task<FuzzResponse> ReadAsync(FuzzRequest request, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        return new FuzzResponse(request, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    public override string ToString() => $"{Status} {MediaType} ← {Request}: {(Body.Length > 200 ? Body[..200] : Body)}";
}
