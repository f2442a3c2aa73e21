/**
 * Min/max decimation, streaming: a time span cut into pixel columns, each keeping its lowest and
 * its highest point (the first of equals), so a chart of millions of points draws at most two
 * per column and still shows every spike. Points must arrive in time order; memory is
 * O(columns) whatever their number.
 */
export class MinMaxColumns {
  readonly #fromUs: number;
  readonly #spanUs: number;
  readonly #columns: number;
  readonly #minT: Float64Array;
  readonly #minV: Float64Array;
  readonly #maxT: Float64Array;
  readonly #maxV: Float64Array;

  /** Columns over [fromUs, toUs], both included. */
  constructor(fromUs: number, toUs: number, columns: number) {
    if (!(toUs >= fromUs) || !Number.isInteger(columns) || columns < 1) {
      throw new RangeError(`bad decimation span [${fromUs}, ${toUs}] or columns ${columns}`);
    }
    this.#fromUs = fromUs;
    this.#spanUs = toUs - fromUs + 1;
    this.#columns = columns;
    this.#minT = new Float64Array(columns).fill(Number.NaN);
    this.#minV = new Float64Array(columns);
    this.#maxT = new Float64Array(columns);
    this.#maxV = new Float64Array(columns);
  }

  /** The column a time falls in; throws outside the span. */
  columnOf(timeUs: number): number {
    const offset = timeUs - this.#fromUs;
    if (offset < 0 || offset >= this.#spanUs) {
      throw new RangeError(`time ${timeUs} is outside the decimated span`);
    }
    return Math.floor((offset * this.#columns) / this.#spanUs);
  }

  /** Offers one point. */
  add(timeUs: number, value: number): void {
    const c = this.columnOf(timeUs);
    if (Number.isNaN(this.#minT[c])) {
      this.#minT[c] = this.#maxT[c] = timeUs;
      this.#minV[c] = this.#maxV[c] = value;
    } else if (value < this.#minV[c]!) {
      this.#minT[c] = timeUs;
      this.#minV[c] = value;
    } else if (value > this.#maxV[c]!) {
      this.#maxT[c] = timeUs;
      this.#maxV[c] = value;
    }
  }

  /** The kept points in time order: per column its min and max (one point when they coincide). */
  points(): { readonly timesUs: number[]; readonly values: number[] } {
    const timesUs: number[] = [];
    const values: number[] = [];
    for (let c = 0; c < this.#columns; c++) {
      const minT = this.#minT[c]!;
      if (Number.isNaN(minT)) continue;
      const maxT = this.#maxT[c]!;
      const minFirst = minT <= maxT;
      timesUs.push(minFirst ? minT : maxT);
      values.push(minFirst ? this.#minV[c]! : this.#maxV[c]!);
      if (minT !== maxT || this.#minV[c] !== this.#maxV[c]) {
        timesUs.push(minFirst ? maxT : minT);
        values.push(minFirst ? this.#maxV[c]! : this.#minV[c]!);
      }
    }
    return { timesUs, values };
  }
}
