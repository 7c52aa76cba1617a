using IntegrationHub.Hl7.Rules;
using IntegrationHub.Paris;
using IntegrationHub.Runtime.Server;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Paris MLLP server (spec §2): routing, validation, durable publish, then ACK.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("paris-hl7-server");
builder.AddHl7Server();
builder.Services.AddSingleton(ParisStructures.Validation);
await builder.Build().RunAsync();
