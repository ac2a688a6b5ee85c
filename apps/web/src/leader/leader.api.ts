import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';

/** The leader's summary of their unit (read again every minute: steps become overdue as time passes). */
export function useUnitSummary(unit: string | null) {
  return useQuery({
    queryKey: ['unit-summary', unit],
    enabled: unit !== null,
    refetchInterval: 60_000,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/units/{code}/summary', { params: { path: { code: unit! } }, signal }),
      ),
  });
}
