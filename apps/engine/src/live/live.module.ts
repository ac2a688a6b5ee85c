import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LiveEvents } from './live-events.service';
import { LiveStreams } from './live-streams.service';
import { TaskEventsRepository } from './task-events.repository';

/** Live inbox updates: task_events read after their NOTIFY, streamed to browsers by server-sent events. */
@Module({
  controllers: [LiveController],
  providers: [TaskEventsRepository, LiveEvents, LiveStreams],
  exports: [LiveEvents],
})
export class LiveModule {}
