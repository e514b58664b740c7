using System.Net;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Browser;

/// <summary>The dashboard's artifact endpoint on a real Kestrel host (no browser needed): streaming, types, and path checks.</summary>
public sealed class ArtifactEndpointTests
{
    [Fact]
    public async Task Streams_images_inline_other_files_as_attachments_and_refuses_bad_paths()
    {
        await using var host = await DashboardTestHost.StartAsync(SampleData.Create(), new FixedClock(SampleData.Now));
        using var http = new HttpClient { BaseAddress = host.Address };
        var prefix = $"_dashboard/artifacts/{SampleData.FinishedRunId}/";

        using var image = await http.GetAsync(prefix + "plots/decision_boundary.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Null(image.Content.Headers.ContentDisposition);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await image.Content.ReadAsByteArrayAsync())[..4]);

        using var binary = await http.GetAsync(prefix + "model/weights.bin");
        Assert.Equal("attachment", binary.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/octet-stream", binary.Content.Headers.ContentType!.MediaType);

        using var download = await http.GetAsync(prefix + "dinosaur_names.txt?download=1");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);

        using var missing = await http.GetAsync(prefix + "nope.txt");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var backslash = await http.GetAsync(prefix + "plots%5C..%5C..%5Cx");
        Assert.Equal(HttpStatusCode.BadRequest, backslash.StatusCode);
    }
}
