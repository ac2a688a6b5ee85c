// Lets plain Node run the replay recorder (`npm run replay:record`): TypeScript compiled by the
// benchmarks' swc hook, and the `@lienthong/*` imports resolved to the sources by tsconfig.base.json's paths.
'use strict';
require('../bench/register.js');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const root = path.join(__dirname, '..', '..');
const { paths } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveAlias(request, ...rest) {
  const target = paths[request]?.[0];
  return resolveFilename.call(this, target ? path.join(root, target) : request, ...rest);
};
