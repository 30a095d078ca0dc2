import type { FileMatch, FileRule, ScanFile } from '../types.js';
import { DATE } from './phi.js';
import { maxOf, minOf } from '../../iterate.js';

/**
 * PHI in structured data: a table row, a JSON/YAML/"Key: value" record or an HL7 PID segment that ties a
 * person's name to a date of birth or a record number (or the two numbers to each other) is PHI even
 * without a phone number or address. Fields are recognised by their names (the table's header, the
 * record's keys), values by their shape; the finding names the fields.
 */
type Kind = 'name' | 'dob' | 'id';

const ID_NAMES = new Set(
  'mrn pid patientid ptid patientnumber patientno medicalrecordnumber medicalrecordno medicalrecord mrnumber recordnumber recordno recordid chartnumber chartno chartid memberid membernumber subscriberid ssn socialsecuritynumber socialsecurityno insuranceid healthplanid beneficiaryid mbi medicaidid medicareid identifier'.split(
    ' ',
  ),
);
const DOB_NAMES = new Set('dob birthdate dateofbirth birthday birthdt dtofbirth dobdate bdate'.split(' '));
const NAME_NAMES = new Set(
  'name fname lname mname firstname lastname middlename first last given givenname family familyname surname fullname forename patient patientname ptname membername'.split(
    ' ',
  ),
);

/**
 * Every field name, as `fieldKind` normalises it, contains one of these words (a prefixed name such as
 * `ptFirstName` contains a name, too); a key is letters, digits and `_ .-`, which normalising drops. So a
 * line holds a field only where one of the words occurs, its letters perhaps split by `_ .-`: other lines
 * (most lines of code in a file that merely mentions `pid` or `chart`) are not read pair by pair.
 */
const FIELD_WORDS = ((all: string[]) => new RegExp(trie(all.filter((w) => !all.some((o) => o !== w && w.includes(o)))), 'i'))([
  ...ID_NAMES,
  ...DOB_NAMES,
  ...NAME_NAMES,
]);

/**
 * A pattern matching any of `words` (lower-case letters), each letter perhaps followed by `_ .-`, with
 * shared beginnings written once (`record(?:number|no|id)`): the flat alternation of 36 words made the
 * rule a third slower on a file of code.
 */
function trie(words: readonly string[]): string {
  const firsts = [...new Set(words.map((w) => w.charAt(0)))];
  const branches = firsts.map((c) => {
    const rest = words.filter((w) => w.startsWith(c)).map((w) => w.slice(1));
    if (rest.includes('')) return c; // a whole word ends here: what follows it needs no match
    return `${c}[_ .-]*${rest.length === 1 ? trie(rest) : `(?:${trie(rest)})`}`;
  });
  return branches.length === 1 ? (branches[0] as string) : branches.join('|');
}

/** What a column or key names, from its letters alone: `First Name`, `first_name` and `firstName` are one. */
export function fieldKind(field: string): Kind | undefined {
  // "DOB (MM/DD/YYYY)", "Name (Last, First)": the parenthesis describes the format.
  const n = field
    .replace(/\([^)]*\)/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (ID_NAMES.has(n)) return 'id';
  if (DOB_NAMES.has(n)) return 'dob';
  if (NAME_NAMES.has(n) || NAME_NAMES.has(n.replace(/^(patient|pt|member|client|subscriber)/, ''))) return 'name';
  return undefined;
}

// Besides the layouts PHI rules share: 1961/04/12 and 12-Apr-1961, common in exports.
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*';
const DATE_VALUE = new RegExp(`^(?:${DATE}|\\d{4}/\\d{1,2}/\\d{1,2}|\\d{1,2}[-/ ]${MONTH}[-/ ]\\d{2,4})$`, 'i');
const NOT_A_NAME = /^(string|text|varchar|char|null|nil|none|unknown|n\/?a|name|first|last|true|false|yes|no|test|example|sample|redacted|anonymous|masked)$/i;

