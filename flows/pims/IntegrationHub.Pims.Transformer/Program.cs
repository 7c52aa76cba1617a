using IntegrationHub.Pims;
using IntegrationHub.Runtime.Transformer;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Hosting;

// The Pims transformer (spec §4): the flow's dialect to the MPI's HL7 v2.5 profile, in session order.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("pims-hl7-transformer");
builder.AddTransformer<PimsTransformer>();
await builder.Build().RunAsync();
