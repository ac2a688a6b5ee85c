import { ComingSoon } from '../pages/coming-soon';

export default function AdminPage() {
  return (
    <ComingSoon
      title="Quản trị hệ thống"
      description="Quản lý đơn vị, người dùng, khóa API, lịch làm việc và nhật ký hệ thống sẽ có tại đây."
    />
  );
}
