import { Injectable } from '@nestjs/common';

/** The only place the engine reads the time; tests replace it to move time forward. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
