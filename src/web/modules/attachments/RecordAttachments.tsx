import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import {
  IconCloudUpload,
  IconDownload,
  IconEye,
  IconFile,
  IconFileCode,
  IconFileSpreadsheet,
  IconFileText,
  IconFileTypeDocx,
  IconFileTypePdf,
  IconFileZip,
  IconMail,
  IconPhoto,
  IconPresentation,
  IconRestore,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kindInfo } from '../../../domain/attachments/attachment.kinds.js';
import type { Attachment, AttachmentRelatedRef } from '../../../domain/attachments/attachment.schema.js';
import { isApiError } from '../../app/api/client.js';
import { useCanEdit, useMe } from '../../app/auth/session.js';
import { useFormat } from '../../app/i18n/format.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import { ConfirmModal } from '../../ui/ConfirmModal.js';
import {
  formatBytes,
  uploadAttachment,
  useAttachments,
  useDeleteAttachment,
  useInvalidateAttachments,
  useRestoreAttachment,
  useUploadLimits,
} from './api.js';
import './i18n.js';

type Props = {
  related: AttachmentRelatedRef;
  /** false for a record in the trash or one the user may only read */
  canEdit?: boolean;
};

type Upload = { key: string; name: string; progress: number };

const GROUP_ICONS: Record<string, { icon: ReactNode; color: string }> = {
  pdf: { icon: <IconFileTypePdf size={18} />, color: 'red' },
  image: { icon: <IconPhoto size={18} />, color: 'grape' },
  document: { icon: <IconFileTypeDocx size={18} />, color: 'blue' },
  spreadsheet: { icon: <IconFileSpreadsheet size={18} />, color: 'green' },
  presentation: { icon: <IconPresentation size={18} />, color: 'orange' },
  text: { icon: <IconFileText size={18} />, color: 'gray' },
  archive: { icon: <IconFileZip size={18} />, color: 'yellow' },
  email: { icon: <IconMail size={18} />, color: 'cyan' },
  code: { icon: <IconFileCode size={18} />, color: 'dark' },
};

/** A record's files: drag-and-drop upload with progress, list, preview of images and PDFs, download, delete. */
export function RecordAttachments({ related, canEdit: canEditRecord = true }: Props) {
  const { t } = useTranslation('attachments');
  const canEdit = useCanEdit() && canEditRecord;
  const me = useMe();
  const limits = useUploadLimits();
  const list = useAttachments(related);
  const [showDeleted, setShowDeleted] = useState(false);
  const deletedList = useAttachments(related, true, canEdit);
  const invalidate = useInvalidateAttachments(related);
  const remove = useDeleteAttachment(related);
  const restore = useRestoreAttachment(related);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const [confirming, setConfirming] = useState<Attachment | null>(null);
  const maxMb = limits?.maxUploadMb ?? 25;
  const files = list.data?.pages.flatMap((p) => p.data) ?? [];
  const deleted = deletedList.data?.pages.flatMap((p) => p.data) ?? [];

  const send = async (file: File) => {
    const key = `${file.name}-${file.size}-${Math.random()}`;
    setUploads((u) => [...u, { key, name: file.name, progress: 0 }]);
    try {
      await uploadAttachment(
        related,
        file,
        (progress) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, progress } : x))),
        me.data?.csrfToken ?? null,
      );
      notifySuccess(t('uploaded', { name: file.name }));
    } catch (error) {
      const message = isApiError(error, 'payload_too_large')
        ? t('errors.tooLarge', { mb: maxMb })
        : isApiError(error, 'unsupported_media_type')
          ? t('errors.type')
          : errorMessage(t, error);
      notifyError(t, new Error(t('failed', { name: file.name, message })));
    } finally {
      setUploads((u) => u.filter((x) => x.key !== key));
      invalidate();
    }
  };

  const onReject = (rejections: FileRejection[]) => {
    for (const r of rejections) {
      const tooBig = r.errors.some((e) => e.code === 'file-too-large');
      notifyError(
        t,
        new Error(t('failed', { name: r.file.name, message: tooBig ? t('errors.tooLarge', { mb: maxMb }) : t('errors.type') })),
      );
    }
  };

  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('title')} data-testid="record-attachments">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('title')}</Title>
        {files.length > 0 && (
          <Badge variant="light" color="gray">
            {files.length}
          </Badge>
        )}
      </Group>
      {canEdit ? (
        <Dropzone
          onDrop={(dropped: File[]) => {
            for (const f of dropped) void send(f);
          }}
          onReject={onReject}
          maxSize={maxMb * 1024 * 1024}
          accept={limits?.accept}
          multiple
          mb="sm"
          p="md"
          data-testid="attachments-dropzone"
        >
          <Group justify="center" gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
            <Dropzone.Accept>
              <IconCloudUpload size={32} color="var(--mantine-color-blue-6)" />
            </Dropzone.Accept>
            <Dropzone.Reject>
              <IconX size={32} color="var(--mantine-color-red-6)" />
            </Dropzone.Reject>
            <Dropzone.Idle>
              <IconCloudUpload size={32} color="var(--mantine-color-dimmed)" />
            </Dropzone.Idle>
            <div>
              <Text size="sm" fw={500}>
                {t('drop')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('dropHint', { mb: maxMb })}
              </Text>
            </div>
          </Group>
        </Dropzone>
      ) : (
        <Text size="xs" c="dimmed" mb="sm">
          {t('readOnly')}
        </Text>
      )}
      {uploads.map((u) => (
        <Stack key={u.key} gap={4} mb="xs" data-testid="attachment-upload">
          <Text size="xs">{t('uploading', { name: u.name })}</Text>
          <Progress value={Math.round(u.progress * 100)} animated size="sm" aria-label={t('uploading', { name: u.name })} />
        </Stack>
      ))}
      {list.isPending ? (
        <Stack gap="xs">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : files.length === 0 && uploads.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="sm">
          {t('none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {files.map((a) => (
            <AttachmentRow
              key={a.id}
              attachment={a}
              canEdit={canEdit}
              onPreview={() => setPreviewing(a)}
              onDelete={() => setConfirming(a)}
            />
          ))}
          {list.hasNextPage && (
            <Button variant="subtle" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('showMore')}
            </Button>
          )}
        </Stack>
      )}
      {canEdit && deleted.length > 0 && (
        <Stack gap="xs" mt="sm">
          <Button variant="subtle" size="xs" color="gray" onClick={() => setShowDeleted((v) => !v)}>
            {showDeleted ? t('hideDeleted') : t('showDeleted', { count: deleted.length })}
          </Button>
          {showDeleted &&
            deleted.map((a) => (
              <Group key={a.id} gap="sm" wrap="nowrap" opacity={0.7} data-testid="attachment-deleted">
                <FileIcon attachment={a} />
                <Text size="sm" td="line-through" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                  {a.fileName}
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  leftSection={<IconRestore size={12} />}
                  loading={restore.isPending && restore.variables?.id === a.id}
                  onClick={() => restore.mutate(a, { onError: (e) => notifyError(t, e) })}
                >
                  {t('restore')}
                </Button>
              </Group>
            ))}
        </Stack>
      )}
      <PreviewModal attachment={previewing} onClose={() => setPreviewing(null)} />
      <ConfirmModal
        opened={confirming !== null}
        title={t('deleteTitle')}
        message={t('deleteConfirm', { name: confirming?.fileName ?? '' })}
        confirmLabel={t('delete')}
        loading={remove.isPending}
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          if (!confirming) return;
          const target = confirming;
          remove.mutate(target, {
            onSuccess: () => notifySuccess(t('deleted', { name: target.fileName })),
            onError: (e) => notifyError(t, e),
            onSettled: () => setConfirming(null),
          });
        }}
      />
    </Paper>
  );
}

