import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';
import type { components } from '../api/schema.gen';

export type MigrationRequest = components['schemas']['MigrationRequestBody'];
export type MigrationPlan = components['schemas']['MigrationPlanDto'];
export type MigrationResult = components['schemas']['MigrationResultDto'];
export type DefinitionSummary = components['schemas']['DefinitionSummaryDto'];

/** Every version of every procedure (to choose the procedure and its versions). */
export function useDefinitionVersions() {
  return useQuery({
    queryKey: ['definitions', 'all-versions'],
    queryFn: async ({ signal }) => {
      const items: DefinitionSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = dataOrThrow(
          await api.GET('/api/v1/definitions', { params: { query: { limit: 200, cursor } }, signal }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return items;
    },
  });
}

/** The preview of moving the running dossiers of one version to another (changes nothing). */
export function useMigrationPlan() {
  return useMutation({
    mutationFn: async (body: MigrationRequest) =>
      dataOrThrow(await api.POST('/api/v1/migrations/plan', { body })),
  });
}

/**
 * Moves the dossiers the preview showed. The Idempotency-Key is the confirmation's: sending it again (a
 * timeout) answers the first run instead of running it twice.
 */
export function useExecuteMigration() {
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: MigrationRequest; idempotencyKey: string }) =>
      dataOrThrow(
        await api.POST('/api/v1/migrations/execute', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
  });
}
