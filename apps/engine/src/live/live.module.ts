import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LiveEvents } from './live-events.service';
import { LiveStreams } from './live-streams.service';
import { TaskEventsRepository } from './task-events.repository';

/** Live inbox updates: task_events read every 250 ms while a stream is open, streamed to browsers by server-sent events. */
@Module({
  controllers: [LiveController],
  providers: [TaskEventsRepository, LiveEvents, LiveStreams],
  exports: [LiveEvents],
})
export class LiveModule {}
