import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';

export const INBOX_PAGE_SIZE = 20;

/**
 * The person's open steps (their unit's for their roles, and those assigned to them), earliest due
 * first, a page at a time.
 */
export function useInbox() {
  return useInfiniteQuery({
    queryKey: ['tasks', { status: 'active', order: 'due' }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/tasks', {
          params: { query: { status: 'active', order: 'due', limit: INBOX_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Unit names by code (the organisation tree changes rarely). */
export function useUnitNames() {
  return useQuery({
    queryKey: ['units'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => {
      const units = dataOrThrow(await api.GET('/api/v1/units', { signal }));
      return new Map(units.map((u) => [u.code, u.name]));
    },
  });
}
