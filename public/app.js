// The exo dashboard: follows GET /v1/events (server-sent events, read with fetch so a Bearer
// token can be sent) and keeps the page in step; places and cancels orders through /v1/orders;
// halts and resumes trading through the kill switch (kill-switch.js); shows the risk usage
// (risk-gauges.js).
// Everything from the server is written with textContent, never as HTML.

import { killSwitch } from './kill-switch.js';
import { riskGauges } from './risk-gauges.js';
import { spread } from './spread.js';
import { venuePanel } from './venue-panel.js';

const TERMINAL = new Set(['filled', 'canceled', 'rejected', 'expired']);
const MAX_ORDERS = 200;
const MAX_FILLS = 100;

const state = {
  token: sessionStorage.getItem('exo-token') ?? '',
  orders: new Map(),
  rows: new Map(),
  quotes: new Map(),
  /** The fills in the feed, by order and execution ID: the stream and a reload may both bring one. */
  fills: new Set(),
  // Whether a live feed is not live (from /healthz): every working order then waits for data.
  feedDown: false,
};

const $ = (selector) => document.querySelector(selector);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function headers(extra = {}) {
  return state.token === '' ? extra : { ...extra, authorization: `Bearer ${state.token}` };
}

function setConnection(label, connectionState) {
  const badge = $('#connection');
  badge.textContent = label;
  badge.dataset.state = connectionState;
}

// ---- the event stream -------------------------------------------------------------------

async function follow() {
  let delay = 500;
  for (;;) {
    try {
      const response = await fetch('/v1/events', { headers: headers({ accept: 'text/event-stream' }) });
      if (response.status === 401) return askForToken(response);
      if (!response.ok || response.body === null) throw new Error(`status ${response.status}`);
      setConnection('live', 'live');
      delay = 500;
      await readEvents(response.body);
    } catch {
      // The stream dropped: reconnect below.
    }
    setConnection('reconnecting…', 'down');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}

/** The server refused the token (or its absence): says why, by its message, and asks for one. */
async function askForToken(response) {
  const body = await response.json().catch(() => ({}));
  setConnection(state.token === '' ? 'token needed' : 'token refused', 'down');
  state.token = '';
  sessionStorage.removeItem('exo-token');
  $('#token-result').textContent = body.message ?? `refused (${response.status})`;
  $('#token-form').hidden = false;
}

async function readEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
}

function dispatch(block) {
  let name = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) name = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (data === '') return;
  const payload = JSON.parse(data);
  switch (name) {
    case 'hello':
      return onHello(payload);
    case 'quote':
      return showQuote(payload);
    case 'stats':
      return showStats(payload);
    case 'trading_state':
      return trading.onTradingState();
    case 'halt_confirmed':
      return trading.onHaltConfirmed(payload);
    case 'risk_breach':
      return risk.refresh();
    case 'child_unknown':
      venue.refresh();
      return onOrderEvent(name, payload);
    default:
      return onOrderEvent(name, payload);
  }
}

function onHello(hello) {
  fillSelect($('#order-form select[name=symbol]'), hello.symbols);
  fillSelect($('#order-form select[name=algo]'), hello.algos);
  trading.onHello(hello.symbols);
  risk.start();
  venue.start();
  for (const order of [...hello.orders].reverse()) showOrder(order);
  for (const quote of hello.quotes) showQuote(quote);
  showStats(hello.stats);
  void loadFills(hello.orders);
}

/**
 * The recent fills of the orders listed, for a page just (re)opened: the stream only carries fills
 * from now on. Orders with a fill, last changed first, until the feed would be full.
 */
async function loadFills(orders) {
  const filled = orders.filter((order) => Number(order.cumQty) > 0);
  filled.sort((a, b) => b.updatedAt - a.updatedAt);
  let loaded = 0;
  for (const { orderId } of filled) {
    if (loaded >= MAX_FILLS) return;
    const response = await fetch(`/v1/orders/${encodeURIComponent(orderId)}`, { headers: headers() });
    if (!response.ok) continue;
    const order = await response.json();
    for (const fill of order.fills) showFill(order, fill);
    loaded += order.fills.length;
  }
}

function fillSelect(select, values) {
  const current = select.value;
  select.replaceChildren(...values.map((value) => element('option', value)));
  if (values.includes(current)) select.value = current;
}

