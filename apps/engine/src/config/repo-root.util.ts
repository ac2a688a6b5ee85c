import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder at or above `startDir` that holds `nx.json`.
 * Works from the sources (`apps/engine/src/...`, under Jest) and from the build (`apps/engine/dist/...`).
 */
export function findRepoRoot(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the repository root (a folder with nx.json) above ${startDir}`);
    dir = parent;
  }
}
