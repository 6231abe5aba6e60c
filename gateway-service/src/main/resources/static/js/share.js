// Share page /v/{id}: shows the image with its time left, size and dimensions. A view-limited image is fetched only
// after a click, so link previews that chat apps make do not use up a view. The bytes are fetched once and shown and
// downloaded from the same blob, so downloading costs no second view.

import { describeFailure, formatBytes, formatRemaining } from './common.js';
import { removeFromHistory } from './history.js';

const ID_PATTERN = /^[A-Za-z0-9_-]{21}[AQgw]$/;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

const card = document.getElementById('share');
const statusLine = document.getElementById('share-status');
const details = document.getElementById('share-details');
const goneNotice = document.getElementById('gone');
const timeLeft = document.getElementById('time-left');
const reveal = document.getElementById('reveal');
const revealButton = document.getElementById('reveal-button');
const figure = document.getElementById('figure');
const image = document.getElementById('image');
const actions = document.getElementById('actions');
const download = document.getElementById('download');

const id = idFromPath(window.location.pathname);
let expiresAt = 0;
let objectUrl = null;
let countdownTimer = null;

/** Returns the id part of /v/{id}, or '' when the path is not valid percent-encoding. */
function idFromPath(path) {
  try {
    return decodeURIComponent(path.replace(/^\/v\//, '').replace(/\/$/, ''));
  } catch (error) {
    return '';
  }
}

function showGone() {
  card.setAttribute('aria-busy', 'false');
  statusLine.hidden = true;
  details.hidden = true;
  goneNotice.hidden = false;
  document.getElementById('share-title').textContent = 'Image not found';
  document.title = 'Image not found · TempPic';
  if (objectUrl) {
    URL.revokeObjectURL(objectUrl);
    objectUrl = null;
  }
  if (countdownTimer) {
    window.clearInterval(countdownTimer);
  }
}

function showProblem(message) {
  card.setAttribute('aria-busy', 'false');
  statusLine.hidden = false;
  statusLine.className = 'error';
  statusLine.textContent = message;
}

function tick() {
  const left = expiresAt - Date.now();
  if (left <= 0) {
    showGone();
    return;
  }
  timeLeft.textContent = formatRemaining(left);
}

async function loadMetadata() {
  if (!ID_PATTERN.test(id)) {
    showGone();
    return;
  }
  let response;
  try {
    response = await fetch(`/api/images/${id}`, { headers: { Accept: 'application/json' } });
  } catch (error) {
    showProblem(describeFailure(0, ''));
    return;
  }
  if (response.status === 404) {
    showGone();
    return;
  }
  if (!response.ok) {
    showProblem(describeFailure(response.status, await response.text(), response.headers.get('Retry-After')));
    return;
  }
  const metadata = await response.json();
  expiresAt = Date.parse(metadata.expiresAt);
  document.getElementById('file-size').textContent = formatBytes(metadata.size);
  document.getElementById('dimensions').textContent = `${metadata.width} × ${metadata.height} pixels`;
  statusLine.hidden = true;
  details.hidden = false;
  card.setAttribute('aria-busy', 'false');
  tick();
  countdownTimer = window.setInterval(tick, 1000);

  const limited = metadata.maxViews !== null && metadata.maxViews !== undefined;
  if (limited) {
    const viewsLeft = metadata.viewsLeft ?? metadata.maxViews;
    document.getElementById('views-row').hidden = false;
    document.getElementById('views-left').textContent = `${viewsLeft} of ${metadata.maxViews}`;
    revealButton.textContent = `Show image — this uses one of ${viewsLeft} ${viewsLeft === 1 ? 'view' : 'views'}`;
    reveal.hidden = false;
    revealButton.addEventListener('click', () => {
      revealButton.disabled = true;
      loadImage(metadata);
    }, { once: true });
  } else {
    loadImage(metadata);
  }
}

async function loadImage(metadata) {
  let response;
  try {
    response = await fetch(`/i/${id}`);
  } catch (error) {
    showProblem(describeFailure(0, ''));
    return;
  }
  if (response.status === 404) {
    showGone();
    return;
  }
  if (!response.ok) {
    showProblem(describeFailure(response.status, await response.text(), response.headers.get('Retry-After')));
    return;
  }
  const blob = await response.blob();
  objectUrl = URL.createObjectURL(blob);
  image.src = objectUrl;
  image.width = metadata.width;
  image.height = metadata.height;
  reveal.hidden = true;
  figure.hidden = false;
  download.href = objectUrl;
  download.download = `temppic-${id}.${EXTENSIONS[metadata.contentType] || 'img'}`;
  actions.hidden = false;
}

/**
 * Offers deletion when the URL fragment is "#delete={token}", the form of the ShareX deletion URL. The fragment
 * never reaches the server, so the token is sent only in the DELETE request's X-Delete-Token header.
 */
function offerDeletion() {
  const match = /^#delete=(.+)$/.exec(window.location.hash);
  if (!match || !ID_PATTERN.test(id) || !TOKEN_PATTERN.test(match[1])) {
    return;
  }
  const token = match[1];
  const panel = document.getElementById('delete-panel');
  const button = document.getElementById('delete-button');
  const status = document.getElementById('delete-status');
  panel.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Deleting…';
    let response;
    try {
      response = await fetch(`/api/images/${id}`, { method: 'DELETE', headers: { 'X-Delete-Token': token } });
    } catch (error) {
      status.textContent = describeFailure(0, '');
      button.disabled = false;
      return;
    }
    if (response.status === 204 || response.status === 404) {
      removeFromHistory(id);
      history.replaceState(null, '', window.location.pathname);
      status.textContent = response.status === 204 ? 'The image has been deleted.'
        : 'The image is already gone, or the delete token does not match.';
      button.hidden = true;
      showGone();
      panel.hidden = false;
      return;
    }
    status.textContent = describeFailure(response.status, await response.text(), response.headers.get('Retry-After'));
    button.disabled = false;
  });
}

offerDeletion();
loadMetadata();
