import { Alert, Group, Loader, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCopy } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { optionalEmail, optionalPhone, optionalRegistrationNumber } from '../../../domain/common/fields.js';
import { type Lead, leadCreateInput } from '../../../domain/leads/lead.schema.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { RecordCreateModal } from '../../ui/records/RecordCreateModal.js';
import { useCreateRecordForm } from '../../ui/records/useCreateRecordForm.js';
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
  const { form, submit } = useCreateRecordForm({
    initialValues: emptyLeadValues({ ownerId: me.id }),
    toPayload: leadCreatePayload,
    validate: (payload) => leadCreateInput.safeParse(payload),
    create: create.mutateAsync,
    createdMessage: t('leads.created'),
    onCreated,
  });
  // A string, so the debounce compares by value: only a real change of a matched field triggers the check.
  const [probeKey] = useDebouncedValue(JSON.stringify(probeOf(form.getValues())), 400);
  const probe = useMemo(() => JSON.parse(probeKey) as DuplicateProbe, [probeKey]);
  const duplicates = useDuplicateProbe(probe);
  const candidates = duplicates.data ?? [];

  return (
    <RecordCreateModal opened={opened} onClose={onClose} title={t('leads.new')} onSubmit={submit} saving={create.isPending}>
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
    </RecordCreateModal>
  );
}
