// What this browser remembers (localStorage). The database itself is in IndexedDB.
export const KEYS = {
  token: 'tidewater.token',             // the operator token from setup in this browser (shown once)
  credential: 'tidewater.credential',   // who is signed in: {kind: 'token'|'session', ...}
  user: 'tidewater.user',               // last signed-in username
  org: 'tidewater.org',                 // {name, id} of the org
  bucket: 'tidewater.bucket',           // the first bucket, the pages' default
  samplePending: 'tidewater.sample.pending',  // set while the sample data is being written
  theme: 'tidewater.theme',             // 'light' | 'dark' | absent (follow the system)
};

export function loadJSON(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

export function saveJSON(key, value) {
  localStorage.setItem(key, JSON.stringify(value));
}
