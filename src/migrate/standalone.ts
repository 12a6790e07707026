/**
 * `--from-standalone`: an app that runs its own webhook and builds its sessions itself
 * (`app.post('/webhook', async (req, res) => { const session = new TpaSession({...}); ...; await session.connect(sessionId); ... })`)
 * becomes a `TpaServer` (or `AppServer`) subclass: the statements that set the session up move into
 * `onSession(session, sessionId, userId)`, and the route is replaced by the server's own routes mounted
 * on the app's express app (`app.use(server.getExpressApp())`), so the app keeps its port and its other
 * routes. The SDK then answers `stop_request` itself. What cannot be rewritten safely is reported.
 */
import type * as TS from 'typescript';
import type { FileAnalysis } from './analysis';
import type { FileResult, Note } from './transform';

/** Config fields of a session that a server does not take (the cloud sends them, or the SDK sets them). */
const SESSION_ONLY = new Set([
  'augmentOSWebsocketUrl',
  'mentraOSWebsocketUrl',
  'serverUrl',
  'userId',
  'tpaServer',
  'appServer',
  'autoReconnect',
  'maxReconnectAttempts',
  'reconnectDelay',
]);
const SESSION_CLASSES: Record<string, string> = { TpaSession: 'TpaServer', AppSession: 'AppServer' };

interface Found {
  route: TS.ExpressionStatement;
  handler: TS.ArrowFunction | TS.FunctionExpression;
  declaration: TS.VariableStatement;
  block: TS.Block;
  session: string;
  config: TS.ObjectLiteralExpression;
  server: string;
  path: string;
}

