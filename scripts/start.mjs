// `npm start`: the engine (apps/engine/dist, built by `npm run build`), and with DEMO_AGENCY=true the
// simulated agency systems of the demo province (test/simulated-agency), so that a demo dossier flows end
// to end while people only do the people's steps.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { run } = require('../apps/engine/dist/main.js');

// ENGINE_WORKERS > 1: a primary and that many engine processes on one port (see apps/engine/src/cluster.ts).
const engine = await run().catch((error) => {
  process.stderr.write(`The engine failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});

if (['1', 'true', 'yes', 'on'].includes(String(process.env.DEMO_AGENCY ?? '').toLowerCase())) {
  const { demoAgencyKeys, startSimulatedAgency } = await import('../test/simulated-agency/agency.js');
  const baseUrl = `http://127.0.0.1:${engine.port}`;
  const keys = await demoAgencyKeys(baseUrl, process.env.DEMO_PASSWORD ?? 'demo');
  const agency = startSimulatedAgency({
    baseUrl,
    keys,
    delayMs: Number(process.env.DEMO_AGENCY_DELAY_MS ?? 2000),
    log: (line) => process.stdout.write(`[mô phỏng cơ quan] ${line}\n`),
  });
  process.stdout.write('[mô phỏng cơ quan] land registry and tax office systems are working (DEMO_AGENCY)\n');
  const stop = () => agency.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
