import { perRoute } from './route-metadata';

describe('perRoute', () => {
  it('resolves a route once per handler and controller, and keeps even an undefined answer', () => {
    // given a resolver that counts its calls
    const calls: string[] = [];
    const routeOf = perRoute((handler, controller) => {
      calls.push(`${controller.name}.${handler.name}`);
      return handler.name === 'list' ? undefined : `${controller.name}.${handler.name}`;
    });
    class Tasks {}
    class ExternalTasks {}
    function complete(): void {}
    function list(): void {}

    // when each route is asked for several times, one handler under two controllers
    const answers = [
      routeOf(complete, Tasks),
      routeOf(complete, Tasks),
      routeOf(complete, ExternalTasks),
      routeOf(list, Tasks),
      routeOf(list, Tasks),
    ];

    // then each pair was resolved once, with its own answer
    expect(answers).toEqual([
      'Tasks.complete',
      'Tasks.complete',
      'ExternalTasks.complete',
      undefined,
      undefined,
    ]);
    expect(calls).toEqual(['Tasks.complete', 'ExternalTasks.complete', 'Tasks.list']);
  });
});
