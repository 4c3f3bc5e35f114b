import { Button, Group } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../app/notify.js';
import { type ChosenMention, MentionTextarea, withMentionMarkup } from '../../modules/notifications/MentionTextarea.js';
import { type StreamOwner, usePostNote } from './api.js';

export function StreamComposer({ owner }: { owner: StreamOwner }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<ChosenMention[]>([]);
  const post = usePostNote(owner);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!body.trim() || post.isPending) return;
    post.mutate(withMentionMarkup(body.trim(), mentions), {
      onSuccess: () => {
        setBody('');
        setMentions([]);
      },
      onError: (error) => notifyError(t, error),
    });
  };

  return (
    <form onSubmit={submit}>
      <MentionTextarea
        chosen={mentions}
        onChosenChange={setMentions}
        aria-label={t('stream.placeholder')}
        placeholder={t('stream.placeholder')}
        autosize
        minRows={2}
        maxRows={8}
        value={body}
        onChange={setBody}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
        }}
      />
      <Group justify="flex-end" mt="xs">
        <Button type="submit" size="xs" leftSection={<IconSend size={14} />} loading={post.isPending} disabled={!body.trim()}>
          {t('stream.post')}
        </Button>
      </Group>
    </form>
  );
}
