// MSBuild inline task: marks one ELF version need (Vernaux entry in .gnu.version_r) as weak.
// Used by PatchLibTorchSharp.targets; see the comment there for why.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class SweepMarkVersionNeedWeak : Task
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = Patch(bytes, VersionName);
                if (changed)
                {
                    // Replace rather than rewrite in place: the output copy may be a hard link into the cache.
                    var tmp = path + ".sweep-tmp";
                    File.WriteAllBytes(tmp, bytes);
                    if (File.Exists(path)) File.Delete(path);
                    File.Move(tmp, path);
                    Log.LogMessage(MessageImportance.Normal, $"Marked {VersionName} weak in {path}");
                }
            }
            catch (Exception e)
            {
                Log.LogError($"Could not patch {path}: {e.Message}");
                return false;
            }
        }
        return !Log.HasLoggedErrors;
    }

    // Returns true when a non-weak entry with the name was found and marked.
    private static bool Patch(byte[] b, string name)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F' || b[4] != 2 || b[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");
        var shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A);
        int shnum = BitConverter.ToUInt16(b, 0x3C);
        var changed = false;
        for (var i = 0; i < shnum; i++)
        {
            var sh = (int)(shoff + (long)i * shentsize);
            if (BitConverter.ToUInt32(b, sh + 4) != ShtGnuVerneed) continue;
            var off = (int)BitConverter.ToUInt64(b, sh + 0x18);
            var link = (int)BitConverter.ToUInt32(b, sh + 0x28);
            var count = (int)BitConverter.ToUInt32(b, sh + 0x2C);
            var strOff = (int)BitConverter.ToUInt64(b, (int)(shoff + (long)link * shentsize) + 0x18);
            var vn = off;
            for (var n = 0; n < count; n++)
            {
                int cnt = BitConverter.ToUInt16(b, vn + 2);
                var aux = vn + (int)BitConverter.ToUInt32(b, vn + 8);
                for (var a = 0; a < cnt; a++)
                {
                    var flags = BitConverter.ToUInt16(b, aux + 4);
                    var nameOff = strOff + (int)BitConverter.ToUInt32(b, aux + 8);
                    var end = Array.IndexOf(b, (byte)0, nameOff);
                    var auxName = Encoding.ASCII.GetString(b, nameOff, end - nameOff);
                    if (auxName == name && (flags & VerFlgWeak) == 0)
                    {
                        var f = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        b[aux + 4] = f[0];
                        b[aux + 5] = f[1];
                        changed = true;
                    }
                    var next = (int)BitConverter.ToUInt32(b, aux + 12);
                    if (next == 0) break;
                    aux += next;
                }
                var vnNext = (int)BitConverter.ToUInt32(b, vn + 12);
                if (vnNext == 0) break;
                vn += vnNext;
            }
        }
        return changed;
    }
}
