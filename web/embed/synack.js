// synack embeds (docs/EMBED.md): sizes each <iframe data-synack> to its app's height;
// defines <synack-diagram>: a poster (the static ladder, svg/PRESET.LANG.svg beside the app)
// with a Play button, the app loaded only on play or focus (at once with autoplay); or, with
// mode="animated", the animated SVG and never the app. Attributes reach the DOM only validated.
(() => {
  'use strict';
  if (customElements.get('synack-diagram')) return;
  // This script's URL (the app is found from it); a module script has no currentScript.
  const SCRIPT = document.currentScript?.src || document.querySelector('script[src*="synack.js"]')?.src || location.href;
  const ready = new WeakSet(); // frames whose app sent a height: it listens
  const warn = (el, n, v) => console.warn(`synack: ignoring ${n}=${JSON.stringify(v)} on`, el);
  const make = (tag, css) => Object.assign(document.createElement(tag), { style: css });

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
    static observedAttributes = ['preset', 'lang', 'steps', 'autoplay', 'start-paused', 'height', 'src', 'label', 'mode'];

    connectedCallback() {
      this.attributeChangedCallback();
    }

    disconnectedCallback() {
      ready.delete(this._f); // a moved frame reloads
      this._io?.disconnect();
      this._io = null;
    }

    attributeChangedCallback() {
      const a = (n) => this.getAttribute(n), has = (n) => this.hasAttribute(n);
      if (!this.isConnected) return;
      const own = ['embed'], ok = (n, v) => has(n) && (v ? own.push(n + '=' + a(n)) : warn(this, n, a(n)));
      let url = new URL('../index.html', SCRIPT);
      if (has('src')) try {
        const u = new URL(a('src'), document.baseURI);
        if (!/^https?:$/.test(u.protocol)) throw u; // no javascript:
        url = u;
      } catch { warn(this, 'src', a('src')); }
      const preset = ok('preset', /^[a-z0-9-]{1,40}$/.test(a('preset'))) && a('preset');
      const lang = ok('lang', /^(en|zh)$/.test(a('lang'))) ? a('lang') : 'en';
      const [x, y] = (a('steps') || '').split('-');
      ok('steps', /^[1-9]\d{0,2}-[1-9]\d{0,2}$/.test(a('steps')) && +x <= +y);
      const animated = a('mode') === 'animated';
      if (has('mode') && !animated) warn(this, 'mode', a('mode'));
      // The pictures beside the app (dist/svg/, written by the release build).
      const pic = (kind) => new URL(`svg/${preset || 'handshake-and-close'}.${lang}${kind}.svg`, url).href;
      const h = a('height'), px = /^\d{2,4}$/.test(h) && h >= 50 && h <= 5000 ? +h : 480;
      if (h !== null && px != h) warn(this, 'height', h);
      const title = a('label') || 'synack: animated TCP connection' + (preset ? ` (${preset})` : '');

      if (animated) { // an image that plays by itself: no app, no script in it
        const i = this._i || (this._i = make('img', 'display:block;width:100%;height:auto'));
        if (i.parentNode !== this) this.replaceChildren(i), this.disconnectedCallback(), this._f = this._p = null;
        i.alt = title;
        i.src = pic('.animated');
        return;
      }
      this._i = null;
      if (!this._go && !has('autoplay')) { // the poster, until the reader plays or focuses it
        let p = this._p;
        if (!p || p.parentNode !== this) {
          p = this._p = make('div', 'position:relative;overflow:hidden');
          const img = make('img', 'display:block;width:100%;height:100%;object-fit:cover;object-position:top');
          img.onerror = () => img.remove();
          const b = make('button', 'position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);font:600 18px system-ui,sans-serif;padding:.6em 1.3em;border:0;border-radius:2em;background:#0b57d0;color:#fff;cursor:pointer;box-shadow:0 2px 8px #0007');
          b.type = 'button';
          b.textContent = '▶ Play';
          b.onfocus = () => this._start();
          p.onclick = () => this._start(true);
          p.append(img, b);
          this.replaceChildren(p); // replaces fallback
        }
        // The poster is the preset as it comes: with other settings in src (loss, seed…), none.
        const img = p.querySelector('img');
        if (img && [...url.searchParams.keys()].some((k) => !/^(embed|preset|lang|steps|paused|embedId)$/.test(k))) img.remove();
        else if (img) img.alt = title, img.src = pic('');
        p.style.height = px + 'px';
        p.lastChild.setAttribute('aria-label', 'Play: ' + title);
        return;
      }
      let f = this._f;
      if (!f) {
        f = this._f = make('iframe', 'display:block;width:100%;border:0');
        f.setAttribute('data-synack', '');
        f.sandbox = 'allow-scripts allow-same-origin'; // before src, or it is ignored
        f.loading = this._go ? 'eager' : 'lazy';
        if (this._p) { // the poster stays over the loading frame, the same size: no shift
          this._p.style.marginTop = -px + 'px';
          this.prepend(f);
        } else this.replaceChildren(f); // replaces fallback
      }
      // Autoplay, or loaded from the poster: paused; synack:play when it may play.
      if (has('autoplay') || has('start-paused') || this._go) own.push('paused');
      if (/^[\w-]{1,64}$/.test(this.id)) own.push('embedId=' + this.id);
      url.search = [...own, url.search.slice(1)].join('&').replace(/&$/, ''); // src's own last
      if (!ready.has(f)) f.style.height = px + 'px';
      f.title = title;
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

    // Play pressed (play) or the poster focused: load the app.
    _start(play) {
      this._want ||= play;
      if (this._go) return this._play();
      this._go = true;
      this.attributeChangedCallback();
    }

    // Once listening, the poster gives way; then play once if Play was pressed, or (autoplay)
    // once seen, never if the reader wants reduced motion.
    _play() {
      const f = this._f, p = this._p;
      if (!f || !ready.has(f)) return;
      if (p) {
        if (p.contains(document.activeElement)) f.focus();
        p.remove();
        this._p = null;
      }
      const auto = this._seen && this.hasAttribute('autoplay') && !matchMedia('(prefers-reduced-motion: reduce)').matches;
      if (this._played || !(this._want || auto)) return;
      this._played = true;
      this._io?.disconnect();
      this._io = null;
      f.contentWindow?.postMessage({ type: 'synack:play' }, new URL(f.src).origin);
    }
  });
})();
