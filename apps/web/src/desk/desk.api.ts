import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';
import type { components } from '../api/schema.gen';

export type CreateDossierBody = components['schemas']['CreateDossierBody'];
export type RefuseDossierBody = components['schemas']['RefuseDossierBody'];
export type CreateReceptionGuidanceBody = components['schemas']['CreateReceptionGuidanceBody'];
export type ReturnResultBody = components['schemas']['ReturnResultBody'];

/** A search box's text: part of a dossier code when it has a digit, else part of the applicant's name. */
export function dossierSearch(text: string): { code?: string; applicant?: string } {
  const t = text.trim();
  if (t === '') return {};
  return /\d/.test(t) ? { code: t } : { applicant: t };
}

/** The procedures the desk can receive: each one's published version, by name. */
export function usePublishedProcedures() {
  return useQuery({
    queryKey: ['definitions', { status: 'published' }],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const page = dataOrThrow(
        await api.GET('/api/v1/definitions', {
          params: { query: { status: 'published', limit: 200 } },
          signal,
        }),
      );
      return [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },
  });
}

/**
 * Receives a dossier. The Idempotency-Key is the form's: sending the same form again (a timeout, a
 * double click) answers the dossier received the first time instead of receiving it twice.
 */
export function useReceiveDossier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: CreateDossierBody; idempotencyKey: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/dossiers', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}

/**
 * The dossiers the desk has received (or may see), newest first, a page of 20 after `cursor`;
 * `search`: part of their code or of the applicant's name (see dossierSearch).
 */
export function useDeskDossiers(search: string, cursor?: string) {
  return useQuery({
    queryKey: ['dossiers', { search, cursor }],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers', {
          params: { query: { limit: 20, ...dossierSearch(search), ...(cursor ? { cursor } : {}) } },
          signal,
        }),
      ),
  });
}

/** Refuses to receive a dossier, with reasons: the slip's dossier (status refused, with its code). */
export function useRefuseDossier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: RefuseDossierBody; idempotencyKey: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/dossiers/refusals', {
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}

/** Gives a supplement guidance (everything missing, once): the slip's record with its number. */
export function useGiveGuidance() {
  const client = useQueryClient();
  return useMutation({
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['reception-guidance'] });
    },
    mutationFn: async ({
      body,
      idempotencyKey,
    }: {
      body: CreateReceptionGuidanceBody;
      idempotencyKey: string;
    }) =>
      dataOrThrow(
        await api.POST('/api/v1/dossiers/reception-guidance', {
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
  });
}

/** A page of 20 of a desk list searched by `search` (none when blank), after `cursor`. */
function searchPage(search: string, cursor?: string): { limit: number; q?: string; cursor?: string } {
  const q = search.trim();
  return { limit: 20, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) };
}

/** The desk's supplement guidances, newest first; `search`: part of their number or of the applicant's name. */
export function useGuidances(search: string, cursor?: string) {
  return useQuery({
    queryKey: ['reception-guidance', { search, cursor }],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers/reception-guidance', {
          params: {
            query: searchPage(search, cursor),
          },
          signal,
        }),
      ),
  });
}

/** The results waiting at the desk, longest waiting first; `search`: part of a code or an applicant's name. */
export function useAwaitingReturn(search: string, cursor?: string) {
  return useQuery({
    queryKey: ['dossiers', 'awaiting-return', { search, cursor }],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers/awaiting-return', {
          params: {
            query: searchPage(search, cursor),
          },
          signal,
        }),
      ),
  });
}

/** Returns a dossier's result to who collects it (the desk's last step). */
export function useReturnResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      code,
      body,
      idempotencyKey,
    }: {
      code: string;
      body: ReturnResultBody;
      idempotencyKey: string;
    }) =>
      dataOrThrow(
        await api.POST('/api/v1/dossiers/{idOrCode}/return', {
          params: { path: { idOrCode: code } },
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    // also after a refusal: a result returned meanwhile leaves the list
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: ['dossiers'] });
      await client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

/** One dossier (the receipt's, with its active steps). */
export function useDossier(idOrCode: string | null) {
  return useQuery({
    queryKey: ['dossier', idOrCode],
    enabled: idOrCode !== null,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers/{idOrCode}', { params: { path: { idOrCode: idOrCode! } }, signal }),
      ),
  });
}
