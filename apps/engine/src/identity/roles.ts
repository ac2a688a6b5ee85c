/**
 * The roles a person can hold in their unit (see README, "People, units and rights"):
 * - `admin`: units, users, API keys, the official calendar, the audit log (no dossier data);
 * - `designer`: drafts process definitions;
 * - `publisher`: the office of the People's Committee, publishes and retires definitions;
 * - `reception`: one-stop desk, receives and returns dossiers of its unit;
 * - `officer`: handles the steps of its unit whose candidate role is `officer`;
 * - `leader`: signs (steps whose candidate role is `leader`), sees and reassigns every step of the unit.
 */
export const ROLES = ['admin', 'designer', 'publisher', 'reception', 'officer', 'leader'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an admin may give an API key (an agency system acts at a desk or on steps, never administers). */
export const API_KEY_ROLES = ['reception', 'officer', 'leader'] as const satisfies readonly Role[];

export const ROLE_NAMES_VI: Readonly<Record<Role, string>> = {
  admin: 'Quản trị hệ thống',
  designer: 'Thiết kế quy trình',
  publisher: 'Ban hành quy trình (Văn phòng UBND)',
  reception: 'Tiếp nhận và trả kết quả (Một cửa)',
  officer: 'Chuyên viên xử lý',
  leader: 'Lãnh đạo',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
