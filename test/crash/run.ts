/**
 * The kill -9 harness: `npm run test:crash -- --trials N` (default 100). Each trial SIGKILLs exo
 * at random moments while clients send instructions, restarts it on the same journal, and checks
 * the invariants of issue 6 against what the standalone venue did; `--mode fix` runs exo against
 * the venue's FIX 4.4 acceptor (`exo venue --protocol fix`) instead, `--mode binance` against the
 * local Binance (`exo venue --protocol binance`, exo on `--venue binance`); `--freeze` runs issue
 * 14's freeze trial instead (1,000 orders over FIX, exo SIGSTOPped then killed: see
 * freeze-trial.ts); `--ha` runs issue 16's trial instead (two workers on a sharded PostgreSQL
 * journal behind a gateway, a worker owning shards killed: see ha-trial.ts). Builds dist/ first. A violated
 * trial keeps its evidence (journal, logs, the venue's ledger) in a temp dir, listed at the end;
 * `--keep` (or EXO_CRASH_KEEP=1) keeps every trial's.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runFreezeTrial } from './freeze-trial.js';
import { runHaTrial } from './ha-trial.js';
import { runTrial, type TrialResult } from './trial.js';
import { VENUE_MODES } from './venue-modes.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '100' },
    kills: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    mode: { type: 'string', default: 'paper' },
    freeze: { type: 'boolean', default: false },
    ha: { type: 'boolean', default: false },
  },
});
const mode = VENUE_MODES.find((m) => m === values.mode);
const trials = Number(values.trials);
const kills = Number(values.kills);
const firstSeed = Number(values.seed);
if (
  !Number.isInteger(trials) ||
  trials < 1 ||
  !Number.isInteger(kills) ||
  kills < 0 ||
  mode === undefined
) {
  console.error(
    `usage: npm run test:crash -- [--trials N] [--kills K] [--seed S] [--mode ${VENUE_MODES.join('|')}] [--keep] [--freeze | --ha]`,
  );
  process.exit(2);
}
execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
let failed = 0;
const kept: string[] = [];
for (let i = 0; i < trials; i++) {
  const seed = firstSeed + i;
  const started = Date.now();
  const result = values.freeze
    ? await freezeTrial(seed)
    : values.ha
      ? await runHaTrial({ seed, kills, keep: values.keep })
      : await runTrial({ seed, mode, kills, keep: values.keep });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const verdict = result.violations.length === 0 ? 'ok' : 'VIOLATED';
  console.log(
    `trial ${i + 1}/${trials} seed ${seed}: ${verdict} (${result.orders} orders, ${result.instructions} instructions, ${result.kills} kills + ${result.recoveryKills} while recovering, ${seconds} s)`,
  );
  for (const violation of result.violations) console.log(`  - ${violation}`);
  if (result.violations.length > 0) failed++;
  if (result.keptAt !== undefined) kept.push(result.keptAt);
}
console.log(`${trials - failed} passed, ${failed} failed`);
if (kept.length > 0) console.log(`evidence kept in:\n${kept.map((dir) => `  ${dir}`).join('\n')}`);
process.exit(failed === 0 ? 0 : 1);

/** A freeze trial as a TrialResult, for the lines above: one kill, while exo was frozen. */
async function freezeTrial(seed: number): Promise<TrialResult> {
  const result = await runFreezeTrial({ seed, orders: 1000, frozenMs: 3000 });
  console.log(`  ${result.piledUp} reports piled up while exo was frozen`);
  return {
    seed,
    violations: result.violations,
    orders: result.orders,
    instructions: result.orders,
    kills: 1,
    recoveryKills: 0,
    ...(result.keptAt === undefined ? {} : { keptAt: result.keptAt }),
  };
}
