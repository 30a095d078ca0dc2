import { inflateRawSync } from 'node:zlib';
import { ConfigurationError } from '../errors.js';

/**
 * The files of a zip archive (APPNOTE.TXT: end-of-central-directory, central directory, local headers;
 * stored or deflated entries) — what GitHub serves for an artifact download. No zip64, no encryption:
 * an artifact of benchmark results is small. Sizes come from the central directory.
 */
export function unzip(data: Uint8Array, name: string): Map<string, Buffer> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ConfigurationError(`${name}: not a zip archive (no end-of-central-directory record).`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new ConfigurationError(`${name}: broken zip central directory.`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20); // compressed size
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const file = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extra + comment;
    if (file.endsWith('/')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(start, start + size);
    if (method === 0) files.set(file, Buffer.from(body));
    else if (method === 8) files.set(file, inflateRawSync(body));
    else throw new ConfigurationError(`${name}: zip entry ${file} uses compression method ${method}; only stored and deflate are read.`);
  }
  return files;
}