function onOrderEvent(kind, event) {
  if (event.order !== undefined) showOrder(event.order);
  if (kind === 'fill' && event.fill !== undefined) {
    showFill(event.order, event.fill);
    risk.refresh();
  }
}

// ---- orders -------------------------------------------------------------------------------

function showOrder(order) {
  const known = state.orders.get(order.orderId);
  // The POST answer and the stream race: never let an older picture replace a newer one.
  if (known !== undefined && (known.updatedAt > order.updatedAt || TERMINAL.has(known.status))) return;
  state.orders.set(order.orderId, order);
  let row = state.rows.get(order.orderId);
  if (row === undefined) {
    row = newOrderRow(order);
    state.rows.set(order.orderId, row);
    $('#orders tbody').prepend(row.tr);
    trimOrders();
  }
  const filled = Number(order.cumQty);
  const total = Number(order.quantity);
  row.progress.max = total > 0 ? total : 1;
  row.progress.value = filled;
  row.quantity.textContent = order.quantity;
  row.cumQty.textContent = order.cumQty;
  row.leavesQty.textContent = order.leavesQty;
  row.avgPx.textContent = order.avgPx ?? '–';
  row.limit.textContent = order.limitPrice ?? 'none';
  row.status.textContent = order.status.replaceAll('_', ' ');
  row.status.dataset.status = order.status;
  row.cancel.hidden = TERMINAL.has(order.status);
  markWaiting(row, order);
}

// A working order waits for market data while its symbol has had no quote or a feed is down
// (what GET /v1/orders/:id says as `waitingFor: "market_data"`).
function markWaiting(row, order) {
  const waiting = !TERMINAL.has(order.status) && (!state.quotes.has(order.symbol) || state.feedDown);
  row.waiting.textContent = waiting ? 'waiting for market data' : '';
}

function markAllWaiting() {
  for (const [orderId, row] of state.rows) markWaiting(row, state.orders.get(orderId));
}

