import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconInfoCircle, IconTrendingUp } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, isApiError } from '../../app/api/client.js';
import { ME_KEY, type Me, rememberSession, useMe } from '../../app/auth/session.js';
import { LanguagePicker } from './LanguagePicker.js';

type Meta = { demoSignIn: string | null; database: string };

export default function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const meta = useQuery({ queryKey: ['meta'], queryFn: () => api.get<Meta>('/meta'), staleTime: Number.POSITIVE_INFINITY });
  const next = safeNext(params.get('next'));

  const signIn = useMutation({
    mutationFn: () => api.post<Me>('/auth/login', { email, password }),
    onSuccess: (session) => {
      rememberSession(session);
      queryClient.setQueryData(ME_KEY, session);
      navigate(next, { replace: true });
    },
  });

  if (me.data && !signIn.isPending) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  return (
    <Box mih="100vh" bg="linear-gradient(135deg, var(--mantine-color-indigo-0), var(--mantine-color-cyan-0))">
      <Group justify="flex-end" p="md">
        <LanguagePicker />
      </Group>
      <Center mih="80vh">
        <Paper withBorder shadow="md" p="xl" w={400} maw="92vw">
          <form onSubmit={submit} noValidate>
            <Stack>
              <Group gap="sm">
                <ThemeIcon size="lg" radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
                  <IconTrendingUp size={20} />
                </ThemeIcon>
                <Title order={2}>{t('auth.title')}</Title>
              </Group>
              <Text c="dimmed" size="sm">
                {t('auth.subtitle')}
              </Text>
              {signIn.error && (
                <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                  {signInError(signIn.error, t)}
                </Alert>
              )}
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="username"
                required
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <PasswordInput
                label={t('auth.password')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={signIn.isPending} disabled={!email || !password} fullWidth>
                {t('auth.signIn')}
              </Button>
              {meta.data?.demoSignIn && (
                <Alert variant="light" color="indigo" icon={<IconInfoCircle size={18} />} title={t('auth.demoHint')}>
                  <DemoHint
                    text={meta.data.demoSignIn}
                    onPick={(e, p) => {
                      setEmail(e);
                      setPassword(p);
                    }}
                  />
                </Alert>
              )}
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}

function signInError(error: Error, t: (key: string, opts?: Record<string, string>) => string): string {
  if (isApiError(error) && error.status === 401) return t('auth.wrongCredentials');
  if (isApiError(error) && error.status === 429) return t('auth.throttled');
  return t('auth.failed', { message: error.message });
}

/** Only same-app paths: a crafted ?next=https://evil.example must not redirect off-site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The server's hint reads "Demo: sign in as EMAIL / PASSWORD"; offer a click that fills the form. */
function DemoHint({ text, onPick }: { text: string; onPick: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  const match = /(\S+@\S+)\s*\/\s*(\S+)/.exec(text);
  if (!match?.[1] || !match[2]) return <Text size="sm">{text}</Text>;
  const [, email, password] = match;
  return (
    <Text size="sm">
      {text}{' '}
      <Anchor component="button" type="button" size="sm" onClick={() => onPick(email, password)}>
        {t('auth.fillIn')}
      </Anchor>
    </Text>
  );
}
