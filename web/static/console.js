// Demo operator console: classify the message, suggest templates, check the draft while the operator types.
// Offsets from the API count Unicode code points (Python str); JavaScript strings count UTF-16 units,
// so every span is mapped before it touches the text (emoji take two units).
"use strict";

const API = "/api/v1";
const DELAY_MS = 180;
const $ = (id) => document.getElementById(id);
const state = { flags: [], seq: { message: 0, draft: 0, suggest: 0 }, timers: {} };

const TOPIC_RU = {
  order_payment: "заказ и оплата", delivery: "доставка", return_exchange: "возврат и обмен", refund: "возврат денег",
  promo_bonus: "промокоды и бонусы", product_question: "вопрос о товаре", defect_wrong_item: "брак / не тот товар",
  courier_pickup: "курьер / ПВЗ", technical_issue: "сайт и приложение", account: "аккаунт",
  contact_support: "связь с поддержкой", other: "другое",
};
const MOOD_RU = { negative: "негатив", neutral: "нейтрально", positive: "позитив" };
const CODE_RU = {
  rude: "грубость", categorical: "категоричность", blame: "перекладывание вины", no_greeting: "нет приветствия",
  no_apology: "нет извинения", no_next_step: "нет следующего шага", not_answered: "не ответ на вопрос",
  pii: "персональные данные", caps: "капс", bureaucratese: "канцелярит", overpromise: "лишнее обещание",
  unfilled_placeholder: "незаполненное поле", register: "обращение на «ты»",
};
const CRITERIA_RU = { politeness: "вежливость", empathy: "эмпатия", completeness: "полнота",
                      relevance: "по существу", clarity: "ясность", safety: "данные" };

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

/** UTF-16 index of every code-point offset 0..n of the text. */
function unitIndex(text) {
  const idx = [0];
  let units = 0;
  for (const ch of text) { units += ch.length; idx.push(units); }
  return idx;
}

function headers() {
  const h = { "Content-Type": "application/json" };
  const token = $("token").value || localStorage.getItem("assistant.token");
  if (token) h.Authorization = "Bearer " + token;
  return h;
}

