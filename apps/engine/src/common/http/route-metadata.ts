/**
 * What the global guards and the command interceptors read of a route's decorators, resolved once per
 * handler and controller and kept, rather than looked up with the Reflector on every request.
 */
export function perRoute<T>(
  resolve: (handler: () => unknown, controller: () => unknown) => T,
): (handler: object, controller: object) => T {
  const routes = new WeakMap<object, WeakMap<object, { value: T }>>();
  return (handler, controller) => {
    let byController = routes.get(handler);
    if (byController === undefined) {
      byController = new WeakMap();
      routes.set(handler, byController);
    }
    let entry = byController.get(controller);
    if (entry === undefined) {
      entry = { value: resolve(handler as () => unknown, controller as () => unknown) };
      byController.set(controller, entry);
    }
    return entry.value;
  };
}
