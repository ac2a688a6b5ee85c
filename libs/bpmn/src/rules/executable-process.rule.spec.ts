import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { found, lintWith } from '../testing';
import executableProcess from './executable-process.rule';

const fixture = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('executable-process rule', () => {
  it('reports nothing in executable-process.bpmn', async () => {
    // given one process marked executable among other pools
    const xml = fixture('executable-process.bpmn');

    // when the rule runs
    const issues = await lintWith(executableProcess, xml);

    // then
    expect(found(issues)).toEqual([]);
  });
  it('reports process-count@pool_a, process-count@pool_b in executable-process-none.bpmn', async () => {
    // given processes none of which is marked executable
    const xml = fixture('executable-process-none.bpmn');

    // when the rule runs
    const issues = await lintWith(executableProcess, xml);

    // then
    expect(found(issues)).toEqual(['process-count@pool_a', 'process-count@pool_b']);
    expect(issues.find((i) => i.message.includes('process pool_a is not marked executable'))).toMatchObject({
      elementId: 'pool_a',
      messageVi: expect.stringContaining('quy trình pool_a chưa được đánh dấu thực thi'),
    });
  });
  it('reports process-count@a, process-count@b in executable-process-several.bpmn', async () => {
    // given several processes marked executable
    const xml = fixture('executable-process-several.bpmn');

    // when the rule runs
    const issues = await lintWith(executableProcess, xml);

    // then
    expect(found(issues)).toEqual(['process-count@a', 'process-count@b']);
    expect(
      issues.find((i) => i.message.includes('process a is one of 2 marked executable (a, b)')),
    ).toMatchObject({
      elementId: 'a',
      messageVi: expect.stringContaining('là một trong 2 quy trình'),
    });
  });
  it('reports process-count@defs in executable-process-empty.bpmn', async () => {
    // given a document without process
    const xml = fixture('executable-process-empty.bpmn');

    // when the rule runs
    const issues = await lintWith(executableProcess, xml);

    // then
    expect(found(issues)).toEqual(['process-count@defs']);
    expect(issues.find((i) => i.message.includes('The document contains no process.'))).toMatchObject({
      elementId: 'defs',
      messageVi: expect.stringContaining('Tài liệu không có quy trình nào.'),
    });
  });
});
