import { Injectable } from '@nestjs/common';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import type { UserDto } from './users.dto';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  roles: UserDto['roles'];
  active: boolean;
  oidc_subject: string | null;
  created_at: Date;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.unit_code, u.active, u.oidc_subject, u.created_at,
    COALESCE((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
  FROM users u`;

/** An account as sign-in reads it (its unit's name, its password hash). */
export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  unit_name: string | null;
  password_hash: string | null;
  active: boolean;
  roles: string[];
}

const ACCOUNT_SELECT = `SELECT u.id, u.username, u.display_name, u.unit_code, un.name AS unit_name, u.password_hash, u.active,
         COALESCE((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
    FROM users u LEFT JOIN units un ON un.code = u.unit_code`;

/**
 * Statements on users and their roles (user_roles). Those that take `sql` run in the caller's
 * transaction (a change of an account and its roles commit together).
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  /**
   * A page by user name, after `afterUsername`, one more than `limit`: of `ownUnit` (a leader's list),
   * then filtered by unit, activity and role.
   */
  async list(query: {
    ownUnit?: string;
    unit?: string;
    role?: string;
    active?: boolean;
    afterUsername?: string;
    limit: number;
  }): Promise<UserRow[]> {
    const filter = new SqlFilter();
    if (query.ownUnit !== undefined) filter.add('u.unit_code = ?', query.ownUnit);
    filter.addIf(query.unit, 'u.unit_code = ?').addIf(query.active, 'u.active = ?');
    filter.addIf(query.role, 'EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)');
    if (query.afterUsername !== undefined) filter.add('u.username > ?', query.afterUsername);
    const { rows } = await this.db.query<UserRow>(
      `${SELECT} ${filter.where} ORDER BY u.username LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  async find(sql: Sql, id: string, forUpdate = false): Promise<UserRow | undefined> {
    const { rows } = await sql<UserRow>(`${SELECT} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [
      id,
    ]);
    return rows[0];
  }

  async usernameTaken(sql: Sql, username: string): Promise<boolean> {
    const taken = await sql(`SELECT 1 FROM users WHERE username = $1`, [username]);
    return taken.rows.length > 0;
  }

  async insert(
    sql: Sql,
    u: {
      id: string;
      username: string;
      displayName: string;
      unitCode: string;
      passwordHash: string | null;
      isDemo: boolean;
    },
  ): Promise<void> {
    await sql(
      `INSERT INTO users (id, username, display_name, unit_code, password_hash, is_demo) VALUES ($1, $2, $3, $4, $5, $6)`,
      [u.id, u.username, u.displayName, u.unitCode, u.passwordHash, u.isDemo],
    );
  }

  /** Changes the given fields (null: unchanged). */
  async update(
    sql: Sql,
    id: string,
    u: {
      displayName: string | null;
      unitCode: string | null;
      active: boolean | null;
      passwordHash: string | null;
    },
  ): Promise<void> {
    await sql(
      `UPDATE users SET display_name = COALESCE($2, display_name), unit_code = COALESCE($3, unit_code),
                active = COALESCE($4, active), password_hash = COALESCE($5, password_hash), updated_at = now()
          WHERE id = $1`,
      [id, u.displayName, u.unitCode, u.active, u.passwordHash],
    );
  }

  /** The user's roles become `roles`. */
  async replaceRoles(sql: Sql, id: string, roles: readonly string[]): Promise<void> {
    await sql(`DELETE FROM user_roles WHERE user_id = $1`, [id]);
    if (roles.length > 0) {
      await sql(`INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::text[])`, [id, [...roles]]);
    }
  }

  /** Up to five active demo accounts (production refuses to start with any). */
  async activeDemoAccounts(): Promise<Array<{ username: string }>> {
    const { rows } = await this.db.query<{ username: string }>(
      `SELECT username FROM users WHERE is_demo AND active ORDER BY username LIMIT 5`,
    );
    return rows;
  }

  /** Creates the demo accounts whose unit exists and whose name is free, with their roles; answers those made. */
  async insertDemoAccounts(
    accounts: Array<{ username: string; display_name: string; unit_code: string; roles: readonly string[] }>,
    passwordHash: string,
  ): Promise<Array<{ username: string }>> {
    const { rows } = await this.db.query<{ username: string }>(
      `WITH a AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(username text, display_name text, unit_code text, roles text[])),
            u AS (INSERT INTO users (id, username, display_name, unit_code, password_hash, is_demo)
                  SELECT gen_random_uuid(), a.username, a.display_name, a.unit_code, $2, true
                    FROM a JOIN units ON units.code = a.unit_code
                  ON CONFLICT (username) DO NOTHING RETURNING id, username),
            r AS (INSERT INTO user_roles (user_id, role) SELECT u.id, unnest(a.roles) FROM u JOIN a USING (username) RETURNING 1)
       SELECT username FROM u`,
      [JSON.stringify(accounts), passwordHash],
    );
    return rows;
  }

  /** Creates the first administrator's account; answers its id. */
  async insertAdmin(
    sql: Sql,
    username: string,
    displayName: string,
    unit: string,
    passwordHash: string,
  ): Promise<string> {
    const { rows } = await sql<{ id: string }>(
      `INSERT INTO users (id, username, display_name, unit_code, password_hash) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [username, displayName, unit, passwordHash],
    );
    return rows[0]!.id;
  }

  async grantAdmin(sql: Sql, userId: string): Promise<void> {
    await sql(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'admin')`, [userId]);
  }

  /** The account `username` (lower case), for sign-in. */
  async accountByName(username: string): Promise<AccountRow | undefined> {
    const { rows } = await this.db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE u.username = $1`, [username]);
    return rows[0];
  }

  async accountById(id: string): Promise<AccountRow | undefined> {
    return (await this.db.query<AccountRow>(`${ACCOUNT_SELECT} WHERE u.id = $1`, [id])).rows[0];
  }
}
