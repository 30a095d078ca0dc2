import { createHash } from 'node:crypto';

/** Review-Hash v1 (docs/review-hash-v1.md): a SHA-256 over the raw diff records between merge-base and tree. */
export type ObjectFormat = 'sha1' | 'sha256';
export type ReviewScope = 'changes' | 'snapshot';

export interface DiffRecord {
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  status: string;
  /** Path bytes exactly as git stores them (not necessarily UTF-8). */
  path: Buffer;
}

export const PAYLOAD_HEADER = 'review-hash/v1\n';
export const SNAPSHOT_HEADER = 'review-hash/v1-snapshot\n';

/** The object format follows from the length of any full object id: 40 hex for SHA-1, 64 for SHA-256. */
export function objectFormatOf(oid: string): ObjectFormat {
  if (/^[0-9a-f]{40}$/.test(oid)) return 'sha1';
  if (/^[0-9a-f]{64}$/.test(oid)) return 'sha256';
  throw new Error(`not a full object id: ${JSON.stringify(oid)}`);
}

const COLON = 0x3a;
const TAB = 0x09;

/**
 * Parses `git diff-tree -r -z --raw --no-renames` output: `:<om> <nm> <oo> <no> <st>\0<path>\0` per record.
 * Works on bytes so paths that are not valid UTF-8 hash exactly as git stored them.
 */
export function parseRawDiff(out: Buffer): DiffRecord[] {
  const records: DiffRecord[] = [];
  let pos = 0;
  while (pos < out.length) {
    const headerEnd = out.indexOf(0, pos);
    const pathEnd = headerEnd < 0 ? -1 : out.indexOf(0, headerEnd + 1);
    if (out[pos] !== COLON || pathEnd < 0) throw new Error(`unexpected diff-tree output at byte ${pos}`);
    const fields = out.toString('latin1', pos + 1, headerEnd).split(' ');
    if (fields.length !== 5) throw new Error(`unexpected diff-tree record at byte ${pos}: ${fields.join(' ')}`);
    const [oldMode, newMode, oldOid, newOid, status] = fields as [string, string, string, string, string];
    records.push({ oldMode, newMode, oldOid, newOid, status, path: out.subarray(headerEnd + 1, pathEnd) });
    pos = pathEnd + 1;
  }
  return records;
}

/** The exact bytes that are hashed: header, object format, then records sorted by path bytes. */
export function reviewHashPayload(format: ObjectFormat, records: readonly DiffRecord[]): Buffer {
  const sorted = [...records].sort((a, b) => Buffer.compare(a.path, b.path));
  const parts: Buffer[] = [Buffer.from(`${PAYLOAD_HEADER}object-format ${format}\n`)];
  for (const r of sorted) {
    parts.push(Buffer.from(`${r.oldMode} ${r.newMode} ${r.oldOid} ${r.newOid} ${r.status}\t`, 'latin1'), r.path, Buffer.of(0));
  }
  return Buffer.concat(parts);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Review-Hash of the changes (scope `changes`). */
export function reviewHash(format: ObjectFormat, records: readonly DiffRecord[]): string {
  return sha256Hex(reviewHashPayload(format, records));
}

/**
 * Review-Hash straight from raw `-z` output, for large changes: each payload record is the raw record
 * with its leading `:` dropped and the NUL after the status turned into a tab, so when git's output is
 * already in path-byte order (tree order almost always is) the payload is built with block copies.
 * Falls back to parsing and sorting otherwise; both give the same bytes.
 */
export function reviewHashOfRaw(format: ObjectFormat, out: Buffer, exclude: readonly Buffer[] = []): string {
  const payload = Buffer.allocUnsafe(out.length);
  let size = 0;
  let previous: Buffer | undefined;
  for (let pos = 0; pos < out.length;) {
    const headerEnd = out.indexOf(0, pos);
    const pathEnd = headerEnd < 0 ? -1 : out.indexOf(0, headerEnd + 1);
    if (out[pos] !== COLON || pathEnd < 0) throw new Error(`unexpected diff-tree output at byte ${pos}`);
    const path = out.subarray(headerEnd + 1, pathEnd);
    if (previous && Buffer.compare(previous, path) >= 0)
      return reviewHash(
        format,
        parseRawDiff(out).filter((r) => !exclude.some((p) => p.equals(r.path))),
      );
    previous = path;
    if (!exclude.some((p) => p.equals(path))) {
      size += out.copy(payload, size, pos + 1, headerEnd);
      payload[size++] = TAB;
      size += out.copy(payload, size, headerEnd + 1, pathEnd + 1);
    }
    pos = pathEnd + 1;
  }
  return createHash('sha256').update(`${PAYLOAD_HEADER}object-format ${format}\n`).update(payload.subarray(0, size)).digest('hex');
}

/** Review-Hash of the whole tree (scope `snapshot`): any change anywhere, including the base, changes it. */
export function snapshotHash(treeId: string): string {
  return sha256Hex(SNAPSHOT_HEADER + treeId);
}

/** Paths as text for messages; git's bytes are shown as UTF-8 with replacement characters where invalid. */
export function pathText(record: Pick<DiffRecord, 'path'>): string {
  return record.path.toString('utf8');
}
