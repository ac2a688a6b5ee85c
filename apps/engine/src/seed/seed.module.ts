import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module';
import { SeedRepository } from './seed.repository';
import { SeedService } from './seed.service';

/** At start-up: the demo units, the first accounts and (SEED_DEMO) the procedures of processes/. */
@Module({
  imports: [DefinitionsModule],
  providers: [SeedRepository, SeedService],
})
export class SeedModule {}
