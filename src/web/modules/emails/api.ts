import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { Email, EmailAttachment, RecipientSuggestion, ThreadMessage } from '../../../domain/emails/email.schema.js';
import type { EmailTemplate, RenderedTemplate } from '../../../domain/emails/email-template.js';
import { api, apiRequest, type Page } from '../../app/api/client.js';
import { uploadFile } from '../../app/api/upload.js';

export const emailKeys = {
  thread: (r: RelatedRef) => ['emails', 'thread', r.type, r.id] as const,
  recipients: (r: RelatedRef) => ['emails', 'recipients', r.type, r.id] as const,
  email: (id: string) => ['emails', 'detail', id] as const,
  templates: ['email-templates'] as const,
  signature: ['emails', 'signature'] as const,
};

/** The API's input for sending (to/cc as arrays of addresses). */
export type EmailSend = {
  to: string[];
  cc?: string[];
  subject: string;
  body: string;
  format?: 'text' | 'html';
  relatedTo: RelatedRef;
  templateId?: string;
  attachmentIds?: string[];
};

export function useThread(related: RelatedRef) {
  return useQuery({
    queryKey: emailKeys.thread(related),
    queryFn: () => api.get<{ data: ThreadMessage[] }>('/emails/thread', { relatedType: related.type, relatedId: related.id }),
    // a queued email turns sent (or failed) in the background: keep looking while one is on its way
    refetchInterval: (q) => (q.state.data?.data.some((m) => m.status === 'queued' || m.status === 'sending') ? 3000 : false),
  });
}

export function useRecipients(related: RelatedRef, enabled: boolean) {
  return useQuery({
    queryKey: emailKeys.recipients(related),
    queryFn: () =>
      api.get<{ data: RecipientSuggestion[] }>('/emails/recipients', { relatedType: related.type, relatedId: related.id }),
    enabled,
  });
}

/** One email, polled until it is sent or failed. */
export function useEmail(id: string | null) {
  return useQuery({
    queryKey: emailKeys.email(id ?? ''),
    queryFn: () => api.get<Email>(`/emails/${id}`),
    enabled: id !== null,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'sending') ? 2000 : false,
  });
}

export function useTemplates() {
  return useQuery({ queryKey: emailKeys.templates, queryFn: () => api.get<Page<EmailTemplate>>('/email-templates') });
}

export const renderTemplate = (id: string, relatedTo: RelatedRef | null) =>
  api.post<RenderedTemplate>(`/email-templates/${id}/render`, { relatedTo });

export function useSendEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailSend) => api.post<Email>('/emails', body),
    onSuccess: (email) => {
      qc.setQueryData(emailKeys.email(email.id), email);
      void qc.invalidateQueries({ queryKey: emailKeys.thread(email.relatedTo) });
    },
  });
}

export function useRetryEmail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Email>(`/emails/${id}/retry`),
    onSuccess: (email) => {
      qc.setQueryData(emailKeys.email(email.id), email);
      void qc.invalidateQueries({ queryKey: emailKeys.thread(email.relatedTo) });
    },
  });
}

export function useSignature(enabled = true) {
  return useQuery({
    queryKey: emailKeys.signature,
    queryFn: () => api.get<{ signature: string | null }>('/emails/signature'),
    enabled,
  });
}

export function useSaveSignature() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (signature: string | null) =>
      (await apiRequest<{ signature: string | null }>('/emails/signature', { method: 'PUT', body: { signature } })).data,
    onSuccess: (data) => qc.setQueryData(emailKeys.signature, data),
  });
}

/** Multipart upload of one attachment for an email. */
export function uploadAttachment(file: File): Promise<EmailAttachment> {
  return uploadFile<EmailAttachment>('/emails/attachments', file);
}
