// Upload history kept in localStorage only. It is never sent anywhere: the server keeps no list of uploads.

const STORAGE_KEY = 'temppic.history.v1';

/** Most entries kept; older ones are dropped first so the thumbnails never fill the storage quota. */
const MAX_ENTRIES = 50;

/** Returns the stored entries that have not expired, newest first, and removes expired ones from storage. */
export function loadHistory(now = Date.now()) {
  const entries = readAll();
  const live = entries.filter((entry) => Date.parse(entry.expiresAt) > now);
  if (live.length !== entries.length) {
    writeAll(live);
  }
  return live;
}

/** Adds an entry: { id, url, pageUrl, deleteToken, expiresAt, maxViews, width, height, size, thumbnail }. */
export function addToHistory(entry) {
  const entries = readAll().filter((existing) => existing.id !== entry.id);
  entries.unshift(entry);
  writeAll(entries.slice(0, MAX_ENTRIES));
}

export function removeFromHistory(id) {
  writeAll(readAll().filter((entry) => entry.id !== id));
}

export function clearHistory() {
  window.localStorage.removeItem(STORAGE_KEY);
}

/** Calls listener when another tab of this site changes the history. */
export function onHistoryChange(listener) {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) {
      listener();
    }
  });
}

function readAll() {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(parsed) ? parsed.filter((entry) => entry && typeof entry.id === 'string') : [];
  } catch (ignored) {
    return [];
  }
}

function writeAll(entries) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch (ignored) {
    // Storage full or disabled: drop the thumbnails and try once more, else keep no history.
    try {
      const slim = entries.map((entry) => ({ ...entry, thumbnail: null }));
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(slim));
    } catch (stillFailing) {
      // Private browsing modes may refuse all writes; the page still works without history.
    }
  }
}
