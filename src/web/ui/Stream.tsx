import { Button, Divider, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type StreamOwner, useStream } from './stream/api.js';
import { StreamComposer } from './stream/StreamComposer.js';
import { StreamEntryView, type ValueFormatter } from './stream/StreamEntryView.js';

type Props = StreamOwner & { canPost: boolean; formatValue: ValueFormatter };

/** The record's timeline ("if it is not in the Stream, it did not happen"): newest first, composer on top. */
export function Stream({ resource, id, canPost, formatValue }: Props) {
  const { t } = useTranslation();
  const owner = { resource, id };
  const stream = useStream(owner);
  const entries = stream.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label={t('stream.title')}>
      <Title order={4} mb="sm">
        {t('stream.title')}
      </Title>
      {canPost && <StreamComposer owner={owner} />}
      <Divider my="md" />
      <Stack gap="md" data-testid="stream-entries">
        {stream.isPending && [1, 2, 3].map((i) => <Skeleton key={i} height={44} radius="md" />)}
        {stream.isSuccess && entries.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" py="md">
            {t('stream.empty')}
          </Text>
        )}
        {entries.map((entry) => (
          <StreamEntryView key={entry.id} entry={entry} formatValue={formatValue} />
        ))}
        {stream.hasNextPage && (
          <Button variant="subtle" size="xs" onClick={() => void stream.fetchNextPage()} loading={stream.isFetchingNextPage}>
            {t('stream.loadMore')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
