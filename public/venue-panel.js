// The dashboard's venue panel: where the venue stands, from GET /v1/venue, read every few seconds
// and when a child's outcome becomes unknown. For a venue reached over a connection: whether the
// link is up (or catching up, or order entry stopped, and why), its counters (the link's own too:
// a FIX session's resends, gap fills, rejects), a gauge per rate
// limit the venue publishes; for every venue, the children whose request's outcome is unknown.
// Hidden when the server has no such route or refuses it. Server text is written with textContent.

const POLL_MS = 2_000;

const $ = (selector) => document.querySelector(selector);

function item(text, dataset = {}) {
  const li = document.createElement('li');
  li.textContent = text;
  Object.assign(li.dataset, dataset);
  return li;
}

/** The link's state in a word, for the badge: stopped outranks down, down outranks catching up. */
function linkState(link) {
  if (link.stopped !== undefined) return ['stopped', `order entry stopped: ${link.stopped}`];
  if (!link.connected) return ['down', 'disconnected'];
  if (link.catchingUp) return ['catching-up', 'catching up'];
  return ['up', 'connected'];
}

function rateGauge(rate) {
  const li = document.createElement('li');
  li.dataset.limit = rate.name;
  const label = document.createElement('span');
  label.textContent = rate.name;
  const meter = document.createElement('meter');
  meter.min = 0;
  meter.max = rate.limit > 0 ? rate.limit : 1;
  meter.high = meter.max * 0.8;
  meter.optimum = 0;
  meter.value = Math.max(0, rate.used);
  const figures = document.createElement('span');
  figures.className = 'figures';
  figures.textContent = `${rate.used} / ${rate.limit}`;
  li.append(label, meter, figures);
  return li;
}

/**
 * Starts following GET /v1/venue with `headers()` (the page's token). Returns `start` (once the
 * stream says hello) and `refresh`, for the event stream to call when a child becomes unknown.
 */
export function venuePanel(headers) {
  let polling = false;

  async function refresh() {
    const response = await fetch('/v1/venue', { headers: headers() }).catch(() => undefined);
    if (response === undefined) return;
    const panel = $('#venue');
    if (!response.ok) {
      panel.hidden = true;
      return;
    }
    show(await response.json());
    panel.hidden = false;
  }

  function show(status) {
    $('#venue-name').textContent = status.name;
    const badge = $('#venue-link');
    const counters = $('#venue-counters');
    if (status.link === undefined) {
      badge.textContent = 'in process';
      badge.dataset.state = 'up';
      counters.replaceChildren();
      $('#venue-rates').replaceChildren();
    } else {
      const { link } = status;
      const [state, label] = linkState(link);
      badge.textContent = label;
      badge.dataset.state = state;
      counters.replaceChildren(
        item(`${link.working} working`, { counter: 'working' }),
        item(`${link.unconfirmed} unanswered`, { counter: 'unconfirmed' }),
        item(`${link.connections} connections`, { counter: 'connections' }),
        item(`${link.restarts} venue restarts`, { counter: 'restarts' }),
        ...Object.entries(link.counters ?? {}).map(([name, value]) =>
          item(`${value} ${name}`, { counter: name }),
        ),
      );
      $('#venue-rates').replaceChildren(...(link.rateLimits ?? []).map(rateGauge));
    }
    const unknown = status.unknownChildren;
    $('#venue-unknown-none').hidden = unknown.length > 0;
    $('#venue-unknown').replaceChildren(
      ...unknown.map((child) =>
        item(`${child.clOrdId} (order ${child.orderId})`, {
          orderId: child.orderId,
          clOrdId: child.clOrdId,
        }),
      ),
    );
  }

  async function poll() {
    await refresh();
    setTimeout(poll, POLL_MS);
  }

  return {
    /** Reads the venue now and every POLL_MS from then on (once: later calls read it now). */
    start() {
      if (polling) return void refresh();
      polling = true;
      void poll();
    },
    /** Reads the venue now: a child's outcome became unknown. */
    refresh() {
      void refresh();
    },
  };
}
