// A tiny require hook so that TypeScript benchmarks run with plain Node:
//   node --require ./test/bench/register.js test/bench/deadlines/calendar-bench.ts
// It compiles each required .ts file with @swc/core's transformSync, using the repository's .swcrc
// (CommonJS output). JSON and JavaScript files load as usual. No type checking: run tsc for that.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.swcrc'), 'utf8'));
delete swcrc.$schema;

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcrc, filename, swcrc: false, configFile: false });
  module._compile(code, filename);
};
