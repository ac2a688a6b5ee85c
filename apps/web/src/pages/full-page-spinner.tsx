import { Flex, Spin } from 'antd';

/** While the session is restored from its cookie. */
export function FullPageSpinner() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" description="Đang tải…" />
    </Flex>
  );
}
