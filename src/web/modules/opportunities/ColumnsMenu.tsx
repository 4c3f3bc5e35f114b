import { Button, Checkbox, Menu } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ALL_COLUMNS, type ColumnKey } from './tableColumns.js';
import './i18n.js';

type Props = {
  chosen: ColumnKey[];
  onToggle: (c: ColumnKey) => void;
  /** The base currency, named in the "Amount (CZK)" column. */
  baseCurrency: string;
};

/** "Columns": a tick for each column the table can show; the menu stays open for several clicks. */
export function ColumnsMenu({ chosen, onToggle, baseCurrency }: Props) {
  const { t } = useTranslation('opportunities');
  return (
    <Menu closeOnItemClick={false} position="bottom-end">
      <Menu.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={14} />}>
          {t('tableView.columns')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {ALL_COLUMNS.map((c) => (
          <Menu.Item
            key={c}
            onClick={() => onToggle(c)}
            // the box only shows the state: a label of its own would pass the click on a second time
            leftSection={
              <Checkbox
                size="xs"
                readOnly
                tabIndex={-1}
                aria-hidden
                checked={chosen.includes(c)}
                style={{ pointerEvents: 'none' }}
              />
            }
          >
            {c === 'amountBase' ? t('fields.amountBase', { currency: baseCurrency }) : t(`fields.${c}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
