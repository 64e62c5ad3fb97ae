// Retention choices (label, seconds; 0 = forever) and their display.
export const RETENTION_CHOICES = [
  ['Never', 0], ['1 hour', 3600], ['6 hours', 6 * 3600], ['1 day', 86400], ['7 days', 7 * 86400],
  ['30 days', 30 * 86400], ['90 days', 90 * 86400], ['1 year', 365 * 86400],
];

/** A bucket's retention in words, from InfluxDB's retentionRules. */
export function retentionText(rules) {
  const every = (rules ?? []).find((r) => r.type === 'expire')?.everySeconds ?? 0;
  if (!every) return 'Forever';
  const units = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  for (const [u, s] of units) if (every % s === 0) return `${every / s}${u}`;
  return `${every}s`;
}
