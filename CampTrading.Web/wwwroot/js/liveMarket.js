// The shared market, drawn in the browser (docs/decisions/0043-the-shared-market-is-drawn-once-per-frame.md).
// The server writes each frame of an instrument's trade page or of the board once and sends the same bytes to every phone
// as Server-Sent Events; this module draws them. Pages attach their parts (header price, book, tape, chart, board) from
// Blazor; the parts of one page that follow the same stream share one EventSource. Everything a frame carries is drawn
// with textContent and attributes, never as HTML: names on the board are campers' own words. A viewer's own orders and
// trades are not in the frames: the page's circuit says which they are (setMine).

const streams = new Map(); // url -> { source, frame, views }

function follow(url, view, initial) {
  let stream = streams.get(url);
  if (!stream) {
    stream = { source: new EventSource(url), frame: null, views: new Set() };
    stream.source.onmessage = e => show(stream, JSON.parse(e.data));
    streams.set(url, stream);
  }
  if (initial) show(stream, typeof initial === 'string' ? JSON.parse(initial) : initial);
  stream.views.add(view);
  if (stream.frame) view.draw(stream.frame);
  return () => {
    stream.views.delete(view);
    if (stream.views.size > 0) return;
    stream.source.close();
    if (streams.get(url) === stream) streams.delete(url);
  };
}

function show(stream, frame) {
  if (!frame || (stream.frame && frame.v < stream.frame.v)) return; // an older picture than the one on screen
  stream.frame = frame;
  for (const view of stream.views) {
    try { view.draw(frame); } catch (e) { console.error('liveMarket: a part could not draw', e); }
  }
}

// ---- small DOM helpers ----

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) if (value != null && value !== false) e.setAttribute(name, value);
  for (const child of children) if (child != null) e.append(child);
  return e;
}

function setText(e, text) {
  if (e && e.textContent !== text) e.textContent = text;
}

function setAttr(e, name, value) {
  if (value == null || value === false) { if (e.hasAttribute(name)) e.removeAttribute(name); }
  else if (e.getAttribute(name) !== String(value)) e.setAttribute(name, value);
}

// Reuses the children of `list` by key (data-key), so a row a finger is on survives the next frame.
function reconcile(list, items, keyOf, create, update) {
  const old = new Map();
  for (const child of list.children) old.set(child.dataset.key, child);
  let at = list.firstElementChild;
  for (const item of items) {
    const key = String(keyOf(item));
    let row = old.get(key);
    if (row) old.delete(key);
    else { row = create(item); row.dataset.key = key; }
    update(row, item);
    if (row !== at) list.insertBefore(row, at);
    else at = at.nextElementSibling;
  }
  for (const row of old.values()) row.remove();
}

const format = (template, value) => template.replace('{0}', value);

// A part attached again to the same element (the circuit's call was lost in a dropped connection and made again)
// replaces the one before (each part disposes the element's earlier part first), so nothing is drawn or handled twice.
function claim(element, part) {
  element.__livePart = part;
  return part;
}

// ---- the trade page ----

/** The header's last price and change. */
export function header(root, url, initial) {
  const last = root.querySelector('[data-testid=last-price]');
  const change = root.querySelector('[data-testid=price-change]');
  root.__livePart?.dispose();
  const stop = follow(url, {
    draw(f) {
      setText(last, f.h.last);
      setText(change, f.h.change);
      setAttr(root, 'data-trend', f.h.trend);
    },
  }, initial);
  return claim(root, { dispose: stop });
}

/**
 * The order book: asks above (best nearest the middle), bids below, the viewer's own resting prices marked. Tapping or
 * pressing Enter on a row asks the circuit to fill the ticket (an ask → buy at it).
 * labels: { buyAt, sellAt, mine, noAsks, noBids, spread, lastPrice }
 */
