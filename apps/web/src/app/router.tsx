/** The console's routes; every screen is loaded on first visit. */
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { FullPageSpin } from '../ui/full-page-spin.tsx';
import { RouteError } from '../routes/route-error.tsx';
import { ConsoleLayout } from './layouts/console-layout.tsx';
import { RequirePermission } from './require-permission.tsx';
import { RequireSession } from './require-session.tsx';
import { RequireAnyPermission, workbenchPermissions } from '../features/requests/index.ts';

const LoginRoute = lazy(() => import('../routes/login.tsx').then((m) => ({ default: m.LoginRoute })));
const ChangePasswordRoute = lazy(() =>
  import('../routes/change-password.tsx').then((m) => ({ default: m.ChangePasswordRoute })),
);
const HomeRoute = lazy(() => import('../routes/home.tsx').then((m) => ({ default: m.HomeRoute })));
const JurisdictionRoute = lazy(() =>
  import('../routes/jurisdiction.tsx').then((m) => ({ default: m.JurisdictionRoute })),
);
const ResidentsRoute = lazy(() => import('../routes/residents.tsx').then((m) => ({ default: m.ResidentsRoute })));
const ResidentDetailRoute = lazy(() =>
  import('../routes/resident-detail.tsx').then((m) => ({ default: m.ResidentDetailRoute })),
);
const ResidentImportRoute = lazy(() =>
  import('../routes/resident-import.tsx').then((m) => ({ default: m.ResidentImportRoute })),
);
const ResidentDuplicatesRoute = lazy(() =>
  import('../routes/resident-duplicates.tsx').then((m) => ({ default: m.ResidentDuplicatesRoute })),
);
const VisitsRoute = lazy(() => import('../routes/visits.tsx').then((m) => ({ default: m.VisitsRoute })));
const CareRoute = lazy(() => import('../routes/care.tsx').then((m) => ({ default: m.CareRoute })));
const HousingRoute = lazy(() => import('../routes/housing.tsx').then((m) => ({ default: m.HousingRoute })));
const UnitsRoute = lazy(() => import('../routes/units.tsx').then((m) => ({ default: m.UnitsRoute })));
const RequestsRoute = lazy(() => import('../routes/requests.tsx').then((m) => ({ default: m.RequestsRoute })));
const RequestDetailRoute = lazy(() =>
  import('../routes/request-detail.tsx').then((m) => ({ default: m.RequestDetailRoute })),
);
const RequestIntakeRoute = lazy(() =>
  import('../routes/request-intake.tsx').then((m) => ({ default: m.RequestIntakeRoute })),
);
const RetentionRoute = lazy(() => import('../routes/retention.tsx').then((m) => ({ default: m.RetentionRoute })));
const WorkCalendarRoute = lazy(() =>
  import('../routes/work-calendar.tsx').then((m) => ({ default: m.WorkCalendarRoute })),
);
const RequestDashboardRoute = lazy(() =>
  import('../routes/request-dashboard.tsx').then((m) => ({ default: m.RequestDashboardRoute })),
);
const RequestCategoriesRoute = lazy(() =>
  import('../routes/request-categories.tsx').then((m) => ({ default: m.RequestCategoriesRoute })),
);
const UsersRoute = lazy(() => import('../routes/users.tsx').then((m) => ({ default: m.UsersRoute })));
const AuditRoute = lazy(() => import('../routes/audit.tsx').then((m) => ({ default: m.AuditRoute })));
const TokensRoute = lazy(() => import('../routes/tokens.tsx').then((m) => ({ default: m.TokensRoute })));
const NotFoundRoute = lazy(() => import('../routes/not-found.tsx').then((m) => ({ default: m.NotFoundRoute })));

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <LoginRoute />
          </Suspense>
        ),
      },
      {
        element: <RequireSession allowInitial />,
        children: [{ path: '/change-password', element: <ChangePasswordRoute /> }],
      },
      {
        element: <RequireSession />,
        children: [
          {
            element: <ConsoleLayout />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <HomeRoute /> },
              {
                path: 'jurisdiction',
                element: (
                  <RequirePermission permission="jurisdiction.read">
                    <JurisdictionRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'residents',
                element: (
                  <RequirePermission permission="registry.read">
                    <ResidentsRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'residents/duplicates',
                element: (
                  <RequirePermission permission="registry.read">
                    <ResidentDuplicatesRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'residents/import',
                element: (
                  <RequirePermission permission="registry.manage">
                    <ResidentImportRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'visits',
                element: (
                  <RequirePermission permission="registry.read">
                    <VisitsRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'residents/:id',
                element: (
                  <RequirePermission permission="registry.read">
                    <ResidentDetailRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'care',
                element: (
                  <RequirePermission permission="registry.read">
                    <CareRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'housing',
                element: (
                  <RequirePermission permission="registry.read">
                    <HousingRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'units',
                element: (
                  <RequirePermission permission="registry.read">
                    <UnitsRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'requests',
                element: (
                  <RequireAnyPermission anyOf={workbenchPermissions}>
                    <RequestsRoute />
                  </RequireAnyPermission>
                ),
              },
              {
                path: 'requests/:id',
                element: (
                  <RequireAnyPermission anyOf={workbenchPermissions}>
                    <RequestDetailRoute />
                  </RequireAnyPermission>
                ),
              },
              {
                path: 'request-intake',
                element: (
                  <RequirePermission permission="request.intake">
                    <RequestIntakeRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'request-categories',
                element: (
                  <RequirePermission permission="request.configure">
                    <RequestCategoriesRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'work-calendar',
                element: <WorkCalendarRoute />,
              },
              {
                path: 'retention',
                element: (
                  <RequirePermission permission="registry.configure">
                    <RetentionRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'request-dashboard',
                element: (
                  <RequirePermission permission="request.read">
                    <RequestDashboardRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'users',
                element: (
                  <RequirePermission permission="user.read">
                    <UsersRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'audit',
                element: (
                  <RequirePermission permission="audit.read">
                    <AuditRoute />
                  </RequirePermission>
                ),
              },
              {
                path: 'tokens',
                element: (
                  <RequirePermission permission="token.manage">
                    <TokensRoute />
                  </RequirePermission>
                ),
              },
              { path: '*', element: <NotFoundRoute /> },
            ],
          },
        ],
      },
    ],
  },
]);
