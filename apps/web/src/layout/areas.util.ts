/** The app's areas and who sees them (the engine enforces the rights; the menu only follows them). */
export type AreaKey = 'inbox' | 'leader' | 'desk' | 'designer' | 'statistics' | 'admin';

export interface Area {
  readonly key: AreaKey;
  readonly path: string;
  readonly label: string;
  readonly roles: readonly string[];
}

export const AREAS: readonly Area[] = [
  { key: 'inbox', path: '/hop-viec', label: 'Hộp việc', roles: ['officer', 'leader'] },
  { key: 'leader', path: '/lanh-dao', label: 'Theo dõi đơn vị', roles: ['leader'] },
  { key: 'desk', path: '/mot-cua', label: 'Một cửa', roles: ['reception'] },
  { key: 'designer', path: '/thiet-ke', label: 'Thiết kế quy trình', roles: ['designer', 'publisher'] },
  // leaders for their unit and below, the province's office (publishers) for every unit
  { key: 'statistics', path: '/thong-ke', label: 'Thống kê', roles: ['leader', 'publisher'] },
  { key: 'admin', path: '/quan-tri', label: 'Quản trị hệ thống', roles: ['admin'] },
];

/** The areas a person with these roles sees, in menu order. */
export function areasFor(roles: readonly string[]): Area[] {
  return AREAS.filter((area) => area.roles.some((role) => roles.includes(role)));
}

/** The area a URL path belongs to, if any. */
export function areaOfPath(path: string): Area | undefined {
  return AREAS.find((area) => path === area.path || path.startsWith(`${area.path}/`));
}

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  admin: 'Quản trị',
  designer: 'Thiết kế quy trình',
  publisher: 'Ban hành quy trình',
  reception: 'Tiếp nhận',
  officer: 'Chuyên viên',
  leader: 'Lãnh đạo',
};
