/**
 * Aho–Corasick over lower-cased ASCII keywords: one pass over a line tells which rules can possibly
 * match, so the (comparatively slow) regular expressions only run where their keyword occurs. This is
 * what keeps a 10 MB diff well under a second.
 */
export class KeywordIndex<T> {
  private readonly next: Int32Array[] = [];
  private readonly fail: number[] = [];
  private readonly out: T[][] = [];
  /** The finished automaton: one flat transition table and a "some keyword ends here" flag per state. */
  private readonly delta: Int32Array;
  private readonly accepting: Uint8Array;

  constructor(entries: Iterable<[keyword: string, value: T]>) {
    this.addState();
    for (const [keyword, value] of entries) this.insert(keyword.toLowerCase(), value);
    this.build();
    // States are stored pre-multiplied by 128 (their row offset), so a step is one load and one add.
    this.delta = new Int32Array(this.next.length * 128);
    this.accepting = new Uint8Array(this.next.length);
    this.next.forEach((row, state) => {
      this.delta.set(
        row.map((target) => target * 128),
        state * 128,
      );
      this.accepting[state] = (this.out[state] as T[]).length ? 1 : 0;
    });
  }

  private addState(): number {
    this.next.push(new Int32Array(128).fill(-1));
    this.fail.push(0);
    this.out.push([]);
    return this.next.length - 1;
  }

  private insert(keyword: string, value: T): void {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i) & 127;
      const row = this.next[state] as Int32Array;
      if ((row[c] as number) < 0) row[c] = this.addState();
      state = row[c] as number;
    }
    (this.out[state] as T[]).push(value);
  }

  private build(): void {
    const queue: number[] = [];
    const root = this.next[0] as Int32Array;
    for (let c = 0; c < 128; c++) {
      const s = root[c] as number;
      if (s < 0) root[c] = 0;
      else {
        this.fail[s] = 0;
        queue.push(s);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const row = this.next[state] as Int32Array;
      const failRow = this.next[this.fail[state] as number] as Int32Array;
      for (let c = 0; c < 128; c++) {
        const s = row[c] as number;
        if (s < 0) row[c] = failRow[c] as number;
        else {
          const f = failRow[c] as number;
          this.fail[s] = f;
          (this.out[s] as T[]).push(...(this.out[f] as T[]));
          queue.push(s);
        }
      }
    }
  }

  /** Values of every keyword occurring in `text` (ASCII case-insensitive), each once. */
  /** Values of every keyword occurring in `text` (ASCII case-insensitive), each once; undefined when none. */
  find(text: string): Set<T> | undefined {
    let state = 0;
    let found: Set<T> | undefined;
    const { delta, accepting } = this;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) {
        state = 0;
        continue;
      }
      if (c >= 65 && c <= 90) c |= 32;
      state = delta[state + c] as number;
      if (accepting[state >> 7] === 1) for (const hit of this.out[state >> 7] as T[]) (found ??= new Set()).add(hit);
    }
    return found;
  }
}
