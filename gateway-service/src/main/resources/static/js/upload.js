// Upload page: pick, drop or paste images, upload each with its own progress bar, show the links, and keep a
// history of this browser's uploads in localStorage.

import {
  MAX_FILE_BYTES, announce, copyText, describeFailure, element, formatBytes, formatRemaining, onThisOrigin,
} from './common.js';
import {
  addToHistory, clearHistory, loadHistory, onHistoryChange, removeFromHistory,
} from './history.js';

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const PARALLEL_UPLOADS = 2;
const THUMBNAIL_EDGE = 96;

const form = document.getElementById('upload-form');
const fileInput = document.getElementById('file-input');
const dropZone = document.getElementById('drop-zone');
const burnInput = document.getElementById('burn');
const resultsSection = document.getElementById('results-section');
const resultsList = document.getElementById('results');
const historyList = document.getElementById('history');
const historyEmpty = document.getElementById('history-empty');
const clearButton = document.getElementById('clear-history');

const queue = [];
let running = 0;

// ---- intake: picker, drag and drop, paste ----------------------------------------------------------------------

form.addEventListener('submit', (event) => event.preventDefault());

fileInput.addEventListener('change', () => {
  enqueue(Array.from(fileInput.files));
  fileInput.value = '';
});

['dragenter', 'dragover'].forEach((type) => dropZone.addEventListener(type, (event) => {
  event.preventDefault();
  dropZone.classList.add('dragging');
}));
['dragleave', 'drop'].forEach((type) => dropZone.addEventListener(type, () => dropZone.classList.remove('dragging')));
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  enqueue(Array.from(event.dataTransfer.files));
});
// A file dropped next to the drop zone would otherwise make the browser navigate away to it.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => event.preventDefault());

document.addEventListener('paste', (event) => {
  const files = Array.from(event.clipboardData ? event.clipboardData.files : []);
  if (files.length > 0) {
    event.preventDefault();
    enqueue(files);
  }
});

function enqueue(files) {
  if (files.length === 0) {
    return;
  }
  resultsSection.hidden = false;
  const options = currentOptions();
  for (const file of files) {
    const item = renderPending(file);
    const problem = checkFile(file);
    if (problem) {
      showError(item, problem);
      continue;
    }
    queue.push({ file, item, options });
  }
  announce(`${files.length} ${files.length === 1 ? 'file' : 'files'} added.`);
  pump();
}

function currentOptions() {
  const lifetime = form.querySelector('input[name="lifetime"]:checked');
  return { expiresIn: lifetime ? lifetime.value : '86400', burn: burnInput.checked };
}

function checkFile(file) {
  if (file.type && !ACCEPTED_TYPES.includes(file.type)) {
    return 'This file type is not supported. Use JPEG, PNG, GIF or WebP.';
  }
  if (file.size > MAX_FILE_BYTES) {
    return `This file is ${formatBytes(file.size)}, more than the limit of 20 MiB.`;
  }
  return null;
}

// ---- upload ----------------------------------------------------------------------------------------------------

function pump() {
  while (running < PARALLEL_UPLOADS && queue.length > 0) {
    const job = queue.shift();
    running += 1;
    upload(job).finally(() => {
      running -= 1;
      pump();
    });
  }
}

