using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Sweep.Grains.Artifacts;
using Sweep.Grains.AzureStorage;
using Sweep.Grains.Hosting;
using Sweep.Grains.Trials;
using Sweep.TestSupport.Components;

namespace Sweep.Grains.Tests.Azure;

/// <summary>The Azure Blob artifact store against a real Azurite: streamed round trip, hash check, conditional writes, an outage.</summary>
[Category(Category.Cluster)]
public sealed class BlobArtifactStoreTests : IAsyncLifetime
{
    private AzuriteServer _azurite = null!;
    private BlobContainerClient _container = null!;
    private BlobArtifactStore _store = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartNewAsync();
        var account = AzureStorageAccount.From(new SweepAzureOptions { ConnectionString = _azurite.ConnectionString }, out var problem)
            ?? throw new InvalidOperationException(problem);
        _container = account.Blobs().GetBlobContainerClient("artifacts-test");
        await _container.CreateIfNotExistsAsync();
        _store = new BlobArtifactStore(_container);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    private static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public void A_write_of_several_blocks_reads_back_byte_for_byte_with_its_SHA256_in_the_metadata()
    {
        var data = Bytes(BlobArtifactStore.BlockBytes * 2 + 12345, 1); // three blocks, the last partial
        _store.Write("e/t/checkpoint", new MemoryStream(data));

        Assert.Equal(data, _store.Load("e/t/checkpoint"));
        var metadata = _container.GetBlobClient("e/t/checkpoint").GetProperties().Value.Metadata;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), metadata[BlobArtifactStore.HashKey]); // the hash of the bytes, computed independently
        Assert.Null(_store.OpenRead("e/t/absent"));
    }

    [Fact]
    public void Flipped_bytes_in_storage_are_caught_on_read_and_the_checkpoint_is_ignored_with_a_warning()
    {
        var data = Bytes(100_000, 2);
        _store.Write("e/t/checkpoint", new MemoryStream(data));
        Corrupt("e/t/checkpoint", at: 50_000);

        using (var read = _store.OpenRead("e/t/checkpoint")!)
            Assert.Throws<ArtifactCorruptException>(() => read.Content.CopyTo(Stream.Null));
        var checkpoints = new TrialArtifacts(_store, "e");
        Assert.Null(checkpoints.Load("t")); // step 0, not garbage
        Assert.Contains("does not match the stored", checkpoints.Warning);
        Assert.Contains("starts again from step 0", checkpoints.Warning);
    }

    [Fact]
    public void A_trial_process_checkpoint_file_streams_into_the_store_and_back_and_a_corrupted_one_leaves_no_file()
    {
        using var dir = new TempDirectory("ckpt-files");
        var data = Bytes(BlobArtifactStore.BlockBytes + 4321, 8); // two blocks
        File.WriteAllBytes(dir.File("written.ckpt"), data);
        new TrialArtifacts(_store, "e").SaveFile("t", dir.File("written.ckpt"));
        Assert.Equal(data, _store.Load(TrialArtifacts.CheckpointKey("e", "t")));

        var reader = new TrialArtifacts(_store, "e");
        Assert.True(reader.LoadToFile("t", dir.File("resume.ckpt")));
        Assert.Equal(data, File.ReadAllBytes(dir.File("resume.ckpt")));
        Assert.False(reader.LoadToFile("absent", dir.File("none.ckpt")));
        Assert.False(File.Exists(dir.File("none.ckpt")));

        Corrupt(TrialArtifacts.CheckpointKey("e", "t"), at: 10);
        var damaged = new TrialArtifacts(_store, "e");
        Assert.False(damaged.LoadToFile("t", dir.File("damaged.ckpt")));
        Assert.False(File.Exists(dir.File("damaged.ckpt"))); // the process is never handed a partial or damaged file
        Assert.Contains("starts again from step 0", damaged.Warning);
    }

    [Fact]
    public void A_late_attempt_cannot_overwrite_a_checkpoint_written_by_a_newer_one()
    {
        var late = new TrialArtifacts(_store, "e");
        Assert.Null(late.Load("t"));
        late.Save("t", Bytes(1000, 3));           // the first attempt writes
        var newer = new TrialArtifacts(_store, "e");
        Assert.NotNull(newer.Load("t"));          // its silo is given up for dead; a new attempt resumes from it
        var newest = Bytes(1000, 4);
        newer.Save("t", newest);

        Assert.Throws<ArtifactConflictException>(() => late.Save("t", Bytes(1000, 5))); // the first attempt is still running somewhere
        Assert.Equal(newest, _store.Load(TrialArtifacts.CheckpointKey("e", "t")));
        newer.Save("t", Bytes(1000, 6));          // the newer attempt goes on writing over its own versions
    }

    [Fact]
    public async Task A_write_during_a_storage_outage_is_retried_with_backoff_and_lands_when_storage_returns()
    {
        var data = Bytes(300_000, 7);
        await _azurite.StopAsync();
        var write = Task.Run(() => _store.Write("e/t/checkpoint", new MemoryStream(data)));
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.False(write.IsCompleted);
        await _azurite.StartAsync();
        await write.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(data, _store.Load("e/t/checkpoint"));
    }

    /// <summary>Flips one byte of a stored blob, keeping its metadata (the stored hash), as damage in storage would.</summary>
    private void Corrupt(string key, int at)
    {
        var blob = _container.GetBlobClient(key);
        var properties = blob.GetProperties().Value;
        var bytes = blob.DownloadContent().Value.Content.ToArray();
        bytes[at] ^= 0xFF;
        blob.Upload(new MemoryStream(bytes), new BlobUploadOptions { Metadata = properties.Metadata });
    }
}
