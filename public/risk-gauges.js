// The dashboard's risk panel: where exo stands per symbol (position, worst-case exposure, the
// day's traded notional and P&L), a gauge of each exposure limit and child rate set (its usage
// against the limit), and the refusals and throttle delays by rule, from GET /v1/risk, read every
// few seconds and after each fill. Hidden when the server has no such route or refuses it.
// Everything from the server is written with textContent.

const POLL_MS = 2_000;

const $ = (selector) => document.querySelector(selector);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (className !== undefined) td.className = className;
  return td;
}

/** A rule as the limits file names it, with whose it is: `BTC-USD maxLongPosition`, `total maxDailyLoss`. */
function gaugeLabel(row) {
  return row.symbol === undefined ? `total ${row.rule.replace('.total', '')}` : `${row.symbol} ${row.rule}`;
}

/**
 * Starts following GET /v1/risk with `headers()` (the page's token). Returns `refresh`, for the
 * event stream to call when a fill or a breach changes the figures.
 */
export function riskGauges(headers) {
  let polling = false;

  async function refresh() {
    const response = await fetch('/v1/risk', { headers: headers() }).catch(() => undefined);
    const panel = $('#risk');
    if (response === undefined) return;
    if (!response.ok) {
      panel.hidden = true;
      return;
    }
    show(await response.json());
    panel.hidden = false;
  }

  function show(usage) {
    $('#risk-symbols tbody').replaceChildren(
      ...usage.symbols.map((s) => {
        const tr = document.createElement('tr');
        tr.dataset.symbol = s.symbol;
        const pnl = Number(s.dailyPnl);
        tr.append(
          cell(s.symbol),
          cell(s.position, 'num'),
          cell(s.exposure, 'num'),
          cell(s.dailyTraded, 'num'),
          cell(s.dailyPnl, `num ${pnl < 0 ? 'sell' : pnl > 0 ? 'buy' : ''}`),
        );
        return tr;
      }),
    );
    const set = usage.limits.filter((row) => row.limit !== undefined);
    const rates = usage.rates ?? [];
    $('#risk-none').hidden = set.length + rates.length > 0;
    $('#risk-gauges').replaceChildren(
      ...set.map((row) =>
        gauge(row, `${row.value ?? 'unpriced'} / ${row.limit}${row.breached === true ? ' breached' : ''}`),
      ),
      ...rates.map((row) => gauge(row, `${row.value} / ${row.limit} a second`)),
    );
    showCounts(usage.refusals ?? {}, usage.delays ?? {});
  }

  /** One gauge: the rule and whose, a meter of its value against its limit, and `figures`. */
  function gauge(row, figures) {
    const item = document.createElement('li');
    item.dataset.rule = row.rule;
    if (row.symbol !== undefined) item.dataset.symbol = row.symbol;
    const label = document.createElement('span');
    label.textContent = gaugeLabel(row);
    const meter = document.createElement('meter');
    const limit = Number(row.limit);
    meter.min = 0;
    meter.max = limit > 0 ? limit : 1;
    meter.high = meter.max * 0.8;
    meter.optimum = 0;
    meter.value = row.value === null ? 0 : Math.max(0, Number(row.value));
    const text = document.createElement('span');
    text.className = 'figures';
    text.textContent = figures;
    if (row.breached === true) item.dataset.breached = 'true';
    item.append(label, meter, text);
    return item;
  }

  /** The refusals and delays so far by rule, or that there were none. */
  function showCounts(refusals, delays) {
    const parts = [];
    const list = (title, counts, kind) => {
      const rules = Object.keys(counts).sort();
      if (rules.length === 0) return;
      parts.push(document.createTextNode(parts.length === 0 ? `${title}: ` : `; ${title}: `));
      rules.forEach((rule, i) => {
        const item = document.createElement('span');
        item.dataset.kind = kind;
        item.dataset.rule = rule;
        item.textContent = `${rule} ${counts[rule]}`;
        parts.push(...(i === 0 ? [] : [document.createTextNode(', ')]), item);
      });
    };
    list('Refused', refusals, 'refused');
    list('delayed', delays, 'delayed');
    $('#risk-refusals').replaceChildren(
      ...(parts.length === 0 ? [document.createTextNode('No request refused or delayed.')] : parts),
    );
  }

  async function poll() {
    await refresh();
    setTimeout(poll, POLL_MS);
  }

  return {
    /** Reads the figures now and every POLL_MS from then on (once: later calls read them now). */
    start() {
      if (polling) return void refresh();
      polling = true;
      void poll();
    },
    /** Reads the figures now: a fill or a breach changed them. */
    refresh() {
      void refresh();
    },
  };
}
