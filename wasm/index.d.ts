// Types of Tidewater's JavaScript API (wasm/index.js).

export type Storage = 'memory' | 'indexeddb' | { directory: string };

export interface OpenOptions {
  /** Database name: letters, digits, '.', '_' and '-'. Default 'tidewater'. */
  name?: string;
  /** Where data lives. Default 'memory'. */
  storage?: Storage;
  /** Run the engine in a Worker (default: true in browsers, false in Node). */
  worker?: boolean;
  /**
   * With storage 'indexeddb' in browsers: how the tabs of a profile share one engine.
   * 'auto' (default): 'shared-worker' where the browser has SharedWorker, else 'web-locks'.
   * 'web-locks': a tab elected with navigator.locks owns it; the others forward over BroadcastChannel
   * and one of them takes over when the owner's tab closes.
   * 'none': this context opens the files itself (waits while another engine holds them).
   */
  owner?: 'auto' | 'shared-worker' | 'web-locks' | 'none';
  /** Bytes of tables one Flux query may hold; past it the query fails (InvalidError). Default 1 GiB. */
  queryMemoryBytes?: number;
}

export type Ownership = 'shared-worker' | 'web-locks' | 'none';

export interface SetupOptions {
  username: string;
  password?: string;
  org: string;
  bucket: string;
  /** 0 or absent keeps data forever. */
  retentionPeriodSeconds?: number;
  /** Use this operator token instead of a generated one. */
  token?: string;
}

export interface SetupResult {
  /** The operator token's secret. It is shown once: store it. */
  token: string;
  orgID: string;
  bucketID: string;
  userID: string;
}

export interface WriteOptions {
  org?: string;
  orgID?: string;
  bucket: string;
  precision?: 'ns' | 'us' | 'ms' | 's';
}

export interface QueryOptions {
  org?: string;
  orgID?: string;
  /** RFC3339 time used as now() by the query. */
  now?: string;
  /** Stops the query when it fires: the promise rejects with QueryCanceledError (reason 'aborted'). */
  signal?: AbortSignal;
  /** Milliseconds; past it the query stops with QueryCanceledError (reason 'timeout'). */
  timeout?: number;
}

export interface ApiResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** A row of a query result, typed as the official client's collectRows() types it. */
export type Row = Record<string, string | number | boolean | null>;

export interface BackupOptions {
  /** gzip the file (Tidewater.restore detects it). Default false. */
  gzip?: boolean;
}

export interface RestoreOptions {
  /** With storage 'indexeddb': the database's name. Default 'tidewater'. */
  name?: string;
  /** Where to restore: { directory } (Node) or 'indexeddb'. */
  storage: 'indexeddb' | { directory: string };
  /** Replace a database that has data (it must not be open). Default false: ConflictError. */
  replace?: boolean;
}

export interface RestoreResult {
  /** Files written. */
  files: number;
  /** Bytes of file data written. */
  bytes: number;
  /** When the backup was taken (Unix milliseconds). */
  createdMs: number;
}

export declare class Tidewater {
  static open(options?: OpenOptions): Promise<Tidewater>;
  /**
   * Restores db.backup()'s file into a database that is not open. The whole file is checked
   * first: a damaged one rejects with InvalidError and writes nothing.
   */
  static restore(backup: Uint8Array | ArrayBuffer | Blob, options: RestoreOptions): Promise<RestoreResult>;
  /**
   * The whole database (catalog, users, hashed tokens, dashboards, tasks, checks, every point)
   * as one file. Needs the operator token (else UnauthorizedError).
   */
  backup(operatorToken: string, options?: BackupOptions): Promise<Uint8Array>;
  /** How this database is shared in the profile ('none' for memory, directories and Node). */
  readonly ownership: Ownership;
  setup(options: SetupOptions): Promise<SetupResult>;
  /** Resolves once the points are durable (in IndexedDB: after the sync that holds them). */
  write(token: string, options: WriteOptions, lineProtocol: string | Uint8Array): Promise<void>;
  query(token: string, options: QueryOptions, flux: string): Promise<Row[]>;
  queryCSV(token: string, options: QueryOptions, flux: string): Promise<string>;
  /** The InfluxDB HTTP API in process: e.g. request('GET', '/api/v2/setup'). */
  request(method: string, target: string, headers?: Array<[string, string]>, body?: string | Uint8Array): Promise<ApiResponse>;
  /** The InfluxDB HTTP API behind the standard fetch signature (paths like '/api/v2/buckets'). */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  flush(): Promise<void>;
  close(): Promise<void>;
}
export default Tidewater;

export declare class TidewaterError extends Error {
  constructor(message: string, options?: { code?: string; status?: number });
  /** InfluxDB's error code: 'invalid', 'unauthorized', 'not found', ... */
  code: string;
  /** The HTTP status the API answered with. */
  status: number;
}
export declare class InvalidError extends TidewaterError {}
export declare class UnauthorizedError extends TidewaterError {}
export declare class ForbiddenError extends TidewaterError {}
export declare class NotFoundError extends TidewaterError {}
export declare class MethodNotAllowedError extends TidewaterError {}
export declare class ConflictError extends TidewaterError {}
export declare class RequestTooLargeError extends TidewaterError {}
export declare class UnprocessableEntityError extends TidewaterError {}
export declare class UnavailableError extends TidewaterError {}
export declare class InternalError extends TidewaterError {}
/**
 * IndexedDB refused the write (quota exceeded): code 'unavailable', status 507. The write is not
 * durable; everything acknowledged before it is. Its points stay in memory and are stored by the
 * next sync that succeeds, so writing again once there is space is safe.
 */
export declare class StorageFullError extends UnavailableError {}
/** A query stopped by its AbortSignal or its timeout: code 'unavailable', status 503. */
export declare class QueryCanceledError extends UnavailableError {
  readonly reason: 'aborted' | 'timeout';
}

export declare function errorFromResponse(status: number, body: string): TidewaterError;
export declare function annotatedCsvToRows(csv: string): Row[];
