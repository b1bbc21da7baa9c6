using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sweep.Grains.AzureStorage;
using Sweep.Grains.Hosting;
using Sweep.Grains.Telemetry;
using Sweep.Training.Isolation;

// `sweep-silo __trial`: one trial in its own process, supervised by a silo over stdin/stdout
if (args is [TrialProtocol.Verb]) return TrialChild.Run(Console.In, Console.OpenStandardOutput());

// sweep-silo: a control, worker or all-in-one silo. Configuration: appsettings.json, then environment
// variables (Sweep__Role=Worker, Sweep__Primary=localhost:11111, Sweep__RetryBase=00:00:02, …), then --Sweep:Key=value.
// It serves /metrics, /healthz and /readyz on Sweep:HttpPort (8080 in appsettings.json; 0 = none).
var builder = Host.CreateApplicationBuilder(args);
builder.AddSweepSilo();
using var host = builder.Build();
if (SweepHost.InvalidSettings(host.Services) is { Count: > 0 } invalid)
{
    Console.Error.WriteLine("sweep-silo: invalid configuration:\n  " + string.Join("\n  ", invalid));
    return 2;
}
var options = host.Services.GetRequiredService<IOptions<SweepSiloOptions>>().Value;
if (await AzureStartupCheck.ProblemsAsync(options) is { Count: > 0 } unusable)
{
    Console.Error.WriteLine("sweep-silo: storage not usable:\n  " + string.Join("\n  ", unusable));
    return 2;
}
try
{
    await host.RunAsync();
}
catch (HttpPortUnavailableException e)
{
    Console.Error.WriteLine($"sweep-silo: {e.Message}");
    return 1;
}
return 0;
