/**
 * What the officer reads when the engine refuses: the engine's RFC 7807 problems mapped to Vietnamese,
 * by their `code` first, then by the slug of their `type`, then by status; an unknown problem shows
 * its `detail` (the engine writes many in Vietnamese), and failing that a general message.
 */

/** The parts of a problem the mapping reads (ProblemDetails of the API). */
export interface ProblemLike {
  readonly type?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly code?: string;
  /** Invalid inputs: the dotted path of each (`variables.result`) and its message, in Vietnamese when the engine has one. */
  readonly errors?: readonly ProblemFieldErrorLike[];
}

/** One invalid input of a validation problem. */
export interface ProblemFieldErrorLike {
  readonly path?: string;
  readonly message: string;
  readonly messageVi?: string;
}

const TYPE_BASE = 'https://lienthong.vn/problems/';

export const GENERIC_ERROR = 'Đã có lỗi xảy ra. Vui lòng thử lại.';
export const NETWORK_ERROR = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.';

const BY_CODE: Readonly<Record<string, string>> = {
  BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  OIDC_ONLY: 'Đăng nhập bằng mật khẩu đã bị tắt: vui lòng đăng nhập qua hệ thống định danh của tỉnh.',
  NO_SESSION: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
  BAD_REFRESH_TOKEN: 'Phiên làm việc đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.',
  SESSION_REVOKED: 'Phiên làm việc đã bị đăng xuất. Vui lòng đăng nhập lại.',
  TOKEN_EXPIRED: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  BAD_TOKEN: 'Phiên làm việc không hợp lệ. Vui lòng đăng nhập lại.',
  UNAUTHENTICATED: 'Bạn cần đăng nhập để tiếp tục.',
  CSRF_HEADER_MISSING: 'Yêu cầu bị từ chối vì lý do an toàn. Vui lòng tải lại trang.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  OTHER_UNIT:
    'Hồ sơ của thủ tục này do Bộ phận Một cửa của đơn vị khác tiếp nhận, không phải đơn vị của bạn.',
  ASSIGNED_TO_OTHER: 'Bước này đã được giao cho cán bộ khác. Nếu cần, đề nghị lãnh đạo đơn vị phân công lại.',
  'task-not-active':
    'Bước này đã được đồng nghiệp xử lý hoặc không còn chờ xử lý. Danh sách đã được làm mới.',
  'task-claimed': 'Bước này đã có cán bộ khác nhận xử lý.',
  'form-invalid': 'Biểu mẫu chưa được điền đúng. Vui lòng xem lại các ô được đánh dấu.',
  'not-published': 'Thủ tục này chưa có phiên bản được ban hành nên chưa tiếp nhận được hồ sơ.',
  'no-result-to-return':
    'Hồ sơ này không còn kết quả chờ trả tại Bộ phận Một cửa (có thể đồng nghiệp vừa trả). Danh sách đã được làm mới.',
  'target-not-published': 'Chỉ chuyển được hồ sơ sang phiên bản đã ban hành.',
  'decision-incomplete': 'Cần nhập đủ số và ngày của quyết định công bố.',
  'effective-date-past': 'Ngày có hiệu lực phải từ hôm nay trở đi.',
  'decision-after-effect': 'Ngày quyết định công bố không được sau ngày có hiệu lực.',
  'supplement-pending':
    'Hồ sơ đang chờ công dân bổ sung theo yêu cầu trước: chỉ hướng dẫn bổ sung một lần, yêu cầu mới chỉ được gửi sau khi đã nhận đủ hồ sơ bổ sung.',
  'no-supplement-pending': 'Hồ sơ không có yêu cầu bổ sung nào đang chờ.',
  'supplement-too-late':
    'Đã quá thời hạn yêu cầu bổ sung: chỉ được yêu cầu bổ sung hồ sơ trong thời hạn quy định kể từ ngày tiếp nhận (3 ngày làm việc theo Nghị định 61/2018, hoặc theo quy định của tỉnh). Hồ sơ được giải quyết theo thành phần đã tiếp nhận.',
  'send-back-target-invalid':
    'Không thể trả hồ sơ về bước đã chọn: chỉ trả về được bước trước mà hồ sơ đã đi qua, trên cùng nhánh xử lý.',
  'send-back-refused':
    'Không thể trả hồ sơ về bước đã chọn: chỉ trả về được bước trước mà hồ sơ đã đi qua, trên cùng nhánh xử lý.',
  'already-paused': 'Thời hạn của hồ sơ đã được tạm dừng từ trước.',
  'not-paused':
    'Thời hạn của hồ sơ không do cán bộ tạm dừng nên không thể tiếp tục tại đây (hồ sơ chờ bổ sung tiếp tục khi ghi nhận đã nhận đủ hồ sơ bổ sung).',
  'assignee-not-in-unit': 'Cán bộ được chọn không thuộc đơn vị xử lý bước này hoặc đã bị khóa tài khoản.',
  'dossier-finished': 'Hồ sơ đã kết thúc, không thể thực hiện thao tác này.',
  'concurrent-change': 'Hồ sơ đang được người khác cập nhật. Vui lòng thử lại.',
  ROLE_REQUIRED: 'Bạn không có vai trò cần thiết để thực hiện thao tác này.',
  'saved-filter-name-taken': 'Bạn đã có một bộ lọc mang tên này. Vui lòng chọn tên khác.',
};

const BY_SLUG: Readonly<Record<string, string>> = {
  unauthenticated: 'Bạn cần đăng nhập để tiếp tục.',
  unauthorized: 'Bạn cần đăng nhập để tiếp tục.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  'not-found': 'Không tìm thấy dữ liệu được yêu cầu.',
  'invalid-cursor': 'Danh sách đã thay đổi. Vui lòng tải lại trang.',
  'version-conflict': 'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.',
  'task-claimed': 'Bước này đã có cán bộ khác nhận xử lý.',
  'payload-too-large': 'Dữ liệu gửi lên quá lớn.',
  'service-unavailable': 'Hệ thống đang tạm ngưng phục vụ. Vui lòng thử lại sau ít phút.',
  'internal-error': 'Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.',
};

/** The slug of a problem type (`https://lienthong.vn/problems/forbidden` → `forbidden`). */
export function problemSlug(type: string | undefined): string | undefined {
  if (type === undefined || !type.startsWith(TYPE_BASE)) return undefined;
  return type.slice(TYPE_BASE.length) || undefined;
}

/** Seconds to wait, from a rate-limit problem's detail ("… thử lại sau 42 giây …"). */
function retrySeconds(detail: string | undefined): number | undefined {
  const match = /(\d+)\s*(?:giây|s\b)/.exec(detail ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The Vietnamese message for a problem (or a failed request without one: `null`). */
export function problemMessage(problem: ProblemLike | null | undefined): string {
  if (problem === null || problem === undefined) return NETWORK_ERROR;
  const slug = problemSlug(problem.type);
  if (problem.code === 'RATE_LIMITED' || slug === 'too-many-login-attempts' || slug === 'too-many-requests') {
    const seconds = retrySeconds(problem.detail);
    return seconds === undefined
      ? 'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút.'
      : `Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ${seconds} giây.`;
  }
  const byCode = problem.code === undefined ? undefined : BY_CODE[problem.code];
  if (byCode !== undefined) return byCode;
  const bySlug = slug === undefined ? undefined : BY_SLUG[slug];
  if (bySlug !== undefined) return bySlug;
  if (problem.status !== undefined && problem.status >= 500) return BY_SLUG['internal-error']!;
  const detail = problem.detail?.trim();
  return detail ? detail : GENERIC_ERROR;
}
