import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconChevronDown, IconEdit, IconRotateClockwise, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '../../../domain/opportunities/opportunity.schema.js';
import type { Stage } from '../../../domain/pipelines/pipeline.schema.js';
import { isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { opportunityKeys, reopenOpportunity, updateOpportunity, useRefreshOpportunity } from './api.js';
import { refusalMessage } from './refusal.js';
import './i18n.js';

type Props = {
  opportunity: Opportunity;
  /** The stages of the deal's pipeline. */
  stages: Stage[];
  /** Opens the close dialog. */
  onCloseDeal: (outcome: 'won' | 'lost') => void;
  onEdit: () => void;
};

/** A deal page's buttons: move to another stage, close won or lost (an open deal), reopen (a lost one), edit. */
export function OpportunityActions({ opportunity: o, stages, onCloseDeal, onEdit }: Props) {
  const { t } = useTranslation('opportunities');
  const { t: tc } = useTranslation();
  const refresh = useRefreshOpportunity();
  const queryClient = useQueryClient();

  const onStale = () => {
    notifyError(tc, new Error(t('move.stale')));
    void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) });
  };
  const moveTo = async (stageId: string) => {
    try {
      const saved = await updateOpportunity(o.id, { stageId }, o.version);
      refresh(saved);
      notifySuccess(t('move.moved', { name: o.name, stage: saved.stage.name }));
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) onStale();
      // a gate (approval, activity plan, stage checklist) refused it: say what is missing in the user's language
      else if (isApiError(e) && e.status === 422)
        notifications.show({ color: 'red', title: o.name, message: t('move.refused', { message: refusalMessage(t, e) }) });
      else notifyError(tc, e);
    }
  };
  const reopen = async () => {
    try {
      const saved = await reopenOpportunity(o.id, o.version);
      refresh(saved);
      notifySuccess(t('detail.reopened'));
    } catch (e) {
      if (isApiError(e, 'precondition_failed')) onStale();
      else notifyError(tc, e);
    }
  };

  return (
    <>
      {o.status === 'open' && (
        <>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                {t('detail.moveStage')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {stages
                .filter((s) => s.kind === 'open')
                .map((s) => (
                  <Menu.Item
                    key={s.id}
                    disabled={s.id === o.stageId}
                    leftSection={<IconArrowRight size={14} />}
                    onClick={() => void moveTo(s.id)}
                  >
                    {s.name} ({s.probability} %)
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
          <Button color="teal" variant="light" leftSection={<IconTrophy size={16} />} onClick={() => onCloseDeal('won')}>
            {t('detail.closeWon')}
          </Button>
          <Button color="red" variant="light" leftSection={<IconThumbDown size={16} />} onClick={() => onCloseDeal('lost')}>
            {t('detail.closeLost')}
          </Button>
        </>
      )}
      {o.status === 'lost' && (
        <Button variant="default" leftSection={<IconRotateClockwise size={16} />} onClick={() => void reopen()}>
          {t('detail.reopen')}
        </Button>
      )}
      <Button leftSection={<IconEdit size={16} />} onClick={onEdit}>
        {tc('common.edit')}
      </Button>
    </>
  );
}
