import { MAX_TICK_RATE } from './config.js';

/** The text of `exo --help`. */
export const HELP = `exo: an execution engine for trading algorithms.

Starts the engine with an HTTP API, an event stream and a dashboard. By default it runs
self-contained: a simulated market, a paper venue and the reference algorithms (take, peg, twap).

Usage: exo [options]
       exo venue [--port 9100] [--seed N] ...   the standalone paper venue (exo venue --help)
       exo worker --journal postgres://… --venue ws://… --shards all|0-7 [--shard-count N]
                                                serve shards of a sharded PostgreSQL journal,
                                                one engine per shard (exo worker --help)
       exo journal check PATH [--shard N]       verify a journal file (or a PostgreSQL
                                                journal's shard N)
       exo journal export PATH [--shard N]      print a journal file as JSON lines
       exo gateway --journal postgres://… [--host H] [--port P] [--token T] [--allowed-hosts A,B]
                                                serve the API and dashboard in front of the
                                                workers of a sharded journal (exo gateway --help)
       exo halt [--symbol S] [--reason R]       halt trading on a running exo, every working
                                                child cancelled (exo halt --help)
       exo resume [--symbol S]                  let trading on a running exo resume
       exo record --out FILE [--feed sim|coinbase|binance] [--symbols A,B]
                  [--duration D | --events N] [--rotate 1h|512MB] [--seed S]
                                                record a feed's quotes, trades and gaps to an
                                                exo tick file (exo record --help)
       exo cat FILE                             print a recording (tick file, .jsonl, .jsonl.gz)
                                                as JSON lines
       exo info FILE                            a recording's header, counts by kind and
                                                symbol, time span; verifies every block
       exo replay FILE... --orders F --report R replay recorded market data through the
                                                algorithms on a virtual clock, with a cost
                                                report (exo replay --help)

Options (each also read from the environment variable shown; a flag wins):
  --host <address>     EXO_HOST       Address to listen on (default 127.0.0.1). Anything
                                      but loopback requires a token.
  --port <n>           EXO_PORT       Port to listen on, 0 to 65535; 0 picks a free one
                                      (default 8080).
  --symbols <list>     EXO_SYMBOLS    Comma-separated symbols to trade
                                      (default BTC-USD,ETH-USD,SOL-USD); the simulated
                                      market lists any BASE-QUOTE name, such as DOGE-USD.
  --feed <name>        EXO_FEED       Market data: sim (default), coinbase, binance.
  --feed-url <url>     EXO_FEED_URL   Websocket URL of the feed, to override its default.
  --tick-rate <n>      EXO_TICK_RATE  Simulated quotes and trades per second per symbol,
                                      on average; bursts go far above it (default 20,
                                      at most ${MAX_TICK_RATE}).
  --latency <ms>       EXO_LATENCY    Paper venue one-way latency in ms (default 2).
  --seed <n>           EXO_SEED       Simulated market seed: same seed, same prices (default 1).
  --log-level <level>  EXO_LOG_LEVEL  fatal, error, warn, info, debug, trace or silent
                                      (default info). Logs are JSON lines, or readable text
                                      on a terminal.
  --token <secret>     EXO_TOKEN      Require "Authorization: Bearer <secret>" on /v1 routes
                                      and /metrics. At least 16 printable characters, no
                                      spaces (openssl rand -hex 32). Prefer the variable:
                                      flags show up in process lists.
  --allowed-hosts <list>
                       EXO_ALLOWED_HOSTS
                                      Host names the server answers to, comma-separated,
                                      besides localhost and IP addresses (a request naming
                                      another Host gets 421: no DNS rebinding).
  --journal <path>     EXO_JOURNAL    Journal file: every instruction, child order and fill is
                                      written there before it takes effect (default
                                      ./.exo/journal.db). :memory: keeps nothing (a warning).
                                      postgres://… journals to PostgreSQL under a fenced
                                      lease (?schema=, ?lease_ms=; see the README).
  --journal-sync <s>   EXO_JOURNAL_SYNC
                                      full (default): each commit is fsynced and survives a
                                      power loss. normal: survives the process crashing
                                      (kill -9), not the machine losing power; faster.
  --journal-retention <d>
                       EXO_JOURNAL_RETENTION
                                      Keep completed orders' rows this long, e.g. 7d (default),
                                      12h, 30m.
  --inflight-timeout <d>
                       EXO_INFLIGHT_TIMEOUT
                                      A child request unanswered this long has an unknown
                                      outcome, and the venue is asked about it (default 5s).
  --snapshot-every <n> EXO_SNAPSHOT_EVERY
                                      Journal rows between snapshots of the live orders, which
                                      bound what a restart replays (default 100000).
  --orphan-sweep <d>   EXO_ORPHAN_SWEEP
                                      How often the venue's open orders under exo's prefix
                                      are checked and those no live child knows (orphans)
                                      cancelled, e.g. 30s (default); off: never after start.
  --venue <url>        EXO_VENUE      Trade against a standalone venue (exo venue), e.g.
                                      ws://127.0.0.1:9100. It owns matching and its market:
                                      the algorithms and the quote board use its market data.
                                      fix://HOST:PORT: a FIX 4.4 counterparty, exo the
                                      initiator; its quotes come over the session (V/W/X).
                                      binance: trade on Binance spot (with --feed binance).
  --venue-url <url>    EXO_VENUE_URL  With --venue binance: testnet, demo, live (needs --live)
                                      or a WebSocket API URL (a local Binance's
                                      ws://127.0.0.1:9200/ws-api/v3). Key from
                                      EXO_BINANCE_API_KEY with EXO_BINANCE_SECRET_KEY (HMAC)
                                      or EXO_BINANCE_PRIVATE_KEY_FILE (Ed25519).
  --binance-key-file <file>
                       EXO_BINANCE_KEY_FILE
                                      JSON {"apiKey", "secretKey" or "privateKeyFile"}; refused
                                      when others can read it.
  --binance-recv-window <ms>
                       EXO_BINANCE_RECV_WINDOW
                                      recvWindow of signed Binance requests (default 5000).
  --live                              Mean it: trade on Binance's live endpoint.
  --cancel-on-disconnect <on|off>
                       EXO_CANCEL_ON_DISCONNECT
                                      on: the --venue cancels exo's working orders whenever
                                      exo's connection to it drops (exo catches up on the
                                      cancels when it reconnects). Default off.
  FIX session of --venue fix://HOST:PORT (flag, else variable, else --fix-session file):
  --fix-session <file> EXO_FIX_SESSION
                                      JSON with any of senderCompId, targetCompId, store,
                                      heartbeat, reset, fsync, clOrdIdLength.
  --fix-sender-comp-id <id>
                       EXO_FIX_SENDER_COMP_ID
                                      SenderCompID (49) exo sends. Required.
  --fix-target-comp-id <id>
                       EXO_FIX_TARGET_COMP_ID
                                      TargetCompID (56), the counterparty's. Required.
  --fix-store <dir>    EXO_FIX_STORE  Session store and order log (default .exo/fix):
                                      sequences resume from it after any restart.
  --fix-heartbeat <s>  EXO_FIX_HEARTBEAT
                                      HeartBtInt in seconds, 1-3600 (default 30).
  --fix-reset <on|off> EXO_FIX_RESET  on: ResetSeqNumFlag=Y at every Logon, sequences back
                                      to 1 (default off: never reset unless told).
  --fix-fsync <on|batch|off>
                       EXO_FIX_FSYNC  on: every store and log append is fsynced before
                                      anything acts on it (default; what one received
                                      chunk causes, with one fsync per file); batch: once
                                      per chunk received; off: never.
  --fix-clordid-length <n>
                       EXO_FIX_CLORDID_LENGTH
                                      Longest ClOrdID the counterparty takes, 8-64 (default
                                      20); exo maps its child IDs to short ones it journals.
  --limits <file>      EXO_LIMITS     Risk limits, JSON or YAML (.yaml/.yml): checked
                                      before an order is journaled; a refusal is 422
                                      risk_limit. Reloaded on SIGHUP. Required against a live
                                      feed or --venue. npm start uses limits.default.json.
  --record <file>      EXO_RECORD     Record every quote and trade the engine's market data
                                      delivers while it trades (and a live feed's gaps) to
                                      this exo tick file, for replay; closed with its end
                                      block when exo stops.
  --standby                           With --journal postgres://…: while another exo holds
                                      the journal's lease, wait (nothing served) and take
                                      over once it expires, instead of refusing to start.
  --no-risk-limits                    Run against a live feed or --venue without limits:
                                      warned of at start and every hour. No variable.
  -h, --help                          Show this help.

Routes: POST/GET /v1/orders, GET/PATCH/DELETE /v1/orders/:id, GET /v1/events (server-sent
events), GET/PUT /v1/limits, POST /v1/halt, POST /v1/resume, GET/POST /v1/trading, GET /healthz,
GET /metrics (Prometheus; the token too when set), GET /openapi.json, and the dashboard at /.

Idempotency: the order routes' POST, PATCH and DELETE take an Idempotency-Key header; the same key and request
again gets the same answer (Idempotent-Replayed: true), another request with it gets 422.

Ctrl-C (SIGINT) or SIGTERM stops gracefully: intake stops, algorithms clean up, exit 0.
SIGHUP reads the --limits file again; one that cannot be used keeps the old limits (logged).
Exit 2, with one line naming the flag and what is wrong: a bad flag or variable, options that
do not work together (such as a non-loopback --host without a token, or a live feed without
--limits or --no-risk-limits), a limits file that cannot be used, or a journal that fails
its integrity check or has a newer schema. Exit 1: startup failed otherwise (such as the port
being in use). Either way nothing reached a venue, and a journal file this run created is
removed again.
`;
