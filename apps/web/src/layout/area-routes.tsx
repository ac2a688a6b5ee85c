import { StopOutlined } from '@ant-design/icons';
import { Button, Empty } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { session } from '../auth/session';
import { useSession } from '../auth/use-session';
import { StatusPage } from '../pages/status-page';
import { AREAS, areasFor, type AreaKey } from './areas.util';

/** `/`: the first area the person's roles allow. */
export function HomeRedirect() {
  const state = useSession();
  const roles = state.status === 'signed-in' ? state.user.roles : [];
  const first = areasFor(roles)[0];
  if (first !== undefined) return <Navigate to={first.path} replace />;
  return (
    <Empty
      description="Tài khoản của bạn chưa được giao vai trò nào trong hệ thống. Vui lòng liên hệ quản trị viên."
      style={{ padding: '64px 0' }}
    >
      <Button onClick={() => void session.signOut()}>Đăng xuất</Button>
    </Empty>
  );
}

/** An area's page for the people whose roles allow it (the engine refuses the others anyway). */
export function AreaGuard({ area, children }: { readonly area: AreaKey; readonly children: ReactNode }) {
  const state = useSession();
  const navigate = useNavigate();
  const roles = state.status === 'signed-in' ? state.user.roles : [];
  const allowed = AREAS.find((a) => a.key === area)?.roles.some((r) => roles.includes(r)) ?? false;
  if (allowed) return children;
  return (
    <StatusPage
      icon={<StopOutlined />}
      colour="#ad4e00"
      title="Không có quyền truy cập"
      subTitle="Khu vực này dành cho vai trò khác. Nếu bạn cần dùng, hãy đề nghị quản trị viên cấp quyền."
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          Về trang chủ
        </Button>
      }
    />
  );
}
