import { call, cpuSeconds, login, recreateDatabase, startDatabase, startEngine, ADMIN_PASSWORD } from '../support/bench-support.mjs';
const database = await startDatabase();
const url = await recreateDatabase(database.adminUrl, 'lt_bench');
const engine = await startEngine(url);
try {
  const admin = await login(engine.base, 'admin', ADMIN_PASSWORD);
  for (const path of (process.env.PATHS ?? 'auth/me,health').split(',')) {
    const n = 6000; let next = 0;
    const c0 = cpuSeconds((_c, pid) => pid === engine.child.pid); const t0 = performance.now();
    await Promise.all(Array.from({ length: 16 }, async () => { while (next < n) { next++; await call('GET', `${engine.base}/${path}`, undefined, admin); } }));
    const s = (performance.now() - t0) / 1000; const c = cpuSeconds((_c, pid) => pid === engine.child.pid) - c0;
    console.log(`${path}: ${(n / s).toFixed(0)} req/s, engine CPU ${(c * 1e6 / n).toFixed(0)} µs/request`);
  }
} finally { engine.child.kill('SIGTERM'); await new Promise(r => setTimeout(r, 500)); await database.stop(); }
