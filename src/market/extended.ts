/**
 * `{ ...base, ...extra }`, built so that every result of the same keys shares one hidden class.
 * Node 20's V8 gives each object made by a literal that starts with a spread and has anything
 * after it (`{ ...base, key }`) a hidden class of its own: 0.7–1.7 µs per property added after
 * the spread (measured here) where the whole `Object.assign` takes ~0.1 µs, a map allocated for
 * every object, and every inline cache that meets such objects megamorphic. `Object.assign` onto
 * a fresh object adds the keys through V8's shared transitions instead. This is the one place
 * that says so: hot paths (per order, child, request, report, fill or tick) use this or
 * Object.assign, and `test/architecture/object-shapes.test.ts` keeps the spread-first literal
 * out of the engine's folders.
 */
export function extended<B extends object, const E extends object>(
  base: B,
  extra: E,
): Extended<B, E> {
  return Object.assign({}, base, extra) as unknown as Extended<B, E>;
}

/** The type of `{ ...base, ...extra }`, member by member of a union (as the spread's own type). */
export type Extended<B, E> = B extends unknown ? Omit<B, keyof E> & E : never;
