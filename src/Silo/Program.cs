using Microsoft.Extensions.Hosting;
using Sweep.Grains.Hosting;
using Sweep.Training.Isolation;

// `sweep-silo __trial`: one trial in its own process, supervised by a silo over stdin/stdout
if (args is [TrialProtocol.Verb]) return TrialChild.Run(Console.In, Console.OpenStandardOutput());

// sweep-silo: a control, worker or all-in-one silo. Configuration: appsettings.json, then environment
// variables (Sweep__Role=Worker, Sweep__Primary=localhost:11111, Sweep__RetryBase=00:00:02, …), then --Sweep:Key=value.
var builder = Host.CreateApplicationBuilder(args);
builder.AddSweepSilo();
using var host = builder.Build();
if (SweepHost.InvalidSettings(host.Services) is { Count: > 0 } invalid)
{
    Console.Error.WriteLine("sweep-silo: invalid configuration:\n  " + string.Join("\n  ", invalid));
    return 2;
}
await host.RunAsync();
return 0;
