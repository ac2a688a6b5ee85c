import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.api';
import { dataOrThrow } from '../api/problem.util';
import type { components } from '../api/schema.gen';

export type Report06aDto = components['schemas']['Report06aDto'];
export type Report06aRowDto = components['schemas']['Report06aRowDto'];
export type ReportDossierDto = components['schemas']['ReportDossierDto'];
export type Figure = components['schemas']['Report06aFigure'];
export type GroupBy = components['schemas']['ReportGroupBy'];
export type Indicators766ProcedureDto = components['schemas']['Indicators766ProcedureDto'];

/** The filters of the page, shared by its charts, tables, drill-downs and exports. */
export interface StatisticsFilters {
  /** First and last day (YYYY-MM-DD, Vietnam dates). */
  from: string;
  to: string;
  unit?: string;
  procedure?: string;
}

/** What a drill-down lists: one figure, of the whole report or of one row (or the open dossiers due soon or overdue now). */
export interface Drill {
  title: string;
  figure: Figure;
  /** The open dossiers now (not the period's figure): due soon or overdue. */
  now?: 'due_soon' | 'overdue';
  groupBy?: GroupBy;
  key?: string;
  /** Another period than the filters' (a month of the chart). */
  from?: string;
  to?: string;
}

export const DRILL_PAGE_SIZE = 20;

export function useReport06a(filters: StatisticsFilters, groupBy: GroupBy) {
  return useQuery({
    queryKey: ['reports', '06a', filters, groupBy],
    placeholderData: keepPreviousData,
    // JSON: the CSV and XLSX answers are for downloads (download06a).
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/reports/06a', { params: { query: { ...filters, groupBy } }, signal }),
      ) as Report06aDto,
  });
}

/** Decision 766's progress indicators per unit and month (the on-time rate over the months). */
export function useIndicators766(filters: StatisticsFilters) {
  return useQuery({
    queryKey: ['reports', '766', filters],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/reports/766', { params: { query: filters }, signal })),
  });
}

export function useStepReport(filters: StatisticsFilters) {
  return useQuery({
    queryKey: ['reports', 'steps', filters],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/reports/steps', {
          params: { query: { ...filters, groupBy: 'unit' } },
          signal,
        }),
      ),
  });
}

/** The open dossiers now, due soon and overdue (read again every minute: dossiers become due as time passes). */
export function useReportNow(filters: StatisticsFilters) {
  return useQuery({
    queryKey: ['reports', 'now', filters.unit, filters.procedure],
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    queryFn: async ({ signal }) =>
      dataOrThrow(
        await api.GET('/api/v1/reports/now', {
          params: { query: { unit: filters.unit, procedure: filters.procedure } },
          signal,
        }),
      ),
  });
}

/** The dossiers behind a figure, a page at a time. */
export function useDrill(filters: StatisticsFilters, drill: Drill | null) {
  return useInfiniteQuery({
    queryKey: ['reports', 'drill', filters, drill],
    enabled: drill !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      drill?.now
        ? dataOrThrow(
            await api.GET('/api/v1/reports/now/dossiers', {
              params: {
                query: {
                  unit: filters.unit,
                  procedure: filters.procedure,
                  deadline: drill.now,
                  limit: DRILL_PAGE_SIZE,
                  cursor: pageParam,
                },
              },
              signal,
            }),
          )
        : dataOrThrow(
            await api.GET('/api/v1/reports/06a/dossiers', {
              params: {
                query: {
                  ...filters,
                  from: drill?.from ?? filters.from,
                  to: drill?.to ?? filters.to,
                  figure: drill!.figure,
                  groupBy: drill?.groupBy,
                  key: drill?.key,
                  limit: DRILL_PAGE_SIZE,
                  cursor: pageParam,
                },
              },
              signal,
            }),
          ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Downloads form 06a with the page's filters as CSV or XLSX (the engine names the file). */
export async function download06a(filters: StatisticsFilters, groupBy: GroupBy, format: 'csv' | 'xlsx') {
  const result = await api.GET('/api/v1/reports/06a', {
    params: { query: { ...filters, groupBy, format } },
    parseAs: 'blob',
  });
  const blob = dataOrThrow(result) as unknown as Blob;
  const disposition = result.response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name ? decodeURIComponent(name) : `bao-cao-06a.${format}`;
  link.click();
  URL.revokeObjectURL(link.href);
}
