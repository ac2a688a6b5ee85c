import { FileSearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { StatusPage } from './status-page';

export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <StatusPage
      icon={<FileSearchOutlined />}
      colour="#1d4ed8"
      title="Không tìm thấy trang"
      subTitle="Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Kiểm tra lại địa chỉ, hoặc quay về trang chủ."
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          Về trang chủ
        </Button>
      }
    />
  );
}
