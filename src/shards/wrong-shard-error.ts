/**
 * A new order for a symbol another shard serves: the engine refuses it before anything is
 * written, naming the symbol, the shard it belongs to and the shard that was asked, so that a
 * client (or the gateway) can send it to the right one. The HTTP API answers it 421 `wrong_shard`.
 */
export class WrongShardError extends Error {
  override readonly name = 'WrongShardError';
  readonly code = 'wrong_shard';

  constructor(
    readonly symbol: string,
    /** The shard `symbol` belongs to. */
    readonly shard: number,
    /** The shard that was asked. */
    readonly here: number,
  ) {
    super(`symbol ${JSON.stringify(symbol)} belongs to shard ${shard}, not to shard ${here}`);
  }
}
