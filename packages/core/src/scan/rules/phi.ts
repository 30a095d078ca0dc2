import { deaValid, npiValid, ssnValid } from '../validators.js';
import type { Rule } from '../types.js';

/**
 * PHI rules (HIPAA identifiers). Numbers with a checksum or a distinctive layout are reported on shape;
 * everything else needs clinical or identity context on the line or an adjacent added line.
 */
const PATIENT_CONTEXT =
  /\b(patient|pt\.?|mrn|medical record|dob|date of birth|diagnos[ei]s|dx|admit(ted)?|discharge[d]?|clinic(al)?|hospital|physician|prescri(bed|ption)|chart|ehr|emr|hl7|fhir|encounter|triage|allerg(y|ies)|medication)\b/i;
const NAME = String.raw`[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?`;
const FULL_NAME = String.raw`${NAME}(?:\s+[A-Z]\.?)?\s+${NAME}`;
export const DATE = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}|\d{8})`;

function phi(rule: Omit<Rule, 'category'>): Rule {
  return { category: 'phi', ...rule };
}

export const PHI_RULES: Rule[] = [
  phi({
    id: 'phi-us-ssn',
    severity: 'high',
    confidence: 'high',
    description: 'US Social Security number',
    // Same separator twice (078-05-1120), or bare 9 digits only with SSN context.
    // Digit layouts as keywords (a keyword's digit stands for any digit): lines without one are skipped.
    keywords: ['000-00-0000', '000 00 0000', '000.00.0000', '000-000000', '00000-0000', '000000000'],
    pattern: /(?<![\w.-])(?<secret>\d{3}([- .])\d{2}\2\d{4}|\d{3}-\d{6}|\d{5}-\d{4}|\d{9})(?![\w-]|\.\d)/g,
    // A bare 9-digit number or a ZIP+4 layout is weak evidence on its own.
    validate: (secret, context) => {
      if (!ssnValid(secret)) return false;
      if (/^\d{3}([- .])\d{2}\1\d{4}$|^\d{3}-\d{6}$/.test(secret)) return true;
      if (/^\d{9}$/.test(secret)) return 'weak'; // with an SSN label right before it, phi-us-ssn-context reports it
      return /\b(ssn|social security|soc\.? sec|ss#)/i.test(context.line) || 'weak';
    },
    allowPlaceholderLike: true,
    examples: {
      positive: ['patient ssn: 078-05-1123', 'abc 078 05 1123 abc', 'SSN 219-09-9998'],
      negative: ['078-05-0000', '666-12-3456', '000-12-3456', 'build 123-45-6789', 'version 1.078.05.1123', '693-09.4444'],
    },
  }),
  phi({
    id: 'phi-us-ssn-context',
    severity: 'high',
    confidence: 'medium',
    description: 'US Social Security number (unformatted, next to an SSN label)',
    keywords: ['ssn', 'social security', 'soc sec', 'ss#'],
    pattern: /\b(?:ssn|social security(?: number| no\.?)?|soc\.? sec\.?|ss#)\b[^\d\n]{0,20}(?<secret>\d{9})\b/gi,
    validate: (secret) => ssnValid(secret),
    allowPlaceholderLike: true,
    examples: { positive: ['my social security number is 078051121', 'SSN: 219099998'], negative: ['ssn: 000000000', 'ssn: 078051120'] },
  }),
  phi({
    id: 'phi-npi',
    severity: 'high',
    confidence: 'high',
    description: 'US National Provider Identifier (Luhn-valid)',
    keywords: ['0000-000-000', '0000 000 000', '0000000000'],
    pattern: /(?<![\w-])(?<secret>[12]\d{3}([- ])\d{3}\2\d{3}|[12]\d{9})(?![\w-])/g,
    validate: (secret, context) => {
      if (!npiValid(secret)) return false;
      if (/[- ]/.test(secret)) return true;
      return /\b(npi|provider|prescriber|physician|practitioner|clinician|doctor|dr\.)/i.test(`${context.previous} ${context.line}`) || 'weak';
    },
    allowPlaceholderLike: true,
    examples: {
      positive: ['NPI: 1234567893', 'Provider identifier 1245319599', '1234-567-893'],
      negative: ['1234567890', '0234567893', 'timestamp 1234567893', '12345678934'],
    },
  }),
  phi({
    id: 'phi-dea-number',
    severity: 'high',
    confidence: 'medium',
    description: 'DEA registration number (checksum-valid)',
    keywords: ['0000000'],
    pattern: /\b(?<secret>[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7})\b/g,
    validate: (secret) => deaValid(secret),
    allowPlaceholderLike: true,
    examples: { positive: ['DEA# BB1388568', 'GL0285191 EU4488929'], negative: ['The DEA number is BG8207031', 'AB1234567'] },
  }),
  phi({
    id: 'phi-medical-record-number',
    severity: 'high',
    confidence: 'medium',
    description: 'Medical record number next to its label',
    keywords: ['mrn', 'medical record', 'patient id', 'patient_id', 'patientid', 'chart no', 'chart number', 'chart #'],
    pattern:
      /\b(?:mrn|medical[ _-]record(?:[ _-](?:number|no\.?|num|#))?|patient[ _-]?id|chart[ _-](?:no\.?|number|#))["']?\s*(?:[:=#]|is)?\s*["']?#?(?<secret>[A-Z]{0,3}-?\d{5,12})\b/gi,
    allowPlaceholderLike: true,
    validate: (secret) => !/^(\d)\1+$/.test(secret.replace(/\D/g, '')),
    examples: { positive: ['MRN: 00482913', 'patient_id = "MR-4829137"'], negative: ['mrn: 0000000', 'MRN column'] },
  }),
  phi({
    id: 'phi-date-of-birth',
    severity: 'high',
    confidence: 'medium',
    description: 'Date of birth next to a name or patient record',
    keywords: ['dob', 'birth', 'born'],
    pattern: new RegExp(
      String.raw`\b(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthdate|born(?: on)?)["']?\s*[:=]?\s*["']?(?<secret>${DATE})`,
      'gi',
    ),
    context: /\b(name|patient|pt|mr|mrs|ms|miss|first|last|given|family|surname)\b|[A-Z][a-z]+ [A-Z][a-z]+/i,
    contextOptional: true,
    allowPlaceholderLike: true,
    examples: {
      positive: ['Patient: John Smith, DOB: 04/12/1961', 'name=Jane Roe birthDate=1975-02-28'],
      negative: ['dob format is configurable', 'birthday party'],
    },
  }),
  phi({
    id: 'phi-patient-name',
    severity: 'high',
    confidence: 'medium',
    description: 'Patient name in a clinical note',
    keywords: ['patient', 'pt ', 'pt:', 'pt.', 'mr.', 'mrs.', 'ms.'],
    pattern: new RegExp(
      String.raw`\b(?:[Pp]atient(?:[ _]?[Nn]ame)?|[Pp]t\.?)\s*[:=]?\s*["']?(?<secret>${FULL_NAME})\b|\b(?:Mr|Mrs|Ms|Miss)\.\s*(?<secret2>${NAME})\b`,
      'g',
    ),
    context:
      /\b(diagnos|presents?|presented|admitted|discharged|complain|prescribed|history of|hx|symptom|treated|mg\b|dose|dob|mrn|years? old|y\/o|yo\b|visit|allerg|follow[- ]up|chief complaint|assessment|plan)/i,
    examples: {
      positive: ['Patient John Smith presents with chest pain.', 'Mr. Alvarez was admitted on 3/2 with pneumonia'],
      negative: ['Patient Portal presents a login page', 'patient = new Patient()'],
    },
  }),
  phi({
    id: 'phi-contact-in-record',
    severity: 'medium',
    confidence: 'medium',
    description: 'Phone, e-mail or street address in a patient record',
    pattern:
      /(?<secret>(?:\+?1[ .-]?)?\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b|\b\d{1,6} [A-Z][a-z]+(?: [A-Z][a-z]+)* (?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive|Ct|Court|Way|Pl|Place)\b\.?)/g,
    context: PATIENT_CONTEXT,
    // Words distinctive enough to gate a whole file ("pt"/"dx" alone occur in every script and prompt).
    prefilter: [
      'patient',
      ' pt ',
      'pt:',
      'pt.',
      'mrn',
      'medical record',
      'dob',
      'birth',
      'diagnos',
      ' dx',
      'admit',
      'discharg',
      'clinic',
      'hospital',
      'physician',
      'prescri',
      ' ehr',
      ' emr',
      'hl7',
      'fhir',
      'encounter',
      'triage',
      'allerg',
      'medication',
    ],
    validate: (secret) => !/@(example\.(com|org|net)|test\.com|localhost)$/i.test(secret) && !/^555[ .-]?01\d\d$/.test(secret.slice(-8)),
    allowPlaceholderLike: true,
    examples: {
      positive: ['Patient Mary Major, phone (415) 555-2671', 'patient email: mary.major@gmail.com'],
      negative: ['support phone (415) 555-2671', 'patient email: someone@example.com'],
    },
  }),
  phi({
    id: 'phi-icd10-diagnosis',
    severity: 'medium',
    confidence: 'low',
    description: 'ICD-10 diagnosis code tied to a patient',
    keywords: ['icd', 'diagnos', 'dx'],
    pattern: /\b(?:icd-?10(?:-cm)?|diagnos[ie]s(?: code)?|dx)\b[^A-Z\n]{0,12}(?<secret>[A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b/gi,
    context: /\b(patient|pt\.?|mrn|dob|[A-Z][a-z]+ [A-Z][a-z]+)\b/,
    allowPlaceholderLike: true,
    examples: { positive: ['Patient Jane Roe diagnosis: E11.9'], negative: ['ICD-10 code format E11.9 explained'] },
  }),
  phi({
    id: 'phi-hl7-segment',
    severity: 'high',
    confidence: 'high',
    // PID segments are read field by field by phi-structured-record (structured-phi.ts).
    description: 'HL7 v2 segment about a patient (NK1, PV1, IN1, GT1)',
    keywords: ['nk1|', 'pv1|', 'in1|', 'gt1|'],
    pattern: /(?:^|\r)\s*(?:NK1|PV1|IN1|GT1)\|(?<secret>[^\r\n]*\^[^\r\n]*?)(?=\r|$)/g,
    validate: (secret) => /[A-Za-z]{2,}\^[A-Za-z]{2,}/.test(secret) || /\d{8}/.test(secret),
    allowPlaceholderLike: true,
    examples: { positive: ['NK1|1|DOE^JANE^A|SPO^Spouse|123 MAIN ST^^TOWN'], negative: ['NK1|1', 'echo "NK1|"'] },
  }),
];
