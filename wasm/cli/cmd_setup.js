// `setup`, `ping`, `serve` and the named connection configs (`config create|list|set|rm`).
import { api, withConnection } from './connection.js';
import { loadConfigs, saveConfigs } from './config_store.js';
import { UsageError } from './args.js';
import { CONN, durationSeconds, printTable, required } from './common.js';

export const setupCommands = {
  setup: {
    help: 'Set up the database: first user, org, bucket and operator token; saves a config',
    flags: { ...CONN, username: { alias: 'u' }, password: { alias: 'p' }, bucket: { alias: 'b' },
      retention: { alias: 'r', help: 'e.g. 72h; 0 keeps data forever' }, force: { alias: 'f', boolean: true },
      name: { alias: 'n', help: 'config name (default "default")' } },
    run({ flags, out }) {
      return withConnection(flags, async (conn, creds) => {
        const res = await api(conn, creds, 'POST', '/api/v2/setup', { auth: false, body: {
          username: flags.username, password: flags.password, org: flags.org, bucket: flags.bucket,
          retentionPeriodSeconds: durationSeconds(flags.retention), token: flags.token } });
        const configs = loadConfigs();
        for (const c of Object.values(configs)) c.active = false;
        const name = flags.name ?? 'default';
        configs[name] = { name, url: creds.dir ? undefined : creds.host ?? 'http://127.0.0.1:8086',
          dir: creds.dir, org: res.org.name, token: res.auth.token, active: true };
        saveConfigs(configs);
        out(printTable([res], [['User', (r) => r.user.name], ['Organization', (r) => r.org.name], ['Bucket', (r) => r.bucket.name]]));
      });
    },
  },

  ping: {
    help: 'Check that the server answers',
    flags: CONN,
    run({ flags, out }) {
      return withConnection(flags, async (conn) => {
        const res = await conn.fetch('/ping');
        if (res.status !== 204) throw new Error(`ping failed with status ${res.status}`);
        out('OK\n');
      });
    },
  },

  serve: {
    help: 'Serve the InfluxDB HTTP API on 127.0.0.1:8086 from a data directory',
    flags: { dir: { help: 'data directory (default ./.tidewater)' }, host: { help: 'address to listen on' },
      port: {}, 'allowed-origins': { help: 'comma-separated CORS origins (default *)' } },
    async run({ flags, out }) {
      const { Tidewater } = await import('../index.js');
      const { serve } = await import('../server.js');
      const dir = flags.dir ?? process.env.TIDEWATER_DIR ?? '.tidewater';
      const db = await Tidewater.open({ name: 'serve', storage: { directory: dir } });
      const { url, shutdown } = await serve(db, { host: flags.host ?? '127.0.0.1',
        port: flags.port !== undefined ? Number(flags.port) : 8086, allowedOrigins: (flags['allowed-origins'] ?? '*').split(',') });
      out(`Tidewater API listening on ${url} (data in ${dir})\n`);
      await new Promise((resolve) => { for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, resolve); });
      await shutdown();
    },
  },

  'config create': {
    help: 'Save a named connection config',
    flags: { 'config-name': { alias: 'n' }, 'host-url': { alias: 'u' }, org: { alias: 'o' }, token: { alias: 't' },
      dir: {}, active: { alias: 'a', boolean: true } },
    async run({ flags, out }) {
      required(flags, 'config-name');
      const name = flags['config-name'];
      const configs = loadConfigs();
      if (configs[name]) throw new UsageError(`config "${name}" already exists`);
      if (flags.active) for (const c of Object.values(configs)) c.active = false;
      configs[name] = { name, url: flags['host-url'], dir: flags.dir, org: flags.org, token: flags.token, active: !!flags.active };
      saveConfigs(configs);
      out(`${name}\t${flags['host-url'] ?? flags.dir ?? ''}\t${flags.org ?? ''}\n`);
    },
  },
  'config list': {
    help: 'List the saved configs (tokens are not shown)',
    flags: {},
    async run({ out }) {
      out(printTable(Object.values(loadConfigs()), [['Active', (c) => (c.active ? '*' : '')], ['Name', (c) => c.name],
        ['URL', (c) => c.url ?? c.dir], ['Org', (c) => c.org]]));
    },
  },
  'config set': {
    help: 'Change a saved config, or make it active with --active',
    flags: { 'config-name': { alias: 'n' }, 'host-url': { alias: 'u' }, org: { alias: 'o' }, token: { alias: 't' },
      active: { alias: 'a', boolean: true } },
    async run({ flags }) {
      const configs = loadConfigs();
      const c = configs[flags['config-name']];
      if (!c) throw new UsageError(`config "${flags['config-name']}" not found`);
      if (flags['host-url']) c.url = flags['host-url'];
      if (flags.org) c.org = flags.org;
      if (flags.token) c.token = flags.token;
      if (flags.active) { for (const o of Object.values(configs)) o.active = false; c.active = true; }
      saveConfigs(configs);
    },
  },
  'config rm': {
    help: 'Remove a saved config',
    flags: {},
    async run({ positional }) {
      const configs = loadConfigs();
      for (const name of positional) {
        if (!configs[name]) throw new UsageError(`config "${name}" not found`);
        delete configs[name];
      }
      saveConfigs(configs);
    },
  },
};
