import type { Transport } from '@influxdata/influxdb-client';
import type { Tidewater } from './index.js';

/** A Transport for `new InfluxDB({ url, transport })` answering from an in-process database. */
export declare function createTransport(db: Tidewater, options: { token?: string }): Transport;
