// Named connection configs, like `influx config`: kept in a JSON file
// ($TIDEWATER_CONFIGS_PATH, default ~/.tidewater/configs.json), one of them active.
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export function configsPath() {
  return process.env.TIDEWATER_CONFIGS_PATH ?? join(homedir(), '.tidewater', 'configs.json');
}

export function loadConfigs() {
  try {
    return JSON.parse(readFileSync(configsPath(), 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw err;
  }
}

export function saveConfigs(configs) {
  const path = configsPath();
  mkdirSync(dirname(path), { recursive: true });
  // Tokens are secrets: owner-only file, replaced atomically.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(configs, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function activeConfig() {
  return Object.values(loadConfigs()).find((c) => c.active) ?? null;
}
