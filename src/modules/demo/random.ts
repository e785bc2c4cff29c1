/**
 * Seeded pseudo-random numbers for the synthetic data generator: the same seed
 * always gives the same sequence, on every platform (integer arithmetic only).
 * The generator is sfc32 (128-bit state), seeded through splitmix32.
 */

const DAY_MS = 86_400_000;

function splitmix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit hash of a few integers (order matters), for deriving independent seeds. */
export function hash32(...values: number[]): number {
  let h = 0x2545f491;
  for (const value of values) h = splitmix32(h ^ splitmix32(value >>> 0) ^ Math.floor(value / 0x1_0000_0000));
  return h;
}

export function isoDate(time: number | Date): string {
  return new Date(time).toISOString().slice(0, 10);
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `stream` selects one of many independent sequences for the same seed. The
   * raw seed and stream go into the state unhashed, so two different
   * (seed, stream) pairs can never start from the same state.
   */
  constructor(
    readonly seed: number,
    readonly stream = 0,
  ) {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff) throw new RangeError(`seed must be an integer in 0..2^32-1, got ${seed}`);
    this.a = splitmix32(seed);
    this.b = splitmix32(stream ^ 0x6a09e667);
    this.c = seed >>> 0;
    this.d = stream >>> 0;
    for (let i = 0; i < 15; i++) this.next32();
  }

  /**
   * An independent generator for item `stream` (e.g. one customer). It depends
   * on this generator's seed and stream only, not on how many numbers were
   * drawn, so item i is the same however a run is split into batches.
   */
  fork(stream: number): Random {
    // An affine map of `stream`, hence one-to-one: distinct items never start from the same state.
    return new Random(this.seed, (Math.imul(this.stream, 0x9e3779b1) + stream + 1) >>> 0);
  }

  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), 53 bits. */
  next(): number {
    return ((this.next32() >>> 5) * 0x4000000 + (this.next32() >>> 6)) / 0x20000000000000;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(probability = 0.5): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weight: `[[value, weight], ...]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const n = Math.min(count, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    return pool.slice(0, n);
  }

  /** `length` random decimal digits (leading zeros allowed unless `nonZeroFirst`). */
  digits(length: number, nonZeroFirst = false): string {
    let text = nonZeroFirst ? String(this.int(1, 9)) : '';
    while (text.length < length) text += String(this.int(0, 9));
    return text;
  }

  /** Log-uniform amount in [min, max] with two decimals, as an exact decimal string. */
  amount(min: number, max: number): string {
    const value = Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  /** An instant in [from, to] (epoch ms) with whole seconds, as the spec's date-times carry. */
  instant(from: number, to: number): Date {
    const seconds = this.int(Math.ceil(from / 1000), Math.floor(to / 1000));
    return new Date(seconds * 1000);
  }

  /** A UTC midnight in [from, to] (epoch ms). */
  day(from: number, to: number): Date {
    return new Date(this.int(Math.ceil(from / DAY_MS), Math.floor(to / DAY_MS)) * DAY_MS);
  }

  /** A `YYYY-MM-DD` date in [from, to] (epoch ms). */
  dateString(from: number, to: number): string {
    return isoDate(this.day(from, to));
  }
}
