import { useQuery } from '@tanstack/react-query';
import type { ImportRecord, ImportUpdate, ImportWithPreview } from '../../../domain/imports/import.schema.js';
import { ApiError, type ApiErrorDetail, api, type Page } from '../../app/api/client.js';

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

function csrfToken(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith('stride_csrf='));
  return match ? decodeURIComponent(match.slice('stride_csrf='.length)) : null;
}

/** Multipart upload (the JSON client does not send files); errors come back as the same ApiError. */
export async function uploadImport(file: File): Promise<ImportWithPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = csrfToken();
  const response = await fetch('/api/v1/imports', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}) },
  });
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
      error?.details ?? [],
    );
  }
  return payload as ImportWithPreview;
}
