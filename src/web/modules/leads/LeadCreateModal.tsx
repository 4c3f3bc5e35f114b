import { Alert, Button, Group, Loader, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { optionalEmail, optionalPhone, optionalRegistrationNumber } from '../../../domain/common/fields.js';
import { type Lead, leadCreateInput } from '../../../domain/leads/lead.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { detailsToErrors, issuesToErrors } from '../../ui/forms.js';
import { type DuplicateProbe, useCreateLead, useDuplicateProbe } from './api.js';
import { DuplicateList } from './DuplicateList.js';
import { LeadFormFields } from './LeadFormFields.js';
import { emptyLeadValues, type LeadFormValues, leadCreatePayload } from './leadForm.js';

type Props = { opened: boolean; onClose: () => void; onCreated: (lead: Lead) => void };

/** Only complete values go to the live check: a half-typed email or phone would just be a 400. */
function probeOf(v: LeadFormValues): DuplicateProbe {
  const valid = (schema: typeof optionalEmail | typeof optionalPhone | typeof optionalRegistrationNumber, value: string) => {
    const trimmed = value.trim();
    return trimmed && schema.safeParse(trimmed).success ? trimmed : undefined;
  };
  const text = (value: string, min: number) => (value.trim().length >= min ? value.trim() : undefined);
  return {
    email: valid(optionalEmail, v.email),
    phone: valid(optionalPhone, v.phone),
    registrationNumber: valid(optionalRegistrationNumber, v.registrationNumber),
    firstName: text(v.firstName, 2),
    lastName: text(v.lastName, 2),
    company: text(v.company, 3),
  };
}

export function LeadCreateModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateLead();
  const form = useForm<LeadFormValues>({ mode: 'controlled', initialValues: emptyLeadValues({ ownerId: me.id }) });
  // A string, so the debounce compares by value: only a real change of a matched field triggers the check.
  const [probeKey] = useDebouncedValue(JSON.stringify(probeOf(form.getValues())), 400);
  const probe = useMemo(() => JSON.parse(probeKey) as DuplicateProbe, [probeKey]);
  const duplicates = useDuplicateProbe(probe);
  const candidates = duplicates.data ?? [];

  const submit = form.onSubmit(async (v) => {
    const payload = leadCreatePayload(v);
    const check = leadCreateInput.safeParse(payload);
    if (!check.success) return form.setErrors(issuesToErrors(check.error.issues));
    try {
      const lead = await create.mutateAsync(payload);
      notifySuccess(t('leads.created'));
      form.reset();
      onCreated(lead);
    } catch (error) {
      if (isApiError(error, 'validation_failed') && error.details.length) form.setErrors(detailsToErrors(error.details));
      else notifyError(t, error);
    }
  });

  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.new')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <LeadFormFields form={form} />
          {candidates.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconCopy size={18} />}
              title={
                <Group gap="xs">
                  {t('leads.count.duplicates', { count: candidates.length })}
                  {duplicates.isFetching && <Loader size={12} />}
                </Group>
              }
              role="status"
              data-testid="live-duplicates"
            >
              <Stack gap="xs">
                <DuplicateList candidates={candidates.slice(0, 5)} />
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
