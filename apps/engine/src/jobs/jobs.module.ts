import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { JobWorker } from './job-worker.service';
import { JobsRepository } from './jobs.repository';

/** The jobs table's worker (ADR 0002): timers, retries and other work due at an instant. */
@Module({
  imports: [RuntimeModule],
  providers: [JobsRepository, JobWorker],
  exports: [JobWorker],
})
export class JobsModule {}
