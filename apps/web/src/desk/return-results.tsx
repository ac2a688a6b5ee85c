import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { failureMessage } from '../api/problem.util';
import { formatVietnamDateTime } from '../format/date.util';
import { useAwaitingReturn, useReturnResult, type ReturnResultBody } from './desk.api';
import { newIdempotencyKey } from './procedure-fields.util';
import { useCursorPages } from './cursor-pages';
import { DeskList } from './desk-list';
import type { components } from '../api/schema.gen';

type AwaitingReturnDto = components['schemas']['AwaitingReturnDto'];

interface CollectorValues {
  collectorName: string;
  collectorIdNumber?: string;
  relation?: string;
  note?: string;
}

/** Trả kết quả: the results waiting at the desk, and their return to who collects them. */
export function ReturnResults() {
  const [search, setSearch] = useState('');
  const pages = useCursorPages(search);
  const waiting = useAwaitingReturn(search, pages.cursor);
  const [chosen, setChosen] = useState<AwaitingReturnDto | null>(null);
  const columns: ColumnsType<AwaitingReturnDto> = [
    {
      title: 'Mã hồ sơ',
      key: 'code',
      width: 250,
      render: (_, r) => <Link to={`/ho-so/${encodeURIComponent(r.dossier.code)}`}>{r.dossier.code}</Link>,
    },
    { title: 'Người nộp', key: 'applicant', width: 180, render: (_, r) => r.dossier.applicant.name },
    { title: 'Thủ tục', key: 'procedure', render: (_, r) => r.dossier.procedureName },
    {
      title: 'Hẹn trả',
      key: 'appointment',
      width: 140,
      render: (_, r) => formatVietnamDateTime(r.dossier.appointmentAt),
    },
    {
      title: 'Kết quả về Một cửa',
      dataIndex: 'waitingSince',
      width: 160,
      render: (d: string) => formatVietnamDateTime(d),
    },
    {
      title: 'Thao tác',
      key: 'action',
      width: 140,
      render: (_, r) => (
        <Button
          type="primary"
          size="small"
          onClick={() => setChosen(r)}
          aria-label={`Trả kết quả hồ sơ ${r.dossier.code}`}
        >
          Trả kết quả
        </Button>
      ),
    },
  ];
  return (
    <DeskList<AwaitingReturnDto>
      title="Hồ sơ chờ trả kết quả"
      searchLabel="Tìm hồ sơ chờ trả kết quả"
      onSearch={setSearch}
      searching={waiting.isFetching && search !== ''}
      query={waiting}
      pages={pages}
      rowKey="taskId"
      columns={columns}
      empty={search ? `Không có hồ sơ chờ trả nào khớp “${search}”` : 'Không có hồ sơ nào chờ trả kết quả'}
    >
      <ReturnDialog waiting={chosen} onClose={() => setChosen(null)} />
    </DeskList>
  );
}

/** Who collects the result (the applicant by default), confirmed: the dossier then ends. */
function ReturnDialog({
  waiting,
  onClose,
}: {
  readonly waiting: AwaitingReturnDto | null;
  readonly onClose: () => void;
}) {
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<CollectorValues>();
  const give = useReturnResult();
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const send = async (values: CollectorValues) => {
    if (waiting === null) return;
    setError(null);
    const body: ReturnResultBody = Object.fromEntries(
      Object.entries(values).flatMap(([k, v]) => (typeof v === 'string' && v.trim() ? [[k, v.trim()]] : [])),
    ) as unknown as ReturnResultBody;
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    try {
      await give.mutateAsync({ code: waiting.dossier.code, body, idempotencyKey: attempt.current.key });
      attempt.current = null;
      void message.success(`Đã trả kết quả hồ sơ ${waiting.dossier.code} cho ${body.collectorName}.`);
      onClose();
    } catch (e) {
      setError(failureMessage(e));
    }
  };

  const submit = (values: CollectorValues) =>
    modal.confirm({
      title: 'Xác nhận đã trả kết quả?',
      content: `Hồ sơ ${waiting?.dossier.code} được ghi nhận là đã trả kết quả cho ${values.collectorName.trim()}. Việc này không thể hoàn tác.`,
      okText: 'Đã trả kết quả',
      cancelText: 'Quay lại',
      onOk: () => send(values),
    });

  const a = waiting?.dossier.applicant;
  return (
    <Modal
      open={waiting !== null}
      title="Trả kết quả"
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okText="Trả kết quả"
      okButtonProps={{
        icon: <CheckCircleOutlined />,
        loading: give.isPending,
        htmlType: 'submit',
        form: 'tra-ket-qua',
      }}
      cancelText="Đóng"
    >
      <Typography.Paragraph>
        Hồ sơ <strong>{waiting?.dossier.code}</strong> · {waiting?.dossier.procedureName}
      </Typography.Paragraph>
      <Form<CollectorValues>
        id="tra-ket-qua"
        form={form}
        layout="vertical"
        aria-label="Người nhận kết quả"
        initialValues={{
          collectorName: a?.name,
          collectorIdNumber: a?.idNumber,
          relation: 'Người nộp hồ sơ',
        }}
        onFinish={submit}
        disabled={give.isPending}
      >
        <Form.Item
          name="collectorName"
          label="Họ và tên người nhận kết quả"
          rules={[{ required: true, whitespace: true, message: 'Chưa nhập họ và tên người nhận.' }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="collectorIdNumber"
          label="Số định danh cá nhân (CCCD) hoặc hộ chiếu"
          rules={[
            { pattern: /^[0-9A-Z]{6,12}$/, message: 'Số giấy tờ gồm 6 đến 12 chữ số hoặc chữ in hoa.' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="relation" label="Quan hệ với người nộp">
          <Input maxLength={200} placeholder="Người nộp hồ sơ, người được ủy quyền…" />
        </Form.Item>
        <Form.Item name="note" label="Ghi chú">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon title="Chưa trả được kết quả" description={error} />}
    </Modal>
  );
}
