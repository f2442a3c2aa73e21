/** One tag=value pair; the value is kept as the exact string received or to be sent (decimals never become numbers). */
export type FixField = readonly [tag: number, value: string];

/**
 * A FIX message as its ordered tag=value list, with typed accessors for the first occurrence of a tag.
 * Order is kept because FIX gives it meaning (header first, repeating groups).
 */
export class FixMessage {
  readonly #index = new Map<number, string>();

  constructor(readonly fields: readonly FixField[]) {
    for (const [tag, value] of fields) if (!this.#index.has(tag)) this.#index.set(tag, value);
  }

  /** The value of the first occurrence of `tag`, or undefined when absent. */
  get(tag: number): string | undefined {
    return this.#index.get(tag);
  }

  /** Whether `tag` occurs at least once. */
  has(tag: number): boolean {
    return this.#index.has(tag);
  }

  /** The value of `tag` as a non-negative integer, or undefined when absent or not all digits. */
  int(tag: number): number | undefined {
    const value = this.#index.get(tag);
    if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
    return Number(value);
  }

  /** Whether a Boolean tag holds 'Y'. */
  flag(tag: number): boolean {
    return this.#index.get(tag) === 'Y';
  }

  /** MsgType (35), or '' when missing. */
  get msgType(): string {
    return this.#index.get(35) ?? '';
  }

  /** Every value of `tag`, in order (repeating groups). */
  all(tag: number): string[] {
    return this.fields.filter(([t]) => t === tag).map(([, v]) => v);
  }
}
