/* The roadmap picture (rendering/picture): a card's dependencies highlighted on hover and focus, and the
   picture downloaded as a standalone SVG (colours inlined) or a PNG (twice its size), or printed.
   Added by the roadmap-as-code plugin to any theme; it needs no chart library. */
(function () {
  "use strict";

  const PICTURE = "figure.roadmap-picture";
  const CARD = "g.roadmap-card";
  const CARD_LINK = "a.roadmap-picture__link--card";
  const SVG_NS = "http://www.w3.org/2000/svg";
  const SCALE = 2;
  // What the stylesheet sets on the picture's shapes and text: copied as inline style into the download.
  const PAINT = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "opacity", "font-family", "font-size", "font-weight"];
  const TRACED = ["is-source", "is-dependency", "is-dependent"];
  const canvas = document.createElement("canvas").getContext("2d");

  function keys(link) {
    return (link.dataset.depends || "").split(" ").filter(Boolean);
  }

  function untrace(svg) {
    delete svg.dataset.tracing;
    for (const card of svg.querySelectorAll(CARD)) card.classList.remove(...TRACED);
  }

  // A card's link (laid over it) names what it depends on: highlight those cards and the cards that
  // depend on it; a card with neither dims nothing.
  function trace(figure, link) {
    const svg = figure.querySelector("svg");
    untrace(svg);
    if (!link) return;
    const key = link.dataset.key;
    const roles = new Map(keys(link).map((needed) => [needed, "is-dependency"]));
    for (const other of figure.querySelectorAll(CARD_LINK)) {
      if (!roles.has(other.dataset.key) && keys(other).includes(key)) roles.set(other.dataset.key, "is-dependent");
    }
    const cards = new Map(Array.from(svg.querySelectorAll(CARD), (card) => [card.dataset.key, card]));
    const linked = [...roles].filter(([other]) => cards.has(other));
    if (!linked.length || !cards.has(key)) return;
    for (const [other, role] of linked) cards.get(other).classList.add(role);
    cards.get(key).classList.add("is-source");
    svg.dataset.tracing = key;
  }

  // Computed colours may read "color(srgb r g b)" (color-mix), which the canvas keeps: write rgb() or
  // rgba() instead, which every SVG reader (slide software included) understands.
  function plainColour(value) {
    const srgb = /^color\(srgb ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)(?: \/ ([\d.e]+))?\)$/.exec(value);
    if (srgb) {
      const [r, g, b] = srgb.slice(1, 4).map((v) => Math.round(Math.min(1, Math.max(0, Number(v))) * 255));
      return srgb[4] === undefined ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${srgb[4]})`;
    }
    if (!CSS.supports("color", value)) return value;
    canvas.fillStyle = "#000";
    canvas.fillStyle = value;
    return canvas.fillStyle;
  }

  function standalone(svg) {
    untrace(svg);
    const copy = svg.cloneNode(true);
    const originals = [svg, ...svg.querySelectorAll("*")];
    const copies = [copy, ...copy.querySelectorAll("*")];
    originals.forEach((el, i) => {
      if (el.localName === "title") return;
      const style = getComputedStyle(el);
      const paint = PAINT.map((p) => [p, style.getPropertyValue(p)]);
      copies[i].setAttribute("style", paint.map(([p, v]) => `${p}:${/^(fill|stroke)$/.test(p) ? plainColour(v) : v}`).join(";"));
    });
    const background = document.createElementNS(SVG_NS, "rect");
    const page = getComputedStyle(document.body).backgroundColor;
    background.setAttribute("width", "100%");
    background.setAttribute("height", "100%");
    background.setAttribute("fill", /^rgba\(.*,\s*0\)$|^transparent$/.test(page) ? "#ffffff" : page);
    copy.insertBefore(background, copy.querySelector("title").nextSibling);
    copy.removeAttribute("role");
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy) + "\n";
  }

  function save(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  function raster(text, width, height) {
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
      const image = new Image();
      image.onload = () => {
        const canvas = document.createElement("canvas");
        canvas.width = Math.round(width * SCALE);
        canvas.height = Math.round(height * SCALE);
        const context = canvas.getContext("2d");
        context.scale(SCALE, SCALE);
        context.drawImage(image, 0, 0, width, height);
        URL.revokeObjectURL(url);
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png");
      };
      image.onerror = () => {
        URL.revokeObjectURL(url);
        reject(new Error("the picture's SVG did not load as an image"));
      };
      image.src = url;
    });
  }

  function download(figure, kind) {
    const svg = figure.querySelector("svg");
    const name = figure.dataset.filename || "roadmap";
    const text = standalone(svg);
    if (kind === "svg") return save(new Blob([text], { type: "image/svg+xml" }), `${name}.svg`);
    const box = svg.viewBox.baseVal;
    return raster(text, box.width, box.height).then(
      (blob) => save(blob, `${name}.png`),
      (error) => console.error(`roadmap: ${name}.png:`, error),
    );
  }

  function setUp(figure) {
    if (figure.dataset.ready) return;
    figure.dataset.ready = "true";
    const canvas = figure.querySelector(".roadmap-picture__canvas");
    const svg = figure.querySelector("svg");
    canvas.addEventListener("mouseover", (event) => trace(figure, event.target.closest(CARD_LINK)));
    canvas.addEventListener("mouseleave", () => untrace(svg));
    canvas.addEventListener("focusin", (event) => trace(figure, event.target.closest(CARD_LINK)));
    canvas.addEventListener("focusout", () => untrace(svg));
    for (const button of figure.querySelectorAll("[data-picture-download]")) {
      button.addEventListener("click", () => download(figure, button.dataset.pictureDownload));
    }
    for (const button of figure.querySelectorAll("[data-picture-print]")) {
      button.addEventListener("click", () => window.print());
    }
    for (const actions of figure.querySelectorAll(".roadmap-picture__actions")) actions.hidden = false;
  }

  function onDocument() {
    document.querySelectorAll(PICTURE).forEach(setUp);
  }

  if (window.document$) window.document$.subscribe(onDocument);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onDocument);
  else onDocument();
})();
