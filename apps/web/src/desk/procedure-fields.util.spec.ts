import dayjs from 'dayjs';
import { dossierVariables, newIdempotencyKey, procedureFields } from './procedure-fields.util';

describe('what the desk types in for a procedure', () => {
  it('asks the parcel of a land-parcel dossier, and nothing for an unknown procedure', () => {
    expect(procedureFields('tach-thua-dat').map((f) => f.path)).toEqual([
      'parcel.sheet',
      'parcel.number',
      'parcel.area',
      'parcel.address',
    ]);
    expect(procedureFields('khong-biet')).toEqual([]);
    expect(procedureFields(undefined)).toEqual([]);
  });

  it('nests the values as the process reads them, leaving out empty ones', () => {
    const fields = procedureFields('tach-thua-dat');
    expect(
      dossierVariables(fields, { parcel: { sheet: 12, number: 345, area: 250.5, address: '  ' } }),
    ).toEqual({
      parcel: { sheet: 12, number: 345, area: 250.5 },
    });
    expect(dossierVariables(fields, { parcel: { address: ' Ấp 3, xã Mỹ Thọ ' } })).toEqual({
      parcel: { address: 'Ấp 3, xã Mỹ Thọ' },
    });
    expect(dossierVariables(fields, {})).toEqual({});
    expect(dossierVariables(fields, undefined)).toEqual({});
  });

  it('sends dates as YYYY-MM-DD', () => {
    const fields = procedureFields('dang-ky-khai-sinh-lien-thong');
    expect(
      dossierVariables(fields, { child: { name: 'Nguyễn Minh Khang', birthDate: dayjs('2026-11-20') } }),
    ).toEqual({
      child: { name: 'Nguyễn Minh Khang', birthDate: '2026-11-20' },
    });
  });

  it('makes v4 uuids as Idempotency-Keys, with or without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    const withoutRandomUuid = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) };
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey(withoutRandomUuid)));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(uuid);
  });
});
