// Hash routing (#/load-data/buckets, #/data-explorer, #/dashboards?id=..., ...): works from any static host with
// relative URLs. Each page is built once, on first visit, and kept (hidden) so that an editor's
// text and results survive moving around, as in InfluxDB's UI.

export class Router {
  #routes;
  #view;
  #ctx;
  #pages = new Map();   // path → { element, page }
  #fallback;

  /** routes: { '/data-explorer': { title, load: () => import(...) } } */
  constructor(view, routes, ctx, fallback) {
    this.#view = view;
    this.#routes = routes;
    this.#ctx = ctx;
    this.#fallback = fallback;
  }

  start() {
    window.addEventListener('hashchange', () => this.#go(true));
    return this.#go();
  }

  current() {
    const path = location.hash.replace(/^#/, '').split('?')[0];
    return this.#routes[path] ? path : this.#fallback;
  }

  async #go(moveFocus = false) {
    const path = this.current();
    // #/dashboards?id=... : the part after "?" is the page's own (kept, handed to shown()).
    const [hashPath, query = ''] = location.hash.split('?');
    if (`#${path}` !== hashPath) history.replaceState(null, '', `#${path}`);
    const params = new URLSearchParams(`#${path}` === hashPath ? query : '');
    const route = this.#routes[path];
    document.title = `${route.title} · Tidewater`;
    for (const a of document.querySelectorAll('#nav a')) {
      const href = a.getAttribute('href').slice(1);
      if (href === path) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
      a.classList.toggle('in-section', !!a.dataset.section && path.startsWith(`/${a.dataset.section}/`));
    }
    // At phone width the nav is a scrolling strip: keep the current page's link in view.
    document.querySelector('#nav li li a[aria-current="page"], #nav > ul > li > a[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    let entry = this.#pages.get(path);
    if (!entry) {
      const module = await route.load();
      const page = module.createPage(this.#ctx);
      const element = page.element;
      element.classList.add('page');
      element.dataset.page = path;
      this.#view.append(element);
      entry = { element, page };
      this.#pages.set(path, entry);
    }
    for (const [p, e] of this.#pages) e.element.hidden = p !== path;
    for (const child of [...this.#view.children]) {
      if (!child.classList.contains('page') && !child.classList.contains('banner')) child.remove();
    }
    this.#view.dataset.route = path;
    // Keyboard users land on the new page's heading, not back at the top of the nav.
    if (moveFocus) entry.element.querySelector('h2')?.focus({ preventScroll: false });
    await entry.page.shown?.(params);
  }
}
