import { Avatar, Group, Paper, Text, Textarea, type TextareaProps, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionMarkup } from '../../../domain/notifications/mentions.js';
import { useSortedUsers } from '../users/api.js';
import './i18n.js';

export type ChosenMention = { name: string; id: string };

/**
 * The note's text as the API stores it: every `@Name` picked from the list becomes `@[Name](user:<id>)`, the exact
 * mention the server notifies (see domain/notifications/mentions.ts). Typed `@something` stays plain text.
 */
export function withMentionMarkup(text: string, chosen: ChosenMention[]): string {
  let out = text;
  for (const m of [...chosen].sort((a, b) => b.name.length - a.name.length)) {
    out = out.split(`@${m.name}`).join(mentionMarkup(m.name, m.id));
  }
  return out;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

type Props = Omit<TextareaProps, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  chosen: ChosenMention[];
  onChosenChange: (chosen: ChosenMention[]) => void;
};

/** A textarea with @mention autocomplete of active users (name or email, diacritics-blind). */
export function MentionTextarea({ value, onChange, chosen, onChosenChange, onKeyDown, ...rest }: Props) {
  const { t } = useTranslation('notifications');
  const users = useSortedUsers();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [active, setActive] = useState(0);

  const matches = useMemo(() => {
    if (!query) return [];
    const q = fold(query.text);
    return users.filter((u) => u.active && (fold(u.name).includes(q) || fold(u.email).startsWith(q))).slice(0, 6);
  }, [query, users]);

  const detect = (text: string, caret: number) => {
    const before = text.slice(0, caret);
    const m = /(^|\s)@([^\s@]{0,30})$/.exec(before);
    setQuery(m ? { start: caret - (m[2] as string).length - 1, text: m[2] as string } : null);
    setActive(0);
  };

  const pick = (user: { id: string; name: string }) => {
    if (!query) return;
    const caret = ref.current?.selectionStart ?? value.length;
    const next = `${value.slice(0, query.start)}@${user.name} ${value.slice(caret)}`;
    onChange(next);
    if (!chosen.some((c) => c.id === user.id)) onChosenChange([...chosen, { id: user.id, name: user.name }]);
    setQuery(null);
    const pos = query.start + user.name.length + 2;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(pos, pos);
    });
  };

  const keyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (query && matches.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(matches[active] as { id: string; name: string });
        return;
      }
      if (e.key === 'Escape') {
        setQuery(null);
        return;
      }
    }
    onKeyDown?.(e);
  };

  return (
    <div style={{ position: 'relative' }}>
      <Textarea
        {...rest}
        ref={ref}
        value={value}
        onChange={(e) => {
          onChange(e.currentTarget.value);
          detect(e.currentTarget.value, e.currentTarget.selectionStart);
        }}
        onKeyDown={keyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
        aria-autocomplete="list"
        description={rest.description ?? t('mention.hint')}
      />
      {query && (
        <Paper
          withBorder
          shadow="md"
          p={4}
          role="listbox"
          aria-label={t('bell')}
          style={{ position: 'absolute', zIndex: 20, left: 0, right: 0, maxWidth: 320 }}
        >
          {matches.length === 0 ? (
            <Text size="xs" c="dimmed" p={6}>
              {t('mention.noMatch')}
            </Text>
          ) : (
            matches.map((u, i) => (
              <UnstyledButton
                key={u.id}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(u);
                }}
                style={{
                  display: 'block',
                  width: '100%',
                  borderRadius: 4,
                  padding: 6,
                  background: i === active ? 'var(--mantine-color-indigo-0)' : undefined,
                }}
              >
                <Group gap={8} wrap="nowrap">
                  <Avatar name={u.name} color="initials" size={22} radius="xl" />
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm">{u.name}</Text>
                    <Text size="xs" c="dimmed" truncate>
                      {u.email}
                    </Text>
                  </div>
                </Group>
              </UnstyledButton>
            ))
          )}
        </Paper>
      )}
    </div>
  );
}
