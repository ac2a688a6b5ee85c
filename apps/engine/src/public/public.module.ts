import { Module } from '@nestjs/common';
import { PublicLookupController } from './public-lookup.controller';

/** What anyone may see without signing in: where a dossier stands, by its code. */
@Module({
  controllers: [PublicLookupController],
})
export class PublicModule {}
