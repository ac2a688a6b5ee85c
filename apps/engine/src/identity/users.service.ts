import { Injectable } from '@nestjs/common';
import type { PageDto } from '@lienthong/contracts';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { forbidden } from './auth.problems';
import { PasswordHasher } from './password-hasher';
import { hasRole, type Principal } from './principal';
import { Revocations } from './revocations.service';
import type { CreateUserBody, UpdateUserBody, UserDto } from './users.dto';
import { assertAssignableUnit } from './assignable-unit';
import { SessionsRepository } from './sessions.repository';
import { type UserRow, UsersRepository } from './users.repository';

/** People: admins manage every account; a leader lists the people of their own unit (to assign steps). */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly hasher: PasswordHasher,
    private readonly revocations: Revocations,
  ) {}

  async list(
    query: { unit?: string; role?: string; active?: boolean; limit: number; cursor?: string },
    principal: Principal,
  ): Promise<PageDto<UserDto>> {
    let ownUnit: string | undefined;
    if (!hasRole(principal, 'admin')) {
      if (!hasRole(principal, 'leader') || principal.kind !== 'user') {
        throw forbidden(
          'Listing people needs the role admin, or leader for their own unit.',
          'ROLE_REQUIRED',
        );
      }
      ownUnit = principal.unit;
    }
    const afterUsername = query.cursor
      ? decodeCursor<{ username: string }>(query.cursor, ['username']).username
      : undefined;
    const rows = await this.users.list({ ...query, ownUnit, afterUsername });
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
      const taken = await this.users.usernameTaken(sql, body.username);
      if (taken) throw conflict(`The user name ${body.username} is taken.`, { code: 'username-taken' });
      const id = crypto.randomUUID();
      await this.users.insert(sql, {
        id,
        username: body.username,
        displayName: body.displayName,
        unitCode: body.unitCode,
        passwordHash: hash,
        isDemo: options.isDemo ?? false,
      });
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
      await this.users.update(sql, id, {
        displayName: body.displayName ?? null,
        unitCode: body.unitCode ?? null,
        active: body.active ?? null,
        passwordHash: hash ?? null,
      });
      if (body.roles !== undefined) await this.writeRoles(sql, id, body.roles);
      const rightsChanged =
        (body.unitCode !== undefined && body.unitCode !== user.unit_code) ||
        (body.roles !== undefined && [...body.roles].sort().join() !== user.roles.join()) ||
        body.active === false ||
        hash !== undefined;
      if (rightsChanged) {
        await this.sessions.revokeAllOf(sql, id);
        await this.revocations.publish(sql, 'user', id);
      }
      return toDto(await this.find(sql, id));
    });
  }

  private async writeRoles(sql: Sql, id: string, roles: readonly string[]): Promise<void> {
    await this.users.replaceRoles(sql, id, roles);
  }

  private async find(sql: Sql, id: string, forUpdate = false): Promise<UserRow> {
    const user = /^[0-9a-f-]{36}$/i.test(id) ? await this.users.find(sql, id, forUpdate) : undefined;
    if (user === undefined) throw notFound('User', id);
    return user;
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
