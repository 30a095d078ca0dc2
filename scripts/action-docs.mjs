// Generates the usage block of each action's docs page from its action.yml (the checkout README style),
// so the documented inputs can never drift from the real ones.
import yaml from 'js-yaml';

export const START = '<!-- start usage -->';
export const END = '<!-- end usage -->';

/** The `uses:` block with every input, its description as comments, and its default. */
export function usageBlock(actionYml, name, ref = 'v1') {
  const meta = yaml.load(actionYml);
  const lines = ['```yaml', `- uses: closed-loop/closed-loop/actions/${name}@${ref}`];
  const inputs = Object.entries(meta.inputs ?? {});
  if (inputs.length) lines.push('  with:');
  inputs.forEach(([input, spec], i) => {
    if (i) lines.push('');
    for (const line of wrap(String(spec.description ?? '').trim(), 100)) lines.push(`    # ${line}`);
    const fallback = spec.default === undefined ? '' : String(spec.default);
    if (fallback !== '') lines.push(`    # Default: ${fallback}`);
    if (spec.required) lines.push('    # Required.');
    lines.push(`    ${input}: ''`);
  });
  lines.push('```');
  const outputs = Object.entries(meta.outputs ?? {});
  if (outputs.length) {
    lines.push('', '| output | description |', '| --- | --- |');
    for (const [output, spec] of outputs)
      lines.push(
        `| \`${output}\` | ${String(spec.description ?? '')
          .trim()
          .replace(/\|/g, '\\|')
          .replace(/\n/g, ' ')} |`,
      );
  }
  return lines.join('\n');
}

/** Replaces the block between the usage markers, or appends a Usage section when the page has none. */
export function withUsage(page, block) {
  const section = `${START}\n${block}\n${END}`;
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start >= 0 && end > start) return page.slice(0, start) + section + page.slice(end + END.length);
  return `${page.trimEnd()}\n\n## Usage\n\n${section}\n`;
}

function wrap(text, width) {
  const out = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
