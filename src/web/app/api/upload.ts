import { ApiError, type ApiErrorDetail, csrfToken } from './client.js';

/**
 * Multipart upload of one file with the session's CSRF token; errors come back as the ApiError the rest of the UI
 * handles. fetch() cannot report upload progress, so this uses XMLHttpRequest.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  opts: { fields?: Record<string, string>; onProgress?: (fraction: number) => void; csrfFallback?: string | null } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(opts.fields ?? {})) form.append(name, value);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const token = csrfToken() ?? opts.csrfFallback ?? null;
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    if (opts.onProgress) {
      const report = opts.onProgress;
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) report(e.loaded / e.total);
      };
    }
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const error = (body as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null)?.error;
      reject(
        new ApiError(xhr.status, error?.code ?? `http_${xhr.status}`, error?.message ?? xhr.statusText, error?.details ?? []),
      );
    };
    xhr.send(form);
  });
}
