/** Typed arrays that grow as a simulation appends to them (doubling), read back as exact-length views. */
type Typed = Float64Array | Int32Array | Uint8Array;

export class Grow<T extends Typed> {
  private data: T;
  length = 0;

  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data as never);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  /** The values so far, in place: valid until the next push. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** A copy of the first `length` values. */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const f64 = () => new Grow((n) => new Float64Array(n));
export const i32 = () => new Grow((n) => new Int32Array(n));
export const u8 = () => new Grow((n) => new Uint8Array(n));
