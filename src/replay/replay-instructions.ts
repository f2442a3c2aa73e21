import type { Engine } from '../engine/engine.js';
import { type Decimal, decimal } from '../market/decimal.js';
import type { ReplayOrder } from './replay-order.js';

/** A replayed order's quantity or limit that is not a decimal, named by its ref and field. */
export class ReplayOrderError extends Error {
  override readonly name = 'ReplayOrderError';
}

/** One instruction of the replay, due at an instant. */
interface Instruction {
  readonly atUs: number;
  /** The order's index in the input. */
  readonly index: number;
  /** What it is, for notes: new, amend or cancel. */
  readonly what: string;
  readonly apply: () => void;
}

/**
 * The replay's order instructions (each order's new, then its amends, then its cancel) in time
 * order, ties in input order, applied through the engine's intake as a client's would be. An
 * instruction intake refuses (an amend after the order completed, say) is noted with why, never
 * dropped unsaid. Decimals are checked before the run starts.
 */
export class ReplayInstructions {
  readonly #due: Instruction[];
  #next = 0;
  /** Each order's exo ID once placed, by input index. */
  readonly orderIds: (string | undefined)[];
  /** Each order's refused instructions, with why, by input index. */
  readonly notes: string[][];

  constructor(engine: Engine, orders: readonly ReplayOrder[]) {
    this.orderIds = orders.map(() => undefined);
    this.notes = orders.map(() => []);
    const due: Instruction[] = [];
    orders.forEach((order, index) => {
      const quantity = parse(order, 'quantity', order.quantity)!;
      const limitPrice = parse(order, 'limitPrice', order.limitPrice);
      due.push({
        atUs: order.startUs,
        index,
        what: 'new',
        apply: () =>
          this.#placeNew(engine, index, {
            side: order.side,
            symbol: order.symbol,
            quantity,
            ...(limitPrice === undefined ? {} : { limitPrice }),
            algo: order.algo,
            params: order.params,
          }),
      });
      order.amends.forEach((amend, at) => {
        const changes = {
          ...(amend.quantity === undefined
            ? {}
            : { quantity: parse(order, `amends[${at}].quantity`, amend.quantity)! }),
          ...(amend.limitPrice === undefined
            ? {}
            : { limitPrice: parse(order, `amends[${at}].limitPrice`, amend.limitPrice)! }),
        };
        due.push({
          atUs: amend.atUs,
          index,
          what: 'amend',
          apply: () =>
            this.#change(index, 'amend', (id) => engine.intake.prepareReplace(id, changes), engine),
        });
      });
      if (order.cancelAtUs !== undefined) {
        due.push({
          atUs: order.cancelAtUs,
          index,
          what: 'cancel',
          apply: () =>
            this.#change(index, 'cancel', (id) => engine.intake.prepareCancel(id), engine),
        });
      }
    });
    // Stable: ties keep input order, and an order's own instructions the order they were pushed.
    this.#due = due.sort((a, b) => a.atUs - b.atUs);
  }

  /** When the next instruction is due, or undefined when all were applied. */
  nextUs(): number | undefined {
    return this.#due[this.#next]?.atUs;
  }

  /** Applies every instruction due at or before `us`; true when any was. */
  applyDue(us: number): boolean {
    let applied = false;
    while (this.#next < this.#due.length && this.#due[this.#next]!.atUs <= us) {
      this.#due[this.#next++]!.apply();
      applied = true;
    }
    return applied;
  }

  /** Notes each instruction never applied because the recording ended before it was due. */
  noteUnapplied(endUs: number): void {
    for (const { index, what, atUs } of this.#due.slice(this.#next)) {
      this.notes[index]!.push(
        `${what}: due at ${atUs} us, after the recording ended at ${endUs} us`,
      );
    }
  }

  #placeNew(
    engine: Engine,
    index: number,
    request: Parameters<Engine['intake']['prepareNew']>[0],
  ): void {
    this.#submit(engine, index, 'new', () => {
      const prepared = engine.intake.prepareNew(request);
      this.orderIds[index] = prepared.order.orderId;
      return prepared;
    });
  }

  #change(
    index: number,
    what: string,
    prepare: (orderId: string) => ReturnType<Engine['intake']['prepareCancel']>,
    engine: Engine,
  ): void {
    const orderId = this.orderIds[index];
    if (orderId === undefined) {
      this.notes[index]!.push(`${what}: the order was never placed`);
      return;
    }
    this.#submit(engine, index, what, () => prepare(orderId));
  }

  #submit(
    engine: Engine,
    index: number,
    what: string,
    prepare: () => ReturnType<Engine['intake']['prepareCancel']>,
  ): void {
    let prepared: ReturnType<typeof prepare>;
    try {
      prepared = prepare();
    } catch (error) {
      this.notes[index]!.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    void engine.intake.commit(prepared).then(
      (refusal) => {
        if (refusal !== undefined) this.notes[index]!.push(`${what}: ${refusal.message}`);
      },
      (error: unknown) => this.notes[index]!.push(`${what}: ${String(error)}`),
    );
  }
}

function parse(order: ReplayOrder, field: string, text: string | undefined): Decimal | undefined {
  if (text === undefined) return undefined;
  try {
    return decimal(text);
  } catch {
    throw new ReplayOrderError(
      `order ${order.ref}: ${field}: ${JSON.stringify(text)} is not a decimal`,
    );
  }
}
