import { shardOf, shardPrefix } from './shard-of.js';

/**
 * Which shard an engine serves, among how many its journal was set up for: what decides its order
 * ID prefix, its symbols, and which venue reports are its own. Shard 0 of 1 is the one-process
 * exo, which serves every symbol under the plain `exo-` prefix.
 */
export interface ShardPlace {
  readonly index: number;
  readonly count: number;
}

/** The one shard of a journal that is not sharded: plain `exo`. */
export const ONLY_SHARD: ShardPlace = { index: 0, count: 1 };

/** The order ID prefix of `place`'s orders (see shardPrefix). */
export function prefixOf(place: ShardPlace): string {
  return shardPrefix(place.index, place.count);
}

/** The symbols of `symbols` that `place` serves, in their order. */
export function symbolsOf(place: ShardPlace, symbols: readonly string[]): string[] {
  return symbols.filter((symbol) => shardOf(symbol, place.count) === place.index);
}
