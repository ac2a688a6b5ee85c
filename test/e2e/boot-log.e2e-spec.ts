import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './support/engine-server';
import { startDemoEngine, type DemoEngine } from './support/demo-engine';

jest.setTimeout(120_000);

const repoRoot = join(__dirname, '../..');

interface LogLine {
  readonly context?: string;
  readonly msg?: string;
}

function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** The engine's start-up log (LT_MODE=test writes JSON lines): told as it happens, and short. */
describe('the boot log', () => {
  it('tells each step of the start-up as it happens, so that a start that hangs shows where', async () => {
    // given a database server that does not answer (the engine retries its connection for a while)
    const unreachable = `postgres://lienthong:x@127.0.0.1:${await freePort()}/lienthong`;
    const child = spawn(process.execPath, [join(repoRoot, 'apps/engine/dist/main.js')], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: unreachable, PORT: '0', LT_MODE: 'test', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      // when it is still trying to connect, then it has already said what it is doing
      const until = Date.now() + 30_000;
      while (!output.includes('Using PostgreSQL at')) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`no start-up line:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(child.exitCode).toBeNull();
      expect(logLines(output).map((l) => l.msg)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Starting Liên thông engine \S+ \(test\)$/),
          `Using PostgreSQL at postgres://lienthong:***@${new URL(unreachable).host}/lienthong`,
        ]),
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  describe('of a start that succeeds', () => {
    let demo: DemoEngine;
    beforeAll(async () => {
      demo = await startDemoEngine({ LOG_LEVEL: 'info' });
    });
    afterAll(async () => {
      await demo?.stop();
    });

    it("says what it does in a few lines, without Nest's line per module and per route", () => {
      const lines = logLines(demo.engine.output());
      const messages = lines.map((l) => l.msg ?? '');
      const ready = messages.findIndex((m) =>
        /^Liên thông engine .* on http:\/\/127\.0\.0\.1:\d+\/api\/v1/.test(m),
      );
      expect(ready).toBeGreaterThan(0);
      const steps = [
        /^Starting Liên thông engine/,
        /^Using PostgreSQL at /,
        /^Connected; running the pending migrations$/,
        /^Seeding units, accounts and the demo procedures$/,
        /^Nest application successfully started$/,
      ].map((step) => messages.findIndex((m) => step.test(m)));
      expect(steps.every((i) => i >= 0)).toBe(true);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
      expect(ready).toBeLessThan(30);
      expect(
        lines.filter((l) => ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'].includes(l.context ?? '')),
      ).toEqual([]);
    });
  });
});
