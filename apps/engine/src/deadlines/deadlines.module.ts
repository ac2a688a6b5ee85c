import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { DossiersModule } from '../dossiers/dossiers.module';
import { RuntimeModule } from '../runtime/runtime.module';
import { DeadlineRecomputeRepository } from './deadline-recompute.repository';
import { DeadlineRecomputer } from './deadline-recomputer.service';
import { DeadlineSweepRepository } from './deadline-sweep.repository';
import { DeadlineSweeper } from './deadline-sweeper.service';
import { DeadlinesController } from './deadlines.controller';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';
import { TestClockController } from './test-clock.controller';

/**
 * Legal deadlines (ADR 0004): pauses, extensions, the control sheet, the sweep that marks steps due
 * soon and overdue, and the recomputation after a calendar change. In test mode, the clock's API.
 */
@Module({})
export class DeadlinesModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DeadlinesModule,
      imports: [RuntimeModule, DossiersModule],
      controllers: [
        DeadlinesController,
        // Moving the clock is for end-to-end tests only.
        ...(config.mode === 'test' ? [TestClockController] : []),
      ],
      providers: [
        DeadlinesRepository,
        DeadlineSweepRepository,
        DeadlineRecomputeRepository,
        DeadlinesService,
        DeadlineSweeper,
        DeadlineRecomputer,
      ],
      exports: [DeadlineSweeper, DeadlineRecomputer],
    };
  }
}
