import type { Role } from './auth.dto';
import type { PageQueryDto } from './page.dto';

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  active: boolean;
  /** Signs in through OpenID Connect. */
  oidc: boolean;
  createdAt: string;
}

export interface UserListQueryDto extends PageQueryDto {
  unit?: string;
  role?: Role;
  /** Only active (true) or disabled (false) accounts. */
  active?: boolean;
}

export interface CreateUserDto {
  username: string;
  displayName: string;
  unitCode: string;
  roles: Role[];
  /** At least 8 characters; omitted for an OpenID Connect-only account. */
  password?: string;
}

export interface UpdateUserDto {
  displayName?: string;
  unitCode?: string;
  roles?: Role[];
  active?: boolean;
  password?: string;
}

/** The roles an API key may hold (an agency system acts at a desk or on steps, never administers). */
export type ApiKeyRole = Extract<Role, 'reception' | 'officer' | 'leader'>;

export interface ApiKeyDto {
  id: string;
  name: string;
  /** Shown in lists to tell keys apart; the key starts `lt_<prefix>_`. */
  prefix: string;
  unitCode: string;
  roles: ApiKeyRole[];
  topics: string[] | null;
  messageNames: string[] | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedApiKeyDto extends ApiKeyDto {
  /** The key itself: shown once. */
  key: string;
}

export interface CreateApiKeyDto {
  name: string;
  unitCode: string;
  roles?: ApiKeyRole[];
  topics?: string[];
  messageNames?: string[];
  expiresAt?: string;
}

export interface ApiKeyListQueryDto extends PageQueryDto {
  unit?: string;
}
