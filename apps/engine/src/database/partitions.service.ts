import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { Db } from './db.service';
import { ensurePartitions } from './partitions.repository';

/** Months of partitions kept ahead of the current one. */
export const MONTHS_AHEAD = 3;
const EVERY_MS = 6 * 3_600_000;

/**
 * Keeps the month partitions of the append-only tables (ADR 0011) created ahead: at startup, before
 * the engine serves, then every 6 hours. Idempotent and safe with several engine processes (the
 * database function takes an advisory lock); a row dated past them lands in the DEFAULT partition
 * and moves to its month when that month is created.
 */
@Injectable()
export class PartitionsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PartitionsService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => {
      this.ensure().catch((error: unknown) =>
        this.logger.warn(`Creating the next month partitions failed: ${String(error)}`),
      );
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }

  /** Creates the missing partitions up to MONTHS_AHEAD months from now; how many it created. */
  async ensure(): Promise<number> {
    const made = await ensurePartitions(this.db.query, this.clock.now(), MONTHS_AHEAD);
    if (made > 0) this.logger.log(`Created ${made} month partitions`);
    return made;
  }
}
