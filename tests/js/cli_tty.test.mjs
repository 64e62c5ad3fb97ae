// The CLI in a real terminal: tmux runs it in a pseudo-terminal, the test types into it
// (send-keys) and reads the screen (capture-pane), against a data directory and against
// `serve`. `write` draws its progress bar only there; `v1 shell` is checked for the prompt,
// `use`, InfluxQL results, `precision`, recalling the last statement with the Up arrow, `exit`,
// and the history file surviving into the next session.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cli, setupTutorial, sharedDir, testBothTargets } from './cli_harness.mjs';

const homeLp = readFileSync(join(sharedDir, 'tutorial/home.lp'), 'utf8');
const SELECT = 'SELECT co,hum,temp,room FROM "get-started".autogen.home WHERE time >= \'2022-01-01T08:00:00Z\' AND time <= \'2022-01-01T20:00:00Z\'';

class Tmux {
  constructor(name) { this.socket = `tidewater-test-${process.pid}-${name}`; }
  cmd(...args) { return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' }); }
  start(command) { this.cmd('new-session', '-d', '-s', 'shell', '-x', '220', '-y', '60', command); this.cmd('set-option', '-g', 'history-limit', '5000'); }
  type(text) { this.cmd('send-keys', '-t', 'shell', '-l', text); }
  key(name) { this.cmd('send-keys', '-t', 'shell', name); }
  screen() { return this.cmd('capture-pane', '-p', '-t', 'shell', '-S', '-5000'); }
  alive() { try { this.cmd('has-session', '-t', 'shell'); return true; } catch { return false; } }
  stop() { try { this.cmd('kill-server'); } catch { /* already gone */ } }
  async waitFor(pred, what, ms = 20_000) {
    const end = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (pred(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await sleep(100);
    }
  }
}

const shq = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

testBothTargets('write draws a progress bar on a terminal (tmux)', async ({ run, where, tmp, target }) => {
  setupTutorial(run, where);
  const big = join(tmp, 'big.lp');
  writeFileSync(big, Array.from({ length: 100_000 }, (_, i) => `load,host=h${i % 20} v=${i}i ${1_650_000_000 + i}`).join('\n'));
  const env = `TIDEWATER_CONFIGS_PATH=${shq(join(tmp, 'configs.json'))}`;
  const tmux = new Tmux(`progress-${target}`);
  try {
    tmux.start(`env ${env} ${shq(process.execPath)} ${shq(cli)} write -b get-started -p s --file ${shq(big)}; echo "[write exited $?]"; sleep 30`);
    const screen = await tmux.waitFor((x) => x.includes('[write exited'), 'the write to finish', 120_000);
    // The bar is redrawn in place: one final line on screen, then the exit status.
    assert.match(screen, /^\[=+>\] 100% {2}100000 lines written {2}\d+ lines\/s\n\[write exited 0\]/m);
  } finally {
    tmux.stop();
  }
});

testBothTargets('v1 shell in a terminal (tmux)', async ({ run, where, tmp, target }) => {
  setupTutorial(run, where);
  assert.equal(run(['write', '-b', 'get-started', '-p', 's'], homeLp).code, 0);
  const env = `TIDEWATER_CONFIGS_PATH=${shq(join(tmp, 'configs.json'))} TIDEWATER_HISTORY_FILE=${shq(join(tmp, 'history'))}`;
  const command = `env ${env} ${shq(process.execPath)} ${shq(cli)} v1 shell; echo "[shell exited $?]"; sleep 30`;
  const tmux = new Tmux(target);
  try {
    tmux.start(command);
    await tmux.waitFor((s) => /InfluxQL Shell \(Tidewater\), connected to .* version /.test(s) && /^>\s*$/m.test(s), 'the banner and prompt');

    tmux.type('use get-started');
    tmux.key('Enter');
    await tmux.waitFor((s) => /Using database get-started\n>/.test(s), '"use"');

    tmux.type(SELECT);
    tmux.key('Enter');
    const rows = (x) => x.split('\n').filter((l) => /^2022-01-01T\d\d:00:00Z /.test(l)).length;
    const s = await tmux.waitFor((x) => rows(x) === 26 && /\n>\s*$/.test(x), 'the SELECT result');
    assert.match(s, /name: home\ntime {17,}co +hum +temp +room\n-{4} +-{2} +-{3} +-{4} +-{4}\n2022-01-01T08:00:00Z 0 +35\.9 +21 +Kitchen\n/);

    tmux.type('precision s');
    tmux.key('Enter');
    tmux.type("SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1");
    tmux.key('Enter');
    await tmux.waitFor((x) => /\n1641024000 21\n/.test(x), 'a time in seconds');
    // Up arrow brings back the last statement; Enter runs it again.
    tmux.key('Up');
    await tmux.waitFor((x) => /> SELECT temp FROM home WHERE room = 'Kitchen' LIMIT 1\s*$/.test(x), 'the recalled statement');
    tmux.key('Enter');
    await tmux.waitFor((x) => x.split('\n1641024000 21\n').length === 3, 'the statement run again');

    tmux.type('SELECT nope FROM');
    tmux.key('Enter');
    await tmux.waitFor((x) => /ERR: .+/.test(x), 'an InfluxQL error');
    tmux.type('exit');
    tmux.key('Enter');
    await tmux.waitFor((x) => x.includes('[shell exited 0]'), 'the shell to exit');
    const history = readFileSync(join(tmp, 'history'), 'utf8').split('\n');
    assert.deepEqual(history.slice(0, 2), ['use get-started', SELECT]);
    assert.ok(history.includes('precision s') && history.includes('exit'));
    tmux.stop();

    // A new session starts with the old history: Up twice reaches the failed statement.
    tmux.start(command);
    await tmux.waitFor((x) => /^>\s*$/m.test(x), 'the second prompt');
    tmux.key('Up');
    tmux.key('Up');
    await tmux.waitFor((x) => /> SELECT nope FROM\s*$/.test(x), 'history from the last session');
  } finally {
    tmux.stop();
  }
});
