// Candlestick + volume chart on TradingView lightweight-charts 5.2.1 (vendored under /lib).
// Blazor calls create(element, candles) and then, on the returned object, setData / update / dispose.
// Candles arrive as { time (unix seconds, already shifted to camp time), open, high, low, close, volume }.

const libraryUrl = new URL('../lib/lightweight-charts/5.2.1/lightweight-charts.standalone.production.js', import.meta.url).href;
let loading;

function loadLibrary() {
  if (window.LightweightCharts) return Promise.resolve(window.LightweightCharts);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = libraryUrl;
    script.async = true;
    script.onload = () => resolve(window.LightweightCharts);
    script.onerror = () => { loading = undefined; reject(new Error(`Could not load ${libraryUrl}`)); };
    document.head.appendChild(script);
  });
  return loading;
}

function cssColor(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function withAlpha(hex, alpha) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const integer = new Intl.NumberFormat('zh-TW', { maximumFractionDigits: 0 });

export async function create(element, candles) {
  const LC = await loadLibrary();
  const up = cssColor('--camp-up', '#ea3943');
  const down = cssColor('--camp-down', '#16c784');
  const text = cssColor('--camp-muted', '#93a4c3');
  const border = cssColor('--camp-border', '#22304d');

  const chart = LC.createChart(element, {
    autoSize: true,
    layout: {
      background: { type: LC.ColorType.Solid, color: 'transparent' },
      textColor: text,
      fontFamily: getComputedStyle(document.body).fontFamily,
    },
    grid: { vertLines: { color: withAlpha(border, 0.5) }, horzLines: { color: withAlpha(border, 0.5) } },
    rightPriceScale: { borderColor: border },
    timeScale: { borderColor: border, timeVisible: true, secondsVisible: false, rightOffset: 3, minBarSpacing: 4 },
    localization: { locale: 'zh-TW', priceFormatter: p => integer.format(p) },
    handleScroll: { vertTouchDrag: false }, // let a vertical swipe scroll the page on phones
  });

  const candleSeries = chart.addSeries(LC.CandlestickSeries, {
    upColor: up, downColor: down, wickUpColor: up, wickDownColor: down, borderVisible: false,
    priceFormat: { type: 'price', precision: 0, minMove: 1 },
  });
  candleSeries.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.28 } });

  const volumeSeries = chart.addSeries(LC.HistogramSeries, {
    priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false, priceLineVisible: false,
  });
  volumeSeries.priceScale().applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });

  const volumeBar = c => ({ time: c.time, value: c.volume, color: withAlpha(c.close >= c.open ? up : down, 0.45) });
  const bar = c => ({ time: c.time, open: c.open, high: c.high, low: c.low, close: c.close });

  const minSpacing = 6;
  const handle = {
    setData(list) {
      candleSeries.setData(list.map(bar));
      volumeSeries.setData(list.map(volumeBar));
      // fitContent would stretch a handful of candles across the whole width: until there are enough,
      // give them a generous fixed spacing (as if ~24 bars filled the view) and keep the latest in sight.
      const timeScale = chart.timeScale();
      const width = element.clientWidth || 300;
      if (list.length * minSpacing > width) timeScale.fitContent();
      else {
        timeScale.applyOptions({ barSpacing: Math.max(minSpacing, Math.min(28, width / Math.max(list.length + 4, 24))) });
        timeScale.scrollToRealTime();
      }
    },
    update(list) {
      for (const c of list) {
        candleSeries.update(bar(c));
        volumeSeries.update(volumeBar(c));
      }
    },
    dispose() {
      chart.remove();
    },
  };
  handle.setData(candles);
  return handle;
}
