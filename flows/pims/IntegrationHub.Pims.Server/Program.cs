using IntegrationHub.Hl7.Rules;
using IntegrationHub.Pims;
using IntegrationHub.Runtime.Server;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Pims MLLP server (spec §2): routing, validation, durable publish, then ACK.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("pims-hl7-server");
builder.AddHl7Server();
builder.Services.AddSingleton(PimsStructures.Validation);
await builder.Build().RunAsync();
