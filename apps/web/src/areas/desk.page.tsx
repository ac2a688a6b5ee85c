import { ComingSoon } from '../pages/coming-soon';

export default function DeskPage() {
  return (
    <ComingSoon
      title="Một cửa"
      description="Tiếp nhận hồ sơ, in giấy tiếp nhận và hẹn trả kết quả, trả kết quả cho người dân sẽ có tại đây."
    />
  );
}
