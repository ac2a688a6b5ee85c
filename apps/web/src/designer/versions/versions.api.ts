import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.api';
import { dataOrThrow } from '../../api/problem.util';
import type { components } from '../../api/schema.gen';
import { fetchVersionXml } from '../drafts.api';

export type DefinitionVersionDto = components['schemas']['DefinitionVersionDto'];

/** Every version of a procedure, newest first, with its publication and the dossiers running on it. */
export function useVersions(key: string) {
  return useQuery({
    queryKey: ['definition-versions', key],
    queryFn: async ({ signal }) =>
      dataOrThrow(await api.GET('/api/v1/definitions/{key}/versions', { params: { path: { key } }, signal }))
        .items,
  });
}

/** One version's XML (a version never changes once deployed). */
export function useVersionXml(key: string, version: number | null) {
  return useQuery({
    queryKey: ['definition-xml', key, version],
    enabled: version !== null,
    staleTime: Infinity,
    queryFn: () => fetchVersionXml(key, version!),
  });
}
