import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { RecordError, RecordLoading } from '../../ui/RecordState.js';
import { ActivityDetails } from './ActivityDetails.js';
import { ActivityFormModal, type ActivityFormRequest } from './ActivityFormModal.js';
import { relatedPath } from './activityLabels.js';
import { useActivity } from './api.js';
import { OutcomeModal, type OutcomeRequest } from './OutcomeModal.js';
import './i18n.js';

/** An activity on its own page (links from Streams and notifications land here). */
export default function ActivityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('activities');
  const navigate = useNavigate();
  const activity = useActivity(id);
  const [form, setForm] = useState<ActivityFormRequest>(null);
  const [outcome, setOutcome] = useState<OutcomeRequest>(null);
  if (activity.isPending) return <RecordLoading />;
  if (activity.isError) return <RecordError error={activity.error} backTo="/my-day" backLabel={t('myDay.title')} />;
  const a = activity.data;
  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/calendar" size="sm">
          {t('calendar.title')}
        </Anchor>
        {a.relatedTo && (
          <Anchor component={Link} to={relatedPath(a.relatedTo)} size="sm">
            {a.relatedTo.name ?? t(`relatedType.${a.relatedTo.type}`)}
          </Anchor>
        )}
        <Text size="sm">{a.subject}</Text>
      </Breadcrumbs>
      <ActivityDetails
        activity={a}
        onEdit={() => setForm({ mode: 'edit', activity: a })}
        onStatus={(status) => setOutcome({ activity: a, status })}
        onDeleted={() => navigate(a.relatedTo ? relatedPath(a.relatedTo) : '/my-day')}
      />
      <ActivityFormModal request={form} onClose={() => setForm(null)} />
      <OutcomeModal request={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}
