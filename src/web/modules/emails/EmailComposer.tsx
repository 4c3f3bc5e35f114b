import {
  Alert,
  Box,
  Button,
  CloseButton,
  Collapse,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { useDisclosure } from '@mantine/hooks';
import { IconCloudUpload, IconPaperclip, IconRefresh, IconSignature, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import { EMAIL_ATTACHMENT_MAX_BYTES, type EmailAttachment } from '../../../domain/emails/email.schema.js';
import { isApiError } from '../../app/api/client.js';
import { errorMessage, notifyError, notifySuccess } from '../../app/notify.js';
import {
  renderTemplate,
  uploadAttachment,
  useEmail,
  useRecipients,
  useRetryEmail,
  useSaveSignature,
  useSendEmail,
  useSignature,
  useTemplates,
} from './api.js';
import { EmailMessageBody, EmailStatusBadge } from './EmailBody.js';
import './i18n.js';

const MAX_MB = EMAIL_ATTACHMENT_MAX_BYTES / 1024 / 1024;

type Props = { opened: boolean; onClose: () => void; related: RelatedRef & { name?: string | null } };

/** Compose and send an email from a record; after sending, shows its status (queued → sent, or failed with retry). */
export function EmailComposer({ opened, onClose, related }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={<ComposerTitle related={related} />} size="xl" data-testid="email-composer">
      {opened && <ComposerBody related={related} onClose={onClose} />}
    </Modal>
  );
}

function ComposerTitle({ related }: { related: Props['related'] }) {
  const { t } = useTranslation('emails');
  return (
    <Text fw={600}>
      {t('composer.title')}
      {related.name ? ` — ${related.name}` : ''}
    </Text>
  );
}

function ComposerBody({ related, onClose }: { related: Props['related']; onClose: () => void }) {
  const { t } = useTranslation('emails');
  const { t: tc } = useTranslation();
  const ref: RelatedRef = { type: related.type, id: related.id };
  const recipients = useRecipients(ref, true);
  const templates = useTemplates();
  const send = useSendEmail();
  const [to, setTo] = useState<string[]>([]);
  const [cc, setCc] = useState<string[]>([]);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [format, setFormat] = useState<'text' | 'html'>('text');
  const [attachments, setAttachments] = useState<EmailAttachment[]>([]);
  const [uploading, setUploading] = useState(0);
  const [rendering, setRendering] = useState(false);
  const [sentId, setSentId] = useState<string | null>(null);
  const [showSignature, { toggle: toggleSignature }] = useDisclosure(false);
  const [prefilled, setPrefilled] = useState(false);

  // The record's own address goes into "To" once the suggestions arrive.
  useEffect(() => {
    if (prefilled || !recipients.data) return;
    const first = recipients.data.data[0];
    if (first) setTo([first.email]);
    setPrefilled(true);
  }, [recipients.data, prefilled]);

  const suggestions = (recipients.data?.data ?? []).map((r) => r.email);
  const fieldError = (field: string) =>
    isApiError(send.error)
      ? send.error.details.find((d) => d.field === field || d.field?.startsWith(`${field}.`))?.message
      : undefined;

  async function pickTemplate(id: string | null) {
    setTemplateId(id);
    if (!id) return;
    setRendering(true);
    try {
      const rendered = await renderTemplate(id, ref);
      setSubject(rendered.subject);
      setBody(rendered.body);
      setFormat(rendered.format);
    } catch (err) {
      notifyError(tc, err);
    } finally {
      setRendering(false);
    }
  }

  async function addFiles(files: File[]) {
    for (const file of files) {
      setUploading((n) => n + 1);
      try {
        const saved = await uploadAttachment(file);
        setAttachments((list) => [...list, saved]);
      } catch (err) {
        notifyError(tc, err);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  function onReject(rejections: FileRejection[]) {
    for (const r of rejections) notifyError(tc, new Error(t('composer.tooLarge', { name: r.file.name, mb: MAX_MB })));
  }

  if (sentId) return <SentStatus id={sentId} onClose={onClose} />;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate(
          {
            to,
            cc,
            subject,
            body,
            format,
            relatedTo: ref,
            templateId: templateId ?? undefined,
            attachmentIds: attachments.map((a) => a.id),
          },
          { onSuccess: (email) => setSentId(email.id) },
        );
      }}
    >
      <Stack gap="sm">
        {send.error && !fieldError('to') && !fieldError('subject') && !fieldError('body') && (
          <Alert color="red" variant="light">
            {errorMessage(tc, send.error)}
          </Alert>
        )}
        <TagsInput
          label={t('composer.to')}
          description={t('composer.addressHint')}
          data={suggestions}
          value={to}
          onChange={setTo}
          splitChars={[',', ';', ' ']}
          acceptValueOnBlur
          clearable
          error={fieldError('to')}
          data-testid="email-to"
        />
        <TagsInput
          label={t('composer.cc')}
          data={suggestions}
          value={cc}
          onChange={setCc}
          splitChars={[',', ';', ' ']}
          acceptValueOnBlur
          clearable
          error={fieldError('cc')}
          data-testid="email-cc"
        />
        <Select
          label={t('composer.template')}
          placeholder={t('composer.templateNone')}
          data={(templates.data?.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          value={templateId}
          onChange={(v) => void pickTemplate(v)}
          clearable
          searchable
          rightSection={rendering ? <Loader size="xs" /> : undefined}
          data-testid="email-template"
        />
        <TextInput
          label={t('composer.subject')}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          required
          maxLength={998}
          error={fieldError('subject')}
          data-testid="email-subject"
        />
        <Textarea
          label={t('composer.body')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={8}
          maxRows={20}
          required
          error={fieldError('body')}
          description={format === 'html' ? t('composer.htmlNote') : undefined}
          data-testid="email-body"
        />
        {format === 'html' && body && (
          <Box>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              {t('composer.preview')}
            </Text>
            <EmailMessageBody text={null} html={body} />
          </Box>
        )}
        <Box>
          <Text size="sm" fw={500} mb={4}>
            {t('composer.attachments')}
          </Text>
          <Dropzone
            onDrop={(files: File[]) => void addFiles(files)}
            onReject={onReject}
            maxSize={EMAIL_ATTACHMENT_MAX_BYTES}
            multiple
            p="sm"
            data-testid="email-dropzone"
          >
            <Group justify="center" gap="sm" wrap="nowrap" style={{ pointerEvents: 'none' }}>
              <Dropzone.Reject>
                <IconX size={24} color="var(--mantine-color-red-6)" />
              </Dropzone.Reject>
              <Dropzone.Idle>
                <IconCloudUpload size={24} color="var(--mantine-color-dimmed)" />
              </Dropzone.Idle>
              <Dropzone.Accept>
                <IconCloudUpload size={24} color="var(--mantine-color-blue-6)" />
              </Dropzone.Accept>
              <div>
                <Text size="sm">{t('composer.drop')}</Text>
                <Text size="xs" c="dimmed">
                  {t('composer.dropHint', { mb: MAX_MB })}
                </Text>
              </div>
            </Group>
          </Dropzone>
          <Stack gap={2} mt={6}>
            {attachments.map((a) => (
              <Group key={a.id} gap={6} wrap="nowrap">
                <IconPaperclip size={14} />
                <Text size="sm" style={{ flex: 1 }}>
                  {a.fileName}{' '}
                  <Text span size="xs" c="dimmed">
                    ({Math.max(1, Math.round(a.size / 1024))} kB)
                  </Text>
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={t('composer.remove')}
                  onClick={() => setAttachments((l) => l.filter((x) => x.id !== a.id))}
                />
              </Group>
            ))}
            {uploading > 0 && (
              <Group gap={6}>
                <Loader size="xs" />
                <Text size="xs">{t('composer.uploading')}</Text>
              </Group>
            )}
          </Stack>
        </Box>
        <Box>
          <Button variant="subtle" size="compact-sm" leftSection={<IconSignature size={14} />} onClick={toggleSignature}>
            {t('composer.signature')}
          </Button>
          <Collapse expanded={showSignature}>{showSignature && <SignatureEditor />}</Collapse>
        </Box>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('composer.cancel')}
          </Button>
          <Button type="submit" loading={send.isPending} disabled={uploading > 0 || to.length === 0} data-testid="email-send">
            {t('composer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SignatureEditor() {
  const { t } = useTranslation('emails');
  const { t: tc } = useTranslation();
  const signature = useSignature();
  const save = useSaveSignature();
  const [value, setValue] = useState<string | null>(null);
  const current = value ?? signature.data?.signature ?? '';
  return (
    <Stack gap={6} mt={6}>
      <Textarea
        value={current}
        onChange={(e) => setValue(e.currentTarget.value)}
        description={t('composer.signatureHint', { variable: '{{user.signature}}' })}
        autosize
        minRows={3}
        maxLength={5000}
      />
      <Group>
        <Button
          size="xs"
          variant="light"
          loading={save.isPending}
          onClick={() =>
            save.mutate(current || null, {
              onSuccess: () => notifySuccess(t('composer.signatureSaved')),
              onError: (e) => notifyError(tc, e),
            })
          }
        >
          {t('composer.saveSignature')}
        </Button>
      </Group>
    </Stack>
  );
}

/** After sending: the email's status, live until it is sent or failed; a failed one can be retried here. */
function SentStatus({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('emails');
  const { t: tc } = useTranslation();
  const email = useEmail(id);
  const retry = useRetryEmail();
  const e = email.data;
  return (
    <Stack gap="sm" data-testid="email-sent-status">
      {!e ? (
        <Loader size="sm" />
      ) : (
        <>
          <Group gap="sm">
            <EmailStatusBadge status={e.status} />
            <Text fw={600}>{e.subject}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('thread.to')}: {e.to.join(', ')}
          </Text>
          {e.status === 'queued' && e.lastError && (
            <Alert color="orange" variant="light">
              {t('statusHelp.retrying', {
                attempts: e.attempts,
                max: e.maxAttempts,
                when: e.nextAttemptAt ? new Date(e.nextAttemptAt).toLocaleTimeString() : '',
              })}
              <Text size="xs" mt={4}>
                {e.lastError}
              </Text>
            </Alert>
          )}
          {e.status === 'failed' && (
            <Alert color="red" variant="light" data-testid="email-failed">
              {t('statusHelp.failed', { attempts: e.attempts })}
              <Text size="xs" mt={4}>
                {e.lastError}
              </Text>
            </Alert>
          )}
        </>
      )}
      <Group justify="flex-end">
        {e && (e.status === 'failed' || (e.status === 'queued' && e.lastError)) && (
          <Button
            variant="light"
            leftSection={<IconRefresh size={16} />}
            loading={retry.isPending}
            onClick={() =>
              retry.mutate(id, { onSuccess: () => notifySuccess(t('retried')), onError: (err) => notifyError(tc, err) })
            }
          >
            {t('retry')}
          </Button>
        )}
        <Button onClick={onClose}>{t('composer.close')}</Button>
      </Group>
    </Stack>
  );
}
