import { describe, expect, it } from '@jest/globals';
import {
  LIMITS,
  truncate,
  truncateBody,
  truncateCheckOutput,
  capJobSummary,
  neutraliseMentions,
  escapeInline,
  codeBlock,
  inlineCode,
  escapeHtml,
  table,
  raw,
  details,
  marker,
  hasMarker,
  readMarkers,
} from '../../src/render/index.js';

describe('truncate', () => {
  it('returns text within the limit untouched', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts to the limit with a visible note', () => {
    const out = truncateBody('x'.repeat(70_000));
    expect(out.length).toBeLessThanOrEqual(LIMITS.body);
    expect(out).toMatch(/Truncated by closed-loop: \d+ characters omitted/);
    expect(truncateCheckOutput('y'.repeat(70_000)).length).toBeLessThanOrEqual(LIMITS.checkOutput);
  });

  it('closes a code fence the cut left open and never splits a surrogate pair', () => {
    const out = truncate('```\n' + '😀'.repeat(500), 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).toMatch(/\n```\n\n> \[!NOTE\]/);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('measures the job summary in bytes', () => {
    const out = capJobSummary('é'.repeat(LIMITS.jobSummaryBytes));
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(LIMITS.jobSummaryBytes);
    expect(out).toContain('Truncated by closed-loop');
  });
});

describe('escaping untrusted text', () => {
  it('stops @user and @org/team from pinging', () => {
    expect(neutraliseMentions('cc @octocat and @org/team, mail a@b.c')).toBe('cc @\u200Boctocat and @\u200Borg/team, mail a@\u200Bb.c');
  });

  it('escapes HTML, markdown layout and our markers inline', () => {
    const out = escapeInline('<img src=x> | *bold* <!-- closed-loop:issue v1:x -->\n# h');
    expect(out).not.toContain('<');
    expect(out).not.toContain('<!--');
    expect(out).toContain('\\|');
    expect(out).not.toContain('\n');
    expect(escapeHtml('a&b')).toBe('a&amp;b');
  });

  it('fences code so the text cannot close the fence or forge a marker', () => {
    const block = codeBlock('a ``` b\n<!-- closed-loop:issue x -->');
    expect(block.startsWith('````\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
    expect(block).not.toContain('<!-- closed-loop');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
  });
});

describe('markdown helpers', () => {
  it('builds tables with escaped cells unless raw', () => {
    expect(
      table(
        ['a', 'b'],
        [
          ['x|y', raw('[l](u)')],
          [1, '@me'],
        ],
      ),
    ).toBe('| a | b |\n| --- | --- |\n| x\\|y | [l](u) |\n| 1 | @\u200Bme |');
    expect(details('s<', 'body')).toBe('<details><summary>s&lt;</summary>\n\nbody\n\n</details>');
  });
});

describe('markers', () => {
  it('round-trips and rejects keys that could break the comment', () => {
    const m = marker('issue', 'v1:abc');
    expect(m).toBe('<!-- closed-loop:issue v1:abc -->');
    expect(hasMarker(`body\n${m}`, 'issue', 'v1:abc')).toBe(true);
    expect(hasMarker(null, 'issue', 'x')).toBe(false);
    expect(readMarkers(`${marker('count', '3')} ${marker('count', '4')}`, 'count')).toEqual(['3', '4']);
    expect(() => marker('Bad', 'x')).toThrow();
    expect(() => marker('ok', 'a -->')).toThrow();
  });
});
