import { FileAddOutlined, FileSearchOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { ApiError, failureMessage } from '../api/problem.util';
import { workingTimeLimitWords } from './time-limit.util';
import { usePublishedProcedures, useReceiveDossier, type CreateDossierBody } from './desk.api';
import {
  CHANNEL_LABELS,
  dossierVariables,
  fieldName,
  newIdempotencyKey,
  procedureFields,
  type ProcedureField,
} from './procedure-fields.util';
import type { NotReceived } from './not-received-dialog';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];

interface Values {
  definitionKey?: string;
  channel: 'desk' | 'online' | 'postal';
  applicant: {
    kind: 'person' | 'organisation';
    name?: string;
    idNumber?: string;
    phone?: string;
    email?: string;
    address?: string;
  };
  variables?: Record<string, unknown>;
}

const INITIAL: Values = { channel: 'desk', applicant: { kind: 'person' } };

function variableInput(field: ProcedureField) {
  switch (field.type) {
    case 'integer':
      return <InputNumber min={field.min} precision={0} style={{ width: '100%' }} />;
    case 'number':
      return (
        <InputNumber min={field.min} decimalSeparator="," style={{ width: '100%' }} suffix={field.unit} />
      );
    case 'date':
      return <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" style={{ width: '100%' }} />;
    default:
      return <Input />;
  }
}

/**
 * "Tiếp nhận hồ sơ": the procedure, the channel, the applicant and what the procedure needs. Each
 * filling of the form has its Idempotency-Key: sent again unchanged (after a timeout), it is the same
 * request, and the engine answers the dossier it received the first time.
 */