function valueFits(kind: Kind, value: string): boolean {
  if (!value || /^(x+|\*+|#+|-+|\?+)$/i.test(value.replace(/[\s^,]/g, ''))) return false;
  if (kind === 'name') return value.length >= 2 && /^[A-Za-z][A-Za-z'’.-]*(?:[ ,^]+[A-Za-z][A-Za-z'’.-]*){0,3}$/.test(value) && !NOT_A_NAME.test(value);
  if (kind === 'dob') {
    if (!DATE_VALUE.test(value)) return false;
    const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$|\d{4}$)/.exec(value)?.[1] ?? /^((?:19|20)\d\d)\d{4}$/.exec(value)?.[1];
    return year === undefined ? !/^\d{8}$/.test(value) : Number(year) >= 1900 && Number(year) <= 2035;
  }
  const digits = value.replace(/\D/g, '');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return true;
  return /^[A-Za-z]{0,4}[-#:]?\d[\d-]{3,15}[A-Za-z]?$/.test(value) && digits.length >= 4 && !/^(\d)\1+$/.test(digits);
}

interface Field {
  key: string;
  kind: Kind;
  line: number;
  start: number;
  end: number;
  value: string;
}

/** PHI when a name meets a birth date or record number, or those two meet. */
function isPhi(fields: readonly Field[]): boolean {
  const kinds = new Set(fields.map((f) => f.kind));
  return kinds.size >= 2;
}

function report(fields: Field[], what: string): FileMatch {
  const first = fields[0] as Field;
  const sameLine = fields.filter((f) => f.line === first.line);
  return {
    line: first.line,
    start: minOf(sameLine.map((f) => f.start)),
    end: maxOf(sameLine.map((f) => f.end)),
    secret: fields.map((f) => f.value).join('\u0000'),
    detail: `${what} ${fields.map((f) => f.key).join(', ')}`,
  };
}

// ---- delimited tables (CSV, TSV, pipe- or semicolon-separated) ----

interface Cell {
  text: string;
  start: number;
  end: number;
}

/** Columns aligned with runs of spaces (fixed-width exports, pasted tables). */
function splitOnSpaces(line: string): Cell[] {
  const cells: Cell[] = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) cells.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return cells;
}

function splitCells(line: string, delimiter: string): Cell[] {
  if (delimiter === '  ') return splitOnSpaces(line);
  const cells: Cell[] = [];
  let i = 0;
  while (i <= line.length) {
    let start = i;
    let end: number;
    if (line[i] === '"') {
      const close = line.indexOf('"', i + 1);
      end = close < 0 ? line.length : close;
      start = i + 1;
      i = line.indexOf(delimiter, end);
    } else {
      i = line.indexOf(delimiter, i);
      end = i < 0 ? line.length : i;
    }
    const raw = line.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    cells.push({ text: raw.trim(), start: start + lead, end: start + lead + raw.trim().length });
    if (i < 0) break;
    i += delimiter.length;
  }
  // Markdown tables: | a | b | has an empty cell before the first bar and after the last.
  if (delimiter === '|' && cells[0]?.text === '' && cells[cells.length - 1]?.text === '') return cells.slice(1, -1);
  return cells;
}

