import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

/** Messages from other systems, correlated to the dossiers awaiting them (or buffered until one does). */
@Module({
  imports: [RuntimeModule],
  controllers: [MessagesController],
  providers: [MessagesRepository, MessagesService],
})
export class MessagesModule {}
