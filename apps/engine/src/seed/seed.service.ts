import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config';
import { DefinitionsService } from '../definitions/definitions.service';
import { IdentitySeed } from '../identity/identity-seed.service';
import { DEMO_UNITS } from './demo-units';
import { SeedRepository } from './seed.repository';

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
    private readonly seed: SeedRepository,
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
    await this.seed.insertUnits(
      DEMO_UNITS.map((u) => ({
        code: u.code,
        e_identifier: u.eIdentifier,
        name: u.name,
        level: u.level,
        parent_code: u.parentCode,
        valid_from: u.validFrom,
        valid_to: u.validTo,
      })),
    );
  }

  async seedProcesses(): Promise<void> {
    const root = join(this.config.repoRoot, 'processes');
    const catalogue = JSON.parse(await readFile(join(root, 'catalogue.json'), 'utf8')) as CatalogueEntry[];
    for (const procedure of catalogue) {
      if (await this.seed.hasDefinition(procedure.key)) continue;
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
