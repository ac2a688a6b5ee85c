import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { TaskDrawer } from '../inbox/task-drawer';
import { DeskDossiers } from './desk-dossiers';
import { Receipt } from './receipt';
import { ReceiveForm } from './receive-form';
import type { components } from '../api/schema.gen';

type DossierDto = components['schemas']['DossierDto'];

/** The one-stop desk (Một cửa): receive a dossier and give its receipt; the dossiers received. */
export default function DeskPage() {
  const [tab, setTab] = useState('tiep-nhan');
  const [received, setReceived] = useState<DossierDto | null>(null);
  const [step, setStep] = useState<string | null>(null);

  return (
    <>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Một cửa
      </Typography.Title>
      <Typography.Text type="secondary">
        Tiếp nhận hồ sơ, lập giấy tiếp nhận và hẹn trả kết quả, theo dõi hồ sơ đã tiếp nhận.
      </Typography.Text>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'tiep-nhan',
            label: 'Tiếp nhận hồ sơ',
            children:
              received === null ? (
                <ReceiveForm onReceived={setReceived} />
              ) : (
                <Receipt dossier={received} onHandOver={setStep} onNext={() => setReceived(null)} />
              ),
          },
          { key: 'ho-so', label: 'Hồ sơ đã tiếp nhận', children: <DeskDossiers /> },
        ]}
      />
      <TaskDrawer
        taskId={step}
        onClose={() => setStep(null)}
        onCompleted={() => setReceived((d) => (d === null ? d : { ...d, activeSteps: [] }))}
      />
    </>
  );
}
