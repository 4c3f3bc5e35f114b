import { ActionIcon, Button, Group, Menu, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBookmark,
  IconCheck,
  IconChevronDown,
  IconDeviceFloppy,
  IconPencil,
  IconRefresh,
  IconTrash,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../../domain/opportunities/saved-views.schema.js';
import { api, apiRequest, isApiError } from '../../app/api/client.js';
import { useCurrentUser } from '../../app/auth/session.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import './workflows.i18n.js';

type Resource = SavedView['resource'];
export type ViewSettings = { filters: Record<string, string>; columns: string[]; sort: string | null };

const viewsKey = (resource: Resource) => ['saved-views', resource] as const;

/**
 * Saved views (personal and shared) of a list: apply one, save the current filters/columns/sort as a new view or
 * into the view in use, rename, share or delete the user's own. A view stores UI settings only; the list endpoint
 * still applies the user's access scope.
 */
export function SavedViewsMenu({
  resource,
  view,
  current,
  onApply,
  activeId = null,
  onActiveChange,
}: {
  resource: Resource;
  view: SavedView['view'];
  /** the settings shown now (read when saving) */
  current: () => ViewSettings;
  onApply: (v: SavedView) => void;
  /** the view the page shows now (applied or just saved), if any */
  activeId?: string | null;
  /** a new view was saved (its id) or the view in use was deleted (null) */
  onActiveChange?: (id: string | null) => void;
}) {
  const { t } = useTranslation('opportunityWorkflows');
  const { t: tc } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const views = useQuery({
    queryKey: viewsKey(resource),
    queryFn: () => api.get<{ data: SavedView[] }>('/saved-views', { resource }),
    select: (r) => r.data,
  });
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<SavedView | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: viewsKey(resource) });
  const failed = (e: unknown) => {
    if (isApiError(e, 'precondition_failed')) {
      // someone changed the view meanwhile: say so and show the fresh one
      notifications.show({ color: 'orange', message: t('views.stale') });
      void refresh();
    } else notifyError(tc, e);
  };
  const remove = useMutation({
    mutationFn: (v: SavedView) =>
      apiRequest(`/saved-views/${v.id}`, { method: 'DELETE', headers: { 'If-Match': `"${v.version}"` } }),
    onSuccess: (_, v) => {
      notifySuccess(t('views.deleted'));
      setDeleting(null);
      if (v.id === activeId) onActiveChange?.(null);
      void refresh();
    },
    onError: failed,
  });
  const overwrite = useMutation({
    mutationFn: (v: SavedView) => api.patch<SavedView>(`/saved-views/${v.id}`, { view, ...current() }, v.version),
    onSuccess: (saved) => {
      notifySuccess(t('views.updated', { name: saved.name }));
      void refresh();
    },
    onError: failed,
  });
  const list = views.data ?? [];
  const active = list.find((v) => v.id === activeId) ?? null;
  const mine = list.filter((v) => v.ownerId === me.id);
  const others = list.filter((v) => v.ownerId !== me.id);
  const item = (v: SavedView) => (
    <Menu.Item
      key={v.id}
      data-testid="saved-view"
      leftSection={
        v.id === activeId ? (
          <IconCheck size={14} aria-label={t('views.active')} />
        ) : v.shared ? (
          <IconUsers size={14} aria-label={t('views.sharedBadge')} />
        ) : (
          <IconBookmark size={14} />
        )
      }
      onClick={() => {
        onApply(v);
        notifySuccess(t('views.applied', { name: v.name }));
      }}
      rightSection={
        v.editable && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              component="span"
              size="sm"
              variant="subtle"
              aria-label={`${t('views.edit')} ${v.name}`}
              onClick={(e) => {
                e.stopPropagation();
                setEditing(v);
              }}
            >
              <IconPencil size={12} />
            </ActionIcon>
            <ActionIcon
              component="span"
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`${t('views.delete')} ${v.name}`}
              onClick={(e) => {
                e.stopPropagation();
                setDeleting(v);
              }}
            >
              <IconTrash size={12} />
            </ActionIcon>
          </Group>
        )
      }
    >
      <Text size="sm">{v.name}</Text>
      <Text size="xs" c="dimmed">
        {[
          t(`views.kind.${v.view}`),
          v.ownerId === me.id ? (v.shared ? t('views.sharedBadge') : null) : t('views.by', { name: v.owner?.name ?? '—' }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Menu.Item>
  );
  return (
    <>
      <Menu position="bottom-end" width={300}>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} />}
            rightSection={<IconChevronDown size={14} />}
            data-testid="saved-views-button"
          >
            {active ? `${t('views.menu')}: ${active.name}` : t('views.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="saved-views-menu">
          <Menu.Label>{t('views.personal')}</Menu.Label>
          {mine.length === 0 && <Menu.Item disabled>{t('views.none')}</Menu.Item>}
          {mine.map(item)}
          {others.length > 0 && <Menu.Label>{t('views.shared')}</Menu.Label>}
          {others.map(item)}
          <Menu.Divider />
          {active?.editable && (
            <Menu.Item leftSection={<IconRefresh size={14} />} onClick={() => overwrite.mutate(active)}>
              {t('views.update', { name: active.name })}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setSaving(true)}>
            {t('views.save')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {saving && (
        <ViewNameModal
          title={t('views.saveTitle')}
          withShared
          onClose={() => setSaving(false)}
          submit={async (name, isShared) => {
            const saved = await api.post<SavedView>('/saved-views', { name, resource, view, shared: isShared, ...current() });
            notifySuccess(t('views.saved', { name: saved.name }));
            await refresh();
            onActiveChange?.(saved.id);
          }}
        />
      )}
      {editing && (
        <ViewNameModal
          title={t('views.editTitle')}
          initial={editing.name}
          initialShared={editing.shared}
          // only the owner shares or unshares (an administrator may rename a shared view, not take it away)
          withShared={editing.ownerId === me.id}
          onClose={() => setEditing(null)}
          submit={async (name, isShared) => {
            const body = editing.ownerId === me.id ? { name, shared: isShared } : { name };
            try {
              await api.patch<SavedView>(`/saved-views/${editing.id}`, body, editing.version);
            } catch (e) {
              if (!isApiError(e, 'precondition_failed')) throw e;
              failed(e);
            }
            await refresh();
          }}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title={t('views.delete')}
        message={t('views.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('views.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

function ViewNameModal({
  title,
  initial = '',
  initialShared = false,
  withShared = false,
  onClose,
  submit,
}: {
  title: string;
  initial?: string;
  initialShared?: boolean;
  withShared?: boolean;
  onClose: () => void;
  submit: (name: string, shared: boolean) => Promise<void>;
}) {
  const { t } = useTranslation('opportunityWorkflows');
  const { t: tc } = useTranslation();
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(initialShared);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          submit(name.trim(), shared)
            .then(onClose)
            .catch((err: unknown) => {
              const field = isApiError(err) ? err.details.find((d) => d.field === 'name') : undefined;
              if (field) setError(field.message);
              else notifyError(tc, err);
            })
            .finally(() => setBusy(false));
        }}
      >
        <Stack>
          <TextInput
            label={t('views.name')}
            required
            data-autofocus
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
          />
          {withShared && (
            <Switch label={t('views.shared_label')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {tc('common.save', { defaultValue: 'Save' })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
