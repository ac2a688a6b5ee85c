import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/problem.util';
import { GENERIC_ERROR } from '../errors/problem-messages.util';
import { session } from './session';

interface Credentials {
  username: string;
  password: string;
}

/** User name and password; Enter submits; the engine's refusal is shown in Vietnamese. */
export function SignInForm({
  onSignedIn,
  username,
}: {
  readonly onSignedIn?: () => void;
  /** Fixed user name (signing in again after the session expired). */
  readonly username?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(values: Credentials): Promise<void> {
    setPending(true);
    setError(null);
    try {
      await session.signIn(values.username, values.password);
      onSignedIn?.();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : GENERIC_ERROR);
    } finally {
      setPending(false);
    }
  }

  return (
    <Form<Credentials>
      layout="vertical"
      requiredMark={false}
      initialValues={{ username: username ?? '' }}
      onFinish={(values) => void submit(values)}
      disabled={pending}
      size="large"
      aria-label="Đăng nhập"
    >
      {error !== null && (
        <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        label="Tên đăng nhập"
        name="username"
        rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập.' }]}
      >
        <Input
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoFocus={username === undefined}
          readOnly={username !== undefined}
        />
      </Form.Item>
      <Form.Item
        label="Mật khẩu"
        name="password"
        rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          autoComplete="current-password"
          autoFocus={username !== undefined}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending}>
        Đăng nhập
      </Button>
    </Form>
  );
}
