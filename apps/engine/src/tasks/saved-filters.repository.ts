import { Injectable } from '@nestjs/common';
import type { SavedFilterQueryDto } from '@lienthong/contracts';
import { Db } from '../database/db.service';

export interface SavedFilterRow {
  id: string;
  name: string;
  query: SavedFilterQueryDto;
  created_at: Date;
}

/** The filters of the inbox people saved, each person's own. */
@Injectable()
export class SavedFiltersRepository {
  constructor(private readonly db: Db) {}

  /** A person's filters by name. */
  async list(username: string): Promise<SavedFilterRow[]> {
    const { rows } = await this.db.query<SavedFilterRow>(
      `SELECT id, name, query, created_at FROM saved_filters WHERE username = $1 ORDER BY name, id`,
      [username],
    );
    return rows;
  }

  /** Saves a filter; undefined when the person already has one of that name. */
  async insert(row: SavedFilterRow & { username: string }): Promise<SavedFilterRow | undefined> {
    const { rows } = await this.db.query<SavedFilterRow>(
      `INSERT INTO saved_filters (id, username, name, query, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username, name) DO NOTHING
         RETURNING id, name, query, created_at`,
      [row.id, row.username, row.name, JSON.stringify(row.query), row.created_at],
    );
    return rows[0];
  }

  /** Deletes a person's filter; false when they have none of that id. */
  async delete(username: string, id: string): Promise<boolean> {
    const { rows } = await this.db.query<{ id: string }>(
      `DELETE FROM saved_filters WHERE id = $1 AND username = $2 RETURNING id`,
      [id, username],
    );
    return rows.length > 0;
  }
}
