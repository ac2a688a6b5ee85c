import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { Public } from '../identity/auth.decorators';
import { HealthDto, LivenessDto, ReadinessDto } from './health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and database readiness' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblemResponses(503)
  check(): Promise<HealthDto> {
    return this.health.check();
  }

  @Get('live')
  @ApiOperation({
    summary: 'Liveness: the process serves requests',
    description: 'Never asks the database: a process manager restarts the engine only when this fails.',
  })
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return this.health.live();
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the database answers and every migration of this version has run',
    description: 'A load balancer sends requests only to engines that answer 200 here (503 otherwise).',
  })
  @ApiOkResponse({ type: ReadinessDto })
  @ApiProblemResponses(503)
  ready(): Promise<ReadinessDto> {
    return this.health.ready();
  }
}
