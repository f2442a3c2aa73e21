/** A timer waiting in a replay: due at `dueUs`, after every earlier-scheduled timer due then. */
export interface HeapTimer {
  readonly dueUs: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** A binary min-heap of timers by due time, then scheduling order: O(log n) to add and take. */
export class TimerHeap {
  readonly #items: HeapTimer[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** The earliest timer, cancelled or not, without taking it. */
  peek(): HeapTimer | undefined {
    return this.#items[0];
  }

  push(timer: HeapTimer): void {
    const items = this.#items;
    let at = items.length;
    items.push(timer);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(timer, items[parent]!)) break;
      items[at] = items[parent]!;
      at = parent;
    }
    items[at] = timer;
  }

  /** Takes the earliest timer. */
  pop(): HeapTimer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, last)) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }
}

function before(a: HeapTimer, b: HeapTimer): boolean {
  return a.dueUs < b.dueUs || (a.dueUs === b.dueUs && a.order < b.order);
}
