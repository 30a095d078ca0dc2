import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { parseTrailers, trailerValues } from '../../src/git-format/trailers.js';
import { cleanupTempDirs, TempRepo } from './temp-repo.js';

afterAll(cleanupTempDirs);

const H = 'a'.repeat(63) + 'b';

/** Messages where git's rules decide; git itself is the oracle. */
const MESSAGES: [string, string][] = [
  ['plain trailer block', `Subject\n\nBody.\n\nReview-Hash: ${H}\nReview-Id: 0123456789abcdef0123\n`],
  ['--- in the body', `Subject\n\nBody\n---\nmore body after a divider\n\nReview-Hash: ${H}\n`],
  ['trailer-lookalike in prose (last paragraph is prose)', `Subject\n\nReview-Hash: ${H}\n\nWe will add the Review-Hash: later, see docs.\n`],
  ['lookalike line mixed into prose paragraph', `Subject\n\nSome prose line\nReview-Hash: ${H}\n`],
  ['only a title', `Review-Hash: ${H}\n`],
  ['title then trailer', `Fix bug\n\nreview-hash: ${H}\n`],
  ['25% rule with Signed-off-by', `Subject\n\nnot a trailer one\nnot a trailer two\nnot a trailer three\nSigned-off-by: A <a@b>\nReview-Hash: ${H}\n`],
  ['below 25% with Signed-off-by', `Subject\n\nl1\nl2\nl3\nl4\nl5\nl6\nl7\nSigned-off-by: A <a@b>\n`],
  ['continuation lines', `Subject\n\nReview-Hash: aaaa\n  bbbb\nReview-Id: x\n`],
  ['trailing comments and blank lines', `Subject\n\nReview-Hash: ${H}\n\n# a comment\n\n`],
  ['space before the colon', `Subject\n\nReview-Hash : ${H}\n`],
  ['key with space is not a trailer', `Subject\n\nReview Hash: ${H}\n`],
  ['duplicate keys', `Subject\n\nReview-Hash: ${H}\nREVIEW-HASH: ${'c'.repeat(64)}\n`],
  ['indented first line', `Subject\n\n Review-Hash: ${H}\n`],
  ['no trailing newline', `Subject\n\nReview-Hash: ${H}`],
  ['CRLF message', `Subject\r\n\r\nReview-Hash: ${H}\r\n`],
  ['comment inside block', `Subject\n\nReview-Hash: ${H}\n# note\nReview-Id: y\n`],
  ['cherry-pick line', `Subject\n\nbody\n\n(cherry picked from commit ${'d'.repeat(40)})\nReview-Hash: ${H}\n`],
  ['empty value', `Subject\n\nReview-Hash:\n`],
];

/** Commits the message verbatim; returns the stored message and the trailers git reports for it. */
function viaGit(repo: TempRepo, message: string): { stored: string; trailers: { key: string; value: string }[] } {
  repo.git('commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', message);
  const raw = execFileSync('git', ['-C', repo.dir, 'cat-file', 'commit', 'HEAD'], { encoding: 'utf8' });
  const stored = raw.slice(raw.indexOf('\n\n') + 2);
  const out = repo.git('log', '-1', '--format=%(trailers:only,unfold,separator=%x00)');
  const trailers = out
    .split('\0')
    .filter(Boolean)
    .map((t) => {
      const i = t.indexOf(':');
      return { key: t.slice(0, i).trim(), value: t.slice(i + 1).trim() };
    });
  return { stored, trailers };
}

describe('parseTrailers agrees with git', () => {
  const repo = TempRepo.init();
  it.each(MESSAGES)('%s', (_name, message) => {
    const { stored, trailers } = viaGit(repo, message);
    expect(parseTrailers(stored)).toEqual(trailers);
  });

  it('finds trailers after a --- line, ignores lookalikes in prose, matches keys case-insensitively', () => {
    expect(trailerValues(parseTrailers(MESSAGES[1]![1]), 'review-hash')).toEqual([H]);
    expect(trailerValues(parseTrailers(MESSAGES[2]![1]), 'Review-Hash')).toEqual([]);
    expect(trailerValues(parseTrailers(MESSAGES[3]![1]), 'Review-Hash')).toEqual([]);
    expect(trailerValues(parseTrailers(MESSAGES[5]![1]), 'REVIEW-HASH')).toEqual([H]);
    expect(trailerValues(parseTrailers(MESSAGES[8]![1]), 'Review-Hash')).toEqual(['aaaa bbbb']);
  });
});
