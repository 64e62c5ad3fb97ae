// A Transport for the official client (@influxdata/influxdb-client) that answers in process:
//
//   import { InfluxDB } from '@influxdata/influxdb-client';
//   import { createTransport } from 'tidewater/transport';
//   const influx = new InfluxDB({ url: 'http://tidewater.local', transport: createTransport(db, { token }) });
//
// The client does not hand its token to a custom transport, so the transport takes it itself.
import { HttpError, createTextDecoderCombiner } from '@influxdata/influxdb-client';

function headersObject(response) {
  const out = {};
  response.headers.forEach((v, k) => { out[k] = v; });
  return out;
}

export function createTransport(db, { token } = {}) {
  async function call(path, body, options = {}) {
    const headers = { ...(options.headers ?? {}) };
    if (token && !Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) {
      headers.authorization = `Token ${token}`;
    }
    let payload = body;
    if (payload !== undefined && payload !== null && typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
      payload = JSON.stringify(payload);  // the -apis classes pass objects
    }
    const method = options.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD' && payload !== '' && payload !== undefined;
    if (options.signal?.aborted) throw new Error('request aborted');
    return db.fetch(path, { method, headers, body: hasBody ? payload : undefined });
  }

  async function failed(response) {
    // With no explicit message, HttpError parses the JSON body itself (message, code, json).
    return new HttpError(response.status, response.statusText, await response.text(), response.headers.get('retry-after'),
      response.headers.get('content-type'), undefined, headersObject(response));
  }

  return {
    chunkCombiner: createTextDecoderCombiner(),

    send(path, body, options, callbacks = {}) {
      (async () => {
        const response = await call(path, body, options);
        callbacks.responseStarted?.(headersObject(response), response.status);
        if (response.status >= 300) throw await failed(response);
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.length) callbacks.next?.(bytes);
        callbacks.complete?.();
      })().catch((err) => callbacks.error?.(err));
    },

    async request(path, body, options, responseStarted) {
      const response = await call(path, body, options);
      responseStarted?.(headersObject(response), response.status);
      if (response.status >= 300) throw await failed(response);
      const type = response.headers.get('content-type') ?? '';
      const text = await response.text();
      if (type.includes('json')) return text ? JSON.parse(text) : undefined;
      return text;
    },

    async *iterate(path, body, options) {
      const response = await call(path, body, options);
      if (response.status >= 300) throw await failed(response);
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length) yield bytes;
    },
  };
}
