// Web view of sweeps and results. Today it only answers a health check; sweeps are watched from the console.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/healthz", () => "ok");
app.Run();
