import { describe, expect, it } from '@jest/globals';
import { objectFormatOf, parseRawDiff, reviewHash, reviewHashOfRaw, reviewHashPayload, snapshotHash } from '../../src/review-hash/payload.js';

/** The test vectors published in docs/review-hash-v1.md: keep both in step. */
const Z40 = '0'.repeat(40);
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const RAW = Buffer.from(`:100644 100644 ${A} ${B} M\0src/b.txt\0:000000 100755 ${Z40} ${A} A\0src/a b.sh\0:120000 000000 ${B} ${Z40} D\0link\0`);

describe('Review-Hash v1 test vectors', () => {
  it('parses raw -z records as bytes', () => {
    const records = parseRawDiff(RAW);
    expect(records.map((r) => [r.status, r.path.toString()])).toEqual([
      ['M', 'src/b.txt'],
      ['A', 'src/a b.sh'],
      ['D', 'link'],
    ]);
  });
  it('vector 1: three records, sorted by path bytes', () => {
    const payload = reviewHashPayload('sha1', parseRawDiff(RAW)).toString('latin1');
    expect(payload).toBe(
      `review-hash/v1\nobject-format sha1\n120000 000000 ${B} ${Z40} D\tlink\x00000000 100755 ${Z40} ${A} A\tsrc/a b.sh\x00100644 100644 ${A} ${B} M\tsrc/b.txt\0`,
    );
    expect(reviewHash('sha1', parseRawDiff(RAW))).toBe('287591e0494047505d7796ca8f3e972b94855da1672a97f1ff1acfee7f170c9e');
  });
  it('vector 2: no changes', () => {
    expect(reviewHash('sha1', [])).toBe('5728cebcd4132fc7551c489e9a1e009fbc2eee04193af2014c316f31e4cd37b2');
    expect(reviewHash('sha256', [])).toBe('d86a5ea51049b7b99e9c20d6031b5e7ce181394c619e3ea9c46a951863f31429');
  });
  it('vector 4: snapshot of the empty tree', () => {
    expect(snapshotHash('4b825dc642cb6eb9a060e54bf8d69288fbee4904')).toBe('3feac19a9b2466ba6b3dbb9e5ff33b45bc17c204dd3fb1db3db1314396f4ab09');
  });
  it('non-UTF-8 path bytes are hashed as stored', () => {
    const raw = Buffer.concat([Buffer.from(`:000000 100644 ${Z40} ${A} A\0`), Buffer.from([0x66, 0xff, 0x2e]), Buffer.of(0)]);
    const [rec] = parseRawDiff(raw);
    expect([...rec!.path]).toEqual([0x66, 0xff, 0x2e]);
    expect(reviewHashPayload('sha1', [rec!]).subarray(-4)).toEqual(Buffer.from([0x66, 0xff, 0x2e, 0]));
  });
  it('object format from id length; garbage is rejected', () => {
    expect(objectFormatOf(A)).toBe('sha1');
    expect(objectFormatOf('c'.repeat(64))).toBe('sha256');
    expect(() => objectFormatOf('abc')).toThrow();
    expect(() => parseRawDiff(Buffer.from('nonsense'))).toThrow();
  });
  it('the block-copy path gives the same hash as parse-and-sort, sorted or not, with exclusions', () => {
    const sorted = Buffer.from(`:000000 100644 ${Z40} ${A} A\0a\0:100644 100644 ${A} ${B} M\0b\0`);
    expect(reviewHashOfRaw('sha1', sorted)).toBe(reviewHash('sha1', parseRawDiff(sorted)));
    expect(reviewHashOfRaw('sha1', RAW)).toBe('287591e0494047505d7796ca8f3e972b94855da1672a97f1ff1acfee7f170c9e');
    const without = parseRawDiff(RAW).filter((r) => r.path.toString() !== 'link');
    expect(reviewHashOfRaw('sha1', RAW, [Buffer.from('link')])).toBe(reviewHash('sha1', without));
    expect(reviewHashOfRaw('sha1', sorted, [Buffer.from('a')])).toBe(reviewHash('sha1', parseRawDiff(sorted).slice(1)));
    expect(reviewHashOfRaw('sha1', Buffer.alloc(0))).toBe(reviewHash('sha1', []));
    expect(() => reviewHashOfRaw('sha1', Buffer.from('junk'))).toThrow();
  });
});
