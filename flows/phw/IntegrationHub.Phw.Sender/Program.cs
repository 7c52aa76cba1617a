using IntegrationHub.Runtime.Sender;
using IntegrationHub.ServiceDefaults;
using Microsoft.Extensions.Hosting;

// The Phw flow's own sender (spec §8): its post-transform session to the MPI over MLLP, throttled, ACK-checked.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults("phw-hl7-sender");
builder.AddHl7Sender();
await builder.Build().RunAsync();
