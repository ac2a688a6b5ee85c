import { createHash, randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';

/** Runs SQL on the engine's database. */
export type QueryFn = (sql: string, params?: unknown[]) => Promise<unknown[]>;

export const TEST_PASSWORD = 'test-password-123';
/** The argon2 hash of TEST_PASSWORD, computed once per Jest worker. */
let passwordHash: Promise<string> | null = null;

export interface ApiKeyOptions {
  readonly roles?: readonly string[];
  readonly topics?: readonly string[] | null;
  readonly messageNames?: readonly string[] | null;
}

/**
 * Test people and agency keys, made on demand in the engine's database and signed in through the real
 * API (POST /auth/login): `user('DTP-VPDK-CL', ['officer'])` is the access token of a test user of that
 * unit with those roles. A unit missing from the organisation tree (a test fixture's `U1`) is added.
 */
export class TestPrincipals {
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly keys = new Map<string, Promise<string>>();

  constructor(
    private readonly baseUrl: string,
    private readonly query: QueryFn,
  ) {}

  static username(unit: string, roles: readonly string[]): string {
    return `t.${unit}.${[...roles].sort().join('+')}`.toLowerCase();
  }

  /** Access token of the test user of `unit` holding `roles`. */
  user(unit: string, roles: readonly string[]): Promise<string> {
    const username = TestPrincipals.username(unit, roles);
    let token = this.tokens.get(username);
    if (token === undefined) {
      token = this.signIn(username, unit, roles);
      this.tokens.set(username, token);
      token.catch(() => this.tokens.delete(username));
    }
    return token;
  }

  /** An API key of `unit` (roles officer + reception unless given). */
  apiKey(unit: string, options: ApiKeyOptions = {}): Promise<string> {
    const id = JSON.stringify([
      unit,
      options.roles ?? null,
      options.topics ?? null,
      options.messageNames ?? null,
    ]);
    let key = this.keys.get(id);
    if (key === undefined) {
      key = this.createKey(unit, options);
      this.keys.set(id, key);
    }
    return key;
  }

  async ensureUnit(unit: string): Promise<void> {
    await this.query(
      `INSERT INTO units (code, e_identifier, name, level) VALUES ($1, $1, $2, 'agency') ON CONFLICT (code) DO NOTHING`,
      [unit, `Đơn vị thử nghiệm ${unit}`],
    );
  }

  private async signIn(username: string, unit: string, roles: readonly string[]): Promise<string> {
    await this.ensureUnit(unit);
    passwordHash ??= hash(TEST_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await this.query(
      `WITH u AS (INSERT INTO users (id, username, display_name, unit_code, password_hash)
                  VALUES (gen_random_uuid(), $1, $1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING id)
       INSERT INTO user_roles (user_id, role) SELECT u.id, unnest($4::text[]) FROM u`,
      [username, unit, await passwordHash, [...roles]],
    );
    const res = await fetch(`${this.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    const body = (await res.json()) as { accessToken?: string };
    if (!res.ok || typeof body.accessToken !== 'string') {
      throw new Error(`Test sign-in of ${username} failed: ${res.status} ${JSON.stringify(body)}`);
    }
    return body.accessToken;
  }

  private async createKey(unit: string, options: ApiKeyOptions): Promise<string> {
    await this.ensureUnit(unit);
    const prefix = randomBytes(4).toString('hex');
    const key = `lt_${prefix}_${randomBytes(32).toString('base64url')}`;
    await this.query(
      `INSERT INTO api_keys (id, name, prefix, secret_hash, unit_code, roles, topics, message_names, created_by, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 'test', now())`,
      [
        `Test system of ${unit}`,
        prefix,
        createHash('sha256').update(key).digest('hex'),
        unit,
        [...(options.roles ?? ['officer', 'reception'])],
        options.topics ?? null,
        options.messageNames ?? null,
      ],
    );
    return key;
  }
}
