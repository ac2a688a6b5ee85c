import { Injectable, Logger } from '@nestjs/common';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { Db } from '../database/db.service';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

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
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  async run(): Promise<void> {
    if (this.config.mode === 'production') {
      const rows = await this.users.activeDemoAccounts();
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
    const rows = await this.users.insertDemoAccounts(
      DEMO_ACCOUNTS.map((a) => ({
        username: a.username,
        display_name: a.displayName,
        unit_code: a.unitCode,
        roles: a.roles,
      })),
      hash,
    );
    if (rows.length > 0) this.logger.log(`Seeded ${rows.length} demo accounts (password: DEMO_PASSWORD)`);
  }

  private async seedAdmin(username: string, password: string, unit: string): Promise<void> {
    if (await this.users.usernameTaken(this.db.query, username)) return;
    const hash = await this.hasher.hash(password);
    await this.db.transaction(async (sql) => {
      const id = await this.users.insertAdmin(sql, username, 'Quản trị hệ thống', unit, hash);
      await this.users.grantAdmin(sql, id);
    });
    this.logger.log(`Created the administrator ${username} (ADMIN_USERNAME) in unit ${unit}`);
  }
}
