// The price chart on TradingView lightweight-charts 5.2.1 (vendored under /lib), in one of two styles:
//   line     today's price as a filled line from the reference price (the previous close), with a pulsing last point:
//            points arrive as { time, value };
//   candles  candlesticks with volume: { time, open, high, low, close, volume }.
// Times are unix seconds, already shifted to camp time. Blazor calls create(element, { style, reference, fill }, data)
// and then, on the returned object, setData / update / dispose. "fill" stretches the data across the whole width (the
// projector board); otherwise a handful of candles keeps a readable spacing.

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

// The theme writes its colours as #rrggbb or rgb()/rgba() (MudBlazor's palette): both take an alpha here.
function withAlpha(colour, alpha) {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(colour);
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : colour;
}

const integer = new Intl.NumberFormat('zh-TW', { maximumFractionDigits: 0 });

export async function create(element, options, data) {
  const LC = await loadLibrary();
  element.__chart?.dispose(); // made again after a dropped connection lost the first answer: one chart per element
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
      fontSize: options.fill ? Math.max(12, Math.round(element.clientHeight / 28)) : 12,
    },
    grid: { vertLines: { color: withAlpha(border, 0.5) }, horzLines: { color: withAlpha(border, 0.5) } },
    rightPriceScale: { borderColor: border },
    timeScale: { borderColor: border, timeVisible: true, secondsVisible: false, rightOffset: options.fill ? 1 : 3, minBarSpacing: 1 },
    localization: { locale: 'zh-TW', priceFormatter: p => integer.format(p) },
    handleScroll: { vertTouchDrag: false }, // let a vertical swipe scroll the page on phones
  });

  const series = options.style === 'line' ? lineSeries(LC, chart, options.reference, up, down, text) : candleSeries(LC, chart, up, down);

  const minSpacing = 6;
  const handle = {
    setData(list) {
      series.setData(list);
      const timeScale = chart.timeScale();
      const width = element.clientWidth || 300;
      // A line fills the frame; a handful of candles stretched across the whole width would be unreadable: until
      // there are enough, give them a generous fixed spacing (as if ~24 bars filled the view) and keep the latest in sight.
      if (options.fill || options.style === 'line' || list.length * minSpacing > width) timeScale.fitContent();
      else {
        timeScale.applyOptions({ barSpacing: Math.max(minSpacing, Math.min(28, width / Math.max(list.length + 4, 24))) });
        timeScale.scrollToRealTime();
      }
    },
    update(list) {
      for (const item of list) series.update(item);
      if (options.fill || options.style === 'line') chart.timeScale().fitContent();
    },
    dispose() {
      if (element.__chart === handle) element.__chart = undefined;
      if (!removed) chart.remove();
      removed = true;
    },
  };
  let removed = false;
  element.__chart = handle;
  handle.setData(data);
  return handle;
}

// Red above the reference price, green below (Taiwanese colours), a dashed line at the reference, a last point that
// pulses when a trade arrives (a continuous pulse repaints the canvas every frame: a phone's battery, for nothing).
function lineSeries(LC, chart, reference, up, down, text) {
  const area = chart.addSeries(LC.AreaSeries, {
    lineWidth: 3,
    priceFormat: { type: 'price', precision: 0, minMove: 1 },
    lastPriceAnimation: LC.LastPriceAnimationMode.OnDataUpdate,
    crosshairMarkerRadius: 5,
  });
  area.priceScale().applyOptions({ scaleMargins: { top: 0.12, bottom: 0.08 } });
  if (reference > 0) {
    area.createPriceLine({ price: reference, color: text, lineWidth: 1, lineStyle: LC.LineStyle.Dashed, axisLabelVisible: false });
  }
  let last = 0;
  const paint = () => {
    const colour = reference > 0 && last < reference ? down : reference > 0 && last > reference ? up : text;
    area.applyOptions({ lineColor: colour, topColor: withAlpha(colour, 0.35), bottomColor: withAlpha(colour, 0.02) });
  };
  return {
    setData(points) {
      area.setData(points);
      last = points.length ? points[points.length - 1].value : 0;
      paint();
    },
    update(point) {
      area.update(point);
      last = point.value;
      paint();
    },
  };
}

function candleSeries(LC, chart, up, down) {
  const candles = chart.addSeries(LC.CandlestickSeries, {
    upColor: up, downColor: down, wickUpColor: up, wickDownColor: down, borderVisible: false,
    priceFormat: { type: 'price', precision: 0, minMove: 1 },
  });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.28 } });

  const volume = chart.addSeries(LC.HistogramSeries, {
    priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false, priceLineVisible: false,
  });
  volume.priceScale().applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });

  const volumeBar = c => ({ time: c.time, value: c.volume, color: withAlpha(c.close >= c.open ? up : down, 0.45) });
  const bar = c => ({ time: c.time, open: c.open, high: c.high, low: c.low, close: c.close });
  return {
    setData(list) {
      candles.setData(list.map(bar));
      volume.setData(list.map(volumeBar));
    },
    update(c) {
      candles.update(bar(c));
      volume.update(volumeBar(c));
    },
  };
}
