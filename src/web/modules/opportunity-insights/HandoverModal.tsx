import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Switch, Text, Textarea } from '@mantine/core';
import { IconTransfer } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverResult } from '../../../domain/opportunities/handover.schema.js';
import { api, isApiError } from '../../app/api/client.js';
import { errorMessage, notifySuccess } from '../../app/notify.js';
import { detailsToErrors } from '../../ui/forms.js';
import { useTeams, useUserOptions } from '../users/api.js';
import './workflows.i18n.js';

/** "Hand over" on the account page (seeds 002/004): the button and its modal. */
export function HandoverButton({ account }: { account: { id: string; name: string } }) {
  const { t } = useTranslation('opportunityWorkflows');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconTransfer size={16} />} onClick={() => setOpen(true)}>
        {t('handover.action')}
      </Button>
      {open && <HandoverModal account={account} onClose={() => setOpen(false)} />}
    </>
  );
}

export function HandoverModal({ account, onClose }: { account: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation('opportunityWorkflows');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const users = useUserOptions({ activeOnly: true });
  const teams = useTeams();
  const [target, setTarget] = useState<'user' | 'team'>('user');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [includeOpenOpportunities, setIncludeOpps] = useState(true);
  const [includeActivities, setIncludeActivities] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const handover = useMutation({
    mutationFn: () =>
      api.post<HandoverResult>(`/accounts/${account.id}/handover`, {
        ...(target === 'user' ? { toOwnerId: ownerId ?? undefined } : { toTeamId: teamId ?? undefined }),
        note,
        includeOpenOpportunities,
        includeActivities,
      }),
    onSuccess: (r) => {
      notifySuccess(t('handover.done', { name: r.to.name, ...r.moved }));
      // the account, its contacts, deals and activities all changed owner
      void qc.invalidateQueries();
      onClose();
    },
    onError: (e) => {
      if (isApiError(e) && e.details.length) setErrors(detailsToErrors(e.details));
    },
  });
  const generalError =
    handover.error && !(isApiError(handover.error) && handover.error.details.length) ? errorMessage(tc, handover.error) : null;
  const chosen = target === 'user' ? ownerId : teamId;
  return (
    <Modal opened onClose={onClose} title={t('handover.title', { name: account.name })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setErrors({});
          handover.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('handover.intro')}
          </Text>
          {generalError && <Alert color="red">{generalError}</Alert>}
          <SegmentedControl
            aria-label={t('handover.to')}
            value={target}
            onChange={(v) => setTarget(v === 'team' ? 'team' : 'user')}
            data={[
              { value: 'user', label: t('handover.toUser') },
              { value: 'team', label: t('handover.toTeam') },
            ]}
          />
          {target === 'user' ? (
            <Select
              label={t('handover.owner')}
              data={users}
              value={ownerId}
              onChange={setOwnerId}
              searchable
              required
              error={errors.toOwnerId}
            />
          ) : (
            <Select
              label={t('handover.team')}
              data={(teams.data?.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
              value={teamId}
              onChange={setTeamId}
              searchable
              required
              error={errors.toTeamId ?? errors.toOwnerId}
            />
          )}
          <Textarea
            label={t('handover.note')}
            required
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Switch
            label={t('handover.includeOpenOpportunities')}
            checked={includeOpenOpportunities}
            onChange={(e) => setIncludeOpps(e.currentTarget.checked)}
          />
          <Switch
            label={t('handover.includeActivities')}
            checked={includeActivities}
            onChange={(e) => setIncludeActivities(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={handover.isPending} disabled={!chosen || !note.trim()}>
              {t('handover.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