export function book(root, url, labels, mine, dotnet, initial) {
  const asks = root.querySelector('[data-testid=book-asks]');
  const bids = root.querySelector('[data-testid=book-bids]');
  const last = root.querySelector('[data-testid=book-last]');
  const spread = root.querySelector('[data-testid=book-spread]');
  let own = new Set(mine ?? []);
  let frame = null;

  const row = side => () => el('li', { class: 'book-row', role: 'button', tabindex: '0' },
    el('span', { class: 'price' }), el('span', { class: 'num', 'data-testid': 'qty' }), el('span', { class: 'num muted' }));
  const update = side => (li, [price, priceText, qty, orders, depth]) => {
    const isMine = own.has(`${side === 'ask' ? 'S' : 'B'}${price}`);
    setAttr(li, 'class', `book-row ${side}${isMine ? ' mine' : ''}`);
    setAttr(li, 'data-testid', `book-${side}`);
    setAttr(li, 'data-price', price);
    setAttr(li, 'data-mine', isMine ? 'true' : null);
    setAttr(li, 'title', format(side === 'ask' ? labels.buyAt : labels.sellAt, priceText));
    if (li.style.getPropertyValue('--depth') !== depth) li.style.setProperty('--depth', depth);
    const [p, q, n] = li.children;
    setAttr(p, 'class', `price ${side === 'ask' ? 'down' : 'up'}`);
    if (p.firstChild?.nodeValue !== priceText || (p.children.length > 0) !== isMine) {
      p.replaceChildren(priceText);
      if (isMine) p.append(el('span', { class: 'own-mark', title: labels.mine, 'aria-label': labels.mine }, '●'));
    }
    setText(q, qty);
    setText(n, String(orders));
  };
  const side = (list, levels, name, emptyText, testId) => {
    if (levels.length === 0) {
      if (!list.querySelector('.book-empty')) list.replaceChildren(el('li', { class: 'book-empty muted', 'data-testid': testId }, emptyText));
      return;
    }
    list.querySelector('.book-empty')?.remove();
    reconcile(list, levels, l => l[0], row(name), update(name));
  };
  const draw = f => {
    frame = f;
    side(asks, [...f.b.asks].reverse(), 'ask', labels.noAsks, 'no-asks');
    side(bids, f.b.bids, 'bid', labels.noBids, 'no-bids');
    setText(last, f.b.mark);
    setText(spread, f.b.spread != null ? format(labels.spread, f.b.spread) : labels.lastPrice);
  };

  const pick = e => {
    const li = e.target.closest('.book-row');
    if (!li || !root.contains(li)) return;
    if (e.type === 'keydown' && e.key !== 'Enter' && e.key !== ' ') return;
    if (e.type === 'keydown') e.preventDefault();
    dotnet.invokeMethodAsync('Pick', li.classList.contains('ask') ? 'Buy' : 'Sell', Number(li.dataset.price));
  };
  root.__livePart?.dispose();
  root.addEventListener('click', pick);
  root.addEventListener('keydown', pick);
  const stop = follow(url, { draw }, initial);
  return claim(root, {
    setMine(list) {
      own = new Set(list ?? []);
      if (frame) draw(frame);
    },
    dispose() {
      root.removeEventListener('click', pick);
      root.removeEventListener('keydown', pick);
      stop();
    },
  });
}

/**
 * The trades tape, newest first, each price coloured by who took; the viewer's own trades marked.
 * labels: { buyer, seller, bought, sold }; mine: { tradeId: 'b' | 's' }
 */
export function tape(root, url, labels, mine, initial) {
  const empty = root.querySelector('[data-testid=no-trades]');
  const table = root.querySelector('table');
  const body = table.querySelector('tbody');
  let own = mine ?? {};
  let frame = null;

  const create = () => el('tr', { 'data-testid': 'trade-row' },
    el('td', { class: 'muted num' }), el('td', { 'data-testid': 'trade-price' }), el('td', { class: 'num', 'data-testid': 'trade-qty' }), el('td'));
  const update = (tr, [id, time, price, taker, qty]) => {
    const side = own[id];
    setAttr(tr, 'data-trade-id', id);
    setAttr(tr, 'class', side ? 'mine' : null);
    const [t, p, q, m] = tr.children;
    setText(t, time);
    setAttr(p, 'class', `num ${taker}`);
    setAttr(p, 'title', taker === 'up' ? labels.buyer : labels.seller);
    setText(p, price);
    setText(q, qty);
    const chip = side ? (side === 'b' ? labels.bought : labels.sold) : null;
    if ((m.firstElementChild?.textContent ?? null) !== chip) {
      m.replaceChildren(...(chip ? [el('span', { class: 'chip', 'data-testid': 'trade-mine' }, chip)] : []));
    }
  };
  const draw = f => {
    frame = f;
    empty.hidden = f.t.length > 0;
    table.hidden = f.t.length === 0;
    reconcile(body, f.t, t => t[0], create, update);
  };
  root.__livePart?.dispose();
  const stop = follow(url, { draw }, initial);
  return claim(root, {
    setMine(map) {
      own = map ?? {};
      if (frame) draw(frame);
    },
    dispose: stop,
  });
}

/**
 * Keeps a price chart (priceChart.js's handle) of one instrument current from a stream whose frames carry its candles (its
 * trade page's, or the board's while it features that instrument). mode: 'line' (today's minutes as a line) or a
 * candle interval (OneMinute, FiveMinutes, OneHour, OneDay); lastTime: the time of the last point the chart was given;
 * count: how many it was given (written as data-candles on the canvas); reference: the price a line starts from, a minute
 * before its first trade (as the server draws it when there are trades already).
 */
