/**
 * Complexity from decision points, counted on tokens (comments and strings skipped) per language
 * family, per function where functions can be found — the approach of lizard (cyclomatic number per
 * function) and escomplex. Each decision point also weighs its nesting, as cognitive complexity does,
 * so a function of nested branches outranks a flat list of the same length; a list of entries with no
 * decisions at all scores 0 however long it is.
 */
import { languageFamily, tokenize, type LanguageFamily, type Token } from './lexer.js';

export interface FunctionComplexity {
  name: string;
  line: number;
  /** McCabe: 1 + decision points. */
  cyclomatic: number;
  /** Decision points, each weighted 1 + its nesting inside the function (boolean operators weigh 1). */
  weighted: number;
  /** Deepest nesting of a decision point inside the function. */
  nesting: number;
}

export interface Complexity {
  family?: LanguageFamily;
  lines: number;
  /** Lines holding code (not blank, not only comments). */
  code: number;
  /** Decision points in the file. */
  decisions: number;
  functions: number;
  /** The function with the highest weighted figure. */
  worst?: FunctionComplexity;
  /** Sum of the weighted decision points of the file: what hotspots multiply churn by. */
  score: number;
}

/** Keywords and operators that are a decision point, per family (from lizard's readers and escomplex). */
const DECISIONS: Record<LanguageFamily, ReadonlySet<string>> = {
  'c-like': new Set(['if', 'for', 'foreach', 'while', 'case', 'catch', '&&', '||', '??', '?']),
  go: new Set(['if', 'for', 'case', '&&', '||']),
  // A match arm (`=>`) is a branch; `?` (early return of an error) is not counted.
  rust: new Set(['if', 'for', 'while', '=>', '&&', '||']),
  jvm: new Set(['if', 'for', 'while', 'case', 'catch', 'when', '&&', '||', '?:', '?']),
  python: new Set(['if', 'elif', 'for', 'while', 'except', 'case', 'and', 'or']),
  ruby: new Set(['if', 'elsif', 'unless', 'while', 'until', 'for', 'when', 'rescue', 'and', 'or', '&&', '||', '?']),
  shell: new Set(['if', 'elif', 'while', 'until', 'for', ';;', ';&', ';;&', '&&', '||']),
};
const BOOLEAN = new Set(['&&', '||', '??', 'and', 'or', '?:']);
/** Keywords before `(` that open a control block, not a function. */
const CONTROL = new Set([
  'if',
  'for',
  'foreach',
  'while',
  'switch',
  'catch',
  'using',
  'lock',
  'synchronized',
  'with',
  'return',
  'elif',
  'until',
  'when',
  'match',
]);
const FUNCTION_KEYWORD: Partial<Record<LanguageFamily, ReadonlySet<string>>> = {
  go: new Set(['func']),
  rust: new Set(['fn']),
  jvm: new Set(['fun', 'def']),
  python: new Set(['def']),
  ruby: new Set(['def']),
  shell: new Set(['function']),
  'c-like': new Set(['function']),
};
/** Tokens a return type or signature tail may hold between `)` and `{` (`): Promise<T> {`, `) const throws X {`). */
const SIGNATURE_TAIL = /^(?:[A-Za-z_$][\w$]*|[:<>,.?*&|[\]]|->|::)$/;

function isDecision(fam: LanguageFamily, tokens: readonly Token[], k: number): boolean {
  const t = tokens[k] as Token;
  if (!DECISIONS[fam].has(t.text)) return false;
  const next = tokens[k + 1]?.text ?? '';
  const prev = tokens[k - 1]?.text ?? '';
  if (t.text === '?') {
    // Ternary only: not `x?: T`, `List<?>`, `f(a?)`, `T?`, `x?.y` (lexed apart already).
    return !/^[:)>,=\]]$/.test(next) && !/^[(<,]$/.test(prev);
  }
  // A member or key named like a keyword (`obj.if`, `{ case: 1 }`) is not one.
  if (prev === '.' || next === '=' || (next === ':' && fam === 'c-like')) return false;
  if (fam === 'python' && t.text === 'case') return t.lineStart;
  return true;
}

interface Open {
  name: string;
  line: number;
  /** Depth of the body's tokens (brace families) or the level of the `def` line (indentation). */
  depth: number;
  decisions: number;
  weighted: number;
  nesting: number;
}

/** The function a `{` at index k opens, if any: its name, from the tokens before it. */
function functionAt(tokens: readonly Token[], k: number): string | undefined {
  let j = k - 1;
  const prev = tokens[j]?.text;
  if (prev === '=>') return nameBefore(tokens, j) ?? '(arrow function)';
  // Skip a return type or `const`/`throws` tail back to the `)` of the parameter list.
  for (let steps = 0; j >= 0 && tokens[j]?.text !== ')' && steps < 12; steps++, j--) if (!SIGNATURE_TAIL.test(tokens[j]?.text ?? '')) return undefined;
  if (tokens[j]?.text !== ')') return undefined;
  let open = 0;
  for (; j >= 0; j--) {
    const t = tokens[j]?.text;
    if (t === ')') open++;
    else if (t === '(' && --open === 0) break;
  }
  const before = tokens[j - 1]?.text ?? '';
  if (before === 'function') return '(anonymous)';
  if (!/^[A-Za-z_$][\w$]*$/.test(before) || CONTROL.has(before)) return undefined;
  return before;
}

