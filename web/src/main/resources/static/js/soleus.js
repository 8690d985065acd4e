// Every page: htmx sends the CSRF token with each request it makes, and focus moves to new content
// a person asked for, so a screen reader announces it.
document.addEventListener('htmx:configRequest', (event) => {
  const header = document.querySelector('meta[name="csrf-header"]');
  const token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

document.addEventListener('htmx:afterSwap', (event) => {
  const target = event.detail.target;
  const focus = target && target.querySelector('[data-focus]');
  if (focus) {
    focus.focus();
  }
});

// A live stream that reconnects begins with what it may have missed, so an item can arrive that the
// page already shows: items carry their event's id, and one already on the page is not added again.
document.addEventListener('htmx:sseBeforeMessage', (event) => {
  const id = event.detail.lastEventId;
  if (id && event.target.querySelector('[data-event-id="' + CSS.escape(id) + '"]')) {
    event.preventDefault();
  }
});
