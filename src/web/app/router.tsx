import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from './auth/RequireAuth.js';
import { AppLayout } from './shell/AppLayout.js';
import { PageLoader } from './shell/PageLoader.js';

// Each page is its own chunk: the sign-in page and the shell load first, the rest on demand.
const LoginPage = lazy(() => import('../modules/auth/LoginPage.js'));
const MyDayPage = lazy(() => import('../modules/activities/MyDayPage.js'));
const CalendarPage = lazy(() => import('../modules/activities/CalendarPage.js'));
const ActivityPage = lazy(() => import('../modules/activities/ActivityPage.js'));
const LeadsPage = lazy(() => import('../modules/leads/LeadsPage.js'));
const LeadDetailPage = lazy(() => import('../modules/leads/LeadDetailPage.js'));
const AccountsPage = lazy(() => import('../modules/accounts/AccountsPage.js'));
const AccountDetailPage = lazy(() => import('../modules/accounts/AccountDetailPage.js'));
const ContactsPage = lazy(() => import('../modules/contacts/ContactsPage.js'));
const ContactDetailPage = lazy(() => import('../modules/contacts/ContactDetailPage.js'));
const UsersPage = lazy(() => import('../modules/admin/UsersPage.js'));
const TeamsPage = lazy(() => import('../modules/admin/TeamsPage.js'));
const FormsPage = lazy(() => import('../modules/forms/FormsPage.js'));
const FormBuilderPage = lazy(() => import('../modules/forms/FormBuilderPage.js'));
const MailboxesPage = lazy(() => import('../modules/mailboxes/MailboxesPage.js'));
const EmailTemplatesPage = lazy(() => import('../modules/emails/EmailTemplatesPage.js'));
const ImportsPage = lazy(() => import('../modules/imports/ImportsPage.js'));
const ImportWizardPage = lazy(() => import('../modules/imports/ImportWizardPage.js'));
const OpportunitiesPage = lazy(() => import('../modules/opportunities/OpportunitiesPage.js'));
const OpportunityDetailPage = lazy(() => import('../modules/opportunities/OpportunityDetailPage.js'));
const PipelinesPage = lazy(() => import('../modules/pipelines/PipelinesPage.js'));
const WinLossPage = lazy(() => import('../modules/opportunity-insights/WinLossPage.js'));
const StalledDealsPage = lazy(() => import('../modules/opportunity-insights/StalledDealsPage.js'));
const ExchangeRatesPage = lazy(() => import('../modules/exchange-rates/ExchangeRatesPage.js'));
const ActivityPlansPage = lazy(() => import('../modules/activity-plans/ActivityPlansPage.js'));
const NotificationPreferencesPage = lazy(() => import('../modules/notifications/NotificationPreferencesPage.js'));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageLoader />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/my-day" replace /> },
      { path: 'my-day', element: <MyDayPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'activities/:id', element: <ActivityPage /> },
      { path: 'leads', element: <LeadsPage /> },
      { path: 'leads/import', element: <ImportsPage /> },
      { path: 'leads/import/:id', element: <ImportWizardPage /> },
      { path: 'leads/:id', element: <LeadDetailPage /> },
      { path: 'opportunities', element: <OpportunitiesPage /> },
      { path: 'opportunities/stalled', element: <StalledDealsPage /> },
      { path: 'opportunities/win-loss', element: <WinLossPage /> },
      { path: 'opportunities/:id', element: <OpportunityDetailPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:id', element: <AccountDetailPage /> },
      { path: 'contacts', element: <ContactsPage /> },
      { path: 'contacts/:id', element: <ContactDetailPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/teams', element: <TeamsPage /> },
      { path: 'admin/forms', element: <FormsPage /> },
      { path: 'admin/forms/:id', element: <FormBuilderPage /> },
      { path: 'admin/mailboxes', element: <MailboxesPage /> },
      { path: 'admin/pipelines', element: <PipelinesPage /> },
      { path: 'admin/exchange-rates', element: <ExchangeRatesPage /> },
      { path: 'admin/email-templates', element: <EmailTemplatesPage /> },
      { path: 'admin/activity-plans', element: <ActivityPlansPage /> },
      { path: 'settings/notifications', element: <NotificationPreferencesPage /> },
      { path: '*', element: <Navigate to="/my-day" replace /> },
    ],
  },
]);
