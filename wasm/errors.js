// Errors carry InfluxDB's error code (`invalid`, `unauthorized`, `not found`, ...) and the
// HTTP status the API answered with, so callers can branch on either.

export class TidewaterError extends Error {
  constructor(message, { code = 'internal error', status = 500 } = {}) {
    super(message);
    this.name = 'TidewaterError';
    this.code = code;
    this.status = status;
  }
}

function subclass(name, code) {
  return class extends TidewaterError {
    constructor(message, { status } = {}) {
      super(message, { code, status });
      this.name = name;
    }
  };
}

export const InvalidError = subclass('InvalidError', 'invalid');
export const UnauthorizedError = subclass('UnauthorizedError', 'unauthorized');
export const ForbiddenError = subclass('ForbiddenError', 'forbidden');
export const NotFoundError = subclass('NotFoundError', 'not found');
export const MethodNotAllowedError = subclass('MethodNotAllowedError', 'method not allowed');
export const ConflictError = subclass('ConflictError', 'conflict');
export const RequestTooLargeError = subclass('RequestTooLargeError', 'request too large');
export const UnprocessableEntityError = subclass('UnprocessableEntityError', 'unprocessable entity');
export const UnavailableError = subclass('UnavailableError', 'unavailable');
export const InternalError = subclass('InternalError', 'internal error');

// The browser refused to store data (IndexedDB quota exceeded, disk full): nothing of the
// failed request is durable; everything acknowledged before it is. Status 507 Insufficient
// Storage, code 'unavailable' (InfluxDB's code for a service that cannot take writes now).
export class StorageFullError extends UnavailableError {
  constructor(message, { status = 507 } = {}) {
    super(message, { status });
    this.name = 'StorageFullError';
  }
}

// A query stopped before it finished: its AbortSignal fired (reason 'aborted') or its timeout
// passed (reason 'timeout'). The engine stops evaluating it (the Flux interpreter polls an
// interrupt flag) and nothing of it is kept. Code 'unavailable', status 503: InfluxDB's answer
// for a query it will not complete now.
export class QueryCanceledError extends UnavailableError {
  constructor(message, { status = 503, reason = 'aborted' } = {}) {
    super(message, { status });
    this.name = 'QueryCanceledError';
    this.reason = reason;
  }
}

const byCode = new Map(
  [InvalidError, UnauthorizedError, ForbiddenError, NotFoundError, MethodNotAllowedError, ConflictError,
    RequestTooLargeError, UnprocessableEntityError, UnavailableError, InternalError].map((C) => [new C('').code, C]),
);

// Builds the error for an API answer with status >= 300 and an InfluxDB error body.
export function errorFromResponse(status, body) {
  let code = 'internal error';
  let message = `request failed with status ${status}`;
  try {
    const parsed = JSON.parse(body);
    if (parsed && typeof parsed.code === 'string') code = parsed.code;
    if (parsed && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    if (body) message = body;
  }
  const Cls = byCode.get(code) ?? TidewaterError;
  return Cls === TidewaterError ? new TidewaterError(message, { code, status }) : new Cls(message, { status });
}

// Errors cross the worker boundary as plain objects; this turns them back into classes.
export function serializeError(err) {
  return { name: err?.name, message: String(err?.message ?? err), code: err?.code, status: err?.status, reason: err?.reason };
}

export function deserializeError(e) {
  if (e.name === 'StorageFullError') return new StorageFullError(e.message, { status: e.status });
  if (e.name === 'QueryCanceledError') return new QueryCanceledError(e.message, { status: e.status, reason: e.reason });
  const Cls = byCode.get(e.code);
  return Cls ? new Cls(e.message, { status: e.status }) : new TidewaterError(e.message, { code: e.code, status: e.status });
}
