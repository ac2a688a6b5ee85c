import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { ApiError, dataOrThrow } from '../api/problem.util';

/** A 404 is an answer ("no such dossier for you"), not a failure to retry. */
const retry = (count: number, error: Error) =>
  !(error instanceof ApiError && error.status === 404) && count < 2;

/**
 * What the dossier view reads, each its own query: the dossier, its path on the diagram, the process
 * control record (with pauses, restarts, extensions) and the variables' history.
 */
export function useDossierView(code: string) {
  const path = { params: { path: { idOrCode: code } } };
  const dossier = useQuery({
    queryKey: ['dossier', code],
    retry,
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/dossiers/{idOrCode}', { ...path, signal })),
  });
  const found = dossier.isSuccess;
  const diagram = useQuery({
    queryKey: ['dossier', code, 'path'],
    enabled: found,
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/dossiers/{idOrCode}/path', { ...path, signal })),
  });
  const control = useQuery({
    queryKey: ['dossier', code, 'control-sheet'],
    enabled: found,
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/dossiers/{idOrCode}/control-sheet', { ...path, signal })),
  });
  const variables = useQuery({
    queryKey: ['dossier', code, 'variable-history'],
    enabled: found,
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/dossiers/{idOrCode}/variable-history', { ...path, signal })),
  });
  return { dossier, diagram, control, variables };
}

/** Dừng giải quyết hồ sơ (a leader): the dossier, stopped, with the reason and basis for the notice. */
export function useStopDossier(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({
      body,
      idempotencyKey,
    }: {
      body: { reason: string; basis?: string };
      idempotencyKey: string;
    }) =>
      dataOrThrow(
        await api.POST('/api/v1/dossiers/{idOrCode}/stop', {
          params: { path: { idOrCode: code } },
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['dossier', code] });
      await client.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}
