import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { exo } from './run-exo.js';

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('exo --venue', () => {
  it('logs what the venue sent that it could not read, and carries on, never with the credentials in its URL', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'welcome', runId: 'run-1' }));
      socket.send('this is not json');
    });
    const { port } = server.address() as AddressInfo;

    const running = exo([
      '--port',
      '0',
      '--log-level',
      'warn',
      '--venue',
      `ws://trader:hunter2-secret@127.0.0.1:${port}/?token=tok-secret-123`,
      '--no-risk-limits',
    ]);
    await expect
      .poll(() => running.stdout() + running.stderr(), { timeout: 15_000 })
      .toMatch(/unreadable message from venue remote/);
    expect(running.child.exitCode).toBeNull();
    const logged = running.stdout() + running.stderr();
    expect(logged).toContain(`ws://127.0.0.1:${port}`);
    expect(logged).not.toMatch(/hunter2|tok-secret|trader:/);
  });

  it('asks the venue to cancel its orders on disconnect with --cancel-on-disconnect on', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const firsts: unknown[] = [];
    server.on('connection', (socket) => {
      socket.send(JSON.stringify({ type: 'welcome', runId: 'run-1' }));
      socket.once('message', (data) => firsts.push(JSON.parse(String(data))));
    });
    const { port } = server.address() as AddressInfo;
    exo([
      '--port',
      '0',
      '--venue',
      `ws://127.0.0.1:${port}`,
      '--cancel-on-disconnect',
      'on',
      '--no-risk-limits',
    ]);
    await expect.poll(() => firsts, { timeout: 15_000 }).toHaveLength(1);
    expect(firsts[0]).toMatchObject({ type: 'hello', cancelOnDisconnect: true });
  });
});
