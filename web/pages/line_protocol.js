// Load Data → Line Protocol: paste or upload (file picker, drag and drop) line protocol into a
// bucket with a precision; big inputs go in chunks with a progress bar and lines/s; 400 and 422
// answers are shown inline, with buttons that select the offending line in the editor.
//
// Test hooks: #write-status carries data-state (busy|ok|error) and data-seq (bumped when a write
// finishes); #write-error lists the API's message.
import { h, field, statusLine, plural } from '../dom.js';

const CHUNK_LINES = 5000;   // lines per request for big inputs (InfluxDB's UI also batches)
const PRECISIONS = [['ns', 'Nanoseconds'], ['us', 'Microseconds'], ['ms', 'Milliseconds'], ['s', 'Seconds']];

const isData = (line) => line.trim() !== '' && !line.trimStart().startsWith('#');

function chunksOf(text) {
  const lines = text.split('\n');
  const chunks = [];
  for (let i = 0; i < lines.length; i += CHUNK_LINES) {
    const part = lines.slice(i, i + CHUNK_LINES);
    const count = part.filter(isData).length;
    if (count) chunks.push({ firstLine: i + 1, text: part.join('\n'), count });
  }
  return chunks;
}

export function createPage({ api, org, defaultBucket }) {
  const bucket = h('input', { id: 'lp-bucket', list: 'lp-buckets', required: true, value: defaultBucket, autocomplete: 'off' });
  const bucketList = h('datalist', { id: 'lp-buckets' });
  const precision = h('select', { id: 'precision' }, PRECISIONS.map(([v, label]) => h('option', { value: v }, `${label} (${v})`)));
  const lp = h('textarea', { id: 'lp', rows: '10', spellcheck: 'false', 'aria-label': 'Line protocol', placeholder: 'home,room=Kitchen temp=22.5,hum=36.1,co=3i 1641024000' });
  const fileInput = h('input', { type: 'file', id: 'lp-file', accept: '.lp,.txt,text/plain', class: 'visually-hidden' });
  const fileChip = h('p', { id: 'lp-file-chip', class: 'chip', hidden: true });
  const write = h('button', { type: 'button', id: 'write' }, 'Write data');
  const status = statusLine('write-status');
  const progress = h('progress', { id: 'write-progress', max: '1', value: '0', hidden: true });
  const errorList = h('div', { id: 'write-error', role: 'alert', class: 'error', hidden: true });
  let file = null;  // an uploaded File, written instead of the text area

  const drop = h('div', { class: 'dropzone', id: 'lp-drop' },
    lp,
    h('p', { class: 'muted small' }, 'Paste line protocol above, drop a file here, or ',
      h('label', { for: 'lp-file', class: 'link', tabindex: '0', role: 'button', id: 'lp-file-label' }, 'choose a file'),
      '.'),
    fileInput, fileChip);

  const element = h('section', { 'aria-labelledby': 'lp-title' },
    h('div', { class: 'page-head' }, h('h2', { id: 'lp-title', tabindex: '-1' }, 'Line Protocol')),
    h('p', { class: 'muted' }, 'Write data to a bucket in ', h('code', {}, org.name), '. A parse error writes nothing.'),
    h('div', { class: 'row fields' }, field('Bucket', bucket), bucketList, field('Precision', precision)),
    drop,
    h('div', { class: 'row' }, write, progress, status),
    errorList);

  function setFile(f) {
    file = f;
    fileChip.replaceChildren();
    fileChip.hidden = !f;
    lp.disabled = !!f;
    if (!f) return;
    fileChip.append(`File: ${f.name} (${(f.size / 1024).toFixed(1)} KB) `,
      h('button', { type: 'button', class: 'secondary small', id: 'lp-file-clear', onclick: () => { fileInput.value = ''; setFile(null); } }, 'Remove'));
  }

  function selectLine(n) {
    const lines = lp.value.split('\n');
    if (file || n < 1 || n > lines.length) return;
    const start = lines.slice(0, n - 1).reduce((sum, l) => sum + l.length + 1, 0);
    lp.focus();
    lp.setSelectionRange(start, start + lines[n - 1].length);
    // Scroll the selected line into view: about one line-height per line.
    lp.scrollTop = Math.max(0, (n - 3) * parseFloat(getComputedStyle(lp).lineHeight || '18'));
  }

  function showError(err, chunk, source, multi) {
    // Engine messages name lines within the request; shift them to lines of the whole input.
    const offset = chunk.firstLine - 1;
    const message = err.message.replace(/\bline (\d+)/g, (_, n) => `line ${Number(n) + offset}`);
    const lineNumbers = [...new Set([...message.matchAll(/\bline (\d+)/g)].map((m) => Number(m[1])))].slice(0, 20);
    errorList.replaceChildren(
      h('p', {}, `${err.status === 422 ? 'Rejected (422)' : err.status ? `Error (${err.status})` : 'Error'}: nothing from `
        + `${multi ? `the batch starting at line ${chunk.firstLine}` : 'this input'} was written.`),
      !file && lineNumbers.length
        ? h('div', { class: 'row' }, lineNumbers.map((n) => h('button', { type: 'button', class: 'secondary small', onclick: () => selectLine(n) }, `Show line ${n}`)))
        : null);
    errorList.hidden = false;
    status.finish('error', `${source}: ${message}`);
  }

  write.addEventListener('click', async () => {
    errorList.hidden = true;
    if (!bucket.value.trim()) return status.finish('error', 'Choose a bucket.');
    const source = file ? file.name : 'Pasted text';
    const text = file ? await file.text() : lp.value;
    const chunks = chunksOf(text);
    const total = chunks.reduce((s, c) => s + c.count, 0);
    if (total === 0) return status.finish('error', 'Nothing to write.');
    write.disabled = true;
    progress.hidden = chunks.length < 2;
    progress.max = total;
    progress.value = 0;
    const started = performance.now();
    let done = 0;
    const orgRef = org.id ? { orgID: org.id } : { org: org.name };
    try {
      for (const chunk of chunks) {
        status.busy(`Writing… ${done} of ${plural(total, 'line')}`);
        try {
          await api.write({ ...orgRef, bucket: bucket.value.trim(), precision: precision.value }, chunk.text);
        } catch (err) {
          showError(err, chunk, source, chunks.length > 1);
          if (done) status.textContent += ` (${plural(done, 'line')} before it were written)`;
          return;
        }
        done += chunk.count;
        progress.value = done;
        const seconds = (performance.now() - started) / 1000;
        if (chunks.length > 1) status.busy(`Writing… ${done} of ${total} lines, ${Math.round(done / seconds)} lines/s`);
      }
      const ms = Math.round(performance.now() - started);
      status.finish('ok', `Wrote ${plural(total, 'line')} to ${bucket.value.trim()} in ${ms} ms`
        + (ms > 0 && total > 1000 ? ` (${Math.round(total / (ms / 1000))} lines/s).` : '.'));
    } finally {
      write.disabled = false;
      progress.hidden = true;
    }
  });

  fileInput.addEventListener('change', () => setFile(fileInput.files[0] ?? null));
  drop.querySelector('#lp-file-label').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); }
  });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const f = e.dataTransfer?.files?.[0];
    if (f) setFile(f);
  });

  return {
    element,
    async shown() {
      const picked = sessionStorage.getItem('tidewater.lp.bucket');  // from a bucket's "Add data"
      if (picked) { bucket.value = picked; sessionStorage.removeItem('tidewater.lp.bucket'); }
      try {
        const { buckets } = await api.get(`/api/v2/buckets?${new URLSearchParams(org.id ? { orgID: org.id } : { org: org.name })}`);
        bucketList.replaceChildren(...buckets.filter((b) => !b.name.startsWith('_')).map((b) => h('option', { value: b.name })));
      } catch {
        // No bucket list (yet): the name is typed.
      }
    },
  };
}
