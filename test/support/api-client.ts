import { type QueryFn, TestPrincipals } from './principals';

export interface ApiResponse<T> {
  status: number;
  body: T;
  contentType: string | null;
  headers: Headers;
}

/** Gives the `Authorization` header value of a request (or none). */
export type Credentials = (method: string, path: string, body: unknown) => Promise<string | null>;

/** A small JSON client for the engine API that keeps the status of every answer. */
export class Api {
  constructor(
    readonly baseUrl: string,
    protected readonly credentials: Credentials = () => Promise.resolve(null),
  ) {}

  /** The same client with a fixed bearer credential (access token or API key). */
  static bearer(baseUrl: string, credential: string | Promise<string>): Api {
    return new Api(baseUrl, async () => `Bearer ${await credential}`);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const isText = typeof body === 'string';
    const authorization = await this.credentials(method, path, body);
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': isText ? 'application/xml' : 'application/json' }),
        ...(authorization === null ? {} : { authorization }),
        ...headers,
      },
      body: body === undefined ? undefined : isText ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return {
      status: res.status,
      body: parsed as T,
      contentType: res.headers.get('content-type'),
      headers: res.headers,
    };
  }

  get<T = Record<string, unknown>>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  put<T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PUT', path, body ?? {}, headers);
  }

  patch<T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('PATCH', path, body ?? {}, headers);
  }
}

/** Roles of the test member of a unit that the engine-mechanics tests act as. */
const MEMBER = ['leader', 'officer', 'reception'] as const;
/** The test back office: draws, publishes, administers. */
export const BACK_OFFICE_UNIT = 'DTP-VP';
const BACK_OFFICE = ['admin', 'designer', 'publisher'] as const;
/** User name of the back office's test user (the actor the history records for its calls). */
export const BACK_OFFICE_USER = TestPrincipals.username(BACK_OFFICE_UNIT, BACK_OFFICE);
/** User name of a unit's test member (the actor recorded for the AutoApi's calls on that unit's steps). */
export const memberOf = (unit: string): string => TestPrincipals.username(unit, MEMBER);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The client of the engine-mechanics tests: every call is made, through the real sign-in and the real
 * authorization, by the principal the engine expects for it, looked up in the database: a dossier's
 * receiving desk for the dossier, a member of the step's unit for a user task, the unit's agency key for an
 * external task, the back office (admin, designer, publisher) for definitions and administration. Tests of
 * the rules themselves use explicit principals (`TestApp.as`, `TestApp.withKey`).
 *
 * A list of a dossier's steps (`/tasks?dossierId=`) is asked by each unit holding one and merged, oldest
 * first, as no single principal sees every unit's steps.
 */
export class AutoApi extends Api {
  constructor(
    baseUrl: string,
    private readonly query: QueryFn,
    readonly principals: TestPrincipals = new TestPrincipals(baseUrl, query),
  ) {
    super(baseUrl, (method, path, body) => this.credentialFor(method, path, body));
  }

