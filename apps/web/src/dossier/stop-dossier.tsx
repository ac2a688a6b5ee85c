import { PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { newIdempotencyKey } from '../desk/procedure-fields.util';
import { formatVietnamDateTime } from '../format/date.util';
import { useStopDossier } from './dossier.api';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];

interface StopValues {
  reason: string;
  basis?: string;
}

/**
 * "Dừng giải quyết" (a leader of the receiving unit or of a unit handling the dossier): a required
 * reason and the legal basis, confirmed before it is sent (it cannot be undone); the engine's refusal
 * is shown in Vietnamese.
 */
export function StopDossierButton({ dossier }: { readonly dossier: DossierDto }) {
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<StopValues>();
  const stop = useStopDossier(dossier.code);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const send = async (values: StopValues) => {
    const body = {
      reason: values.reason.trim(),
      ...(values.basis?.trim() ? { basis: values.basis.trim() } : {}),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    setError(null);
    try {
      await stop.mutateAsync({ body, idempotencyKey: attempt.current.key });
      attempt.current = null;
      setOpen(false);
      form.resetFields();
      void message.success(`Đã dừng giải quyết hồ sơ ${dossier.code}.`);
    } catch (e) {
      setError(failureMessage(e));
    }
  };

  const submit = (values: StopValues) =>
    modal.confirm({
      title: `Dừng giải quyết hồ sơ ${dossier.code}?`,
      content:
        'Mọi bước đang xử lý của hồ sơ sẽ kết thúc và hồ sơ không thể tiếp tục giải quyết. Thao tác này không hoàn tác được.',
      okText: 'Dừng giải quyết',
      okButtonProps: { danger: true },
      cancelText: 'Quay lại',
      onOk: () => send(values),
    });

  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)}>
        Dừng giải quyết
      </Button>
      <Modal
        open={open}
        title="Dừng giải quyết hồ sơ"
        onCancel={() => setOpen(false)}
        width={640}
        destroyOnHidden
        okText="Dừng giải quyết"
        okButtonProps={{ danger: true, loading: stop.isPending, htmlType: 'submit', form: 'dung-giai-quyet' }}
        cancelText="Đóng"
        cancelButtonProps={{ disabled: stop.isPending }}
      >
        <Typography.Paragraph>
          Hồ sơ <strong>{dossier.code}</strong> · {dossier.procedureName} · Người nộp:{' '}
          <strong>{dossier.applicant.name}</strong>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          Lý do sẽ được ghi vào lịch sử hồ sơ và in trên Thông báo dừng giải quyết hồ sơ gửi người nộp.
        </Typography.Paragraph>
        <Form
          id="dung-giai-quyet"
          form={form}
          layout="vertical"
          onFinish={submit}
          disabled={stop.isPending}
          aria-label="Dừng giải quyết hồ sơ"
        >
          <Form.Item
            name="reason"
            label="Lý do dừng giải quyết"
            rules={[{ required: true, whitespace: true, message: 'Nhập lý do dừng giải quyết hồ sơ' }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={1000}
              placeholder="Ví dụ: Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc"
            />
          </Form.Item>
          <Form.Item name="basis" label="Căn cứ pháp lý (không bắt buộc)">
            <Input maxLength={500} placeholder="Ví dụ: Nghị định 118/2025/NĐ-CP" />
          </Form.Item>
        </Form>
        {error !== null && <Alert type="error" showIcon title="Chưa dừng được hồ sơ" description={error} />}
      </Modal>
    </>
  );
}

/** Thông báo dừng giải quyết hồ sơ: the stopped dossier, why, on what basis, since when; printable. */
export function StopNotice({
  dossier,
  unitName,
}: {
  readonly dossier: DossierDto;
  readonly unitName: (code: string | null) => string;
}) {
  return (
    <Card
      size="small"
      title="Thông báo dừng giải quyết hồ sơ"
      extra={
        <Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          In thông báo
        </Button>
      }
    >
      <Typography.Paragraph>
        {unitName(dossier.receivingUnit)} thông báo dừng giải quyết hồ sơ của{' '}
        <strong>{dossier.applicant.name}</strong>.
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={2}
        bordered
        aria-label="Thông báo dừng giải quyết hồ sơ"
        items={[
          { key: 'code', label: 'Mã hồ sơ', children: dossier.code },
          { key: 'procedure', label: 'Thủ tục', children: dossier.procedureName },
          { key: 'received', label: 'Tiếp nhận lúc', children: formatVietnamDateTime(dossier.createdAt) },
          { key: 'stopped', label: 'Dừng giải quyết lúc', children: formatVietnamDateTime(dossier.endedAt) },
          { key: 'reason', label: 'Lý do', span: 2, children: dossier.result?.reason ?? '—' },
          { key: 'basis', label: 'Căn cứ', span: 2, children: dossier.result?.basis ?? '—' },
        ]}
      />
    </Card>
  );
}
