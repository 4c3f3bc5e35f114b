import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthorizedHandler } from './api/client.js';
import { ME_KEY } from './auth/session.js';
import { queryClient } from './queryClient.js';
import { router } from './router.js';
import { theme } from './theme.js';

export function App() {
  useEffect(() => {
    // A lost session anywhere sends the user to sign in (RequireAuth sees `me` turn null).
    setUnauthorizedHandler(() => {
      if (queryClient.getQueryData(ME_KEY)) queryClient.setQueryData(ME_KEY, null);
    });
  }, []);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
