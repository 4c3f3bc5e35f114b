import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconRestore, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  DEFAULT_FIELD_LABELS,
  FORM_LANGUAGES,
  type Form,
  type FormLanguage,
  formCreateInput,
} from '../../../domain/forms/form.schema.js';
import { LEAD_SOURCES } from '../../../domain/leads/lead.schema.js';
import { api, isApiError } from '../../app/api/client.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { AdminOnly } from '../admin/AdminOnly.js';
import { useTeams, useUserOptions } from '../users/api.js';
import { FORMS_KEY, useLeadForm } from './api.js';
import { EmbedPanel } from './EmbedPanel.js';
import { type BuilderValues, toBody, toValues } from './formValues.js';
import { FORMS_NS } from './i18n.js';

export default function FormBuilderPage() {
  return (
    <AdminOnly>
      <Builder />
    </AdminOnly>
  );
}

function Builder() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t } = useTranslation(FORMS_NS);
  const loaded = useLeadForm(isNew ? undefined : id);
  if (isNew) return <BuilderForm form={null} />;
  if (loaded.isPending) return <RecordLoading />;
  if (loaded.isError) return <RecordError error={loaded.error} backTo="/admin/forms" backLabel={t('title')} />;
  // Keyed by version: a reload after a conflict starts the editor over on the latest version.
  return <BuilderForm key={`${loaded.data.id}:${loaded.data.version}`} form={loaded.data} />;
}

/** Errors the server reports on nested paths, shown where the admin can act on them. */
const FIELD_ALIASES: Record<string, string> = { 'allowedOrigins.0': 'allowedOrigins' };

