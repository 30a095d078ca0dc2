import type { FileMatch, FileRule, ScanFile } from '../types.js';
import { valueFits, type Field, type Kind } from './phi-values.js';
import { fhirPatients, hl7Patients } from './health-formats.js';
import { maxOf, minOf } from '../../iterate.js';

/**
 * PHI in structured data: a table row, a JSON/YAML/"Key: value" record or an HL7 PID segment that ties a
 * person's name to a date of birth or a record number (or the two numbers to each other) is PHI even
 * without a phone number or address. Fields are recognised by their names (the table's header, the
 * record's keys), values by their shape; the finding names the fields.
 */

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

// A value that opens an object or list is empty, and the match ends before it: the fields nested on the
// same line (`"name": [{"family": "Chalmers", "given": ["Peter"]}]`) are pairs of their own.
const PAIR =
  /(?:^|[\s{,;(|]+)["']?(?<key>[A-Za-z_][\w .-]{0,30}?)["']?\s*(?:=>|:|=)\s*\[?\s*(?<value>"[^"\r\n]{0,80}"|'[^'\r\n]{0,80}'|[^,;{}[\]\r\n|"']{1,80}|(?=[{[]|$))/g;

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
    // FHIR resources are read by structure: a Person with a name and an address has none of the words above.
    'resourcetype',
  ],
  // FHIR JSON is read by its structure; its keys are not guessed at too (that would report each patient twice).
  match: (file) => [...(fhirPatients(file) ?? [...tableRows(file), ...keyedRecords(file)]), ...hl7Patients(file)],
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
      // HL7 v2 with the separators its MSH-1/MSH-2 declare, segments broken by \r\n.
      { path: 'msg.hl7', text: 'MSH#^~\\&#LAB#HOSP###202401011200##ORU^R01#7#P#2.5\r\nPID#1##A0048291^^^HOSP^MR##Lopez^Maria' },
      // FHIR R4 (the shapes of the specification's own Patient examples, invented people), read structurally.
      {
        path: 'fhir/patient-example.json',
        text: '{\n  "resourceType": "Patient",\n  "id": "example",\n  "identifier": [{ "use": "usual", "system": "urn:oid:1.2.36.146.595.217.0.1", "value": "48291" }],\n  "active": true,\n  "name": [{ "use": "official", "family": "Okafor", "given": ["Ada", "Nkem"] }],\n  "gender": "female",\n  "birthDate": "1974-12-25"\n}',
      },
      { path: 'fhir/min.json', text: '{"resourceType":"Patient","name":[{"text":"Tomas Brekke"}],"telecom":[{"system":"phone","value":"(03) 5555 6473"}]}' },
      {
        path: 'fhir/bundle.json',
        text: '{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation","status":"final"}},{"resource":{"resourceType":"Patient","name":[{"family":"Aldana","given":["Rosa"]}],"birthDate":"1980-03-02"}}]}',
      },
      {
        path: 'export/Patient.ndjson',
        text: '{"resourceType":"Patient","birthDate":"1961-04-12","identifier":[{"value":"MRN-4482913"}],"name":[{"family":"***"}]}',
      },
      {
        path: 'fhir/person.json',
        text: '{"resourceType":"Person","name":[{"family":"Vance","given":["Ira"]}],"address":[{"line":["12 Harbour Rd"],"city":"Perth"}]}',
      },
    ],
    negative: [
      { path: 'schema.csv', text: 'fname,lname,dob,mrn\nstring,string,date,string' },
      { path: 'data/users.csv', text: 'name,email,created\nMaria,maria@example.com,2024-01-01' },
      { path: 'src/proc.ts', text: 'const pid = process.pid;\nconsole.log(name, pid);' },
      { path: 'masked.csv', text: 'fname,lname,dob,mrn\n***,***,****-**-**,*****' },
      { path: 'msg.hl7', text: 'PID|1||||***^***|||F' },
      // FHIR: no identifying element with a value; element paths and schemas; placeholders (the scanner's
      // placeholder values, schema words, masks) and a birth year alone, which HIPAA does not count.
      { path: 'fhir/anon.json', text: '{"resourceType":"Patient","gender":"female","active":true}' },
      {
        path: 'fhir/StructureDefinition-patient.json',
        text: '{"resourceType":"StructureDefinition","snapshot":{"element":[{"path":"Patient.birthDate","short":"The date of birth for the individual"},{"path":"Patient.name.family","short":"Family name (often called Surname)"},{"path":"Patient.identifier"}]}}',
      },
      {
        path: 'fhir/CapabilityStatement.json',
        text: '{"resourceType":"CapabilityStatement","rest":[{"resource":[{"type":"Patient","searchParam":[{"name":"birthdate","type":"date"},{"name":"family","type":"string"},{"name":"identifier","type":"token"}]}]}]}',
      },
      {
        path: 'openapi.json',
        text: '{"openapi":"3.0.0","components":{"schemas":{"Patient":{"properties":{"resourceType":{"type":"string","enum":["Patient"]},"birthDate":{"type":"string","format":"date"},"name":{"type":"array","items":{"$ref":"#/components/schemas/HumanName"}},"identifier":{"type":"array"}}}}}}',
      },
      {
        path: 'fhir/template.json',
        text: '{"resourceType":"Patient","name":[{"family":"<family>","given":["${GIVEN}"]}],"birthDate":"{{dob}}","identifier":[{"value":"xxxxxx"}]}',
      },
      { path: 'fhir/year.json', text: '{"resourceType":"Patient","name":[{"family":"Okafor"}],"birthDate":"1974"}' },
      {
        path: 'package.json',
        text: '{"name": "patient-portal", "version": "1.0.0", "description": "FHIR Patient birthDate tools", "dependencies": {"fhir": "^4.11.1"}}',
      },
    ],
  },
};
