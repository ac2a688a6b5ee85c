// One Jest run, three tiers (see README "Tests"):
//   unit         *.spec.ts beside the code, pure and fast
//   integration  *.integration-spec.ts in apps/, against a real PostgreSQL
//   e2e          test/e2e/*.e2e-spec.ts, the built engine over HTTP (and later Chromium), and
//                test/faults/*.e2e-spec.ts: the fault test's short form (engines killed, the database stopped)
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

// bpmn-moddle, feelin and their dependencies ship ES modules only, which Jest on Node 20 cannot
// require: every installed package with "type": "module" is transformed to CommonJS too.
function esmPackages(dir = `${__dirname}/node_modules`) {
  const found = [];
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      for (const sub of fs.readdirSync(`${dir}/${name}`))
        if (isEsm(`${dir}/${name}/${sub}`)) found.push(`${name}/${sub}`);
    } else if (isEsm(`${dir}/${name}`)) found.push(name);
  }
  return found;
}
function isEsm(pkgDir) {
  try {
    return JSON.parse(fs.readFileSync(`${pkgDir}/package.json`, 'utf8')).type === 'module';
  } catch {
    return false;
  }
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)sx?$': [
      '@swc/jest',
      { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, parser: { ...swcrc.jsc.parser } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages().map(escape).join('|')})/)`],
  moduleNameMapper: {
    '^@lienthong/engine-core/testing$': '<rootDir>/libs/engine-core/src/testing/index.ts',
    '^@lienthong/(.*)$': '<rootDir>/libs/$1/src/index.ts',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/test/replay/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/apps/*/src/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/pg-query-overlap.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/test/faults/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/pg-query-overlap.ts'],
    },
  ],
};
