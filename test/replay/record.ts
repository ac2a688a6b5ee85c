/**
 * Re-records the replay histories (test/replay/recordings/*.json) from DOSSIERS: `npm run replay:record`.
 * Run it only when a change of the interpreter's behaviour is intended, and review the diff of the
 * recordings as part of that change.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { compileBpmn } from '@lienthong/bpmn';
import { WorkingCalendar } from '@lienthong/calendar';
import { EngineError } from '@lienthong/engine-core';
import { Scenario } from '@lienthong/engine-core/testing';
import { DOSSIERS, type Dossier } from './dossiers';
import {
  RECORDINGS_DIR,
  REPOSITORY_ROOT,
  asRecorded,
  unitResolver,
  type RecordedStep,
  type Recording,
} from './recording';

async function record(dossier: Dossier): Promise<Recording> {
  const sc = new Scenario(await compileBpmn(readFileSync(join(REPOSITORY_ROOT, dossier.source), 'utf8')));
  sc.calendar = dossier.workingCalendar ? new WorkingCalendar() : undefined;
  sc.resolveUnit = unitResolver(dossier.mergedUnits);
  sc.now = new Date(dossier.submittedAt);
  const steps: RecordedStep[] = [];
  sc.onStep = (command, at, result) =>
    steps.push(asRecorded({ at: at.toISOString(), command, expected: result }));
  dossier.drive(sc, {
    at: (instant) => {
      sc.now = new Date(instant);
    },
    refused: (command) => {
      const at = sc.now.toISOString();
      try {
        sc.run(command);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        steps.push(
          asRecorded({ at, command, expected: { error: { code: error.code, message: error.message } } }),
        );
        return;
      }
      throw new Error(`${dossier.name}: ${command.type} was expected to be refused`);
    },
  });
  const { name: _name, submittedAt: _submittedAt, drive: _drive, ...about } = dossier;
  return { ...about, steps };
}

async function main(): Promise<void> {
  mkdirSync(RECORDINGS_DIR, { recursive: true });
  for (const dossier of DOSSIERS) {
    const recording = await record(dossier);
    const file = join(RECORDINGS_DIR, `${dossier.name}.json`);
    const options = { ...(await resolveConfig(file)), parser: 'json' };
    writeFileSync(file, await format(JSON.stringify(recording), options));
    const last = recording.steps.at(-1)?.expected;
    const status = last && 'state' in last ? last.state.status : 'refused';
    console.log(`${dossier.name}: ${recording.steps.length} commands, ${status}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
