namespace Sweep.Training;

/// <summary>
/// Bad input (a file, a field, a name): the message says which and what is wrong.
/// Front ends map it to exit code 2; nothing has been written when it is thrown.
/// </summary>
public sealed class InvalidInputException(string message) : Exception(message);
