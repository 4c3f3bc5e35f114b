import { Badge, Button, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../app/i18n/format.js';
import { ListEmpty } from '../../ui/ListEmpty.js';
import { PageHeader } from '../../ui/PageHeader.js';
import { AdminOnly } from '../admin/AdminOnly.js';
import { useForms } from './api.js';
import { FORMS_NS } from './i18n.js';

export default function FormsPage() {
  return (
    <AdminOnly>
      <FormsTable />
    </AdminOnly>
  );
}

function FormsTable() {
  const { t } = useTranslation(FORMS_NS);
  const { t: tc } = useTranslation();
  const { compare, dateTime, number } = useFormat();
  const navigate = useNavigate();
  const [deleted, setDeleted] = useState(false);
  const forms = useForms({ deleted });
  const sorted = useMemo(() => [...(forms.data?.data ?? [])].sort((a, b) => compare(a.name, b.name)), [forms.data, compare]);

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button component={Link} to="/admin/forms/new" leftSection={<IconPlus size={16} />}>
            {t('new')}
          </Button>
        }
      />
      <Group mb="sm">
        <SegmentedControl
          size="xs"
          value={deleted ? 'deleted' : 'current'}
          onChange={(v) => setDeleted(v === 'deleted')}
          data={[
            { value: 'current', label: tc('common.all') },
            { value: 'deleted', label: tc('common.showDeleted') },
          ]}
        />
      </Group>
      <Paper withBorder shadow="xs">
        {forms.isSuccess && sorted.length === 0 ? (
          <ListEmpty icon={<IconForms size={28} />} title={t('empty')} description={deleted ? undefined : t('emptyHint')} />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.name')}</Table.Th>
                <Table.Th>{t('columns.status')}</Table.Th>
                <Table.Th>{t('columns.team')}</Table.Th>
                <Table.Th>{t('columns.campaign')}</Table.Th>
                <Table.Th ta="right">{t('columns.submissions')}</Table.Th>
                <Table.Th>{t('columns.last')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((form) => (
                <Table.Tr key={form.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/admin/forms/${form.id}`)}>
                  <Table.Td fw={500}>
                    <Link to={`/admin/forms/${form.id}`} onClick={(e) => e.stopPropagation()}>
                      {form.name}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    {form.deletedAt ? (
                      <Badge color="gray">{t('deleted')}</Badge>
                    ) : form.active ? (
                      <Badge color="teal">{t('active')}</Badge>
                    ) : (
                      <Badge color="yellow">{t('inactive')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {form.team?.name ?? (
                      <Text c="dimmed" size="sm">
                        {tc('common.noValue')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {form.campaign ?? (
                      <Text c="dimmed" size="sm">
                        {tc('common.noValue')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{number(form.submissionCount)}</Table.Td>
                  <Table.Td>
                    {form.lastSubmissionAt ? (
                      dateTime(form.lastSubmissionAt)
                    ) : (
                      <Text c="dimmed" size="sm">
                        {t('never')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
