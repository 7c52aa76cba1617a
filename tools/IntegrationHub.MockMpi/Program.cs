using IntegrationHub.MockMpi;
using Microsoft.Extensions.Configuration;

// Configuration is the environment (spec §17.1 names plus MOCK_MPI_*), optionally overridden by --NAME=value.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
MockMpiApp app;
try
{
    app = MockMpiApp.Create(configuration);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

await using (app)
{
    await app.StartAsync();

    // Plain lines for scripts and tests that start the mock with port 0 and need the real ports.
    Console.WriteLine($"MOCK_MPI_MLLP={app.Server.EndPoint}");
    Console.WriteLine($"MOCK_MPI_HTTP={app.HttpAddress?.ToString() ?? "disabled"}");
    await app.WaitForShutdownAsync();
}

return 0;
