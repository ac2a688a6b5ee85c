import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileBpmn } from '@lienthong/bpmn';
import { EngineError, step, type InstanceState } from '@lienthong/engine-core';
import {
  RECORDINGS_DIR,
  REPOSITORY_ROOT,
  asRecorded,
  recordingContext,
  type Recording,
  type StepOutcome,
} from './recording';

const files = readdirSync(RECORDINGS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded dossiers (test/replay/recordings, re-recorded by npm run replay:record)', () => {
  it('has the representative dossiers', () => {
    // given / when / then
    expect(files).toEqual(
      expect.arrayContaining([
        'dang-ky-khai-sinh.json',
        'tach-thua-dat-v1-approved.json',
        'tach-thua-dat-v2-supplement.json',
        'xin-y-kien-on-time.json',
      ]),
    );
  });

  it.each(files)('%s: every command gives the recorded state and effects', async (file) => {
    // given
    const recording = JSON.parse(readFileSync(join(RECORDINGS_DIR, file), 'utf8')) as Recording;
    const graph = await compileBpmn(readFileSync(join(REPOSITORY_ROOT, recording.source), 'utf8'));
    const contextAt = recordingContext(recording);
    let state: InstanceState | null = null;
    expect(recording.steps.length).toBeGreaterThan(0);

    recording.steps.forEach((recorded, i) => {
      // when
      let outcome: StepOutcome;
      try {
        outcome = asRecorded(step(graph, state, recorded.command, contextAt(new Date(recorded.at))));
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        outcome = { error: { code: error.code, message: error.message } };
      }

      // then: the same answer, to the last field
      try {
        expect(outcome).toStrictEqual(recorded.expected);
      } catch (drift) {
        throw new Error(
          `${file}, command ${i + 1} of ${recording.steps.length} (${recorded.command.type} at ${recorded.at}) drifted:\n${drift instanceof Error ? drift.message : String(drift)}`,
        );
      }
      if ('state' in outcome) state = outcome.state;
    });
  });
});
