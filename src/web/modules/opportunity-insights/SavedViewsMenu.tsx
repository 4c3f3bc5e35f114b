import { ActionIcon, Button, Group, Menu, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconBookmark, IconChevronDown, IconDeviceFloppy, IconPencil, IconTrash, IconUsers } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../../domain/opportunities/saved-views.schema.js';
import { api, isApiError } from '../../app/api/client.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import './workflows.i18n.js';

type Resource = SavedView['resource'];
export type ViewSettings = { filters: Record<string, string>; columns: string[]; sort: string | null };

const viewsKey = (resource: Resource) => ['saved-views', resource] as const;

/**
 * Saved views (personal and shared) of a list: apply one, save the current filters/columns/sort, rename or delete
 * the user's own. A view stores UI settings only; the list endpoint still applies the user's access scope.
 */
export function SavedViewsMenu({
  resource,
  view,
  current,
  onApply,
}: {
  resource: Resource;
  view: SavedView['view'];
  /** the settings shown now (read when saving) */
  current: () => ViewSettings;
  onApply: (v: SavedView) => void;
}) {
  const { t } = useTranslation('opportunityWorkflows');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const views = useQuery({
    queryKey: viewsKey(resource),
    queryFn: () => api.get<{ data: SavedView[] }>('/saved-views', { resource }),
    select: (r) => r.data,
  });
  const [saving, setSaving] = useState(false);
  const [renaming, setRenaming] = useState<SavedView | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: viewsKey(resource) });
  const remove = useMutation({
    mutationFn: (v: SavedView) => api.delete(`/saved-views/${v.id}`),
    onSuccess: () => {
      notifySuccess(t('views.deleted'));
      setDeleting(null);
      refresh();
    },
    onError: (e) => notifyError(tc, e),
  });
  const list = views.data ?? [];
  const mine = list.filter((v) => !v.shared || v.editable);
  const shared = list.filter((v) => v.shared && !v.editable);
  const item = (v: SavedView) => (
    <Menu.Item
      key={v.id}
      leftSection={v.shared ? <IconUsers size={14} /> : <IconBookmark size={14} />}
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
              aria-label={`${t('views.rename')} ${v.name}`}
              onClick={(e) => {
                e.stopPropagation();
                setRenaming(v);
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
      {!v.editable && v.owner && (
        <Text size="xs" c="dimmed">
          {t('views.by', { name: v.owner.name })}
        </Text>
      )}
    </Menu.Item>
  );
  return (
    <>
      <Menu position="bottom-end" width={280}>
        <Menu.Target>
          <Button variant="default" leftSection={<IconBookmark size={16} />} rightSection={<IconChevronDown size={14} />}>
            {t('views.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="saved-views-menu">
          <Menu.Label>{t('views.personal')}</Menu.Label>
          {mine.length === 0 && shared.length === 0 && <Menu.Item disabled>{t('views.none')}</Menu.Item>}
          {mine.map(item)}
          {shared.length > 0 && <Menu.Label>{t('views.shared')}</Menu.Label>}
          {shared.map(item)}
          <Menu.Divider />
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
            refresh();
          }}
        />
      )}
      {renaming && (
        <ViewNameModal
          title={t('views.renameTitle')}
          initial={renaming.name}
          onClose={() => setRenaming(null)}
          submit={async (name) => {
            await api.patch<SavedView>(`/saved-views/${renaming.id}`, { name }, renaming.version);
            refresh();
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
  withShared = false,
  onClose,
  submit,
}: {
  title: string;
  initial?: string;
  withShared?: boolean;
  onClose: () => void;
  submit: (name: string, shared: boolean) => Promise<void>;
}) {
  const { t } = useTranslation('opportunityWorkflows');
  const { t: tc } = useTranslation();
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(false);
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
