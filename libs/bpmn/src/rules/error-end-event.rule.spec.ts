import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import errorEndEvent from './error-end-event.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('error-end-event rule', () => {
  it('reports error-code-missing@noCode in error-end-event.bpmn', async () => {
    // given error end events with and without an error code
    const xml = fixture('error-end-event.bpmn');

    // when the rule runs
    const issues = await lintWith(errorEndEvent, xml);

    // then
    expect(found(issues)).toEqual(['error-code-missing@noCode']);
    expect(
      issues.find((i) =>
        i.message.includes('Error end event noCode must reference a bpmn:error with an errorCode.'),
      ),
    ).toMatchObject({
      elementId: 'noCode',
      messageVi: expect.stringContaining('Sự kiện kết thúc lỗi noCode phải tham chiếu một lỗi có errorCode.'),
    });
  });
});
