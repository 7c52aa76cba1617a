// Sends HL7 files to an MLLP server with node-hl7-client and prints one JSON line per ACK received:
//   node send.mjs HOST PORT FILE...
// The hub's server takes one message per connection (spec §2.2), so each file gets its own connection, in order.
// Exits 0 when every message got an ACK, 1 on error or after 60 s without all of them.
import { readFileSync } from 'node:fs';
import { Client, Message } from 'node-hl7-client';

const [host, port, ...files] = process.argv.slice(2);
if (!host || !port || files.length === 0) {
  console.error('usage: node send.mjs HOST PORT FILE...');
  process.exit(2);
}

setTimeout(() => {
  console.error('timed out waiting for ACKs');
  process.exit(1);
}, 60_000).unref();

function sendOne(text) {
  return new Promise((resolve, reject) => {
    const client = new Client({ host });
    const connection = client.createConnection({ port: Number(port), waitAck: true, maxConnectionAttempts: 5 }, async (response) => {
      const ack = response.getMessage();
      console.log(JSON.stringify({ code: ack.get('MSA.1').toString(), controlId: ack.get('MSA.2').toString() }));
      await connection.close();
      resolve();
    });
    connection.on('client.error', (error) => reject(new Error(`client error: ${error}`)));
    connection.sendMessage(new Message({ text })).catch(reject);
  });
}

// The hub parses CR-separated segments; files on disk may use LF or CRLF.
for (const file of files) {
  await sendOne(readFileSync(file, 'utf8').replace(/\r\n|\n/g, '\r').replace(/\r+$/, ''));
}
process.exit(0);
