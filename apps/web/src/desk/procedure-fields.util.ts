/** A variable the desk types in when receiving a dossier of a procedure (a dotted path: `parcel.sheet`). */
export interface ProcedureField {
  readonly path: string;
  readonly label: string;
  readonly type: 'integer' | 'number' | 'string' | 'date';
  readonly required: boolean;
  readonly unit?: string;
  readonly min?: number;
}

/**
 * What each known procedure needs from the desk when a dossier is received: the variables its
 * process reads (tach-thua-dat: the parcel, as in the README's walkthrough). Other procedures are
 * received with the applicant only.
 */
const FIELDS: Readonly<Record<string, readonly ProcedureField[]>> = {
  'tach-thua-dat': [
    { path: 'parcel.sheet', label: 'Tờ bản đồ số', type: 'integer', required: true, min: 1 },
    { path: 'parcel.number', label: 'Thửa đất số', type: 'integer', required: true, min: 1 },
    { path: 'parcel.area', label: 'Diện tích', type: 'number', required: true, unit: 'm²', min: 0.1 },
    { path: 'parcel.address', label: 'Địa chỉ thửa đất', type: 'string', required: false },
  ],
  'dang-ky-khai-sinh-lien-thong': [
    { path: 'child.name', label: 'Họ, chữ đệm, tên của trẻ', type: 'string', required: true },
    { path: 'child.birthDate', label: 'Ngày sinh của trẻ', type: 'date', required: true },
  ],
};

export function procedureFields(definitionKey: string | undefined): readonly ProcedureField[] {
  return definitionKey === undefined ? [] : (FIELDS[definitionKey] ?? []);
}

/** The antd form's name of a field (its path as a list: nested values). */
export function fieldName(field: ProcedureField): string[] {
  return field.path.split('.');
}

interface DayLike {
  format(template: string): string;
}
const isDayLike = (v: unknown): v is DayLike =>
  typeof v === 'object' && v !== null && typeof (v as DayLike).format === 'function';

/**
 * The dossier's variables from the form's nested values: numbers as numbers, text trimmed, dates
 * as `YYYY-MM-DD`; empty fields left out, and an object left out when all its fields are.
 */
export function dossierVariables(
  fields: readonly ProcedureField[],
  values: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = fieldName(field);
    let value: unknown = values;
    for (const part of parts) value = (value as Record<string, unknown> | undefined)?.[part];
    if (value === undefined || value === null) continue;
    if (field.type === 'string') {
      value = String(value).trim();
      if (value === '') continue;
    } else if (field.type === 'date') {
      if (!isDayLike(value)) continue;
      value = value.format('YYYY-MM-DD');
    } else if (typeof value !== 'number') {
      continue;
    }
    let target = variables;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]!] = value;
  }
  return variables;
}

/** A new Idempotency-Key (a v4 uuid), also where `crypto.randomUUID` is missing (plain http off localhost). */
export function newIdempotencyKey(
  crypto: Pick<Crypto, 'getRandomValues'> & Partial<Pick<Crypto, 'randomUUID'>> = globalThis.crypto,
): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const CHANNEL_LABELS = { desk: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính' } as const;
