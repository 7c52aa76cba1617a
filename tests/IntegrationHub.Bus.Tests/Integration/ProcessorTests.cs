using System.Collections.Concurrent;
using IntegrationHub.Bus.Processing;

namespace IntegrationHub.Bus.Tests.Integration;

/// <summary>The processor and concurrent senders against the embedded broker, in real time.</summary>
public sealed class ProcessorTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private IBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = fixture.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private static async Task RunUntilAsync(BusProcessor processor, Func<bool> done, TimeSpan limit)
    {
        using var stop = new CancellationTokenSource(limit);
        var run = processor.RunAsync(stop.Token);
        while (!stop.IsCancellationRequested && !done())
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_message_handled_when_the_stop_comes_is_still_completed()
    {
        await using var sender = _client.CreateSender("stop-complete");
        await sender.SendAsync(new OutgoingMessage("done"u8.ToArray()) { MessageId = "DONE" });
        using var stop = new CancellationTokenSource();
        var processor = new BusProcessor(_client,
            new BusProcessorOptions { EntityPath = "stop-complete", MaxWait = TimeSpan.FromSeconds(1) },
            (_, _) =>
            {
                // The work is done (say, the MPI acknowledged it) just as the host is told to stop.
                stop.Cancel();
                return Task.FromResult(true);
            });

        try
        {
            await processor.RunOnceAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // A stop may end the iteration; what matters is whether the finished message was settled.
        }

        // Completed, not left locked for a redelivery of work already done.
        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("stop-complete"));
        Assert.Empty(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(1)));
        await using var lockExpired = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("stop-complete"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(await lockExpired.ReceiveAsync(1, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Message_locks_are_renewed_while_a_slow_handler_runs()
    {
        await using var sender = _client.CreateSender("renew-proc");
        await sender.SendAsync(new OutgoingMessage("slow"u8.ToArray()) { MessageId = "SLOW" });
        var deliveries = new ConcurrentQueue<int>();
        long finishedAtTicks = 0; // written by the handler, read by the test loop
        var processor = new BusProcessor(_client,
            new BusProcessorOptions { EntityPath = "renew-proc", MaxWait = TimeSpan.FromSeconds(1) },
            async (m, ct) =>
            {
                deliveries.Enqueue(m.DeliveryCount);
                await Task.Delay(TimeSpan.FromSeconds(5), ct); // longer than the 3 s lock
                Interlocked.Exchange(ref finishedAtTicks, DateTime.UtcNow.Ticks);
                return true;
            });

        // Keep the loop running past another lock period: a lost lock would show up as a second delivery.
        await RunUntilAsync(processor, () => Interlocked.Read(ref finishedAtTicks) is var t && t > 0 && DateTime.UtcNow.Ticks > t + (TimeSpan.TicksPerSecond * 4), TimeSpan.FromSeconds(25));

        Assert.Equal([1], deliveries);
        Assert.Equal(0, processor.ConsecutiveFailures);
    }

    [Fact]
    public async Task Next_available_processor_drains_several_sessions()
    {
        await using var sender = _client.CreateSender("s-next-proc");
        foreach (var session in new[] { "N1", "N2", "N3" })
        {
            for (var i = 0; i < 3; i++)
            {
                await sender.SendAsync(new OutgoingMessage(System.Text.Encoding.UTF8.GetBytes(session + i)) { SessionId = session, MessageId = session + "-" + i });
            }
        }

        var handled = new ConcurrentQueue<string>();
        var processor = new BusProcessor(_client,
            new BusProcessorOptions { EntityPath = "s-next-proc", SessionMode = SessionMode.NextAvailable, MaxWait = TimeSpan.FromSeconds(1), MaxBatchSize = 10 },
            (m, _) =>
            {
                handled.Enqueue(m.MessageId!);
                return Task.FromResult(true);
            });

        await RunUntilAsync(processor, () => handled.Count >= 9, TimeSpan.FromSeconds(20));

        Assert.Equal(9, handled.Count);
        foreach (var session in new[] { "N1", "N2", "N3" })
        {
            // FIFO within each session.
            Assert.Equal([session + "-0", session + "-1", session + "-2"], handled.Where(id => id.StartsWith(session, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Concurrent_sends_on_one_sender_are_all_accepted()
    {
        await using var sender = _client.CreateSender("concurrent");
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => await sender.SendAsync(new OutgoingMessage(BitConverter.GetBytes(i)) { MessageId = "C" + i }, ct));

        await using var receiver = await _client.CreateReceiverAsync(ReceiverOptions.ForQueue("concurrent"));
        var ids = new HashSet<string>();
        for (var i = 0; i < 50 && ids.Count < 200; i++)
        {
            foreach (var m in await receiver.ReceiveAsync(50, TimeSpan.FromSeconds(2)))
            {
                ids.Add(m.MessageId!);
                await receiver.CompleteAsync(m);
            }
        }

        Assert.Equal(200, ids.Count);
    }
}
