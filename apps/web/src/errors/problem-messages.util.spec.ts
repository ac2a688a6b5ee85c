import { ApiError, failureMessage } from '../api/problem.util';
import { GENERIC_ERROR, NETWORK_ERROR, problemMessage, problemSlug } from './problem-messages.util';

const type = (slug: string) => `https://lienthong.vn/problems/${slug}`;

describe('problemMessage: the engine’s problems in Vietnamese', () => {
  it('names a wrong user name or password by its code, whatever the detail says', () => {
    expect(
      problemMessage({
        type: type('unauthenticated'),
        status: 401,
        code: 'BAD_CREDENTIALS',
        detail: 'Tên đăng nhập hoặc mật khẩu không đúng (wrong user name or password).',
      }),
    ).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('tells how long to wait after too many sign-in attempts', () => {
    const detail = 'Quá nhiều lần đăng nhập: thử lại sau 42 giây (too many attempts; retry in 42 s).';
    expect(
      problemMessage({ type: type('too-many-login-attempts'), status: 429, code: 'RATE_LIMITED', detail }),
    ).toBe('Bạn đã thử quá nhiều lần. Vui lòng thử lại sau 42 giây.');
    expect(problemMessage({ type: type('too-many-requests'), status: 429 })).toBe(
      'Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút.',
    );
  });

  it('maps session problems to asking to sign in again', () => {
    expect(problemMessage({ type: type('unauthenticated'), status: 401, code: 'SESSION_REVOKED' })).toBe(
      'Phiên làm việc đã bị đăng xuất. Vui lòng đăng nhập lại.',
    );
    expect(problemMessage({ type: type('unauthenticated'), status: 401, code: 'NO_SESSION' })).toBe(
      'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
    );
  });

  it('says a supplement can no longer be asked once its working days after receipt have passed', () => {
    expect(
      problemMessage({
        type: type('supplement-too-late'),
        status: 422,
        code: 'supplement-too-late',
        detail: 'Dossier X was received on …: a supplement may be asked within 3 working days of receipt.',
      }),
    ).toMatch(/^Đã quá thời hạn yêu cầu bổ sung: .*kể từ ngày tiếp nhận/);
  });

  it('says a result was returned meanwhile when the desk returns it again', () => {
    expect(
      problemMessage({
        type: type('conflict'),
        status: 409,
        code: 'no-result-to-return',
        detail: 'Dossier X has no result waiting to be returned at the desk.',
      }),
    ).toBe(
      'Hồ sơ này không còn kết quả chờ trả tại Bộ phận Một cửa (có thể đồng nghiệp vừa trả). Danh sách đã được làm mới.',
    );
  });

  it('falls back to the slug of the type when the code is unknown', () => {
    expect(problemMessage({ type: type('forbidden'), status: 403, code: 'SOMETHING_NEW' })).toBe(
      'Bạn không có quyền thực hiện thao tác này.',
    );
    expect(problemMessage({ type: type('not-found'), status: 404, detail: 'Dossier x not found' })).toBe(
      'Không tìm thấy dữ liệu được yêu cầu.',
    );
  });

  it('shows the engine’s detail for a problem it does not know, and a general message without one', () => {
    const detail = 'Ngày hẹn mới phải sớm hơn hạn ít nhất một ngày làm việc.';
    expect(problemMessage({ type: type('extension-too-late'), status: 422, detail })).toBe(detail);
    expect(problemMessage({ type: type('extension-too-late'), status: 422, detail: '  ' })).toBe(
      GENERIC_ERROR,
    );
    expect(problemMessage({})).toBe(GENERIC_ERROR);
  });

  it('never shows a server error’s detail, and says when the server could not be reached', () => {
    expect(problemMessage({ type: type('weird'), status: 502, detail: 'upstream connect error' })).toBe(
      'Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.',
    );
    expect(problemMessage(null)).toBe(NETWORK_ERROR);
  });

  it('reads slugs only from the engine’s problem types', () => {
    expect(problemSlug(type('version-conflict'))).toBe('version-conflict');
    expect(problemSlug('about:blank')).toBeUndefined();
    expect(problemSlug(undefined)).toBeUndefined();
  });
});

describe('problemMessage: refusals of a step', () => {
  it('explains a step already handled by a colleague, and a form not filled in correctly', () => {
    expect(
      problemMessage({
        type: type('conflict'),
        status: 409,
        code: 'task-not-active',
        detail: 'Task x is completed',
      }),
    ).toBe('Bước này đã được đồng nghiệp xử lý hoặc không còn chờ xử lý. Danh sách đã được làm mới.');
    expect(problemMessage({ type: type('unprocessable-entity'), status: 422, code: 'form-invalid' })).toBe(
      'Biểu mẫu chưa được điền đúng. Vui lòng xem lại các ô được đánh dấu.',
    );
    expect(problemMessage({ type: type('forbidden'), status: 403, code: 'OTHER_UNIT' })).toBe(
      'Hồ sơ của thủ tục này do Bộ phận Một cửa của đơn vị khác tiếp nhận, không phải đơn vị của bạn.',
    );
    expect(problemMessage({ type: type('conflict'), status: 409, code: 'task-claimed' })).toBe(
      'Bước này đã có cán bộ khác nhận xử lý.',
    );
  });
});

describe('failureMessage: what a failed call tells the person', () => {
  it('says the engine’s refusal, or that no answer came', () => {
    expect(failureMessage(new ApiError({ status: 409, code: 'task-claimed' }, 409))).toBe(
      'Bước này đã có cán bộ khác nhận xử lý.',
    );
    expect(failureMessage(new TypeError('Failed to fetch'))).toBe(NETWORK_ERROR);
    expect(failureMessage(new Error('x'))).toBe(GENERIC_ERROR);
  });
});
