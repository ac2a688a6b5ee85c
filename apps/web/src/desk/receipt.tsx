import { EyeOutlined, FileAddOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/use-session';
import { formatVietnamDateTime } from '../format/date.util';
import { useUnitNames } from '../inbox/inbox.api';
import { CHANNEL_LABELS } from './procedure-fields.util';
import { workingTimeLimitWords } from './time-limit.util';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];

/**
 * The receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả): the dossier's code,
 * when it was received, when and where the result is returned. From it the desk hands the dossier
 * on (its own first step) or receives the next one.
 */
export function Receipt({
  dossier,
  onHandOver,
  onNext,
}: {
  readonly dossier: DossierDto;
  readonly onHandOver: (taskId: string) => void;
  readonly onNext: () => void;
}) {
  const units = useUnitNames();
  const navigate = useNavigate();
  const state = useSession();
  const myUnit = state.status === 'signed-in' ? state.user.unit.code : null;
  const deskStep = dossier.activeSteps.find((s) => s.taskId !== undefined && s.unit === myUnit);
  const desk = units.data?.get(dossier.receivingUnit) ?? dossier.receivingUnit;
  const a = dossier.applicant;

  return (
    <Card>
      <Result
        status="success"
        title="Đã tiếp nhận hồ sơ"
        subTitle={
          <>
            Mã hồ sơ{' '}
            <Typography.Text
              strong
              copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}
              style={{ fontSize: 16 }}
            >
              {dossier.code}
            </Typography.Text>
            . Người nộp dùng mã này để tra cứu tình trạng hồ sơ.
          </>
        }
        style={{ padding: '16px 0 8px' }}
        extra={[
          deskStep?.taskId !== undefined && (
            <Button
              key="hand-over"
              type="primary"
              icon={<SendOutlined />}
              onClick={() => onHandOver(deskStep.taskId!)}
            >
              Chuyển xử lý
            </Button>
          ),
          <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
            In giấy tiếp nhận
          </Button>,
          <Button
            key="view"
            icon={<EyeOutlined />}
            onClick={() => void navigate(`/ho-so/${encodeURIComponent(dossier.code)}`)}
          >
            Xem hồ sơ
          </Button>,
          <Button key="next" icon={<FileAddOutlined />} onClick={onNext}>
            Tiếp nhận hồ sơ khác
          </Button>,
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={2}
        aria-label="Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
        styles={{ label: { width: 190 } }}
        items={[
          {
            key: 'code',
            label: 'Mã hồ sơ',
            children: <span style={{ whiteSpace: 'nowrap' }}>{dossier.code}</span>,
          },
          { key: 'channel', label: 'Hình thức nộp', children: CHANNEL_LABELS[dossier.channel] },
          { key: 'procedure', label: 'Thủ tục', children: dossier.procedureName, span: 2 },
          {
            key: 'applicant',
            label: a.kind === 'organisation' ? 'Tổ chức nộp' : 'Người nộp',
            children: [a.name, a.idNumber].filter(Boolean).join(' · '),
            span: 2,
          },
          {
            key: 'received',
            label: 'Thời điểm tiếp nhận',
            children: formatVietnamDateTime(dossier.createdAt),
          },
          {
            key: 'limit',
            label: 'Thời hạn giải quyết',
            children: workingTimeLimitWords(dossier.deadline.legalTimeLimit),
          },
          {
            key: 'appointment',
            label: 'Ngày hẹn trả kết quả',
            children: (
              <Typography.Text strong>{formatVietnamDateTime(dossier.appointmentAt)}</Typography.Text>
            ),
          },
          { key: 'where', label: 'Nơi nhận kết quả', children: `Bộ phận Một cửa, ${desk}` },
        ]}
      />
    </Card>
  );
}