function FileIcon({ attachment }: { attachment: Attachment }) {
  const group = kindInfo(attachment.kind)?.group;
  const look = (group && GROUP_ICONS[group]) || { icon: <IconFile size={18} />, color: 'gray' };
  return (
    <ThemeIcon variant="light" color={look.color} size={32} radius="md" aria-hidden>
      {look.icon}
    </ThemeIcon>
  );
}

function AttachmentRow({
  attachment: a,
  canEdit,
  onPreview,
  onDelete,
}: {
  attachment: Attachment;
  canEdit: boolean;
  onPreview: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation('attachments');
  const fmt = useFormat();
  return (
    <Group gap="sm" wrap="nowrap" data-testid="attachment" data-kind={a.kind}>
      <FileIcon attachment={a} />
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          {a.previewable ? (
            <Anchor
              component="button"
              type="button"
              size="sm"
              fw={600}
              onClick={onPreview}
              style={{ overflowWrap: 'anywhere', textAlign: 'left' }}
            >
              {a.fileName}
            </Anchor>
          ) : (
            <Anchor href={a.downloadUrl} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {a.fileName}
            </Anchor>
          )}
          {a.activeContent && (
            <Tooltip label={t('activeContentHint')} multiline w={260}>
              <Badge size="xs" color="orange" variant="light">
                {t('activeContent')}
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('uploadedBy', {
            size: formatBytes(fmt.locale, a.size),
            name: a.uploadedBy?.name ?? '—',
            date: fmt.dateTime(a.createdAt),
          })}
        </Text>
      </Stack>
      {a.previewable && (
        <Tooltip label={t('preview')}>
          <ActionIcon variant="subtle" onClick={onPreview} aria-label={t('preview')}>
            <IconEye size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      <Tooltip label={t('download')}>
        <ActionIcon variant="subtle" component="a" href={a.downloadUrl} aria-label={t('download')}>
          <IconDownload size={16} />
        </ActionIcon>
      </Tooltip>
      {canEdit && (
        <Tooltip label={t('delete')}>
          <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={t('delete')}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** Images in an <img>, PDFs in an iframe of the preview URL (the server sends them inline only for these). */
function PreviewModal({ attachment: a, onClose }: { attachment: Attachment | null; onClose: () => void }) {
  const { t } = useTranslation('attachments');
  return (
    <Modal opened={a !== null} onClose={onClose} title={a?.fileName} size="xl" centered>
      {a?.previewUrl &&
        (a.kind === 'pdf' ? (
          <iframe
            src={a.previewUrl}
            title={a.fileName}
            style={{ width: '100%', height: '75vh', border: 0 }}
            data-testid="attachment-preview-pdf"
          />
        ) : (
          <img
            src={a.previewUrl}
            alt={a.fileName}
            style={{ maxWidth: '100%', maxHeight: '75vh', display: 'block', margin: '0 auto' }}
          />
        ))}
      <Group justify="flex-end" mt="md">
        {a && (
          <Button component="a" href={a.downloadUrl} variant="light" leftSection={<IconDownload size={14} />}>
            {t('download')}
          </Button>
        )}
        <Button variant="default" onClick={onClose}>
          {t('close')}
        </Button>
      </Group>
    </Modal>
  );
}
