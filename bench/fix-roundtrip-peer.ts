// The ws baseline of the fix-roundtrip benchmark, in its own process: answers each JSON order
// with the JSON of its report, on a free loopback port. Prints "ready PORT" once listening.
import { WebSocketServer } from 'ws';
import { reportFor } from './fix-messages.js';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
  const address = server.address();
  console.log(`ready ${typeof address === 'object' && address !== null ? address.port : address}`);
});
server.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => {
    const order = JSON.parse(data.toString()) as Record<string, string>;
    const report = Object.fromEntries(
      reportFor((tag) => order[String(tag)] ?? '').map(([t, v]) => [String(t), v]),
    );
    socket.send(JSON.stringify(report));
  });
});
