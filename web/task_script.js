// A task's Flux script is the source of truth for its name and schedule (`option task = {...}`,
// as InfluxDB 2.x keeps it). The editor shows the options as form fields and the rest as the
// script body; saving writes one script back.

import { fluxString } from './flux_vars.js';

/**
 * { name, every | cron, offset } + body → the whole script. `every` and `offset` are Flux
 * durations (1h, 10m); a cron schedule is a string.
 */
export function composeTaskScript({ name, every = '', cron = '', offset = '' }, body) {
  const parts = [`name: ${fluxString(name)}`];
  if (cron) parts.push(`cron: ${fluxString(cron)}`);
  else if (every) parts.push(`every: ${every}`);
  if (offset) parts.push(`offset: ${offset}`);
  return `option task = {${parts.join(', ')}}\n\n${body.trim()}\n`;
}

// `option task = {...}` up to its matching brace (strings may hold braces and quotes).
function optionSpan(flux) {
  const start = flux.search(/(^|\n)\s*option\s+task\s*=\s*\{/);
  if (start < 0) return null;
  let i = flux.indexOf('{', start);
  let depth = 0;
  let inString = false;
  for (; i < flux.length; i++) {
    const c = flux[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { start, end: i + 1 };
  }
  return null;
}

/** The script without its `option task` statement (what the editor shows as the body). */
export function taskBody(flux = '') {
  const span = optionSpan(flux);
  if (!span) return flux.trim();
  return `${flux.slice(0, span.start)}${flux.slice(span.end)}`.trim();
}