async function post(path, body) {
  const res = await fetch(API + path, { method: "POST", headers: headers(), body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({ error: { code: "bad_response", message: "Сервер ответил не JSON." } }));
  if (res.status === 401 || res.status === 403) $("token-box").hidden = false;
  if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
  return data;
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").classList.toggle("error", Boolean(isError));
}

function later(name, fn) {
  clearTimeout(state.timers[name]);
  state.timers[name] = setTimeout(fn, DELAY_MS);
}

// --- the customer's message -------------------------------------------------------------------

async function onMessage() {
  const message = $("message").value;
  const seq = ++state.seq.message;
  if (!message.trim()) {
    $("topic").textContent = "—"; $("mood").textContent = "—"; $("topics").textContent = "";
    renderSuggestions([], "Напишите сообщение покупателя.");
    return onDraft();
  }
  try {
    const c = await post("/classify", { text: message });
    if (seq !== state.seq.message) return;
    $("topic").textContent = TOPIC_RU[c.topic] || c.topic;
    $("topic").title = `${c.topic}, ${(c.confidence * 100).toFixed(0)}%`;
    $("mood").textContent = MOOD_RU[c.mood] || c.mood;
    $("mood").className = "chip " + c.mood;
    $("topics").textContent = c.topics.slice(1, 3).filter((t) => t.p >= 0.05)
      .map((t) => `${TOPIC_RU[t.label] || t.label} ${(t.p * 100).toFixed(0)}%`).join(" · ");
    setStatus((c.warnings || []).join(" "));
  } catch (e) { setStatus(e.message, true); }
  await Promise.all([suggest(), onDraft()]);
}

async function suggest() {
  const message = $("message").value;
  if (!message.trim()) return;
  const seq = ++state.seq.suggest;
  try {
    const s = await post("/suggest", { message, draft: $("draft").value });
    if (seq !== state.seq.suggest) return;
    renderSuggestions(s.suggestions, "Подходящих шаблонов нет.");
  } catch (e) { setStatus(e.message, true); }
}

function renderSuggestions(items, emptyText) {
  const ol = $("suggestions");
  ol.innerHTML = "";
  if (!items.length) { ol.innerHTML = `<li class="empty">${escapeHtml(emptyText)}</li>`; return; }
  for (const s of items) {
    const li = document.createElement("li");
    li.tabIndex = 0;
    li.dataset.templateId = s.template_id;
    const missing = s.missing && s.missing.length
      ? `<div class="missing">Заполните: ${s.missing.map(escapeHtml).join(", ")}</div>` : "";
    li.innerHTML = `<div class="title">${escapeHtml(s.title)}</div>
      <div class="meta">${escapeHtml(TOPIC_RU[s.topic] || s.topic)} · ${s.score.toFixed(2)}</div>
      <div class="text">${escapeHtml(s.text)}</div>${missing}`;
    const use = () => insertTemplate(s);
    li.addEventListener("click", use);
    li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") use(); });
    ol.appendChild(li);
  }
}

function insertTemplate(s) {
  $("draft").value = s.text;
  feedback({ kind: "accept", template_id: s.template_id });
  onDraft();
  $("draft").focus();
}

// --- the operator's draft ---------------------------------------------------------------------

async function onDraft() {
  const draft = $("draft").value;
  const seq = ++state.seq.draft;
  if (!draft.trim()) {
    state.flags = [];
    renderFlags(draft, []); renderBackdrop(draft, []);
    $("score").textContent = "—"; $("breakdown").textContent = "";
    return;
  }
  const message = $("message").value;
  try {
    const r = await post("/check", message.trim() ? { draft, message } : { draft });
    if (seq !== state.seq.draft || draft !== $("draft").value) return;
    state.flags = r.flags;
    $("score").textContent = Math.round(r.score);
    $("breakdown").textContent = Object.entries(r.breakdown)
      .map(([k, v]) => `${CRITERIA_RU[k] || k} ${Math.round(v)}`).join(" · ");
    renderFlags(draft, r.flags);
    renderBackdrop(draft, r.flags);
    setStatus((r.warnings || []).join(" "));
  } catch (e) { setStatus(e.message, true); }
}

function renderBackdrop(draft, flags) {
  const idx = unitIndex(draft);
  const spans = flags.filter((f) => f.end > f.start && f.end < idx.length)
    .map((f, i) => ({ s: idx[f.start], e: idx[f.end], f, i }))
    .sort((a, b) => a.s - b.s);
  let html = "", at = 0;
  for (const sp of spans) {
    if (sp.s < at) continue; // overlapping spans: the first one is underlined
    html += escapeHtml(draft.slice(at, sp.s));
    html += `<mark class="flag-${sp.f.code} ${sp.f.severity}" data-i="${sp.i}">${escapeHtml(draft.slice(sp.s, sp.e))}</mark>`;
    at = sp.e;
  }
  // A trailing newline needs a character after it, or the mirror is one line shorter than the textarea.
  $("backdrop").innerHTML = html + escapeHtml(draft.slice(at)) + "\u200b";
  $("backdrop").scrollTop = $("draft").scrollTop;
}

function renderFlags(draft, flags) {
  const ul = $("flags");
  ul.innerHTML = "";
  if (!flags.length) {
    ul.innerHTML = `<li class="empty">${draft.trim() ? "Замечаний нет — хороший ответ." : "Пока нечего проверять."}</li>`;
    return;
  }
  const idx = unitIndex(draft);
  flags.forEach((f) => {
    const li = document.createElement("li");
    li.className = `${f.severity} flag-${f.code}`;
    const quote = f.end > f.start ? `<span class="quote">«${escapeHtml(draft.slice(idx[f.start], idx[f.end]))}»</span> — ` : "";
    const fix = f.suggestion ? `<span class="fix">Лучше: ${escapeHtml(f.suggestion)}</span>` : "";
    li.innerHTML = `<div class="code">${escapeHtml(CODE_RU[f.code] || f.code)}</div>${quote}${escapeHtml(f.message)}${fix}`;
    if (f.suggestion && canApply(f)) li.appendChild(button("Исправить", () => applyFix(f)));
    li.appendChild(button("Скрыть", () => {
      feedback({ kind: "dismiss", flag_code: f.code, rule: f.rule, draft, message: $("message").value || null });
      li.remove();
    }));
    li.addEventListener("mouseenter", () => highlight(f, true));
    li.addEventListener("mouseleave", () => highlight(f, false));
    ul.appendChild(li);
  });
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button"; b.textContent = label;
  b.addEventListener("click", (ev) => { ev.stopPropagation(); onClick(); });
  return b;
}

function highlight(f, on) {
  const i = state.flags.indexOf(f);
  const mark = document.querySelector(`#backdrop mark[data-i="${i}"]`);
  if (mark) mark.classList.toggle("active", on);
}

/** A fix is applied automatically when it replaces a span, or adds a greeting or an apology; a wording with a
 *  gap («…») or an instruction («впишите …») is advice for the operator, shown but not inserted. */
function canApply(f) {
  if (/[{}…]/.test(f.suggestion) || /^впишите\s/.test(f.suggestion)) return false;
  return f.end > f.start || f.code === "no_greeting" || f.code === "no_apology";
}

function applyFix(f) {
  const draft = $("draft").value;
  const idx = unitIndex(draft);
  let text;
  if (f.end > f.start) {
    text = draft.slice(0, idx[f.start]) + f.suggestion + draft.slice(idx[f.end]);
  } else if (f.code === "no_greeting") {
    text = f.suggestion.trimEnd() + " " + draft.trimStart();
  } else {
    // An apology goes right after the greeting when there is one.
    const m = draft.match(/^\s*(здравствуйте|добрый\s+\S+|доброе\s+\S+|привет\S*)[^.!?\n]*[.!?]?\s*/i);
    const at = m ? m[0].length : 0;
    text = draft.slice(0, at) + f.suggestion.trim() + " " + draft.slice(at);
  }
  $("draft").value = text;
  feedback({ kind: "accept", flag_code: f.code, rule: f.rule, draft, message: $("message").value || null });
  onDraft();
}

function feedback(body) {
  post("/feedback", body).catch(() => {}); // feedback is best effort: the operator's work never waits on it
}

// --- start-up ---------------------------------------------------------------------------------

async function loadExamples() {
  try {
    const res = await fetch("/static/examples.json");
    const examples = await res.json();
    for (const ex of examples) {
      const b = document.createElement("button");
      b.type = "button"; b.textContent = ex.label;
      b.addEventListener("click", () => { $("message").value = ex.message; $("draft").value = ex.draft || ""; onMessage(); });
      $("examples").appendChild(b);
    }
  } catch (e) { /* the examples are a convenience */ }
}

$("message").addEventListener("input", () => later("message", onMessage));
$("draft").addEventListener("input", () => { renderBackdrop($("draft").value, []); later("draft", onDraft); later("suggest", suggest); });
$("draft").addEventListener("scroll", () => { $("backdrop").scrollTop = $("draft").scrollTop; });
$("token").addEventListener("change", () => { localStorage.setItem("assistant.token", $("token").value); onMessage(); });
loadExamples();
