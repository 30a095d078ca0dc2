import { pushAll } from '../iterate.js';

/** Largest scratch buffer kept between calls (bytes). */
const KEPT_BYTES = 1 << 20;

/**
 * Aho–Corasick over lower-cased ASCII keywords: one pass over a file tells which rules can possibly
 * match each line, so the (comparatively slow) regular expressions only run where their keyword occurs.
 * Digits are one character class: a digit in a keyword stands for any digit, so `000-00-0000` finds
 * every SSN layout in the same pass (a keyword only gates a regular expression, so matching more is safe).
 * This pass touches every character of every scanned file, so it is written for speed: the text is
 * copied into a byte buffer (Latin-1, one byte per UTF-16 code unit, so offsets stay string offsets)
 * and the automaton is one flat transition table over character classes.
 */
export class KeywordIndex<T> {
  private readonly next: Int32Array[] = [];
  private readonly fail: number[] = [];
  private readonly out: T[][] = [];
  /** The characters keywords use (as the trie stores them). */
  private readonly used = new Uint8Array(128);
  /**
   * Character classes per byte: the class of its ASCII-lower-cased character when some keyword uses it,
   * else class 0, which always leads back to the root. A byte from a code unit above 0xFF (Latin-1 keeps
   * its low byte) may land in a keyword's class: that can only add hits, never hide one, because a real
   * occurrence is all ASCII and Aho–Corasick finds it whatever precedes it.
   */
  private readonly classOf = new Uint8Array(256);
  /**
   * The finished automaton: one flat transition table, states pre-multiplied by the row width (the
   * number of classes). 16-bit when it fits: a smaller table stays in cache between files.
   */
  private readonly delta: Uint16Array | Int32Array;
  /** States are renumbered so that the ones where some keyword ends come last: from here on. */
  private readonly firstAccepting: number;
  /** The row width: the number of character classes. */
  private readonly width: number;
  /** Values per (renumbered) state. */
  private readonly values: T[][];
  /** Scratch space reused across calls: the text as bytes, and where keywords ended (see `accepting`). */
  private bytes: Buffer = Buffer.alloc(0);
  private acceptedAt: Int32Array = new Int32Array(256);
  private acceptedState: Int32Array = new Int32Array(256);
  /** The second stream's hits (see `accepting`), appended to the first's at the end. */
  private secondAt: Int32Array = new Int32Array(256);
  private secondState: Int32Array = new Int32Array(256);
  /** Characters in the longest keyword. */
  private longest = 0;

