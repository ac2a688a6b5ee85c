import type { WorkingCalendar } from '@lienthong/calendar';

/** The working calendar in force (the official decisions of the year included); bound to CalendarService. */
export abstract class CalendarSource {
  abstract current(): WorkingCalendar;
}
