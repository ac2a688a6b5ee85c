import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { Suspense } from 'react';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/problem.util';
import { ErrorBoundary } from './pages/error-boundary';
import { FullPageSpinner } from './pages/full-page-spinner';
import { router } from './router';

dayjs.locale('vi');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) is not retried; a network or server failure is, twice.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status !== null && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});

export function App() {
  return (
    <ErrorBoundary>
      <ConfigProvider
        locale={viVN}
        theme={{
          token: {
            colorPrimary: '#1d4ed8',
            // Secondary texts, placeholders and status colours dark enough for WCAG AA contrast (4.5:1) on
            // white and on their light tag backgrounds (axe-core checks every page: test/e2e/browser).
            colorTextSecondary: '#595959',
            colorTextTertiary: '#595959',
            colorTextDescription: '#595959',
            // 4.5:1 also on a disabled field's grey (#ebebeb): #6b6b6b gave 4.47 there (axe, the inbox's filters)
            colorTextPlaceholder: '#666666',
            // (the light backgrounds and borders kept: derived from these darker seeds they would be grey)
            colorError: '#c41d24',
            colorErrorBg: '#fff1f0',
            colorErrorBorder: '#ffa39e',
            colorSuccess: '#237804',
            colorSuccessBg: '#f6ffed',
            colorSuccessBorder: '#b7eb8f',
            colorWarning: '#ad4e00',
            colorWarningBg: '#fffbe6',
            colorWarningBorder: '#ffe58f',
            colorInfo: '#1d4ed8',
            colorInfoBg: '#e6f4ff',
            colorInfoBorder: '#91caff',
            borderRadius: 6,
            fontFamily:
              "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
          },
        }}
      >
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <Suspense fallback={<FullPageSpinner />}>
              <RouterProvider router={router} />
            </Suspense>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </ErrorBoundary>
  );
}
