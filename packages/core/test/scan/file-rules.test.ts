import { describe, expect, it } from '@jest/globals';
import { FILE_RULES, Scanner, textLines, type FileRule, type FileRuleExample } from '../../src/scan/index.js';
import { keyStoreMagic } from '../../src/scan/rules/files.js';

// File rules are data too: every example runs here.
const scanner = new Scanner({ fixtures: [], weakMatches: false });
// Each rule alone, so its examples test it and not which rule reports a line first.
const scan = (e: FileRuleExample, only: FileRule) =>
  new Scanner({ rules: [], fileRules: [only], fixtures: [] }).scanFile({
    path: e.path,
    lines: e.text === undefined ? [] : textLines(e.text),
    ...(e.head ? { head: Uint8Array.from(e.head) } : {}),
  });

describe('file rule examples', () => {
  for (const rule of FILE_RULES) {
    describe(rule.id, () => {
      for (const e of rule.examples.positive)
        it(`reports ${e.path} ${JSON.stringify((e.text ?? '').slice(0, 40))}`, () => expect(scan(e, rule).map((f) => f.ruleId)).toContain(rule.id));
      for (const e of rule.examples.negative)
        it(`does not report ${e.path} ${JSON.stringify((e.text ?? '').slice(0, 40))}`, () => expect(scan(e, rule).map((f) => f.ruleId)).not.toContain(rule.id));
    });
  }
});

describe('key stores', () => {
  it('are not skipped as binary, by name, in a diff', () => {
    const { files, skipped } = scanner.select([
      { path: 'certs/server.pfx', lines: [], binary: true },
      { path: 'logo.png', lines: [], binary: true },
    ]);
    expect(files.map((f) => f.path)).toEqual(['certs/server.pfx']);
    expect(skipped).toEqual([{ path: 'logo.png', reason: 'binary' }]);
    expect(scanner.scan(files)[0]).toMatchObject({ ruleId: 'private-key-store-file', severity: 'critical', line: 1 });
  });
  it('are recognised by magic bytes: JKS, JCEKS, PKCS#12 version 3', () => {
    expect(keyStoreMagic(Uint8Array.from([0xfe, 0xed, 0xfe, 0xed]))).toBe(true);
    expect(keyStoreMagic(Uint8Array.from([0xce, 0xce, 0xce, 0xce]))).toBe(true);
    expect(keyStoreMagic(Uint8Array.from([0x30, 0x82, 0x0a, 0x1b, 0x02, 0x01, 0x03, 0x30]))).toBe(true);
    expect(keyStoreMagic(Uint8Array.from([0x30, 0x82, 0x0a, 0x1b, 0x02, 0x01, 0x01]))).toBe(false); // an X.509 certificate is not version 3 PFX
    expect(keyStoreMagic(undefined)).toBe(false);
  });
  it('can be turned off like any rule', () => {
    expect(new Scanner({ disable: ['private-key-store-file'] }).scanFile({ path: 'a.p12', lines: [] })).toEqual([]);
    expect(new Scanner({ categories: ['phi'] }).skipReason('a.p12')).toBe('binary');
  });
});

describe('structured PHI', () => {
  const phi = (path: string, text: string) => scanner.scanFile({ path, lines: textLines(text) }).filter((f) => f.ruleId === 'phi-structured-record');
  it('names the columns that made a row PHI and masks the row in the preview', () => {
    const [f] = phi('roster.csv', 'id,first_name,last_name,birth_date,notes\n7,Maria,Lopez,1961-04-12,none');
    expect(f?.description).toContain('first_name, last_name, birth_date');
    expect(f?.preview).not.toContain('Lopez');
    expect(f?.line).toBe(2);
  });
  it('reports each row once', () => {
    expect(phi('r.csv', 'fname,lname,dob\nMaria,Lopez,1961-04-12\nJohn,Park,1970-01-30')).toHaveLength(2);
  });
  it('reports an HL7 PID segment with a masked name by its identifier and birth date', () => {
    const [f] = phi('adt.txt', 'MSH|^~\\&|A|B|||202401011200||ADT^A01|1|P|2.5\rPID|1||4829137^^^HOSP^MR||XXXX^XXXX||19610412|F');
    expect(f?.description).toContain('PID-3');
    expect(f?.description).toContain('PID-7');
  });
  it('stays quiet on process ids, schemas and non-person names', () => {
    expect(phi('app.log', '{"level":30,"pid":4242,"hostname":"web-1","name":"Api"}')).toEqual([]);
    expect(phi('cols.csv', 'name,mrn\nstring,string')).toEqual([]);
    expect(phi('users.json', '{"name": "build", "created": "2024-01-01"}')).toEqual([]);
  });
  it('is skipped on files without a birth-date or record-number keyword', () => {
    expect(phi('people.csv', 'first,last\nMaria,Lopez')).toEqual([]);
  });
});

