import { Module } from '@nestjs/common';
import { DefinitionsController } from './definitions.controller';
import { DefinitionsRepository } from './definitions.repository';
import { DefinitionsService } from './definitions.service';

/** Procedures as deployed BPMN: validation, versions, the catalogue. Table: definitions. */
@Module({
  controllers: [DefinitionsController],
  providers: [DefinitionsRepository, DefinitionsService],
  exports: [DefinitionsService],
})
export class DefinitionsModule {}
