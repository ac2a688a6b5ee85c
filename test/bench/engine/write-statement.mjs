// Write-statement micro-benchmark: the engine CPU of building one command's write statement
// (runtime/dossier-write.ts) and finding its prepared statement's name (database/statement-names.util.ts),
// without a database. The inputs (write-inputs.json) are the 7 writes of one tach-thua-dat dossier
// recorded from `bench:engine`: its receipt and its 6 completions.
//
//   npm run build && node test/bench/engine/write-statement.mjs [path/to/apps/engine/dist]
//
// Prints CPU µs per write, 20,000 writes (CALLS=…). Asserts nothing. ADR 0007, session 8.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { root } from '../support/bench-support.mjs';

const dist = resolve(process.argv[2] ?? join(root, 'apps/engine/dist'));
const require = createRequire(join(dist, 'main.js'));
const { buildWrite } = require(join(dist, 'runtime/dossier-write.js'));
const { StatementNames } = require(join(dist, 'database/statement-names.util.js'));
const CALLS = Number(process.env.CALLS ?? 20_000);

const inputs = JSON.parse(
  readFileSync(new URL('./write-inputs.json', import.meta.url), 'utf8'),
  (_, value) =>
    value !== null && typeof value === 'object' && '$map' in value ? new Map(value.$map) : value,
).map(([target, result, now, actor, deadline, calendarVersion, audit]) => [
  target,
  result,
  new Date(now),
  actor,
  deadline,
  calendarVersion,
  audit === undefined || audit === null ? undefined : { ...audit, at: new Date(audit.at) },
]);

function measure(label, once) {
  for (let i = 0; i < 3000; i++) once(inputs[i % inputs.length]);
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) once(inputs[i % inputs.length]);
  const used = process.cpuUsage(before);
  console.log(`${label.padEnd(44)}: ${((used.user + used.system) / CALLS).toFixed(2)} µs per write`);
}

const names = new StatementNames();
const texts = new Set(inputs.map((input) => buildWrite(...input).text));
console.log(`write statement (${dist}): ${inputs.length} writes, ${texts.size} texts, ${CALLS} calls each`);
for (let round = 1; round <= 3; round++) {
  measure(`buildWrite (round ${round})`, (input) => buildWrite(...input));
  measure(`buildWrite + statement name (round ${round})`, (input) => {
    const write = buildWrite(...input);
    return names.of(write.text, write.params);
  });
}
