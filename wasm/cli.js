#!/usr/bin/env node
// The `tidewater` command, shaped like `influx`: `tidewater <command> [subcommand] [flags]`.
// Commands work against a server (--host, INFLUX_HOST, a config) or directly on a data
// directory (--dir). `tidewater --help` lists them; `--help` after any command explains it.
import { commands } from './cli/commands.js';
import { parseArgs, UsageError } from './cli/args.js';

// "  name  help" rows with the help column after the longest name and two spaces.
function commandRows(entries) {
  const width = Math.max(...entries.map(([n]) => n.length)) + 2;
  return entries.map(([n, c]) => `  ${n.padEnd(width)}${c.help}`);
}

function usage() {
  const lines = ['Usage: tidewater <command> [flags]', '', 'Commands:'];
  lines.push(...commandRows(Object.entries(commands)));
  lines.push('', 'Run "tidewater <command> --help" for its flags.');
  return `${lines.join('\n')}\n`;
}

function commandHelp(name, c) {
  const lines = [`Usage: tidewater ${name} [flags]`, '', c.help, '', 'Flags:'];
  for (const [flag, s] of Object.entries(c.flags)) {
    lines.push(`  ${s.alias ? `-${s.alias}, ` : '    '}--${flag.padEnd(16)} ${s.help ?? ''}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

// "v1 dbrp create", "bucket list", "write": the longest command name the words start with.
function findCommand(argv) {
  for (let n = 3; n >= 1; n--) {
    const name = argv.slice(0, n).join(' ');
    if (commands[name]) return name;
  }
  return null;
}

// "tidewater bucket" alone: the subcommands of that group.
function groupUsage(prefix) {
  const subs = Object.entries(commands).filter(([n]) => n.startsWith(`${prefix} `));
  if (!subs.length) return null;
  const lines = [`Usage: tidewater ${prefix} <command> [flags]`, '', 'Commands:'];
  lines.push(...commandRows(subs.map(([n, c]) => [n.slice(prefix.length + 1), c])));
  return `${lines.join('\n')}\n`;
}

async function main(argv) {
  const out = (s) => process.stdout.write(s);
  const name = findCommand(argv);
  const command = commands[name];
  if (!command) {
    const words = argv.filter((a) => !a.startsWith('-'));
    const group = groupUsage(words.slice(0, 2).join(' ')) ?? groupUsage(words[0] ?? '');
    const asked = argv.length === 0 || argv.includes('--help') || argv.includes('-h');
    process[asked ? 'stdout' : 'stderr'].write(group ?? usage());
    return asked ? 0 : 2;
  }
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    out(commandHelp(name, command));
    return 0;
  }
  const { flags, positional } = parseArgs(rest, command.flags);
  for (const f of Object.keys(flags)) {
    if (!(f in command.flags)) throw new UsageError(`unknown flag --${f} for "tidewater ${name}"`);
  }
  // A command may return an exit status (e.g. the shell after a failed piped statement).
  const status = await command.run({ flags, positional, out });
  return status?.exitCode ?? 0;
}

let settled = false;
main(process.argv.slice(2)).then((code) => { settled = true; process.exitCode = code; }, (err) => {
  settled = true;
  process.stderr.write(`Error: ${err.message}\n`);
  if (err instanceof UsageError) process.stderr.write('See "tidewater --help".\n');
  process.exitCode = 1;
});
// Node exits quietly when nothing is left to wait for; a command that never finished must not
// look like a success.
process.on('beforeExit', () => {
  if (settled) return;
  process.stderr.write('Error: the command stopped before it finished (input or connection closed early)\n');
  process.exitCode = 1;
  settled = true;
});
