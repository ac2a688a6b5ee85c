import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProcedureDto } from './definitions.dto';
import { ProceduresCatalogue } from './procedures.catalogue';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('procedures')
export class ProceduresController {
  constructor(private readonly catalogue: ProceduresCatalogue) {}

  @Get()
  @ApiOperation({
    summary: 'The catalogue of procedures (processes/catalogue.json): code, name, field and process key',
  })
  @ApiOkResponse({ type: ProcedureDto, isArray: true })
  list(): ProcedureDto[] {
    return this.catalogue.list();
  }
}
