using IntegrationHub.Hl7.Rules;
using IntegrationHub.Phw;
using IntegrationHub.Runtime.Server;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Phw MLLP server (spec §2): routing, validation, durable publish, then ACK.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("phw-hl7-server");
builder.AddHl7Server();
builder.Services.AddSingleton<IMessageRule, PhwDateOfBirthRule>();
builder.Services.AddSingleton(PhwStructures.Validation);
await builder.Build().RunAsync();
