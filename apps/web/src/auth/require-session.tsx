import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpinner } from '../pages/full-page-spinner';
import { useSession } from './use-session';

/** Its children for a signed-in person; the sign-in page otherwise, which comes back here afterwards. */
export function RequireSession({ children }: { readonly children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return (
      <Navigate to={next === '/' ? '/dang-nhap' : `/dang-nhap?next=${encodeURIComponent(next)}`} replace />
    );
  }
  return children;
}
