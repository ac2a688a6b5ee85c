import { unstorableText } from './storable-text.util';

describe('unstorableText', () => {
  it('names by JSON pointer every string, key or value, with a NUL or a lone surrogate', () => {
    // given a parsed body with bad text in a value, an array item and a key
    const body = {
      applicant: { name: 'Nguyễn\u0000 Văn An', note: 'ok 😀' },
      lines: ['fine', 'half \uD83D'],
      'a/b\uDC00': 1,
    };

    // when
    const errors = unstorableText(body);

    // then
    expect(errors).toEqual([
      {
        path: '/applicant/name',
        message: 'The text contains a NUL character (U+0000), which cannot be stored.',
      },
      { path: '/lines/1', message: 'The text contains a lone surrogate (U+D83D), which cannot be stored.' },
      {
        path: '/a~1b\uDC00',
        message: 'The property name contains a lone surrogate (U+DC00), which cannot be stored.',
      },
    ]);
  });

  it('accepts ordinary text, numbers and null', () => {
    expect(unstorableText({ a: 'Thủ tục', b: [1, null, true], c: '\uD83D\uDE00' })).toEqual([]);
  });
});
