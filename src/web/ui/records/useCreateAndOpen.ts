import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';

/** A create dialog that, once the record is made, closes and opens the new record's page (`<basePath>/<id>`). */
export function useCreateAndOpen(basePath: string) {
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  return {
    opened,
    open,
    close,
    onCreated: (record: { id: string }) => {
      close();
      navigate(`${basePath}/${record.id}`);
    },
  };
}
