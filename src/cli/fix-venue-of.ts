import type { Clock } from '../core/clock.js';
import { tcpDial } from '../fix/connector.js';
import { FixVenue } from '../venues/fix/index.js';
import type { FixVenueConfig } from './fix-options.js';

/** The FIX venue `--venue fix://HOST:PORT` asks for, connecting at once and reconnecting with backoff. */
export function fixVenue(
  config: FixVenueConfig,
  clock: Clock,
  onProblem: (problem: string) => void,
): FixVenue {
  return new FixVenue({
    dial: tcpDial(config.host, config.port),
    senderCompId: config.senderCompId,
    targetCompId: config.targetCompId,
    heartBtIntSeconds: config.heartBtIntSeconds,
    storeDir: config.storeDir,
    fsync: config.fsync,
    resetOnLogon: config.resetOnLogon,
    clOrdIdMaxLength: config.clOrdIdMaxLength,
    clock,
    onProblem,
  });
}
