/** The roles a person can hold in their unit (README, "People, units and rights"). */
export type Role = 'admin' | 'designer' | 'publisher' | 'reception' | 'officer' | 'leader';

/** Đăng nhập: sign-in with a user name and password. */
export interface LoginDto {
  username: string;
  password: string;
}

export interface RefreshDto {
  /** The refresh token of the last sign-in or refresh (single use: it rotates). */
  refreshToken: string;
}

export interface UnitRefDto {
  code: string;
  name: string | null;
}

export interface SignedInUserDto {
  id: string;
  username: string;
  displayName: string;
  unit: UnitRefDto;
  roles: Role[];
}

/** A new session: a short-lived access token (JWT) and a single-use refresh token. */
export interface SignedInDto {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  user: SignedInUserDto;
}

/** Who the caller is: a person or an agency system's API key, their unit and roles. */
export interface PrincipalDto {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  displayName: string;
  unit: UnitRefDto;
  roles: Role[];
  /** API keys: the topics it may work on (null: every topic of the unit). */
  topics?: string[] | null;
  /** API keys: the messages it may send (null: every message). */
  messageNames?: string[] | null;
}
