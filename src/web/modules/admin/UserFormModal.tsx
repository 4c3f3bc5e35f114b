import { Button, Group, Modal, MultiSelect, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES, ROLES, type User, userCreateInput, userUpdateInput } from '../../../domain/users/user.schema.js';
import { api, isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { TEAMS_KEY, USERS_KEY, useTeams } from '../users/api.js';

type Values = { email: string; name: string; role: string; locale: string; password: string; active: boolean; teamIds: string[] };

/** Creates a user (user = null) or edits one; edits carry If-Match like every other update. */
export function UserFormModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: user?.role ?? 'account_manager',
      locale: user?.locale ?? 'cs',
      password: '',
      active: user?.active ?? true,
      teamIds: user?.teamIds ?? [],
    },
  });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      user ? api.patch<User>(`/users/${user.id}`, body, user.version) : api.post<User>('/users', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void queryClient.invalidateQueries({ queryKey: TEAMS_KEY });
      notifySuccess(user ? t('common.saved') : t('admin.users.created'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed') && error.details.length) form.setErrors(detailsToErrors(error.details));
      else notifyError(t, error);
    },
  });

  const submit = form.onSubmit((v) => {
    const body: Record<string, unknown> = user
      ? {
          name: v.name,
          role: v.role,
          locale: v.locale,
          active: v.active,
          teamIds: v.teamIds,
          ...(v.password ? { password: v.password } : {}),
        }
      : { email: v.email, name: v.name, role: v.role, locale: v.locale, password: v.password, teamIds: v.teamIds };
    const check = (user ? userUpdateInput : userCreateInput).safeParse(body);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues));
    save.mutate(body);
  });

  return (
    <Modal opened onClose={onClose} title={user ? t('admin.users.edit') : t('admin.users.new')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('fields.email')}
            type="email"
            required
            disabled={user !== null}
            data-autofocus
            {...form.getInputProps('email')}
          />
          <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('fields.role')}
            allowDeselect={false}
            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('fields.locale')}
            allowDeselect={false}
            data={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            {...form.getInputProps('locale')}
          />
          <MultiSelect
            label={t('fields.teamIds')}
            data={(teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            searchable
            clearable
            {...form.getInputProps('teamIds')}
          />
          <PasswordInput
            label={t('fields.password')}
            description={user ? t('admin.users.newPasswordHint') : t('admin.users.passwordHint')}
            required={user === null}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          {user && <Switch label={t('fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {user ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
