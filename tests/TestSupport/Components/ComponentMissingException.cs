namespace Sweep.TestSupport.Components;

/// <summary>
/// A component a test needs (Node.js, Azurite, Prometheus, Chromium) is not on this machine and cannot be started.
/// The message says what is missing and how to install it; the test fails with it rather than being skipped.
/// </summary>
public sealed class ComponentMissingException(string message) : Exception(message);
