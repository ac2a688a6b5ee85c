import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';

/** Dossiers: receiving one (starting its procedure), reading, listing, cancelling, their history. */
@Module({
  imports: [RuntimeModule],
  controllers: [DossiersController],
  providers: [DossiersService],
  exports: [DossiersService],
})
export class DossiersModule {}
