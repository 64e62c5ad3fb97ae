// The script editor's function list: what to insert for each Flux function, and the package it
// needs imported. `pipe` functions go on a new `|>` line; sources start a new pipeline.

export const FLUX_FUNCTIONS = [
  // [name, category, snippet, description, package]
  ['from', 'Inputs', 'from(bucket: "my-bucket")', 'Reads data from a bucket.'],
  ['range', 'Transformations', '|> range(start: v.timeRangeStart, stop: v.timeRangeStop)', 'Keeps rows in a time range.'],
  ['filter', 'Transformations', '|> filter(fn: (r) => r._measurement == "m")', 'Keeps rows for which fn is true.'],
  ['map', 'Transformations', '|> map(fn: (r) => ({r with _value: r._value}))', 'Rewrites each row.'],
  ['aggregateWindow', 'Aggregates', '|> aggregateWindow(every: v.windowPeriod, fn: mean, createEmpty: false)', 'Aggregates per time window.'],
  ['window', 'Transformations', '|> window(every: v.windowPeriod)', 'Splits tables into time windows.'],
  ['group', 'Transformations', '|> group(columns: ["_field"])', 'Regroups rows into tables by columns.'],
  ['pivot', 'Transformations', '|> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")', 'Turns field values into columns.'],
  ['keep', 'Transformations', '|> keep(columns: ["_time", "_value"])', 'Keeps only the named columns.'],
  ['drop', 'Transformations', '|> drop(columns: ["_start", "_stop"])', 'Removes the named columns.'],
  ['rename', 'Transformations', '|> rename(columns: {_value: "value"})', 'Renames columns.'],
  ['duplicate', 'Transformations', '|> duplicate(column: "_stop", as: "_time")', 'Copies a column.'],
  ['set', 'Transformations', '|> set(key: "unit", value: "C")', 'Sets a column to a value.'],
  ['sort', 'Transformations', '|> sort(columns: ["_time"], desc: false)', 'Sorts rows.'],
  ['limit', 'Selectors', '|> limit(n: 10)', 'Keeps the first n rows of each table.'],
  ['tail', 'Selectors', '|> tail(n: 10)', 'Keeps the last n rows of each table.'],
  ['union', 'Transformations', 'union(tables: [a, b])', 'Merges streams of tables.'],
  ['yield', 'Outputs', '|> yield(name: "results")', 'Names a result.'],
  ['to', 'Outputs', '|> to(bucket: "my-bucket")', 'Writes rows to a bucket.'],
  ['mean', 'Aggregates', '|> mean()', 'Average of each table.'],
  ['median', 'Aggregates', '|> median()', 'Median of each table.'],
  ['sum', 'Aggregates', '|> sum()', 'Sum of each table.'],
  ['count', 'Aggregates', '|> count()', 'Number of rows of each table.'],
  ['spread', 'Aggregates', '|> spread()', 'Max minus min of each table.'],
  ['stddev', 'Aggregates', '|> stddev()', 'Standard deviation of each table.'],
  ['quantile', 'Aggregates', '|> quantile(q: 0.99)', 'A quantile of each table.'],
  ['integral', 'Aggregates', '|> integral(unit: 1s)', 'Area under the curve.'],
  ['first', 'Selectors', '|> first()', 'First row of each table.'],
  ['last', 'Selectors', '|> last()', 'Last row of each table.'],
  ['max', 'Selectors', '|> max()', 'Row with the largest value.'],
  ['min', 'Selectors', '|> min()', 'Row with the smallest value.'],
  ['top', 'Selectors', '|> top(n: 5)', 'The n largest rows.'],
  ['bottom', 'Selectors', '|> bottom(n: 5)', 'The n smallest rows.'],
  ['unique', 'Selectors', '|> unique(column: "_value")', 'Rows with a value not seen before.'],
  ['distinct', 'Selectors', '|> distinct(column: "_value")', 'The distinct values of a column.'],
  ['difference', 'Transformations', '|> difference(nonNegative: false)', 'Difference between consecutive rows.'],
  ['derivative', 'Transformations', '|> derivative(unit: 1s, nonNegative: true)', 'Rate of change per unit.'],
  ['cumulativeSum', 'Transformations', '|> cumulativeSum()', 'Running total.'],
  ['movingAverage', 'Transformations', '|> movingAverage(n: 5)', 'Average of the last n values.'],
  ['fill', 'Transformations', '|> fill(usePrevious: true)', 'Replaces nulls.'],
  ['timeShift', 'Transformations', '|> timeShift(duration: 1h)', 'Moves times by a duration.'],
  ['histogram', 'Transformations', '|> histogram(bins: [0.0, 10.0, 20.0, 30.0])', 'Cumulative histogram.'],
  ['toFloat', 'Type conversions', '|> toFloat()', 'Converts _value to float.'],
  ['toInt', 'Type conversions', '|> toInt()', 'Converts _value to int.'],
  ['toString', 'Type conversions', '|> toString()', 'Converts _value to string.'],
  ['schema.tagValues', 'Schema', 'schema.tagValues(bucket: "my-bucket", tag: "host")', 'Values of a tag.', 'influxdata/influxdb/schema'],
  ['schema.tagKeys', 'Schema', 'schema.tagKeys(bucket: "my-bucket")', 'Tag keys of a bucket.', 'influxdata/influxdb/schema'],
  ['schema.measurements', 'Schema', 'schema.measurements(bucket: "my-bucket")', 'Measurements of a bucket.', 'influxdata/influxdb/schema'],
  ['schema.fieldKeys', 'Schema', 'schema.fieldKeys(bucket: "my-bucket")', 'Field keys of a bucket.', 'influxdata/influxdb/schema'],
  ['strings.toUpper', 'Strings', 'strings.toUpper(v: r._value)', 'Upper-cases a string.', 'strings'],
  ['strings.containsStr', 'Strings', 'strings.containsStr(v: r._value, substr: "x")', 'Whether a string contains another.', 'strings'],
  ['csv.from', 'Inputs', 'csv.from(csv: data)', 'Tables from annotated CSV text.', 'csv'],
  ['array.from', 'Inputs', 'array.from(rows: [{_time: now(), _value: 1.0}])', 'Tables from an array of records.', 'array'],
].map(([name, category, snippet, description, pkg]) => ({ name, category, snippet, description, pkg }));

/**
 * What inserting `fn` at `cursor` in `text` does: { text, cursor } after the edit. A `|>` call
 * goes on its own line after the current one; a package import is added at the top when missing.
 */
export function insertFunction(text, cursor, fn) {
  let snippet = fn.snippet;
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const lineBefore = text.slice(lineStart, cursor);
  if (snippet.startsWith('|>')) {
    const lineEnd = text.indexOf('\n', cursor);
    cursor = lineEnd < 0 ? text.length : lineEnd;  // after the current line, not inside it
    const currentLine = text.slice(lineStart, cursor);
    snippet = currentLine.trim() ? `\n  ${snippet}` : `  ${snippet}`;
  } else if (lineBefore.trim() && /[)\]}"\w]$/.test(lineBefore.trimEnd())) {
    snippet = `\n${snippet}`;
  }
  let next = text.slice(0, cursor) + snippet + text.slice(cursor);
  let at = cursor + snippet.length;
  if (fn.pkg && !new RegExp(`^\\s*import\\s+"${fn.pkg.replace(/\//g, '\\/')}"`, 'm').test(text)) {
    const line = `import "${fn.pkg}"\n`;
    next = line + next;
    at += line.length;
  }
  return { text: next, cursor: at };
}
