import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseBpmn } from '@lienthong/bpmn';
import type { PageDto } from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { decodeCursor, toPage } from '../common/pagination';
import { badRequest, conflict, notFound } from '../common/problem';
import { iso } from '../common/sql/sql-filter.util';
import { isUuid } from '../common/uuid.util';
import type { Principal } from '../identity/principal';
import type { CreateDraftBody, DraftDto, DraftListQuery, DraftSummaryDto, SaveDraftBody } from './drafts.dto';
import { type DraftRow, DraftsRepository } from './drafts.repository';

/**
 * The process designer's drafts: saved from the browser (autosave) with a revision, so that of two
 * designers editing one draft the second save is refused (409 `draft-conflict`) instead of overwriting.
 */
@Injectable()
export class DraftsService {
  constructor(
    private readonly drafts: DraftsRepository,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateDraftBody, principal: Principal): Promise<DraftDto> {
    const process = await readProcess(body.xml);
    const row = await this.drafts.insert({
      id: randomUUID(),
      key: process.key,
      name: body.name ?? process.name,
      xml: body.xml,
      baseVersion: body.baseVersion ?? null,
      by: principal.name,
      at: this.clock.now(),
    });
    return toDto(row);
  }

  async list(query: DraftListQuery): Promise<PageDto<DraftSummaryDto>> {
    const after = query.cursor
      ? decodeCursor<{ updatedAt: string; id: string }>(query.cursor, ['updatedAt', 'id'])
      : undefined;
    const rows = await this.drafts.list({ key: query.key, after, limit: query.limit });
    return toPage(rows.map(toSummary), query.limit, (d) => ({ updatedAt: d.updatedAt, id: d.id }));
  }

  async get(id: string): Promise<DraftDto> {
    const row = isUuid(id) ? await this.drafts.find(id) : undefined;
    if (row === undefined) throw notFound('Draft', id);
    return toDto(row);
  }

  /** Saves over `body.revision`; a draft saved since by anyone is a 409 naming who and when. */
  async save(id: string, body: SaveDraftBody, principal: Principal): Promise<DraftDto> {
    if (!isUuid(id)) throw notFound('Draft', id);
    const process = await readProcess(body.xml);
    const current = await this.drafts.find(id);
    if (current === undefined) throw notFound('Draft', id);
    const row = await this.drafts.save(id, body.revision, {
      key: process.key,
      name: body.name ?? current.name,
      xml: body.xml,
      by: principal.name,
      at: this.clock.now(),
    });
    if (row !== undefined) return toDto(row);
    const now = await this.drafts.find(id);
    if (now === undefined) throw notFound('Draft', id);
    throw conflict(
      `The draft was saved by ${now.updated_by} at ${iso(now.updated_at)} (revision ${now.revision}) after revision ${body.revision} you edited: reload it, or save your version as a new draft.`,
      {
        slug: 'draft-conflict',
        title: 'The draft was saved by someone else',
        code: 'draft-conflict',
        extra: {
          currentRevision: now.revision,
          updatedBy: now.updated_by,
          updatedAt: iso(now.updated_at),
        },
      },
    );
  }

  async remove(id: string): Promise<void> {
    if (!isUuid(id) || (await this.drafts.remove(id)) === 0) throw notFound('Draft', id);
  }
}

/** The key and name of the process a draft holds: its executable process (else its only process). */
async function readProcess(xml: string): Promise<{ key: string; name: string }> {
  const parsed = await parseBpmn(xml);
  if (parsed.definitions === null) {
    throw badRequest(parsed.issues.map((i) => i.message).join(' '), undefined, {
      code: 'bpmn-unreadable',
      extra: { errors: parsed.issues },
    });
  }
  const processes = ((parsed.definitions['rootElements'] as unknown[] | undefined) ?? []).filter(
    (e): e is Record<string, unknown> => (e as { $type?: string }).$type === 'bpmn:Process',
  );
  const executable = processes.filter((p) => p['isExecutable'] === true);
  const process = executable.length === 1 ? executable[0] : processes.length === 1 ? processes[0] : undefined;
  if (process === undefined || typeof process['id'] !== 'string' || process['id'] === '') {
    throw badRequest(
      'The BPMN document has no executable process (isExecutable="true") to name the draft after.',
      undefined,
      { code: 'draft-no-process' },
    );
  }
  const key = process['id'];
  const name = typeof process['name'] === 'string' && process['name'].trim() !== '' ? process['name'] : key;
  return { key, name: name.slice(0, 300) };
}

function toSummary(r: DraftRow): DraftSummaryDto {
  return {
    id: r.id,
    key: r.definition_key,
    name: r.name,
    revision: r.revision,
    baseVersion: r.base_version,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    updatedBy: r.updated_by,
    updatedAt: iso(r.updated_at) as string,
  };
}

function toDto(r: DraftRow): DraftDto {
  return { ...toSummary(r), xml: r.xml ?? '' };
}
