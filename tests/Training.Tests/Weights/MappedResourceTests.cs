using System.Diagnostics;
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
/// process's resident set when the reader is done (read from /proc/self/smaps), also while another mapping holds them.
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
    public void The_onnx_file_is_read_in_place_and_its_pages_are_handed_back_when_the_reader_is_done() =>
        ReadInPlaceThenHandedBack(MiniLmResources.ReadOnnx());

    /// <summary>Two trial processes importing MiniLM at the same moment both map the file's pages, and the kernel's
    /// <c>MADV_PAGEOUT</c> skips a page another process maps: each kept all 87 MiB. Here a second process (python3)
    /// maps the whole file and reads every page, and holds it while this process reads and releases the resource.</summary>
    [Fact]
    public void The_pages_are_handed_back_while_another_process_maps_them()
    {
        var copy = MiniLmResources.ReadOnnx(); // loads the assembly
        var path = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == MiniLmResources.AssemblyName).Location;
        using var holder = HoldMapped(path);
        ReadInPlaceThenHandedBack(copy);
    }

    /// <summary>Reads the resource in place (every page: compared with <paramref name="copy"/>), then releases it: the
    /// assembly's resident pages must drop by most of the 87 MB file.</summary>
    private static void ReadInPlaceThenHandedBack(byte[] copy)
    {
        var fileName = MiniLmResources.AssemblyName + ".dll";
        long resident;
        using (var mapped = MiniLmResources.MapOnnx())
        {
            Assert.True(mapped.InPlace, "the resource was copied, not read where the assembly is mapped");
            Assert.True(mapped.Bytes.Span.SequenceEqual(copy)); // reads every page
            resident = ResidentOf(fileName);
            Assert.True(resident > 80 * MiB, $"{resident / MiB} MiB of the assembly resident after reading its 87 MB resource");
        }
        var after = ResidentOf(fileName);
        Assert.True(after < resident - 60 * MiB, $"resident {resident / MiB} MiB while read, {after / MiB} MiB after");
    }

    /// <summary>A python3 process that maps <paramref name="path"/>, reads every page and waits until killed.</summary>
    private static Holder HoldMapped(string path)
    {
        const string script = "import mmap,sys,time\nf=open(sys.argv[1],'rb')\nm=mmap.mmap(f.fileno(),0,prot=mmap.PROT_READ)\n" +
                              "s=sum(m[i] for i in range(0,len(m),4096))\nprint('held',flush=True)\ntime.sleep(600)\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", script, path }) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("this test needs python3 to hold a second process's mapping of the file (Debian: apt-get install python3-minimal)", e);
        }
        var line = process.StandardOutput.ReadLine();
        Assert.True(line == "held", $"python3 did not map the file: '{line}'");
        return new Holder(process);
    }

    private sealed class Holder(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }

    [Theory]
    [InlineData(0x1000, 0x3000, true)]   // inside one file mapping
    [InlineData(0x1000, 0x6000, true)]   // across two adjacent file mappings
    [InlineData(0x1000, 0x8000, false)]  // runs into anonymous memory
    [InlineData(0x9000, 0xa000, false)]  // after a gap
    [InlineData(0xb000, 0xc000, false)]  // a special mapping ([vdso]): no inode, no file
    [InlineData(0x20000, 0x21000, false)] // not mapped at all
    public void Only_pages_that_are_all_a_files_are_dropped(long first, long end, bool expected)
    {
        const string maps = """
            00001000-00004000 r-xp 00000000 08:01 1234                       /usr/lib/x.dll
            00004000-00007000 r--p 00003000 08:01 1234                       /usr/lib/x.dll
            00007000-00009000 rw-p 00000000 00:00 0
            0000a000-0000b000 r--p 00000000 08:01 99                         /usr/lib/y.so
            0000b000-0000c000 r-xp 00000000 00:00 0                          [vdso]
            """;
        Assert.Equal(expected, MappedResource.FileBacked(maps, first, end));
    }
}
