import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { DossiersController } from './dossiers.controller';
import { DossiersRepository } from './dossiers.repository';
import { DossiersService } from './dossiers.service';

/** Dossiers: receiving one (starting its procedure), reading, listing, cancelling, their history. */
@Module({
  imports: [RuntimeModule],
  controllers: [DossiersController],
  providers: [DossiersRepository, DossiersService],
  exports: [DossiersService],
})
export class DossiersModule {}
