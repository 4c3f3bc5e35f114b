import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Team, teamInput } from '../../../domain/users/user.schema.js';
import { api, isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { TEAMS_KEY, USERS_KEY, useUserOptions } from '../users/api.js';

type Values = { name: string; leadId: string | null; memberIds: string[] };

export function TeamFormModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUserOptions({ activeOnly: true });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: team?.name ?? '', leadId: team?.leadId ?? null, memberIds: team?.memberIds ?? [] },
  });
  const save = useMutation({
    mutationFn: (body: Values) =>
      team ? api.patch<Team>(`/teams/${team.id}`, body, team.version) : api.post<Team>('/teams', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      notifySuccess(team ? t('common.saved') : t('common.created'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed') && error.details.length) form.setErrors(detailsToErrors(error.details));
      else notifyError(t, error);
    },
  });
  const submit = form.onSubmit((v) => {
    const check = teamInput.safeParse(v);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues));
    save.mutate(v);
  });
  return (
    <Modal opened onClose={onClose} title={team ? t('admin.teams.edit') : t('admin.teams.new')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('fields.leadId')}
            data={users}
            searchable
            clearable
            placeholder={t('admin.teams.noLead')}
            {...form.getInputProps('leadId')}
          />
          <MultiSelect label={t('fields.memberIds')} data={users} searchable clearable {...form.getInputProps('memberIds')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {team ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
