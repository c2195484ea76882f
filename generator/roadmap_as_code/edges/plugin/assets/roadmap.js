/* Renders the roadmap's charts: every <div class="roadmap-chart"> whose
   data-chart-json names the element holding its plotly figure JSON.
   Added by the roadmap-as-code plugin (extra_javascript) on Material sites;
   plotly.min.js sits next to this file and is loaded only on pages with charts:
   plotly.js's basic bundle, which draws bar, scatter and pie traces only. */
(function () {
  "use strict";

  const CHART = ".roadmap-chart";
  const TOKEN = /^--[A-Za-z0-9_-]+$/;
  const COLOUR_KEY = /colou?r$/i;
  const TRANSPARENT = "rgba(0,0,0,0)";
  const CONFIG = {
    responsive: true,
    displaylogo: false,
    // plotly.js 4 adds a button that uploads the chart to Plotly Cloud.
    showSendToCloud: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
    // Without hover the modebar stays on screen, over the chart's title.
    displayModeBar: matchMedia("(hover: hover)").matches ? "hover" : false,
  };

  // Resolved now: instant navigation changes location, and relative URLs with it.
  const self = document.currentScript;
  const PLOTLY_SRC = new URL("plotly.min.js", self ? self.src : location.href).href;

  const rendered = new Set();
  const figures = new WeakMap(); // chart element -> figure JSON text
  const heights = new WeakMap(); // chart element -> the height its figure gives the plot
  const warned = new Set();
  const canvas = document.createElement("canvas").getContext("2d");
  let plotly = null;

  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise((resolve, reject) => {
        if (window.Plotly) return resolve(window.Plotly);
        const script = document.createElement("script");
        script.src = PLOTLY_SRC;
        script.onload = () => {
          keepPlotlyStyles();
          resolve(window.Plotly);
        };
        script.onerror = () => {
          plotly = null; // let the next page try again
          reject(new Error(`could not load ${PLOTLY_SRC}`));
        };
        // Not <head>: instant navigation removes head elements the next page lacks.
        document.body.appendChild(script);
      });
    }
    return plotly;
  }

  // plotly.js puts its base CSS rules in a <style> in <head>, which instant
  // navigation removes; the same rules as text in <body> survive it.
  function keepPlotlyStyles() {
    const style = document.getElementById("plotly.js-style-global");
    if (!style || !style.sheet) return;
    style.textContent = Array.from(style.sheet.cssRules, (rule) => rule.cssText).join("\n");
    document.body.appendChild(style);
  }

  function figureText(el) {
    if (!figures.has(el)) {
      const source = document.getElementById(el.dataset.chartJson || "");
      if (!source) return null;
      figures.set(el, source.content ? source.content.textContent : source.textContent);
    }
    return figures.get(el);
  }

  function cssValue(style, name) {
    const value = style.getPropertyValue(name).trim();
    if (!value) {
      if (!warned.has(name)) console.warn(`roadmap: no CSS custom property ${name}`);
      warned.add(name);
      return name;
    }
    if (!CSS.supports("color", value)) return value;
    // plotly.js misreads some CSS colour syntax (e.g. hsla() with "deg");
    // the canvas turns any colour into #rrggbb or rgba().
    canvas.fillStyle = "#000";
    canvas.fillStyle = value;
    return canvas.fillStyle;
  }

  // Only colour properties (color, fillcolor, arrowcolor...) hold tokens: a label
  // that happens to read "--dry-run" stays text.
  function resolveTokens(value, style, colour) {
    if (Array.isArray(value)) return value.map((item) => resolveTokens(item, style, colour));
    if (value && typeof value === "object") {
      const out = {};
      for (const key of Object.keys(value)) out[key] = resolveTokens(value[key], style, COLOUR_KEY.test(key));
      return out;
    }
    return colour && typeof value === "string" && TOKEN.test(value) ? cssValue(style, value) : value;
  }

  function themed(layout, style) {
    const fg = cssValue(style, "--md-default-fg-color");
    const muted = cssValue(style, "--md-default-fg-color--light");
    const lines = cssValue(style, "--md-default-fg-color--lighter");
    const grid = cssValue(style, "--md-default-fg-color--lightest");
    const family = cssValue(style, "--md-text-font-family");
    const out = Object.assign({ paper_bgcolor: TRANSPARENT, plot_bgcolor: TRANSPARENT }, layout, {
      font: Object.assign({ family, color: fg }, layout.font),
      hoverlabel: Object.assign({ font: { family } }, layout.hoverlabel),
      modebar: Object.assign({ bgcolor: TRANSPARENT, color: muted, activecolor: fg }, layout.modebar),
    });
    if (/unified/.test(layout.hovermode || "") && !out.hoverlabel.bgcolor) {
      out.hoverlabel.bgcolor = cssValue(style, "--md-default-bg-color");
    }
    // automargin: the figures' 8px margins clip tick labels of axes that lack it.
    const axis = { automargin: true, gridcolor: grid, linecolor: lines, zerolinecolor: lines, tickcolor: lines };
    for (const key of Object.keys(out).concat("xaxis", "yaxis")) {
      if (/^[xy]axis\d*$/.test(key)) out[key] = Object.assign({}, axis, out[key]);
    }
    // plotly.js draws these in dark grey by default, invisible on slate.
    if (layout.annotations) {
      out.annotations = layout.annotations.map((a) => Object.assign({ arrowcolor: muted }, a));
    }
    if (layout.shapes) {
      out.shapes = layout.shapes.map((s) =>
        Object.assign({}, s, { line: Object.assign({ color: muted }, s.line) }));
    }
    return out;
  }

  // The stylesheet hides a chart that failed; its data table opens in its place.
  function fail(el, error) {
    el.dataset.rendered = "error";
    const table = el.parentElement && el.parentElement.querySelector("details.roadmap-chart-table");
    if (table) table.open = true;
    console.error(`roadmap: chart #${el.id}:`, error);
  }

  function render(Plotly, el) {
    const scheme = document.body.getAttribute("data-md-color-scheme") || "";
    try {
      const text = figureText(el);
      if (text === null) throw new Error(`no element #${el.dataset.chartJson}`);
      const figure = JSON.parse(text);
      const style = getComputedStyle(document.body);
      const data = resolveTokens(figure.data || [], style);
      const layout = themed(resolveTokens(figure.layout || {}, style), style);
      const config = Object.assign({ toImageButtonOptions: { filename: el.id } }, CONFIG);
      rendered.add(el);
      const first = !heights.has(el);
      heights.set(el, layout.height);
      return Plotly.react(el, data, layout, config).then(() => {
        el.dataset.rendered = "true";
        el.dataset.renderedScheme = scheme;
        // Also after plotly.js redraws the plot for a new width.
        if (first) el.on("plotly_afterplot", () => fitHeight(Plotly, el));
        return fitHeight(Plotly, el);
      }, (error) => fail(el, error));
    } catch (error) {
      fail(el, error);
    }
  }

  // The legend sits above the plot and wraps into as many rows as the width needs: add its height
  // to the figure's, so the plot keeps its own height on a phone too. plotly.js's resize clears the
  // height; this puts it back. Plotly.react, as relayout of the height would pin the width too.
  function fitHeight(Plotly, el) {
    if (!heights.get(el) || !el.layout) return;
    const legend = el.querySelector(".legend");
    const height = heights.get(el) + (legend ? Math.ceil(legend.getBBox().height) : 0);
    if (Math.abs((el.layout.height || 0) - height) > 1) {
      return Plotly.react(el, el.data, Object.assign({}, el.layout, { height }));
    }
  }

  // Hold each plot's own height while plotly.js loads: no jump, and no gap
  // below plots shorter than the stylesheet's placeholder height.
  function reserve(el) {
    if (el.style.minHeight) return;
    try {
      const height = JSON.parse(figureText(el)).layout.height;
      if (height > 0) el.style.minHeight = `${height}px`;
    } catch (error) {
      // render() reports unreadable figures.
    }
  }

  function renderAll() {
    const charts = Array.from(document.querySelectorAll(CHART));
    if (!charts.length) return;
    charts.forEach(reserve);
    loadPlotly().then(
      (Plotly) => charts.filter((el) => el.isConnected).forEach((el) => render(Plotly, el)),
      (error) => charts.forEach((el) => fail(el, error)),
    );
  }

  function onDocument() {
    // Plots of the page we left: drop their resize listeners and data.
    for (const el of rendered) {
      if (!el.isConnected) {
        window.Plotly.purge(el);
        rendered.delete(el);
      }
    }
    renderAll();
  }

  // Material's instant navigation re-runs every <script> of the new page as
  // JavaScript, copying only its text: our JSON would throw and lose its id.
  // Hand it over in an inert <template> with the same id instead.
  const parseFromString = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const doc = parseFromString.call(this, text, type);
    if (type !== "text/html") return doc;
    for (const chart of doc.querySelectorAll(CHART)) {
      const json = doc.getElementById(chart.dataset.chartJson || "");
      if (json && json.localName === "script") {
        const template = doc.createElement("template");
        template.id = json.id;
        template.content.textContent = json.textContent;
        json.replaceWith(template);
      }
    }
    return doc;
  };

  // Follow the palette toggle (and the system preference in "auto" mode).
  new MutationObserver((records) => {
    if (records.some((r) => r.oldValue !== document.body.getAttribute(r.attributeName))) {
      renderAll();
    }
  }).observe(document.body, {
    attributes: true,
    attributeOldValue: true,
    attributeFilter: ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent"],
  });

  const openedForPrint = [];
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("details.roadmap-chart-table:not([open])")) {
      details.open = true;
      openedForPrint.push(details);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const details of openedForPrint.splice(0)) details.open = false;
  });

  if (window.document$) window.document$.subscribe(onDocument);
  else document.addEventListener("DOMContentLoaded", onDocument);
})();
