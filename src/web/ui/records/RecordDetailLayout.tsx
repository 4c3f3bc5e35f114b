import { Grid, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { RecordActivities } from '../../modules/activities/RecordActivities.js';
import { PlanPanel } from '../../modules/activity-plans/PlanPanel.js';
import { RecordAttachments } from '../../modules/attachments/RecordAttachments.js';
import { RecordEmails } from '../../modules/emails/RecordEmails.js';
import { Stream } from '../Stream.js';
import type { ValueFormatter } from '../stream/StreamEntryView.js';

/** A record page's two columns: the record itself (7/12) and what hangs off it (5/12); one column on small screens. */
export function RecordDetailLayout({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>{main}</Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>{side}</Grid.Col>
    </Grid>
  );
}

const STREAM_RESOURCE = { account: 'accounts', contact: 'contacts', lead: 'leads', opportunity: 'opportunities' } as const;

type SidePanelsProps = {
  type: keyof typeof STREAM_RESOURCE;
  id: string;
  name: string;
  /** May add activities, emails, files and notes (who may edit, on a record not in the trash). */
  canEdit: boolean;
  /** How the Stream shows field values. */
  formatValue: ValueFormatter;
  /** Emails, the activity plan and files are shown unless turned off (an opportunity page has only activities). */
  emails?: boolean;
  plan?: boolean;
  files?: boolean;
  /** The page's own panels, above the shared ones. */
  children?: ReactNode;
};

/** The right column of a record page: activities, emails, activity plan, files, Stream. */
export function RecordSidePanels({
  type,
  id,
  name,
  canEdit,
  formatValue,
  emails = true,
  plan = true,
  files = true,
  children,
}: SidePanelsProps) {
  return (
    <Stack gap="lg">
      {children}
      <RecordActivities related={{ type, id, name }} canEdit={canEdit} />
      {emails && <RecordEmails related={{ type, id, name }} canEdit={canEdit} />}
      {plan && <PlanPanel related={{ type, id }} canEdit={canEdit} />}
      {files && <RecordAttachments related={{ type, id }} canEdit={canEdit} />}
      <Stream resource={STREAM_RESOURCE[type]} id={id} canPost={canEdit} formatValue={formatValue} />
    </Stack>
  );
}
