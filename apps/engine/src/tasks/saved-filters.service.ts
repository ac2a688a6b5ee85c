import { Injectable } from '@nestjs/common';
import type { CreateSavedFilterDto, SavedFilterDto, SavedFilterQueryDto } from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { conflict, notFound, unprocessable } from '../common/problem';
import { isUuid } from '../common/uuid.util';
import type { Principal } from '../identity/principal';
import { type SavedFilterRow, SavedFiltersRepository } from './saved-filters.repository';

/** How many filters one person may keep. */
export const MAX_SAVED_FILTERS = 50;

/** The inbox filters a person saved: theirs alone (another person's answer 404 as if they did not exist). */
@Injectable()
export class SavedFiltersService {
  constructor(
    private readonly filters: SavedFiltersRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal): Promise<SavedFilterDto[]> {
    return (await this.filters.list(principal.name)).map(toDto);
  }

  async create(body: CreateSavedFilterDto, principal: Principal): Promise<SavedFilterDto> {
    const name = body.name.trim();
    if ((await this.filters.list(principal.name)).length >= MAX_SAVED_FILTERS) {
      throw unprocessable(`At most ${MAX_SAVED_FILTERS} filters may be saved; delete one first.`, [
        { path: 'name', message: 'too many saved filters' },
      ]);
    }
    // Only the parameters given, in a stable order.
    const query = Object.fromEntries(
      Object.entries(body.query)
        .filter(([, v]) => typeof v === 'string' && v !== '')
        .sort(([a], [b]) => a.localeCompare(b)),
    ) as SavedFilterQueryDto;
    const row = await this.filters.insert({
      id: crypto.randomUUID(),
      username: principal.name,
      name,
      query,
      created_at: this.clock.now(),
    });
    if (row === undefined) {
      throw conflict(`A filter named "${name}" is already saved.`, { code: 'saved-filter-name-taken' });
    }
    return toDto(row);
  }

  async delete(id: string, principal: Principal): Promise<void> {
    if (!isUuid(id) || !(await this.filters.delete(principal.name, id))) throw notFound('Saved filter', id);
  }
}

function toDto(row: SavedFilterRow): SavedFilterDto {
  return { id: row.id, name: row.name, query: row.query, createdAt: row.created_at.toISOString() };
}