function upload({ file, item, options }) {
  return new Promise((resolve) => {
    const params = new URLSearchParams({ expiresIn: options.expiresIn });
    if (options.burn) {
      params.set('maxViews', '1');
    }
    const body = new FormData();
    body.append('file', file);

    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/images?${params}`);
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        item.progress.value = Math.round((event.loaded / event.total) * 100);
        item.status.textContent = `Uploading… ${item.progress.value}%`;
      }
    });
    xhr.addEventListener('load', async () => {
      if (xhr.status === 201) {
        await showSuccess(item, file, JSON.parse(xhr.responseText));
      } else {
        showError(item, describeFailure(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
      }
      resolve();
    });
    xhr.addEventListener('error', () => {
      showError(item, describeFailure(0, ''));
      resolve();
    });
    xhr.send(body);
  });
}

// ---- results ---------------------------------------------------------------------------------------------------

function renderPending(file) {
  const li = element('li', 'result');
  const head = element('div', 'result-head');
  head.append(element('span', '', file.name || 'Pasted image'), element('span', 'hint', formatBytes(file.size)));
  const progress = element('progress');
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute('aria-label', `Upload progress of ${file.name || 'pasted image'}`);
  const status = element('p', '', 'Waiting…');
  status.setAttribute('role', 'status');
  li.append(head, progress, status);
  resultsList.prepend(li);
  return { li, progress, status };
}

function showError(item, message) {
  item.progress.remove();
  item.status.className = 'error';
  item.status.textContent = message;
  announce(`Upload failed: ${message}`);
}

async function showSuccess(item, file, image) {
  const url = onThisOrigin(image.url);
  const pageUrl = onThisOrigin(image.pageUrl || `/v/${image.id}`);
  item.progress.remove();
  item.status.className = 'done';
  item.status.textContent = expiryText(image);
  item.li.append(linkRows([
    ['Direct link', url],
    ['Share page', pageUrl],
    ['Markdown', `![image](${url})`],
    ['HTML', `<img src="${url}" alt="">`],
    ['BBCode', `[img]${url}[/img]`],
  ], image.id));
  announce('Upload finished. The links are ready to copy.');

  addToHistory({
    id: image.id,
    url,
    pageUrl,
    deleteToken: image.deleteToken,
    expiresAt: image.expiresAt,
    maxViews: image.maxViews ?? null,
    width: image.width,
    height: image.height,
    size: image.size,
    thumbnail: await makeThumbnail(file),
  });
  renderHistory();
}

function expiryText(image) {
  const when = new Date(image.expiresAt).toLocaleString();
  const burn = image.maxViews === 1 ? ' or after its first view, whichever comes first' : '';
  return `Uploaded. It deletes itself at ${when}${burn}.`;
}

function linkRows(rows, id) {
  const container = element('div', 'links');
  rows.forEach(([label, value], index) => {
    const row = element('div', 'link-row');
    const inputId = `link-${id}-${index}`;
    const labelNode = element('label', '', label);
    labelNode.htmlFor = inputId;
    const input = element('input');
    input.id = inputId;
    input.readOnly = true;
    input.value = value;
    input.addEventListener('focus', () => input.select());
    const button = element('button', 'button small', 'Copy');
    button.type = 'button';
    button.setAttribute('aria-label', `Copy ${label.toLowerCase()}`);
    button.addEventListener('click', async () => {
      const copied = await copyText(value, input);
      button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
      announce(copied ? `${label} copied.` : 'Copying failed. The text is selected, press Ctrl+C to copy it.');
      window.setTimeout(() => { button.textContent = 'Copy'; }, 2000);
    });
    row.append(labelNode, input, button);
    container.append(row);
  });
  return container;
}

/** Returns a small JPEG data URL of the local file (first frame for animations), or null if it cannot be drawn. */
async function makeThumbnail(file) {
  const objectUrl = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = objectUrl;
    await img.decode();
    const scale = Math.min(1, THUMBNAIL_EDGE / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const context = canvas.getContext('2d');
    // JPEG has no transparency: paint a white background first.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/jpeg', 0.7);
  } catch (ignored) {
    return null;
  } finally {
    URL.revokeObjectURL(objectUrl);
  }
}

// ---- history ---------------------------------------------------------------------------------------------------

function renderHistory() {
  const entries = loadHistory();
  historyList.replaceChildren(...entries.map(renderHistoryItem));
  historyEmpty.hidden = entries.length > 0;
  clearButton.hidden = entries.length === 0;
}

function renderHistoryItem(entry) {
  const li = element('li', 'history-item');
  li.dataset.id = entry.id;
  li.dataset.expiresAt = entry.expiresAt;

  const thumb = element('img', 'thumb');
  thumb.alt = '';
  thumb.width = 64;
  thumb.height = 64;
  if (entry.thumbnail) {
    thumb.src = entry.thumbnail;
  }

  const body = element('div');
  const link = element('a', '', entry.pageUrl);
  link.href = entry.pageUrl;
  link.rel = 'noopener';
  const meta = element('div', 'history-meta');
  const countdown = element('span', 'countdown');
  meta.append(countdown, document.createTextNode(describeEntry(entry)));
  updateCountdown(li, countdown);

  const actions = element('div', 'history-actions');
  const open = element('a', 'button small', 'Open');
  open.href = entry.pageUrl;
  open.rel = 'noopener';
  const copy = element('button', 'button small', 'Copy link');
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    const copied = await copyText(entry.pageUrl);
    copy.textContent = copied ? 'Copied' : 'Copy failed';
    window.setTimeout(() => { copy.textContent = 'Copy link'; }, 2000);
  });
  const remove = element('button', 'button small danger', 'Delete');
  remove.type = 'button';
  remove.setAttribute('aria-label', `Delete image ${entry.id} from the server`);
  const status = element('p', 'hint');
  status.setAttribute('role', 'status');
  remove.addEventListener('click', () => deleteImage(entry, remove, status));
  actions.append(open, copy, remove);

  body.append(link, meta, actions, status);
  li.append(thumb, body);
  return li;
}

function describeEntry(entry) {
  const parts = [];
  if (entry.width && entry.height) {
    parts.push(`${entry.width} × ${entry.height}`);
  }
  if (entry.size) {
    parts.push(formatBytes(entry.size));
  }
  if (entry.maxViews === 1) {
    parts.push('burns after first view');
  }
  return parts.length > 0 ? ` · ${parts.join(' · ')}` : '';
}

function updateCountdown(li, countdown) {
  const left = Date.parse(li.dataset.expiresAt) - Date.now();
  countdown.textContent = `Deletes itself in ${formatRemaining(left)}`;
  return left > 0;
}

async function deleteImage(entry, button, status) {
  button.disabled = true;
  status.textContent = 'Deleting…';
  try {
    const response = await fetch(`/api/images/${encodeURIComponent(entry.id)}`, {
      method: 'DELETE',
      headers: { 'X-Delete-Token': entry.deleteToken },
    });
    // 404 means the image is already gone (expired, burned or deleted elsewhere): forget it all the same.
    if (response.status === 204 || response.status === 404) {
      removeFromHistory(entry.id);
      renderHistory();
      announce('Image deleted.');
      return;
    }
    status.textContent = describeFailure(response.status, await response.text(), response.headers.get('Retry-After'));
  } catch (error) {
    status.textContent = describeFailure(0, '');
  }
  button.disabled = false;
}

clearButton.addEventListener('click', () => {
  clearHistory();
  renderHistory();
  announce('History cleared.');
});

onHistoryChange(renderHistory);

window.setInterval(() => {
  let expired = false;
  historyList.querySelectorAll('.history-item').forEach((li) => {
    if (!updateCountdown(li, li.querySelector('.countdown'))) {
      expired = true;
    }
  });
  if (expired) {
    renderHistory();
  }
}, 1000);

renderHistory();
