import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Db } from '../database/db.service';
import { mergedUnits } from './units.repository';

const RELOAD_MS = 30_000;

/**
 * The units that were merged into another, kept in memory: a step a process still addresses to a merged
 * unit's code goes to its successor (the BPMN need not be redrawn the day of a merger). Reloaded after a
 * local change and every 30 s (another engine process's merger is seen within that time).
 */
@Injectable()
export class UnitDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UnitDirectory.name);
  private merged = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.logger.warn(`Reloading merged units failed: ${String(error)}`),
      );
    }, RELOAD_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    const rows = await mergedUnits(this.db.query);
    this.merged = new Map(rows.map((r) => [r.code, r.merged_into]));
  }

  /**
   * The unit that holds steps addressed to `code` today: the interpreter's `resolveUnit`, applied to the
   * tasks a command creates. One function for the service's life (no closure per step).
   */
  readonly resolve = (code: string): string => {
    if (this.merged.size === 0) return code;
    let current = code;
    for (let i = 0; i < 10 && this.merged.has(current); i++) current = this.merged.get(current)!;
    return current;
  };
}
