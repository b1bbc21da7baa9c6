using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Sweep.Grains.Artifacts;

/// <summary>
/// Artifacts as block blobs in one container. A write streams its content in blocks of <see cref="BlockBytes"/> while
/// computing its SHA-256, then commits the block list with the hash in the blob's metadata (<see cref="HashKey"/>) and, for a
/// conditional write, the expected ETag: the commit is the one atomic step, so a reader sees the old or the new blob whole.
/// A read streams the blob and checks the hash when the stream ends (<see cref="VerifyingStream"/>). The client's retry policy
/// retries transient errors with backoff (see <c>AzureStorageAccount</c>).
/// </summary>
public sealed class BlobArtifactStore(BlobContainerClient container) : IArtifactStore
{
    public const string HashKey = "sweepsha256";
    public const int BlockBytes = 4 << 20;

    public string Write(string key, Stream content, string? expectedVersion = null)
    {
        var blob = container.GetBlockBlobClient(key);
        var prefix = Guid.NewGuid().ToString("N"); // a concurrent writer of the same key stages blocks of its own
        var blocks = new List<string>();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BlockBytes];
        int filled;
        while ((filled = Fill(content, buffer)) > 0)
        {
            sha.AppendData(buffer, 0, filled);
            var id = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{prefix}{blocks.Count:D8}"));
            using var block = new MemoryStream(buffer, 0, filled, writable: false);
            blob.StageBlock(id, block);
            blocks.Add(id);
        }
        var options = new CommitBlockListOptions
        {
            Metadata = new Dictionary<string, string> { [HashKey] = Convert.ToHexStringLower(sha.GetHashAndReset()) },
            Conditions = expectedVersion switch
            {
                null => null,
                ArtifactVersion.None => new BlobRequestConditions { IfNoneMatch = ETag.All },
                _ => new BlobRequestConditions { IfMatch = new ETag(expectedVersion) },
            },
        };
        try
        {
            return blob.CommitBlockList(blocks, options).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409 && expectedVersion is not null)
        {
            throw new ArtifactConflictException(key, expectedVersion);
        }
    }

    public ArtifactRead? OpenRead(string key)
    {
        try
        {
            var download = container.GetBlobClient(key).DownloadStreaming().Value;
            var details = download.Details;
            if (!details.Metadata.TryGetValue(HashKey, out var hash))
            {
                download.Dispose();
                throw new ArtifactCorruptException(key, "has no content hash (not written by Sweep)");
            }
            return new ArtifactRead(new VerifyingStream(download.Content, hash, details.ContentLength, key), details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public void Delete(string key) => container.GetBlobClient(key).DeleteIfExists();

    private static int Fill(Stream content, byte[] buffer)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = content.Read(buffer, filled, buffer.Length - filled)) > 0) filled += read;
        return filled;
    }
}
