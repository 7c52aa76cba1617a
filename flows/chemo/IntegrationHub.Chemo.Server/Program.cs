using IntegrationHub.Chemo;
using IntegrationHub.Hl7.Rules;
using IntegrationHub.Runtime.Server;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Chemo MLLP server (spec §2): routing, validation, durable publish, then ACK.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("chemo-hl7-server");
builder.AddHl7Server();
builder.Services.AddSingleton(ChemoStructures.Validation);
await builder.Build().RunAsync();
