// synack embeds (docs/EMBED.md): sizes each <iframe data-synack> to its app's height;
// defines <synack-diagram>. Attributes reach the DOM only validated, never as HTML.
(() => {
  'use strict';
  if (customElements.get('synack-diagram')) return;
  const SCRIPT = document.currentScript?.src || location.href;
  const ready = new WeakSet(); // frames whose app sent a height: it listens
  const warn = (el, n, v) => console.warn(`synack: ignoring ${n}=${JSON.stringify(v)} on`, el);

  // Trust the sender's window and origin (our frame's), never its id.
  addEventListener('message', (e) => {
    const d = e.data, h = d?.height;
    if (!e.source || d?.type !== 'synack:resize' || !Number.isInteger(h) || h <= 0 || h > 5000) return;
    for (const f of document.querySelectorAll('iframe[data-synack]')) {
      if (f.contentWindow !== e.source) continue;
      if (!f.src.startsWith(e.origin + '/')) return;
      f.style.height = h + 'px';
      ready.add(f);
      f.parentElement?._play?.();
      return;
    }
  });

  customElements.define('synack-diagram', class extends HTMLElement {
    static observedAttributes = ['preset', 'lang', 'steps', 'autoplay', 'start-paused', 'height', 'src', 'label'];

    connectedCallback() {
      if (!this._f) {
        const f = (this._f = document.createElement('iframe'));
        f.setAttribute('data-synack', '');
        f.sandbox = 'allow-scripts allow-same-origin'; // before src, or it is ignored
        f.loading = 'lazy';
        f.style.cssText = 'display:block;width:100%;border:0';
        this.replaceChildren(f); // replaces fallback
      }
      this.attributeChangedCallback();
    }

    disconnectedCallback() {
      ready.delete(this._f); // a moved frame reloads
      this._io?.disconnect();
      this._io = null;
    }

    attributeChangedCallback() {
      const f = this._f, a = (n) => this.getAttribute(n), has = (n) => this.hasAttribute(n);
      if (!f || !this.isConnected) return;
      const own = ['embed'], ok = (n, v) => has(n) && (v ? own.push(n + '=' + a(n)) : warn(this, n, a(n)));
      let url = new URL('../index.html', SCRIPT);
      if (has('src')) try {
        const u = new URL(a('src'), document.baseURI);
        if (!/^https?:$/.test(u.protocol)) throw u; // no javascript:
        url = u;
      } catch { warn(this, 'src', a('src')); }
      const preset = ok('preset', /^[a-z0-9-]{1,40}$/.test(a('preset'))) && a('preset');
      ok('lang', /^(en|zh)$/.test(a('lang')));
      const [x, y] = (a('steps') || '').split('-');
      ok('steps', /^[1-9]\d{0,2}-[1-9]\d{0,2}$/.test(a('steps')) && +x <= +y);
      // Autoplay: load paused, post synack:play once seen.
      if (has('autoplay') || has('start-paused')) own.push('paused');
      if (/^[\w-]{1,64}$/.test(this.id)) own.push('embedId=' + this.id);
      url.search = [...own, url.search.slice(1)].join('&').replace(/&$/, ''); // src's own last
      const h = a('height'), px = /^\d{2,4}$/.test(h) && h >= 50 && h <= 5000 ? +h : 480;
      if (h !== null && px != h) warn(this, 'height', h);
      if (!ready.has(f)) f.style.height = px + 'px';
      f.title = a('label') || 'synack: animated TCP connection' + (preset ? ` (${preset})` : '');
      if (f.src !== url.href) {
        ready.delete(f);
        this._played = false;
        f.src = url.href;
      }
      if (this._io || this._played || !has('autoplay')) return;
      // Seen: in the middle half of the viewport.
      this._io = new IntersectionObserver((es) => {
        this._seen = es[es.length - 1].isIntersecting;
        this._play();
      }, { rootMargin: '-25% 0px' });
      this._io.observe(f);
    }

    // Once, seen and listening; never if the reader wants reduced motion.
    _play() {
      const f = this._f;
      if (!this._seen || this._played || !ready.has(f) || !this.hasAttribute('autoplay')) return;
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) return;
      this._played = true;
      this.disconnectedCallback();
      f.contentWindow?.postMessage({ type: 'synack:play' }, new URL(f.src).origin);
    }
  });
})();
