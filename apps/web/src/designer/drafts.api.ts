import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { ApiError, asProblem, dataOrThrow } from '../api/problem.util';
import type { components } from '../api/schema.gen';

export type DraftDto = components['schemas']['DraftDto'];
export type DraftSummaryDto = components['schemas']['DraftSummaryDto'];
export type DefinitionSummaryDto = components['schemas']['DefinitionSummaryDto'];

export const DRAFTS_PAGE_SIZE = 20;

/** Who saved a draft since it was opened (the 409 `draft-conflict` problem's members). */
export interface DraftConflict {
  currentRevision: number;
  updatedBy: string;
  updatedAt: string;
}

/** A save refused because someone saved the draft since (409 draft-conflict). */
export class DraftConflictError extends Error {
  constructor(readonly conflict: DraftConflict) {
    super('draft-conflict');
  }
}

export function useDrafts() {
  return useInfiniteQuery({
    queryKey: ['drafts'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/drafts', {
          params: { query: { limit: DRAFTS_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Deployed versions (the procedures of processes/ seeded, and those published since), by key then version. */
export function useDefinitions(key?: string) {
  return useQuery({
    queryKey: ['definitions', key ?? null],
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/definitions', { params: { query: { key, limit: 200 } }, signal }))
        .items,
  });
}

/** The catalogue of procedures (processes/catalogue.json): the codes the process's procedure code is picked from. */
export function useProcedures() {
  return useQuery({
    queryKey: ['procedures'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => dataOrThrow(await api.GET('/api/v1/procedures', { signal })),
  });
}

export function useUnits() {
  return useQuery({
    queryKey: ['units', 'designer'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => dataOrThrow(await api.GET('/api/v1/units', { signal })),
  });
}

export async function fetchDraft(id: string): Promise<DraftDto> {
  return dataOrThrow(await api.GET('/api/v1/drafts/{id}', { params: { path: { id } } }));
}

export async function fetchVersionXml(key: string, version: number): Promise<string> {
  return dataOrThrow(
    await api.GET('/api/v1/definitions/{key}/versions/{version}', { params: { path: { key, version } } }),
  ).xml;
}

export async function createDraft(body: {
  xml: string;
  baseVersion?: number;
  name?: string;
}): Promise<DraftDto> {
  return dataOrThrow(await api.POST('/api/v1/drafts', { body }));
}

/** Saves over `revision`; a stale revision throws DraftConflictError (nothing was overwritten). */
export async function saveDraft(
  id: string,
  body: { xml: string; revision: number; name?: string },
): Promise<DraftDto> {
  const result = await api.PUT('/api/v1/drafts/{id}', { params: { path: { id } }, body });
  if (result.response.status === 409) {
    const problem = (result.error ?? {}) as Partial<DraftConflict> & { type?: string };
    if (problem.type?.endsWith('/draft-conflict')) {
      throw new DraftConflictError({
        currentRevision: Number(problem.currentRevision),
        updatedBy: String(problem.updatedBy ?? ''),
        updatedAt: String(problem.updatedAt ?? ''),
      });
    }
  }
  return dataOrThrow(result);
}

export async function deleteDraft(id: string): Promise<void> {
  const result = await api.DELETE('/api/v1/drafts/{id}', { params: { path: { id } } });
  if (!result.response.ok)
    throw new ApiError(asProblem(result.error, result.response.status), result.response.status);
}

export interface PublishInput {
  decisionNumber: string;
  decisionDate: string;
  effectiveFrom: string;
}

/**
 * Publishes the XML: deploys it as a new version (the engine validates it again and refuses invalid
 * XML), then publishes that version with the decision's reference and effective date.
 */
export async function publishXml(xml: string, decision: PublishInput): Promise<DefinitionSummaryDto> {
  const deployed = dataOrThrow(
    await api.POST('/api/v1/definitions', {
      body: xml as never,
      bodySerializer: (body: unknown) => body as string,
      headers: { 'Content-Type': 'application/xml' },
    }),
  );
  return dataOrThrow(
    await api.POST('/api/v1/definitions/{key}/versions/{version}/publish', {
      params: { path: { key: deployed.key, version: deployed.version } },
      body: decision,
    }),
  );
}
