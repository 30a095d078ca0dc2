import { describe, expect, it } from '@jest/globals';
import { Scanner, textLines } from '../../src/scan/index.js';

// Issue 18's provider formats, each as its provider documents it: the prefix, the body's alphabet and
// length, and the line it is documented in (a header, an environment variable). The token bodies are
// random; the look-alikes are the documentation's own placeholders and the usual fake values.
const scanner = new Scanner({ fixtures: [], weakMatches: false });
const ids = (text: string, path = 'src/app.ts') => scanner.scanFile({ path, lines: textLines(text) }).map((f) => f.ruleId);

const documented: [kind: string, ruleId: string, line: string, placeholders: string[]][] = [
  [
    'Figma personal access token (figd_, sent as X-Figma-Token)',
    'prefixed-saas-token',
    'curl -H "X-Figma-Token: figd_xp5QEz-_x9L6HzGpPwEvEzUz_BMHaRZCZSIIMoK9" https://api.figma.com/v1/me',
    ['X-Figma-Token: figd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'X-Figma-Token: figd_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE0000'],
  ],
  [
    'Grafana service account token (glsa_<32>_<8 hex checksum>)',
    'prefixed-saas-token',
    'GRAFANA_AUTH=glsa_K7GjFRYOYkmnPRZBiAGEKg6TmLqI2vYZ_f2f4f4f2',
    ['Service account token: glsa_xxxxxxxxxxxx', 'GRAFANA_AUTH=glsa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_aaaaaaaa'],
  ],
  [
    'Linear API key (lin_api_, sent as Authorization)',
    'prefixed-saas-token',
    "const linear = new LinearClient({ apiKey: 'lin_api_pPfIwn76YOzYL0IRWHaiXS24fEz0zlyAirTzRSxj' });",
    ["headers: { Authorization: 'lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }"],
  ],
  [
    'Shippo API token (shippo_test_/shippo_live_ + 40 hex, "ShippoToken" scheme)',
    'prefixed-saas-token',
    'curl https://api.goshippo.com/addresses/ -H "Authorization: ShippoToken shippo_test_aa94d0d45d0e308dcffd4755b9f12b5468257493"',
    ['-H "Authorization: ShippoToken <API_TOKEN>"', 'SHIPPO_TOKEN=shippo_test_...', 'SHIPPO_TOKEN=shippo_live_0000000000000000000000000000000000000000'],
  ],
  [
    'Duffel access token (duffel_test_/duffel_live_, Bearer)',
    'prefixed-saas-token',
    'DUFFEL_ACCESS_TOKEN=duffel_test_ViTQlISvY00bI3fGZJlBKuVr4lnPH7lCj7OulCU_WZN',
    ['-H "Authorization: Bearer $YOUR_ACCESS_TOKEN"', 'DUFFEL_TOKEN=duffel_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ],
  [
    'HashiCorp Vault service token (hvs.)',
    'prefixed-saas-token',
    'export VAULT_TOKEN=hvs.DWbGP771mQnbfzQWxTeKarnp',
    ['export VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxx', 'VAULT_TOKEN=hvs.EXAMPLEEXAMPLEEXAMPLEEXAM'],
  ],
  [
    'HashiCorp Vault batch token (hvb., a long encrypted blob)',
    'prefixed-saas-token',
    'VAULT_TOKEN=hvb.rOcqD5Jc2vI1r-FJ8hSh6LKbyBcvMEy0iwd6F6k_9Ay4PH3MrzWQHVBeisYil-HSB9ijUtRQb3SzeKAExtSzceqPthEuRMPPQHKTD8V11UoJ7tA_UD7Ky9sH',
    [`VAULT_TOKEN=hvb.${'x'.repeat(120)}`],
  ],
  [
    'HashiCorp Vault legacy token (s. + 24, next to "vault")',
    'vault-legacy-token',
    'VAULT_TOKEN=s.ZC9Ecf4M5g9o34Q6RkzGsj0z',
    ['VAULT_TOKEN=s.xxxxxxxxxxxxxxxxxxxxxxxx'],
  ],
  [
    'Atlassian API token (ATATT3 + 186)',
    'prefixed-saas-token',
    'JIRA_API_TOKEN=ATATT3NXSH_NyLcXDYfnThY2i1T9Sz2MYFkCi2RH2TOUTxKweOcyXFP_n8MPskMCIC00Aip1OORAdluvbaqXprA0ZCRrX3gWA-P67h0lfGuhIqRodgdoMQIM6sRYLkiD1iqHOFfc5oWRj=2pIxgOfMA1wyr87=EgtSUJ=wW5BUEQ8XS-F2Xs8cUuA-7N2EoN',
    [`JIRA_API_TOKEN=ATATT3${'x'.repeat(186)}`, 'JIRA_API_TOKEN=ATATT3EXAMPLE'],
  ],
  [
    'Hugging Face user access token (hf_ + 34)',
    'ai-provider-key',
    'HF_TOKEN=hf_T6acYSfEpNBfRyGxcJ8T98Ws2cvlw6pJgQ',
    ['HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'from huggingface_hub import hf_hub_download'],
  ],
  [
    'GitHub App installation token (ghs_)',
    'github-token',
    'GITHUB_TOKEN=ghs_iQYMLLX5k40plv4c2BK1rzi6F9nPxjj2fqY8',
    ['GITHUB_TOKEN=ghs_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  ],
  ['GitHub OAuth token (gho_)', 'github-token', 'token = "gho_YBLlNx0qMyOKdmeqSEIHs6ZXDALD9BCl5RFI"', ['token = "gho_EXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE"']],
  [
    'GitHub fine-grained personal access token (github_pat_ + 82)',
    'github-fine-grained-pat',
    'token: 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',
    [`token: github_pat_${'x'.repeat(82)}`],
  ],
];

describe('provider formats as documented', () => {
  it('in an Authorization header the header rule, listed earlier, reports the token', () => {
    expect(ids("headers: { Authorization: 'lin_api_pPfIwn76YOzYL0IRWHaiXS24fEz0zlyAirTzRSxj' }")).toEqual(['auth-header']);
    expect(ids('-H "Authorization: Bearer duffel_test_ViTQlISvY00bI3fGZJlBKuVr4lnPH7lCj7OulCU_WZN"')).toEqual(['auth-header']);
  });

  for (const [kind, ruleId, line, placeholders] of documented) {
    it(`${kind}: found as ${ruleId}`, () => expect(ids(line)).toEqual([ruleId]));
    for (const placeholder of placeholders) it(`${kind}: quiet on ${JSON.stringify(placeholder.slice(0, 60))}`, () => expect(ids(placeholder)).toEqual([]));
  }
});

describe('issue 18 shapes beyond token formats', () => {
  const scan = (text: string, path: string) => scanner.scanFile({ path, lines: textLines(text) });

  it('a two-part credential is one finding, on the secret, naming the id line', () => {
    const found = scan('AWS_ACCESS_KEY_ID=AKIAQ7RT2MZ5XLK4WVYP\nAWS_SECRET_ACCESS_KEY=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', 'deploy/env.sh');
    expect(found.map((f) => [f.ruleId, f.line])).toEqual([['aws-secret-access-key', 2]]);
    expect(found[0]?.description).toMatch(/with its access key id on line 1/);
  });

  it('key containers by name alone (.p12, .pfx, .jks, .keystore)', () => {
    for (const path of ['certs/server.p12', 'certs/client.pfx', 'android/release.jks', 'app/release.keystore'])
      expect(scanner.scanFile({ path, lines: [], head: new Uint8Array([0x30, 0x82]) }).map((f) => f.ruleId)).toEqual(['private-key-store-file']);
  });

  it('structured PHI names the columns or fields that made it PHI', () => {
    const describe = (text: string, path: string) => scan(text, path).map((f) => f.description.replace(/^[^:]*: /, ''));
    expect(describe('fname,lname,dob,mrn\nMaria,Lopez,1961-04-12,00482913', 'exports/roster.csv')).toEqual(['table row with columns fname, lname, dob, mrn']);
    expect(describe('Patient Name\tBirth Date\nMaria Lopez\t04/12/1961', 'exports/roster.tsv')).toEqual(['table row with columns Patient Name, Birth Date']);
    // A FHIR Patient as servers return it, one field a line.
    const fhir = [
      '{',
      '  "resourceType": "Patient",',
      '  "identifier": [{ "system": "urn:oid:1.2.36.146.595.217.0.1", "value": "12345" }],',
      '  "name": [{ "family": "Chalmers", "given": ["Peter"] }],',
      '  "birthDate": "1974-12-25"',
      '}',
    ];
    // Read by its structure: the fields nested on one line are named by their FHIR paths.
    expect(describe(fhir.join('\n'), 'fhir/patient.json')).toContain('FHIR Patient resource with name.family, name.given, birthDate, identifier');
    // Not parseable as JSON (a fragment in a note): the key/value reader still reads the nested fields.
    expect(describe(['Example:', ...fhir.slice(1, -1)].join('\n'), 'notes.md')).toContain('record with fields value, family, given, birthDate');
    expect(describe('MSH|^~\\&|EPIC|HOSP|||202401011200||ADT^A01|1|P|2.5\rPID|1||4829137^^^HOSP^MR||***^***||19610412|F', 'msg.hl7')).toEqual([
      'HL7 PID segment with PID-3 (patient identifier list), PID-7 (date of birth)',
    ]);
  });
});
