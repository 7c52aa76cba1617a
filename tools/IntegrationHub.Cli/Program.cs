using IntegrationHub.Cli;

return await HubCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
