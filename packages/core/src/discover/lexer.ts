/**
 * A small lexer per language family, enough to count decision points the way lizard and escomplex
 * do: comments and string literals are skipped (a `// if` or `"a || b"` is not a branch), and every
 * token carries its line and its nesting depth (braces, or indentation for Python and Ruby).
 */

export type LanguageFamily = 'c-like' | 'go' | 'rust' | 'jvm' | 'python' | 'ruby' | 'shell';

export interface Token {
  text: string;
  line: number;
  /** Brace depth before this token (brace families) or indentation level of its line (Python, Ruby). */
  depth: number;
  /** First token of its line. */
  lineStart: boolean;
}

interface Lexicon {
  line: string[];
  block: [open: string, close: string][];
  quotes: string;
  /** `"""`/`'''` strings (Python). */
  triple?: boolean;
  /** Depth from indentation rather than braces. */
  indent?: boolean;
  /** `#` starts a comment only at the start of a word (shell: `$#`, `${#x}` are not comments). */
  hashAtWord?: boolean;
  /** Identifiers may end in `?` or `!` (Ruby). */
  predicate?: boolean;
  /** `'a'` is a char but `'a` a lifetime (Rust). */
  lifetimes?: boolean;
  /** Raw strings `r"…"`, `r#"…"#` (Rust). */
  raw?: boolean;
}

const C_BLOCK: [string, string][] = [['/*', '*/']];
const LEXICONS: Record<LanguageFamily, Lexicon> = {
  'c-like': { line: ['//'], block: C_BLOCK, quotes: '"\'`' },
  go: { line: ['//'], block: C_BLOCK, quotes: '"\'`' },
  rust: { line: ['//'], block: C_BLOCK, quotes: '"\'', lifetimes: true, raw: true },
  jvm: { line: ['//'], block: C_BLOCK, quotes: '"\'', triple: true },
  python: { line: ['#'], block: [], quotes: '"\'', triple: true, indent: true },
  ruby: { line: ['#'], block: [['=begin', '=end']], quotes: '"\'`', indent: true, predicate: true },
  shell: { line: ['#'], block: [], quotes: '"\'`', hashAtWord: true },
};

const EXTENSIONS: Record<string, LanguageFamily> = {};
const family = (f: LanguageFamily, exts: string): void => {
  for (const e of exts.split(' ')) EXTENSIONS[e] = f;
};
family('c-like', 'js jsx mjs cjs ts tsx mts cts java cs c h cc cpp cxx hpp hh m mm swift dart php vue svelte');
family('go', 'go');
family('rust', 'rs');
family('jvm', 'kt kts scala sc groovy gradle');
family('python', 'py pyw pyi');
family('ruby', 'rb rake gemspec');
family('shell', 'sh bash zsh ksh');

/** The family whose tokenizer reads a path, or undefined when none fits. */
export function languageFamily(path: string): LanguageFamily | undefined {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? EXTENSIONS[path.slice(dot + 1).toLowerCase()] : undefined;
}

const SHELL_OPEN = new Set(['if', 'for', 'while', 'until', 'select', 'case']);
const SHELL_CLOSE = new Set(['fi', 'done', 'esac']);
const OPERATORS = ['&&', '||', '??', '?.', '?:', '=>', '->', '::', ';;&', ';;', ';&', '==', '!=', '<=', '>=', '+=', '-='];
const isIdentStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
const isIdent = (c: number): boolean => isIdentStart(c) || (c >= 48 && c <= 57);

/** Tokens of `text` outside comments and strings. */
export function tokenize(text: string, fam: LanguageFamily): Token[] {
  const lx = LEXICONS[fam];
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let depth = 0;
  let lineStart = true;
  // Indentation families: a stack of indent widths; the level is its height.
  const indents: number[] = [0];
  let level = 0;
  let bracketDepth = 0;
  const atLineStart = (): boolean => {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    return j < 0 || text[j] === '\n';
  };
  const push = (t: string): void => {
    if (lineStart && lx.indent && bracketDepth === 0) {
      // Width of this line's indentation, tabs as 8 (Python's rule).
      let s = i;
      while (s > 0 && text[s - 1] !== '\n') s--;
      let w = 0;
      for (let k = s; k < n && (text[k] === ' ' || text[k] === '\t'); k++) w = text[k] === '\t' ? (Math.floor(w / 8) + 1) * 8 : w + 1;
      while (indents.length > 1 && w < (indents[indents.length - 1] as number)) indents.pop();
      if (w > (indents[indents.length - 1] as number)) indents.push(w);
      level = indents.length - 1;
    }
    tokens.push({ text: t, line, depth: lx.indent ? level : depth, lineStart });
    lineStart = false;
  };
  const skipString = (quote: string, triple: boolean, escapes: boolean): void => {
    const close = triple ? quote.repeat(3) : quote;
    i += close.length;
    while (i < n) {
      const c = text[i] as string;
      if (c === '\n') line++;
      if (escapes && c === '\\') {
        if (text[i + 1] === '\n') line++;
        i += 2;
        continue;
      }
      if (text.startsWith(close, i)) {
        i += close.length;
        return;
      }
      // An unterminated one-line string ends at the line end (keeps one bad quote from eating the file).
      if (c === '\n' && !triple && quote !== '`' && fam !== 'shell' && fam !== 'ruby') {
        i++;
        return;
      }
      i++;
    }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      lineStart = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    // Comments.
    const lineComment = lx.line.find((m) => text.startsWith(m, i));
    if (lineComment && (!lx.hashAtWord || i === 0 || /\s|;/.test(text[i - 1] as string))) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const block = lx.block.find(([open]) => text.startsWith(open, i) && (open !== '=begin' || atLineStart()));
    if (block) {
      const end = text.indexOf(block[1], i + block[0].length);
      const stop = end < 0 ? n : end + block[1].length;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      continue;
    }
    // Strings.
    if (lx.raw && ch === 'r' && /^r#*"/.test(text.slice(i, i + 8))) {
      const hashes = /^r(#*)"/.exec(text.slice(i, i + 8))?.[1] ?? '';
      const close = `"${hashes}`;
      const end = text.indexOf(close, i + 2 + hashes.length);
      const stop = end < 0 ? n : end + close.length;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      push('"');
      continue;
    }
    if (lx.quotes.includes(ch)) {
      if (lx.lifetimes && ch === "'" && !/^'(?:\\.[^']*|[^'\\])'/.test(text.slice(i, i + 12))) {
        i++; // a lifetime such as 'a: not a string
        continue;
      }
      const triple = !!lx.triple && text.startsWith(ch.repeat(3), i);
      const escapes = !(fam === 'shell' && ch === "'") && !(fam === 'go' && ch === '`');
      skipString(ch, triple, escapes);
      push('"');
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdent(text.charCodeAt(j))) j++;
      if (lx.predicate && (text[j] === '?' || text[j] === '!') && text[j + 1] !== '=') j++;
      const word = text.slice(i, j);
      // Shell blocks are keywords, not braces: `if … fi`, `for … done`, `case … esac`.
      if (fam === 'shell' && SHELL_CLOSE.has(word) && depth > 0) depth--;
      push(word);
      if (fam === 'shell' && SHELL_OPEN.has(word)) depth++;
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(text[j] as string)) j++;
      push('0');
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    const t = op ?? ch;
    if (t === '}' && depth > 0) depth--;
    if (t === '(' || t === '[') bracketDepth++;
    if ((t === ')' || t === ']') && bracketDepth > 0) bracketDepth--;
    push(t);
    if (t === '{') depth++;
    i += t.length;
  }
  return tokens;
}