export function ReceiveForm({
  onReceived,
  onNotReceived,
}: {
  readonly onReceived: (dossier: DossierDto) => void;
  /** "Từ chối tiếp nhận" or "Hướng dẫn bổ sung", with the procedure and applicant filled in. */
  readonly onNotReceived: (kind: 'refusal' | 'guidance', subject: NotReceived) => void;
}) {
  const [form] = Form.useForm<Values>();
  const procedures = usePublishedProcedures();
  const receive = useReceiveDossier();
  const [refusal, setRefusal] = useState<{ title: string; text: string } | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const definitionKey = Form.useWatch('definitionKey', form);
  const kind = Form.useWatch(['applicant', 'kind'], form) ?? 'person';
  const fields = procedureFields(definitionKey);
  const chosen = procedures.data?.find((p) => p.key === definitionKey);

  const applicantOf = (values: Values) =>
    Object.fromEntries(
      Object.entries(values.applicant).flatMap(([k, v]) =>
        typeof v === 'string' && v.trim() !== '' ? [[k, v.trim()]] : [],
      ),
    ) as CreateDossierBody['applicant'];

  /** Checks the procedure and the applicant only (what a slip names), then opens the dialog. */
  const notReceived = async (kind: 'refusal' | 'guidance') => {
    setRefusal(null);
    try {
      await form.validateFields([
        'definitionKey',
        ['applicant', 'name'],
        ['applicant', 'idNumber'],
        ['applicant', 'phone'],
        ['applicant', 'email'],
      ]);
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as Values;
    onNotReceived(kind, {
      definitionKey: values.definitionKey!,
      channel: values.channel,
      applicant: applicantOf(values),
      procedureName: chosen?.name ?? values.definitionKey!,
    });
  };

  const submit = async (values: Values) => {
    setRefusal(null);
    const applicant = applicantOf(values);
    const body: CreateDossierBody = {
      definitionKey: values.definitionKey!,
      channel: values.channel,
      applicant,
      variables: dossierVariables(fields, values.variables),
    };
    const json = JSON.stringify(body);
    // the same request again keeps its key; a changed one is a new request
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    try {
      const dossier = await receive.mutateAsync({ body, idempotencyKey: attempt.current.key });
      attempt.current = null;
      form.resetFields();
      onReceived(dossier);
    } catch (error) {
      if (error instanceof ApiError) {
        const known = new Set(['applicant', 'variables', 'definitionKey', 'channel']);
        form.setFields(
          (error.problem?.errors ?? [])
            .filter((e) => e.path !== undefined && known.has(e.path.split('.')[0]!))
            .map((e) => ({ name: e.path!.split('.'), errors: [e.messageVi ?? e.message] })),
        );
      }
      setRefusal(
        error instanceof ApiError
          ? { title: 'Chưa tiếp nhận được hồ sơ', text: failureMessage(error) }
          : {
              // the engine may have received it: the same request again answers that dossier
              title: 'Chưa nhận được trả lời của máy chủ',
              text: `${failureMessage(error)} Khi gửi lại bằng nút “Tiếp nhận hồ sơ”, nếu hồ sơ đã được tiếp nhận thì hệ thống trả về đúng hồ sơ đó, không tạo hồ sơ trùng.`,
            },
      );
    }
  };

  const person = kind === 'person';
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={INITIAL}
      onFinish={(v) => void submit(v)}
      aria-label="Tiếp nhận hồ sơ"
      disabled={receive.isPending}
    >
      <Card title="Thủ tục hành chính" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="definitionKey"
              label="Thủ tục"
              rules={[{ required: true, message: 'Chưa chọn thủ tục.' }]}
              extra={
                chosen && (
                  <>
                    Mã thủ tục {chosen.procedureCode ?? '—'} · Thời hạn giải quyết:{' '}
                    {workingTimeLimitWords(chosen.legalTimeLimit)}
                  </>
                )
              }
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="Tìm theo tên hoặc mã thủ tục"
                loading={procedures.isPending}
                notFoundContent="Không có thủ tục phù hợp"
                options={(procedures.data ?? []).map((p) => ({
                  value: p.key,
                  label: `${p.procedureCode ? `${p.procedureCode} · ` : ''}${p.name}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="channel" label="Hình thức nộp">
              <Radio.Group
                optionType="button"
                options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title="Người nộp hồ sơ" size="small" style={{ marginBottom: 16 }}>
        <Form.Item name={['applicant', 'kind']} label="Người nộp là">
          <Radio.Group
            options={[
              { value: 'person', label: 'Cá nhân' },
              { value: 'organisation', label: 'Tổ chức, doanh nghiệp' },
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'name']}
              label={person ? 'Họ và tên' : 'Tên tổ chức'}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: person ? 'Chưa nhập họ và tên.' : 'Chưa nhập tên tổ chức.',
                },
              ]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'idNumber']}
              label={person ? 'Số định danh cá nhân (CCCD)' : 'Mã số doanh nghiệp, mã số thuế'}
              rules={[
                {
                  pattern: /^[0-9]{9,12}$/,
                  message: person ? 'Số định danh gồm 9 đến 12 chữ số.' : 'Mã số gồm 9 đến 12 chữ số.',
                },
              ]}
            >
              <Input inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'phone']}
              label="Số điện thoại"
              rules={[{ pattern: /^\+?[0-9 .]{8,20}$/, message: 'Số điện thoại chưa đúng.' }]}
            >
              <Input inputMode="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name={['applicant', 'email']}
              label="Thư điện tử"
              rules={[{ type: 'email', message: 'Địa chỉ thư điện tử chưa đúng.' }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name={['applicant', 'address']}
              label={person ? 'Địa chỉ thường trú' : 'Địa chỉ trụ sở'}
            >
              <Input maxLength={500} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {fields.length > 0 && (
        <Card title="Thông tin hồ sơ" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {fields.map((field) => (
              <Col span={field.type === 'string' ? 24 : 8} key={field.path}>
                <Form.Item
                  name={['variables', ...fieldName(field)]}
                  label={field.label}
                  rules={
                    field.required
                      ? [{ required: true, message: `Chưa nhập ${field.label.toLowerCase()}.` }]
                      : []
                  }
                >
                  {variableInput(field)}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {refusal !== null && (
        <Alert
          ref={(el) => el?.nativeElement?.scrollIntoView?.({ block: 'center' })}
          type="error"
          showIcon
          title={refusal.title}
          description={refusal.text}
          style={{ marginBottom: 16 }}
        />
      )}
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">Các ô có dấu * là bắt buộc.</Typography.Text>
        <Flex gap={8}>
          <Button
            htmlType="button"
            onClick={() => {
              form.resetFields();
              setRefusal(null);
            }}
          >
            Nhập lại
          </Button>
          <Button
            htmlType="button"
            danger
            icon={<StopOutlined />}
            onClick={() => void notReceived('refusal')}
          >
            Từ chối tiếp nhận
          </Button>
          <Button
            htmlType="button"
            icon={<FileSearchOutlined />}
            onClick={() => void notReceived('guidance')}
          >
            Hướng dẫn bổ sung
          </Button>
          <Button type="primary" htmlType="submit" icon={<FileAddOutlined />} loading={receive.isPending}>
            Tiếp nhận hồ sơ
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
