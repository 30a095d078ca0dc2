/**
 * Aho–Corasick over lower-cased ASCII keywords: one pass over a line tells which rules can possibly
 * match, so the (comparatively slow) regular expressions only run where their keyword occurs. This is
 * what keeps a 10 MB diff well under a second.
 */
export class KeywordIndex<T> {
  private readonly next: Int32Array[] = [];
  private readonly fail: number[] = [];
  private readonly out: T[][] = [];
  /** The characters keywords use (codes masked to ASCII, as the trie stores them). */
  private readonly used = new Uint8Array(128);
  /**
   * Character classes: every UTF-16 code unit maps to the class of its (ASCII-lower-cased) character
   * when some keyword uses it, else to class 0, which always leads back to the root (as a non-ASCII
   * character does).
   */
  private readonly classOf: Uint8Array;
  /** The finished automaton: one flat transition table, states pre-multiplied by the row width. */
  private readonly delta: Int32Array;
  /** States are renumbered so that the ones where some keyword ends come last: from here on. */
  private readonly firstAccepting: number;
  /** log2 of the row width. */
  private readonly shift: number;
  /** Values per (renumbered) state. */
  private readonly values: T[][];

  constructor(entries: Iterable<[keyword: string, value: T]>) {
    this.addState();
    for (const [keyword, value] of entries) this.insert(keyword.toLowerCase(), value);
    this.build();
    // Columns: one per ASCII character some keyword uses (after lower-casing), plus class 0.
    const column = new Int32Array(128);
    let classes = 1;
    for (let c = 0; c < 128; c++) if (this.used[c] === 1) column[c] = classes++;
    for (let c = 65; c <= 90; c++) column[c] = column[c | 32] as number;
    let shift = 0;
    while (1 << shift < classes) shift++;
    this.shift = shift;
    this.classOf = new Uint8Array(65536);
    for (let c = 0; c < 128; c++) this.classOf[c] = column[c] as number;
    // Renumber: non-accepting states first (the root stays 0: keywords are never empty), accepting ones last.
    const count = this.next.length;
    const order: number[] = [];
    for (let s = 0; s < count; s++) if (!(this.out[s] as T[]).length) order.push(s);
    const firstAccepting = order.length;
    for (let s = 0; s < count; s++) if ((this.out[s] as T[]).length) order.push(s);
    const id = new Int32Array(count);
    order.forEach((s, i) => (id[s] = i));
    this.firstAccepting = firstAccepting << shift;
    this.delta = new Int32Array(count << shift);
    this.values = order.map((s) => this.out[s] as T[]);
    for (let s = 0; s < count; s++) {
      const row = this.next[s] as Int32Array;
      const base = (id[s] as number) << shift;
      for (let c = 0; c < 128; c++) {
        if (c >= 65 && c <= 90) continue;
        const k = column[c] as number;
        if (k !== 0) this.delta[base + k] = (id[row[c] as number] as number) << shift;
      }
      // Class 0 (a character no keyword uses) leads to the root from every state; delta is already 0.
    }
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
      this.used[c] = 1;
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

  /**
   * `find` for each line of `text`, lines joined with `\n`: `ends[i]` is where line i ends (the offset
   * of the `\n` after it, or the text's length). One pass over one flat string beats a pass per line.
   */
  findPerLine(text: string, ends: readonly number[]): (Set<T> | undefined)[] {
    const result = new Array<Set<T> | undefined>(ends.length).fill(undefined);
    if (this.classOf[10] !== 0) {
      // A keyword with a line break in it: lines must not run into each other.
      for (let i = 0, start = 0; i < ends.length; start = (ends[i] as number) + 1, i++) result[i] = this.find(text.slice(start, ends[i]));
      return result;
    }
    const { delta, classOf, firstAccepting } = this;
    let state = 0;
    let line = 0;
    for (let i = 0; i < text.length; i++) {
      state = delta[state + (classOf[text.charCodeAt(i)] as number)] as number;
      if (state >= firstAccepting) {
        while (i >= (ends[line] as number)) line++;
        let found = result[line];
        if (found === undefined) result[line] = found = new Set();
        for (const hit of this.values[state >> this.shift] as T[]) found.add(hit);
      }
    }
    return result;
  }

  /** Values of every keyword occurring in `text` (ASCII case-insensitive), each once; undefined when none. */
  find(text: string): Set<T> | undefined {
    const { delta, classOf, firstAccepting } = this;
    let state = 0;
    let found: Set<T> | undefined;
    for (let i = 0; i < text.length; i++) {
      state = delta[state + (classOf[text.charCodeAt(i)] as number)] as number;
      if (state >= firstAccepting) for (const hit of this.values[state >> this.shift] as T[]) (found ??= new Set()).add(hit);
    }
    return found;
  }
}
