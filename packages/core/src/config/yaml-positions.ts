import yaml from 'js-yaml';

/** Where a value (and its key) sits in the YAML source, 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

interface Node {
  start: number;
  kind?: string;
  result?: unknown;
  children: Node[];
}

type Path = readonly (string | number)[];

/**
 * Parses YAML and keeps a map from key path to source position, using js-yaml's node open/close
 * listener (which nests like the document). That is what lets a schema error say "line 12, column 5".
 */
export function parseWithPositions(text: string, filename: string): { value: unknown; locate: (path: Path, at?: 'key' | 'value') => SourcePosition } {
  const root: Node = { start: 0, children: [] };
  const stack: Node[] = [root];
  const value = yaml.load(text, {
    filename,
    json: false,
    listener(event, state) {
      if (event === 'open') {
        const node: Node = { start: state.position, children: [] };
        stack[stack.length - 1]?.children.push(node);
        stack.push(node);
      } else {
        const node = stack.pop();
        if (node) {
          node.kind = state.kind;
          node.result = state.result;
        }
      }
    },
  });
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const toPosition = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
  const skipBlank = (offset: number) => {
    let i = offset;
    while (i < text.length && /[\s:]/.test(text[i] ?? '')) i++;
    return i;
  };
  const document = root.children[0];
  return {
    value,
    /** Position of the key at `path` (what to fix for an unknown key) or of its value (for a bad value). */
    locate(path, at = 'value') {
      let node = document;
      let offset = node ? skipBlank(node.start) : 0;
      for (const segment of path) {
        if (!node) break;
        const next = child(node, segment);
        if (!next) break;
        node = next.value;
        offset = skipBlank(at === 'key' ? (next.key?.start ?? next.value.start) : next.value.start);
      }
      return toPosition(offset);
    },
  };
}

function child(node: Node, segment: string | number): { key?: Node; value: Node } | undefined {
  if (node.kind === 'sequence' && typeof segment === 'number') {
    const item = node.children[segment];
    return item && { value: item };
  }
  if (node.kind === 'mapping') {
    for (let i = 0; i + 1 < node.children.length; i += 2) {
      const key = node.children[i];
      const value = node.children[i + 1];
      if (key && value && String(key.result) === String(segment)) return { key, value };
    }
  }
  return undefined;
}
