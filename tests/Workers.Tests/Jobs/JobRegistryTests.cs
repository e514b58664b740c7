using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Jobs;

public sealed class JobRegistryTests
{
    [Fact]
    public void Every_catalog_assignment_has_a_job_using_the_catalogs_own_descriptor()
    {
        foreach (var assignment in AssignmentCatalog.All)
        {
            var job = JobRegistry.Find(assignment.Id);
            Assert.NotNull(job);
            Assert.Same(assignment, job.Descriptor);
        }
    }

    [Fact]
    public void Every_registered_job_is_in_the_catalog_once()
    {
        Assert.All(JobRegistry.All, job => Assert.Same(AssignmentCatalog.Find(job.Descriptor.Id), job.Descriptor));
        Assert.Equal(JobRegistry.All.Count, JobRegistry.All.Select(j => j.Descriptor.Id).Distinct().Count());
        Assert.Equal(AssignmentCatalog.All.Count, JobRegistry.All.Count);
    }

    [Fact]
    public void An_unknown_assignment_has_no_job()
    {
        Assert.Null(JobRegistry.Find("c9w9-nothing"));
    }
}
