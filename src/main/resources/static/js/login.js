// The login page: three tabs, the card components on this computer (HCAServiSign over HTTPS, the NHI card
// component over WebSocket), and the two steps of sign-in without a card. Every text comes from the page.
(function () {
  'use strict';
  const main = document.querySelector('[data-page="login"]');
  if (!main) { return; }
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const csrfHeader = document.querySelector('meta[name="csrf-header"]').content;
  const hcaPorts = (main.dataset.hcaPorts || '').split(',').filter(Boolean);
  const nhiPort = main.dataset.nhiPort;
  const msg = (name, arg) => (main.dataset['msg' + name] || '').replace('{0}', arg === undefined ? '' : arg);
  // Card sign-in needs the Windows components: not on Apple computers, phones or tablets.
  const unsupported = /iPhone|iPad|iPod|Android|Macintosh|Mac OS X/i.test(navigator.userAgent)
    || (navigator.maxTouchPoints > 1 && /Macintosh/.test(navigator.userAgent));

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', [csrfHeader]: csrf },
        body: JSON.stringify(body || {})
      });
    } catch (e) {
      throw new Error(msg('Network'));
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) { throw new Error(data.detail || msg('Network')); }
    return data;
  }

  function base64(text) {
    return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  }

  function show(el, on) { if (el) { el.hidden = !on; } }
  function say(el, text) { if (el) { el.textContent = text || ''; } }

  // ---- tabs (WAI-ARIA tabs pattern: arrow keys move, Enter/Space or click selects) ----
  const tabs = Array.from(main.querySelectorAll('[role="tab"]'));
  function select(tab) {
    tabs.forEach(t => {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      show(document.getElementById(t.getAttribute('aria-controls')), on);
    });
    history.replaceState(null, '', '#' + tab.id.replace('tab-', ''));
    if (tab.id === 'tab-hca') { hca.start(); }
    if (tab.id === 'tab-nhi') { nhi.start(); }
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', e => {
      const next = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (next) {
        const t = tabs[(i + next + tabs.length) % tabs.length];
        t.focus();
        select(t);
        e.preventDefault();
      }
    });
  });
  main.querySelectorAll('.use-nocard').forEach(b => b.addEventListener('click', () => {
    const t = document.getElementById('tab-nocard');
    select(t);
    t.focus();
  }));

  // ---- what both card tabs share: finding the component, the installer prompt, signing in with a secret ----
  function cardTab(panel, connect, readCard, signIn) {
    const status = panel.querySelector('.agent-status');
    const form = panel.querySelector('.card-form');
    const error = form.querySelector('.form-error');
    const secret = form.querySelector('input');
    const checking = status.textContent;
    let started = false;

    async function start(force) {
      if (started && !force) { return; }
      started = true;
      if (unsupported) {
        show(panel.querySelector('.unsupported'), true);
        show(status, false);
        return;
      }
      show(panel.querySelector('.agent-missing'), false);
      show(form, false);
      show(status, true);
      say(status, checking);
      const found = await connect();
      if (found === null) {
        show(status, false);
        show(panel.querySelector('.agent-missing'), true);
        return;
      }
      say(status, found);
      show(form, true);
      await read();
    }

    // the card's holder, or why there is none (no card, …)
    async function read() {
      const card = await readCard();
      say(form.querySelector('.holder'), card.holder ? msg('Holder', card.holder) : '');
      say(error, card.holder ? '' : card.message);
      return card.holder ? card : null;
    }

    form.addEventListener('submit', async e => {
      e.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      say(error, '');
      if (!new RegExp(secret.dataset.pattern || '.+').test(secret.value)) {
        secret.setAttribute('aria-invalid', 'true');
        say(error, secret.dataset.invalid);
        secret.focus();
        return;
      }
      secret.removeAttribute('aria-invalid');
      button.disabled = true;
      say(status, msg('Working'));
      try {
        const card = await read();
        if (!card) { return; }
        const next = await signIn(card, secret.value);
        window.location.assign(next.redirect);
      } catch (err) {
        say(error, err.message);
        secret.value = '';
        secret.focus();
      } finally {
        button.disabled = false;
        say(status, '');
      }
    });
    panel.querySelector('.retry').addEventListener('click', () => start(true));
    return { start };
  }

  // ---- 醫事憑證: HCAServiSign on the first local port that answers ----
  const hca = (function () {
    const panel = document.getElementById('panel-hca');
    if (!panel) { return { start() {} }; }
    const prefix = '/' + (main.dataset.staff ? 'staff/' : '') + 'login/hca';
    let base = null;

    async function call(fn, data) {
      const body = new URLSearchParams();
      body.set('tbsPackage', base64(JSON.stringify(data || {})));
      const r = await fetch(base + '/' + fn, { method: 'POST', body: body });
      return r.json();
    }

    async function connect() {
      for (const port of hcaPorts) {
        const url = 'https://127.0.0.1:' + port;
        try {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 1500);
          const r = await fetch(url + '/Echo', { method: 'POST', body: new URLSearchParams({ tbsPackage: btoa('{}') }),
            signal: controller.signal });
          clearTimeout(timer);
          const echo = await r.json();
          if (echo.ret_code === 0) { base = url; return msg('Found', echo.version); }
        } catch (e) { /* try the next port */ }
      }
      return null;
    }

    async function readCard() {
      const basic = await call('GetBasicData');
      return basic.ret_code === 0 ? { holder: basic.card_type === 0 ? basic.hosp_name : basic.name }
        : { message: basic.message };
    }

    async function signIn(card, pin) {
      const { challenge } = await post(prefix + '/challenge');
      const signed = await call('Sign', { tbs: challenge, pin: pin });
      if (signed.ret_code !== 0) {
        // a wrong PIN says how many tries are left before the card locks, in the page's language
        throw new Error(signed.tries_left ? msg('WrongPin', signed.tries_left) : signed.message);
      }
      return post(prefix, { signature: signed.signature });
    }

    return cardTab(panel, connect, readCard, signIn);
  })();

  // ---- 健保卡(插卡): the NHI card component's WebSocket ----
  const nhi = (function () {
    const panel = document.getElementById('panel-nhi');
    if (!panel) { return { start() {} }; }
    let socket = null;

    function connect() {
      return new Promise(resolve => {
        const ws = new WebSocket('ws://127.0.0.1:' + nhiPort + '/echo');
        const timer = setTimeout(() => { ws.close(); resolve(null); }, 2000);
        ws.onopen = () => { clearTimeout(timer); socket = ws; resolve(''); };
        ws.onerror = () => { clearTimeout(timer); resolve(null); };
      });
    }

    function command(text) {
      return new Promise((resolve, reject) => {
        socket.onmessage = e => resolve(JSON.parse(e.data));
        socket.onclose = () => reject(new Error(msg('Network')));
        socket.send(text);
      });
    }

    async function readCard() {
      const basic = await command('GetBasic');
      return basic.ret === 0 ? { holder: basic.name, cardNumber: basic.cardNumber } : { message: basic.message };
    }

    async function signIn(card, password) {
      const { challenge } = await post('/login/nhi-card/challenge');
      const signed = await command('H_Sign:' + challenge);
      if (signed.ret !== 0) { throw new Error(signed.message); }
      return post('/login/nhi-card', {
        cardNumber: card.cardNumber, challenge: challenge, signature: signed.signature, password: password
      });
    }

    return cardTab(panel, connect, readCard, signIn);
  })();

  // ---- 健保卡(無插卡): SMS code with a live countdown, then the NHI site ----
  (function () {
    const panel = document.getElementById('panel-nocard');
    if (!panel) { return; }
    const smsForm = panel.querySelector('.sms-form');
    const codeForm = panel.querySelector('.code-form');
    const sendButton = smsForm.querySelector('.send-code');
    const progress = document.getElementById('nocard-progress');
    let timer = null;

    function setProgress(percent) {
      progress.value = percent;
      say(document.getElementById('nocard-progress-text'), msg('Progress', percent));
    }

    function countdown(seconds) {
      clearInterval(timer);
      let left = seconds;
      if (left <= 0) {
        sendButton.disabled = false;
        say(sendButton, msg('Resend'));
        return;
      }
      sendButton.disabled = true;
      say(sendButton, msg('Countdown', left));
      timer = setInterval(() => {
        left -= 1;
        if (left <= 0) {
          clearInterval(timer);
          sendButton.disabled = false;
          say(sendButton, msg('Resend'));
        } else {
          say(sendButton, msg('Countdown', left));
        }
      }, 1000);
    }

    // The code is on its way: the step that waits for it, as far through the flow as the ministry's FAQ shows
    function waiting(seconds) {
      say(smsForm.querySelector('.sent'), msg('Sent'));
      countdown(seconds);
      setProgress(40);
      show(codeForm, true);
    }
    // reloaded while a code is on its way: back at that step, the countdown where it stands
    if (panel.dataset.smsResendIn !== undefined) {
      waiting(+panel.dataset.smsResendIn);
    }

    function invalid(input, error, text) {
      input.setAttribute('aria-invalid', 'true');
      say(error, text);
      input.focus();
    }

    smsForm.addEventListener('submit', async e => {
      e.preventDefault();
      const id = smsForm.querySelector('#nocard-id');
      const mobile = smsForm.querySelector('#nocard-mobile');
      const error = smsForm.querySelector('.form-error');
      id.value = id.value.trim().toUpperCase();
      mobile.value = mobile.value.trim();
      [id, mobile].forEach(i => i.removeAttribute('aria-invalid'));
      say(error, '');
      if (!/^[A-Z][0-9A-D]\d{8}$/.test(id.value)) {
        return invalid(id, error, document.getElementById('nocard-id-hint').textContent);
      }
      if (!/^09\d{8}$/.test(mobile.value)) {
        return invalid(mobile, error, document.getElementById('nocard-mobile-hint').textContent);
      }
      try {
        const sent = await post('/login/sms', { nationalId: id.value, mobile: mobile.value });
        waiting(sent.seconds);
        codeForm.querySelector('#nocard-code').focus();
      } catch (err) {
        say(error, err.message);
      }
    });

    codeForm.addEventListener('submit', async e => {
      e.preventDefault();
      const code = codeForm.querySelector('#nocard-code');
      const error = codeForm.querySelector('.form-error');
      code.removeAttribute('aria-invalid');
      say(error, '');
      if (!/^\d{6}$/.test(code.value.trim())) {
        return invalid(code, error, document.getElementById('nocard-code-hint').textContent);
      }
      try {
        const next = await post('/login/sms/verify', { code: code.value.trim() });
        setProgress(next.progress);
        say(smsForm.querySelector('.sent'), msg('Redirecting'));
        window.location.assign(next.redirect);
      } catch (err) {
        code.value = '';
        invalid(code, error, err.message);
      }
    });
  })();

  // ---- staff: password and authenticator code ----
  (function () {
    const form = document.querySelector('.password-form');
    if (!form) { return; }
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const error = form.querySelector('.form-error');
      say(error, '');
      const fields = ['username', 'password', 'code'].map(n => form.elements[n]);
      const empty = fields.find(f => !f.value.trim());
      fields.forEach(f => f.removeAttribute('aria-invalid'));
      if (empty) {
        empty.setAttribute('aria-invalid', 'true');
        say(error, document.querySelector('label[for="' + empty.id + '"]').textContent);
        empty.focus();
        return;
      }
      try {
        const next = await post('/staff/login/password', {
          username: fields[0].value.trim(), password: fields[1].value, code: fields[2].value.trim()
        });
        window.location.assign(next.redirect);
      } catch (err) {
        fields[1].value = '';
        fields[2].value = '';
        say(error, err.message);
        fields[0].focus();
      }
    });
  })();

  // on a device without card components, the no-card way comes first
  const pending = document.getElementById('panel-nocard')?.dataset.smsResendIn !== undefined;
  const initial = document.getElementById('tab-' + (location.hash || (unsupported || pending ? '#nocard' : '#nhi'))
    .slice(1));
  select(tabs.includes(initial) ? initial : tabs[0]);
})();
