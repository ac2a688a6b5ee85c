import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { TaskDrawer } from '../inbox/task-drawer';
import { DeskDossiers } from './desk-dossiers';
import { GuidanceList } from './guidance-list';
import { NotReceivedDialog, type NotReceived } from './not-received-dialog';
import { Receipt } from './receipt';
import { GuidanceSlip, RefusalSlip } from './reception-slips';
import { ReceiveForm } from './receive-form';
import { ReturnResults } from './return-results';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];
type ReceptionGuidanceDto = components['schemas']['ReceptionGuidanceDto'];

/** What the reception tab shows after the form: the receipt, the refusal slip or the guidance slip. */
type Outcome =
  | { kind: 'received'; dossier: DossierDto }
  | { kind: 'refused'; dossier: DossierDto }
  | { kind: 'guided'; guidance: ReceptionGuidanceDto };

/**
 * The one-stop desk (Một cửa): receive a dossier and give its receipt, or refuse it, or guide a
 * supplement; return results; the dossiers received.
 */
export default function DeskPage() {
  const [tab, setTab] = useState('tiep-nhan');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'refusal' | 'guidance'; subject: NotReceived } | null>(null);
  const [step, setStep] = useState<string | null>(null);
  const next = () => setOutcome(null);
  const reception = () => {
    switch (outcome?.kind) {
      case undefined:
        return (
          <ReceiveForm
            onReceived={(dossier) => setOutcome({ kind: 'received', dossier })}
            onNotReceived={(kind, subject) => setDialog({ kind, subject })}
          />
        );
      case 'received':
        return <Receipt dossier={outcome.dossier} onHandOver={setStep} onNext={next} />;
      case 'refused':
        return <RefusalSlip dossier={outcome.dossier} onNext={next} />;
      case 'guided':
        return <GuidanceSlip guidance={outcome.guidance} onNext={next} />;
    }
  };

  return (
    <>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Một cửa
      </Typography.Title>
      <Typography.Text type="secondary">
        Tiếp nhận hồ sơ (hoặc từ chối, hướng dẫn bổ sung), lập giấy tiếp nhận và hẹn trả kết quả, trả kết quả,
        theo dõi hồ sơ đã tiếp nhận.
      </Typography.Text>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'tiep-nhan',
            label: 'Tiếp nhận hồ sơ',
            children: reception(),
          },
          { key: 'tra-ket-qua', label: 'Trả kết quả', children: <ReturnResults /> },
          { key: 'ho-so', label: 'Hồ sơ đã tiếp nhận', children: <DeskDossiers /> },
          { key: 'huong-dan', label: 'Phiếu hướng dẫn', children: <GuidanceList /> },
        ]}
      />
      <NotReceivedDialog
        kind={dialog?.kind ?? null}
        subject={dialog?.subject ?? null}
        onClose={() => setDialog(null)}
        onRefused={(dossier) => {
          setDialog(null);
          setOutcome({ kind: 'refused', dossier });
        }}
        onGuided={(guidance) => {
          setDialog(null);
          setOutcome({ kind: 'guided', guidance });
        }}
      />
      <TaskDrawer
        taskId={step}
        onClose={() => setStep(null)}
        onCompleted={() =>
          setOutcome((o) =>
            o?.kind === 'received' ? { kind: 'received', dossier: { ...o.dossier, activeSteps: [] } } : o,
          )
        }
      />
    </>
  );
}
