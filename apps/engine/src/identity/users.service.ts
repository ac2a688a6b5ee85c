import { Injectable } from '@nestjs/common';
import type { PageDto } from '@lienthong/contracts';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { forbidden } from './auth.problems';
import { PasswordHasher } from './password-hasher';
import { hasRole, type Principal } from './principal';
import { Revocations } from './revocations.service';
import type { CreateUserBody, UpdateUserBody, UserDto } from './users.dto';
import { assertAssignableUnit } from './assignable-unit';

interface UserRow {
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

/** People: admins manage every account; a leader lists the people of their own unit (to assign steps). */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly revocations: Revocations,
  ) {}

  async list(
    query: { unit?: string; role?: string; active?: boolean; limit: number; cursor?: string },
    principal: Principal,
  ): Promise<PageDto<UserDto>> {
    const filter = new SqlFilter();
    if (!hasRole(principal, 'admin')) {
      if (!hasRole(principal, 'leader') || principal.kind !== 'user') {
        throw forbidden(
          'Listing people needs the role admin, or leader for their own unit.',
          'ROLE_REQUIRED',
        );
      }
      filter.add('u.unit_code = ?', principal.unit);
    }
    filter.addIf(query.unit, 'u.unit_code = ?').addIf(query.active, 'u.active = ?');
    filter.addIf(query.role, 'EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)');
    if (query.cursor)
      filter.add('u.username > ?', decodeCursor<{ username: string }>(query.cursor, ['username']).username);
    const { rows } = await this.db.query<UserRow>(
      `${SELECT} ${filter.where} ORDER BY u.username LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return toPage(rows.map(toDto), query.limit, (u) => ({ username: u.username }));
  }

  async get(id: string, principal: Principal): Promise<UserDto> {
    const user = await this.find(this.db.query, id);
    const self = principal.kind === 'user' && principal.id === user.id;
    const leaderOfUnit = hasRole(principal, 'leader') && principal.unit === user.unit_code;
    if (!self && !leaderOfUnit && !hasRole(principal, 'admin')) throw notFound('User', id);
    return toDto(user);
  }

  async create(body: CreateUserBody, options: { isDemo?: boolean } = {}): Promise<UserDto> {
    const hash = body.password === undefined ? null : await this.hasher.hash(body.password);
    return this.db.transaction(async (sql) => {
      await assertAssignableUnit(sql, body.unitCode);
      const taken = await sql(`SELECT 1 FROM users WHERE username = $1`, [body.username]);
      if (taken.rows.length > 0)
        throw conflict(`The user name ${body.username} is taken.`, { code: 'username-taken' });
      const id = crypto.randomUUID();
      await sql(
        `INSERT INTO users (id, username, display_name, unit_code, password_hash, is_demo) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, body.username, body.displayName, body.unitCode, hash, options.isDemo ?? false],
      );
      await this.writeRoles(sql, id, body.roles);
      return toDto(await this.find(sql, id));
    });
  }

  /** Changes that alter what the person may do (unit, roles, password, disabling) end their sessions. */
  async update(id: string, body: UpdateUserBody, principal: Principal): Promise<UserDto> {
    if (
      principal.kind === 'user' &&
      principal.id === id &&
      (body.active === false || (body.roles && !body.roles.includes('admin')))
    ) {
      throw unprocessable('Administrators cannot disable themselves or remove their own admin role.', [
        { path: body.active === false ? 'active' : 'roles', message: 'would lock you out' },
      ]);
    }
    const hash = body.password === undefined ? undefined : await this.hasher.hash(body.password);
    return this.db.transaction(async (sql) => {
      const user = await this.find(sql, id, true);
      if (body.unitCode !== undefined) await assertAssignableUnit(sql, body.unitCode);
      await sql(
        `UPDATE users SET display_name = COALESCE($2, display_name), unit_code = COALESCE($3, unit_code),
                active = COALESCE($4, active), password_hash = COALESCE($5, password_hash), updated_at = now()
          WHERE id = $1`,
        [id, body.displayName ?? null, body.unitCode ?? null, body.active ?? null, hash ?? null],
      );
      if (body.roles !== undefined) await this.writeRoles(sql, id, body.roles);
      const rightsChanged =
        (body.unitCode !== undefined && body.unitCode !== user.unit_code) ||
        (body.roles !== undefined && [...body.roles].sort().join() !== user.roles.join()) ||
        body.active === false ||
        hash !== undefined;
      if (rightsChanged) {
        await sql(
          `UPDATE sessions SET revoked_at = now(), revoked_reason = 'account_changed' WHERE user_id = $1 AND revoked_at IS NULL`,
          [id],
        );
        await this.revocations.publish(sql, 'user', id);
      }
      return toDto(await this.find(sql, id));
    });
  }

  private async writeRoles(sql: Sql, id: string, roles: readonly string[]): Promise<void> {
    await sql(`DELETE FROM user_roles WHERE user_id = $1`, [id]);
    if (roles.length > 0) {
      await sql(`INSERT INTO user_roles (user_id, role) SELECT $1, unnest($2::text[])`, [id, [...roles]]);
    }
  }

  private async find(sql: Sql, id: string, forUpdate = false): Promise<UserRow> {
    const { rows } = /^[0-9a-f-]{36}$/i.test(id)
      ? await sql<UserRow>(`${SELECT} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id])
      : { rows: [] };
    if (rows[0] === undefined) throw notFound('User', id);
    return rows[0];
  }
}

function toDto(r: UserRow): UserDto {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unitCode: r.unit_code,
    roles: r.roles,
    active: r.active,
    oidc: r.oidc_subject !== null,
    createdAt: iso(r.created_at) as string,
  };
}
