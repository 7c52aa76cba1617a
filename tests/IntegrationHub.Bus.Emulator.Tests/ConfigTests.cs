using IntegrationHub.Bus.Emulator.Configuration;

namespace IntegrationHub.Bus.Emulator.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Reads_the_emulator_schema_with_comments_and_defaults()
    {
        var config = BrokerConfig.Parse("""
            {
              "UserConfig": {
                "Namespaces": [
                  {
                    "Name": "local-inthub",
                    "Queues": [
                      {
                        "Name": "local-inthub-phw-transformer-ingress",
                        // sessions keep per-source FIFO
                        "Properties": {
                          "DeadLetteringOnMessageExpiration": false,
                          "DefaultMessageTimeToLive": "PT1H",
                          "DuplicateDetectionHistoryTimeWindow": "PT20S",
                          "ForwardDeadLetteredMessagesTo": "",
                          "ForwardTo": "",
                          "LockDuration": "PT1M",
                          "MaxDeliveryCount": 10,
                          "RequiresDuplicateDetection": false,
                          "RequiresSession": true
                        }
                      },
                      { "Name": "local-inthub-messagestore" }
                    ],
                    "Topics": [
                      {
                        "Name": "mpihl7input",
                        "Properties": { "DefaultMessageTimeToLive": "PT1H" },
                        "Subscriptions": [
                          {
                            "Name": "mpihl7input-test-subscription",
                            "Properties": { "RequiresSession": true, "MaxDeliveryCount": 10 },
                            "Rules": [
                              { "Name": "byApp", "Properties": { "FilterType": "Correlation", "CorrelationFilter": { "Label": "ADT", "Properties": { "source": "PHW" } } } },
                              { "Name": "all", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "1=1" } } }
                            ]
                          }
                        ]
                      }
                    ]
                  }
                ],
                "Logging": { "Type": "File" }
              }
            }
            """);

        Assert.Equal("local-inthub", config.NamespaceName);
        var phw = config.Queues[0];
        Assert.True(phw.Settings.RequiresSession);
        Assert.Equal(10, phw.Settings.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromMinutes(1), phw.Settings.LockDuration);
        var store = config.Queues[1].Settings;
        Assert.Equal(3, store.MaxDeliveryCount);
        Assert.False(store.RequiresSession);
        var sub = config.Topics[0].Subscriptions[0];
        Assert.Equal("ADT", sub.Rules[0].Correlation!.Label);
        Assert.Equal("PHW", sub.Rules[0].Correlation!.Properties["source"]);
        Assert.Null(sub.Rules[1].Correlation);
    }

    [Theory]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n", "Queues": [ { "Name": "q", "Properties": { "LockDuration": "1 minute" } } ] } ] } }""",
        "UserConfig.Namespaces[0].Queues[0].Properties.LockDuration")]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n", "Queues": [ { "Name": "q", "Properties": { "MaxDeliveryCount": "ten" } } ] } ] } }""",
        "UserConfig.Namespaces[0].Queues[0].Properties.MaxDeliveryCount")]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n", "Queues": [ { "Properties": {} } ] } ] } }""",
        "UserConfig.Namespaces[0].Queues[0].Name")]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n" } ] } }""", "UserConfig.Namespaces[0].Queues")]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n", "Queues": [ { "Name": "-bad-" } ] } ] } }""",
        "UserConfig.Namespaces[0].Queues[0].Name")]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n", "Queues": [], "Topics": [ { "Name": "t", "Subscriptions": [ { "Name": "s", "Rules": [ { "Name": "r", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "sys.Label = 'x'" } } } ] } ] } ] } ] } }""",
        "UserConfig.Namespaces[0].Topics[0].Subscriptions[0].Rules[0].Properties.SqlFilter.SqlExpression")]
    [InlineData("""{ "UserConfig": { "Namespaces": [ { "Name": "n", "Queues": [ { "Name": "q", "Properties": { "RequiresSession": "yes" } } ] } ] } }""",
        "UserConfig.Namespaces[0].Queues[0].Properties.RequiresSession")]
    public void Errors_name_the_bad_property(string json, string property)
    {
        var ex = Assert.Throws<ConfigException>(() => BrokerConfig.Parse(json));
        Assert.StartsWith(property + ":", ex.Message, StringComparison.Ordinal);
    }
}
