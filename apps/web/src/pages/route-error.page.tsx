import { WarningOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import NotFoundPage from './not-found.page';
import { StatusPage } from './status-page';

/** What a page that failed shows: a way on, never a blank page or a stack trace. */
export function ErrorPage() {
  return (
    <StatusPage
      icon={<WarningOutlined />}
      colour="#c41d24"
      title="Đã có lỗi xảy ra"
      subTitle="Trang này gặp sự cố khi hiển thị. Vui lòng tải lại trang; nếu lỗi còn tiếp diễn, hãy báo cho quản trị viên."
      extra={
        <Space>
          <Button type="primary" onClick={() => window.location.reload()}>
            Tải lại trang
          </Button>
          <Button onClick={() => window.location.assign('/')}>Về trang chủ</Button>
        </Space>
      }
    />
  );
}

/** The router's error element (a failed lazy area, a render error). */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return <ErrorPage />;
}
