import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feelProblemVi } from '../feel.util';
import { parseBpmn } from '../moddle';
import { ltRules } from '.';
import { runRules } from './run-rules.util';

/**
 * English words that slipped into Vietnamese messages before (element kinds, "is not supported", the
 * FEEL parser's errors). XML names the officer types in the panel (timeDuration, lt:unit) may stay.
 */
const ENGLISH = [
  'a',
  'an',
  'the',
  'is',
  'not',
  'of',
  'on',
  'with',
  'without',
  'which',
  'supported',
  'engine',
  'element',
  'event',
  'task',
  'gateway',
  'loop',
  'start',
  'end',
  'catch',
  'throw',
  'boundary',
  'definition',
  'duration',
  'date',
  'cycle',
  'condition',
  'mapping',
  'source',
  'incomplete',
  'unrecognized',
  'token',
  'expression',
  'empty',
  'ScriptTask',
  'UserTask',
  'ComplexGateway',
  'SignalEventDefinition',
];
const englishWord = new RegExp(`(^|[\\s(,:"])(${ENGLISH.join('|')})(?=$|[\\s),.:"])`, 'i');

const root = join(__dirname, '..', '..', '..', '..');
const files = [
  ...readdirSync(__dirname)
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => join(__dirname, f)),
  ...['tach-thua-dat/v1.bpmn', 'dang-ky-khai-sinh-lien-thong/v1.bpmn'].map((f) => join(root, 'processes', f)),
];

describe('the Vietnamese messages of the rules', () => {
  it('contain no English words, for every problem of the rule fixtures', async () => {
    // given every fixture of the rules (each has the problems of its rule)
    const messages: string[] = [];

    // when every rule runs over each
    for (const file of files) {
      const xml = readFileSync(file, 'utf8');
      // the fixtures' element ids (a, loop, boundary…) are names, not words of the message
      const ids = new Set([...xml.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
      const withoutIds = (message: string) =>
        message.replace(/[\w.-]+/g, (word) => (ids.has(word) ? '#id' : word));
      const parsed = await parseBpmn(xml);
      for (const issue of parsed.issues) messages.push(withoutIds(issue.messageVi));
      if (!parsed.definitions) continue;
      for (const rule of Object.values(ltRules)) {
        for (const issue of runRules(parsed.definitions, { rule }))
          messages.push(withoutIds(issue.messageVi));
      }
    }

    // then there are many, and none has an English word of the list
    expect(messages.length).toBeGreaterThan(100);
    expect(messages.filter((m) => englishWord.test(m))).toEqual([]);
  });

  it('the word list catches the English of a message', () => {
    expect(englishWord.test('script: loại phần tử này (a ScriptTask) chưa được hỗ trợ.')).toBe(true);
    expect(englishWord.test('Biểu thức condition của fBad không hợp lệ (Incomplete <Comparison>)')).toBe(
      true,
    );
    expect(englishWord.test('Bộ hẹn giờ t phải có đúng một giá trị: khoảng thời gian (timeDuration).')).toBe(
      false,
    );
  });

  it('puts the FEEL parser’s errors in words', () => {
    expect(feelProblemVi('Incomplete <Comparison>')).toBe('phép so sánh chưa viết xong');
    expect(feelProblemVi('Unrecognized token <(> in <PathExpression>')).toBe(
      'ký hiệu "(" không hợp lệ trong truy cập thuộc tính',
    );
    expect(feelProblemVi('Unrecognized token <ArithOp> in <ArithmeticExpression>')).toBe(
      'ký hiệu không hợp lệ trong phép tính',
    );
    expect(feelProblemVi('Unrecognized token in <Expression>')).toBe('ký hiệu không hợp lệ trong biểu thức');
    expect(feelProblemVi('empty expression')).toBe('biểu thức trống');
    expect(feelProblemVi('something new')).toBe('sai cú pháp');
  });
});
