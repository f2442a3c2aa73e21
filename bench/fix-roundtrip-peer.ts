// The far side of the fix-roundtrip benchmark, in its own process: answers each order with a report.
// Usage: fix-roundtrip-peer.ts fix|ws PORT STORE_FILE [FSYNC]. Prints "ready" once listening.
import { createServer } from 'node:net';
import { WebSocketServer } from 'ws';
import { RealClock } from '../src/core/clock.js';
import { FixAcceptor } from '../src/fix/acceptor.js';
import { FixSession } from '../src/fix/session.js';
import { FixStore } from '../src/fix/store.js';
import { socketTransport } from '../src/fix/transport.js';
import { reportFor } from './fix-messages.js';

const [mode, port, storeFile, fsync] = process.argv.slice(2);
if (mode === 'fix') {
  const session: FixSession = new FixSession(
    {
      role: 'acceptor',
      senderCompId: 'VENUE',
      targetCompId: 'EXO',
      heartBtIntSeconds: 30,
      store: FixStore.open(storeFile!, fsync === 'never' ? 'never' : 'batch'),
      clock: new RealClock(),
    },
    {
      message: (m) => {
        if (m.msgType === 'D')
          session.send(
            '8',
            reportFor((tag) => m.get(tag) ?? ''),
          );
      },
    },
  );
  const acceptor = new FixAcceptor([session], new RealClock());
  createServer((socket) => acceptor.accept(socketTransport(socket))).listen(
    Number(port),
    '127.0.0.1',
    () => console.log('ready'),
  );
} else {
  const server = new WebSocketServer({ host: '127.0.0.1', port: Number(port) }, () =>
    console.log('ready'),
  );
  server.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const order = JSON.parse(data.toString()) as Record<string, string>;
      const report = Object.fromEntries(
        reportFor((tag) => order[String(tag)] ?? '').map(([t, v]) => [String(t), v]),
      );
      socket.send(JSON.stringify(report));
    });
  });
}
