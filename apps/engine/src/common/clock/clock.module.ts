import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** One clock for the whole engine (so that test mode can move it for everyone). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