export function chart(url, instrumentId, handle, canvas, mode, lastTime, count, reference, initial) {
  let last = lastTime ?? 0;
  let shown = count ?? 0;
  let sent = '';
  canvas.dataset.candles = String(shown);
  const draw = f => {
    if ((f.ci ?? f.i) !== instrumentId) return;
    const bars = f.c?.[mode === 'line' ? 'OneMinute' : mode] ?? [];
    const fresh = bars.filter(b => b[0] >= last);
    if (fresh.length === 0) return;
    const items = fresh.map(([time, open, high, low, close, volume]) =>
      mode === 'line' ? { time, value: close } : { time, open, high, low, close, volume });
    if (mode === 'line' && shown === 0 && reference > 0) items.unshift({ time: items[0].time - 60, value: reference });
    const key = JSON.stringify(items);
    if (key === sent) return; // trades at the same price move nothing a line shows
    sent = key;
    for (const [time] of fresh) if (time > last) { shown++; last = time; }
    handle.update(items);
    canvas.dataset.candles = String(shown);
  };
  canvas.__livePart?.dispose();
  const stop = follow(url, { draw }, initial);
  return claim(canvas, { dispose: stop });
}

// ---- the board ----

/**
 * The board's moving parts: price tiles, movers or the day, the featured instrument's last trades, both rankings. The
 * page draws their frames (and may draw them anew, e.g. movers in place of the day), so they are looked up every frame.
 */
export function board(root, url, initial) {
  const medal = rank => ({ 1: 'gold', 2: 'silver', 3: 'bronze' })[rank] ?? null;

  const draw = f => {
    const part = name => root.querySelector(`[data-live=${name}]`);
    const tickers = part('tickers'), movers = part('movers'), day = part('day'), trades = part('tape');
    const noTrades = part('no-trades'), people = part('people'), teams = part('teams');
    const noPeople = part('no-people'), noTeams = part('no-teams');
    if (tickers && f.tickers) {
      reconcile(tickers, f.tickers, t => t[5], () => el('div', { 'data-testid': 'board-ticker' },
        el('div', { class: 'ticker-name' }, el('strong'), ' ', el('span')),
        el('div', { class: 'ticker-price num', 'data-testid': 'board-last-price' }),
        el('div', { class: 'ticker-change num', 'data-testid': 'board-change' })),
      (tile, [symbol, name, price, change, trend, id]) => {
        setAttr(tile, 'class', `ticker-tile ${trend}${id === f.featured ? ' featured' : ''}`);
        setAttr(tile, 'data-symbol', symbol);
        const [n, p, c] = tile.children;
        setText(n.firstElementChild, symbol);
        setText(n.lastElementChild, name);
        setText(p, price);
        setText(c, change);
      });
    }
    if (movers && f.movers) {
      reconcile(movers, f.movers, m => m[0], () => el('li', {}, el('strong'), el('span', { class: 'num' }), el('span', { class: 'num' })),
        (li, [symbol, price, percent, trend]) => {
          setAttr(li, 'class', trend);
          const [s, p, c] = li.children;
          setText(s, symbol); setText(p, price); setText(c, percent);
        });
    }
    if (day && f.day) {
      setText(day.querySelector('[data-live=open]'), f.day.open);
      setText(day.querySelector('[data-testid=board-high]'), f.day.high);
      setText(day.querySelector('[data-testid=board-low]'), f.day.low);
      setText(day.querySelector('[data-testid=board-volume]'), f.day.volume);
    }
    if (trades) {
      const tape = f.tape ?? [];
      if (noTrades) noTrades.hidden = tape.length > 0;
      reconcile(trades, tape, t => t[0], () => el('li', { 'data-testid': 'board-trade' },
        el('span', { class: 'muted num' }), ' ', el('span', { 'data-testid': 'board-trade-price' }), ' ', el('span', { class: 'num', 'data-testid': 'board-trade-qty' })),
      (li, [id, time, price, trend, qty]) => {
        setAttr(li, 'data-trade-id', id);
        const spans = li.querySelectorAll('span');
        setText(spans[0], time);
        setAttr(spans[1], 'class', `num ${trend}`);
        setText(spans[1], price);
        setText(spans[2], `× ${qty}`);
      });
    }
    const ranking = (list, none, rows, testId) => {
      if (!list) return;
      if (none) none.hidden = rows.length > 0;
      reconcile(list, rows, r => `${r[0]}:${r[1]}`, () => el('li', { 'data-testid': testId },
        el('span', { class: 'rank num' }), el('span', { class: 'who' }, '', el('small')), el('span', { class: 'num worth' })),
      (li, [rank, name, extra, worth]) => {
        setAttr(li, 'class', medal(rank));
        setAttr(li, 'data-rank', rank);
        const [r, who, w] = li.children;
        setText(r, String(rank));
        if (who.firstChild.nodeValue !== name) who.firstChild.nodeValue = name;
        setText(who.lastElementChild, extra ?? '');
        who.lastElementChild.hidden = extra == null;
        setText(w, worth);
      });
    };
    ranking(people, noPeople, f.people ?? [], 'board-rank-row');
    ranking(teams, noTeams, f.teams ?? [], 'board-team-row');
  };
  root.__livePart?.dispose();
  const stop = follow(url, { draw }, initial);
  return claim(root, { dispose: stop });
}
