import {
  Alert,
  Button,
  Chip,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EmailTemplate, TEMPLATE_VARIABLES } from '../../../domain/emails/email-template.js';
import { api, isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { emailKeys, useTemplates } from './api.js';
import { EmailMessageBody } from './EmailBody.js';
import './i18n.js';

type Draft = { name: string; subject: string; body: string; format: 'text' | 'html' };

/** Admin page: the team's email templates (administrators and sales directors edit; everyone else reads). */
export default function EmailTemplatesPage() {
  const { t } = useTranslation('emails');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const canManage = user.role === 'admin' || user.role === 'sales_director';
  const templates = useTemplates();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<EmailTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<EmailTemplate | null>(null);
  const remove = useMutation({
    mutationFn: (tpl: EmailTemplate) => api.delete(`/email-templates/${tpl.id}`),
    onSuccess: () => {
      notifySuccess(t('templates.deleted'));
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: emailKeys.templates });
    },
    onError: (e) => notifyError(tc, e),
  });
  const rows = templates.data?.data ?? [];
  return (
    <Stack>
      <PageHeader
        title={t('templates.title')}
        subtitle={t('templates.subtitle')}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-email-template">
              {t('templates.new')}
            </Button>
          )
        }
      />
      {!canManage && <Alert variant="light">{t('templates.readOnly')}</Alert>}
      <Paper withBorder>
        {rows.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {templates.isPending ? '…' : t('templates.empty')}
          </Text>
        ) : (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('templates.name')}</Table.Th>
                <Table.Th>{t('templates.subject')}</Table.Th>
                <Table.Th>{t('templates.format')}</Table.Th>
                <Table.Th>{t('templates.updated')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((tpl) => (
                <Table.Tr key={tpl.id} data-testid="email-template-row">
                  <Table.Td fw={500}>{tpl.name}</Table.Td>
                  <Table.Td>{tpl.subject}</Table.Td>
                  <Table.Td>{tpl.format === 'html' ? 'HTML' : t('templates.formatText')}</Table.Td>
                  <Table.Td>{fmt.dateTime(tpl.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconEdit size={14} />}
                        onClick={() => setEditing(tpl)}
                      >
                        {canManage ? t('templates.edit') : t('composer.preview')}
                      </Button>
                      {canManage && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setDeleting(tpl)}
                          aria-label={t('templates.delete')}
                        >
                          <IconTrash size={14} />
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('templates.new') : t('templates.edit')}
        size="xl"
      >
        {editing !== null && (
          <TemplateForm template={editing === 'new' ? null : editing} readOnly={!canManage} onDone={() => setEditing(null)} />
        )}
      </Modal>
      <ConfirmModal
        opened={deleting !== null}
        title={t('templates.deleteTitle')}
        message={t('templates.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('templates.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

function TemplateForm({ template, readOnly, onDone }: { template: EmailTemplate | null; readOnly: boolean; onDone: () => void }) {
  const { t } = useTranslation('emails');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    template
      ? { name: template.name, subject: template.subject, body: template.body, format: template.format }
      : { name: '', subject: '', body: '', format: 'text' },
  );
  const save = useMutation({
    mutationFn: () =>
      template
        ? api.patch<EmailTemplate>(`/email-templates/${template.id}`, draft, template.version)
        : api.post<EmailTemplate>('/email-templates', draft),
    onSuccess: () => {
      notifySuccess(t('templates.saved'));
      void qc.invalidateQueries({ queryKey: emailKeys.templates });
      onDone();
    },
  });
  const fieldError = (field: string) =>
    isApiError(save.error) ? save.error.details.find((d) => d.field === field)?.message : undefined;
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        {save.error && (
          <Alert color="red" variant="light">
            {isApiError(save.error, 'precondition_failed') ? t('templates.conflict') : errorMessage(tc, save.error)}
          </Alert>
        )}
        <TextInput
          label={t('templates.name')}
          value={draft.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          required
          readOnly={readOnly}
          error={fieldError('name')}
        />
        <SegmentedControl
          value={draft.format}
          onChange={(v) => set({ format: v as Draft['format'] })}
          disabled={readOnly}
          data={[
            { value: 'text', label: t('templates.formatText') },
            { value: 'html', label: t('templates.formatHtml') },
          ]}
        />
        <TextInput
          label={t('templates.subject')}
          value={draft.subject}
          onChange={(e) => set({ subject: e.currentTarget.value })}
          required
          readOnly={readOnly}
          error={fieldError('subject')}
        />
        <Textarea
          label={t('templates.body')}
          value={draft.body}
          onChange={(e) => set({ body: e.currentTarget.value })}
          autosize
          minRows={8}
          maxRows={20}
          required
          readOnly={readOnly}
          error={fieldError('body')}
          data-testid="template-body"
        />
        {!readOnly && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('templates.variables')}{' '}
              <Text span size="xs" c="dimmed">
                {t('templates.variablesHint')}
              </Text>
            </Text>
            <Group gap={6}>
              {TEMPLATE_VARIABLES.map((v) => (
                <Chip key={v} size="xs" checked={false} onClick={() => set({ body: `${draft.body}{{${v}}}` })}>
                  {`{{${v}}}`}
                </Chip>
              ))}
            </Group>
          </Stack>
        )}
        {draft.format === 'html' && draft.body && <EmailMessageBody text={null} html={draft.body} />}
        {!readOnly && (
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('composer.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {template ? t('templates.save') : t('templates.create')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
