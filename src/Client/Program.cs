using Sweep.Client.Cli;
using Sweep.Client.Commands;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var app = new CommandLineApp(CommandCatalog.All(Console.Out, Console.Error), Console.Out, Console.Error);
return await app.RunAsync(args, cts.Token);
