import { Alert, App, Button, Dropdown, Flex, Modal, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker, useNavigate } from 'react-router';
import type { ReaderWarning, ValidationIssue } from '@lienthong/bpmn';
import { failureMessage } from '../api/problem.util';
import { useSession } from '../auth/use-session';
import { formatVietnamDateTime } from '../format/date.util';
import { CompareDrawer } from './compare-drawer';
import { criticalPath, criticalPathSummary, legalDays } from './deadline/critical-path';
import { DeadlineOverlay, mainProcess } from './deadline/deadline-overlay';
import {
  createDraft,
  DraftConflictError,
  fetchDraft,
  publishXml,
  saveDraft,
  useProcedures,
  useUnits,
  type DraftConflict,
  type DraftDto,
} from './drafts.api';
import { ImportWarnings } from './import-warnings';
import { IssuesPanel } from './issues-panel';
import { toIssues, type LtReport } from './lint/lt-lint';
import { fitBesidePalette, type ViewboxCanvas } from './fit';
import { createModeler, type Modeler } from './modeler';
import type { LtData } from './properties/lt-data';
import { FormEditorDrawer } from './properties/form-editor-drawer';
import { FORM_EDIT_EVENT } from './properties/lt-groups';
import type { ModelContext, Shape } from './properties/lt-model';
import { PublishDialog } from './publish-dialog';

/** Seconds after the last change before the draft is saved on its own. */
const AUTOSAVE_MS = 2000;

type SaveState = 'saved' | 'dirty' | 'saving' | 'failed';

type Definitions = Parameters<typeof mainProcess>[0];

/** When the draft was saved: the time alone when it was today (Vietnam time), else date and time. */
function savedAt(updatedAt: string): string {
  const saved = formatVietnamDateTime(updatedAt);
  const today = formatVietnamDateTime(new Date()).slice(0, 10);
  return saved.startsWith(today) ? `lúc ${saved.slice(11)}` : `lúc ${saved}`;
}

