// Request-overhead benchmark: the engine CPU one HTTP request costs on cheap routes, i.e. the floor
// every API call pays (Node HTTP, Fastify, Nest's guards/pipes/interceptors, logging, sign-in check).
//
//   npm run bench:overhead
//   PATHS=health,auth/me,tasks?limit=1 REQUESTS=6000 node test/bench/engine/overhead.mjs
//
// 16 concurrent clients per path against the built engine on a real PostgreSQL (embedded under
// .data/bench-pg, or DATABASE_URL's server). Prints figures; asserts nothing.
import {
  ADMIN_PASSWORD,
  call,
  cpuSeconds,
  isEngine,
  login,
  recreateDatabase,
  startDatabase,
  startEngine,
  stopEngine,
} from '../support/bench-support.mjs';

const PATHS = (process.env.PATHS ?? 'health,auth/me,tasks?limit=1').split(',');
const REQUESTS = Number(process.env.REQUESTS ?? 6000);
const CLIENTS = Number(process.env.CLIENTS ?? 16);

const database = await startDatabase();
let engine;
try {
  engine = await startEngine(await recreateDatabase(database.adminUrl, 'lt_bench'));
  const admin = await login(engine.base, 'admin', ADMIN_PASSWORD);
  console.log(`request overhead: ${CLIENTS} clients, ${REQUESTS} GET requests per path`);
  for (const path of PATHS) {
    // Warm-up, so that the JIT has seen the route.
    for (let i = 0; i < 200; i++) await call('GET', `${engine.base}/${path}`, undefined, admin);
    let next = 0;
    const cpu0 = cpuSeconds(isEngine(engine));
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < REQUESTS) {
          next++;
          await call('GET', `${engine.base}/${path}`, undefined, admin);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(isEngine(engine)) - cpu0;
    console.log(
      `GET /api/v1/${path.padEnd(16)}: ${(REQUESTS / seconds).toFixed(0)} requests/s, engine CPU ${((cpu * 1e6) / REQUESTS).toFixed(0)} µs/request`,
    );
  }
} finally {
  await stopEngine(engine);
  await database.stop();
}
