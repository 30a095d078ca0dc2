import { ConfigurationError } from '../../errors.js';
import { hit, type Coverage, type FileLines } from './types.js';

const BLOCK = /^(.+):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/;

/**
 * Go cover profile (`go test -coverprofile`, golang.org/x/tools/cover): `mode: set|count|atomic`, then
 * `file.go:startLine.startCol,endLine.endCol numStmt count` per block. Every line a block spans counts;
 * a line in several blocks keeps the largest count
 * (an `if` line holds the end of the block before it and the `{` of its body: it ran if the condition did).
 */
export function readGoCover(text: string, name: string): Coverage {
  const lines = text.split('\n');
  if (!/^mode: (set|count|atomic)\s*$/.test(lines[0] ?? '')) throw new ConfigurationError(`${name}:1: expected "mode: set|count|atomic"; not a Go cover profile.`);
  const byPath = new Map<string, FileLines>();
  for (let i = 1; i < lines.length; i++) {
    const raw = (lines[i] as string).trimEnd();
    if (!raw) continue;
    if (raw.startsWith('mode: ')) continue; // profiles concatenated from several packages repeat the header
    const m = BLOCK.exec(raw);
    if (!m) throw new ConfigurationError(`${name}:${i + 1}: malformed cover block; expected file.go:line.col,line.col numStmt count.`);
    const [, path, from, to, stmts, count] = m as unknown as [string, string, string, string, string, string];
    if (stmts === '0') continue;
    const file = byPath.get(path) ?? { path, lines: [] as number[] };
    byPath.set(path, file);
    for (let l = Number(from); l <= Number(to); l++) hit(file.lines, l, Number(count));
  }
  return { format: 'go-cover', files: [...byPath.values()] };
}
