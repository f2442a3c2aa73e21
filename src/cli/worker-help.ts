import { DEFAULT_SHARD_COUNT, MAX_SHARDS } from '../shards/shard-of.js';

/** The text of `exo worker --help`. */
export const WORKER_HELP = `exo worker: serve shards of a sharded PostgreSQL journal, one engine per shard.

Usage: exo worker --journal postgres://… --venue ws://HOST:PORT --shards all|0-7|1,3,8-11
                  [--shard-count N] [exo options]

A symbol belongs to one shard (a stable hash of its name); each shard has its own engine, HTTP
server and lease in the journal. For each shard listed, concurrently, the worker waits for the
shard's lease as exo --standby does (nothing served meanwhile), replays and reconciles, serves on
a free port of --host, and writes the server's URL into the shard's lease row (journal_lease.
address), where the gateway finds it. Run several workers on the same journal: each shard is
served by one of them, and another takes it over once its lease expires. A shard whose lease is
lost closes its server and stands by again.

  --shards <list>      The shards to serve: all, or shards and ranges (0-7, 1,3,8-11). Required.
  --shard-count <n>    How many shards the journal has, 1 to ${MAX_SHARDS} (default ${DEFAULT_SHARD_COUNT}): the
                       journal is set up with it when new; one set up with another is refused.

Every exo option is taken (exo --help) but --port (each shard picks a free one) and --standby
(a worker always waits). A worker needs a venue outside its process: a standalone venue
(exo venue, --venue ws://…) or --venue binance; not the in-process paper venue (another worker
could not see its orders) nor FIX (each shard would need a session of its own). Order IDs start
exo<shard>- (the shard in base 36); a new order for another shard's symbol gets 421 wrong_shard.

Ctrl-C (SIGINT) or SIGTERM stops every shard gracefully, releasing its lease; exit 0. Exit 2 for
a bad option or a journal that cannot be used; a shard failing to start stops the others.
`;
