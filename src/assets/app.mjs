// Progressive enhancement only: every page works without this file.
/* global document, window, fetch, setTimeout */
import { initAll } from './nhsuk-frontend.min.js';

initAll();

// An import's progress page: without JavaScript the person presses "Check progress" (the page
// never reloads itself). With it, the progress is asked for every few seconds and shown in place;
// the status line is a polite live region, changed only when the stage or the tens of per cent
// change, so a screen reader is not interrupted every few seconds. When the import stops, the
// page with its result is opened.
const progressBox = document.querySelector('[data-app-job-progress]');
if (progressBox) followProgress(progressBox);

function followProgress(box) {
  const url = box.getAttribute('data-app-job-progress');
  const status = box.querySelector('[data-app-job-status]');
  const bar = box.querySelector('progress');
  let said = status ? status.textContent : '';
  let failures = 0;
  const check = async () => {
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      const progress = await res.json();
      failures = 0;
      if (!progress.running) {
        window.location.assign(progress.href);
        return;
      }
      if (bar) {
        bar.value = progress.percent;
        bar.textContent = `${progress.percent}%`;
      }
      const stage = (text) => text.replace(/\d+%$/, (p) => `${Math.floor(parseInt(p, 10) / 10)}`);
      if (status && stage(progress.message) !== stage(said)) {
        status.textContent = progress.message;
        said = progress.message;
      }
    } catch {
      // The "Check progress" button still works; stop asking after a few failures in a row.
      if (++failures >= 5) return;
    }
    setTimeout(check, 2000);
  };
  setTimeout(check, 2000);
}
