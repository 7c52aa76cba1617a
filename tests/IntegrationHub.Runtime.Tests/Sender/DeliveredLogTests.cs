using IntegrationHub.Runtime.Sender;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Runtime.Tests.Sender;

public class DeliveredLogTests
{
    [Fact]
    public void A_delivered_message_is_remembered_by_control_id_and_content_across_a_restart_for_the_window()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"delivered-{Guid.NewGuid():N}");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using (var log = new DeliveredLog(directory, TimeSpan.FromHours(1), time))
        {
            log.Record("CTRL-1", "A"u8);
        }

        using (var reopened = new DeliveredLog(directory, TimeSpan.FromHours(1), time))
        {
            Assert.True(reopened.WasDelivered("CTRL-1", "A"u8));
            Assert.False(reopened.WasDelivered("CTRL-1", "B"u8));
            Assert.False(reopened.WasDelivered("CTRL-2", "A"u8));
            Assert.False(reopened.WasDelivered(string.Empty, "A"u8));
            time.Advance(TimeSpan.FromHours(2));
            Assert.False(reopened.WasDelivered("CTRL-1", "A"u8));
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void A_zero_window_disables_suppression()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"delivered-{Guid.NewGuid():N}");
        using var log = new DeliveredLog(directory, TimeSpan.Zero, TimeProvider.System);
        log.Record("CTRL-1", "A"u8);

        Assert.False(log.WasDelivered("CTRL-1", "A"u8));
    }
}
