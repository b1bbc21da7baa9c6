using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Sweep.Grains.Artifacts;
using Sweep.Grains.Hosting;

namespace Sweep.Grains.AzureStorage;

/// <summary>A silo's Azure storage: grain state in Orleans' blob grain storage, artifacts in <see cref="BlobArtifactStore"/>.</summary>
public static class AzureSiloStorage
{
    /// <summary>The account of validated options (validation has listed any problem already).</summary>
    public static AzureStorageAccount Account(SweepSiloOptions o) =>
        AzureStorageAccount.From(o.Azure, out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>Orleans' blob grain storage in the container <see cref="SweepAzureOptions.StateContainer"/>; its options are
    /// configured by <see cref="ConfigureGrainStorage"/>.</summary>
    public static IGrainStorage GrainStorage(IServiceProvider sp, string name) => AzureBlobGrainStorageFactory.Create(sp, name);

    /// <summary>The blob grain storage's options, read from the silo's options when the storage is created (only with Azure storage).</summary>
    public static void ConfigureGrainStorage(IServiceCollection services, string name) =>
        services.AddOptions<AzureBlobStorageOptions>(name).Configure<IOptions<SweepSiloOptions>, Serializer>((b, options, serializer) =>
        {
            b.ContainerName = options.Value.Azure.StateContainer;
            b.BlobServiceClient = Account(options.Value).Blobs();
            b.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer); // Orleans' binary format, as the memory storage uses
        });

    /// <summary>The storage itself when it takes part in the silo's lifecycle (Azure blob storage: it creates its container), else nothing.</summary>
    public static ILifecycleParticipant<ISiloLifecycle> LifecycleOf(IGrainStorage storage) =>
        storage as ILifecycleParticipant<ISiloLifecycle> is { } p && storage is AzureBlobGrainStorage ? p : NoPart.Instance;

    public static IArtifactStore ArtifactStore(SweepSiloOptions o)
    {
        var container = Account(o).Blobs().GetBlobContainerClient(o.Azure.ArtifactContainer);
        container.CreateIfNotExists();
        return new BlobArtifactStore(container);
    }

    private sealed class NoPart : ILifecycleParticipant<ISiloLifecycle>
    {
        public static readonly NoPart Instance = new();
        public void Participate(ISiloLifecycle lifecycle) { }
    }
}
