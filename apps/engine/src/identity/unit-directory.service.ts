import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { StepResult } from '@lienthong/engine-core';
import { Db } from '../database/db.service';

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
    const { rows } = await this.db.query<{ code: string; merged_into: string }>(
      `SELECT code, merged_into FROM units WHERE merged_into IS NOT NULL`,
    );
    this.merged = new Map(rows.map((r) => [r.code, r.merged_into]));
  }

  /** The unit that holds steps addressed to `code` today. */
  resolve(code: string): string;
  resolve(code: string | null): string | null;
  resolve(code: string | null): string | null {
    let current = code;
    for (let i = 0; current !== null && i < 10 && this.merged.has(current); i++)
      current = this.merged.get(current)!;
    return current;
  }

  /** Rewrites the units of the steps a command creates (effects and waiting tokens) to their successors. */
  redirectMerged(result: StepResult): void {
    if (this.merged.size === 0) return;
    for (const effect of result.effects) {
      if (effect.type === 'taskCreated' && effect.task.unit !== null) {
        (effect.task as { unit: string | null }).unit = this.resolve(effect.task.unit);
      }
    }
    for (const token of Object.values(result.state.tokens)) {
      if (token.wait?.kind === 'task' && token.wait.unit !== null) {
        (token.wait as { unit: string | null }).unit = this.resolve(token.wait.unit);
      }
    }
  }
}
