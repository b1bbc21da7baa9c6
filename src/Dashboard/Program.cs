// Web view of sweeps and results: wave 2. For now it only answers a health check.
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/healthz", () => "ok");
app.Run();
