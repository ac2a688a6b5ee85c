import type { Role } from './roles';

export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly unitCode: string;
  readonly roles: readonly Role[];
}

/**
 * The demo seed's people (password: DEMO_PASSWORD, default `demo`), one per kind of work in the demo
 * province (see demo-units.ts and processes/). Listed in the README; never created in production mode.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', unitCode: 'DTP-VP', roles: ['admin'] },
  { username: 'thietke', displayName: 'Phạm Minh Tuấn', unitCode: 'DTP-VP', roles: ['designer'] },
  { username: 'banhanh', displayName: 'Hoàng Thị Mai', unitCode: 'DTP-VP', roles: ['publisher', 'designer'] },
  { username: 'tiepnhan', displayName: 'Nguyễn Thị Lan', unitCode: 'DTP-TTHCC', roles: ['reception'] },
  { username: 'ld.tthcc', displayName: 'Trần Quốc Bảo', unitCode: 'DTP-TTHCC', roles: ['leader'] },
  { username: 'cv.vpdk', displayName: 'Lê Văn Hùng', unitCode: 'DTP-VPDK-CL', roles: ['officer'] },
  { username: 'cv2.vpdk', displayName: 'Đặng Thu Trang', unitCode: 'DTP-VPDK-CL', roles: ['officer'] },
  { username: 'ld.vpdk', displayName: 'Võ Thanh Sơn', unitCode: 'DTP-VPDK-CL', roles: ['leader'] },
  { username: 'cv.thue', displayName: 'Bùi Ngọc Ánh', unitCode: 'DTP-THUE-1', roles: ['officer'] },
  { username: 'ld.thue', displayName: 'Huỳnh Văn Phúc', unitCode: 'DTP-THUE-1', roles: ['leader'] },
  { username: 'tiepnhan.mytho', displayName: 'Ngô Thị Hạnh', unitCode: 'XMT-TTHCC', roles: ['reception'] },
  { username: 'cv.mytho', displayName: 'Phan Văn Lợi', unitCode: 'XMT-VP', roles: ['officer'] },
  { username: 'ld.mytho', displayName: 'Dương Thị Kim', unitCode: 'XMT-UBND', roles: ['leader'] },
  { username: 'cv.caomytho', displayName: 'Lý Văn Nam', unitCode: 'XMT-CA', roles: ['officer'] },
  // The former district (retired 30 June 2025), whose units version 1 of tach-thua-dat names.
  { username: 'tiepnhan.hcl', displayName: 'Mai Thị Thu', unitCode: 'HCL-MOTCUA', roles: ['reception'] },
  { username: 'cv.hcl', displayName: 'Tô Văn Đức', unitCode: 'HCL-VPDK', roles: ['officer'] },
  { username: 'cv.tnmt.hcl', displayName: 'Châu Thị Ngọc', unitCode: 'HCL-TNMT', roles: ['officer'] },
  { username: 'ld.hcl', displayName: 'Lâm Quang Vinh', unitCode: 'HCL-UBND', roles: ['leader'] },
];
