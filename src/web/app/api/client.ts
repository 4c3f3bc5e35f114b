/** The one way the web UI talks to the Stride API: JSON, same-origin cookies, CSRF header on writes, typed errors. */

export type ApiErrorDetail = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const API_BASE = '/api/v1';
const CSRF_COOKIE = 'stride_csrf';

let knownCsrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** Remembers the token from login or /auth/me, in case the cookie is not readable (it normally is). */
export function setCsrfToken(token: string | null) {
  knownCsrfToken = token;
}

/** Called on any 401 from a signed-in request, so the app can send the user to the sign-in page. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

/** The session's CSRF token, for requests made outside `apiRequest` (file uploads). */
export function csrfToken(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(CSRF_COOKIE.length + 1)) : knownCsrfToken;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type RequestOptions = { method?: string; body?: unknown; headers?: Record<string, string>; query?: Query };

export type ApiResponse<T> = { data: T; etag: string | null };

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  const response = await fetch(API_BASE + withQuery(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const payload = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null)?.error;
    const apiError = new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
      error?.details ?? [],
    );
    // The sign-in call answers 401 for a wrong password; that is not a lost session.
    if (response.status === 401 && !path.startsWith('/auth/login')) onUnauthorized();
    throw apiError;
  }
  return { data: payload as T, etag: response.headers.get('ETag') };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: async <T>(path: string, query?: Query) => (await apiRequest<T>(path, { query })).data,
  post: async <T>(path: string, body?: unknown) => (await apiRequest<T>(path, { method: 'POST', body })).data,
  patch: async <T>(path: string, body: unknown, version?: number) =>
    (await apiRequest<T>(path, { method: 'PATCH', body, headers: version === undefined ? {} : { 'If-Match': `"${version}"` } }))
      .data,
  delete: async (path: string) => {
    await apiRequest<null>(path, { method: 'DELETE' });
  },
};

export type Page<T> = { data: T[]; nextCursor: string | null };
