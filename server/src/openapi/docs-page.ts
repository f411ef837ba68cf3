/**
 * `/api/docs`: a self-contained, script-free HTML rendering of the OpenAPI document (no CDN; the
 * machines have no internet): operations grouped by tag, each with method, path, access rule,
 * parameters, request and response schemas; `$ref`s link to the schema section.
 */

// The document is plain JSON produced by document.ts and walked loosely here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A compact, readable rendering of a JSON Schema: refs become links. */
function schemaHtml(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== 'object') return '<code>any</code>';
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    return `<a href="#schema-${esc(name)}"><code>${esc(name)}</code></a>`;
  }
  if (depth > 8) return '<code>…</code>';
  const notes: string[] = [];
  if (s.description) notes.push(esc(s.description));
  if (s.pattern) notes.push(`pattern <code>${esc(s.pattern)}</code>`);
  if (s.format) notes.push(`format ${esc(s.format)}`);
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const)
    if (s[k] !== undefined) notes.push(`${k} ${esc(s[k])}`);
  const note = notes.length ? ` <span class="note">${notes.join('; ')}</span>` : '';
  if (Array.isArray(s.enum))
    return `<code>${s.enum.map((v: unknown) => esc(JSON.stringify(v))).join(' | ')}</code>${note}`;
  if (s.const !== undefined) return `<code>${esc(JSON.stringify(s.const))}</code>${note}`;
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[k]))
      return `${k === 'allOf' ? 'all of' : 'one of'}: ${s[k].map((x: unknown) => schemaHtml(x, depth + 1)).join(' <b>|</b> ')}${note}`;
  }
  if (s.type === 'array') return `array of ${schemaHtml(s.items, depth + 1)}${note}`;
  if (s.type === 'object' || s.properties) {
    const required = new Set<string>(s.required ?? []);
    const rows = Object.entries((s.properties ?? {}) as Record<string, unknown>)
      .map(
        ([k, v]) =>
          `<tr><td><code>${esc(k)}</code>${required.has(k) ? '' : ' <span class="opt">optional</span>'}</td><td>${schemaHtml(v, depth + 1)}</td></tr>`,
      )
      .join('');
    const extra = s.additionalProperties === false ? '<span class="note">no other fields</span>' : '';
    return rows ? `object ${extra}${note}<table class="props">${rows}</table>` : `<code>object</code>${note}`;
  }
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  return `<code>${esc(type)}</code>${note}`;
}

export function renderDocsPage(doc: Json): string {
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, ops] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(ops as Record<string, Json>)) {
      const tag = op.tags?.[0] ?? 'Other';
      const anchor = `op-${op.operationId}`;
      const params = (op.parameters ?? []) as Json[];
      const paramHtml = params.length
        ? `<h4>Parameters</h4><table class="props"><tr><th>name</th><th>in</th><th>schema</th></tr>${params
            .map(
              (p) =>
                `<tr><td><code>${esc(p.name)}</code>${p.required ? '' : ' <span class="opt">optional</span>'}</td><td>${esc(p.in)}</td><td>${schemaHtml(p.schema)}${p.description ? ` <span class="note">${esc(p.description)}</span>` : ''}</td></tr>`,
            )
            .join('')}</table>`
        : '';
      const body = op.requestBody?.content?.['application/json']?.schema;
      const bodyHtml = body ? `<h4>Request body (JSON)</h4>${schemaHtml(body)}` : '';
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
        .map(([status, r]) => {
          const [type, media] = Object.entries((r.content ?? {}) as Record<string, Json>)[0] ?? [];
          const shape = type
            ? type === 'application/json' && media?.schema
              ? schemaHtml(media.schema)
              : `<code>${esc(type)}</code>`
            : '';
          return `<tr><td class="status s${esc(status[0])}">${esc(status)}</td><td>${esc(r.description)}</td><td>${shape}</td></tr>`;
        })
        .join('');
      const html = `<section class="op" id="${esc(anchor)}">
<h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>
<p class="access">Access: <b>${esc(accessOf(op['x-access']))}</b></p>
${op.description && !String(op.description).startsWith('Access:') ? `<p>${esc(String(op.description).split('\n\nAccess:')[0])}</p>` : ''}
${paramHtml}${bodyHtml}
<h4>Responses</h4><table class="props">${responses}</table>
</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
      toc.set(tag, [
        ...(toc.get(tag) ?? []),
        `<li><a href="#${esc(anchor)}"><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> ${esc(path)}</a></li>`,
      ]);
    }
  }
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, unknown>)
    .map(
      ([name, s]) => `<section class="schema" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${schemaHtml(s)}</section>`,
    )
    .join('\n');
  const info = doc.info ?? {};
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(info.title)} · ${esc(info.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;display:flex}
nav{width:300px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;border-right:1px solid #ddd;padding:12px;font-size:13px;box-sizing:border-box}
nav ul{list-style:none;padding:0;margin:0 0 12px}nav a{color:inherit;text-decoration:none}nav h2{font-size:14px;margin:12px 0 4px}
main{padding:16px 28px;max-width:1000px}h1{margin-top:0}h2.tag{border-bottom:2px solid #333;padding-bottom:4px;margin-top:36px}
.op{border:1px solid #ddd;border-radius:6px;padding:8px 16px;margin:16px 0}.op h3{margin:6px 0;font-size:16px}
.method{display:inline-block;min-width:48px;text-align:center;border-radius:4px;color:#fff;font:bold 11px/18px monospace;padding:0 4px}
.get{background:#2f7d32}.post{background:#1565c0}.patch{background:#ef6c00}.put{background:#6a1b9a}.delete{background:#c62828}
table.props{border-collapse:collapse;margin:4px 0 8px;font-size:13px}table.props td,table.props th{border:1px solid #e3e3e3;padding:3px 8px;vertical-align:top;text-align:left}
.note{color:#666;font-size:12px}.opt{color:#999;font-size:11px}.access{font-size:13px;color:#444}.status{font-weight:bold}.s2{color:#2f7d32}.s4{color:#c62828}.s5{color:#6a1b9a}
code{font-size:12.5px;background:#f4f4f6;padding:0 3px;border-radius:3px}pre{white-space:pre-wrap}
</style>
</head>
<body>
<nav>
<p><b>${esc(info.title)}</b> ${esc(info.version)}</p>
${[...toc].map(([tag, items]) => `<h2><a href="#tag-${esc(tag)}">${esc(tag)}</a></h2><ul>${items.join('')}</ul>`).join('\n')}
<h2><a href="#schemas">Schemas</a></h2>
<p><a href="/api/openapi.json">openapi.json</a></p>
</nav>
<main>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${esc(info.summary ?? '')}</p>
<p>${esc(info.description ?? '')}</p>
<p>OpenAPI ${esc(doc.openapi)} document: <a href="/api/openapi.json"><code>/api/openapi.json</code></a></p>
${[...byTag].map(([tag, ops]) => `<h2 class="tag" id="tag-${esc(tag)}">${esc(tag)}</h2>\n${ops.join('\n')}`).join('\n')}
<h2 class="tag" id="schemas">Schemas</h2>
${schemas}
</main>
</body>
</html>
`;
}

function accessOf(access: unknown): string {
  if (access === 'public') return 'public (no sign-in)';
  if (access === 'signed-in') return 'any signed-in user or API key';
  return Array.isArray(access) ? `roles: ${access.join(', ')}` : 'unknown';
}
