import { request } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { type InProcessExo, runMain } from './run-main.js';

let running: InProcessExo | undefined;
afterEach(async () => {
  running?.stop();
  await running?.exited;
  running = undefined;
});

/** The status of GET `url` sent with the given Host header. */
function statusWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const sent = request(`${url}/healthz`, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    sent.on('error', reject);
    sent.end();
  });
}

it('exo answers the names of --allowed-hosts besides localhost and IPs, and refuses others', async () => {
  running = runMain(['--port', '0', '--allowed-hosts', 'exo.test,desk.test'], {
    EXO_JOURNAL: ':memory:',
  });
  await expect.poll(running.stderr, { timeout: 10_000 }).toMatch(/Dashboard: http:\/\/\S+\//);
  const url = /Dashboard: (http:\/\/\S+)\//.exec(running.stderr())![1]!;
  const port = new URL(url).port;
  expect(await statusWithHost(url, `exo.test:${port}`)).toBe(200);
  expect(await statusWithHost(url, 'desk.test')).toBe(200);
  expect(await statusWithHost(url, `localhost:${port}`)).toBe(200);
  expect(await statusWithHost(url, `127.0.0.1:${port}`)).toBe(200);
  expect(await statusWithHost(url, `evil.example:${port}`)).toBe(421);
});