function BuilderForm({ form: saved }: { form: Form | null }) {
  const { t, i18n } = useTranslation(FORMS_NS);
  const { t: tc } = useTranslation();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const users = useUserOptions({ activeOnly: true });
  const [conflict, setConflict] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const uiLang: FormLanguage = (FORM_LANGUAGES as readonly string[]).includes(i18n.language)
    ? (i18n.language as FormLanguage)
    : 'en';
  const form = useForm<BuilderValues>({ mode: 'controlled', initialValues: toValues(saved) });

  const refresh = (record?: Form) => {
    if (record) queryClient.setQueryData([...FORMS_KEY, 'one', record.id], record);
    void queryClient.invalidateQueries({ queryKey: FORMS_KEY });
  };

  const save = useMutation({
    mutationFn: async ({ body, version }: { body: ReturnType<typeof toBody>; version?: number }) =>
      saved ? api.patch<Form>(`/forms/${saved.id}`, body, version ?? saved.version) : api.post<Form>('/forms', body),
    onSuccess: (record) => {
      notifySuccess(saved ? tc('common.saved') : tc('common.created'));
      refresh(record);
      if (!saved) navigate(`/admin/forms/${record.id}`, { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'precondition_failed')) setConflict(true);
      else if (isApiError(error, 'validation_failed') && error.details.length)
        form.setErrors(detailsToErrors(error.details, FIELD_ALIASES));
      else notifyError(tc, error);
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/forms/${saved?.id}`),
    onSuccess: () => {
      notifySuccess(tc('common.deleted'));
      refresh();
      navigate('/admin/forms');
    },
    onError: (error) => notifyError(tc, error),
  });
  const restore = useMutation({
    mutationFn: () => api.post<Form>(`/forms/${saved?.id}/restore`),
    onSuccess: (record) => {
      notifySuccess(tc('common.restored'));
      refresh(record);
    },
    onError: (error) => notifyError(tc, error),
  });

  const submit = form.onSubmit((values) => {
    const body = toBody(values);
    const check = formCreateInput.safeParse(body);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues, FIELD_ALIASES));
    save.mutate({ body });
  });

  /** After a 412: save this editor's values over the latest version (the admin chose to). */
  const overwrite = async () => {
    if (!saved) return;
    setConflict(false);
    const latest = await api.get<Form>(`/forms/${saved.id}`).catch((e: unknown) => {
      notifyError(tc, e);
      return null;
    });
    if (latest) save.mutate({ body: toBody(form.getValues()), version: latest.version });
  };

  const values = form.getValues();
  const teamOptions = (teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const readOnly = Boolean(saved?.deletedAt);

  return (
    <>
      <PageHeader
        title={saved ? saved.name : t('builder.newTitle')}
        badge={
          saved?.deletedAt ? (
            <Badge color="gray">{t('deleted')}</Badge>
          ) : saved ? (
            <Badge color={saved.active ? 'teal' : 'yellow'}>{saved.active ? t('active') : t('inactive')}</Badge>
          ) : undefined
        }
        subtitle={
          saved
            ? t('builder.stats', {
                count: saved.submissionCount,
                last: saved.lastSubmissionAt ? dateTime(saved.lastSubmissionAt) : t('never'),
              })
            : undefined
        }
        actions={
          <>
            <Button component={Link} to="/admin/forms" variant="default" leftSection={<IconArrowLeft size={16} />}>
              {tc('common.back')}
            </Button>
            {saved && !saved.deletedAt && (
              <Button color="red" variant="light" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
                {t('builder.delete')}
              </Button>
            )}
            {saved?.deletedAt && (
              <Button leftSection={<IconRestore size={16} />} loading={restore.isPending} onClick={() => restore.mutate()}>
                {t('builder.restore')}
              </Button>
            )}
          </>
        }
      />
      <form onSubmit={submit} noValidate>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack>
            <Paper withBorder shadow="xs" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('builder.general')}</Title>
                <TextInput
                  label={t('builder.name')}
                  description={t('builder.nameHint')}
                  required
                  {...form.getInputProps('name')}
                />
                <Switch label={t('builder.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
              </Stack>
            </Paper>

            <Paper withBorder shadow="xs" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('builder.fields')}</Title>
                <Text size="sm" c="dimmed">
                  {t('builder.fieldsHint')}
                </Text>
                {typeof form.errors.fields === 'string' && <Alert color="red">{form.errors.fields}</Alert>}
                <Table.ScrollContainer minWidth={720}>
                  <Table verticalSpacing="xs" aria-label={t('builder.fields')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={160}>{t('builder.show')}</Table.Th>
                        <Table.Th w={90}>{t('builder.required')}</Table.Th>
                        {FORM_LANGUAGES.map((l) => (
                          <Table.Th key={l}>{t('builder.labelIn', { lang: l.toUpperCase() })}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {values.fields.map((field, i) => (
                        <Table.Tr key={field.name}>
                          <Table.Td>
                            <Checkbox
                              label={DEFAULT_FIELD_LABELS[field.name][uiLang]}
                              {...form.getInputProps(`fields.${i}.shown`, { type: 'checkbox' })}
                              onChange={(e) => {
                                form.setFieldValue(`fields.${i}.shown`, e.currentTarget.checked);
                                if (!e.currentTarget.checked) form.setFieldValue(`fields.${i}.required`, false);
                              }}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Checkbox
                              aria-label={`${t('builder.required')}: ${DEFAULT_FIELD_LABELS[field.name][uiLang]}`}
                              disabled={!field.shown}
                              {...form.getInputProps(`fields.${i}.required`, { type: 'checkbox' })}
                            />
                          </Table.Td>
                          {FORM_LANGUAGES.map((l) => (
                            <Table.Td key={l}>
                              <TextInput
                                size="xs"
                                aria-label={`${DEFAULT_FIELD_LABELS[field.name][uiLang]} — ${t('builder.labelIn', { lang: l.toUpperCase() })}`}
                                placeholder={DEFAULT_FIELD_LABELS[field.name][l]}
                                disabled={!field.shown}
                                {...form.getInputProps(`fields.${i}.labels.${l}`)}
                              />
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            </Paper>

            <Paper withBorder shadow="xs" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('builder.leads')}</Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('builder.source')}
                    data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
                    allowDeselect={false}
                    {...form.getInputProps('source')}
                  />
                  <TextInput label={t('builder.campaign')} {...form.getInputProps('campaign')} />
                  <Select
                    label={t('builder.team')}
                    data={teamOptions}
                    clearable
                    searchable
                    placeholder={t('builder.noTeam')}
                    {...form.getInputProps('teamId')}
                  />
                  <Select
                    label={t('builder.intakeUser')}
                    description={t('builder.intakeUserHint')}
                    data={users}
                    searchable
                    clearable={!saved}
                    {...form.getInputProps('intakeUserId')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>

            <Paper withBorder shadow="xs" p="md">
              <Stack gap="sm">
                <Title order={4}>{t('builder.afterSubmit')}</Title>
                <Radio.Group {...form.getInputProps('after')}>
                  <Group>
                    <Radio value="message" label={t('builder.thankYou')} />
                    <Radio value="redirect" label={t('builder.redirect')} />
                  </Group>
                </Radio.Group>
                {values.after === 'message' ? (
                  <Textarea
                    label={t('builder.thankYouMessage')}
                    placeholder={t('builder.thankYouPlaceholder')}
                    autosize
                    minRows={2}
                    {...form.getInputProps('thankYouMessage')}
                  />
                ) : (
                  <TextInput
                    label={t('builder.redirectUrl')}
                    placeholder="https://www.example.cz/dekujeme"
                    type="url"
                    {...form.getInputProps('redirectUrl')}
                  />
                )}
                <TagsInput
                  label={t('builder.origins')}
                  description={t('builder.originsHint')}
                  placeholder="https://www.example.cz"
                  splitChars={[',', ' ']}
                  {...form.getInputProps('allowedOrigins')}
                />
              </Stack>
            </Paper>

            {!readOnly && (
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending}>
                  {saved ? t('builder.save') : t('builder.create')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>

      {saved && !saved.deletedAt && (
        <Stack mt="lg">
          <EmbedPanel form={saved} />
        </Stack>
      )}
      {!saved && (
        <Text size="sm" c="dimmed" mt="md">
          {t('embed.saveFirst')}
        </Text>
      )}

      <Modal
        opened={conflict}
        onClose={() => setConflict(false)}
        title={<Text fw={600}>{t('builder.conflictTitle')}</Text>}
        centered
      >
        <Text size="sm">{t('builder.conflictMessage')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button
            variant="default"
            onClick={() => {
              setConflict(false);
              void queryClient.invalidateQueries({ queryKey: FORMS_KEY });
            }}
          >
            {t('builder.reload')}
          </Button>
          <Button color="orange" onClick={() => void overwrite()}>
            {t('builder.overwrite')}
          </Button>
        </Group>
      </Modal>
      <ConfirmModal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t('builder.deleteTitle')}
        message={t('builder.deleteConfirm', { name: saved?.name ?? '' })}
        confirmLabel={t('builder.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
      {save.isError && !isApiError(save.error) && <Alert color="red">{errorMessage(tc, save.error)}</Alert>}
    </>
  );
}
