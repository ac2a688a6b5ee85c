import { Card, Empty, Typography } from 'antd';

/** A finished-looking page for an area whose work is still to come. */
export function ComingSoon({ title, description }: { readonly title: string; readonly description: string }) {
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Card>
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <>
              <Typography.Text strong>Chức năng đang được xây dựng</Typography.Text>
              <br />
              <Typography.Text type="secondary">{description}</Typography.Text>
            </>
          }
          style={{ padding: '48px 0' }}
        />
      </Card>
    </>
  );
}
