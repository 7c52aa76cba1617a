using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Bus.Amqp;

namespace IntegrationHub.Bus.Tests.Unit;

public class AmqpErrorsTests
{
    [Theory]
    [InlineData("amqp:not-found", BusFailureReason.EntityNotFound, false)]
    [InlineData("amqp:unauthorized-access", BusFailureReason.Unauthorized, false)]
    [InlineData("com.microsoft:auth-failed", BusFailureReason.Unauthorized, false)]
    [InlineData("com.microsoft:message-lock-lost", BusFailureReason.MessageLockLost, false)]
    [InlineData("com.microsoft:session-lock-lost", BusFailureReason.SessionLockLost, false)]
    [InlineData("com.microsoft:session-cannot-be-locked", BusFailureReason.SessionCannotBeLocked, false)]
    [InlineData("com.microsoft:timeout", BusFailureReason.Timeout, true)]
    [InlineData("com.microsoft:server-busy", BusFailureReason.ServiceBusy, true)]
    [InlineData("amqp:link:detach-forced", BusFailureReason.CommunicationError, true)]
    [InlineData("amqp:connection:forced", BusFailureReason.CommunicationError, true)]
    [InlineData("amqp:link:message-size-exceeded", BusFailureReason.MessageSizeExceeded, false)]
    [InlineData("amqp:not-allowed", BusFailureReason.NotAllowed, false)]
    public void Conditions_map_to_reasons(string condition, BusFailureReason reason, bool transient)
    {
        var error = AmqpErrors.FromError(new Error(new Symbol(condition)) { Description = "why" }, "Doing it");
        Assert.Equal(reason, error.Reason);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(condition, error.Condition);
        Assert.Equal($"Doing it: {condition}: why", error.Message);
    }

    [Fact]
    public void A_closure_without_error_is_a_communication_error() =>
        Assert.Equal(BusFailureReason.CommunicationError, AmqpErrors.FromError(null, "x").Reason);

    [Theory]
    [InlineData(401, BusFailureReason.Unauthorized)]
    [InlineData(403, BusFailureReason.Unauthorized)]
    [InlineData(404, BusFailureReason.EntityNotFound)]
    [InlineData(408, BusFailureReason.Timeout)]
    [InlineData(410, BusFailureReason.MessageLockLost)]
    [InlineData(503, BusFailureReason.ServiceBusy)]
    [InlineData(500, BusFailureReason.General)]
    public void Management_status_codes_map_to_reasons(int status, BusFailureReason reason) =>
        Assert.Equal(reason, AmqpErrors.ReasonForStatus(status));
}
