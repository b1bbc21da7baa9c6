using Sweep.Dashboard.Hosting;

// The web dashboard as its own process: an Orleans client of a running cluster.
//   sweep-dashboard --cluster HOST:PORT[,HOST:PORT] [--port N] [--listen-anywhere]
// Cancelling from the page needs Dashboard:CancelToken (environment Dashboard__CancelToken); without it the dashboard is read-only.
return await DashboardProgram.RunAsync(args);
