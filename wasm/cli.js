#!/usr/bin/env node
// The `tidewater` command, shaped like `influx`: `tidewater <command> [subcommand] [flags]`.
// Commands work against a server (--host, INFLUX_HOST, a config) or directly on a data
// directory (--dir). `tidewater --help` lists them; `--help` after any command explains it.
import { commands } from './cli/commands.js';
import { parseArgs, UsageError } from './cli/args.js';

function usage() {
  const lines = ['Usage: tidewater <command> [flags]', '', 'Commands:'];
  for (const [name, c] of Object.entries(commands)) lines.push(`  ${name.padEnd(16)} ${c.help}`);
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

async function main(argv) {
  const out = (s) => process.stdout.write(s);
  const two = argv.slice(0, 2).join(' ');
  const name = commands[two] ? two : argv[0];
  const command = commands[name];
  if (!command) {
    process[argv.length && argv[0] !== '--help' && argv[0] !== '-h' ? 'stderr' : 'stdout'].write(usage());
    return argv.length && argv[0] !== '--help' && argv[0] !== '-h' ? 2 : 0;
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
  await command.run({ flags, positional, out });
  return 0;
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
