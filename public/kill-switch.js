// The dashboard's kill switch: shows the trading states (GET /v1/trading, refreshed on every
// trading_state and halt_confirmed event) and halts or resumes trading, everywhere or for one
// symbol, after an in-page confirmation. Everything from the server is written with textContent.

const $ = (selector) => document.querySelector(selector);

function children(count) {
  return `${count} working ${count === 1 ? 'child' : 'children'}`;
}

/** The scope a change or confirmation names, in words: `global` or the symbol. */
function scopeName(scoped) {
  return scoped.scope === 'global' ? 'global' : scoped.symbol;
}

/**
 * Wires the kill switch's controls; `headers(extra)` gives the request headers with the page's
 * token. Returns what the event stream feeds it.
 */
export function killSwitch(headers) {
  const trading = {
    /** GET /v1/trading's latest answer. */
    status: undefined,
    /** The latest halt_confirmed event: how many children the last halt cancelled. */
    confirmation: undefined,
  };

  async function refresh() {
    const response = await fetch('/v1/trading', { headers: headers() }).catch(() => undefined);
    if (response === undefined || !response.ok) return;
    trading.status = await response.json();
    render();
  }

  function render() {
    const { status, confirmation } = trading;
    if (status === undefined) return;
    const badge = $('#trading');
    badge.textContent = `trading ${status.global}`;
    badge.dataset.trading = status.global;

    const states = [];
    if (status.global !== 'active') states.push(`trading ${status.global} (global)`);
    for (const [symbol, { own }] of Object.entries(status.symbols)) {
      if (own !== 'active') states.push(`${symbol} ${own}`);
    }
    const halted =
      status.global === 'halted' || Object.values(status.symbols).some((s) => s.own === 'halted');
    const awaiting = status.awaitingCancel.length;
    let cancels = '';
    if (awaiting > 0) cancels = `cancelling ${children(awaiting)}, awaiting the venue`;
    else if (halted && confirmation !== undefined) {
      cancels = `${children(confirmation.children)} cancelled (${scopeName(confirmation)}), confirmed by the venue`;
    } else if (halted && status.confirmedAt !== undefined) {
      cancels = `cancels confirmed by the venue at ${new Date(status.confirmedAt).toLocaleTimeString()}`;
    }
    const banner = $('#trading-banner');
    banner.hidden = states.length === 0 && cancels === '';
    banner.dataset.trading = status.global === 'active' && !halted ? 'partial' : status.global;
    $('#trading-states').textContent = states.join(' · ');
    $('#trading-cancels').textContent = cancels;
  }

  function result(message) {
    $('#trading-result').textContent = message;
  }

  /** Asks for a confirmation of `action` (halt or resume) on the chosen scope, in the page's dialog. */
  function confirmChange(action) {
    const symbol = $('#trading-scope').value;
    const where = symbol === '' ? 'every symbol' : symbol;
    const dialog = $('#trading-confirm');
    $('#trading-confirm-title').textContent =
      action === 'halt' ? `Halt trading on ${where}?` : `Resume trading on ${where}?`;
    $('#trading-confirm-text').textContent =
      action === 'halt'
        ? 'Every working child order will be cancelled, and new orders refused until trading resumes.'
        : 'Orders will be taken again, and working orders go on trading.';
    const ok = $('#trading-confirm-ok');
    ok.textContent = action === 'halt' ? 'Halt' : 'Resume';
    ok.className = action === 'halt' ? 'halt' : '';
    dialog.dataset.action = action;
    dialog.returnValue = '';
    dialog.querySelector('form').reset();
    dialog.showModal();
  }

  async function change(action, symbol, reason) {
    result(action === 'halt' ? 'halting…' : 'resuming…');
    const body = { by: 'dashboard' };
    if (symbol !== '') body.symbol = symbol;
    if (reason !== '') body.reason = reason;
    const response = await fetch(`/v1/${action}`, {
      method: 'POST',
      headers: headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (response === undefined) return result(`${action} failed: exo cannot be reached`);
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) return result(answer.message ?? `${action} refused (${response.status})`);
    // The banner follows the cancels until the venue confirmed them all.
    const at = new Date(answer.time).toLocaleTimeString();
    result(`${action === 'halt' ? 'halted' : 'resumed'} (${scopeName(answer)}) at ${at}`);
    await refresh();
  }

  $('#halt').addEventListener('click', () => confirmChange('halt'));
  $('#resume').addEventListener('click', () => confirmChange('resume'));
  $('#trading-confirm').addEventListener('close', (event) => {
    const dialog = event.target;
    if (dialog.returnValue !== 'confirm') return;
    const reason = String(new FormData(dialog.querySelector('form')).get('reason') ?? '').trim();
    void change(dialog.dataset.action, $('#trading-scope').value, reason);
  });

  return {
    /** A new stream: the symbols to choose from, and the states as they are now. */
    onHello(symbols) {
      const select = $('#trading-scope');
      const current = select.value;
      const all = select.options[0];
      const options = symbols.map((symbol) => {
        const option = document.createElement('option');
        option.textContent = symbol;
        return option;
      });
      select.replaceChildren(all, ...options);
      if (symbols.includes(current)) select.value = current;
      void refresh();
    },
    /** A trading_state event: a state changed. */
    onTradingState() {
      void refresh();
    },
    /** A halt_confirmed event: the venue ended every child a halt cancelled. */
    onHaltConfirmed(event) {
      trading.confirmation = event;
      void refresh();
    },
  };
}
