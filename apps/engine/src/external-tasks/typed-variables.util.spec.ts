import { fromTypedVariables, toTypedVariables, TypedVariableError } from './typed-variables.util';

describe('Camunda typed variables', () => {
  it('types our JSON variables the way the Camunda client reads them', () => {
    expect(
      toTypedVariables({
        ten: 'Nguyễn Văn An',
        dienTich: 250.5,
        soThua: 12,
        lon: 2 ** 40,
        co: true,
        khong: null,
        thua: { so: 345 },
      }),
    ).toEqual({
      ten: { value: 'Nguyễn Văn An', type: 'String', valueInfo: {} },
      dienTich: { value: 250.5, type: 'Double', valueInfo: {} },
      soThua: { value: 12, type: 'Integer', valueInfo: {} },
      lon: { value: 2 ** 40, type: 'Long', valueInfo: {} },
      co: { value: true, type: 'Boolean', valueInfo: {} },
      khong: { value: null, type: 'Null', valueInfo: {} },
      thua: { value: '{"so":345}', type: 'Json', valueInfo: {} },
    });
  });

  it('reads typed values back, JSON and serialized objects parsed, dates as ISO instants', () => {
    expect(
      fromTypedVariables({
        taxAmount: { value: 12500000, type: 'Long' },
        ok: { value: true, type: 'Boolean' },
        note: { value: 'đã nộp', type: 'String' },
        ct: { value: '{"so":"BL-01"}', type: 'Json' },
        obj: { value: '[1,2]', type: 'Object', valueInfo: { serializationDataFormat: 'application/json' } },
        at: { value: '2026-03-10T09:00:00.000+0700', type: 'Date' },
        guessed: { value: 3 },
        none: { value: null, type: 'Null' },
      }),
    ).toEqual({
      taxAmount: 12500000,
      ok: true,
      note: 'đã nộp',
      ct: { so: 'BL-01' },
      obj: [1, 2],
      at: '2026-03-10T02:00:00.000Z',
      guessed: 3,
      none: null,
    });
  });

  it('names the variable it cannot read', () => {
    expect(() => fromTypedVariables({ f: { value: 'x', type: 'File' } })).toThrow(TypedVariableError);
    expect(() => fromTypedVariables({ n: { value: 'abc', type: 'Integer' } })).toThrow(/n/);
    expect(() => fromTypedVariables({ j: { value: '{', type: 'Json' } })).toThrow(/not valid JSON/);
    expect(() =>
      fromTypedVariables({
        o: {
          value: 'rO0AB',
          type: 'Object',
          valueInfo: { serializationDataFormat: 'application/x-java-serialized-object' },
        },
      }),
    ).toThrow(/application\/json/);
    expect(() => fromTypedVariables([1])).toThrow(/object/);
  });
});
