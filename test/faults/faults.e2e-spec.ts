import { spawn } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '../..');
jest.setTimeout(300_000);

/** Runs test/faults/run.mjs with `env`; resolves its exit code and output. */
function runFaults(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'test/faults/run.mjs')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/**
 * The short form of the fault test (the long one: `npm run test:faults`): three engine processes on one
 * PostgreSQL, SIGKILLed one at a time and restarted, PostgreSQL stopped for 5 s, while retrying clients
 * drive 90 land-parcel and 20 timer dossiers to their end; then the database is checked (see run.mjs).
 */
describe('faults: engines killed, the database stopped, nothing lost or done twice', () => {
  it('drives every dossier to its end and finds nothing lost, stuck or duplicated', async () => {
    const { code, output } = await runFaults({
      LAND: '90',
      TIMERS: '20',
      CLIENTS: '12',
      KILL_MIN_MS: '500',
      KILL_MAX_MS: '1000',
      DB_STOP_MS: '5000',
      DB_STOP_AT: '0.5',
      TIME_LIMIT_S: '240',
    });
    const figures =
      /FAULTS dossiers=(\d+)\/(\d+) kills=(\d+) retries=(\d+) replays=(\d+) lost=(\d+) duplicated=(\d+) failed-checks=(\d+)/.exec(
        output,
      );
    if (code !== 0 || figures === null) throw new Error(`the fault test failed (exit ${code}):\n${output}`);
    const [, done, total, kills, , , lost, duplicated, failed] = figures.map(Number);
    expect({ done, lost, duplicated, failed }).toEqual({ done: total, lost: 0, duplicated: 0, failed: 0 });
    expect(total).toBe(110);
    expect(kills).toBeGreaterThan(0);
    expect(output).toContain('all fault checks passed');
  });
});
