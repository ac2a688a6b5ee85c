import { fromInterpreter, historyEvents } from './history-entry';

describe('a command history row (history.events)', () => {
  it('keeps the events in order and leaves out the fields without value', () => {
    const text = historyEvents([
      { type: 'node.entered', nodeId: 'ky' },
      { type: 'task.created', nodeId: 'ky', taskId: '0b6f3f9e-3c1b-4c36-9d57-8e4f0d2f3a11' },
      { type: 'refused', data: { reasons: ['Thiếu bản sao giấy chứng nhận'] } },
    ]);
    expect(JSON.parse(text)).toEqual([
      { type: 'node.entered', nodeId: 'ky' },
      { type: 'task.created', nodeId: 'ky', taskId: '0b6f3f9e-3c1b-4c36-9d57-8e4f0d2f3a11' },
      { type: 'refused', data: { reasons: ['Thiếu bản sao giấy chứng nhận'] } },
    ]);
    expect(text).not.toContain('null');
  });

  it("keeps the interpreter's flow id in the data of a flow taken, and drops its token", () => {
    const events = fromInterpreter([
      { type: 'flow.taken', flowId: 'f_dat', tokenId: 't1', data: { to: 'ky' } },
      { type: 'flow.taken', flowId: 'f_khong' },
      { type: 'task.completed', nodeId: 'kiem_tra', taskId: 'x', tokenId: 't1', data: { ketQua: 'dat' } },
    ]);
    expect(JSON.parse(historyEvents(events))).toEqual([
      { type: 'flow.taken', data: { to: 'ky', flowId: 'f_dat' } },
      { type: 'flow.taken', data: { flowId: 'f_khong' } },
      { type: 'task.completed', nodeId: 'kiem_tra', taskId: 'x', data: { ketQua: 'dat' } },
    ]);
  });
});
