import { useState } from 'react';
import type { Activity, ActivityStatus } from '../../../domain/activities/activity.schema.js';
import { ActivityDrawer } from './ActivityDrawer.js';
import { ActivityFormModal, type ActivityFormRequest } from './ActivityFormModal.js';
import type { ActivityDefaults } from './activityForm.js';
import { OutcomeModal, type OutcomeRequest } from './OutcomeModal.js';

/**
 * The activity dialogs a page needs — detail drawer, create/edit form, outcome notes — as one state holder:
 * `dialogs.openCreate(...)`, `dialogs.openDetail(id)`, `dialogs.askOutcome(a, 'held')`; render `dialogs.element`.
 */
export function useActivityDialogs() {
  const [detailId, setDetailId] = useState<string | null>(null);
  const [formRequest, setFormRequest] = useState<ActivityFormRequest>(null);
  const [outcome, setOutcome] = useState<OutcomeRequest>(null);

  const askOutcome = (activity: Activity, status: ActivityStatus) => setOutcome({ activity, status });
  const element = (
    <>
      <ActivityDrawer
        id={detailId}
        onClose={() => setDetailId(null)}
        onEdit={(activity) => setFormRequest({ mode: 'edit', activity })}
        onStatus={askOutcome}
      />
      <ActivityFormModal request={formRequest} onClose={() => setFormRequest(null)} />
      <OutcomeModal request={outcome} onClose={() => setOutcome(null)} />
    </>
  );
  return {
    element,
    openDetail: (id: string) => setDetailId(id),
    openCreate: (defaults: ActivityDefaults, title?: string) => setFormRequest({ mode: 'create', defaults, title }),
    openEdit: (activity: Activity) => setFormRequest({ mode: 'edit', activity }),
    askOutcome,
  };
}
