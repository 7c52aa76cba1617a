using IntegrationHub.Phw;
using IntegrationHub.Runtime.Transformer;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Hosting;

// The Phw transformer (spec §4): the flow's dialect to the MPI's HL7 v2.5 profile, in session order.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("phw-hl7-transformer");
builder.AddTransformer<PhwTransformer>();
await builder.Build().RunAsync();
