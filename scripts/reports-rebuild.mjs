// `npm run reports:rebuild`: refills the statistics' report_dossiers and report_step_days from the dossiers, steps and deadline
// events (ADR 0010), in one statement, on the database the engine would use (DATABASE_URL, or the
// embedded PostgreSQL in DATA_DIR). Run it after restoring a backup or changing how a figure is
// derived; the engine may keep running (commands wait for the rebuild's lock, a few seconds per
// million dossiers).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createApp } = require('../apps/engine/dist/main.js');
const { ReportsService } = require('../apps/engine/dist/reports/reports.service.js');

const app = await createApp({ config: { jobsEnabled: false, seedDemo: false } });
try {
  const started = performance.now();
  const dossiers = await app.get(ReportsService).rebuild();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`report_dossiers rebuilt: ${dossiers} dossiers in ${seconds} s\n`);
} finally {
  await app.close();
}