const HEADER_CELL = /^[A-Za-z_][\w .#/(),-]{0,40}$/;
/** A character outside HEADER_CELL's, the delimiters and white space. */
const NOT_A_HEADER = /[^\w .#/(),\-\t|;\s]/;

function tableRows(file: ScanFile): FileMatch[] {
  const out: FileMatch[] = [];
  let header: { delimiter: string; kinds: (Kind | undefined)[]; names: string[] } | undefined;
  for (const { line, text } of file.lines) {
    // Until a header is found only a header matters: a line with a character no header cell, delimiter or
    // space can hold is none (most lines of code), and is not split. Quotes may hide anything after them.
    if (!header && NOT_A_HEADER.test(text) && !text.includes('"')) continue;
    // A row keeps its header's delimiter even when a cell holds another ("Lopez, Maria" in a spaced table).
    const delimiter = header && text.includes(header.delimiter) ? header.delimiter : ['\t', ',', '|', ';', '  '].find((d) => text.includes(d));
    if (!delimiter) continue;
    const cells = splitCells(text, delimiter);
    if (cells.length < 2) continue;
    if (cells.every((c) => HEADER_CELL.test(c.text))) {
      const kinds = cells.map((c) => fieldKind(c.text));
      if (new Set(kinds.filter(Boolean)).size >= 2) {
        header = { delimiter, kinds, names: cells.map((c) => c.text) };
        continue;
      }
    }
    if (!header || header.delimiter !== delimiter || Math.abs(cells.length - header.kinds.length) > 1) continue;
    const fields: Field[] = [];
    cells.forEach((c, i) => {
      const kind = header?.kinds[i];
      if (kind && valueFits(kind, c.text)) fields.push({ key: header?.names[i] ?? '', kind, line, start: c.start, end: c.end, value: c.text });
    });
    if (isPhi(fields)) out.push(report(fields, 'table row with columns'));
  }
  return out;
}

// ---- key/value records (JSON, YAML, "Key: value" text, FHIR Patient) ----

const PAIR =
  /(?:^|[\s{,;(|]+)["']?(?<key>[A-Za-z_][\w .-]{0,30}?)["']?\s*(?:=>|:|=)\s*\[?\s*(?<value>"[^"\r\n]{0,80}"|'[^'\r\n]{0,80}'|[^,;}\]\r\n|"']{1,80})/g;

function keyedRecords(file: ScanFile): FileMatch[] {
  const out: FileMatch[] = [];
  let record: Field[] = [];
  let keys = new Set<string>();
  let previousLine = -1;
  let idPending = false;
  const flush = (): void => {
    // Called at every gap between records: the common empty case allocates nothing.
    if (!record.length && !idPending) return;
    if (isPhi(record)) out.push(report(record, 'record with fields'));
    record = [];
    keys = new Set();
    idPending = false;
  };
  for (const { line, text } of file.lines) {
    if (line !== previousLine + 1 || !text.trim()) flush();
    previousLine = line;
    if (!FIELD_WORDS.test(text) && !(idPending && text.includes('value'))) continue;
    for (const m of text.matchAll(PAIR)) {
      const key = (m.groups?.key ?? '').trim();
      const raw = m.groups?.value ?? '';
      const quoted = /^["']/.test(raw);
      const value = (quoted ? raw.slice(1, -1) : raw).trim();
      // FHIR: "identifier": [{"system": …, "value": "12345"}] — the identifier is the nested value.
      // "pid" in a key/value record is nearly always a process id (log lines, process managers).
      let kind = key.toLowerCase() === 'pid' ? undefined : fieldKind(key);
      if (!kind && idPending && key === 'value') kind = 'id';
      if (!kind) continue;
      if (kind === 'id' && key.toLowerCase() === 'identifier' && !value) {
        idPending = true;
        continue;
      }
      // Outside a table's header, a name must look like a person's: capitalised words or a capitalised surname.
      if (!valueFits(kind, value) || (kind === 'name' && !/^[A-Z]/.test(value))) continue;
      if (keys.has(key)) flush();
      keys.add(key);
      const at = m.index + m[0].length - raw.length + (quoted ? 1 : 0) + (raw.length - raw.trimStart().length);
      record.push({ key, kind, line, start: at, end: at + value.length, value });
    }
  }
  flush();
  return out;
}

// ---- HL7 v2 PID segments ----

const HL7_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/;

function hl7Patients(file: ScanFile): FileMatch[] {
  const out: FileMatch[] = [];
  for (const { line, text } of file.lines) {
    // Segments end in a carriage return; in code and logs they are often written as a literal "\r" or "\n".
    if (!text.includes('PID|')) continue;
    let offset = 0;
    for (const segment of text.split(/\r|\\r|\\n/)) {
      const begin = offset + (segment.length - segment.trimStart().length);
      offset += segment.length + (text[offset + segment.length] === '\\' ? 2 : 1);
      const trimmed = segment.trimStart();
      if (!trimmed.startsWith('PID|')) continue;
      const fields = trimmed.split('|');
      const found: Field[] = [];
      const position = (n: number): number => begin + fields.slice(0, n).join('|').length + 1;
      const add = (n: number, key: string, kind: Kind, ok: boolean): void => {
        const value = fields[n] ?? '';
        if (ok) found.push({ key, kind, line, start: position(n), end: position(n) + value.length, value });
      };
      const id = (n: number): boolean => /[A-Za-z0-9]*\d[A-Za-z0-9-]{2,}/.test((fields[n] ?? '').split('^')[0] ?? '');
      add(2, 'PID-2 (patient id)', 'id', id(2));
      add(3, 'PID-3 (patient identifier list)', 'id', id(3));
      add(5, 'PID-5 (name)', 'name', /[A-Za-z]{2,}/.test(fields[5] ?? '') && !/^[*xX^ ]+$/.test(fields[5] ?? ''));
      add(7, 'PID-7 (date of birth)', 'dob', HL7_DATE.test(fields[7] ?? ''));
      add(19, 'PID-19 (SSN)', 'id', /\d{3}-?\d{2}-?\d{4}/.test(fields[19] ?? ''));
      const numbers = found.filter((f) => f.kind !== 'name');
      if (numbers.length) {
        const last = found[found.length - 1] as Field;
        out.push({
          line,
          start: (found[0] as Field).start,
          end: last.end,
          secret: trimmed,
          detail: `HL7 PID segment with ${found.map((f) => f.key).join(', ')}`,
        });
      }
    }
  }
  return out;
}

export const structuredPhi: FileRule = {
  id: 'phi-structured-record',
  category: 'phi',
  severity: 'high',
  confidence: 'medium',
  description: 'Patient record in structured data (a name with a date of birth or record number)',
  // A record is PHI only with a birth date or a record number, so one of their names gates the file.
  keywords: [
    'dob',
    'birth',
    'mrn',
    'pid',
    'patient',
    'medical_record',
    'medical record',
    'medicalrecord',
    'chart',
    'ssn',
    'social_security',
    'subscriber',
    'member_id',
    'memberid',
    'identifier',
    'record_id',
    'record_number',
  ],
  match: (file) => [...tableRows(file), ...keyedRecords(file), ...hl7Patients(file)],
  examples: {
    positive: [
      { path: 'exports/roster.csv', text: 'fname,lname,dob,mrn\nMaria,Lopez,1961-04-12,00482913' },
      { path: 'exports/roster.tsv', text: 'Patient Name\tBirth Date\nMaria Lopez\t04/12/1961' },
      { path: 'data/patient.json', text: '{\n  "firstName": "Maria",\n  "lastName": "Lopez",\n  "dob": "1961-04-12"\n}' },
      { path: 'notes.txt', text: 'Name: Maria Lopez, DOB: 04/12/1961, MRN: 00482913' },
      { path: 'fhir/p.json', text: '{"resourceType": "Patient", "name": [{"family": "Chalmers", "given": ["Peter"]}], "birthDate": "1974-12-25"}' },
      { path: 'roster.md', text: '| Patient Name | DOB (MM/DD/YYYY) | MRN # |\n|---|---|---|\n| Maria Lopez | 04/12/1961 | 00482913 |' },
      { path: 'roster.txt', text: 'Name           Birth Date    Chart No\nMaria Lopez    12-Apr-1961   A0048291' },
      { path: 'roster2.txt', text: 'Patient            DOB           MRN\nLopez, Maria       1961/04/12    00482913' },
      // Keys split by _ . - (read through FIELD_WORDS, which must see through them).
      { path: 'export.yaml', text: '# patient export\nD.O.B: 1961-04-12\nM.R.N: 00482913' },
      { path: 'msg.hl7', text: 'MSH|^~\\&|EPIC|HOSP|||202401011200||ADT^A01|1|P|2.5\rPID|1||4829137^^^HOSP^MR||***^***||19610412|F' },
    ],
    negative: [
      { path: 'schema.csv', text: 'fname,lname,dob,mrn\nstring,string,date,string' },
      { path: 'data/users.csv', text: 'name,email,created\nMaria,maria@example.com,2024-01-01' },
      { path: 'src/proc.ts', text: 'const pid = process.pid;\nconsole.log(name, pid);' },
      { path: 'masked.csv', text: 'fname,lname,dob,mrn\n***,***,****-**-**,*****' },
      { path: 'msg.hl7', text: 'PID|1||||***^***|||F' },
    ],
  },
};
