import { binance } from './binance.js';
import { fanout } from './fanout.js';
import { feed } from './feed.js';
import { fixCodec } from './fix-codec.js';
import { fixRecovery } from './fix-recovery.js';
import { fixRoundtrip } from './fix-roundtrip.js';
import { fixStore } from './fix-store.js';
import { ha } from './ha.js';
import { haFailover } from './ha-failover.js';
import { haIntake } from './ha-intake.js';
import { hop } from './hop.js';
import { journalAppend } from './journal-append.js';
import { orderIntake } from './order-intake.js';
import { orderIntakeDurable } from './order-intake-durable.js';
import { queue } from './queue.js';
import { recovery } from './recovery.js';
import { replay } from './replay.js';
import { type BenchResult, printResults } from './report.js';
import { risk } from './risk.js';
import { sweep } from './sweep.js';
import { tickfile } from './tickfile.js';

const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  hop,
  binance,
  queue,
  fanout,
  feed,
  'fix-codec': fixCodec,
  'fix-recovery': fixRecovery,
  'fix-roundtrip': fixRoundtrip,
  'fix-store': fixStore,
  // `ha` is the set: fenced appends, failover, then intake through the gateway;
  // `ha-failover` and `ha-intake` run one alone.
  ha: async () => [...(await ha()), ...(await haFailover()), ...(await haIntake())],
  'ha-failover': haFailover,
  'ha-intake': haIntake,
  'journal-append': journalAppend,
  'order-intake': orderIntake,
  'order-intake-durable': orderIntakeDurable,
  recovery,
  replay: () => replay(),
  risk,
  sweep,
  tickfile,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`,
  );
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  printResults(await BENCHES[name]!());
}
