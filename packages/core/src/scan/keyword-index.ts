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
  /** Values per accepting state, from `firstAccepting / width` on (see `findPerLine`). */
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

  /**
   * Built at every start of the CLI (the pre-commit hook), so built in class space from the start: the
   * trie is one flat table as wide as the classes keywords use (a few dozen, not 128), filled in place by
   * the breadth-first pass, with no per-state allocation — a table of typed rows per state cost the hook
   * more than scanning a commit.
   */
  constructor(entries: Iterable<[keyword: string, value: T]>) {
    const list: [string, T][] = [];
    for (const [keyword, value] of entries) {
      const lower = keyword.toLowerCase();
      // Hits are attributed to the line where a keyword ends, and bytes are matched as ASCII.
      if (!lower || /[^\x20-\x7e\t]/.test(lower)) throw new Error(`keyword ${JSON.stringify(keyword)}: keywords are non-empty printable ASCII on one line`);
      list.push([lower, value]);
    }
    // Columns: one per ASCII character some keyword uses (after lower-casing; every digit is '0'), plus class 0.
    const column = new Uint8Array(128);
    let width = 1;
    let size = 1;
    for (const [keyword] of list) {
      size += keyword.length;
      if (keyword.length > this.longest) this.longest = keyword.length;
      for (let i = 0; i < keyword.length; i++) {
        const c = digitless(keyword.charCodeAt(i));
        if (column[c] === 0) column[c] = width++;
      }
    }
    this.width = width;
    for (let c = 65; c <= 90; c++) column[c] = column[c | 32] as number;
    for (let c = 49; c <= 57; c++) column[c] = column[48] as number;
    this.classOf.set(column);
    // The trie: `go` holds child states (0 = none yet; the root is no one's child), at most `size` states.
    const go = new Int32Array(size * width);
    const own: (T[] | undefined)[] = [undefined];
    let count = 1;
    for (const [keyword, value] of list) {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const at = state * width + (column[keyword.charCodeAt(i)] as number);
        if (go[at] === 0) {
          go[at] = count++;
          own.push(undefined);
        }
        state = go[at] as number;
      }
      (own[state] ??= []).push(value);
    }
    // Breadth first, straight into the final table: a state's failure target is shallower, so its row is
    // final when the state's is filled. States are renumbered as they are reached, those where some keyword
    // ends (their own, or their failure target's) from the top down, so that they come last: one pass.
    const delta = (this.delta = count * width <= 65536 ? new Uint16Array(count * width) : new Int32Array(count * width));
    const id = new Int32Array(count);
    const stateOf = new Int32Array(count);
    const fail = new Int32Array(count);
    const queue = new Int32Array(count);
    let low = 1;
    let high = count - 1;
    let tail = 0;
    const reach = (child: number, failure: number): number => {
      fail[child] = failure;
      const inherited = own[failure];
      if (inherited) own[child] = [...(own[child] ?? []), ...inherited];
      const renumbered = own[child] ? high-- : low++;
      id[child] = renumbered;
      stateOf[renumbered] = child;
      queue[tail++] = child;
      return renumbered * width;
    };
    // Class 0 (a character no keyword uses) leads to the root from every state: delta is already 0 there.
    for (let k = 1; k < width; k++) if (go[k] !== 0) delta[k] = reach(go[k] as number, 0);
    for (let head = 0; head < tail; head++) {
      const state = queue[head] as number;
      const row = state * width;
      const to = (id[state] as number) * width;
      const failRow = (id[fail[state] as number] as number) * width;
      for (let k = 1; k < width; k++) {
        const child = go[row + k] as number;
        const viaFailure = delta[failRow + k] as number;
        delta[to + k] = child === 0 ? viaFailure : reach(child, stateOf[viaFailure / width] as number);
      }
    }
    this.firstAccepting = low * width;
    this.values = [];
    for (let s = 0; s < count; s++) if (own[s]) this.values[(id[s] as number) - low] = own[s] as T[];
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
      for (const hit of this.values[((this.acceptedState[k] as number) - this.firstAccepting) / this.width] as T[]) if (!found.includes(hit)) found.push(hit);
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

/** Every digit is one character class (a digit in a keyword stands for any digit). */
function digitless(code: number): number {
  return code >= 48 && code <= 57 ? 48 : code;
}
