import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { useGiveGuidance, useRefuseDossier, type RefuseDossierBody } from './desk.api';
import { newIdempotencyKey } from './procedure-fields.util';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];
type ReceptionGuidanceDto = components['schemas']['ReceptionGuidanceDto'];

/** The reception form's procedure, channel and applicant, for a refusal or a guidance. */
export type NotReceived = Pick<RefuseDossierBody, 'definitionKey' | 'applicant' | 'channel'> & {
  readonly procedureName: string;
};

const WORDS = {
  refusal: {
    title: 'Từ chối tiếp nhận hồ sơ',
    intro: 'Hồ sơ không đủ điều kiện tiếp nhận. Ghi rõ từng lý do: chúng được in trên phiếu từ chối.',
    line: 'Lý do',
    add: 'Thêm lý do',
    missing: 'Chưa nhập lý do.',
    ok: 'Từ chối tiếp nhận',
    confirm: 'Từ chối tiếp nhận hồ sơ này?',
    confirmText:
      'Hồ sơ được ghi nhận là không tiếp nhận, với mã hồ sơ và các lý do đã nhập. Việc này không thể hoàn tác.',
  },
  guidance: {
    title: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ',
    intro:
      'Liệt kê một lần đầy đủ các giấy tờ còn thiếu hoặc cần hoàn thiện, kèm lý do: người nộp bổ sung đủ rồi nộp lại.',
    line: 'Giấy tờ',
    add: 'Thêm giấy tờ',
    missing: 'Chưa nhập giấy tờ cần bổ sung.',
    ok: 'Lập phiếu hướng dẫn',
    confirm: null,
    confirmText: null,
  },
} as const;

/**
 * The dialog of "Từ chối tiếp nhận" (reasons; confirmed, since a refusal is final) or "Hướng dẫn bổ
 * sung" (the missing papers and a contact). Each opening has its Idempotency-Key, kept while the same
 * request is sent again.
 */
export function NotReceivedDialog({
  kind,
  subject,
  onClose,
  onRefused,
  onGuided,
}: {
  readonly kind: 'refusal' | 'guidance' | null;
  readonly subject: NotReceived | null;
  readonly onClose: () => void;
  readonly onRefused: (dossier: DossierDto) => void;
  readonly onGuided: (guidance: ReceptionGuidanceDto) => void;
}) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ lines: string[]; contact?: string }>();
  const refuse = useRefuseDossier();
  const guide = useGiveGuidance();
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const words = WORDS[kind ?? 'refusal'];
  const pending = refuse.isPending || guide.isPending;

  const keyFor = (body: unknown) => {
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    return attempt.current.key;
  };

  const send = async (values: { lines: string[]; contact?: string }) => {
    if (subject === null || kind === null) return;
    setError(null);
    const lines = values.lines.map((l) => l.trim()).filter(Boolean);
    const base = { definitionKey: subject.definitionKey, applicant: subject.applicant };
    try {
      if (kind === 'refusal') {
        const body = { ...base, channel: subject.channel, reasons: lines };
        onRefused(await refuse.mutateAsync({ body, idempotencyKey: keyFor(body) }));
      } else {
        const body = {
          ...base,
          items: lines,
          ...(values.contact?.trim() ? { contact: values.contact.trim() } : {}),
        };
        onGuided(await guide.mutateAsync({ body, idempotencyKey: keyFor(body) }));
      }
      attempt.current = null;
      form.resetFields();
    } catch (e) {
      setError(failureMessage(e));
    }
  };

  const submit = (values: { lines: string[]; contact?: string }) => {
    if (words.confirm === null) {
      void send(values);
      return;
    }
    modal.confirm({
      title: words.confirm,
      content: words.confirmText,
      okText: words.ok,
      okButtonProps: { danger: true },
      cancelText: 'Quay lại',
      onOk: () => send(values),
    });
  };

  return (
    <Modal
      open={kind !== null && subject !== null}
      title={words.title}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      okText={words.ok}
      okButtonProps={{
        danger: kind === 'refusal',
        loading: pending,
        htmlType: 'submit',
        form: 'khong-tiep-nhan',
      }}
      cancelText="Đóng"
      cancelButtonProps={{ disabled: pending }}
    >
      <Typography.Paragraph>
        {subject?.procedureName} · Người nộp: <strong>{subject?.applicant.name}</strong>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{words.intro}</Typography.Paragraph>
      <Form
        id="khong-tiep-nhan"
        form={form}
        layout="vertical"
        initialValues={{ lines: [''] }}
        onFinish={submit}
        disabled={pending}
        aria-label={words.title}
      >
        <Form.List
          name="lines"
          rules={[
            {
              validator: async (_, lines: string[] | undefined) => {
                if (!lines?.some((l) => l?.trim())) throw new Error(words.missing);
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item
                    name={field.name}
                    label={`${words.line} ${i + 1}`}
                    style={{ flex: 1, marginBottom: 12 }}
                    rules={[{ required: i === 0, whitespace: true, message: words.missing }]}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      aria-label={`Xóa ${words.line.toLowerCase()} ${i + 1}`}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  )}
                </Flex>
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add('')}
                style={{ marginBottom: 16 }}
              >
                {words.add}
              </Button>
            </>
          )}
        </Form.List>
        {kind === 'guidance' && (
          <Form.Item name="contact" label="Liên hệ (cán bộ, số điện thoại)">
            <Input maxLength={500} />
          </Form.Item>
        )}
      </Form>
      {error !== null && <Alert type="error" showIcon title="Chưa lập được phiếu" description={error} />}
    </Modal>
  );
}
