import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../identity/auth.decorators';
import { Clock } from '../common/clock/clock';
import { DeadlineSweeper, type SweepResult } from './deadline-sweeper.service';
import { TestClockBody } from './deadlines.dto';

/**
 * Test mode only (LT_MODE=test; never mounted otherwise): end-to-end tests move the engine's clock
 * to walk a dossier across Tết or a weekend without waiting, and run a deadline sweep at once.
 */
@ApiExcludeController()
@Public()
@Controller('test')
export class TestClockController {
  constructor(
    private readonly clock: Clock,
    private readonly sweeper: DeadlineSweeper,
  ) {}

  @Put('clock')
  set(@Body() body: TestClockBody): { now: string } {
    this.clock.set(new Date(body.now));
    return { now: this.clock.now().toISOString() };
  }

  @Get('clock')
  get(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }

  @Put('sweep')
  @HttpCode(200)
  async sweep(): Promise<SweepResult | undefined> {
    // No sweep (another one holds the lock): an empty body, not `null`.
    return (await this.sweeper.sweep()) ?? undefined;
  }
}