export function rewriteStandalone(a: FileAnalysis): FileResult {
  const { ts, sf } = a;
  const changes: Note[] = [];
  const manual: Note[] = [];
  const lineOf = (n: TS.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const found: Found[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isNewExpression(node)) {
      const name = a.sdkNameOf(node.expression);
      if (name && SESSION_CLASSES[name]) {
        const f = locate(a, node, SESSION_CLASSES[name]);
        if (typeof f === 'string') manual.push({ line: lineOf(node), message: f });
        else found.push(f);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  let text = sf.text;
  for (const f of found.sort((x, y) => y.route.getStart(sf) - x.route.getStart(sf))) {
    const typed = !/\.(js|jsx|mjs|cjs)$/.test(sf.fileName);
    const className = found.length > 1 ? `StandaloneServer${found.indexOf(f) + 1}` : 'StandaloneServer';
    const route = f.route;
    const indent = ' '.repeat(sf.getLineAndCharacterOfPosition(route.getStart(sf)).character);
    const body = movedStatements(a, f)
      .map((s) => reindent(s.getFullText(sf), `${indent}    `))
      .join('');
    const params = typed ? `${f.session}: ${sessionTypeOf(f.server)}, sessionId: string, userId: string): Promise<void>` : `${f.session}, sessionId, userId)`;
    const config = serverConfig(ts, sf, f);
    const replacement = [
      `// mentraos migrate --from-standalone: the ${f.path} webhook became ${className}.onSession; the SDK builds, connects and stops the sessions.`,
      `class ${className} extends ${f.server} {`,
      `  ${typed ? 'protected ' : ''}async onSession(${params} {${body.trimEnd()}`,
      '  }',
      '}',
      `${expressOf(route)}.use(new ${className}(${config}).getExpressApp());`,
    ].join(`\n${indent}`);
    text = text.slice(0, route.getStart(sf)) + replacement + text.slice(route.getEnd());
    changes.push({
      line: lineOf(route),
      message: `${f.path} webhook handler moved into ${className} (extends ${f.server}).onSession; its routes are mounted on the app`,
    });
    if (!importsServer(a, f.server)) manual.push({ line: lineOf(route), message: `import ${f.server} from the SDK next to ${sessionTypeOf(f.server)}` });
    if (f.handler.getText(sf).includes('stop_request')) {
      manual.push({
        line: lineOf(route),
        message: `the handler's stop_request branch is gone (the SDK ends the session and calls onStop): move its cleanup into ${className}.onStop`,
      });
    }
    if (usesOutside(a, f))
      manual.push({
        line: lineOf(f.declaration),
        message: `the handler reads the request (req.body, ...) after building the session: in onSession use its sessionId and userId`,
      });
  }
  if (found.length > 0 && text !== sf.text) text = addServerImport(a, text, found);
  return { text, changes, manual };
}

/** The route, handler, session variable and config of one `new TpaSession(...)`, or why it cannot be rewritten. */
function locate(a: FileAnalysis, expr: TS.NewExpression, server: string): Found | string {
  const ts = a.ts;
  const why =
    'a session built outside an express webhook route (`app.post(path, async (req, res) => { const session = new TpaSession({...}) ... })`): move it into a server subclass by hand';
  const decl = expr.parent;
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return why;
  const statement = decl.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isBlock(statement.parent)) return why;
  const config = expr.arguments?.[0];
  if (!config || !ts.isObjectLiteralExpression(config)) return 'the session config is not an object literal: build the server config by hand';
  let handler: TS.Node = statement.parent;
  while (handler && !ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) handler = handler.parent;
  const call = handler?.parent;
  if (!handler || !call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'post') return why;
  const [pathArg] = call.arguments;
  if (!pathArg || !ts.isStringLiteralLike(pathArg) || !ts.isExpressionStatement(call.parent)) return why;
  return {
    route: call.parent,
    handler: handler as TS.ArrowFunction | TS.FunctionExpression,
    declaration: statement,
    block: statement.parent,
    session: decl.name.text,
    config,
    server,
    path: pathArg.text,
  };
}

/** The statements of the block after the session is built, less `connect`, the replies and bare returns. */
function movedStatements(a: FileAnalysis, f: Found): TS.Statement[] {
  const ts = a.ts;
  const res = f.handler.parameters[1]?.name;
  const resName = res && ts.isIdentifier(res) ? res.text : undefined;
  const statements = f.block.statements;
  const out: TS.Statement[] = [];
  for (const s of statements.slice(statements.indexOf(f.declaration) + 1)) {
    if (ts.isReturnStatement(s) && !s.expression) continue;
    if (
      mentions(a, s, (n) => ts.isPropertyAccessExpression(n) && n.name.text === 'connect' && ts.isIdentifier(n.expression) && n.expression.text === f.session)
    )
      continue;
    if (resName && ts.isExpressionStatement(s) && rootName(ts, s.expression) === resName) continue;
    out.push(s);
  }
  return out;
}

function mentions(a: FileAnalysis, node: TS.Node, test: (n: TS.Node) => boolean): boolean {
  let hit = false;
  const visit = (n: TS.Node): void => {
    if (hit) return;
    if (test(n)) hit = true;
    else a.ts.forEachChild(n, visit);
  };
  visit(node);
  return hit;
}

/** The identifier a call chain starts from (`res` in `res.status(200).json({})`). */
function rootName(ts: typeof TS, e: TS.Expression): string | undefined {
  let cur: TS.Expression = e;
  while (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur) || ts.isAwaitExpression(cur))
    cur = ts.isAwaitExpression(cur) ? cur.expression : cur.expression;
  return ts.isIdentifier(cur) ? cur.text : undefined;
}

/** True when a moved statement reads the request parameter (it does not exist in onSession). */
function usesOutside(a: FileAnalysis, f: Found): boolean {
  const req = f.handler.parameters[0]?.name;
  if (!req || !a.ts.isIdentifier(req)) return false;
  const name = req.text;
  return movedStatements(a, f).some((s) => mentions(a, s, (n) => a.ts.isIdentifier(n) && n.text === name));
}

function serverConfig(ts: typeof TS, sf: TS.SourceFile, f: Found): string {
  const parts: string[] = [];
  for (const p of f.config.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (name && SESSION_ONLY.has(name)) continue;
    parts.push(p.getText(sf));
  }
  if (f.path !== '/webhook') parts.push(`webhookPath: ${JSON.stringify(f.path)}`);
  return `{ ${parts.join(', ')} }`;
}

function expressOf(route: TS.ExpressionStatement): string {
  const call = route.expression as TS.CallExpression;
  return (call.expression as TS.PropertyAccessExpression).expression.getText();
}

function sessionTypeOf(server: string): string {
  return server === 'TpaServer' ? 'TpaSession' : 'AppSession';
}

function importsServer(a: FileAnalysis, server: string): boolean {
  return [...a.bindings.named.values()].includes(server) || a.bindings.namespaces.size > 0;
}

/** Adds the server class to the named import or require that brings the session class. */
function addServerImport(a: FileAnalysis, text: string, found: Found[]): string {
  let out = text;
  for (const server of new Set(found.map((f) => f.server))) {
    if (importsServer(a, server)) continue;
    const session = sessionTypeOf(server);
    const pattern = new RegExp(`([{,]\\s*)${session}(\\s*[,}])`);
    if (pattern.test(out)) out = out.replace(pattern, `$1${server}, ${session}$2`);
  }
  return out;
}

function reindent(text: string, indent: string): string {
  const lines = text.replace(/^\n+/, '\n').split('\n');
  const nonEmpty = lines.filter((l, i) => i > 0 && l.trim() !== '');
  const common = Math.min(...nonEmpty.map((l) => l.length - l.trimStart().length));
  return lines.map((l, i) => (i === 0 || l.trim() === '' ? l : indent + l.slice(Number.isFinite(common) ? common : 0))).join('\n');
}
