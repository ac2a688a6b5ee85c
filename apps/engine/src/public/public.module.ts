import { Module } from '@nestjs/common';
import { PublicLookupController } from './public-lookup.controller';
import { PublicRepository } from './public.repository';

/** What anyone may see without signing in: where a dossier stands, by its code. */
@Module({
  controllers: [PublicLookupController],
  providers: [PublicRepository],
})
export class PublicModule {}
