namespace Sweep.TestSupport;

/// <summary>
/// What a test class needs to run, and so how long it takes. Every test class names exactly one, with
/// <see cref="CategoryAttribute"/>; <c>dotnet test --filter Category=Unit</c> (or Cluster, Training, Build, Deploy) runs one group.
/// </summary>
public enum Category
{
    /// <summary>In-process and fast: no silo, no training loop, no pretrained weights, no npm. TorchSharp tensor math is fine.</summary>
    Unit,

    /// <summary>Starts Orleans silos: a test cluster, or the console's embedded silo. Trials may be simulated or tiny real ones.</summary>
    Cluster,

    /// <summary>
    /// Real work without a silo: runs training steps, builds full-size models (bert-base, 110M parameters), loads the
    /// real pretrained MiniLM, or fetches real data through npm.
    /// </summary>
    Training,

    /// <summary>
    /// Runs the .NET SDK itself: MSBuild evaluations and <c>dotnet publish</c> of the silo for each worker kind.
    /// Minutes, and about 1 GB of temporary disk.
    /// </summary>
    Build,

    /// <summary>
    /// The deployment: renders the Kubernetes manifests with kubectl and validates them offline (npm schema packages run
    /// through node, the Kubernetes .NET client's strict models), checks the container images' build files, and runs the dev
    /// overlay's silo pods as local processes against Azurite (and Prometheus for the autoscaler emulation). Needs kubectl,
    /// node and npm (the schema packages are installed once into the cache), and Prometheus. Seconds to minutes.
    /// </summary>
    Deploy,
}
