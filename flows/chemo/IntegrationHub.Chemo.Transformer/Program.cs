using IntegrationHub.Chemo;
using IntegrationHub.Runtime.Transformer;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Hosting;

// The Chemo transformer (spec §4): the flow's dialect to the MPI's HL7 v2.5 profile, in session order.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("chemo-hl7-transformer");
builder.AddTransformer<ChemoTransformer>();
await builder.Build().RunAsync();
