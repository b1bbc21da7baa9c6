using Sweep.Training.Weights.Onnx;

namespace Sweep.Training.Tests.Weights;

/// <summary>Runs alone: it reads this process's resident pages, which tests beside it could fault in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResidentPages
{
    public const string Name = "resident pages";
}

/// <summary>
/// MiniLM's ONNX file read where the package's assembly is mapped: the same bytes as a copy, and its pages leave the
/// process's resident set when the reader is done (read from /proc/self/smaps).
/// </summary>
[Category(Category.Unit)]
[Collection(ResidentPages.Name)]
public sealed class MappedResourceTests
{
    private const long MiB = 1 << 20;

    /// <summary>Resident bytes of this process's mappings of files named <paramref name="fileName"/>.</summary>
    private static long ResidentOf(string fileName)
    {
        long kib = 0;
        var inFile = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
                inFile = fields.Length >= 6 && fields[^1].EndsWith("/" + fileName, StringComparison.Ordinal);
            else if (inFile && fields is ["Rss:", var value, "kB"])
                kib += long.Parse(value);
        }
        return kib * 1024;
    }

    [Fact]
    public void The_onnx_file_is_read_in_place_and_its_pages_are_handed_back_when_the_reader_is_done()
    {
        var copy = MiniLmResources.ReadOnnx();
        long resident;
        using (var mapped = MiniLmResources.MapOnnx())
        {
            Assert.True(mapped.InPlace, "the resource was copied, not read where the assembly is mapped");
            Assert.True(mapped.Bytes.Span.SequenceEqual(copy)); // reads every page
            resident = ResidentOf(MiniLmResources.AssemblyName + ".dll");
            Assert.True(resident > 80 * MiB, $"{resident / MiB} MiB of the assembly resident after reading its 87 MB resource");
        }
        var after = ResidentOf(MiniLmResources.AssemblyName + ".dll");
        Assert.True(after < resident - 60 * MiB, $"resident {resident / MiB} MiB while read, {after / MiB} MiB after");
    }
}