/** One draft open in the modeler: autosaved, checked while drawing, with its deadline view, comparison and publication. */
export function DesignerEditor({ draftId }: { readonly draftId: string }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  const overlayRef = useRef<DeadlineOverlay | null>(null);
  const draftRef = useRef<DraftDto | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void> | null>(null);
  const dataRef = useRef<LtData>({ units: [], procedures: [] });
  const [draft, setDraft] = useState<DraftDto | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>('saved');
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [opened, setOpened] = useState<{ xml: string; warnings: readonly ReaderWarning[] }>({
    xml: '',
    warnings: [],
  });
  const [summary, setSummary] = useState<{ days: number; limit: number | null; missing: number } | null>(
    null,
  );
  const [deadlineView, setDeadlineView] = useState(false);
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [comparing, setComparing] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [formStep, setFormStep] = useState<(Shape & { id: string }) | null>(null);
  const stateRef = useRef<SaveState>('saved');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sessionState = useSession();
  const isPublisher = sessionState.status === 'signed-in' && sessionState.user.roles.includes('publisher');
  const units = useUnits();
  const procedures = useProcedures();

  const setSaveState = (s: SaveState) => {
    stateRef.current = s;
    setState(s);
  };

  // What the properties panel offers: the organisation tree, the catalogue's procedure codes.
  useEffect(() => {
    if (units.data) dataRef.current.units = units.data.map((u) => ({ code: u.code, name: u.name }));
    if (procedures.data)
      dataRef.current.procedures = procedures.data.map((p) => ({ code: p.code, name: p.name }));
  }, [units.data, procedures.data]);

  const recompute = useCallback(() => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    const process = mainProcess(modeler.getDefinitions() as Definitions);
    if (!process) return setSummary(null);
    const result =
      overlayRef.current && deadlineViewRef.current
        ? overlayRef.current.show(process)
        : criticalPath(process);
    setSummary({
      days: result.days,
      limit: legalDays(process.legalTimeLimit),
      missing: result.missing.length,
    });
  }, []);
  const deadlineViewRef = useRef(false);
  useEffect(() => {
    deadlineViewRef.current = deadlineView;
    if (!deadlineView) overlayRef.current?.hide();
    recompute();
  }, [deadlineView, recompute]);

  /** Saves now (one save at a time); a stale revision opens the conflict dialog. */
  const save = useCallback(async (): Promise<void> => {
    if (saving.current) await saving.current;
    const modeler = modelerRef.current;
    const current = draftRef.current;
    if (!modeler || !current || stateRef.current === 'saved') return;
    const run = (async () => {
      setSaveState('saving');
      try {
        const { xml = '' } = await modeler.saveXML({ format: true });
        const process = mainProcess(modeler.getDefinitions() as Definitions) as { name?: string } | undefined;
        const saved = await saveDraft(current.id, {
          xml,
          revision: current.revision,
          name: process?.name?.trim() || undefined,
        });
        draftRef.current = saved;
        setDraft(saved);
        // A change made while saving keeps the draft dirty.
        setSaveState(stateRef.current === 'saving' ? 'saved' : 'dirty');
      } catch (error) {
        setSaveState('failed');
        if (error instanceof DraftConflictError) setConflict(error.conflict);
        else void message.error(`Chưa lưu được bản nháp: ${failureMessage(error)}`);
      }
    })();
    saving.current = run;
    await run;
    saving.current = null;
  }, [message]);

  // The modeler, once; the draft imported into it.
  useEffect(() => {
    if (!canvasRef.current || !panelRef.current) return;
    const modeler = createModeler(canvasRef.current, panelRef.current, dataRef.current);
    modelerRef.current = modeler;
    overlayRef.current = new DeadlineOverlay(
      modeler.get('overlays'),
      modeler.get('elementRegistry'),
      modeler.get('canvas'),
    );
    modeler.on('linting.completed', (e: { issues: Record<string, LtReport[]> }) => {
      // User timing marks (read by the designer bench): when the opened diagram was first checked.
      if (performance.getEntriesByName('lt-designer-linted').length === 0)
        performance.mark('lt-designer-linted');
      setIssues(toIssues(e.issues));
    });
    modeler.on(FORM_EDIT_EVENT, (e: { element: Shape & { id: string } }) => setFormStep(e.element));
    modeler.on('commandStack.changed', () => {
      if (stateRef.current !== 'saving') setSaveState('dirty');
      else stateRef.current = 'dirty';
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    });
    let recomputeTimer: ReturnType<typeof setTimeout> | null = null;
    modeler.on('elements.changed', () => {
      if (recomputeTimer) clearTimeout(recomputeTimer);
      recomputeTimer = setTimeout(recompute, 150);
    });
    let cancelled = false;
    fetchDraft(draftId)
      .then(async (d) => {
        if (cancelled) return;
        performance.mark('lt-designer-import-start');
        const { warnings } = await modeler.importXML(d.xml);
        performance.mark('lt-designer-imported');
        setOpened({ xml: d.xml, warnings });
        fitBesidePalette(modeler.get<ViewboxCanvas>('canvas'));
        // The opened diagram is checked at once (not only after the first change).
        modeler.get<{ update(): void }>('linting').update();
        draftRef.current = d;
        setDraft(d);
        recompute();
      })
      .catch((error: unknown) => !cancelled && setLoadError(failureMessage(error)));
    return () => {
      cancelled = true;
      if (timer.current) clearTimeout(timer.current);
      if (recomputeTimer) clearTimeout(recomputeTimer);
      modeler.destroy();
      modelerRef.current = null;
    };
  }, [draftId, save, recompute]);

  // Ctrl+S saves now; leaving with unsaved changes asks first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      if (stateRef.current !== 'saved') e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [save]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      stateRef.current !== 'saved' &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  const pick = (elementId: string) => {
    const modeler = modelerRef.current;
    const element = modeler?.get<{ get(id: string): unknown }>('elementRegistry').get(elementId);
    if (!modeler || !element) return;
    modeler.get<{ select(e: unknown): void }>('selection').select(element);
    modeler.get<{ scrollToElement(e: unknown): void }>('canvas').scrollToElement(element);
  };

  const exportFile = async () => {
    const modeler = modelerRef.current;
    if (!modeler || !draft) return;
    const { xml = '' } = await modeler.saveXML({ format: true });
    const url = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${draft.key}.bpmn`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const reload = async () => {
    setConflict(null);
    const modeler = modelerRef.current;
    if (!modeler) return;
    const d = await fetchDraft(draftId);
    draftRef.current = d;
    setDraft(d);
    setOpened({ xml: d.xml, warnings: (await modeler.importXML(d.xml)).warnings });
    setSaveState('saved');
    recompute();
  };
  const saveAsNew = async () => {
    setConflict(null);
    const modeler = modelerRef.current;
    if (!modeler || !draft) return;
    try {
      const { xml = '' } = await modeler.saveXML({ format: true });
      const created = await createDraft({
        xml,
        baseVersion: draft.baseVersion ?? undefined,
        name: `${draft.name} (bản sao)`,
      });
      setSaveState('saved');
      await queryClient.invalidateQueries({ queryKey: ['drafts'] });
      void message.success('Đã lưu thành bản nháp mới.');
      void navigate(`/thiet-ke?ban-nhap=${created.id}`);
    } catch (error) {
      void message.error(failureMessage(error));
    }
  };

  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const over = summary !== null && summary.limit !== null && summary.days > summary.limit;

  if (loadError !== null) {
    return (
      <Alert
        type="error"
        showIcon
        title="Không mở được bản nháp"
        description={loadError}
        action={<Button onClick={() => navigate('/thiet-ke')}>Về danh sách bản nháp</Button>}
      />
    );
  }
  return (
    <Flex vertical className="lt-designer" gap={8}>
      <Flex align="center" gap={8} className="lt-toolbar">
        <Button onClick={() => navigate('/thiet-ke')}>← Bản nháp</Button>
        <Typography.Title level={4} className="lt-draft-title" ellipsis={{ tooltip: draft?.name }}>
          {draft?.name ?? 'Đang mở…'}
        </Typography.Title>
        {draft && (
          <Typography.Text type="secondary" className="lt-nowrap">
            {draft.key}
          </Typography.Text>
        )}
        <span className="lt-save-state" data-state={state} aria-live="polite">
          {state === 'saved' && draft && `Đã lưu ${savedAt(draft.updatedAt)} (lần ${draft.revision})`}
          {state === 'dirty' && 'Có thay đổi chưa lưu'}
          {state === 'saving' && 'Đang lưu…'}
          {state === 'failed' && 'Chưa lưu được'}
        </span>
        <Space className="lt-toolbar-actions">
          <Tooltip title="Lưu ngay (Ctrl+S); bản nháp cũng tự lưu sau mỗi thay đổi">
            <Button
              type="primary"
              onClick={() => void save()}
              loading={state === 'saving'}
              disabled={state === 'saved'}
            >
              Lưu
            </Button>
          </Tooltip>
          <Tooltip title="Hiện thời gian của từng bước và đường dài nhất so với thời hạn giải quyết">
            <Button onClick={() => setDeadlineView((v) => !v)} aria-pressed={deadlineView}>
              Thời hạn
            </Button>
          </Tooltip>
          <Tooltip title="So sánh bản nháp với phiên bản gốc">
            <Button onClick={() => setComparing(true)} disabled={!draft}>
              So sánh
            </Button>
          </Tooltip>
          <Dropdown
            disabled={!draft}
            trigger={['click']}
            menu={{
              items: [{ key: 'export', label: 'Xuất tệp .bpmn' }],
              onClick: ({ key }) => key === 'export' && void exportFile(),
            }}
          >
            <Button>
              Thêm <span aria-hidden="true">▾</span>
            </Button>
          </Dropdown>
          {isPublisher && (
            <Button onClick={() => setPublishing(true)} disabled={!draft}>
              Ban hành…
            </Button>
          )}
        </Space>
      </Flex>
      <ImportWarnings
        warnings={opened.warnings}
        xml={opened.xml}
        onClose={() => setOpened({ xml: '', warnings: [] })}
      />
      <div className="lt-workspace">
        <div className="lt-canvas" ref={canvasRef} aria-label="Sơ đồ quy trình" />
        <div className="lt-panel" ref={panelRef} aria-label="Thuộc tính" />
        {!draft && (
          <div className="lt-loading">
            <Spin description="Đang mở bản nháp…" />
          </div>
        )}
      </div>
      <div className="lt-bottom">
        <Flex align="center" gap={12} className="lt-bottom-bar">
          <strong>Kiểm tra:</strong>
          <Tag color={errors > 0 ? 'error' : 'success'} className="lt-error-count">
            {errors} lỗi
          </Tag>
          <Tag color={warnings > 0 ? 'gold' : 'default'}>{warnings} cảnh báo</Tag>
          {summary && (
            <span className={`lt-critical-summary${over ? ' lt-over' : ''}`}>
              Thời hạn: {criticalPathSummary(summary.days, summary.limit)}
              {summary.missing > 0 && ` · ${summary.missing} bước chưa có thời gian`}
            </span>
          )}
        </Flex>
        <IssuesPanel issues={issues} onPick={pick} />
      </div>
      <CompareDrawer
        open={comparing}
        modeler={modelerRef.current}
        processKey={draft?.key ?? ''}
        baseVersion={draft?.baseVersion ?? null}
        onClose={() => setComparing(false)}
      />
      <FormEditorDrawer
        element={formStep}
        model={
          modelerRef.current && {
            modeling: modelerRef.current.get<ModelContext['modeling']>('modeling'),
            factory: modelerRef.current.get<ModelContext['factory']>('bpmnFactory'),
          }
        }
        onClose={() => setFormStep(null)}
      />
      <PublishDialog
        open={publishing}
        errors={errors}
        onClose={() => setPublishing(false)}
        onPublish={async (decision) => {
          const modeler = modelerRef.current;
          if (!modeler) return;
          const { xml = '' } = await modeler.saveXML({ format: true });
          const published = await publishXml(xml, decision);
          setPublishing(false);
          await queryClient.invalidateQueries({ queryKey: ['definitions'] });
          void message.success(`Đã ban hành phiên bản v${published.version} của quy trình ${published.key}.`);
        }}
      />
      <Modal
        open={conflict !== null}
        title="Bản nháp vừa được người khác lưu"
        closable={false}
        maskClosable={false}
        footer={[
          <Button key="reload" onClick={() => void reload()}>
            Tải lại bản mới nhất (bỏ thay đổi của tôi)
          </Button>,
          <Button key="new" type="primary" onClick={() => void saveAsNew()}>
            Lưu thay đổi của tôi thành bản nháp mới
          </Button>,
        ]}
      >
        {conflict && (
          <p>
            {conflict.updatedBy} đã lưu bản nháp này lúc {formatVietnamDateTime(conflict.updatedAt)} (lần{' '}
            {conflict.currentRevision}), sau khi bạn mở. Thay đổi của bạn chưa được lưu và không ghi đè lên
            bản của họ.
          </p>
        )}
      </Modal>
      <Modal
        open={blocker.state === 'blocked'}
        title="Rời trang khi chưa lưu?"
        okText="Rời trang"
        cancelText="Ở lại"
        okButtonProps={{ danger: true }}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        Bản nháp có thay đổi chưa lưu. Nếu rời trang bây giờ, các thay đổi đó sẽ mất.
      </Modal>
    </Flex>
  );
}
