import { unprocessable } from '../common/problem/problem.exception';
import type { Sql } from '../database/db.service';
import { unitStanding } from './units.repository';

/**
 * Refuses (422, path `unitCode`) a unit that does not exist or was merged into another: accounts, API
 * keys and webhook subscriptions are made for units that still stand. `forShare` keeps the unit row
 * from being merged until the caller's transaction ends.
 */
export async function assertAssignableUnit(sql: Sql, code: string, forShare = false): Promise<void> {
  const unit = await unitStanding(sql, code, forShare);
  if (unit === undefined)
    throw unprocessable(`Unknown unit ${code}.`, [{ path: 'unitCode', message: 'unknown unit' }]);
  if (unit.merged_into !== null) {
    throw unprocessable(`Unit ${code} was merged into ${unit.merged_into}.`, [
      { path: 'unitCode', message: 'merged unit' },
    ]);
  }
}
