import { ComingSoon } from '../pages/coming-soon';

export default function DesignerPage() {
  return (
    <ComingSoon
      title="Thiết kế quy trình"
      description="Vẽ, kiểm tra và ban hành quy trình nội bộ (BPMN) của các thủ tục hành chính sẽ có tại đây."
    />
  );
}