function newOrderRow(order) {
  const tr = element('tr');
  tr.dataset.orderId = order.orderId;
  const time = element('time', new Date(order.createdAt).toLocaleTimeString());
  time.dateTime = new Date(order.createdAt).toISOString();
  const timeCell = element('td');
  timeCell.append(time);
  const progress = element('progress');
  const progressCell = element('td', undefined, 'progress');
  progressCell.append(progress);
  const status = element('span', '', 'status');
  const waiting = element('span', '', 'waiting');
  const statusCell = element('td');
  statusCell.append(status, waiting);
  const cancel = element('button', 'Cancel', 'cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => cancelOrder(order.orderId, cancel));
  const cancelCell = element('td');
  cancelCell.append(cancel);
  const row = {
    tr,
    progress,
    quantity: element('td', '', 'num'),
    cumQty: element('td', '', 'num'),
    leavesQty: element('td', '', 'num'),
    avgPx: element('td', '', 'num'),
    limit: element('td', '', 'num'),
    status,
    waiting,
    cancel,
  };
  tr.append(
    timeCell,
    element('td', order.orderId),
    element('td', order.side, order.side),
    element('td', order.symbol),
    element('td', order.algo),
    row.quantity,
    row.cumQty,
    row.leavesQty,
    progressCell,
    row.avgPx,
    row.limit,
    statusCell,
    cancelCell,
  );
  return row;
}

function trimOrders() {
  const body = $('#orders tbody');
  while (body.rows.length > MAX_ORDERS) {
    const last = body.rows[body.rows.length - 1];
    state.rows.delete(last.dataset.orderId);
    state.orders.delete(last.dataset.orderId);
    last.remove();
  }
}

async function cancelOrder(orderId, button) {
  button.disabled = true;
  const response = await fetch(`/v1/orders/${encodeURIComponent(orderId)}`, {
    method: 'DELETE',
    headers: headers(),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    report(false, body.message ?? `cancel failed (${response.status})`);
    button.disabled = false;
  }
}

// ---- fills, quotes, stats ----------------------------------------------------------------

/** Puts a fill in the feed, newest first, once however often it arrives. */
function showFill(order, fill) {
  const key = `${order.orderId} ${fill.execId}`;
  if (state.fills.has(key)) return;
  state.fills.add(key);
  const item = element('li');
  item.dataset.key = key;
  item.dataset.time = String(fill.time);
  const time = element('time', new Date(fill.time).toLocaleTimeString());
  item.append(
    time,
    element('span', order.side, order.side),
    element('span', `${fill.qty} ${order.symbol} @ ${fill.px}`),
    element('span', order.orderId),
  );
  const feed = $('#fills');
  const older = [...feed.children].find((shown) => Number(shown.dataset.time) < fill.time);
  feed.insertBefore(item, older ?? null);
  while (feed.children.length > MAX_FILLS) {
    state.fills.delete(feed.lastElementChild.dataset.key);
    feed.lastElementChild.remove();
  }
}

function showQuote(quote) {
  let row = state.quotes.get(quote.symbol);
  if (row === undefined) {
    const tr = element('tr');
    row = { tr, bid: element('td', '', 'num buy'), ask: element('td', '', 'num sell'), spread: element('td', '', 'num') };
    tr.append(element('td', quote.symbol), row.bid, row.ask, row.spread);
    state.quotes.set(quote.symbol, row);
    const body = $('#quotes tbody');
    const after = [...body.rows].find((r) => r.firstChild.textContent > quote.symbol);
    body.insertBefore(tr, after ?? null);
    markAllWaiting();
  }
  row.bid.replaceChildren(quote.bidPx, element('span', ` × ${quote.bidQty}`, 'size'));
  row.ask.replaceChildren(quote.askPx, element('span', ` × ${quote.askQty}`, 'size'));
  row.spread.textContent = spread(quote.bidPx, quote.askPx);
}

function showStats(stats) {
  const figures = {
    liveOrders: stats.liveOrders,
    ticksIn: stats.marketTicksIn,
    ticksDispatched: stats.quotesDispatched + stats.tradesDispatched,
    conflationRatio: `${stats.conflationRatio.toFixed(2)}×`,
    updatesDelivered: stats.updatesDelivered,
    reports: stats.reports,
  };
  for (const [name, value] of Object.entries(figures)) {
    const cell = document.querySelector(`[data-stat="${name}"]`);
    if (cell !== null) cell.textContent = typeof value === 'number' ? value.toLocaleString() : value;
  }
}

// ---- health -----------------------------------------------------------------------------

const HEALTH_POLL_MS = 5_000;

// Polls GET /healthz (no token needed) and shows a banner unless exo is ok: a live feed that is
// not live (its state and since when), or intake closed (recovering, journal unavailable).
async function watchHealth() {
  for (;;) {
    try {
      const response = await fetch('/healthz');
      showHealth(await response.json());
    } catch {
      // The server is unreachable: the connection badge says so already.
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
}

function showHealth(health) {
  const badge = $('#health');
  const down = (health.feeds ?? []).filter((feed) => feed.state !== 'live' && feed.state !== 'idle');
  badge.hidden = health.status === 'ok';
  if (down.length > 0) {
    const named = down.map(
      (feed) => `${feed.exchange} ${feed.state} since ${new Date(feed.since).toLocaleTimeString()}`,
    );
    badge.textContent = `market data: ${named.join(', ')}`;
  } else {
    badge.textContent = health.reason ?? health.status;
  }
  badge.dataset.status = health.status;
  state.feedDown = down.length > 0;
  markAllWaiting();
}

// ---- the order form -----------------------------------------------------------------------

function report(ok, message) {
  const output = $('#form-result');
  output.dataset.ok = String(ok);
  output.textContent = message;
}

async function placeOrder(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const order = {
    side: form.get('side'),
    symbol: form.get('symbol'),
    quantity: String(form.get('quantity')).trim(),
    algo: form.get('algo'),
  };
  const limitPrice = String(form.get('limitPrice')).trim();
  if (limitPrice !== '') order.limitPrice = limitPrice;
  const params = String(form.get('params')).trim();
  if (params !== '') {
    try {
      order.params = JSON.parse(params);
    } catch {
      report(false, 'params: not valid JSON');
      return;
    }
  }
  const response = await fetch('/v1/orders', {
    method: 'POST',
    headers: headers({ 'content-type': 'application/json' }),
    body: JSON.stringify(order),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 201) {
    report(true, `placed ${body.orderId}`);
    showOrder(body);
  } else {
    report(false, body.message ?? `refused (${response.status})`);
  }
}

const trading = killSwitch(headers);
const risk = riskGauges(headers);
const venue = venuePanel(headers);
$('#order-form').addEventListener('submit', placeOrder);
$('#token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.token = $('#token').value;
  sessionStorage.setItem('exo-token', state.token);
  $('#token-form').hidden = true;
  void follow();
});
void follow();
void watchHealth();
