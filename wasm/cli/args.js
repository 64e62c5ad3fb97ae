// Command-line flags shaped like `influx`: --name value, --name=value, -n value, repeated flags
// collect into arrays, bare words are positional.

export function parseArgs(argv, spec = {}) {
  // spec: { flagName: { alias: 'x', boolean: true, multiple: true } }
  const aliases = {};
  for (const [name, s] of Object.entries(spec)) if (s.alias) aliases[s.alias] = name;
  const flags = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positional.push(...argv.slice(i + 1)); break; }
    let name;
    let value;
    if (a.startsWith('--')) [name, value] = a.slice(2).split(/=(.*)/s, 2);
    else if (a.startsWith('-') && a.length === 2) name = aliases[a[1]] ?? a[1];
    else { positional.push(a); continue; }
    const s = spec[name] ?? {};
    if (s.boolean) value = value === undefined ? true : value !== 'false';
    else if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag --${name} needs a value`);
      value = argv[++i];
    }
    if (s.multiple) (flags[name] ??= []).push(value);
    else flags[name] = value;
  }
  return { flags, positional };
}

export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UsageError';
  }
}
