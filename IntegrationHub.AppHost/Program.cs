using IntegrationHub.AppHost;
using IntegrationHub.AppHost.Model;
using IntegrationHub.AppHost.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (PublishCommand.Handles(args))
{
    return PublishCommand.Run(args, Console.Out, Console.Error);
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

var builder = Host.CreateApplicationBuilder(args);
HubModel model;
AppHostOptions options;
try
{
    options = AppHostOptions.From(builder.Configuration);
    model = HubTopology.Describe(options);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + AppHostOptions.Usage);
    return 2;
}

builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(model);
builder.Services.AddHostedService<AppHostService>();

// The topology is HubTopology.Describe; everything below is how a local run is hosted.
// Children get 10 s each (in parallel) after SIGTERM, then the broker closes: stay inside the host's window.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
await builder.Build().RunAsync();
return Environment.ExitCode;
