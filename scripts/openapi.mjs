// `npm run openapi`: writes the engine's OpenAPI document (as served at /api/docs-json) to
// libs/contracts/openapi.json, from the built engine (npm run build first; the npm script does).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { writeOpenApiDocument, OPENAPI_FILE } = require('../apps/engine/dist/openapi-document.js');

const changed = await writeOpenApiDocument();
process.stdout.write(`${OPENAPI_FILE}: ${changed ? 'written' : 'up to date'}\n`);