describe('FHIR and HL7 structure', () => {
  const phi = (path: string, text: string) => scanner.scanFile({ path, lines: textLines(text) }).filter((f) => f.ruleId === 'phi-structured-record');
  const patient = (name: string, more = '') => `{"resourceType":"Patient","name":[{"family":"${name}","given":["Ada"]}],"birthDate":"1974-12-25"${more}}`;

  it('reports each Patient of a Bundle at the line of its resourceType, naming its elements', () => {
    const bundle = [
      '{',
      '  "resourceType": "Bundle",',
      '  "entry": [',
      `    {"resource": ${patient('Okafor')}},`,
      '    {"resource": {"resourceType": "Observation", "status": "final"}},',
      `    {"resource": ${patient('Vance', ',"identifier":[{"value":"A0048291"}]')}}`,
      '  ]',
      '}',
    ];
    const found = phi('fhir/bundle.json', bundle.join('\n'));
    expect(found.map((f) => [f.line, f.description.replace(/^[^:]*: /, '')])).toEqual([
      [4, 'FHIR Patient resource with name.family, name.given, birthDate'],
      [6, 'FHIR Patient resource with name.family, name.given, birthDate, identifier'],
    ]);
  });

  it('masks every value of a minified resource in the preview', () => {
    const [f] = phi('p.json', patient('Okafor', ',"identifier":[{"value":"A0048291"}]'));
    expect(f?.description).toContain('name.family, name.given, birthDate, identifier');
    for (const value of ['Okafor', 'Ada', '1974', 'A0048291']) expect(f?.preview).not.toContain(value);
  });

  it('reads NDJSON line by line, and gives way to the line readers when the JSON does not parse', () => {
    expect(phi('Patient.ndjson', `${patient('Okafor')}\n${patient('Vance')}`).map((f) => f.line)).toEqual([1, 2]);
    // A hunk of a FHIR file (no opening brace): the key/value reader, which reads nested fields too.
    const [f] = phi('p.json', '  "name": [{"family": "Okafor", "given": ["Ada"]}],\n  "birthDate": "1974-12-25"');
    expect(f?.description).toContain('record with fields family, given, birthDate');
  });

  it('lists file findings up to the cap and counts the rest', () => {
    const capped = new Scanner({ rules: [], fixtures: [], maxFindingsPerFile: 2 });
    const ndjson = ['Okafor', 'Vance', 'Aldana', 'Brekke', 'Lopez'].map((n) => patient(n)).join('\n');
    expect(capped.scanFile({ path: 'Patient.ndjson', lines: textLines(ndjson) }).map((f) => f.line)).toEqual([1, 2]);
    expect(capped.unlisted).toEqual([{ file: 'Patient.ndjson', count: 3, bySeverity: { high: 3 } }]);
  });

  it('reports a Patient whose name is masked by its birth date and identifier, not by a birth date alone', () => {
    expect(phi('p.json', '{"resourceType":"Patient","name":[{"family":"***"}],"birthDate":"1961-04-12","identifier":[{"value":"4829137"}]}')).toHaveLength(1);
    expect(phi('p.json', '{"resourceType":"Patient","name":[{"family":"***"}],"birthDate":"1961-04-12"}')).toEqual([]);
  });

  it('reads HL7 separators from MSH-1 and MSH-2 and breaks segments at \\r, \\n or \\r\\n', () => {
    for (const brk of ['\r', '\n', '\r\n', '\\r'])
      expect(phi('adt.hl7', `MSH*:~\\&*A*B***202401011200**ADT:A01*1*P*2.5${brk}PID*1**4829137:::HOSP:MR**XXXX:XXXX**19610412*F`)[0]?.description).toContain(
        'PID-3 (patient identifier list), PID-7 (date of birth)',
      );
    // With `*` declared, a `|`-separated PID is not this message's.
    expect(phi('adt.hl7', 'MSH*:~\\&*A\rPID|1||4829137||Lopez^Maria||19610412')).toEqual([]);
  });
});

describe('file and line rules together', () => {
  it('a row a line rule already reports is not reported again as a record', () => {
    const ids = scanner.scanFile({ path: 'p.csv', lines: textLines('name,ssn\nJo Roe,219-09-9998') }).map((f) => f.ruleId);
    expect(ids).toEqual(['phi-us-ssn']);
  });
});
