import { describe, expect, it } from '@jest/globals';
import { codeOnly } from '../support/source-files.js';

describe('codeOnly', () => {
  it('blanks comments but keeps strings by default', () => {
    expect(codeOnly("a(); // GET /x\nb('GET /y'); /* fetch() */")).toBe(`a(); ${' '.repeat(9)}\nb('GET /y'); ${' '.repeat(13)}`);
  });

  it('blanks string, template and regex contents with strings: true', () => {
    const out = codeOnly("const s = 'process.env'; const t = `fetch(`; const r = /['\"]process.env/g; x = a / b; process.cwd();", { strings: true });
    expect(out).not.toContain('process.env');
    expect(out).not.toContain('fetch(');
    expect(out).toContain('a / b');
    expect(out).toContain('process.cwd()');
  });
});
