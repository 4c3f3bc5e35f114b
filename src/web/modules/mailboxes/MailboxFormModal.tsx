import { Button, Checkbox, Group, Modal, NumberInput, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  defaultImapPort,
  type Mailbox,
  type MailboxTls,
  mailboxCreateInput,
  mailboxUpdateInput,
} from '../../../domain/mailboxes/mailbox.schema.js';
import { api, isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { useTeams, useUserOptions } from '../users/api.js';
import { MAILBOXES_KEY } from './api.js';
import { MAILBOXES_NS } from './i18n.js';

type Values = {
  name: string;
  host: string;
  port: number | string;
  tls: MailboxTls;
  username: string;
  password: string;
  folder: string;
  pollMinutes: number | string;
  teamId: string | null;
  intakeUserId: string | null;
  active: boolean;
};

/** Create or edit a mailbox. The password field is empty on edit: empty keeps the stored one. */
export function MailboxFormModal({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const { t } = useTranslation(MAILBOXES_NS);
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const users = useUserOptions({ activeOnly: true });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: mailbox?.name ?? '',
      host: mailbox?.host ?? '',
      port: mailbox?.port ?? 993,
      tls: mailbox?.tls ?? 'implicit',
      username: mailbox?.username ?? '',
      password: '',
      folder: mailbox?.folder ?? 'INBOX',
      pollMinutes: mailbox?.pollMinutes ?? 5,
      teamId: mailbox?.teamId ?? null,
      intakeUserId: mailbox?.intakeUserId ?? me.id,
      active: mailbox?.active ?? true,
    },
  });

  const body = (v: Values) => ({
    name: v.name,
    host: v.host,
    port: Number(v.port),
    tls: v.tls,
    username: v.username,
    folder: v.folder,
    pollMinutes: Number(v.pollMinutes),
    teamId: v.teamId,
    intakeUserId: v.intakeUserId ?? me.id,
    active: v.active,
    ...(v.password ? { password: v.password } : {}),
  });

  const save = useMutation({
    mutationFn: (v: Values) =>
      mailbox
        ? api.patch<Mailbox>(`/mailboxes/${mailbox.id}`, body(v), mailbox.version)
        : api.post<Mailbox>('/mailboxes', body(v)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY });
      notifySuccess(mailbox ? tc('common.saved') : tc('common.created'));
      onClose();
    },
    onError: (error) => {
      if (isApiError(error, 'validation_failed') && error.details.length) form.setErrors(detailsToErrors(error.details));
      else if (isApiError(error, 'precondition_failed')) {
        void queryClient.invalidateQueries({ queryKey: MAILBOXES_KEY });
        notifyError(tc, new Error(t('form.stale')));
        onClose();
      } else notifyError(tc, error);
    },
  });

  const submit = form.onSubmit((v) => {
    const check = mailbox
      ? mailboxUpdateInput.safeParse(body(v))
      : mailboxCreateInput.safeParse({ ...body(v), password: v.password });
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues));
    save.mutate(v);
  });

  const onTls = (value: string | null) => {
    const tls = (value ?? 'implicit') as MailboxTls;
    // Follow the usual port unless the admin typed another one.
    if (Number(form.values.port) === defaultImapPort(form.values.tls)) form.setFieldValue('port', defaultImapPort(tls));
    form.setFieldValue('tls', tls);
  };

  return (
    <Modal opened onClose={onClose} title={mailbox ? t('form.editTitle') : t('form.newTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('form.name')} required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('form.host')} required placeholder="imap.firma.cz" {...form.getInputProps('host')} />
            <Select
              label={t('form.tls')}
              data={[
                { value: 'implicit', label: t('form.tlsImplicit') },
                { value: 'starttls', label: t('form.tlsStarttls') },
                { value: 'none', label: t('form.tlsNone') },
              ]}
              allowDeselect={false}
              {...form.getInputProps('tls')}
              onChange={onTls}
            />
            <NumberInput label={t('form.port')} min={1} max={65535} {...form.getInputProps('port')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('form.username')} required autoComplete="off" {...form.getInputProps('username')} />
            <PasswordInput
              label={t('form.password')}
              required={!mailbox}
              autoComplete="new-password"
              placeholder={mailbox ? t('form.passwordKeep') : undefined}
              description={t('form.passwordHint')}
              {...form.getInputProps('password')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('form.folder')} {...form.getInputProps('folder')} />
            <NumberInput label={t('form.pollMinutes')} min={1} max={1440} {...form.getInputProps('pollMinutes')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('form.team')}
              placeholder={t('form.noTeam')}
              clearable
              data={(teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              {...form.getInputProps('teamId')}
            />
            <Select
              label={t('form.intakeUser')}
              data={users}
              searchable
              allowDeselect={false}
              {...form.getInputProps('intakeUserId')}
            />
          </SimpleGrid>
          <Checkbox label={t('form.activeLabel')} {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {mailbox ? t('form.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
