import { useQuery } from '@tanstack/react-query';
import type { ImportRecord, ImportUpdate, ImportWithPreview } from '../../../domain/imports/import.schema.js';
import { api, type Page } from '../../app/api/client.js';
import { uploadFile } from '../../app/api/upload.js';

export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  one: (id: string) => [...importKeys.all, 'one', id] as const,
};

export function useImports() {
  return useQuery({ queryKey: importKeys.list(), queryFn: () => api.get<Page<ImportRecord>>('/imports', { limit: 50 }) });
}

/** An import; while it is queued or running it is polled every second for the progress bar. */
export function useImport(id: string) {
  return useQuery({
    queryKey: importKeys.one(id),
    queryFn: () => api.get<ImportRecord>(`/imports/${id}`),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'queued' || status === 'running' ? 1000 : false;
    },
  });
}

export function usePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...importKeys.one(id), 'preview'],
    enabled,
    queryFn: () => api.get<{ data: ImportWithPreview['preview'] }>(`/imports/${id}/preview`),
  });
}

export const updateImport = (id: string, body: ImportUpdate, version: number) =>
  api.patch<ImportWithPreview>(`/imports/${id}`, body, version);
export const startImport = (id: string) => api.post<ImportRecord>(`/imports/${id}/start`);

/** Multipart upload of the file to import. */
export function uploadImport(file: File): Promise<ImportWithPreview> {
  return uploadFile<ImportWithPreview>('/imports', file);
}
