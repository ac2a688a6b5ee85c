import { Card, Flex, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../auth/sign-in-form';
import { useSession } from '../auth/use-session';
import { FullPageSpinner } from './full-page-spinner';
import { BrandMark } from '../layout/brand-mark';

/** Only paths of this app: `next` comes from the URL, and must not send the person elsewhere. */
function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function SignInPage() {
  const state = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  if (state.status === 'loading') return <FullPageSpinner />;
  if (state.status === 'signed-in') return <Navigate to={next} replace />;
  return (
    <Flex
      component="main"
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: 'linear-gradient(160deg, #f0f5ff 0%, #fafafa 60%)',
      }}
    >
      <Card style={{ width: 400, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <BrandMark size={48} />
          <Typography.Title level={2} style={{ margin: '12px 0 0' }}>
            Liên thông
          </Typography.Title>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            Hệ thống giải quyết thủ tục hành chính một cửa liên thông
          </Typography.Text>
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          Đăng nhập
        </Typography.Title>
        <SignInForm onSignedIn={() => void navigate(next, { replace: true })} />
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        Liên hệ quản trị viên của đơn vị nếu bạn quên mật khẩu.
      </Typography.Text>
    </Flex>
  );
}
