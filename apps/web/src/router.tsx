import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './auth/require-session';
import { AppLayout } from './layout/app-layout';
import { AreaGuard, HomeRedirect } from './layout/area-routes';
import type { AreaKey } from './layout/areas.util';
import NotFoundPage from './pages/not-found.page';
import { RouteErrorPage } from './pages/route-error.page';

// Each area is its own chunk, fetched when first opened: an officer never downloads the designer.
const SignInPage = lazy(() => import('./pages/sign-in.page'));
// Open to every signed-in person: the engine answers 404 for a dossier the person may not see.
const DossierPage = lazy(() => import('./dossier/dossier.page'));
const pages: Record<AreaKey, LazyExoticComponent<ComponentType>> = {
  inbox: lazy(() => import('./inbox/inbox.page')),
  leader: lazy(() => import('./leader/leader.page')),
  desk: lazy(() => import('./desk/desk.page')),
  designer: lazy(() => import('./designer/designer.page')),
  statistics: lazy(() => import('./statistics/statistics.page')),
  admin: lazy(() => import('./areas/admin.page')),
};
const MigrationPage = lazy(() => import('./migration/migration.page'));
const VersionsPage = lazy(() => import('./designer/versions/versions.page'));
const area = (key: AreaKey, path: string, Page: LazyExoticComponent<ComponentType> = pages[key]) => {
  return {
    path,
    element: (
      <AreaGuard area={key}>
        <Page />
      </AreaGuard>
    ),
  };
};

export const router = createBrowserRouter([
  { path: '/dang-nhap', element: <SignInPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomeRedirect /> },
          area('inbox', 'hop-viec'),
          area('leader', 'lanh-dao'),
          area('desk', 'mot-cua'),
          area('designer', 'thiet-ke'),
          area('designer', 'thiet-ke/chuyen-phien-ban', MigrationPage),
          area('designer', 'thiet-ke/phien-ban', VersionsPage),
          area('designer', 'thiet-ke/phien-ban/:key', VersionsPage),
          area('statistics', 'thong-ke'),
          area('admin', 'quan-tri'),
          { path: 'ho-so/:code', element: <DossierPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
