import {
  FileAddOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Space, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, failureMessage } from '../api/problem.util';
import type { components } from '../api/schema.gen';
import { formatVietnamDateTime } from '../format/date.util';
import {
  useAssignStep,
  useDeadlineEvents,
  usePauseResume,
  useRequestSupplement,
  useSendBack,
  useSendBackTargets,
  useSupplementReceived,
  useUnitMembers,
} from './step-actions.api';
import { supplementItems } from './supplement-items.util';

type TaskDto = components['schemas']['TaskDto'];
type DossierDto = components['schemas']['DossierDto'];
type Action = 'supplement' | 'pause' | 'resume' | 'send-back' | 'assign';

/** What the refusal says, and whether the step was handled meanwhile (then the drawer says so). */
function refusalOf(error: unknown): { text: string; gone: boolean } {
  const gone = error instanceof ApiError && error.problem?.code === 'task-not-active';
  return { text: failureMessage(error), gone };
}

/** A dialog with a form: the engine's refusal shown inside it, the dialog kept open. */
function ActionModal({
  open,
  title,
  okText,
  danger,
  onCancel,
  onSubmit,
  children,
  pending,
  error,
}: {
  readonly open: boolean;
  readonly title: string;
  readonly okText: string;
  readonly danger?: boolean;
  readonly onCancel: () => void;
  readonly onSubmit: () => void;
  readonly children: ReactNode;
  readonly pending: boolean;
  readonly error: string | null;
}) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="Hủy"
      onCancel={onCancel}
      onOk={onSubmit}
      okButtonProps={{ danger, loading: pending }}
      destroyOnHidden
      width={560}
    >
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {children}
    </Modal>
  );
}

/**
 * The actions on a step beyond completing it: ask the applicant to supplement (once), pause or resume
 * the dossier's clock with a reason, and for leaders send the dossier back to an earlier step and give
 * the step to an officer of the unit. What holds the clock is shown above the buttons.
 */
