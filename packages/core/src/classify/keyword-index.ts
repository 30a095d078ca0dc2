/**
 * Aho–Corasick over the rules' keywords: one pass over a lowercased line says which rules can match
 * it, whatever the number of keywords. ASCII moves through a precomputed table; other characters
 * (✖, ✕, …) through per-node maps. (scan/keyword-index.ts is ASCII-only; these keywords are not.)
 */
export class KeywordIndex {
  private readonly ascii: Int32Array;
  private readonly other: Map<number, number>[] = [];
  private readonly fail: number[];
  private readonly out: number[][] = [[]];
  private readonly seen: Uint32Array;
  private generation = 0;

  /** `keywords[i]` are the lowercase keywords of rule i. */
  constructor(keywords: readonly (readonly string[])[]) {
    const children: Map<number, number>[] = [new Map<number, number>()];
    keywords.forEach((words, rule) => {
      for (const word of words) {
        let node = 0;
        for (const ch of word) {
          const c = ch.codePointAt(0) as number;
          const edges = children[node] as Map<number, number>;
          let next = edges.get(c);
          if (next === undefined) {
            next = children.length;
            children.push(new Map<number, number>());
            this.out.push([]);
            edges.set(c, next);
          }
          node = next;
        }
        const out = this.out[node] as number[];
        if (!out.includes(rule)) out.push(rule);
      }
    });
    this.ascii = new Int32Array(children.length * 128);
    this.fail = new Array<number>(children.length).fill(0);
    // Breadth-first: each node's failure link and full transition row come from shallower nodes.
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head] as number;
      const edges = children[node] as Map<number, number>;
      const f = this.fail[node] as number;
      if (node !== 0) this.out[node] = [...new Set([...(this.out[node] as number[]), ...(this.out[f] as number[])])];
      for (let c = 0; c < 128; c++) {
        const child = edges.get(c);
        const viaFail = node === 0 ? 0 : (this.ascii[f * 128 + c] as number);
        if (child === undefined) this.ascii[node * 128 + c] = viaFail;
        else {
          this.fail[child] = viaFail;
          this.ascii[node * 128 + c] = child;
          queue.push(child);
        }
      }
      const wide = new Map<number, number>();
      for (const [c, child] of edges) {
        if (c < 128) continue;
        wide.set(c, child);
        this.fail[child] = node === 0 ? 0 : this.step(f, c);
        queue.push(child);
      }
      this.other[node] = wide;
    }
    this.seen = new Uint32Array(keywords.length);
  }

  private step(node: number, c: number): number {
    for (let s = node; ; s = this.fail[s] as number) {
      const next = this.other[s]?.get(c);
      if (next !== undefined) return next;
      if (s === 0) return 0;
    }
  }

  /** Indexes of the rules with a keyword in `lower`, ascending; empty when none. */
  candidates(lower: string): number[] {
    const found: number[] = [];
    const gen = ++this.generation;
    let node = 0;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      if (c < 128) node = this.ascii[node * 128 + c] as number;
      else {
        node = this.step(node, lower.codePointAt(i) as number);
        if (c >= 0xd800 && c <= 0xdbff) i++;
      }
      for (const rule of this.out[node] as number[]) {
        if (this.seen[rule] !== gen) {
          this.seen[rule] = gen;
          found.push(rule);
        }
      }
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }
}