  constructor(entries: Iterable<[keyword: string, value: T]>) {
    this.addState();
    for (const [keyword, value] of entries) this.insert(keyword.toLowerCase(), value);
    this.build();
    // Columns: one per ASCII character some keyword uses (after lower-casing), plus class 0.
    const column = new Int32Array(128);
    let classes = 1;
    for (let c = 0; c < 128; c++) if (this.used[c] === 1) column[c] = classes++;
    for (let c = 65; c <= 90; c++) column[c] = column[c | 32] as number;
    for (let c = 49; c <= 57; c++) column[c] = column[48] as number;
    const width = (this.width = classes);
    for (let c = 0; c < 128; c++) this.classOf[c] = column[c] as number;
    // Renumber: non-accepting states first (the root stays 0: keywords are never empty), accepting ones last.
    const count = this.next.length;
    const order: number[] = [];
    for (let s = 0; s < count; s++) if (!(this.out[s] as T[]).length) order.push(s);
    const firstAccepting = order.length;
    for (let s = 0; s < count; s++) if ((this.out[s] as T[]).length) order.push(s);
    const id = new Int32Array(count);
    order.forEach((s, i) => (id[s] = i));
    this.firstAccepting = firstAccepting * width;
    this.delta = count * width <= 65536 ? new Uint16Array(count * width) : new Int32Array(count * width);
    this.values = order.map((s) => this.out[s] as T[]);
    for (let s = 0; s < count; s++) {
      const row = this.next[s] as Int32Array;
      const base = (id[s] as number) * width;
      for (let c = 0; c < 128; c++) {
        if ((c >= 65 && c <= 90) || (c >= 49 && c <= 57)) continue;
        const k = column[c] as number;
        if (k !== 0) this.delta[base + k] = (id[row[c] as number] as number) * width;
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
    // Hits are attributed to the line where a keyword ends, and bytes are matched as ASCII.
    if (!keyword || /[^\x20-\x7e\t]/.test(keyword)) throw new Error(`keyword ${JSON.stringify(keyword)}: keywords are non-empty printable ASCII on one line`);
    if (keyword.length > this.longest) this.longest = keyword.length;
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const code = keyword.charCodeAt(i);
      const c = code >= 48 && code <= 57 ? 48 : code;
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
    // Only the characters keywords use: every other one leads to the root from every state, and the
    // table keeps no column for it. A third of the work, at every start of the CLI.
    const chars: number[] = [];
    for (let c = 0; c < 128; c++) if (this.used[c] === 1) chars.push(c);
    for (const c of chars) {
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
      for (const c of chars) {
        const s = row[c] as number;
        if (s < 0) row[c] = failRow[c] as number;
        else {
          const f = failRow[c] as number;
          this.fail[s] = f;
          pushAll(this.out[s] as T[], this.out[f] as T[]);
          queue.push(s);
        }
      }
    }
  }

  /**
   * The values of the keywords on each line of `text` (lines joined with `\n`; `ends[i]` is where line i
   * ends): index i lists line i's values, each once, or is undefined when no keyword occurs there. One
   * pass over one flat buffer beats a pass per line.
   */
  findPerLine(text: string, ends: ArrayLike<number>): (T[] | undefined)[] {
    const accepted = this.accepting(text);
    const result: (T[] | undefined)[] = [];
    for (let i = 0; i < ends.length; i++) result.push(undefined);
    let line = 0;
    for (let k = 0; k < accepted; k++) {
      const at = this.acceptedAt[k] as number;
      while (at >= (ends[line] as number)) line++;
      let found = result[line];
      if (found === undefined) result[line] = found = [];
      // A line has a handful of distinct values: a list beats a Set here.
      for (const hit of this.values[(this.acceptedState[k] as number) / this.width] as T[]) if (!found.includes(hit)) found.push(hit);
    }
    return result;
  }

  /**
   * Runs the automaton over `text`; records where a keyword ended, and in which state, in `acceptedAt`
   * and `acceptedState`; returns how many. This is the hot path: the text is read as two halves at once,
   * two independent chains of table lookups the processor overlaps (a tenth faster than one). The second
   * half's automaton starts `longest - 1` characters early: a keyword ending in the second half starts no
   * earlier, and Aho–Corasick started anywhere finds every keyword starting after that point. The rare
   * hits are sorted out afterwards.
   */
  private accepting(text: string): number {
    const length = text.length;
    // The buffer is kept for the next file, unless this text is huge: the index lives as long as the process.
    let bytes = this.bytes;
    if (bytes.length < length) {
      bytes = Buffer.allocUnsafe(Math.max(length, 2 * bytes.length, 4096));
      if (bytes.length <= KEPT_BYTES) this.bytes = bytes;
    }
    bytes.write(text, 0, length, 'latin1');
    const { delta, classOf, firstAccepting } = this;
    const mid = length >> 1;
    const lead = this.longest - 1;
    let accepted = 0;
    let state = 0;
    let i = 0;
    if (mid > lead) {
      // Stream two, warmed up on the characters before the middle (hits there are stream one's).
      let second = 0;
      let state2 = 0;
      for (let j = mid - lead; j < mid; j++) state2 = delta[state2 + (classOf[bytes[j] as number] as number)] as number;
      for (let j = mid; i < mid; i++, j++) {
        state = delta[state + (classOf[bytes[i] as number] as number)] as number;
        state2 = delta[state2 + (classOf[bytes[j] as number] as number)] as number;
        if (state >= firstAccepting) {
          if (accepted === this.acceptedAt.length) [this.acceptedAt, this.acceptedState] = grown(this.acceptedAt, this.acceptedState);
          this.acceptedAt[accepted] = i;
          this.acceptedState[accepted++] = state;
        }
        if (state2 >= firstAccepting) {
          if (second === this.secondAt.length) [this.secondAt, this.secondState] = grown(this.secondAt, this.secondState);
          this.secondAt[second] = j;
          this.secondState[second++] = state2;
        }
      }
      while (accepted + second > this.acceptedAt.length) [this.acceptedAt, this.acceptedState] = grown(this.acceptedAt, this.acceptedState);
      this.acceptedAt.set(this.secondAt.subarray(0, second), accepted);
      this.acceptedState.set(this.secondState.subarray(0, second), accepted);
      accepted += second;
      // An odd length leaves stream two its last character, read below.
      state = state2;
      i = 2 * mid;
    }
    for (; i < length; i++) {
      state = delta[state + (classOf[bytes[i] as number] as number)] as number;
      if (state >= firstAccepting) {
        if (accepted === this.acceptedAt.length) [this.acceptedAt, this.acceptedState] = grown(this.acceptedAt, this.acceptedState);
        this.acceptedAt[accepted] = i;
        this.acceptedState[accepted++] = state;
      }
    }
    return accepted;
  }
}

/** Twice as long, with the same contents. */
function grown(at: Int32Array, state: Int32Array): [Int32Array, Int32Array] {
  const longerAt = new Int32Array(at.length * 2);
  const longerState = new Int32Array(longerAt.length);
  longerAt.set(at);
  longerState.set(state);
  return [longerAt, longerState];
}
