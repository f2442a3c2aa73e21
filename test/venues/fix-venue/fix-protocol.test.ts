import { describe, expect, it } from 'vitest';
import { parseFixArgs } from '../../../src/venues/fix-venue/fix-protocol.js';

describe('exo venue --protocol fix: command line', () => {
  it('reads every flag, with defaults', () => {
    expect(parseFixArgs([])).toEqual({
      port: 9878,
      host: '127.0.0.1',
      seed: 1,
      tickRate: 20,
      latencyMs: 2,
      senderCompId: 'PAPER',
      targetCompIds: ['EXO'],
      storeDir: 'exo-fix-venue',
      fsync: true,
      heartBtIntSeconds: 30,
      logonTimeoutMs: 10_000,
    });
    const args = [
      '--port',
      '0',
      '--sender-comp-id',
      'V1',
      '--target-comp-id',
      'A, B',
      '--store',
      '/x',
    ];
    expect(
      parseFixArgs([...args, '--fsync', 'off', '--heartbeat', '5', '--logon-timeout', '2']),
    ).toMatchObject({
      port: 0,
      senderCompId: 'V1',
      targetCompIds: ['A', 'B'],
      storeDir: '/x',
      fsync: false,
      heartBtIntSeconds: 5,
      logonTimeoutMs: 2000,
    });
    expect(parseFixArgs(['--help'])).toBe('help');
  });
});
