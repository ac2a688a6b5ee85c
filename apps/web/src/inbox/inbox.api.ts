import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';
import { apiQuery, type DeadlineStatus, type InboxFilters } from './inbox-filters.util';

export const INBOX_PAGE_SIZE = 20;

/**
 * The person's open steps (their unit's for their roles, and those assigned to them) that the filters
 * give, earliest due first, a page at a time (the engine's cursor).
 */
export function useInbox(filters: InboxFilters = {}) {
  return useInfiniteQuery({
    queryKey: ['tasks', { status: 'active', order: 'due', ...filters }],
    initialPageParam: undefined as string | undefined,
    // another filter keeps showing the list until its own first page came
    placeholderData: keepPreviousData,
    queryFn: async ({ pageParam, signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/tasks', {
          params: {
            query: {
              status: 'active',
              order: 'due',
              limit: INBOX_PAGE_SIZE,
              cursor: pageParam,
              ...apiQuery(filters),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The numbers of the filter chips (by deadline status, by procedure) for the same filters. */
export function useInboxCounts(filters: InboxFilters = {}) {
  return useQuery({
    queryKey: ['tasks', 'counts', filters],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/tasks/counts', {
          params: { query: { status: 'active', ...apiQuery(filters) } },
          signal,
        }),
      ),
  });
}

/** The person's saved filters, by name. */
export function useSavedFilters() {
  return useQuery({
    queryKey: ['saved-filters'],
    queryFn: async ({ signal }) => dataOrThrow(await api.GET('/api/v1/me/saved-filters', { signal })),
  });
}

/** Saves the filters under a name, or deletes a saved one. */
export function useSavedFilterChanges() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['saved-filters'] });
  const save = useMutation({
    mutationFn: async ({ name, query }: { name: string; query: InboxFilters }) =>
      dataOrThrow(
        await api.POST('/api/v1/me/saved-filters', {
          body: {
            name,
            query: { ...query, deadlineStatus: query.deadlineStatus as DeadlineStatus | undefined },
          },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: async (id: string) =>
      dataOrThrow(await api.DELETE('/api/v1/me/saved-filters/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return { save, remove };
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
