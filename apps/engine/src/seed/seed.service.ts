import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { DefinitionsService } from '../definitions/definitions.service';
import { IdentitySeed } from '../identity/identity-seed.service';
import { DEMO_UNITS } from './demo-units';

interface CatalogueEntry {
  key: string;
  name: string;
  versions: Array<{ file: string }>;
}

/**
 * First start: the organisation units, the accounts (see IdentitySeed), and every procedure of `processes/catalogue.json`, each of
 * its versions deployed and published in order (so the last one receives new dossiers). A key
 * that already has versions is left alone: what people published since is never overwritten.
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: DefinitionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly identity: IdentitySeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.logger.log(
      this.config.seedDemo ? 'Seeding units, accounts and the demo procedures' : 'Seeding units and accounts',
    );
    await this.seedUnits();
    await this.identity.run();
    if (this.config.seedDemo) await this.seedProcesses();
  }

  async seedUnits(): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO units (code, e_identifier, name, level, parent_code, valid_from, valid_to)
       SELECT u.code, u.e_identifier, u.name, u.level, u.parent_code, u.valid_from, u.valid_to
         FROM jsonb_to_recordset($1::jsonb) AS u(code text, e_identifier text, name text, level text, parent_code text,
              valid_from date, valid_to date)
       ON CONFLICT (code) DO NOTHING`,
      [
        JSON.stringify(
          DEMO_UNITS.map((u) => ({
            code: u.code,
            e_identifier: u.eIdentifier,
            name: u.name,
            level: u.level,
            parent_code: u.parentCode,
            valid_from: u.validFrom,
            valid_to: u.validTo,
          })),
        ),
      ],
    );
  }

  async seedProcesses(): Promise<void> {
    const root = join(this.config.repoRoot, 'processes');
    const catalogue = JSON.parse(await readFile(join(root, 'catalogue.json'), 'utf8')) as CatalogueEntry[];
    for (const procedure of catalogue) {
      const existing = (await this.dataSource.query(`SELECT 1 FROM definitions WHERE key = $1 LIMIT 1`, [
        procedure.key,
      ])) as unknown[];
      if (existing.length > 0) continue;
      for (const v of procedure.versions) {
        const deployed = await this.definitions.deploy(await readFile(join(root, v.file), 'utf8'));
        await this.definitions.publish(deployed.key, deployed.version);
        this.logger.log(
          `Seeded ${procedure.name} (${deployed.key} v${deployed.version}) from processes/${v.file}`,
        );
      }
    }
  }
}
