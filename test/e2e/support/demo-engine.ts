import { Api } from '../../support/api-client';
import { createTestDatabase } from '../../support/database';
import { startEngine, type EngineServer } from './engine-server';

export interface DemoEngine {
  readonly engine: EngineServer;
  /** A demo account (README), signed in with the demo password. */
  as(username: string): Promise<Api>;
  stop(): Promise<void>;
}

/** The built engine with the demo seed (accounts, units, procedures) on a fresh database. */
export async function startDemoEngine(env: Record<string, string> = {}): Promise<DemoEngine> {
  const db = await createTestDatabase();
  const engine = await startEngine(db.url, { SEED_DEMO: 'true', ...env });
  const people = new Map<string, Promise<Api>>();
  return {
    engine,
    as(username) {
      let api = people.get(username);
      if (api === undefined) {
        api = new Api(engine.baseUrl)
          .post<{ accessToken: string }>('/auth/login', { username, password: 'demo' })
          .then((res) => {
            if (res.status !== 200) throw new Error(`demo sign-in of ${username}: ${res.status}`);
            return Api.bearer(engine.baseUrl, res.body.accessToken);
          });
        people.set(username, api);
      }
      return api;
    },
    async stop() {
      await engine.stop();
      await db.drop();
    },
  };
}
