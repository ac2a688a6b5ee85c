import { compileBpmn } from '@lienthong/bpmn';
import { bpmnFixture, chain } from '@lienthong/bpmn/testing';
import { mappingOf, migrateInstance, proposeMapping } from './migration';
import { Scenario } from './testing';

const V1 = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiepNhan" name="Tiếp nhận" lt:unit="U1"/>
   <userTask id="thamDinh" name="Thẩm định" lt:unit="U1" lt:allottedTime="2d"/>
   <subProcess id="doDac"><startEvent id="ss"/><userTask id="doThucDia" name="Đo thực địa" lt:unit="U1"/><endEvent id="se"/>${chain('ss', 'doThucDia', 'se')}</subProcess>
   <endEvent id="e"/>
   ${chain('s', 'tiepNhan', 'thamDinh', 'doDac', 'e')}`,
  { id: 'tach-thua' },
);

// v2: the review is renamed by id but keeps its name, goes to unit U2; the survey step moved out of the sub-process.
const V2 = bpmnFixture(
  `<startEvent id="s"/>
   <userTask id="tiepNhan" name="Tiếp nhận" lt:unit="U2"/>
   <userTask id="thamDinhHoSo" name="Thẩm định" lt:unit="U2" lt:allottedTime="3d"/>
   <userTask id="doThucDia" name="Đo thực địa" lt:unit="U2"/>
   <endEvent id="e"/>
   ${chain('s', 'tiepNhan', 'thamDinhHoSo', 'doThucDia', 'e')}`,
  { id: 'tach-thua' },
);

describe('moving a running instance to a new version', () => {
  it('proposes the same id first, then the only element of the same kind and name, and leaves the rest unmapped', async () => {
    // given
    const [v1, v2] = [await compileBpmn(V1), await compileBpmn(V2)];

    // when
    const entries = proposeMapping(v1, v2, ['tiepNhan', 'thamDinh', 'doDac']);

    // then
    expect(entries).toEqual([
      { source: 'doDac', sourceName: null, target: null, targetName: null, mappedBy: null },
      {
        source: 'thamDinh',
        sourceName: 'Thẩm định',
        target: 'thamDinhHoSo',
        targetName: 'Thẩm định',
        mappedBy: 'name',
      },
      {
        source: 'tiepNhan',
        sourceName: 'Tiếp nhận',
        target: 'tiepNhan',
        targetName: 'Tiếp nhận',
        mappedBy: 'id',
      },
    ]);
    expect(proposeMapping(v1, v2, ['thamDinh'], { thamDinh: 'doThucDia' })[0]).toMatchObject({
      target: 'doThucDia',
      mappedBy: 'manual',
    });
  });

  it('moves the waiting token and its task to the target element, with the unit of the new version, and leaves the input as it was', async () => {
    // given a dossier at the review step of v1
    const sc = await Scenario.of(V1);
    const v2 = await compileBpmn(V2);
    sc.start().complete('tiepNhan');
    const before = JSON.stringify(sc.state);
    const task = sc.task('thamDinh');

    // when
    const mapping = mappingOf(proposeMapping(sc.graph, v2, ['thamDinh']));
    const result = migrateInstance(sc.state!, sc.graph, v2, mapping, (code) =>
      code === 'U2' ? 'U2-MOI' : code,
    );

    // then
    expect(result.problems).toEqual([]);
    expect(result.moves).toEqual([
      { tokenId: task.tokenId, from: 'thamDinh', to: 'thamDinhHoSo', taskId: task.taskId, unit: 'U2-MOI' },
    ]);
    expect(Object.values(result.state.tokens)).toEqual([
      expect.objectContaining({
        nodeId: 'thamDinhHoSo',
        wait: { kind: 'task', taskId: task.taskId, taskKind: 'user', unit: 'U2-MOI' },
      }),
    ]);
    expect(JSON.stringify(sc.state)).toBe(before);
  });

  it('refuses an unmapped element, a step mapped to another kind and a step that would leave its sub-process, changing nothing', async () => {
    // given a dossier inside the survey sub-process of v1
    const sc = await Scenario.of(V1);
    const v2 = await compileBpmn(V2);
    sc.start().complete('tiepNhan').complete('thamDinh');
    expect(sc.openTasks()).toEqual(['doThucDia']);

    // when the sub-process is not mapped, then mapped to a user task
    const unmapped = migrateInstance(sc.state!, sc.graph, v2, { doThucDia: 'doThucDia' });
    const wrongKind = migrateInstance(sc.state!, sc.graph, v2, { doDac: 'tiepNhan', doThucDia: 'doThucDia' });

    // then
    expect(unmapped.problems).toEqual(['Bước doDac chưa được ánh xạ sang phiên bản mới.']);
    expect(unmapped.state).toBe(sc.state);
    expect(unmapped.moves).toEqual([]);
    expect(wrongKind.problems).toContain(
      'Bước doDac (subProcess) được ánh xạ sang "Tiếp nhận" (tiepNhan) là loại khác (userTask).',
    );
  });

  it('refuses a step whose target lies in another scope than its sub-process', async () => {
    // given v3 keeps the sub-process, but the survey step is outside it
    const v3 = await compileBpmn(
      bpmnFixture(
        `<startEvent id="s"/>
         <subProcess id="doDac"><startEvent id="ss"/><userTask id="khac" name="Khác" lt:unit="U1"/><endEvent id="se"/>${chain('ss', 'khac', 'se')}</subProcess>
         <userTask id="doThucDia" name="Đo thực địa" lt:unit="U1"/>
         <endEvent id="e"/>
         ${chain('s', 'doDac', 'doThucDia', 'e')}`,
        { id: 'tach-thua' },
      ),
    );
    const sc = await Scenario.of(V1);
    sc.start().complete('tiepNhan').complete('thamDinh');

    // when
    const result = migrateInstance(sc.state!, sc.graph, v3, { doDac: 'doDac', doThucDia: 'doThucDia' });

    // then
    expect(result.problems).toEqual([
      'Bước "Đo thực địa" (doThucDia) nằm trong phạm vi doDac, nhưng "Đo thực địa" (doThucDia) thuộc phạm vi khác (quy trình chính) trong phiên bản mới.',
    ]);
  });

  it('refuses a dossier that has ended', async () => {
    // given
    const sc = await Scenario.of(V1);
    const v2 = await compileBpmn(V2);
    sc.start().run({ type: 'cancel' });

    // when
    const result = migrateInstance(sc.state!, sc.graph, v2, {});

    // then
    expect(result.problems).toEqual(['Hồ sơ đã kết thúc, không còn bước nào đang xử lý.']);
  });
});
