import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';

/** One step with its form, and its dossier (applicant, appointment), for the step's drawer. */
export function useTaskWithDossier(id: string | null) {
  const task = useQuery({
    queryKey: ['task', id],
    enabled: id !== null,
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/tasks/{id}', { params: { path: { id: id! } }, signal })),
  });
  const dossierId = task.data?.dossierId ?? null;
  const dossier = useQuery({
    queryKey: ['dossier', dossierId],
    enabled: dossierId !== null,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers/{idOrCode}', { params: { path: { idOrCode: dossierId! } }, signal }),
      ),
  });
  return { task, dossier };
}

/** Claims (`Nhận xử lý`) or gives back (`Trả lại`) steps, one request each; refreshes the inbox after. */
export function useClaimSteps() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ids, action }: { ids: readonly string[]; action: 'claim' | 'unclaim' }) => {
      const path = action === 'claim' ? '/api/v1/tasks/{id}/claim' : '/api/v1/tasks/{id}/unclaim';
      const results = await Promise.allSettled(
        ids.map(async (id) => dataOrThrow(await api.POST(path, { params: { path: { id } } }))),
      );
      return results;
    },
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['tasks'] }),
        client.invalidateQueries({ queryKey: ['task'] }),
      ]);
    },
  });
}

/** Completes a step with its form's variables (the engine checks them against the form). */
export function useCompleteStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, variables }: { id: string; variables: Record<string, unknown> }) =>
      dataOrThrow(
        await api.POST('/api/v1/tasks/{id}/complete', { params: { path: { id } }, body: { variables } }),
      ),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['tasks'] }),
        client.invalidateQueries({ queryKey: ['dossiers'] }),
        client.invalidateQueries({ queryKey: ['dossier'] }),
      ]);
    },
  });
}
