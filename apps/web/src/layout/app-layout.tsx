import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Modal, Skeleton, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { session, type SessionUser } from '../auth/session';
import { useSession } from '../auth/use-session';
import { areaOfPath, areasFor, ROLE_NAMES } from './areas.util';
import { BrandMark } from './brand-mark';
import { useLiveEvents } from '../live/use-live-events';

// Signing in again is needed only once a session has expired: its form (antd's Form and its validation)
// is fetched then, not on every first load (test/bench/inbox/bundle.mjs).
const SignInForm = lazy(() => import('../auth/sign-in-form').then((m) => ({ default: m.SignInForm })));

function UserMenu({ user }: { readonly user: SessionUser }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  async function signOut(everywhere: boolean): Promise<void> {
    await session.signOut(everywhere).catch(() => undefined);
    queryClient.clear();
    await navigate('/dang-nhap', { replace: true });
  }
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất' },
          { key: 'logout-everywhere', icon: <LogoutOutlined />, label: 'Đăng xuất khỏi mọi thiết bị' },
        ],
        onClick: ({ key }) => void signOut(key === 'logout-everywhere'),
      }}
    >
      <Button type="text" style={{ height: 'auto', padding: '4px 8px' }}>
        {/* the button's name starts with what it is, and holds what it shows (WCAG 2.5.3) */}
        <span className="visually-hidden">Tài khoản: </span>
        <Flex align="center" gap={8}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
          <Flex vertical align="start" style={{ lineHeight: 1.3 }}>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {user.unit.name ?? user.unit.code}
            </Typography.Text>
          </Flex>
          <DownOutlined style={{ fontSize: 10 }} />
        </Flex>
      </Button>
    </Dropdown>
  );
}

/** Signing in again over the page when the session ended mid-work: what was typed stays. */
function SessionExpiredDialog({ user, open }: { readonly user: SessionUser; readonly open: boolean }) {
  return (
    <Modal
      open={open}
      title="Phiên làm việc đã hết hạn"
      footer={null}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        Vui lòng nhập lại mật khẩu để tiếp tục. Những gì bạn đang làm dở vẫn được giữ nguyên.
      </Typography.Paragraph>
      <Suspense fallback={<Skeleton active title={false} paragraph={{ rows: 3 }} />}>
        <SignInForm username={user.username} />
      </Suspense>
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => void session.signOut()}>
        Đăng nhập bằng tài khoản khác
      </Button>
    </Modal>
  );
}

export function AppLayout() {
  const state = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // One live stream per signed-in session, whatever page is open (the inbox shows its state); an
  // expired session's stream stops, and opens again once the person has signed in over the page.
  useLiveEvents(state.status === 'signed-in' && !state.expired ? state.user.id : null);
  if (state.status !== 'signed-in') return null;
  const { user } = state;
  const areas = areasFor(user.roles);
  const current = areaOfPath(location.pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#noi-dung" className="skip-link">
        Bỏ qua menu, đến nội dung chính
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          paddingInline: 24,
          height: 64,
        }}
      >
        <Flex align="center" gap={12}>
          <BrandMark />
          <Typography.Title level={4} style={{ margin: 0 }}>
            Liên thông
          </Typography.Title>
          <Typography.Text type="secondary" className="header-tagline">
            Một cửa liên thông · {user.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}
          </Typography.Text>
        </Flex>
        <UserMenu user={user} />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <nav aria-label="Khu vực">
            <Menu
              mode="inline"
              selectedKeys={current ? [current.key] : []}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
              items={areas.map((area) => ({ key: area.key, label: area.label }))}
              onClick={({ key }) => {
                const area = areas.find((a) => a.key === key);
                if (area) void navigate(area.path);
              }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="noi-dung" tabIndex={-1} style={{ padding: 24, outline: 'none' }}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <SessionExpiredDialog user={user} open={state.expired} />
    </Layout>
  );
}
