namespace Sweep.Training.Peft;

/// <summary>
/// A trained adapter as Hugging Face PEFT saves it (<c>save_pretrained</c>): the weights file and the config file,
/// byte for byte what goes into a directory that <c>PeftModel.from_pretrained</c> reads.
/// </summary>
public sealed record PeftAdapterFiles(byte[] Model, string Config)
{
    public const string ModelFileName = "adapter_model.safetensors";
    public const string ConfigFileName = "adapter_config.json";

    /// <summary>Writes both files into <paramref name="directory"/> (created if missing), each replaced atomically.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        Replace(Path.Combine(directory, ModelFileName), path => File.WriteAllBytes(path, Model));
        Replace(Path.Combine(directory, ConfigFileName), path => File.WriteAllText(path, Config));
    }

    /// <summary>Reads the two files back from a directory <see cref="WriteTo"/> filled.</summary>
    public static PeftAdapterFiles ReadFrom(string directory) =>
        new(File.ReadAllBytes(Path.Combine(directory, ModelFileName)), File.ReadAllText(Path.Combine(directory, ConfigFileName)));

    private static void Replace(string path, Action<string> write)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
    }
}
