// The app's tools and settings in a wearer's card, from the app's config file through the control
// protocol: each tool with inputs for its parameters and its answer; each setting as a control that pushes
// a change with `settings_set`.

function node(tag, props = {}, children = []) {
  const n = Object.assign(document.createElement(tag), props);
  for (const c of children) n.append(c);
  return n;
}

/** An input for a tool parameter or a setting, by type; `read()` gives its value. */
function field(type, { value, options, min, max, step, multiple } = {}) {
  if (type === 'boolean' || type === 'toggle') {
    const input = node('input', { type: 'checkbox', checked: !!value });
    return { input, read: () => input.checked, write: (v) => (input.checked = !!v) };
  }
  if (options) {
    const input = node(
      'select',
      { multiple: !!multiple },
      options.map((o) => node('option', { value: JSON.stringify(o.value ?? o), textContent: String(o.label ?? o.value ?? o) })),
    );
    const write = (v) => {
      const wanted = (multiple ? (Array.isArray(v) ? v : []) : [v]).map((x) => JSON.stringify(x));
      for (const opt of input.options) opt.selected = wanted.includes(opt.value);
    };
    write(value);
    return { input, read: () => (multiple ? [...input.selectedOptions].map((o) => JSON.parse(o.value)) : JSON.parse(input.value)), write };
  }
  if (type === 'number' || type === 'slider' || type === 'numeric_input') {
    const input = node('input', { type: type === 'slider' ? 'range' : 'number', value: value ?? '', size: 8 });
    if (min !== undefined) input.min = String(min);
    if (max !== undefined) input.max = String(max);
    if (step !== undefined) input.step = String(step);
    return { input, read: () => Number(input.value), write: (v) => (input.value = String(v ?? '')) };
  }
  if (type === 'string' || type === 'text' || type === 'text_no_save_button' || type === 'time_picker') {
    const input = node('input', { value: value ?? '', size: 18 });
    return { input, read: () => input.value, write: (v) => (input.value = String(v ?? '')) };
  }
  const input = node('input', { value: JSON.stringify(value ?? null), size: 18, title: 'a JSON value' });
  return { input, read: () => JSON.parse(input.value), write: (v) => (input.value = JSON.stringify(v ?? null)) };
}

/** Lists the app's tools, each callable with its parameters; answers go under the list. */
export async function loadTools(card, user_id, send) {
  const box = card.q('.tools-list');
  const res = await send({ type: 'tools_list' }, { quiet: true });
  if (!res) return;
  card.q('.tools-source').textContent = res.source ? `from ${res.source}` : 'the app declares no tools (no app_config.json)';
  box.replaceChildren();
  for (const tool of res.tools || []) {
    const params = Object.entries(tool.parameters || {}).map(([name, spec]) => ({ name, spec, ...field(spec.type, spec.enum ? { options: spec.enum } : {}) }));
    const call = node('button', { type: 'button', className: 'tool-call', textContent: 'Call' });
    const answer = node('output', { className: 'tool-answer' });
    const row = node('form', { className: 'tool row' }, [
      node('code', { textContent: tool.id, title: tool.description || '' }),
      node('span', { className: 'hint', textContent: tool.description || '' }),
      ...params.flatMap((p) => [node('label', { title: p.spec.description || '' }, [`${p.name}${p.spec.required ? '*' : ''} `, p.input])]),
      call,
      answer,
    ]);
    row.dataset.tool = tool.id;
    row.onsubmit = (e) => e.preventDefault();
    call.onclick = async () => {
      const parameters = {};
      try {
        for (const p of params) {
          const v = p.read();
          if (v !== '' && !(typeof v === 'number' && Number.isNaN(v))) parameters[p.name] = v;
        }
      } catch (e) {
        answer.textContent = `A parameter is not valid JSON: ${e.message}`;
        return;
      }
      answer.dataset.state = 'calling';
      answer.textContent = 'calling…';
      const r = await send({ type: 'tool_call', user_id, tool_id: tool.id, parameters });
      answer.dataset.state = r ? 'answered' : 'failed';
      answer.textContent = !r
        ? 'the call failed (see above)'
        : `${r.app_status ?? ''} ${typeof r.reply === 'string' ? r.reply : JSON.stringify(r.answer ?? r.reply ?? null)}`.trim();
    };
    box.append(row);
  }
}

/** Renders the app's settings for the wearer; a change is pushed to the app. */
export async function loadSettings(card, user_id, send) {
  const box = card.q('.settings-list');
  const res = await send({ type: 'settings_list', user_id }, { quiet: true });
  if (!res) return;
  card.q('.settings-source').textContent = res.source ? `from ${res.source}` : 'the app declares no settings';
  box.replaceChildren();
  card.settingFields = new Map();
  for (const s of res.settings || []) {
    if (s.type === 'group') {
      box.append(node('h4', { className: 'setting-group', textContent: s.title ?? s.label ?? s.key ?? '' }));
      continue;
    }
    if (s.type === 'titleValue') {
      box.append(node('p', { className: 'setting-info', textContent: `${s.label ?? ''}: ${s.value ?? ''}` }));
      continue;
    }
    if (!s.key) continue;
    const f = field(s.type, { value: s.value ?? s.defaultValue, options: s.options, min: s.min, max: s.max, step: s.step, multiple: s.type === 'multiselect' });
    const shown = node('span', { className: 'setting-value' });
    const show = (v) => (shown.textContent = s.type === 'slider' ? String(v) : '');
    show(s.value ?? s.defaultValue);
    const status = node('span', { className: 'setting-status' });
    const row = node('label', { className: 'setting row' }, [node('span', { className: 'label', textContent: s.label ?? s.key }), f.input, shown, status]);
    row.dataset.setting = s.key;
    const push = async () => {
      let value;
      try {
        value = f.read();
      } catch (e) {
        status.textContent = `not valid JSON: ${e.message}`;
        return;
      }
      show(value);
      status.textContent = 'sending…';
      const r = await send({ type: 'settings_set', user_id, key: s.key, value });
      status.textContent = r ? `sent (app answered ${r.app_status ?? 'nothing'})` : 'refused';
      row.dataset.sent = r ? 'true' : 'false';
    };
    f.input.onchange = push;
    card.settingFields.set(s.key, { ...f, show });
    box.append(row);
  }
}

/** Shows the wearer's current values (after a `settings` event), leaving a control being edited alone. */
export function renderSettingValues(card, values) {
  if (!card.settingFields) return;
  for (const { key, value } of values || []) {
    const f = card.settingFields.get(key);
    if (!f || document.activeElement === f.input) continue;
    f.write(value);
    f.show(value);
  }
}
