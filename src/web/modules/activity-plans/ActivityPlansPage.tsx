import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconChecklist, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, type ActivityType } from '../../../domain/activities/activity.schema.js';
import type { ActivityPlan, PlanItemInput, PlanItemOwner } from '../../../domain/activity-plans/activity-plan.schema.js';
import { isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { AdminOnly } from '../admin/AdminOnly.js';
import { useUserOptions } from '../users/api.js';
import { useDeletePlan, usePlans, useSavePlan } from './api.js';
import './i18n.js';

export default function ActivityPlansPage() {
  return (
    <AdminOnly>
      <PlansList />
    </AdminOnly>
  );
}

function PlansList() {
  const { t } = useTranslation('activityPlans');
  const plans = usePlans();
  const [editing, setEditing] = useState<ActivityPlan | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ActivityPlan | null>(null);
  const remove = useDeletePlan();
  const rows = plans.data?.data ?? [];
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('new')}
          </Button>
        }
      />
      <Paper withBorder>
        {rows.length === 0 && !plans.isPending ? (
          <ListEmpty icon={<IconChecklist size={28} />} title={t('empty')} />
        ) : (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('name')}</Table.Th>
                <Table.Th>{t('items')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => setEditing(p)}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        {p.name}
                      </Text>
                      {!p.active && (
                        <Badge size="xs" color="gray">
                          {t('inactive')}
                        </Badge>
                      )}
                    </Group>
                    {p.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {p.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {p.items.map((i) => `${t(`types.${i.type}`)} (${t('dueDay')} ${i.dueDayOffset})`).join(' → ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('delete')}
                      onClick={(e) => {
                        e.stopPropagation();
                        setDeleting(p);
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {editing && <PlanEditor plan={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={deleting !== null}
        title={t('delete')}
        message={t('deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('delete')}
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              notifySuccess(t('deleted'));
              setDeleting(null);
            },
            onError: (err) => notifyError(t, err),
          })
        }
      />
    </>
  );
}

type DraftItem = PlanItemInput & { key: string };
let keySeq = 0;
const newItem = (): DraftItem => ({
  key: `n${++keySeq}`,
  type: 'task',
  subject: '',
  dueDayOffset: 0,
  owner: { kind: 'record_owner' },
});

function PlanEditor({ plan, onClose }: { plan: ActivityPlan | null; onClose: () => void }) {
  const { t } = useTranslation('activityPlans');
  const save = useSavePlan();
  const userOptions = useUserOptions({ activeOnly: true });
  const [name, setName] = useState(plan?.name ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [active, setActive] = useState(plan?.active ?? true);
  const [items, setItems] = useState<DraftItem[]>(plan ? plan.items.map((i) => ({ ...i, key: i.id })) : [newItem()]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const update = (index: number, patch: Partial<DraftItem>) =>
    setItems((list) => list.map((it, i) => (i === index ? { ...it, ...patch } : it)));
  const move = (index: number, by: -1 | 1) =>
    setItems((list) => {
      const next = [...list];
      const [it] = next.splice(index, 1);
      next.splice(index + by, 0, it as DraftItem);
      return next;
    });

  const submit = () => {
    setErrors({});
    const body = {
      name,
      description: description || null,
      active,
      items: items.map(({ key: _key, ...i }) => ({ ...i, description: i.description || null })),
    };
    save.mutate(
      { plan, body },
      {
        onSuccess: () => {
          notifySuccess(t('saved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err, 'validation_failed')) setErrors(Object.fromEntries(err.details.map((d) => [d.field, d.message])));
          if (isApiError(err, 'precondition_failed')) notifyError(t, new Error(t('conflict')));
          else notifyError(t, err);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={plan ? t('edit') : t('new')} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            error={errors.name}
          />
          <Textarea
            label={t('description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Checkbox label={t('active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Text fw={600} size="sm">
            {t('items')}
          </Text>
          {errors.items && (
            <Text c="red" size="xs">
              {errors.items}
            </Text>
          )}
          {items.map((item, index) => (
            <Group key={item.key} align="flex-end" gap="xs" wrap="nowrap" data-testid="plan-item">
              <Select
                label={index === 0 ? t('type') : undefined}
                aria-label={t('type')}
                w={120}
                data={ACTIVITY_TYPES.map((v) => ({ value: v, label: t(`types.${v}`) }))}
                value={item.type}
                onChange={(v) => v && update(index, { type: v as ActivityType })}
                allowDeselect={false}
              />
              <TextInput
                label={index === 0 ? t('subject') : undefined}
                aria-label={t('subject')}
                style={{ flex: 1 }}
                value={item.subject}
                onChange={(e) => update(index, { subject: e.currentTarget.value })}
                error={errors[`items.${index}.subject`]}
                required
              />
              <NumberInput
                label={index === 0 ? t('dueDay') : undefined}
                aria-label={t('dueDay')}
                w={80}
                min={0}
                max={365}
                value={item.dueDayOffset}
                onChange={(v) => update(index, { dueDayOffset: typeof v === 'number' ? v : 0 })}
                error={errors[`items.${index}.dueDayOffset`]}
              />
              <Select
                label={index === 0 ? t('owner') : undefined}
                aria-label={t('owner')}
                w={190}
                data={(['record_owner', 'applier', 'user'] as const).map((k) => ({ value: k, label: t(`owners.${k}`) }))}
                value={item.owner.kind}
                onChange={(v) => {
                  const kind = (v ?? 'record_owner') as PlanItemOwner['kind'];
                  update(index, { owner: kind === 'user' ? { kind, userId: userOptions[0]?.value ?? '' } : { kind } });
                }}
                allowDeselect={false}
              />
              {item.owner.kind === 'user' && (
                <Select
                  aria-label={t('user')}
                  w={170}
                  data={userOptions}
                  searchable
                  value={item.owner.userId}
                  onChange={(v) => v && update(index, { owner: { kind: 'user', userId: v } })}
                  error={errors[`items.${index}.owner.userId`]}
                />
              )}
              <Group gap={0} wrap="nowrap">
                <Tooltip label={t('moveUp')}>
                  <ActionIcon variant="subtle" aria-label={t('moveUp')} disabled={index === 0} onClick={() => move(index, -1)}>
                    <IconArrowUp size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('moveDown')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('moveDown')}
                    disabled={index === items.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <IconArrowDown size={14} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={t('remove')}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('remove')}
                    disabled={items.length === 1}
                    onClick={() => setItems((l) => l.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Group>
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setItems((l) => [...l, newItem()])}
            >
              {t('addItem')}
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
