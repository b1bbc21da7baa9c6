namespace Sweep.Training.Data;

/// <summary>
/// A data package could not be fetched (npm missing, registry unreachable, corrupt tarball):
/// an environment failure, not bad input. Nothing is left in the cache when it is thrown.
/// </summary>
public sealed class PackageFetchException(string message, Exception? inner = null) : Exception(message, inner);
