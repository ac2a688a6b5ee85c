import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { Db } from '../database/db.service';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { PasswordHasher } from './password-hasher';

/**
 * At boot (called by SeedService once the units exist): the demo accounts (demo seed only), the first administrator from ADMIN_USERNAME /
 * ADMIN_PASSWORD when that account does not exist yet, and the production guard: production mode
 * refuses to start while a demo account is active.
 */
@Injectable()
export class IdentitySeed {
  private readonly logger = new Logger(IdentitySeed.name);

  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  async run(): Promise<void> {
    if (this.config.mode === 'production') {
      const { rows } = await this.db.query<{ username: string }>(
        `SELECT username FROM users WHERE is_demo AND active ORDER BY username LIMIT 5`,
      );
      if (rows.length > 0) {
        throw new Error(
          `Production mode refuses to start with demo accounts (${rows.map((r) => r.username).join(', ')}…): ` +
            `disable them (PATCH /api/v1/users/{id} {"active": false}) or use another database.`,
        );
      }
    }
    if (this.config.seedDemo) await this.seedDemoAccounts();
    const admin = this.config.auth.bootstrapAdmin;
    if (admin !== null) await this.seedAdmin(admin.username, admin.password, admin.unit);
  }

  private async seedDemoAccounts(): Promise<void> {
    const hash = await this.hasher.hash(this.config.auth.demoPassword);
    const { rows } = await this.db.query<{ username: string }>(
      `WITH a AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS a(username text, display_name text, unit_code text, roles text[])),
            u AS (INSERT INTO users (id, username, display_name, unit_code, password_hash, is_demo)
                  SELECT gen_random_uuid(), a.username, a.display_name, a.unit_code, $2, true
                    FROM a JOIN units ON units.code = a.unit_code
                  ON CONFLICT (username) DO NOTHING RETURNING id, username),
            r AS (INSERT INTO user_roles (user_id, role) SELECT u.id, unnest(a.roles) FROM u JOIN a USING (username) RETURNING 1)
       SELECT username FROM u`,
      [
        JSON.stringify(
          DEMO_ACCOUNTS.map((a) => ({
            username: a.username,
            display_name: a.displayName,
            unit_code: a.unitCode,
            roles: a.roles,
          })),
        ),
        hash,
      ],
    );
    if (rows.length > 0) this.logger.log(`Seeded ${rows.length} demo accounts (password: DEMO_PASSWORD)`);
  }

  private async seedAdmin(username: string, password: string, unit: string): Promise<void> {
    const exists = await this.db.query(`SELECT 1 FROM users WHERE username = $1`, [username]);
    if (exists.rows.length > 0) return;
    const hash = await this.hasher.hash(password);
    await this.db.transaction(async (sql) => {
      const { rows } = await sql<{ id: string }>(
        `INSERT INTO users (id, username, display_name, unit_code, password_hash) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
        [username, 'Quản trị hệ thống', unit, hash],
      );
      await sql(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'admin')`, [rows[0]!.id]);
    });
    this.logger.log(`Created the administrator ${username} (ADMIN_USERNAME) in unit ${unit}`);
  }
}
