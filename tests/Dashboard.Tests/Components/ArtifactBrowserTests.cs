using Bunit;
using Platform.Dashboard.Artifacts;
using Platform.Dashboard.Tests.Fakes;

namespace Platform.Dashboard.Tests.Components;

public sealed class ArtifactBrowserTests : DashboardTestContext
{
    private IRenderedComponent<ArtifactBrowser> RenderFinishedRun()
    {
        var run = Api.Runs.Single(r => r.Info.RunId == SampleData.FinishedRunId);
        return Render<ArtifactBrowser>(p => p.Add(x => x.Run, run));
    }

    [Fact]
    public void Lists_folders_first_then_files_with_download_links()
    {
        var cut = RenderFinishedRun();

        var rows = cut.WaitForElements("[data-testid=artifact]", 3);
        Assert.Equal(["model", "plots", "dinosaur_names.txt"], rows.Select(r => r.QuerySelector("td")!.TextContent));
        Assert.Equal($"_dashboard/artifacts/{SampleData.FinishedRunId}/dinosaur_names.txt?download=1", cut.Find("[data-testid=download]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=artifact-image]"));
    }

    [Fact]
    public void A_folder_opens_with_its_images_inline_and_the_path_leads_back()
    {
        var cut = RenderFinishedRun();
        cut.WaitForElements("[data-testid=artifact]", 3);

        cut.FindAll("[data-testid=folder]")[1].Click();

        var images = cut.WaitForElements("[data-testid=artifact-image]", 2);
        Assert.Equal($"_dashboard/artifacts/{SampleData.FinishedRunId}/plots/cost.png", images[0].GetAttribute("src"));
        Assert.Equal("artifacts/plots", cut.Find("[data-testid=artifact-path]").TextContent);

        cut.Find("[data-testid=artifact-path] button").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=artifact-image]")));
    }

    [Fact]
    public void A_text_artifact_is_previewed_inline_up_to_64_KB()
    {
        Api.Artifacts[(SampleData.FinishedRunId, "big.log")] = System.Text.Encoding.UTF8.GetBytes(new string('x', ArtifactPaths.MaxPreviewBytes + 10));
        var cut = RenderFinishedRun();
        cut.WaitForElements("[data-testid=artifact]", 4);

        cut.FindAll("[data-testid=preview-link]").Single(b => b.TextContent == "dinosaur_names.txt").Click();
        cut.WaitForAssertion(() => Assert.Equal("Macaersaurus\nTrodonosaurus\nLiusaurus\nTrodon\n", cut.Find("[data-testid=text-preview] pre").TextContent));

        cut.FindAll("[data-testid=preview-link]").Single(b => b.TextContent == "big.log").Click();
        cut.WaitForAssertion(() => Assert.Equal(ArtifactPaths.MaxPreviewBytes, cut.Find("[data-testid=text-preview] pre").TextContent.Length));
        Assert.Contains("(first 64 KB)", cut.Find("[data-testid=text-preview]").TextContent);
    }

    [Theory]
    [InlineData("plots/a.png", true)]
    [InlineData("a b/c.txt", true)]
    [InlineData("../secret", false)]
    [InlineData("plots/../../x", false)]
    [InlineData("./x", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a//b", false)]
    [InlineData("a\\..\\b", false)]
    [InlineData("", false)]
    public void Only_plain_relative_paths_are_served(string path, bool safe) => Assert.Equal(safe, ArtifactPaths.IsSafe(path));

    [Theory]
    [InlineData("x.PNG", ArtifactKind.Image, "image/png")]
    [InlineData("names.txt", ArtifactKind.Text, "text/plain; charset=utf-8")]
    [InlineData("page.html", ArtifactKind.Other, "application/octet-stream")]
    [InlineData("icon.svg", ArtifactKind.Other, "application/octet-stream")]
    public void Only_known_safe_types_are_shown_inline(string path, ArtifactKind kind, string contentType)
    {
        Assert.Equal(kind, ArtifactPaths.KindOf(path));
        Assert.Equal(contentType, ArtifactPaths.ContentTypeOf(path));
    }
}
