// Helpers shared by the pages of the TempPic web client. Nothing here talks to any host but this one.

/** Largest image the service accepts, in bytes (20 MiB). Larger files are rejected before upload. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Formats a byte count as "512 bytes", "12.3 KiB" or "4.5 MiB". */
export function formatBytes(bytes) {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${(bytes / 1024).toFixed(1)} KiB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Formats a remaining time in milliseconds as "3 h 05 min", "12 min 09 s" or "42 s". */
export function formatRemaining(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n) => String(n).padStart(2, '0');
  if (hours > 0) {
    return `${hours} h ${pad(minutes)} min`;
  }
  if (minutes > 0) {
    return `${minutes} min ${pad(seconds)} s`;
  }
  return `${seconds} s`;
}

/**
 * Returns a sentence describing a failed response: the problem "detail" the server sent, or a plain fallback by
 * status. Status 0 means the request received no response.
 */
export function describeFailure(status, bodyText, retryAfter) {
  if (status === 0) {
    return 'The connection failed. Check your network and try again.';
  }
  try {
    const problem = JSON.parse(bodyText);
    if (problem && typeof problem.detail === 'string' && problem.detail.trim() !== '') {
      return problem.detail;
    }
  } catch (ignored) {
    // Not JSON: fall through to the generic text.
  }
  switch (status) {
    case 404: return 'This image does not exist any more.';
    case 413: return 'The image is larger than 20 MiB.';
    case 415: return 'This file type is not supported. Use JPEG, PNG, GIF or WebP.';
    case 429: return retryAfter ? `Too many requests. Try again in ${retryAfter} seconds.`
      : 'Too many requests. Wait a moment and try again.';
    default: return status >= 500 ? 'The service is having trouble right now. Try again in a few seconds.'
      : `The request failed (status ${status}).`;
  }
}

/** Turns a URL from the service (absolute or relative) into an absolute URL on this origin. */
export function onThisOrigin(url) {
  const parsed = new URL(url, window.location.origin);
  return new URL(parsed.pathname + parsed.search, window.location.origin).href;
}

/**
 * Copies text to the clipboard. Falls back to selecting the given input and the legacy copy command where the
 * Clipboard API is missing (plain HTTP on a host other than localhost).
 */
export async function copyText(text, input) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (ignored) {
    if (input) {
      input.focus();
      input.select();
      return document.execCommand('copy');
    }
    return false;
  }
}

/** Announces a short message to screen readers through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (region) {
    region.textContent = '';
    window.setTimeout(() => { region.textContent = message; }, 50);
  }
}

/** Creates an element with optional class and text. */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
