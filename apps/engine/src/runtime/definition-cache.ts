import { Injectable } from '@nestjs/common';
import type { Sql } from '../database/db.service';
import { type CachedDefinition, RuntimeRepository } from './runtime.repository';

export type { CachedDefinition } from './runtime.repository';

/**
 * Compiled graphs by definition id. A deployed version never changes, so entries never go stale;
 * the map is bounded to keep memory flat when many versions are touched.
 */
@Injectable()
export class DefinitionCache {
  private readonly byId = new Map<string, CachedDefinition>();
  private static readonly MAX_ENTRIES = 500;

  constructor(private readonly store: RuntimeRepository) {}

  async get(sql: Sql, id: string): Promise<CachedDefinition> {
    const hit = this.byId.get(id);
    if (hit) return hit;
    const row = await this.store.definition(sql, id);
    if (!row) throw new Error(`Definition ${id} not found`);
    if (this.byId.size >= DefinitionCache.MAX_ENTRIES) {
      const oldest = this.byId.keys().next().value;
      if (oldest) this.byId.delete(oldest);
    }
    this.byId.set(id, row);
    return row;
  }
}
