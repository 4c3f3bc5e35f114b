import { Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatPhone } from '../../../domain/common/phone.js';

/*
 * Values of a record's fields as links. The single-value ones return the empty value itself when there is none, so
 * FieldList shows its "no value" dash; the list ones return `false` for an empty list (an empty cell).
 */

/** The record's name in a list, opening its page. */
export function RecordNameLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} fw={600} c="dark" underline="hover">
      {children}
    </Anchor>
  );
}

/** A related record (the contact's account, a parent account) linking to its page under `basePath`. */
export function recordLink(basePath: string, ref: { id: string; name: string } | null | undefined) {
  return (
    ref && (
      <Anchor component={Link} to={`${basePath}/${ref.id}`} size="sm">
        {ref.name}
      </Anchor>
    )
  );
}

export function emailLink(email: string | null | undefined) {
  return (
    email && (
      <Anchor href={`mailto:${email}`} size="sm">
        {email}
      </Anchor>
    )
  );
}

export function phoneLink(phone: string | null | undefined) {
  return (
    phone && (
      <Anchor href={`tel:${phone}`} size="sm">
        {formatPhone(phone)}
      </Anchor>
    )
  );
}

export function websiteLink(url: string | null | undefined) {
  return (
    url && (
      <Anchor href={url} target="_blank" rel="noreferrer" size="sm">
        {url.replace(/^https?:\/\//, '')}
      </Anchor>
    )
  );
}

/** Several addresses, one a line. */
export function emailLinks(emails: string[]) {
  return (
    emails.length > 0 && (
      <Stack gap={2} component="span">
        {emails.map((e) => (
          <Anchor key={e} href={`mailto:${e}`} size="sm">
            {e}
          </Anchor>
        ))}
      </Stack>
    )
  );
}

/** Several phone numbers, one a line, in the national format. */
export function phoneLinks(phones: string[]) {
  return (
    phones.length > 0 && (
      <Stack gap={2} component="span">
        {phones.map((p) => (
          <Anchor key={p} href={`tel:${p}`} size="sm">
            {formatPhone(p)}
          </Anchor>
        ))}
      </Stack>
    )
  );
}
