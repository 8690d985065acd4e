// The live dashboard: the treatment service's stream, relayed here, says when the figures changed;
// the page then asks for its own figures again (its filters are in its URL) and redraws. Bursts of
// changes are folded into one request a quarter of a second later.
(() => {
  const page = document.querySelector('section.dashboard');
  if (!page || typeof EventSource === 'undefined') {
    return;
  }
  const query = page.dataset.query;
  let pending = null;
  let running = false;
  let again = false;

  async function refresh() {
    pending = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const answer = await fetch('/admin/dashboard/data' + (query ? '?' + query : ''), { headers: { Accept: 'application/json' } });
      if (answer.status === 401) {
        // the sign-in has ended: the whole page signs in again
        window.location.assign('/oauth2/authorization/soleus');
        return;
      }
      if (answer.ok) {
        const data = await answer.json();
        Object.entries(data.figures).forEach(([name, value]) => {
          page.querySelectorAll(`[data-figure="${name}"]`).forEach((element) => { element.textContent = value; });
        });
        Object.entries(data.charts).forEach(([id, option]) => {
          const source = document.getElementById(id + '-option');
          const chart = document.getElementById(id);
          if (source && chart) {
            source.textContent = JSON.stringify(option);
            window.soleusCharts.draw(chart);
          }
        });
        const updated = document.getElementById('updated');
        if (updated) {
          updated.dataset.at = String(Date.now());
          updated.textContent = updated.textContent.replace(/\d{1,2}:\d{2}:\d{2}/, new Date().toTimeString().slice(0, 8));
        }
      }
    } catch (failure) {
      // a service away or the network down: the figures stay as they were, the next change tries again
      page.dataset.live = 'stale';
    } finally {
      running = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  }

  const stream = new EventSource('/admin/dashboard/stream');
  stream.addEventListener('open', () => { page.dataset.live = 'open'; });
  stream.addEventListener('error', () => { page.dataset.live = 'reconnecting'; });
  stream.addEventListener('changed', () => {
    if (!pending) {
      pending = setTimeout(refresh, 250);
    }
  });
})();
