#!/usr/bin/python3
"""Conformance check with a client no one here wrote: Microsoft's azure-servicebus 7.8.2 (uamqp, TLS only).

Usage: conformance.py <amqps-port> <ca.pem>. Prints OK on success; any failure raises.
"""
import sys
import time

START = time.time()


def mark(what):
    print("%.2fs %s" % (time.time() - START, what), file=sys.stderr)


port, ca = int(sys.argv[1]), sys.argv[2]

import uamqp.types as t
import azure.servicebus._servicebus_receiver as _rx
import azure.servicebus._common.receiver_mixins as _mx
import azure.servicebus._common._configuration as _cfg

# uamqp encodes these map keys as AMQP strings; strict peers (AMQPNetLite) require symbols (spec section 12).
_rx.CONSUMER_IDENTIFIER = t.AMQPSymbol(b"com.microsoft:receiver-name")
_mx.RECEIVER_LINK_DEAD_LETTER_REASON = t.AMQPSymbol(b"DeadLetterReason")
_mx.RECEIVER_LINK_DEAD_LETTER_ERROR_DESCRIPTION = t.AMQPSymbol(b"DeadLetterErrorDescription")
_cfg.DEFAULT_AMQPS_PORT = port  # uamqp has no plain-TCP transport; the port is fixed by the SDK otherwise

from azure.servicebus import ServiceBusClient, ServiceBusMessage, NEXT_AVAILABLE_SESSION, ServiceBusSubQueue

CONN = "Endpoint=sb://localhost/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE"

with ServiceBusClient.from_connection_string(CONN, connection_verify=ca) as client:
    with client.get_queue_sender("hl7") as sender:
        sender.send_messages([
            ServiceBusMessage("m1", session_id="PHW", message_id="M1"),
            ServiceBusMessage("m2", session_id="PHW", message_id="M2"),
        ])
        sender.send_messages(ServiceBusMessage("m3", session_id="PHW", message_id="M3",
                                               application_properties={"workflow_id": "phw"}))

    mark("sent")
    with client.get_queue_receiver("hl7", session_id=NEXT_AVAILABLE_SESSION, max_wait_time=10) as rx:
        assert rx.session.session_id == "PHW", rx.session.session_id
        mark("session accepted")
        got = []
        while len(got) < 3:
            batch = rx.receive_messages(max_message_count=10, max_wait_time=10)
            assert batch, "timed out after %d messages" % len(got)
            got.extend(batch)
        assert [str(m) for m in got] == ["m1", "m2", "m3"], [str(m) for m in got]
        assert got[0].sequence_number < got[1].sequence_number < got[2].sequence_number
        assert got[0].lock_token is not None
        mark("received")
        rx.session.renew_lock()
        rx.session.set_state(b"state")
        assert rx.session.get_state() == b"state"
        rx.complete_message(got[0])
        rx.complete_message(got[1])
        rx.dead_letter_message(got[2], reason="Rejected", error_description="by the conformance test")

    mark("settled")
    with client.get_queue_receiver("hl7", sub_queue=ServiceBusSubQueue.DEAD_LETTER, max_wait_time=10) as dlq:
        dead = dlq.receive_messages(max_message_count=1, max_wait_time=10)
        assert len(dead) == 1 and str(dead[0]) == "m3", dead
        assert dead[0].dead_letter_reason == "Rejected", dead[0].dead_letter_reason
        dlq.complete_message(dead[0])

mark("dead letter read")
print("OK")
