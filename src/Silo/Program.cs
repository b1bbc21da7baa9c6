using Microsoft.Extensions.Hosting;
using Sweep.Grains.Hosting;

// sweep-silo: a control, worker or all-in-one silo. Configuration: appsettings.json, then environment
// variables (Sweep__Role=worker, Sweep__Primary=localhost:11111, Sweep__SiloPort=11112, …), then --Sweep:Key=value.
var builder = Host.CreateApplicationBuilder(args);
SweepSiloOptions options;
try
{
    options = SweepHost.ReadOptions(builder.Configuration);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"sweep-silo: {e.Message}");
    return 2;
}
builder.AddSweepSilo(options);
using var host = builder.Build();
await host.RunAsync();
return 0;
