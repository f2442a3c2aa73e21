import { MAX_SEED, MAX_WORKERS } from './replay-flags.js';

/** The text of `exo replay --help`. */
export const REPLAY_USAGE = `Usage: exo replay FILE... (--orders orders.json | --orders-from-journal JOURNAL)
                  --report out.html [options]

Replays recorded market data (exo tick files, or .jsonl/.jsonl.gz) through the real dispatcher,
algorithms and the paper venue's matching on a virtual clock, and reports each order's costs.
The same files, orders, options and seed give byte-identical fills and report JSON. Replay has
no market impact: recorded data is never changed by the replay's own fills.

  --orders <file>          Parent orders, JSON: [{id?, symbol, side, quantity, limitPrice?, algo,
                           params?, start, amend?: [{at, quantity?, limitPrice?}], cancelAt?}].
                           Decimals as strings; times ISO (2026-12-06T10:00:00Z) or an offset
                           from the recording's start (+30s, 90s, 1m, 250ms).
  --orders-from-journal <journal>
                           The parents of a live exo journal: arrival times, terms, amends and
                           cancels, as they were asked for.
  --factory <module>       Your delegates: an ESM module exporting createFactory(reference, setup)
                           (reference builds take, peg and twap; return the factory to use) and
                           algos, the names it builds (what orders may name).
  --algo <name>            Run every order with this algorithm instead (the what-if rerun).
  --params <json>          ...and these params, e.g. '{"durationMs":60000}'.
  --report <file>          The HTML report to write (self-contained). Required.
  --json <file>            The report as JSON too (versioned, decimals as strings).
  --seed <n>               Drives every random draw, 0 to ${MAX_SEED} (default 1).
  --decision-latency <d>   How long a delegate is busy deciding: 0 (default), 50us, 2ms, or
                           seeded lognormal:MEDIAN,P99 such as lognormal:50us,400us.
  --entry-latency <d>      Request to venue, likewise.
  --response-latency <d>   Venue to exo, likewise.
  --fill-model <m>         through (default: passive fills only on trades through the price),
                           queue (once the size ahead has traded at or through it), or touch (as
                           the live paper venue: a quote or trade reaching the price).
  --allow-truncated        Replay a recording without its end block as far as it reads (flagged
                           in the report).
  --compare <report.json>  Set an earlier run's report beside this one (repeatable).
  --sweep <key=v1,v2>      One run per value, in worker threads; key: algo, params.NAME, seed,
                           decision-latency, entry-latency, response-latency or fill-model.
  --workers <n>            Worker threads for --sweep, 1 to ${MAX_WORKERS} (default 2, or 1 on one core).
  -h, --help               Show this help.

Prints a summary table on stdout, and a progress bar on stderr when it is a terminal.
Exit 2 with one line naming the flag, the file and position, or the order and field at fault;
exit 1 when the replay itself fails.
`;
