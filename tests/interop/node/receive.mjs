// An MLLP receiver built on node-hl7-server: ACKs every message with AA and prints one JSON line per message:
//   node receive.mjs PORT
// Prints {"listening":PORT} once the port is open.
//
// One message per connection, like the mock MPI (spec §17): node-hl7-server 2.5.0 never clears its per-connection
// buffer after a frame, so on a kept-open connection every later frame re-delivers all earlier messages with it.
// Closing after each ACK makes the hub's sender re-open the connection for the next message (spec §8.3).
import { Server } from 'node-hl7-server';

const port = Number(process.argv[2]);
if (!port) {
  console.error('usage: node receive.mjs PORT');
  process.exit(2);
}

const server = new Server({ bindAddress: '127.0.0.1' });
const inbound = server.createInbound({ port }, async (request, response) => {
  const message = request.getMessage();
  console.log(JSON.stringify({
    controlId: message.get('MSH.10').toString(),
    messageType: message.get('MSH.9.1').toString(),
    text: message.toString(),
  }));
  await response.sendResponse('AA');
  // SendResponse keeps the socket it answers on; ending it is the only per-message hook the package offers.
  response._socket.end();
});
inbound.on('listen', () => console.log(JSON.stringify({ listening: port })));
inbound.on('error', (error) => {
  console.error(`server error: ${error}`);
  process.exit(1);
});
process.on('SIGTERM', async () => {
  await inbound.close();
  process.exit(0);
});