  override async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const [route = '', search = ''] = path.split('?', 2);
    const params = new URLSearchParams(search);
    const dossierId = params.get('dossierId');
    if (
      method === 'GET' &&
      (route === '/tasks' || route === '/external-tasks') &&
      dossierId &&
      UUID.test(dossierId)
    ) {
      const kind = route === '/tasks' ? 'user' : 'external';
      const units = (await this.query(
        `SELECT DISTINCT unit FROM tasks WHERE dossier_id = $1 AND kind = $2 AND unit IS NOT NULL`,
        [dossierId, kind],
      )) as Array<{ unit: string }>;
      if (units.length > 0) {
        const pages = await Promise.all(
          units.map(async ({ unit }) => {
            const auth =
              kind === 'user'
                ? `Bearer ${await this.principals.user(unit, MEMBER)}`
                : `Bearer ${await this.principals.apiKey(unit)}`;
            return new Api(this.baseUrl, () => Promise.resolve(auth)).request<{
              items: Array<{ createdAt: string; id: string }>;
            }>(method, path, body, headers);
          }),
        );
        const failed = pages.find((p) => p.status !== 200);
        if (failed) return failed as unknown as ApiResponse<T>;
        const items = pages
          .flatMap((p) => p.body.items)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
        return { ...pages[0]!, body: { items, nextCursor: null } as T };
      }
    }
    return super.request<T>(method, path, body, headers);
  }

  private async credentialFor(method: string, path: string, body: unknown): Promise<string | null> {
    const [route = ''] = path.split('?', 1);
    const params = new URLSearchParams(path.split('?', 2)[1] ?? '');
    const segments = route.split('/').filter(Boolean);
    const member = async (unit: string | undefined) =>
      `Bearer ${unit === undefined ? await this.backOffice() : await this.principals.user(unit, MEMBER)}`;
    const one = async (sql: string, value: string) =>
      ((await this.query(sql, [value])) as Array<{ unit: string }>)[0]?.unit;

    switch (segments[0]) {
      case 'dossiers': {
        if (segments.length === 1 && method === 'POST') {
          const b = body as { receivingUnit?: string; definitionKey?: string } | undefined;
          const unit =
            b?.receivingUnit ??
            (b?.definitionKey === undefined
              ? undefined
              : await one(
                  `SELECT graph->>'receivingUnit' AS unit FROM definitions WHERE key = $1 AND status = 'published'`,
                  b.definitionKey,
                ));
          // An unknown receiving unit is the engine's to refuse (422), not a unit to make up.
          const known =
            unit === undefined
              ? undefined
              : await one(`SELECT code AS unit FROM units WHERE code = $1`, unit);
          return member(known);
        }
        if (segments.length === 1) return member(params.get('receivingUnit') ?? undefined);
        const ref = decodeURIComponent(segments[1]!);
        return member(
          await one(
            `SELECT receiving_unit AS unit FROM dossiers WHERE ${UUID.test(ref) ? 'id' : 'code'} = $1`,
            ref,
          ),
        );
      }
      case 'tasks': {
        if (segments.length === 1) return member(params.get('unit') ?? undefined);
        const id = segments[1]!;
        return member(UUID.test(id) ? await one(`SELECT unit FROM tasks WHERE id = $1`, id) : undefined);
      }
      case 'external-tasks': {
        const id = segments[1];
        const unit =
          id !== undefined && UUID.test(id)
            ? await one(`SELECT unit FROM tasks WHERE id = $1`, id)
            : undefined;
        return unit === undefined ? member(undefined) : `Bearer ${await this.principals.apiKey(unit)}`;
      }
      case 'messages': {
        const b = body as { dossierId?: string; dossierCode?: string } | undefined;
        const ref = b?.dossierId ?? b?.dossierCode;
        const unit =
          ref === undefined
            ? undefined
            : await one(
                `SELECT receiving_unit AS unit FROM dossiers WHERE ${UUID.test(ref) ? 'id' : 'code'} = $1`,
                ref,
              );
        return member(unit);
      }
      case 'health':
      case 'test':
        return null;
      default:
        return `Bearer ${await this.backOffice()}`;
    }
  }

  private backOffice(): Promise<string> {
    return this.principals.user(BACK_OFFICE_UNIT, BACK_OFFICE);
  }
}

/** Deploys a procedure's BPMN and publishes that version (as the back office); returns the version. */
export async function deployAndPublish(api: Api, xml: string, key: string): Promise<number> {
  const deployed = await api.post<{ version: number }>('/definitions', xml);
  if (deployed.status !== 201)
    throw new Error(`deploy ${key}: ${deployed.status} ${JSON.stringify(deployed.body)}`);
  const published = await api.post(`/definitions/${key}/versions/${deployed.body.version}/publish`);
  if (published.status !== 200) throw new Error(`publish ${key}: ${published.status}`);
  return deployed.body.version;
}