function nameBefore(tokens: readonly Token[], arrow: number): string | undefined {
  // `name = (a) =>` or `name: (a) =>`: walk back over the parameters to the `=`.
  let j = arrow - 1;
  if (tokens[j]?.text === ')') {
    let open = 0;
    for (; j >= 0; j--) {
      const t = tokens[j]?.text;
      if (t === ')') open++;
      else if (t === '(' && --open === 0) break;
    }
  }
  j--;
  if (tokens[j]?.text === 'async') j--;
  return tokens[j]?.text === '=' || tokens[j]?.text === ':' ? tokens[j - 1]?.text : undefined;
}

/** Complexity of a file's text; `path` picks the tokenizer. Files of no known family count no decisions. */
export function estimateComplexity(text: string, path: string): Complexity {
  const lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const fam = languageFamily(path);
  if (!fam) return { lines, code: 0, decisions: 0, functions: 0, score: 0 };
  const tokens = tokenize(text, fam);
  const indentFamily = fam === 'python' || fam === 'ruby';
  const done: FunctionComplexity[] = [];
  const stack: Open[] = [];
  const codeLines = new Set<number>();
  let decisions = 0;
  let score = 0;
  let pendingName: string | undefined;
  let pendingLine = 0;
  const close = (o: Open): void => {
    done.push({ name: o.name, line: o.line, cyclomatic: 1 + o.decisions, weighted: o.weighted, nesting: o.nesting });
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    codeLines.add(t.line);
    if (indentFamily) {
      // A line at or left of a def's level ends it (Ruby's `end` sits at that level too).
      if (t.lineStart) while (stack.length && t.depth <= (stack[stack.length - 1] as Open).depth) close(stack.pop() as Open);
      if (t.text === 'def' && t.lineStart) {
        const name = tokens[k + 1]?.text === 'self' ? tokens[k + 3]?.text : tokens[k + 1]?.text;
        stack.push({ name: name ?? '(def)', line: t.line, depth: t.depth, decisions: 0, weighted: 0, nesting: 0 });
        continue;
      }
    } else {
      if (FUNCTION_KEYWORD[fam]?.has(t.text) && tokens[k - 1]?.text !== '.') {
        // `func (r *T) Name(`: skip a receiver; a name is an identifier right before its parameters.
        let j = k + 1;
        if (fam === 'go' && tokens[j]?.text === '(') {
          let open = 0;
          for (; j < tokens.length; j++) {
            if (tokens[j]?.text === '(') open++;
            else if (tokens[j]?.text === ')' && --open === 0) break;
          }
          j++;
        }
        const name = tokens[j]?.text ?? '';
        pendingName = /^[A-Za-z_$][\w$]*$/.test(name) && /^[(<[{]$/.test(tokens[j + 1]?.text ?? '') ? name : '(anonymous)';
        pendingLine = t.line;
      }
      if (t.text === ';' && pendingName && fam === 'rust') pendingName = undefined; // a trait method without a body
      if (t.text === '{') {
        const name = pendingName ?? functionAt(tokens, k);
        if (name) stack.push({ name, line: pendingName ? pendingLine : t.line, depth: t.depth + 1, decisions: 0, weighted: 0, nesting: 0 });
        pendingName = undefined;
        continue;
      }
      if (t.text === '}') {
        while (stack.length && t.depth < (stack[stack.length - 1] as Open).depth) close(stack.pop() as Open);
        continue;
      }
    }
    if (!isDecision(fam, tokens, k)) continue;
    const top = stack[stack.length - 1];
    const base = top ? top.depth + (indentFamily ? 1 : 0) : 0;
    const nesting = Math.max(0, t.depth - base);
    const weight = BOOLEAN.has(t.text) ? 1 : 1 + nesting;
    decisions++;
    score += weight;
    if (top) {
      top.decisions++;
      top.weighted += weight;
      top.nesting = Math.max(top.nesting, nesting);
    }
  }
  while (stack.length) close(stack.pop() as Open);
  const worst = done.reduce<FunctionComplexity | undefined>((w, f) => (!w || f.weighted > w.weighted ? f : w), undefined);
  return { family: fam, lines, code: codeLines.size, decisions, functions: done.length, ...(worst && worst.weighted > 0 ? { worst } : {}), score };
}

/** The figure explained in words, for an item's rationale. */
export function describeComplexity(c: Complexity): string {
  if (!c.family) return `no tokenizer for this language: ${c.lines} lines, no decision points counted`;
  const worst = c.worst
    ? `; most complex function ${c.worst.name} (line ${c.worst.line}): cyclomatic ${c.worst.cyclomatic}, nested ${c.worst.nesting} deep`
    : '';
  return `complexity ${c.score} = ${c.decisions} decision points (branches, loops, boolean operators, catches) weighted by nesting, ${c.family} tokenizer, ${c.functions} function${c.functions === 1 ? '' : 's'}${worst}`;
}
