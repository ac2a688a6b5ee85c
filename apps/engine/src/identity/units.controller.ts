import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { RequireRoles } from './auth.decorators';
import {
  CreateUnitBody,
  MergeResultDto,
  MergeUnitBody,
  UnitDto,
  UnitListQuery,
  UpdateUnitBody,
} from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOperation({ summary: 'The organisation tree as a list (parentCode links), roots first' })
  @ApiOkResponse({ type: UnitDto, isArray: true })
  list(@Query() query: UnitListQuery): Promise<UnitDto[]> {
    return this.units.list(query);
  }

  @Get(':code')
  @ApiOkResponse({ type: UnitDto })
  @ApiProblemResponses(404)
  get(@Param('code') code: string): Promise<UnitDto> {
    return this.units.get(code);
  }

  @Post()
  @RequireRoles('admin')
  @Audit('unit.create', { target: 'unit' })
  @ApiOperation({ summary: 'Add a unit (admin)' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiProblemResponses(400, 403, 409, 422)
  create(@Body() body: CreateUnitBody): Promise<UnitDto> {
    return this.units.create(body);
  }

  @Patch(':code')
  @RequireRoles('admin')
  @Audit('unit.update', { target: 'unit' })
  @ApiOperation({ summary: 'Rename, move in the tree or retire (validTo) a unit (admin)' })
  @ApiOkResponse({ type: UnitDto })
  @ApiProblemResponses(400, 403, 404, 422)
  update(@Param('code') code: string, @Body() body: UpdateUnitBody): Promise<UnitDto> {
    return this.units.update(code, body);
  }

  @Post(':code/merge')
  @HttpCode(200)
  @RequireRoles('admin')
  @Audit('unit.merge', { target: 'unit' })
  @ApiOperation({
    summary:
      'Merge a unit into another (admin): its open steps, its people and future steps go to the successor',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  merge(@Param('code') code: string, @Body() body: MergeUnitBody): Promise<MergeResultDto> {
    return this.units.merge(code, body);
  }
}
