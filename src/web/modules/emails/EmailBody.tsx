import { Anchor, Badge, Box, Button, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EmailStatus } from '../../../domain/emails/email.schema.js';
import './i18n.js';

// Sanitised HTML still goes into a sandbox: no scripts, no same-origin access, no network (CSP) — only formatting.
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;
const BASE_STYLE = '<style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;overflow-wrap:anywhere}</style>';

/** An email's body: plain text as text, HTML (already sanitised by the server) only inside a sandboxed iframe. */
export function EmailMessageBody({ text, html }: { text: string | null; html: string | null }) {
  if (html) {
    return (
      <Box
        component="iframe"
        title="email"
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={`<!doctype html><html><head>${CSP}${BASE_STYLE}</head><body>${html}</body></html>`}
        style={{
          width: '100%',
          minHeight: 220,
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 6,
          background: 'white',
        }}
        data-testid="email-html"
      />
    );
  }
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="email-text">
      {text ?? ''}
    </Text>
  );
}

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  const { t } = useTranslation('emails');
  const color = { queued: 'gray', sending: 'blue', sent: 'teal', failed: 'red' }[status];
  return (
    <Badge size="sm" variant="light" color={color} data-testid="email-status" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

type Attachment = { id?: string; fileName: string; size: number };

export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <Group gap="xs">
      {attachments.map((a, i) => (
        <Group key={a.id ?? `${a.fileName}-${i}`} gap={4} wrap="nowrap">
          <IconPaperclip size={14} />
          {a.id ? (
            <Anchor href={`/api/v1/emails/attachments/${a.id}`} size="xs">
              {a.fileName}
            </Anchor>
          ) : (
            <Text size="xs">{a.fileName}</Text>
          )}
          <Text size="xs" c="dimmed">
            ({Math.max(1, Math.round(a.size / 1024))} kB)
          </Text>
        </Group>
      ))}
    </Group>
  );
}

const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The Stream's view of an `email_sent` / `email_received` entry: subject, addresses, and the message on demand. */
export function EmailEntryBody({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation('emails');
  const [opened, { toggle }] = useDisclosure(false);
  const from = data.from as string | { name?: string | null; address?: string | null } | undefined;
  const fromText = typeof from === 'string' ? from : [from?.name, from?.address && `<${from.address}>`].filter(Boolean).join(' ');
  const to = strs(data.to);
  const cc = strs(data.cc);
  const attachments = (Array.isArray(data.attachments) ? data.attachments : []) as Attachment[];
  return (
    <Stack gap={4} data-testid="stream-email">
      <Text size="sm" fw={600}>
        {typeof data.subject === 'string' && data.subject ? data.subject : '—'}
      </Text>
      <Text size="xs" c="dimmed">
        {fromText && `${t('thread.from')}: ${fromText} · `}
        {t('thread.to')}: {to.join(', ') || '—'}
        {cc.length > 0 && ` · ${t('thread.cc')}: ${cc.join(', ')}`}
      </Text>
      <AttachmentList attachments={attachments} />
      <Group>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={toggle}
          leftSection={opened ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
        >
          {opened ? t('thread.hide') : t('thread.show')}
        </Button>
      </Group>
      <Collapse expanded={opened}>
        {opened && (
          <EmailMessageBody
            text={
              typeof data.text === 'string'
                ? data.text
                : typeof data.body === 'string' && data.format !== 'html'
                  ? data.body
                  : null
            }
            html={typeof data.html === 'string' ? data.html : null}
          />
        )}
      </Collapse>
    </Stack>
  );
}
