import { ComingSoon } from '../pages/coming-soon';

export default function StatisticsPage() {
  return (
    <ComingSoon
      title="Thống kê"
      description="Số hồ sơ tiếp nhận, đã giải quyết trước hạn, đúng hạn, quá hạn và tỷ lệ đúng hạn theo đơn vị sẽ có tại đây."
    />
  );
}
