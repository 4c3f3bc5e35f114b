import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attachment, AttachmentRelatedRef } from '../../../domain/attachments/attachment.schema.js';
import { api, apiRequest, type Page } from '../../app/api/client.js';
import { uploadFile } from '../../app/api/upload.js';

export const attachmentKeys = {
  all: ['attachments'] as const,
  related: (r: AttachmentRelatedRef, deleted: boolean) => ['attachments', r.type, r.id, deleted ? 'deleted' : 'live'] as const,
};

/** The collection whose Stream an attachment entry lands in (invalidated after an upload or delete). */
const STREAM_RESOURCES: Record<AttachmentRelatedRef['type'], string> = {
  lead: 'leads',
  contact: 'contacts',
  account: 'accounts',
  opportunity: 'opportunities',
  activity: 'activities',
};

export function useAttachments(related: AttachmentRelatedRef, deleted = false, enabled = true) {
  return useInfiniteQuery({
    queryKey: attachmentKeys.related(related, deleted),
    queryFn: ({ pageParam }) =>
      api.get<Page<Attachment>>('/attachments', {
        relatedType: related.type,
        relatedId: related.id,
        limit: 50,
        cursor: pageParam,
        deleted: deleted ? 'true' : undefined,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export type UploadLimits = { maxUploadMb: number; accept: Record<string, string[]> };

/** The server's upload limit and accepted types (the Dropzone checks them before sending anything). */
export function useUploadLimits(): UploadLimits | undefined {
  return useQuery({
    queryKey: ['attachments', 'limits'],
    queryFn: () => api.get<UploadLimits>('/attachments/limits'),
    staleTime: Number.POSITIVE_INFINITY,
  }).data;
}

/** Uploads one file to a record, reporting progress. */
export function uploadAttachment(
  related: AttachmentRelatedRef,
  file: File,
  onProgress: (fraction: number) => void,
  csrfFallback: string | null,
): Promise<Attachment> {
  return uploadFile<Attachment>('/attachments', file, {
    fields: { relatedType: related.type, relatedId: related.id },
    onProgress,
    csrfFallback,
  });
}

export function useInvalidateAttachments(related: AttachmentRelatedRef) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['attachments', related.type, related.id] });
    // the record's Stream shows the upload, delete and download entries
    void qc.invalidateQueries({ queryKey: ['stream', STREAM_RESOURCES[related.type], related.id] });
  };
}

export function useDeleteAttachment(related: AttachmentRelatedRef) {
  const invalidate = useInvalidateAttachments(related);
  return useMutation({
    mutationFn: (a: Attachment) =>
      apiRequest<null>(`/attachments/${a.id}`, { method: 'DELETE', headers: { 'If-Match': `"${a.version}"` } }),
    onSuccess: invalidate,
  });
}

export function useRestoreAttachment(related: AttachmentRelatedRef) {
  const invalidate = useInvalidateAttachments(related);
  return useMutation({
    mutationFn: (a: Attachment) => api.post<Attachment>(`/attachments/${a.id}/restore`),
    onSuccess: invalidate,
  });
}

/** "1.2 MB" in the user's language. */
export function formatBytes(locale: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[i],
    unitDisplay: 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(value);
}
