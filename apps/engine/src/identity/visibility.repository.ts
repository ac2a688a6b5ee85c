import type { SqlFilter } from '../common/sql/sql-filter.util';
import type { Sql } from '../database/db.service';
import { hasRole, type Principal } from './principal';

// The SQL of the visibility rules (Authz, "People, units and rights" in the README): the conditions
// Authz adds to a list's filter, and the two reads its checks make in the caller's transaction.
// Functions, not a provider: Authz holds no state and is used inside other contexts' statements.

/** Adds to `filter` the steps (on `alias`) the principal may see (its inbox). */
export function addVisibleTasks(filter: SqlFilter, principal: Principal, alias: string): void {
  if (principal.kind === 'api_key') {
    filter.add(`${alias}.unit = ?`, principal.unit);
    if (principal.topics)
      filter.add(`(${alias}.kind <> 'external' OR ${alias}.topic = ANY(?::text[]))`, [...principal.topics]);
    return;
  }
  if (hasRole(principal, 'leader')) {
    filter.add(`${alias}.unit = ?`, principal.unit);
    return;
  }
  // Officers also follow the unit's external tasks (read only), as assertTask allows.
  filter.add(
    `${alias}.unit = ? AND ((${alias}.kind = 'user' AND (${alias}.assignee = ? OR ${alias}.candidate_role = ANY(?::text[])
        OR (${alias}.candidate_role IS NULL AND ? && ARRAY['officer','leader'])))
        OR (${alias}.kind = 'external' AND 'officer' = ANY(?::text[])))`,
    principal.unit,
    principal.name,
    [...principal.roles],
    [...principal.roles],
    [...principal.roles],
  );
}

/** Adds to `filter` the dossiers (on `alias`) the principal may see. */
export function addVisibleDossiers(filter: SqlFilter, principal: Principal, alias: string): void {
  filter.add(
    `(${alias}.receiving_unit = ? OR EXISTS (SELECT 1 FROM tasks vt WHERE vt.dossier_id = ${alias}.id AND vt.unit = ?))`,
    principal.unit,
    principal.unit,
  );
}

/** Whether `unit` held or holds a step of the dossier. */
export async function unitHeldAStep(sql: Sql, dossierId: string, unit: string): Promise<boolean> {
  const { rows } = await sql(`SELECT 1 FROM tasks WHERE dossier_id = $1 AND unit = $2 LIMIT 1`, [
    dossierId,
    unit,
  ]);
  return rows.length > 0;
}

/** Whether `unit` holds an active step of the dossier. */
export async function unitHoldsAnActiveStep(sql: Sql, dossierId: string, unit: string): Promise<boolean> {
  const { rows } = await sql(
    `SELECT 1 FROM tasks WHERE dossier_id = $1 AND unit = $2 AND status = 'active' LIMIT 1`,
    [dossierId, unit],
  );
  return rows.length > 0;
}
