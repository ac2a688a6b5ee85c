import { bpmnFixture, chain, conditionalFlow } from '@lienthong/bpmn/testing';
import { step } from './interpreter';
import { EngineError } from './model';
import { Scenario } from './testing/scenario';

const userTask = (id: string, unit = 'U1', extra = '') =>
  `<userTask id="${id}" name="${id}" lt:unit="${unit}" ${extra}/>`;

describe('engine-core interpreter', () => {
  describe('none start event, user task, none end event', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>${userTask('a')}${userTask('b')}<endEvent id="e"/>${chain('s', 'a', 'b', 'e')}`,
    );

    it('runs a dossier from start to end, task by task', async () => {
      // given
      const sc = await Scenario.of(xml);

      // when
      sc.start({ applicant: 'Nguyễn Văn A' });

      // then
      expect(sc.openTasks()).toEqual(['a']);
      expect(sc.task('a')).toMatchObject({ kind: 'user', unit: 'U1', name: 'a' });

      sc.complete('a', { checked: true });
      expect(sc.openTasks()).toEqual(['b']);
      sc.complete('b');
      expect(sc.status).toBe('completed');
      expect(sc.state?.result).toEqual({ endEventId: 'e' });
      expect(sc.variables).toEqual({ applicant: 'Nguyễn Văn A', checked: true });
      expect(sc.effects.at(-1)).toMatchObject({
        type: 'instanceEnded',
        status: 'completed',
        endEventId: 'e',
      });
    });

    it('never mutates the state it is given', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      const before = JSON.stringify(sc.state);
      step(
        sc.graph,
        sc.state,
        { type: 'completeTask', taskId: sc.task('a').taskId },
        { now: sc.now, newId: () => 'x' },
      );
      expect(JSON.stringify(sc.state)).toBe(before);
    });

    it('refuses to complete a task that is not active, and commands on a finished instance', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      expect(() => sc.run({ type: 'completeTask', taskId: 'nope' })).toThrow(
        expect.objectContaining({ code: 'task-not-active' }),
      );
      sc.complete('a').complete('b');
      expect(() => sc.run({ type: 'cancel' })).toThrow(EngineError);
      expect(() => sc.run({ type: 'cancel' })).toThrow(/completed/);
    });

    it('refuses variables that are not a JSON object', async () => {
      const sc = await Scenario.of(xml);
      expect(() => sc.run({ type: 'start', variables: [1, 2] as never })).toThrow(
        expect.objectContaining({ code: 'invalid-variables' }),
      );
    });
  });

  describe('terminate and error end events', () => {
    it('a terminate end event ends every other branch', async () => {
      // given
      const sc = await Scenario.of(
        bpmnFixture(`<startEvent id="s"/><parallelGateway id="fork"/>${userTask('a')}${userTask('b')}
          <endEvent id="stop"><terminateEventDefinition/></endEvent><endEvent id="e"/>
          ${chain('s', 'fork')}${chain('fork', 'a', 'stop')}${chain('fork', 'b', 'e')}`),
      );
      sc.start();
      expect(sc.openTasks()).toEqual(['a', 'b']);

      // when
      sc.complete('a');

      // then
      expect(sc.status).toBe('completed');
      expect(sc.state?.result).toEqual({ endEventId: 'stop', terminated: true });
      expect(sc.openTasks()).toEqual([]);
      expect(sc.effects).toContainEqual({
        type: 'taskEnded',
        taskId: expect.any(String),
        outcome: 'cancelled',
      });
    });

    it('an uncaught error end event at process level ends the dossier with its error code', async () => {
      const sc = await Scenario.of(
        bpmnFixture(
          `<startEvent id="s"/><endEvent id="refused"><errorEventDefinition errorRef="E"/></endEvent>${chain('s', 'refused')}`,
          {
            extra: '<error id="E" errorCode="NOT_ELIGIBLE"/>',
          },
        ),
      );
      sc.start();
      expect(sc.status).toBe('completed');
      expect(sc.state?.result).toEqual({ endEventId: 'refused', errorCode: 'NOT_ELIGIBLE' });
    });
  });

  describe('service task as external task, with error boundary', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>
       <serviceTask id="tax" lt:unit="THUE" lt:topic="tax-assessment"/>
       <boundaryEvent id="taxFailed" attachedToRef="tax"><errorEventDefinition errorRef="E"/></boundaryEvent>
       ${userTask('manual')}<endEvent id="e"/><endEvent id="eFailed"/>
       ${chain('s', 'tax', 'e')}${chain('taxFailed', 'manual', 'eFailed')}`,
      { extra: '<error id="E" errorCode="TAX_SYSTEM_DOWN"/>' },
    );

    it('opens an external task with its topic and waits for the callback', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      expect(sc.task('tax')).toMatchObject({
        kind: 'external',
        topic: 'tax-assessment',
        unit: 'THUE',
        retries: 3,
      });
      sc.complete('tax', { taxAmount: 1500000 });
      expect(sc.status).toBe('completed');
      expect(sc.variables['taxAmount']).toBe(1500000);
    });

    it('routes a BPMN error to the error boundary event', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      sc.run({ type: 'throwError', taskId: sc.task('tax').taskId, errorCode: 'TAX_SYSTEM_DOWN' });
      expect(sc.openTasks()).toEqual(['manual']);
      expect(sc.history('error.thrown')).toEqual(['tax']);
    });

    it('refuses an error code that no boundary event catches, changing nothing', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      const before = JSON.stringify(sc.state);
      expect(() => sc.run({ type: 'throwError', taskId: sc.task('tax').taskId, errorCode: 'OTHER' })).toThrow(
        expect.objectContaining({ code: 'error-not-caught' }),
      );
      expect(JSON.stringify(sc.state)).toBe(before);
    });
  });

  describe('receive task and intermediate message catch event', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>
       <receiveTask id="waitPayment" messageRef="M1"/>
       <intermediateCatchEvent id="waitSupplement"><messageEventDefinition messageRef="M2"/></intermediateCatchEvent>
       <endEvent id="e"/>${chain('s', 'waitPayment', 'waitSupplement', 'e')}`,
      { extra: '<message id="M1" name="payment-confirmed"/><message id="M2" name="supplement-received"/>' },
    );

    it('waits for messages by name and merges their variables', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      expect(sc.effects).toContainEqual(
        expect.objectContaining({ type: 'messageAwaited', name: 'payment-confirmed' }),
      );
      sc.message('supplement-received');
      expect(sc.lastCorrelated).toBe(false);
      sc.message('payment-confirmed', { paidAmount: 100 });
      expect(sc.lastCorrelated).toBe(true);
      sc.message('supplement-received');
      expect(sc.status).toBe('completed');
      expect(sc.variables).toEqual({ paidAmount: 100 });
    });
  });

  describe('exclusive gateway', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>${userTask('check')}<exclusiveGateway id="gw" default="fDefault"/>
       ${userTask('refuse')}${userTask('supplement')}${userTask('approve')}<endEvent id="e1"/><endEvent id="e2"/><endEvent id="e3"/>
       ${chain('s', 'check', 'gw')}
       ${conditionalFlow('fRefuse', 'gw', 'refuse', '=result = "not_eligible"')}
       ${conditionalFlow('fSupplement', 'gw', 'supplement', 'result = "missing_papers" or count(missing) > 0')}
       <sequenceFlow id="fDefault" sourceRef="gw" targetRef="approve"/>
       ${chain('refuse', 'e1')}${chain('supplement', 'e2')}${chain('approve', 'e3')}`,
    );

    it.each([
      [{ result: 'not_eligible', missing: [] }, 'refuse'],
      [{ result: 'eligible', missing: ['sổ đỏ'] }, 'supplement'],
      [{ result: 'eligible', missing: [] }, 'approve'],
    ])('with %j takes the flow to %s (FEEL conditions, default flow)', async (variables, expected) => {
      const sc = await Scenario.of(xml);
      sc.start().complete('check', variables);
      expect(sc.openTasks()).toEqual([expected]);
    });

    it('refuses a completion when no condition matches and there is no default flow', async () => {
      const noDefault = bpmnFixture(
        `<startEvent id="s"/>${userTask('check')}<exclusiveGateway id="gw"/><endEvent id="e"/>
         ${chain('s', 'check', 'gw')}${conditionalFlow('f1', 'gw', 'e', 'ok = true')}`,
      );
      const sc = await Scenario.of(noDefault);
      sc.start();
      expect(() => sc.complete('check', { ok: false })).toThrow(
        expect.objectContaining({ code: 'no-outgoing-flow', elementId: 'gw' }),
      );
      expect(sc.openTasks()).toEqual(['check']);
    });
  });

  describe('parallel gateway', () => {
    it('forks into all branches and joins when every branch arrived', async () => {
      const sc = await Scenario.of(
        bpmnFixture(`<startEvent id="s"/><parallelGateway id="fork"/>${userTask('tax', 'THUE')}${userTask('cert', 'VPDK')}
          <parallelGateway id="join"/>${userTask('sign')}<endEvent id="e"/>
          ${chain('s', 'fork')}${chain('fork', 'tax', 'join')}${chain('fork', 'cert', 'join')}${chain('join', 'sign', 'e')}`),
      );
      sc.start();
      expect(sc.openTasks()).toEqual(['cert', 'tax']);
      sc.complete('tax');
      expect(sc.openTasks()).toEqual(['cert']);
      sc.complete('cert');
      expect(sc.openTasks()).toEqual(['sign']);
      expect(Object.keys(sc.state?.tokens ?? {})).toHaveLength(1);
      sc.complete('sign');
      expect(sc.status).toBe('completed');
    });
  });

  describe('inclusive gateway', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/><inclusiveGateway id="fork" default="fNone"/>
       ${userTask('police', 'CA')}${userTask('tax', 'THUE')}${userTask('env', 'TNMT')}
       <inclusiveGateway id="join"/>${userTask('decide')}<endEvent id="e"/>
       ${chain('s', 'fork')}
       ${conditionalFlow('fPolice', 'fork', 'police', 'needsPolice')}
       ${conditionalFlow('fTax', 'fork', 'tax', 'needsTax')}
       <sequenceFlow id="fNone" sourceRef="fork" targetRef="env"/>
       ${chain('police', 'join')}${chain('tax', 'join')}${chain('env', 'join')}${chain('join', 'decide', 'e')}`,
    );

    it('takes every branch whose condition holds and joins only those', async () => {
      const sc = await Scenario.of(xml);
      sc.start({ needsPolice: true, needsTax: true });
      expect(sc.openTasks()).toEqual(['police', 'tax']);
      sc.complete('police');
      expect(sc.openTasks()).toEqual(['tax']);
      sc.complete('tax');
      expect(sc.openTasks()).toEqual(['decide']);
    });

    it('joins at once when a single branch was taken', async () => {
      const sc = await Scenario.of(xml);
      sc.start({ needsPolice: false, needsTax: true });
      expect(sc.openTasks()).toEqual(['tax']);
      sc.complete('tax');
      expect(sc.openTasks()).toEqual(['decide']);
    });

    it('takes the default flow when no condition holds', async () => {
      const sc = await Scenario.of(xml);
      sc.start({ needsPolice: false, needsTax: false });
      expect(sc.openTasks()).toEqual(['env']);
    });
  });

  describe('embedded sub-process', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>
       <subProcess id="survey">
         <startEvent id="ss"/>${userTask('measure', 'VPDK')}${userTask('map', 'VPDK')}<endEvent id="se"/>
         ${chain('ss', 'measure', 'map', 'se')}
       </subProcess>
       <boundaryEvent id="tooLong" attachedToRef="survey"><timerEventDefinition><timeDuration>P10D</timeDuration></timerEventDefinition></boundaryEvent>
       ${userTask('after')}${userTask('escalated')}<endEvent id="e"/><endEvent id="e2"/>
       ${chain('s', 'survey', 'after', 'e')}${chain('tooLong', 'escalated', 'e2')}`,
    );

    it('runs its inner flow and then continues after it', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      expect(sc.openTasks()).toEqual(['measure']);
      sc.complete('measure').complete('map');
      expect(sc.openTasks()).toEqual(['after']);
      expect(sc.jobs.size).toBe(0);
      expect(sc.state?.scopes).toEqual({});
    });

    it('is interrupted as a whole by a timer boundary event', async () => {
      const sc = await Scenario.of(xml);
      sc.start();
      expect([...sc.jobs.values()][0]).toEqual({ dueAt: '2026-03-12T01:00:00.000Z', nodeId: 'tooLong' });
      sc.fireNextJob();
      expect(sc.openTasks()).toEqual(['escalated']);
      expect(sc.state?.scopes).toEqual({});
    });
  });

  describe('call activity', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>
       <callActivity id="taxCall" calledElement="nghia-vu-tai-chinh">
         <extensionElements><lt:in source="=parcel.area * 2" target="doubleArea"/><lt:out source="=amount" target="taxAmount"/></extensionElements>
       </callActivity>
       <boundaryEvent id="taxError" attachedToRef="taxCall"><errorEventDefinition errorRef="E"/></boundaryEvent>
       ${userTask('after')}${userTask('handleError')}<endEvent id="e"/><endEvent id="e2"/>
       ${chain('s', 'taxCall', 'after', 'e')}${chain('taxError', 'handleError', 'e2')}`,
      { extra: '<error id="E" errorCode="NO_PAYMENT"/>' },
    );

    it('starts the called procedure with mapped variables and maps its result back', async () => {
      const sc = await Scenario.of(xml);
      sc.start({ parcel: { area: 60 }, secret: 'x' });
      const [callId, call] = [...sc.calls.entries()][0] ?? [];
      expect(call).toEqual({
        calledElement: 'nghia-vu-tai-chinh',
        variables: { doubleArea: 120 },
        nodeId: 'taxCall',
      });
      sc.run({ type: 'completeCall', callId: callId as string, variables: { amount: 999, internal: true } });
      expect(sc.openTasks()).toEqual(['after']);
      expect(sc.variables).toEqual({ parcel: { area: 60 }, secret: 'x', taxAmount: 999 });
    });

    it('catches an error the called procedure ended with', async () => {
      const sc = await Scenario.of(xml);
      sc.start({ parcel: { area: 1 } });
      const callId = [...sc.calls.keys()][0] as string;
      sc.run({ type: 'failCall', callId, errorCode: 'NO_PAYMENT' });
      expect(sc.openTasks()).toEqual(['handleError']);
    });

    it('cancels the called procedure when the dossier is cancelled', async () => {
      const sc = await Scenario.of(xml);
      sc.start({ parcel: { area: 1 } });
      sc.run({ type: 'cancel', reason: 'Công dân rút hồ sơ' });
      expect(sc.status).toBe('cancelled');
      expect(sc.calls.size).toBe(0);
      expect(sc.effects).toContainEqual(
        expect.objectContaining({ type: 'instanceEnded', status: 'cancelled' }),
      );
    });
  });

  describe('timer events', () => {
    it('an intermediate timer waits for an ISO 8601 duration', async () => {
      const sc = await Scenario.of(
        bpmnFixture(`<startEvent id="s"/><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT36H</timeDuration></timerEventDefinition></intermediateCatchEvent>
          ${userTask('a')}${chain('s', 'wait', 'a')}`),
      );
      sc.start();
      expect([...sc.jobs.values()]).toEqual([{ dueAt: '2026-03-03T13:00:00.000Z', nodeId: 'wait' }]);
      sc.fireNextJob();
      expect(sc.openTasks()).toEqual(['a']);
    });

    it('an intermediate timer waits until an ISO 8601 date', async () => {
      const sc = await Scenario.of(
        bpmnFixture(`<startEvent id="s"/><intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>2026-07-01T08:00:00+07:00</timeDate></timerEventDefinition></intermediateCatchEvent>
          <endEvent id="e"/>${chain('s', 'wait', 'e')}`),
      );
      sc.start();
      expect([...sc.jobs.values()][0]?.dueAt).toBe('2026-07-01T01:00:00.000Z');
      sc.fireNextJob();
      expect(sc.status).toBe('completed');
    });

    const reminder = bpmnFixture(
      `<startEvent id="s"/>${userTask('sign', 'UBND')}
       <boundaryEvent id="remind" attachedToRef="sign" cancelActivity="false"><timerEventDefinition><timeCycle>R2/P1D</timeCycle></timerEventDefinition></boundaryEvent>
       ${userTask('reminder', 'UBND')}<endEvent id="e"/><endEvent id="e2"/>
       ${chain('s', 'sign', 'e')}${chain('remind', 'reminder', 'e2')}`,
    );

    it('a non-interrupting cycle timer boundary repeats while the step is open', async () => {
      const sc = await Scenario.of(reminder);
      sc.start();
      sc.fireNextJob();
      expect(sc.openTasks()).toEqual(['reminder', 'sign']);
      expect(sc.jobs.size).toBe(1);
      sc.fireNextJob();
      expect(sc.openTasks().filter((t) => t === 'reminder')).toHaveLength(2);
      expect(sc.jobs.size).toBe(0);
    });

    it('completing the step cancels its boundary timers', async () => {
      const sc = await Scenario.of(reminder);
      sc.start();
      sc.complete('sign');
      expect(sc.jobs.size).toBe(0);
      expect(sc.status).toBe('completed');
    });

    it('a stale job is ignored', async () => {
      const sc = await Scenario.of(reminder);
      sc.start();
      const before = JSON.stringify(sc.state);
      sc.run({ type: 'fireJob', jobId: 'gone' });
      expect(JSON.stringify(sc.state)).toBe(before);
    });
  });

  describe('message boundary event', () => {
    it('interrupts the waiting step when the message arrives', async () => {
      const sc = await Scenario.of(
        bpmnFixture(
          `<startEvent id="s"/>${userTask('process')}
           <boundaryEvent id="withdrawn" attachedToRef="process"><messageEventDefinition messageRef="W"/></boundaryEvent>
           <endEvent id="e"/><endEvent id="eW"/>${chain('s', 'process', 'e')}${chain('withdrawn', 'eW')}`,
          { extra: '<message id="W" name="withdrawn"/>' },
        ),
      );
      sc.start().message('withdrawn');
      expect(sc.lastCorrelated).toBe(true);
      expect(sc.status).toBe('completed');
      expect(sc.state?.result).toEqual({ endEventId: 'eW' });
    });
  });

  describe('multi-instance user tasks', () => {
    const consult = (sequential: boolean, completion = '') =>
      bpmnFixture(
        `<startEvent id="s"/>
         <userTask id="consult" lt:unit="=agency" lt:candidateRole="officer">
           <multiInstanceLoopCharacteristics isSequential="${sequential}" lt:collection="=agencies" lt:elementVariable="agency"
             lt:outputCollection="opinions" lt:outputElement="={agency: agency, agree: agree}">${completion}</multiInstanceLoopCharacteristics>
         </userTask>${userTask('decide')}<endEvent id="e"/>${chain('s', 'consult', 'decide', 'e')}`,
      );

    it('parallel: one task per agency, each for its unit, outputs collected in order', async () => {
      const sc = await Scenario.of(consult(false));
      sc.start({ agencies: ['CA', 'THUE', 'XD'] });
      const units = [...sc.tasks.values()].map((t) => [t.unit, t.loop, t.locals?.['agency']]);
      expect(units).toEqual([
        ['CA', { index: 0, total: 3 }, 'CA'],
        ['THUE', { index: 1, total: 3 }, 'THUE'],
        ['XD', { index: 2, total: 3 }, 'XD'],
      ]);
      const byUnit = (u: string) => [...sc.tasks.values()].find((t) => t.unit === u)?.taskId as string;
      sc.run({ type: 'completeTask', taskId: byUnit('XD'), variables: { agree: false } });
      sc.run({ type: 'completeTask', taskId: byUnit('CA'), variables: { agree: true } });
      expect(sc.openTasks()).toEqual(['consult']);
      sc.run({ type: 'completeTask', taskId: byUnit('THUE'), variables: { agree: true } });
      expect(sc.openTasks()).toEqual(['decide']);
      expect(sc.variables['opinions']).toEqual([
        { agency: 'CA', agree: true },
        { agency: 'THUE', agree: true },
        { agency: 'XD', agree: false },
      ]);
      expect(sc.variables['agree']).toBeUndefined();
    });

    it('sequential: one agency after the other', async () => {
      const sc = await Scenario.of(consult(true));
      sc.start({ agencies: ['CA', 'THUE'] });
      expect([...sc.tasks.values()].map((t) => t.unit)).toEqual(['CA']);
      sc.complete('consult', { agree: true });
      expect([...sc.tasks.values()].map((t) => t.unit)).toEqual(['THUE']);
      sc.complete('consult', { agree: true });
      expect(sc.openTasks()).toEqual(['decide']);
    });

    it('a completion condition cancels the remaining instances', async () => {
      const sc = await Scenario.of(
        consult(
          false,
          '<completionCondition xsi:type="tFormalExpression">=nrOfCompletedInstances >= 2</completionCondition>',
        ),
      );
      sc.start({ agencies: ['CA', 'THUE', 'XD'] });
      sc.complete('consult', { agree: true });
      sc.complete('consult', { agree: true });
      expect(sc.openTasks()).toEqual(['decide']);
      expect(sc.effects.filter((e) => e.type === 'taskEnded' && e.outcome === 'cancelled')).toHaveLength(1);
    });

    it('an empty collection skips the step', async () => {
      const sc = await Scenario.of(consult(false));
      sc.start({ agencies: [] });
      expect(sc.openTasks()).toEqual(['decide']);
      expect(sc.variables['opinions']).toEqual([]);
    });

    it('a collection that is not a list is refused with the reason', async () => {
      const sc = await Scenario.of(consult(false));
      expect(() => sc.start({ agencies: 'CA' })).toThrow(
        expect.objectContaining({ code: 'expression-failed', elementId: 'consult' }),
      );
    });
  });

  describe('legal clock rules (lt:clock) and working-time timers', () => {
    const xml = bpmnFixture(
      `<startEvent id="s"/>${userTask('check')}
       <receiveTask id="supplement" messageRef="S" lt:clock="restart"/>
       <receiveTask id="pay" messageRef="P" lt:clock="pause"/>
       ${userTask('sign')}
       <boundaryEvent id="late" attachedToRef="sign" cancelActivity="false"><timerEventDefinition><timeDuration>1d4h</timeDuration></timerEventDefinition></boundaryEvent>
       ${userTask('remind')}<endEvent id="e"/><endEvent id="e2"/>
       ${chain('s', 'check', 'supplement', 'pay', 'sign', 'e')}${chain('late', 'remind', 'e2')}`,
      { extra: '<message id="S" name="supplement-received"/><message id="P" name="payment-confirmed"/>' },
    );
    const clockEffects = (sc: Scenario) =>
      sc.effects.flatMap((e) => (e.type === 'clock' ? [`${e.action}@${e.nodeId}`] : []));

    it('pauses while a pause step waits, resumes when it ends, restarts after a restart step', async () => {
      const sc = await Scenario.of(xml);
      sc.calendar = { addWorkingTime: (from) => from };
      sc.start().complete('check');
      expect(clockEffects(sc)).toEqual([]);
      sc.message('supplement-received');
      expect(clockEffects(sc)).toEqual(['restart@supplement', 'pause@pay']);
      sc.message('payment-confirmed');
      expect(clockEffects(sc)).toEqual(['restart@supplement', 'pause@pay', 'resume@pay']);
    });

    it('resumes the clock when a paused step is cancelled', async () => {
      const sc = await Scenario.of(xml);
      sc.start().complete('check').message('supplement-received');
      sc.run({ type: 'cancel' });
      expect(clockEffects(sc).at(-1)).toBe('resume@pay');
    });

    it('counts a timer written in working time on the calendar it is given', async () => {
      const sc = await Scenario.of(xml);
      sc.calendar = { addWorkingTime: (from, minutes) => new Date(from.getTime() + minutes * 1000) };
      sc.start().complete('check').message('supplement-received').message('payment-confirmed');
      expect([...sc.jobs.values()]).toEqual([
        { dueAt: new Date(sc.now.getTime() + 720_000).toISOString(), nodeId: 'late' },
      ]);
    });

    it('refuses a working-time timer without a calendar', async () => {
      const sc = await Scenario.of(xml);
      sc.start().complete('check').message('supplement-received');
      expect(() => sc.message('payment-confirmed')).toThrow(
        expect.objectContaining({ code: 'expression-failed' }),
      );
    });
  });
});
