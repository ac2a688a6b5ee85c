import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';
import type { components } from '../api/schema.gen';

export type CreateDossierBody = components['schemas']['CreateDossierBody'];

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

/** The dossiers the desk has received (or may see), newest first; `code`: part of their code. */
export function useDeskDossiers(code: string) {
  return useQuery({
    queryKey: ['dossiers', { code }],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers', {
          params: { query: { limit: 20, ...(code.trim() ? { code: code.trim() } : {}) } },
          signal,
        }),
      ),
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
