/**
 * The demo province (Đồng Tháp after the 1 July 2025 reorganisation) and the former district whose
 * dossiers still run on the pre-reform process. Electronic identifiers follow the shape of the
 * national agency codes (QCVN 102:2016) but are illustrative [unverified]: a real deployment loads
 * its own from the province's register.
 */
export interface SeedUnit {
  code: string;
  eIdentifier: string;
  name: string;
  level: 'province' | 'district' | 'commune' | 'agency' | 'division';
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

const REFORM = '2025-07-01';
const DISTRICT_END = '2025-06-30';

export const DEMO_UNITS: SeedUnit[] = [
  {
    code: 'DTP',
    eIdentifier: '000.00.00.H20',
    name: 'Ủy ban nhân dân tỉnh Đồng Tháp',
    level: 'province',
    parentCode: null,
    validFrom: null,
    validTo: null,
  },
  {
    code: 'DTP-VP',
    eIdentifier: '000.00.01.H20',
    name: 'Văn phòng Ủy ban nhân dân tỉnh Đồng Tháp',
    level: 'division',
    parentCode: 'DTP',
    validFrom: null,
    validTo: null,
  },
  {
    code: 'DTP-TTHCC',
    eIdentifier: '000.00.02.H20',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp',
    level: 'agency',
    parentCode: 'DTP',
    validFrom: null,
    validTo: null,
  },
  {
    code: 'DTP-VPDK',
    eIdentifier: '000.10.30.H20',
    name: 'Văn phòng Đăng ký đất đai tỉnh Đồng Tháp',
    level: 'agency',
    parentCode: 'DTP',
    validFrom: null,
    validTo: null,
  },
  {
    code: 'DTP-VPDK-CL',
    eIdentifier: '000.11.30.H20',
    name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Cao Lãnh',
    level: 'agency',
    parentCode: 'DTP-VPDK',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'DTP-THUE-1',
    eIdentifier: '000.20.31.H20',
    name: 'Thuế cơ sở 1 tỉnh Đồng Tháp',
    level: 'agency',
    parentCode: 'DTP',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'DTP-BHXH',
    eIdentifier: '000.21.31.H20',
    name: 'Bảo hiểm xã hội tỉnh Đồng Tháp',
    level: 'agency',
    parentCode: 'DTP',
    validFrom: null,
    validTo: null,
  },
  {
    code: 'XMT',
    eIdentifier: '000.30.40.H20',
    name: 'Ủy ban nhân dân xã Mỹ Thọ',
    level: 'commune',
    parentCode: 'DTP',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XMT-TTHCC',
    eIdentifier: '000.31.40.H20',
    name: 'Trung tâm Phục vụ hành chính công xã Mỹ Thọ',
    level: 'agency',
    parentCode: 'XMT',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XMT-KT',
    eIdentifier: '000.32.40.H20',
    name: 'Phòng Kinh tế xã Mỹ Thọ',
    level: 'division',
    parentCode: 'XMT',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XMT-VP',
    eIdentifier: '000.33.40.H20',
    name: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Mỹ Thọ',
    level: 'division',
    parentCode: 'XMT',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XMT-UBND',
    eIdentifier: '000.34.40.H20',
    name: 'Lãnh đạo Ủy ban nhân dân xã Mỹ Thọ',
    level: 'division',
    parentCode: 'XMT',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XMT-CA',
    eIdentifier: '000.35.40.H20',
    name: 'Công an xã Mỹ Thọ',
    level: 'agency',
    parentCode: 'XMT',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XBT',
    eIdentifier: '000.30.41.H20',
    name: 'Ủy ban nhân dân xã Bình Thạnh',
    level: 'commune',
    parentCode: 'DTP',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XBT-TTHCC',
    eIdentifier: '000.31.41.H20',
    name: 'Trung tâm Phục vụ hành chính công xã Bình Thạnh',
    level: 'agency',
    parentCode: 'XBT',
    validFrom: REFORM,
    validTo: null,
  },
  {
    code: 'XBT-KT',
    eIdentifier: '000.32.41.H20',
    name: 'Phòng Kinh tế xã Bình Thạnh',
    level: 'division',
    parentCode: 'XBT',
    validFrom: REFORM,
    validTo: null,
  },
  // The former district of Cao Lãnh: retired at the reform; version 1 of tach-thua-dat names its units.
  {
    code: 'HCL',
    eIdentifier: '000.00.12.H20',
    name: 'Ủy ban nhân dân huyện Cao Lãnh',
    level: 'district',
    parentCode: 'DTP',
    validFrom: null,
    validTo: DISTRICT_END,
  },
  {
    code: 'HCL-MOTCUA',
    eIdentifier: '000.01.12.H20',
    name: 'Bộ phận Một cửa huyện Cao Lãnh',
    level: 'division',
    parentCode: 'HCL',
    validFrom: null,
    validTo: DISTRICT_END,
  },
  {
    code: 'HCL-TNMT',
    eIdentifier: '000.02.12.H20',
    name: 'Phòng Tài nguyên và Môi trường huyện Cao Lãnh',
    level: 'division',
    parentCode: 'HCL',
    validFrom: null,
    validTo: DISTRICT_END,
  },
  {
    code: 'HCL-UBND',
    eIdentifier: '000.03.12.H20',
    name: 'Lãnh đạo Ủy ban nhân dân huyện Cao Lãnh',
    level: 'division',
    parentCode: 'HCL',
    validFrom: null,
    validTo: DISTRICT_END,
  },
  {
    code: 'HCL-VPDK',
    eIdentifier: '000.04.12.H20',
    name: 'Chi nhánh Văn phòng Đăng ký đất đai huyện Cao Lãnh',
    level: 'agency',
    parentCode: 'DTP-VPDK',
    validFrom: null,
    validTo: DISTRICT_END,
  },
  {
    code: 'HCL-CCT',
    eIdentifier: '000.05.12.H20',
    name: 'Chi cục Thuế khu vực Cao Lãnh',
    level: 'agency',
    parentCode: 'DTP',
    validFrom: null,
    validTo: DISTRICT_END,
  },
];
