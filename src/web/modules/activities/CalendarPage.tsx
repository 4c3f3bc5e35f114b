import type { DateSelectArg, DatesSetArg, EventChangeArg, EventClickArg, EventInput } from '@fullcalendar/core';
import csLocale from '@fullcalendar/core/locales/cs';
import deLocale from '@fullcalendar/core/locales/de';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, Box, Button, Group, Loader, Paper, SegmentedControl, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../domain/activities/activity.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCanEdit, useCurrentUser } from '../../app/auth/session.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { useUserOptions } from '../users/api.js';
import { TYPE_COLORS } from './activityLabels.js';
import { activityKeys, refreshAfterChange, updateActivity, useActivitiesInRange } from './api.js';
import { useActivityDialogs } from './useActivityDialogs.js';
import './i18n.js';

const LOCALES = { cs: csLocale, de: deLocale };
const timed = (a: Activity) => a.type === 'meeting' || a.type === 'call';
const DONE = new Set(['held', 'completed']);

/** Day/week/month views of my (or a colleague's / my team's) activities; drag or resize to reschedule (412-safe). */
export default function CalendarPage() {
  const { t, i18n } = useTranslation('activities');
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const dialogs = useActivityDialogs();
  const users = useUserOptions();
  const [scope, setScope] = useState<'mine' | 'team'>('mine');
  const [colleague, setColleague] = useState<string | null>(null);
  const [range, setRange] = useState({ from: '', to: '' });
  const ownerId = scope === 'mine' ? me.id : colleague;
  const activities = useActivitiesInRange(range.from, range.to, ownerId);

  const events = useMemo<EventInput[]>(
    () =>
      (activities.data?.activities ?? [])
        .filter((a) => (timed(a) ? a.startsAt : a.dueAt))
        .map((a) => {
          const closed = a.status !== 'planned';
          const color = a.overdue ? 'red' : TYPE_COLORS[a.type];
          return {
            id: a.id,
            title: scope === 'team' && a.owner && a.ownerId !== me.id ? `${a.subject} · ${a.owner.name}` : a.subject,
            start: (timed(a) ? a.startsAt : a.dueAt) as string,
            end: timed(a) ? (a.endsAt ?? undefined) : undefined,
            allDay: false,
            editable: canEdit && !closed,
            durationEditable: canEdit && !closed && timed(a),
            backgroundColor: `var(--mantine-color-${color}-${closed ? 2 : 6})`,
            borderColor: `var(--mantine-color-${color}-${closed ? 3 : 7})`,
            textColor: closed ? 'var(--mantine-color-gray-7)' : 'white',
            classNames: [`activity-${a.type}`, `activity-${a.status}`, ...(DONE.has(a.status) ? ['activity-done'] : [])],
            extendedProps: { activity: a },
          };
        }),
    [activities.data, canEdit, scope, me.id],
  );

  /** Drag or resize: PATCH the new times with the version shown; a 412 puts the event back and says why. */
  const reschedule = async (info: EventChangeArg) => {
    const a = info.event.extendedProps.activity as Activity;
    const start = info.event.start?.toISOString() ?? null;
    const end = info.event.end?.toISOString() ?? null;
    const patch = timed(a) ? { startsAt: start, ...(a.endsAt || end ? { endsAt: end ?? start } : {}) } : { dueAt: start };
    try {
      const saved = await updateActivity(a.id, patch, a.version);
      queryClient.setQueryData(activityKeys.detail(saved.id), saved);
      refreshAfterChange(queryClient, saved);
      notifySuccess(t('calendar.rescheduled'));
    } catch (error) {
      info.revert();
      if (isApiError(error, 'precondition_failed')) {
        notifications.show({
          color: 'orange',
          title: tc('conflict.title'),
          message: t('calendar.conflict', { subject: a.subject }),
        });
      } else notifyError(tc, error);
      refreshAfterChange(queryClient, a);
    }
  };

  const onSelect = (arg: DateSelectArg) => {
    arg.view.calendar.unselect();
    if (!canEdit) return;
    const start = new Date(arg.start);
    if (arg.allDay) start.setHours(9, 0, 0, 0);
    const end = arg.allDay ? new Date(start.getTime() + 3_600_000) : arg.end;
    dialogs.openCreate({ type: 'meeting', start, end });
  };

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => dialogs.openCreate({ type: 'meeting' })}>
              {t('myDay.newActivity')}
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <SegmentedControl
          value={scope}
          onChange={(v) => setScope(v as 'mine' | 'team')}
          data={[
            { value: 'mine', label: t('calendar.mine') },
            { value: 'team', label: t('calendar.team') },
          ]}
          aria-label={t('calendar.owner')}
        />
        {scope === 'team' && (
          <Select
            aria-label={t('calendar.owner')}
            placeholder={t('calendar.ownerPlaceholder')}
            data={users}
            value={colleague}
            onChange={setColleague}
            searchable
            clearable
            w={260}
          />
        )}
        {activities.isFetching && <Loader size="sm" />}
      </Group>
      {activities.isError && (
        <Alert color="red" mb="md">
          {t('calendar.loadError')} {errorMessage(tc, activities.error)}
        </Alert>
      )}
      {activities.data?.truncated && (
        <Alert color="yellow" mb="md">
          {t('calendar.truncated', { count: activities.data.activities.length })}
        </Alert>
      )}
      <Paper withBorder p="md" shadow="xs" data-testid="calendar">
        <Box className="stride-calendar">
          <FullCalendar
            plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
            initialView="timeGridWeek"
            locales={[csLocale, deLocale]}
            locale={LOCALES[i18n.language as keyof typeof LOCALES] ?? 'en'}
            headerToolbar={{ left: 'prev,next today', center: 'title', right: 'timeGridDay,timeGridWeek,dayGridMonth' }}
            buttonText={{
              today: t('calendar.today'),
              day: t('calendar.day'),
              week: t('calendar.week'),
              month: t('calendar.month'),
            }}
            height="calc(100vh - 260px)"
            allDaySlot={false}
            scrollTime="07:30:00"
            nowIndicator
            firstDay={i18n.language === 'en' ? 0 : 1}
            weekends
            dayMaxEvents={4}
            defaultTimedEventDuration="00:30"
            events={events}
            selectable={canEdit}
            selectMirror
            select={onSelect}
            eventDrop={(info) => void reschedule(info)}
            eventResize={(info) => void reschedule(info)}
            eventClick={(info: EventClickArg) => {
              info.jsEvent.preventDefault();
              dialogs.openDetail(info.event.id);
            }}
            datesSet={(arg: DatesSetArg) => {
              const from = arg.start.toISOString();
              const to = arg.end.toISOString();
              setRange((r) => (r.from === from && r.to === to ? r : { from, to }));
            }}
          />
        </Box>
      </Paper>
      {dialogs.element}
    </>
  );
}
