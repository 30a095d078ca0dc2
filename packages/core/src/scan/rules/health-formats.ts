import type { FileMatch, ScanFile } from '../types.js';
import { isPlaceholder } from '../placeholders.js';
import { NOT_A_NAME, type Field, type Kind } from './phi-values.js';

/**
 * The two health-data formats whose structure says which value is which, so fields are read by their
 * place in the format rather than guessed from key names: FHIR resources (R4 JSON) and HL7 v2 messages.
 */

// ---- FHIR (R4 JSON): Patient, Person and RelatedPerson resources, alone, in Bundles or contained ----

/** Resources about a person, each with `name` (HumanName[]), `birthDate`, `identifier`, `telecom`, `address`. */
const PERSON_RESOURCES = new Set(['Patient', 'Person', 'RelatedPerson']);
/** Past this size a file is not parsed whole (the line reader still runs): a commit's JSON is far smaller. */
const MAX_JSON_CHARS = 8 * 1024 * 1024;
const RESOURCE_TYPE = /"resourceType"\s*:\s*"/g;
/** FHIR `date`: a year alone is no identifier under HIPAA's Safe Harbor, a month or day is. */
const FHIR_BIRTH_DATE = /^(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;
/**
 * A name part: letters (any script), perhaps with the digits synthetic data generators append
 * (`Aaron697`); not a schema word, a mask or a placeholder. "Doe" is a name: fixtures are told apart
 * by their path (findings there are lowered), not by guessing which real surnames are samples.
 */
function nameFits(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  return (
    v.length >= 2 && v.length <= 80 && /^\p{L}[\p{L}\p{M}'’. -]*$/u.test(v.replace(/(\p{L})\d+(?=\s|$)/gu, '$1')) && !NOT_A_NAME.test(v) && !isPlaceholder(v)
  );
}
function identifierFits(value: unknown): value is string {
  if (typeof value !== 'string' || isPlaceholder(value)) return false;
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  return /\d/.test(value) && alnum.length >= 4 && !/^(\d)\1+$/.test(alnum.replace(/\D/g, ''));
}
function telecomFits(value: unknown): value is string {
  if (typeof value !== 'string' || isPlaceholder(value)) return false;
  if (value.includes('@')) return !/@(example\.(com|org|net)|test\.com|localhost)$/i.test(value);
  return value.replace(/\D/g, '').length >= 7;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

interface PersonField {
  /** The element's path in the resource (`name.family`), what the finding names. */
  path: string;
  kind: Kind | 'contact';
  value: string;
}

/** The identifying elements of a Patient, Person or RelatedPerson that hold a real-looking value. */
export function personFields(resource: Record<string, unknown>): PersonField[] {
  const out: PersonField[] = [];
  const add = (path: string, kind: PersonField['kind'], value: string): void => {
    if (!out.some((f) => f.path === path)) out.push({ path, kind, value });
  };
  for (const n of list(resource.name).map(record)) {
    // R4 `family` is a string; DSTU2 made it a list: both read.
    for (const part of ['family', 'given', 'text'] as const) for (const v of list(n[part])) if (nameFits(v)) add(`name.${part}`, 'name', v);
  }
  if (typeof resource.birthDate === 'string' && FHIR_BIRTH_DATE.test(resource.birthDate)) add('birthDate', 'dob', resource.birthDate);
  for (const id of list(resource.identifier).map(record)) if (identifierFits(id.value)) add('identifier', 'id', id.value);
  for (const t of list(resource.telecom).map(record)) if (telecomFits(t.value)) add('telecom', 'contact', t.value);
  for (const a of list(resource.address).map(record)) {
    const parts = [...list(a.line), a.city, a.postalCode].filter((v): v is string => typeof v === 'string' && /\w{2,}/.test(v) && !isPlaceholder(v));
    if (parts.length) add('address', 'contact', parts.join(', '));
  }
  return out;
}

/** A name with a birth date, identifier or contact; or, the name masked, a birth date with either of the others. */
function personIsPhi(fields: readonly PersonField[]): boolean {
  const kinds = new Set(fields.map((f) => f.kind));
  return kinds.has('name') ? kinds.size >= 2 : kinds.has('dob') && kinds.size >= 2;
}

interface Parsed {
  /** Objects with a string `resourceType`, in the order their `"resourceType"` keys occur in the text. */
  resources: Record<string, unknown>[];
}

/**
 * JSON.parse, noting each object that has a `resourceType`: the reviver meets those keys in text order,
 * so the n-th one found is the object whose key is the n-th `"resourceType":` in the text (where its line is).
 */
function parse(text: string): Parsed | undefined {
  const resources: Record<string, unknown>[] = [];
  try {
    JSON.parse(text, function (this: Record<string, unknown>, key, value: unknown) {
      if (key === 'resourceType' && typeof value === 'string') resources.push(this);
      return value;
    });
  } catch {
    return undefined;
  }
  return { resources };
}

/**
 * FHIR person resources in a JSON or NDJSON file, one finding each, at the line of its `resourceType`,
 * naming the elements that make it PHI. Undefined when the file is not FHIR JSON (its first character
 * is not `{` or `[`, it has no `"resourceType"`, or it does not parse): the line readers take it then.
 */
export function fhirPatients(file: ScanFile): FileMatch[] | undefined {
  const lines = file.lines;
  // Cheap tests first: this runs on every file that mentions a patient, a birth date or an identifier.
  const first = lines.find((l) => l.text.trim() !== '');
  const opening = first?.text.trimStart().charAt(0);
  if ((opening !== '{' && opening !== '[') || !lines.some((l) => l.text.includes('"resourceType"'))) return undefined;
  let size = 0;
  for (const l of lines) size += l.text.length + 1;
  if (size > MAX_JSON_CHARS) return undefined;
  const whole = fromJson(lines, 0, lines.length);
  if (whole) return whole;
  // NDJSON (FHIR bulk export): one resource a line.
  const out: FileMatch[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as ScanFile['lines'][number]).text;
    if (!text.trim()) continue;
    const found = fromJson(lines, i, i + 1);
    if (!found) return undefined;
    out.push(...found);
  }
  return out;
}

/** The findings of lines [from, to) parsed as one JSON text; undefined when it does not parse. */
function fromJson(lines: ScanFile['lines'], from: number, to: number): FileMatch[] | undefined {
  const texts: string[] = [];
  for (let i = from; i < to; i++) texts.push((lines[i] as ScanFile['lines'][number]).text);
  const text = texts.join('\n');
  const parsed = parse(text);
  if (!parsed) return undefined;
  const keys = [...text.matchAll(RESOURCE_TYPE)].map((m) => m.index + m[0].length);
  // A key the reviver saw that the text search did not (an escaped key name, a duplicate key): no places.
  const placed = keys.length === parsed.resources.length;
  const out: FileMatch[] = [];
  // Keys come in text order: the line search resumes where the previous resource's ended.
  let index = from;
  let lineStart = 0;
  parsed.resources.forEach((resource, n) => {
    const type = resource.resourceType as string;
    if (!PERSON_RESOURCES.has(type)) return;
    const fields = personFields(resource);
    if (!personIsPhi(fields)) return;
    const at = placed ? (keys[n] as number) : 0;
    // The line holding the key, and the key's column on it.
    while (index + 1 < to && lineStart + (lines[index] as ScanFile['lines'][number]).text.length + 1 <= at) {
      lineStart += (lines[index] as ScanFile['lines'][number]).text.length + 1;
      index++;
    }
    const lineText = (lines[index] as ScanFile['lines'][number]).text;
    const start = placed ? at - lineStart : 0;
    out.push({
      line: (lines[index] as ScanFile['lines'][number]).line,
      start,
      end: placed ? start + type.length : 0,
      secret: fields.map((f) => f.value).join('\u0000'),
      detail: `FHIR ${type} resource with ${fields.map((f) => f.path).join(', ')}`,
      // Minified JSON holds the values on the key's line: the preview masks each one found there.
      masks: valuesOnLine(lineText, start, fields),
    });
  });
  return out;
}

/** Where, from `start` on the line, each field's value (as JSON writes it) occurs: the preview masks them. */
function valuesOnLine(text: string, start: number, fields: readonly PersonField[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const f of fields)
    for (const value of f.value.split(', ')) {
      const quoted = JSON.stringify(value);
      const at = text.indexOf(quoted, start);
      if (at >= 0) out.push({ start: at + 1, end: at + quoted.length - 1 });
    }
  return out;
}

// ---- HL7 v2: PID segments ----

const HL7_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/;
/**
 * Segments end in a carriage return; files and logs also break them with \n or \r\n, and code writes
 * them as a literal "\r" or "\n".
 */
const SEGMENT_BREAK = /\r\n?|\n|\\r\\n|\\r|\\n/g;

/**
 * PID segments that name a patient's identifier (PID-2, PID-3, PID-19) or birth date (PID-7): PHI even
 * with the name (PID-5) masked. The field separator is MSH-1 and the component separator the first of
 * MSH-2's encoding characters, read from each message's header (`|` and `^` before any header).
 */
export function hl7Patients(file: ScanFile): FileMatch[] {
  const out: FileMatch[] = [];
  let fs = '|';
  let cs = '^';
  for (const { line, text } of file.lines) {
    if (!text.includes('PID') && !text.includes('MSH')) continue;
    let begin = 0;
    for (const brk of [...text.matchAll(SEGMENT_BREAK), undefined]) {
      const end = brk ? brk.index : text.length;
      const raw = text.slice(begin, end);
      const lead = raw.length - raw.trimStart().length;
      const segment = raw.slice(lead);
      const at = begin + lead;
      begin = brk ? brk.index + brk[0].length : text.length;
      // MSH|^~\&|…: the character after MSH separates fields; the first encoding character, components.
      const header = /^MSH([^\w\s])([^\w\s])/.exec(segment);
      if (header) {
        fs = header[1] as string;
        cs = header[2] as string;
        continue;
      }
      if (segment.startsWith(`PID${fs}`)) {
        const found = pidFields(segment, fs, cs, line, at);
        if (found.some((f) => f.kind !== 'name'))
          out.push({
            line,
            start: (found[0] as Field).start,
            end: (found[found.length - 1] as Field).end,
            secret: segment,
            detail: `HL7 PID segment with ${found.map((f) => f.key).join(', ')}`,
          });
      }
    }
  }
  return out;
}

function pidFields(segment: string, fs: string, cs: string, line: number, at: number): Field[] {
  const fields = segment.split(fs);
  const found: Field[] = [];
  const position = (n: number): number => at + fields.slice(0, n).join(fs).length + fs.length;
  const first = (n: number): string => (fields[n] ?? '').split(cs)[0] ?? '';
  const add = (n: number, key: string, kind: Kind, ok: boolean): void => {
    const value = fields[n] ?? '';
    if (ok) found.push({ key, kind, line, start: position(n), end: position(n) + value.length, value });
  };
  const id = (n: number): boolean => /[A-Za-z0-9]*\d[A-Za-z0-9-]{2,}/.test(first(n));
  const name = fields[5] ?? '';
  add(2, 'PID-2 (patient id)', 'id', id(2));
  add(3, 'PID-3 (patient identifier list)', 'id', id(3));
  add(5, 'PID-5 (name)', 'name', /[A-Za-z]{2,}/.test(name) && !name.split(cs).every((c) => /^[*xX# ]*$/.test(c)));
  add(7, 'PID-7 (date of birth)', 'dob', HL7_DATE.test(fields[7] ?? ''));
  add(19, 'PID-19 (SSN)', 'id', /\d{3}-?\d{2}-?\d{4}/.test(fields[19] ?? ''));
  return found;
}
