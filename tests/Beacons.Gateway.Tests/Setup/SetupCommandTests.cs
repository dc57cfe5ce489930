using System.Net;
using System.Net.Http.Headers;
using Beacons.Testing;

namespace Beacons.Gateway.Tests.Setup;

/// <summary>`beacons setup FOLDER`, the real program: the folder is made if missing, and beyond loopback the page's API wants the token it prints.</summary>
public class SetupCommandTests
{
    [Fact]
    public async Task Setup_makes_its_folder_and_beyond_loopback_prints_the_token_the_api_then_wants()
    {
        string directory = Path.Combine(Path.GetTempPath(), "beacons-setup-cli-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(directory);
        string folder = Path.Combine(directory, "spring", "drill");
        try
        {
            using BeaconsProcess setup = BeaconsProcess.Start(directory, ["setup", folder, "--urls", "http://0.0.0.0:0"]);
            Assert.True(Directory.Exists(folder));
            string token = setup.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("token ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{new Uri(setup.Url).Port}/") };

            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/setup/status")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Contains("\"hasVenue\":false", await http.GetStringAsync("api/setup/status"));
            Assert.Equal(0, setup.Interrupt());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
