import { FileAddOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { formatVietnamDateTime } from '../format/date.util';
import { useUnitNames } from '../inbox/inbox.api';
import { CHANNEL_LABELS } from './procedure-fields.util';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];
type ReceptionGuidanceDto = components['schemas']['ReceptionGuidanceDto'];
type ApplicantBody = components['schemas']['ApplicantBody'];

/** What a slip shows: its title, number, the procedure, the applicant, the numbered lines and when. */
function Slip({
  title,
  status,
  subTitle,
  number,
  procedure,
  applicant,
  channel,
  listLabel,
  lines,
  at,
  unit,
  contact,
  extra,
  onNext,
}: {
  readonly title: string;
  readonly status: 'warning' | 'info';
  readonly subTitle: ReactNode;
  readonly number: { label: string; value: string };
  readonly procedure: string;
  readonly applicant: ApplicantBody;
  readonly channel?: keyof typeof CHANNEL_LABELS;
  readonly listLabel: string;
  readonly lines: readonly string[];
  readonly at: string;
  readonly unit: string;
  readonly contact?: string | null;
  readonly extra?: ReactNode;
  /** "Tiếp nhận hồ sơ khác" (none when the slip is shown again from a list). */
  readonly onNext?: () => void;
}) {
  const units = useUnitNames();
  const desk = units.data?.get(unit) ?? unit;
  return (
    <Card>
      <Result
        status={status}
        title={title}
        subTitle={subTitle}
        style={{ padding: '16px 0 8px' }}
        extra={[
          <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            In phiếu
          </Button>,
          extra,
          onNext && (
            <Button key="next" icon={<FileAddOutlined />} onClick={onNext}>
              Tiếp nhận hồ sơ khác
            </Button>
          ),
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={2}
        aria-label={title}
        styles={{ label: { width: 190 } }}
        items={[
          {
            key: 'number',
            label: number.label,
            children: <span style={{ whiteSpace: 'nowrap' }}>{number.value}</span>,
          },
          {
            key: 'at',
            label: 'Thời điểm lập phiếu',
            children: formatVietnamDateTime(at),
          },
          { key: 'procedure', label: 'Thủ tục', children: procedure, span: 2 },
          {
            key: 'applicant',
            label: applicant.kind === 'organisation' ? 'Tổ chức nộp' : 'Người nộp',
            children: [applicant.name, applicant.idNumber].filter(Boolean).join(' · '),
            span: channel ? 1 : 2,
          },
          ...(channel ? [{ key: 'channel', label: 'Hình thức nộp', children: CHANNEL_LABELS[channel] }] : []),
          {
            key: 'lines',
            label: listLabel,
            span: 2,
            children: (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {lines.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ol>
            ),
          },
          {
            key: 'desk',
            label: 'Nơi lập phiếu',
            span: 2,
            children: `Bộ phận Một cửa, ${desk}${contact ? ` · Liên hệ: ${contact}` : ''}`,
          },
        ]}
      />
    </Card>
  );
}

/** Phiếu từ chối tiếp nhận giải quyết hồ sơ: the refused dossier's code and the reasons. */
export function RefusalSlip({
  dossier,
  onNext,
}: {
  readonly dossier: DossierDto;
  readonly onNext: () => void;
}) {
  const navigate = useNavigate();
  const reasons = (dossier.result?.reason ?? '').split('\n').filter(Boolean);
  return (
    <Slip
      title="Phiếu từ chối tiếp nhận giải quyết hồ sơ"
      status="warning"
      subTitle={
        <>
          Hồ sơ không được tiếp nhận. Mã hồ sơ{' '}
          <Typography.Text strong style={{ fontSize: 16 }}>
            {dossier.code}
          </Typography.Text>{' '}
          ghi trên phiếu để tra cứu lại.
        </>
      }
      number={{ label: 'Mã hồ sơ', value: dossier.code }}
      procedure={dossier.procedureName}
      applicant={dossier.applicant}
      channel={dossier.channel}
      listLabel="Lý do từ chối"
      lines={reasons}
      at={dossier.createdAt}
      unit={dossier.receivingUnit}
      extra={
        <Button key="view" onClick={() => void navigate(`/ho-so/${encodeURIComponent(dossier.code)}`)}>
          Xem hồ sơ
        </Button>
      }
      onNext={onNext}
    />
  );
}

/** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing, once, with its number and contact. */
export function GuidanceSlip({
  guidance,
  onNext,
}: {
  readonly guidance: ReceptionGuidanceDto;
  readonly onNext?: () => void;
}) {
  return (
    <Slip
      title="Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
      status="info"
      subTitle={
        <>
          Hồ sơ chưa được tiếp nhận. Người nộp bổ sung đủ các giấy tờ dưới đây rồi nộp lại; số phiếu{' '}
          <Typography.Text strong style={{ fontSize: 16 }}>
            {guidance.code}
          </Typography.Text>
          .
        </>
      }
      number={{ label: 'Số phiếu', value: guidance.code }}
      procedure={guidance.procedureName}
      applicant={guidance.applicant}
      listLabel="Giấy tờ cần bổ sung, hoàn thiện"
      lines={guidance.items}
      at={guidance.createdAt}
      unit={guidance.receivingUnit}
      contact={guidance.contact}
      onNext={onNext}
    />
  );
}
