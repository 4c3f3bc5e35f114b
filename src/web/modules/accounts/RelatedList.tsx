import { Anchor, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type RelatedColumn<T> = { header: string; render: (row: T) => ReactNode };

type Props<T extends { id: string }> = {
  rows: T[];
  columns: RelatedColumn<T>[];
  href: (row: T) => string;
  title: (row: T) => string;
  isLoading: boolean;
  empty: string;
  action?: ReactNode;
  hasMore?: boolean;
  onLoadMore?: () => void;
  label: string;
};

/** A compact table of records related to the one on screen (contacts of an account, sub-accounts). */
export function RelatedList<T extends { id: string }>(props: Props<T>) {
  return (
    <Stack gap="sm">
      {props.action && <Group justify="flex-end">{props.action}</Group>}
      {props.isLoading ? (
        <Loader size="sm" type="dots" />
      ) : props.rows.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="lg">
          {props.empty}
        </Text>
      ) : (
        <Table highlightOnHover aria-label={props.label} verticalSpacing="xs">
          <Table.Tbody>
            {props.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} to={props.href(row)} fw={500} size="sm">
                    {props.title(row)}
                  </Anchor>
                </Table.Td>
                {props.columns.map((c) => (
                  <Table.Td key={c.header}>
                    <Text size="sm" c="dimmed">
                      {c.render(row)}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {props.hasMore && (
        <Button variant="subtle" size="xs" onClick={props.onLoadMore}>
          …
        </Button>
      )}
    </Stack>
  );
}
