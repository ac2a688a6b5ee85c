import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { ProcedureDto } from '@lienthong/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

interface CatalogueEntry {
  key?: unknown;
  code?: unknown;
  name?: unknown;
  field?: unknown;
}

/** The procedures of `processes/catalogue.json` as the designer picks them, sorted by code. */
export function proceduresOf(entries: unknown): ProcedureDto[] {
  if (!Array.isArray(entries)) return [];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const out: ProcedureDto[] = [];
  for (const e of entries as CatalogueEntry[]) {
    const key = text(e?.key);
    const code = text(e?.code);
    if (!key || !code) continue;
    out.push({ key, code, name: text(e.name) ?? key, field: text(e.field) });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code) || a.key.localeCompare(b.key));
}

/** The catalogue of procedures shipped with the repository, read once. */
@Injectable()
export class ProceduresCatalogue {
  private procedures?: ProcedureDto[];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  list(): ProcedureDto[] {
    this.procedures ??= proceduresOf(
      JSON.parse(readFileSync(join(this.config.repoRoot, 'processes', 'catalogue.json'), 'utf8')),
    );
    return this.procedures;
  }
}
