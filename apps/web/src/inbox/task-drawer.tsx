import { WorkingCalendar } from '@lienthong/calendar';
import { CheckOutlined, RollbackOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, failureMessage } from '../api/problem.util';
import { useSession } from '../auth/use-session';
import { formatVietnamDateTime } from '../format/date.util';
import { DeadlineTag } from './deadline-tag';
import { StepActions } from './step-actions';
import { useClaimSteps, useCompleteStep, useTaskWithDossier } from './task.api';
import { FormFieldItems } from './form-field-items';
import { fieldErrorsOf, formVariables, type FormField } from './task-form.util';
import { stepTimeWords } from './working-time-words.util';

const calendar = new WorkingCalendar();

/**
 * A step of the inbox in a drawer: its dossier and deadline, claim or give back, and its form,
 * checked here and again by the engine, completed after a confirmation.
 */
export function TaskDrawer({
  taskId,
  onClose,
  onCompleted,
}: {
  readonly taskId: string | null;
  readonly onClose: () => void;
  /** After the step was completed, before the drawer closes. */
  readonly onCompleted?: () => void;
}) {
  const { task, dossier } = useTaskWithDossier(taskId);
  const claim = useClaimSteps();
  const complete = useCompleteStep();
  const { modal, message } = App.useApp();
  const state = useSession();
  const me = state.status === 'signed-in' ? state.user.username : null;
  const roles: readonly string[] = state.status === 'signed-in' ? state.user.roles : [];
  const leads = (unit: string | null) =>
    state.status === 'signed-in' && roles.includes('leader') && state.user.unit.code === unit;
  /** The step's candidate role fits the person (then they may act on it like its officer). */
  const fits = (role: string | null) =>
    role === null ? roles.includes('officer') || roles.includes('leader') : roles.includes(role);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [handledMeanwhile, setHandledMeanwhile] = useState(false);

  useEffect(() => {
    setRefusal(null);
    setHandledMeanwhile(false);
    form.resetFields();
  }, [taskId, form]);

  const t = task.data;
  const fields = (t?.form ?? []) as FormField[];
  const active = t !== undefined && t.status === 'active' && !handledMeanwhile;
  const heldByOther = t?.assignee != null && t.assignee !== me;
  const disabled = !active || heldByOther || complete.isPending;

  const showRefusal = (error: unknown) => {
    if (!(error instanceof ApiError)) {
      setRefusal(failureMessage(error));
      return;
    }
    if (error.problem?.code === 'task-not-active') setHandledMeanwhile(true);
    if (error.problem?.code === 'form-invalid') form.setFields(fieldErrorsOf(error.problem, fields));
    setRefusal(error.message);
  };

  const claimOrGiveBack = async (action: 'claim' | 'unclaim') => {
    if (t === undefined) return;
    setRefusal(null);
    const [result] = await claim.mutateAsync({ ids: [t.id], action });
    if (result?.status === 'rejected') showRefusal(result.reason);
    else message.success(action === 'claim' ? 'Bạn đã nhận xử lý bước này.' : 'Đã trả lại bước cho đơn vị.');
  };

  const confirmComplete = (values: Record<string, unknown>) => {
    if (t === undefined) return;
    setRefusal(null);
    modal.confirm({
      title: 'Hoàn thành bước này?',
      content: (
        <>
          Hồ sơ <strong>{t.dossierCode}</strong> sẽ được chuyển sang bước tiếp theo. Sau khi hoàn thành, bạn
          không thể sửa hay hoàn tác kết quả xử lý.
        </>
      ),
      okText: 'Hoàn thành',
      cancelText: 'Quay lại',
      autoFocusButton: 'ok',
      onOk: async () => {
        try {
          await complete.mutateAsync({ id: t.id, variables: formVariables(fields, values) });
          message.success(`Đã hoàn thành bước “${t.name ?? t.nodeId}” của hồ sơ ${t.dossierCode}.`);
          onCompleted?.();
          onClose();
        } catch (error) {
          showRefusal(error);
        }
      },
    });
  };

  const applicant = dossier.data?.applicant;
  const statusTag =
    t === undefined ? null : !active ? (
      <Tag>Đã xử lý xong</Tag>
    ) : t.assignee === null ? (
      <Tag>Chờ nhận</Tag>
    ) : (
      <Tag color="processing">Đang xử lý · {t.assignee === me ? 'bạn' : t.assignee}</Tag>
    );

  return (
    <Drawer
      open={taskId !== null}
      onClose={onClose}
      size={600}
      title={t === undefined ? 'Xử lý bước' : (t.name ?? t.nodeId)}
      destroyOnHidden
      extra={
        t !== undefined &&
        active && (
          <Space>
            {t.assignee === null && (
              <Button
                icon={<UserAddOutlined />}
                onClick={() => void claimOrGiveBack('claim')}
                loading={claim.isPending}
              >
                Nhận xử lý
              </Button>
            )}
            {t.assignee !== null && t.assignee === me && (
              <Button
                icon={<RollbackOutlined />}
                onClick={() => void claimOrGiveBack('unclaim')}
                loading={claim.isPending}
              >
                Trả lại
              </Button>
            )}
          </Space>
        )
      }
    >
      {task.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {task.isError && (
        <Alert type="error" showIcon title="Không tải được bước xử lý" description={task.error.message} />
      )}
      {t !== undefined && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 150 } }}
            items={[
              {
                key: 'code',
                label: 'Mã hồ sơ',
                children: (
                  <Typography.Text copyable={{ tooltips: ['Sao chép', 'Đã sao chép'] }}>
                    {t.dossierCode}
                  </Typography.Text>
                ),
              },
              {
                key: 'applicant',
                label: 'Người nộp',
                children:
                  applicant === undefined ? (
                    <Skeleton.Input active size="small" />
                  ) : (
                    <Flex vertical>
                      <span>{applicant.name}</span>
                      {applicant.idNumber && (
                        <Typography.Text type="secondary">Số định danh: {applicant.idNumber}</Typography.Text>
                      )}
                    </Flex>
                  ),
              },
              { key: 'procedure', label: 'Thủ tục', children: dossier.data?.procedureName ?? '…' },
              { key: 'step', label: 'Bước xử lý', children: t.name ?? t.nodeId },
              {
                key: 'due',
                label: 'Hạn xử lý',
                children: (
                  <Flex gap={8} align="center" wrap>
                    <span>{formatVietnamDateTime(t.dueAt)}</span>
                    <DeadlineTag status={t.deadlineStatus} clock={t.clock} holds={t.dossierHolds} />
                    <Typography.Text type="secondary">
                      {stepTimeWords(calendar, new Date(), t)}
                    </Typography.Text>
                  </Flex>
                ),
              },
              { key: 'status', label: 'Trạng thái', children: statusTag },
            ]}
          />
          <Link
            to={`/ho-so/${encodeURIComponent(t.dossierCode)}`}
            style={{ display: 'inline-block', marginTop: 8 }}
          >
            Xem hồ sơ
          </Link>
          {active && (
            <StepActions
              task={t}
              dossier={dossier.data}
              leader={leads(t.unit)}
              canAct={!heldByOther && fits(t.candidateRole)}
              onSentBack={(text) => {
                message.success(text);
                onClose();
              }}
              onHandledMeanwhile={(text) => {
                setHandledMeanwhile(true);
                setRefusal(text);
              }}
            />
          )}
          <Divider titlePlacement="start" style={{ marginTop: 24 }}>
            Kết quả xử lý
          </Divider>
          {refusal !== null && (
            <Alert
              type={handledMeanwhile ? 'warning' : 'error'}
              showIcon
              title={refusal}
              style={{ marginBottom: 16 }}
            />
          )}
          {heldByOther && active && (
            <Alert
              type="info"
              showIcon
              title={`Bước này đang do ${t.assignee} xử lý.`}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form
            form={form}
            layout="vertical"
            onFinish={confirmComplete}
            disabled={disabled}
            aria-label="Kết quả xử lý"
            requiredMark
          >
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary">
                Bước này không có thông tin cần nhập: chỉ cần xác nhận hoàn thành.
              </Typography.Paragraph>
            )}
            <FormFieldItems fields={fields} disabled={disabled} />
            <Flex justify="end" gap={8}>
              <Button onClick={onClose} disabled={false}>
                Đóng
              </Button>
              <Button type="primary" htmlType="submit" icon={<CheckOutlined />} loading={complete.isPending}>
                Hoàn thành
              </Button>
            </Flex>
          </Form>
        </>
      )}
    </Drawer>
  );
}
