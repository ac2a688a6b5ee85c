import type { Command } from '@lienthong/engine-core';
import type { Scenario } from '@lienthong/engine-core/testing';
import type { Recording } from './recording';

/** One representative dossier: its procedure, and what the people and agency systems did, in order. */
export interface Dossier extends Omit<Recording, 'steps'> {
  /** The recording's file name in recordings/ (without .json). */
  name: string;
  /** When the dossier is submitted. */
  submittedAt: string;
  drive(sc: Scenario, on: Driver): void;
}

export interface Driver {
  /** Moves the clock to an instant (Vietnam time written with its offset). */
  at(instant: string): void;
  /** Gives the interpreter a command it must refuse; the refusal (error code and message) is recorded. */
  refused(command: Command): void;
}

const byUnit = (sc: Scenario, unit: string) => {
  const task = [...sc.tasks.values()].find((t) => t.unit === unit);
  if (!task) throw new Error(`No open task for ${unit}`);
  return task.taskId;
};

export const DOSSIERS: Dossier[] = [
  {
    name: 'tach-thua-dat-v1-approved',
    description:
      'Land parcel split (v1): approved, tax assessed while the certificate is printed, paid, signed, returned',
    source: 'processes/tach-thua-dat/v1.bpmn',
    workingCalendar: true,
    submittedAt: '2026-03-02T08:10:00+07:00',
    drive(sc, on) {
      sc.start({ applicant: { name: 'Nguyễn Văn An' }, parcel: { number: '123', sheet: '45', area: 180 } });
      on.at('2026-03-02T10:00:00+07:00');
      sc.complete('t_tiep_nhan', { received: true });
      on.at('2026-03-05T15:30:00+07:00');
      sc.complete('t_kiem_tra', { measuredArea: 178.5 });
      on.at('2026-03-09T09:00:00+07:00');
      sc.complete('t_tham_dinh', { approved: true });
      on.at('2026-03-10T14:00:00+07:00');
      sc.complete('st_thue', { taxAmount: 12500000 });
      on.at('2026-03-11T08:00:00+07:00');
      sc.complete('t_chuan_bi_gcn');
      on.at('2026-03-12T16:45:00+07:00');
      sc.message('payment-confirmed', { paidAt: '2026-03-12' });
      on.at('2026-03-13T09:15:00+07:00');
      sc.complete('t_ky', { signed: true });
      sc.complete('st_csdl');
      on.at('2026-03-16T08:30:00+07:00');
      sc.complete('t_tra_kq');
    },
  },
  {
    name: 'tach-thua-dat-v1-refused',
    description: 'Land parcel split (v1): the appraisal refuses, the file is returned with the reason',
    source: 'processes/tach-thua-dat/v1.bpmn',
    workingCalendar: true,
    submittedAt: '2026-04-06T14:00:00+07:00',
    drive(sc, on) {
      sc.start({ applicant: { name: 'Trần Thị Bình' }, parcel: { number: '77', sheet: '12', area: 40 } });
      sc.complete('t_tiep_nhan');
      on.at('2026-04-08T10:00:00+07:00');
      sc.complete('t_kiem_tra');
      sc.message('payment-confirmed'); // nobody waits for it yet: not correlated
      on.at('2026-04-09T11:00:00+07:00');
      sc.complete('t_tham_dinh', { approved: false, reason: 'Diện tích dưới mức tối thiểu' });
      sc.complete('t_tra_ho_so');
      on.refused({ type: 'cancel', reason: 'late' });
    },
  },
  {
    name: 'tach-thua-dat-v2-supplement',
    description:
      'Land parcel split (v2): papers missing, supplemented (clock restarts), eligible, tax office (merged unit) assesses while the clock pauses, paid, signed, returned',
    source: 'processes/tach-thua-dat/v2.bpmn',
    workingCalendar: true,
    mergedUnits: { 'DTP-THUE-1': 'DTP-THUE' },
    submittedAt: '2026-05-04T09:00:00+07:00',
    drive(sc, on) {
      sc.start({ applicant: { name: 'Lê Văn Cường' }, parcel: { number: '9', sheet: '3', area: 320 } });
      sc.complete('t_tiep_nhan');
      on.at('2026-05-06T10:00:00+07:00');
      sc.complete('t_kiem_tra', { result: 'missing_papers', missing: ['Bản vẽ hiện trạng'] });
      on.at('2026-05-11T15:00:00+07:00');
      sc.message('supplement-received', { missing: [] });
      on.at('2026-05-13T09:00:00+07:00');
      sc.complete('t_kiem_tra', { result: 'eligible' });
      on.at('2026-05-18T16:00:00+07:00');
      sc.complete('t_xac_nhan', { hasFinancialObligation: true });
      on.refused({ type: 'throwError', taskId: byUnit(sc, 'DTP-THUE'), errorCode: 'TAX_SYSTEM_DOWN' });
      on.at('2026-05-20T10:00:00+07:00');
      sc.complete('st_thue', { taxAmount: 8000000 });
      on.at('2026-05-25T08:00:00+07:00');
      sc.message('payment-confirmed');
      sc.complete('t_ky');
      sc.complete('st_csdl');
      on.at('2026-05-26T14:00:00+07:00');
      sc.complete('t_tra_kq');
    },
  },
  {
    name: 'dang-ky-khai-sinh',
    description:
      'Birth registration (liên thông): registered, signed, residence and health insurance card by the agencies in parallel, returned',
    source: 'processes/dang-ky-khai-sinh-lien-thong/v1.bpmn',
    workingCalendar: true,
    submittedAt: '2026-06-01T07:45:00+07:00',
    drive(sc, on) {
      sc.start({
        child: { name: 'Phạm Minh Khang', born: '2026-05-20' },
        parents: ['Phạm Văn Dũng', 'Vũ Thị Hoa'],
      });
      sc.complete('t_tiep_nhan');
      on.at('2026-06-01T10:30:00+07:00');
      sc.complete('t_khai_sinh', { personalId: '001226012345' });
      on.at('2026-06-01T15:00:00+07:00');
      sc.complete('t_ky');
      on.at('2026-06-02T09:00:00+07:00');
      sc.complete('st_bhyt', { cardNumber: 'TE1010012345678' });
      on.refused({ type: 'completeTask', taskId: 'not-opened-yet' });
      on.at('2026-06-02T11:00:00+07:00');
      sc.complete('st_thuong_tru', { registered: true });
      on.at('2026-06-03T08:00:00+07:00');
      sc.complete('t_tra_kq');
    },
  },
  {
    name: 'xin-y-kien-on-time',
    description:
      'Consultation fixture: two reminders fire, three agencies (one merged) answer in time, one disagrees (inclusive branch in the sub-process), waiting period, two deliveries in sequence',
    source: 'test/replay/fixtures/xin-y-kien-lien-nganh.bpmn',
    workingCalendar: true,
    mergedUnits: { 'XMT-XD': 'XMT-KTHT' },
    submittedAt: '2026-03-02T08:00:00+07:00',
    drive(sc, on) {
      sc.start({ agencies: ['XMT-CA', 'XMT-TNMT', 'XMT-XD'], copies: 2 });
      sc.fireNextJob();
      sc.complete('t_nhac_viec');
      sc.fireNextJob();
      on.at('2026-03-02T13:30:00+07:00');
      sc.complete('t_tiep_nhan');
      on.at('2026-03-03T09:00:00+07:00');
      sc.run({ type: 'completeTask', taskId: byUnit(sc, 'XMT-KTHT'), variables: { agree: true } });
      sc.run({ type: 'completeTask', taskId: byUnit(sc, 'XMT-CA'), variables: { agree: false } });
      on.at('2026-03-03T16:00:00+07:00');
      sc.run({ type: 'completeTask', taskId: byUnit(sc, 'XMT-TNMT'), variables: { agree: true } });
      sc.complete('t_giai_trinh');
      sc.complete('t_tong_hop');
      sc.fireNextJob();
      sc.complete('st_gui_ket_qua', { trackingNo: 'VN001' });
      sc.run({ type: 'fireJob', jobId: 'gone' });
      sc.complete('st_gui_ket_qua', { trackingNo: 'VN002' });
      on.at('2026-03-05T08:00:00+07:00');
      sc.complete('t_nhac_viec');
    },
  },
  {
    name: 'xin-y-kien-escalated',
    description:
      'Consultation fixture: one agency answers, the 2-working-day timer interrupts the consultation (instances cancelled), escalation completed',
    source: 'test/replay/fixtures/xin-y-kien-lien-nganh.bpmn',
    workingCalendar: true,
    submittedAt: '2026-04-29T15:00:00+07:00',
    drive(sc, on) {
      sc.start({ agencies: ['XMT-CA', 'XMT-TNMT'], copies: 1 });
      sc.complete('t_tiep_nhan');
      on.at('2026-04-29T16:30:00+07:00');
      sc.run({ type: 'completeTask', taskId: byUnit(sc, 'XMT-CA'), variables: { agree: true } });
      sc.fireNextJob();
      sc.complete('t_bao_cao_cham', { note: 'Sở TNMT chưa có ý kiến' });
    },
  },
  {
    name: 'xin-y-kien-delivery-failed',
    description:
      'Consultation fixture: all agree, after the waiting period the delivery system reports an error caught by the boundary; result handed over at the desk',
    source: 'test/replay/fixtures/xin-y-kien-lien-nganh.bpmn',
    workingCalendar: true,
    submittedAt: '2026-03-16T09:00:00+07:00',
    drive(sc, on) {
      sc.start({ agencies: ['XMT-CA'], copies: 3 });
      sc.complete('t_tiep_nhan');
      sc.complete('t_xin_y_kien', { agree: true });
      on.refused({ type: 'completeCall', callId: 'no-such-call' });
      sc.complete('t_tong_hop');
      sc.fireNextJob();
      sc.complete('st_gui_ket_qua');
      on.refused({ type: 'throwError', taskId: sc.task('st_gui_ket_qua').taskId, errorCode: 'OTHER' });
      sc.run({
        type: 'throwError',
        taskId: sc.task('st_gui_ket_qua').taskId,
        errorCode: 'DELIVERY_FAILED',
        errorMessage: 'Địa chỉ không tồn tại',
      });
      on.at('2026-03-20T10:00:00+07:00');
      sc.complete('t_tra_truc_tiep');
    },
  },
];
