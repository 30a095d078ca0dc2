import { DATE } from './phi.js';

/**
 * What a patient record's fields hold, by kind: what the table, key/value, FHIR and HL7 readers share
 * to tell a person's name, birth date or record number from a schema type, a mask or a placeholder.
 */
export type Kind = 'name' | 'dob' | 'id';

// Besides the layouts PHI rules share: 1961/04/12 and 12-Apr-1961, common in exports.
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*';
const DATE_VALUE = new RegExp(`^(?:${DATE}|\\d{4}/\\d{1,2}/\\d{1,2}|\\d{1,2}[-/ ]${MONTH}[-/ ]\\d{2,4})$`, 'i');
export const NOT_A_NAME =
  /^(string|text|varchar|char|null|nil|none|unknown|n\/?a|name|first|last|true|false|yes|no|test|example|sample|redacted|anonymous|masked)$/i;

export function valueFits(kind: Kind, value: string): boolean {
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

export interface Field {
  key: string;
  kind: Kind;
  line: number;
  start: number;
  end: number;
  value: string;
}
