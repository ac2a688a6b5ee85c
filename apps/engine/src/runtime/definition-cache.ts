import { Injectable } from '@nestjs/common';
import type { ProcessGraph } from '@lienthong/bpmn';
import type { Sql } from '../database/db.service';

export interface CachedDefinition {
  id: string;
  key: string;
  version: number;
  name: string;
  graph: ProcessGraph;
}

/**
 * Compiled graphs by definition id. A deployed version never changes, so entries never go stale;
 * the map is bounded to keep memory flat when many versions are touched.
 */
@Injectable()
export class DefinitionCache {
  private readonly byId = new Map<string, CachedDefinition>();
  private static readonly MAX_ENTRIES = 500;

  async get(sql: Sql, id: string): Promise<CachedDefinition> {
    const hit = this.byId.get(id);
    if (hit) return hit;
    const { rows } = await sql<CachedDefinition>(
      `SELECT id, key, version, name, graph FROM definitions WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new Error(`Definition ${id} not found`);
    if (this.byId.size >= DefinitionCache.MAX_ENTRIES) {
      const oldest = this.byId.keys().next().value;
      if (oldest) this.byId.delete(oldest);
    }
    this.byId.set(id, row);
    return row;
  }
}
