namespace Sweep.Client.Cli;

/// <summary>Bad input from the user: the message names the field, option or file and what is wrong. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
