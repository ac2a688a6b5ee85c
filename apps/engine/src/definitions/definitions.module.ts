import { Module } from '@nestjs/common';
import { DefinitionsController } from './definitions.controller';
import { DefinitionsRepository } from './definitions.repository';
import { DefinitionsService } from './definitions.service';
import { ProceduresCatalogue } from './procedures.catalogue';
import { ProceduresController } from './procedures.controller';

/** Procedures as deployed BPMN: validation, versions, the catalogue. Table: definitions. */
@Module({
  controllers: [DefinitionsController, ProceduresController],
  providers: [DefinitionsRepository, DefinitionsService, ProceduresCatalogue],
  exports: [DefinitionsService],
})
export class DefinitionsModule {}
