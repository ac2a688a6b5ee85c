import { Module } from '@nestjs/common';
import { DraftsController } from './drafts.controller';
import { DraftsRepository } from './drafts.repository';
import { DraftsService } from './drafts.service';

/** The process designer's drafts, saved on the server (see DraftsService). */
@Module({
  controllers: [DraftsController],
  providers: [DraftsRepository, DraftsService],
})
export class DraftsModule {}