export function StepActions({
  task,
  dossier,
  leader,
  canAct,
  onSentBack,
  onHandledMeanwhile,
}: {
  readonly task: TaskDto;
  readonly dossier: DossierDto | undefined;
  /** The person leads the step's unit. */
  readonly leader: boolean;
  /** The person may handle the step (it is not someone else's). */
  readonly canAct: boolean;
  /** The dossier was sent back: the step is over. */
  readonly onSentBack: (message: string) => void;
  /** The step was handled meanwhile by a colleague (a 409 `task-not-active`), explained in Vietnamese. */
  readonly onHandledMeanwhile: (message: string) => void;
}) {
  const { message, modal } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{
    items?: string;
    reason?: string;
    targetNodeId?: string;
    username?: string;
  }>();
  const supplement = useRequestSupplement();
  const received = useSupplementReceived();
  const clock = usePauseResume();
  const sendBack = useSendBack();
  const assign = useAssignStep();
  const targets = useSendBackTargets(task.id, action === 'send-back');
  const members = useUnitMembers(task.unit, action === 'assign');

  const open = (next: Action) => {
    setError(null);
    form.resetFields();
    setAction(next);
  };
  const close = () => setAction(null);
  const fail = (e: unknown) => {
    const { text, gone } = refusalOf(e);
    if (gone) {
      close();
      onHandledMeanwhile(text);
    } else setError(text);
  };

  // The engine refuses a supplement asked past its working days after receipt (422 supplement-too-late):
  // the button says so beforehand.
  const until = task.supplementUntil ?? null;
  const tooLate = until !== null && Date.now() > Date.parse(until);
  const supplementHint =
    task.supplement != null
      ? 'Đã có yêu cầu bổ sung đang chờ công dân'
      : until === null
        ? undefined
        : tooLate
          ? `Đã quá thời hạn yêu cầu bổ sung (đến ${formatVietnamDateTime(until)}): hồ sơ được giải quyết theo thành phần đã tiếp nhận.`
          : `Được yêu cầu bổ sung đến ${formatVietnamDateTime(until)}.`;
  const holds = task.dossierHolds;
  const pausedByOfficer = holds.includes('manual');
  const hasLimit = dossier?.deadline.legalTimeLimit != null;
  const open_ = task.supplement;

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (values === null || action === null) return;
    setError(null);
    try {
      if (action === 'supplement') {
        await supplement.mutateAsync({
          id: task.id,
          items: supplementItems(values.items ?? ''),
          reason: values.reason?.trim() || undefined,
        });
        message.success(`Đã gửi yêu cầu bổ sung hồ sơ ${task.dossierCode}; thời hạn tạm dừng chờ bổ sung.`);
      } else if (action === 'pause' || action === 'resume') {
        await clock.mutateAsync({ dossierId: task.dossierId, action, reason: values.reason!.trim() });
        message.success(
          action === 'pause' ? 'Đã tạm dừng thời hạn hồ sơ.' : 'Thời hạn hồ sơ tiếp tục được tính.',
        );
      } else if (action === 'assign') {
        await assign.mutateAsync({ id: task.id, username: values.username! });
        const member = members.data?.find((u) => u.username === values.username);
        message.success(`Đã giao bước cho ${member?.displayName ?? values.username}.`);
      } else {
        const target = targets.data?.find((t) => t.nodeId === values.targetNodeId);
        const name = target?.name ?? values.targetNodeId;
        const confirmed = await modal.confirm({
          title: `Trả hồ sơ về bước “${name}”?`,
          content: (
            <>
              Bước <strong>{task.name ?? task.nodeId}</strong> của hồ sơ <strong>{task.dossierCode}</strong>{' '}
              sẽ kết thúc và hồ sơ quay lại bước “{name}” với thời hạn xử lý mới. Thao tác này không hoàn tác
              được.
            </>
          ),
          okText: 'Trả lại',
          okButtonProps: { danger: true },
          cancelText: 'Quay lại',
        });
        if (!confirmed) return;
        await sendBack.mutateAsync({
          id: task.id,
          targetNodeId: values.targetNodeId!,
          reason: values.reason!.trim(),
        });
        close();
        onSentBack(`Đã trả hồ sơ ${task.dossierCode} về bước “${name}”.`);
        return;
      }
      close();
    } catch (e) {
      fail(e);
    }
  };

  const confirmReceived = () =>
    modal.confirm({
      title: 'Ghi nhận đã nhận đủ hồ sơ bổ sung?',
      content:
        'Thời hạn giải quyết của hồ sơ được tính lại từ đầu kể từ bây giờ (Nghị định 61/2018, Điều 19). Thao tác này không hoàn tác được.',
      okText: 'Đã nhận đủ',
      cancelText: 'Quay lại',
      onOk: async () => {
        try {
          await received.mutateAsync({ dossierId: task.dossierId });
          message.success('Đã ghi nhận hồ sơ bổ sung; thời hạn được tính lại từ đầu.');
        } catch (e) {
          message.error(failureMessage(e));
        }
      },
    });

  const pending = supplement.isPending || clock.isPending || sendBack.isPending || assign.isPending;
  const reasonField = (label: string, placeholder: string, required = true) => (
    <Form.Item
      name="reason"
      label={label}
      rules={
        required ? [{ required: true, whitespace: true, message: `Chưa nhập ${label.toLowerCase()}.` }] : []
      }
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={placeholder} />
    </Form.Item>
  );

  return (
    <>
      {open_ != null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title="Hồ sơ đang chờ công dân bổ sung"
          description={
            <Flex vertical gap={4}>
              <Typography.Text>
                Yêu cầu lúc {formatVietnamDateTime(open_.requestedAt)} ({open_.requestedBy}); thời hạn tạm
                dừng và được tính lại từ đầu khi nhận đủ hồ sơ.
              </Typography.Text>
              <ul style={{ margin: 0, paddingLeft: 20 }} aria-label="Giấy tờ cần bổ sung">
                {open_.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
              {open_.reason && <Typography.Text type="secondary">Lý do: {open_.reason}</Typography.Text>}
            </Flex>
          }
          action={
            <Button size="small" onClick={confirmReceived} loading={received.isPending}>
              Đã nhận đủ bổ sung
            </Button>
          }
        />
      )}
      {pausedByOfficer && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={`Thời hạn hồ sơ đang tạm dừng${dossier?.deadline.pausedAt ? ` từ ${formatVietnamDateTime(dossier.deadline.pausedAt)}` : ''}`}
          description={<PauseReason dossierId={task.dossierId} />}
        />
      )}
      <Space wrap style={{ marginTop: 16 }} aria-label="Thao tác khác">
        <Tooltip title={supplementHint}>
          <Button
            icon={<FileAddOutlined />}
            disabled={!canAct || open_ != null || tooLate}
            onClick={() => open('supplement')}
          >
            Yêu cầu bổ sung
          </Button>
        </Tooltip>
        {hasLimit &&
          (pausedByOfficer ? (
            <Button
              icon={<PlayCircleOutlined />}
              disabled={!canAct && !leader}
              onClick={() => open('resume')}
            >
              Tiếp tục
            </Button>
          ) : (
            <Button
              icon={<PauseCircleOutlined />}
              disabled={!canAct && !leader}
              onClick={() => open('pause')}
            >
              Tạm dừng
            </Button>
          ))}
        {leader && (
          <>
            <Button icon={<RollbackOutlined />} onClick={() => open('send-back')}>
              Trả lại bước trước
            </Button>
            <Button icon={<TeamOutlined />} onClick={() => open('assign')}>
              Giao cho
            </Button>
          </>
        )}
      </Space>

      <ActionModal
        open={action !== null}
        title={TITLES[action ?? 'supplement']}
        okText={OK_TEXTS[action ?? 'supplement']}
        danger={action === 'send-back'}
        onCancel={close}
        onSubmit={() => void submit()}
        pending={pending}
        error={error}
      >
        <Form
          form={form}
          name="step-action"
          layout="vertical"
          requiredMark
          disabled={pending}
          aria-label={TITLES[action ?? 'supplement']}
        >
          {action === 'supplement' && (
            <>
              <Typography.Paragraph type="secondary">
                Hướng dẫn bổ sung <strong>một lần</strong>: ghi đầy đủ các giấy tờ còn thiếu, mỗi dòng một
                giấy tờ. Thời hạn của hồ sơ tạm dừng và được tính lại từ đầu khi nhận đủ hồ sơ bổ sung.
              </Typography.Paragraph>
              <Form.Item
                name="items"
                label="Giấy tờ cần bổ sung"
                rules={[
                  {
                    validator: (_, value: string | undefined) =>
                      supplementItems(value ?? '').length > 0
                        ? Promise.resolve()
                        : Promise.reject(new Error('Chưa nhập giấy tờ cần bổ sung.')),
                  },
                ]}
                required
              >
                <Input.TextArea
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  placeholder={'Bản sao Giấy chứng nhận quyền sử dụng đất\nSơ đồ thửa đất'}
                />
              </Form.Item>
              {reasonField('Lý do', 'Ví dụ: hồ sơ thiếu thành phần theo quy định của thủ tục', false)}
            </>
          )}
          {(action === 'pause' || action === 'resume') &&
            reasonField(
              action === 'pause' ? 'Lý do tạm dừng' : 'Lý do tiếp tục',
              action === 'pause'
                ? 'Ví dụ: chờ công dân thực hiện nghĩa vụ tài chính'
                : 'Ví dụ: công dân đã nộp tiền',
            )}
          {action === 'send-back' && (
            <>
              <Form.Item
                name="targetNodeId"
                label="Trả về bước"
                rules={[{ required: true, message: 'Chưa chọn bước cần trả về.' }]}
              >
                <Select
                  loading={targets.isPending}
                  placeholder="Chọn bước trước"
                  notFoundContent={targets.isPending ? 'Đang tải…' : 'Hồ sơ chưa qua bước nào có thể trả về.'}
                  options={(targets.data ?? []).map((t) => ({
                    value: t.nodeId,
                    label: `${t.name ?? t.nodeId} · ${t.completedBy ?? ''} · ${formatVietnamDateTime(t.completedAt)}`,
                  }))}
                />
              </Form.Item>
              {reasonField('Lý do trả lại', 'Ví dụ: biên bản thẩm định chưa đủ chữ ký')}
            </>
          )}
          {action === 'assign' && (
            <Form.Item
              name="username"
              label="Giao cho cán bộ"
              rules={[{ required: true, message: 'Chưa chọn cán bộ.' }]}
            >
              <Select
                loading={members.isPending}
                placeholder="Chọn cán bộ của đơn vị"
                showSearch={{ optionFilterProp: 'label' }}
                options={(members.data ?? [])
                  .filter((u) => u.roles.some((r) => r === 'officer' || r === 'leader'))
                  .map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` }))}
              />
            </Form.Item>
          )}
        </Form>
      </ActionModal>
    </>
  );
}

const TITLES: Record<Action, string> = {
  supplement: 'Yêu cầu bổ sung hồ sơ',
  pause: 'Tạm dừng thời hạn hồ sơ',
  resume: 'Tiếp tục tính thời hạn',
  'send-back': 'Trả lại bước trước',
  assign: 'Giao bước cho cán bộ',
};
const OK_TEXTS: Record<Action, string> = {
  supplement: 'Gửi yêu cầu bổ sung',
  pause: 'Tạm dừng',
  resume: 'Tiếp tục',
  'send-back': 'Trả lại',
  assign: 'Giao',
};

/** Why the clock was paused: the last pause's reason among the dossier's deadline events. */
function PauseReason({ dossierId }: { readonly dossierId: string }) {
  const events = useDeadlineEvents(dossierId);
  const last = events.data?.findLast((e) => e.kind === 'paused');
  if (events.isPending) return <Typography.Text type="secondary">Đang tải lý do…</Typography.Text>;
  return <Typography.Text>Lý do: {last?.reason ?? 'không ghi'}</Typography.Text>;
}
