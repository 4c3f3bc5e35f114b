import { useQuery } from '@tanstack/react-query';
import type { Form, FormLanguage } from '../../../domain/forms/form.schema.js';
import { api, apiRequest, type Page } from '../../app/api/client.js';

export const FORMS_KEY = ['forms'] as const;

export function useForms(opts: { deleted: boolean }) {
  return useQuery({
    queryKey: [...FORMS_KEY, 'list', opts.deleted],
    queryFn: () => api.get<Page<Form>>('/forms', { limit: 200, deleted: opts.deleted ? 'true' : undefined }),
  });
}

/** One form, deleted ones included (the builder offers to restore them). */
export function useLeadForm(id: string | undefined) {
  return useQuery({
    queryKey: [...FORMS_KEY, 'one', id],
    enabled: Boolean(id),
    queryFn: async () => {
      try {
        return (await apiRequest<Form>(`/forms/${id}`)).data;
      } catch (error) {
        const deleted = await api.get<Page<Form>>('/forms', { deleted: 'true', limit: 200 });
        const found = deleted.data.find((f) => f.id === id);
        if (found) return found;
        throw error;
      }
    },
  });
}

export function useFormEmbed(id: string | undefined, lang: FormLanguage, version: number | undefined) {
  return useQuery({
    queryKey: [...FORMS_KEY, 'embed', id, lang, version],
    enabled: Boolean(id),
    queryFn: () => api.get<{ html: string; submitUrl: string; lang: FormLanguage }>(`/forms/${id}/embed`, { lang }),
  });
}
