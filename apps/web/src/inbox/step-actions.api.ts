import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';

/** After an action on a step: the inbox, the step, its dossier and the leader's summary are read again. */
function useRefreshAfter() {
  const client = useQueryClient();
  return async () => {
    await Promise.all(
      ['tasks', 'task', 'dossier', 'dossiers', 'unit-summary'].map((key) =>
        client.invalidateQueries({ queryKey: [key] }),
      ),
    );
  };
}

/** The step asks the applicant for what is missing (the dossier's clock waits). */
export function useRequestSupplement() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async ({ id, items, reason }: { id: string; items: string[]; reason?: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/tasks/{id}/supplement-request', {
          params: { path: { id } },
          body: { items, reason },
        }),
      ),
    onSettled: refresh,
  });
}

/** The complete dossier arrived: its time limit restarts from zero. */
export function useSupplementReceived() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async ({ dossierId, note }: { dossierId: string; note?: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/dossiers/{idOrCode}/supplement-received', {
          params: { path: { idOrCode: dossierId } },
          body: { note },
        }),
      ),
    onSettled: refresh,
  });
}

/** Pauses or resumes the dossier's clock, with a reason. */
export function usePauseResume() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async ({
      dossierId,
      action,
      reason,
    }: {
      dossierId: string;
      action: 'pause' | 'resume';
      reason: string;
    }) => {
      const path =
        action === 'pause' ? '/api/v1/dossiers/{idOrCode}/pause' : '/api/v1/dossiers/{idOrCode}/resume';
      return dataOrThrow(
        await api.POST(path, { params: { path: { idOrCode: dossierId } }, body: { reason } }),
      );
    },
    onSettled: refresh,
  });
}

/** The earlier steps a leader can send the dossier back to. */
export function useSendBackTargets(taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['send-back-targets', taskId],
    enabled,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/tasks/{id}/send-back-targets', { params: { path: { id: taskId } }, signal }),
      ),
  });
}

/** A leader sends the dossier back to an earlier step, with a reason. */
export function useSendBack() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async ({ id, targetNodeId, reason }: { id: string; targetNodeId: string; reason: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/tasks/{id}/send-back', {
          params: { path: { id } },
          body: { targetNodeId, reason },
        }),
      ),
    onSettled: refresh,
  });
}

/** The active people of a unit a leader can give a step to. */
export function useUnitMembers(unit: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['unit-members', unit],
    enabled: enabled && unit !== null,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/users', {
          params: { query: { unit: unit!, active: true, limit: 200 } },
          signal,
        }),
      ).items,
  });
}

/** A leader gives the step to a member of the unit. */
export function useAssignStep() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: async ({ id, username }: { id: string; username: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/tasks/{id}/assign', { params: { path: { id } }, body: { username } }),
      ),
    onSettled: refresh,
  });
}

/** The dossier's pauses, restarts and extensions (the reason of a pause is shown with it). */
export function useDeadlineEvents(dossierId: string) {
  return useQuery({
    queryKey: ['dossier', dossierId, 'deadline-events'],
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/dossiers/{idOrCode}/deadline-events', {
          params: { path: { idOrCode: dossierId } },
          signal,
        }),
      ),
  });
}
