/**
 * The rewrite of one source file: AST nodes located with the compiler API, replaced as text edits so the
 * rest of the file (formatting, comments) is untouched. Every edit is reported with its line; what cannot
 * be decided safely is reported with the manual step instead.
 */
import type * as TS from 'typescript';
import type { FileAnalysis } from './analysis';
import {
  CONFIG_FIELDS,
  CONFIG_TYPES,
  EVENTS_MEMBERS,
  LEGACY_CONFIG_FILE,
  MODERN_CONFIG_FILE,
  RENAMED_ENUMS,
  ROOT_RENAMES,
  SERVER_CLASSES,
  SESSION_MEMBERS,
  SETTINGS_MEMBERS,
  STREAMING_RENAMES,
  isUnmistakable,
  modernSpecifier,
} from './rules';

export interface Note {
  line: number;
  message: string;
}

export interface FileResult {
  text: string;
  changes: Note[];
  manual: Note[];
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const REMOVED_COMMENT: Record<string, string> = {
  augmentOSWebsocketUrl: 'The WebSocket URL option was removed by mentraos-migrate: the cloud sends the URL in each webhook.',
  webhookPath: 'The webhook path option was removed by mentraos-migrate: the cloud always calls /webhook.',
};

export function transformFile(a: FileAnalysis, options: { renameConfigFile: boolean }): FileResult {
  const { ts, sf } = a;
  const edits: Edit[] = [];
  const changes: Note[] = [];
  const manual: Note[] = [];
  const handled = new Set<TS.Node>();
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const edit = (node: TS.Node | { start: number; end: number }, text: string, message: string) => {
    const [start, end] = 'kind' in node ? [node.getStart(sf), node.getEnd()] : [node.start, node.end];
    edits.push({ start, end, text });
    changes.push({ line: lineOf(start), message });
  };
  const note = (node: TS.Node, message: string) => manual.push({ line: lineOf(node.getStart(sf)), message });

  // Module specifiers: '@augmentos/sdk' and '@mentra/sdk' (and their subpaths) -> '@mentraos/sdk'.
  for (const lit of a.bindings.specifiers) {
    const modern = modernSpecifier(lit.text);
    if (modern) edit({ start: lit.getStart(sf) + 1, end: lit.getEnd() - 1 }, modern, `'${lit.text}' -> '${modern}'`);
  }

  // Named bindings and their references.
  const renamedDecls = new Map<TS.Node, string>();
  const boundNames = new Set([...a.bindings.named.keys()].map((d) => (d as TS.ImportSpecifier).name.getText(sf)));
  for (const [decl, imported] of a.bindings.named) {
    const modern = ROOT_RENAMES[imported];
    if (!modern) continue;
    const el = decl as TS.ImportSpecifier | TS.BindingElement;
    if (el.propertyName) {
      edit(el.propertyName, modern, `${imported} -> ${modern} (aliased as ${el.name.getText(sf)})`);
      continue;
    }
    renamedDecls.set(decl, modern);
    if (boundNames.has(modern)) {
      // `{ TpaServer, AppServer }`: the modern name is already imported; drop the legacy one.
      const text = sf.text;
      let end = el.getEnd();
      while (end < text.length && /[\s,]/.test(text[end]) && text[end] !== '}') end++;
      edit({ start: el.getStart(sf), end }, '', `${imported} dropped (${modern} is already imported)`);
    } else {
      edit(el.name, modern, `${imported} -> ${modern}`);
      boundNames.add(modern);
    }
  }
  const visitIdentifiers = (node: TS.Node): void => {
    if (ts.isIdentifier(node) && !isDeclarationName(ts, node)) {
      const decl = a.declOf(node);
      const modern = decl && renamedDecls.get(decl);
      if (modern && !handled.has(node)) {
        handled.add(node);
        if (ts.isShorthandPropertyAssignment(node.parent)) edit(node, `${node.text}: ${modern}`, `${node.text} -> ${modern}`);
        else {
          edit(node, modern, `${node.text} -> ${modern}`);
          if (ts.isExportSpecifier(node.parent)) note(node, `this module now exports ${modern} instead of ${node.text}: update the files importing it`);
        }
      }
    }
    ts.forEachChild(node, visitIdentifiers);
  };
  visitIdentifiers(sf);

  // Namespace members (sdk.TpaServer, sdk.TpaSession in types) and require('@augmentos/sdk').TpaServer.
  const renameMember = (name: TS.Identifier | TS.MemberName) => {
    const modern = ts.isIdentifier(name) ? ROOT_RENAMES[name.text] : undefined;
    if (modern && !handled.has(name)) {
      handled.add(name);
      edit(name, modern, `${name.text} -> ${modern}`);
    }
  };
  for (const id of a.bindings.directMembers) renameMember(id);

  const visit = (node: TS.Node): void => {
    if (ts.isPropertyAccessExpression(node) || ts.isQualifiedName(node)) {
      const [owner, name] = ts.isQualifiedName(node) ? [node.left, node.right] : [node.expression, node.name];
      if (a.isNamespace(owner)) renameMember(name);
      if (ts.isIdentifier(name) && name.text.startsWith('TPA_') && RENAMED_ENUMS.has(a.sdkNameOf(owner) ?? '')) {
        edit(name, `APP_${name.text.slice(4)}`, `${name.text} -> APP_${name.text.slice(4)}`);
      }
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name) && !handled.has(node.name)) memberRename(node);
    if (ts.isNewExpression(node) && isServerRef(node.expression)) configObject(node.arguments?.[0]);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && inServerConstructor(node)) configObject(node.arguments[0]);
    if (ts.isVariableDeclaration(node) && node.type && ts.isTypeReferenceNode(node.type) && CONFIG_TYPES.has(a.sdkNameOf(node.type.typeName) ?? ''))
      configObject(node.initializer);
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && a.isServerClass(node)) stopOverride(node);
    if (options.renameConfigFile && ts.isStringLiteralLike(node) && node.text.endsWith(LEGACY_CONFIG_FILE)) {
      const end = node.getEnd() - 1;
      edit({ start: end - LEGACY_CONFIG_FILE.length, end }, MODERN_CONFIG_FILE, `${LEGACY_CONFIG_FILE} -> ${MODERN_CONFIG_FILE}`);
    }
    ts.forEachChild(node, visit);
  };

  function memberRename(node: TS.PropertyAccessExpression): void {
    const m = node.name.text;
    const kind = a.kindOf(node.expression);
    if (kind === 'session' && m === 'streaming') {
      handled.add(node.name);
      const outer = node.parent;
      const member = ts.isPropertyAccessExpression(outer) && outer.expression === node ? outer.name.text : undefined;
      if (member && STREAMING_RENAMES[member] && ts.isPropertyAccessExpression(outer)) {
        handled.add(outer.name);
        edit(
          { start: node.name.getStart(sf), end: outer.name.getEnd() },
          `camera.${STREAMING_RENAMES[member]}`,
          `streaming.${member} -> camera.${STREAMING_RENAMES[member]}`,
        );
      } else note(node, 'session.streaming is used as a value: use session.camera (requestStream -> startStream, onStatus -> onStreamStatus)');
      return;
    }
    const table = kind === 'session' ? SESSION_MEMBERS : kind === 'settings' ? SETTINGS_MEMBERS : kind === 'events' ? EVENTS_MEMBERS : undefined;
    const target = table?.[m];
    if (target) {
      edit(node.name, target, `${kind}.${m} -> ${kind}.${target}`);
      if (m === 'requestPhoto')
        note(node, 'session.camera.requestPhoto() resolves with the photo (buffer, mimeType, ...), not a URL: adapt the code that uses the result');
      return;
    }
    if (kind) return;
    const unmistakable = isUnmistakable(m) ? (SETTINGS_MEMBERS[m] ?? EVENTS_MEMBERS[m] ?? SESSION_MEMBERS[m]) : undefined;
    if (unmistakable && !unmistakable.includes('.')) {
      edit(node.name, unmistakable, `${m} -> ${unmistakable}`);
      return;
    }
    const sessionTarget = SESSION_MEMBERS[m];
    const receiver = node.expression;
    const obviousOther = ts.isPropertyAccessExpression(receiver) && ['events', 'settings', 'camera', 'layouts'].includes(receiver.name.text);
    if ((sessionTarget || unmistakable) && !obviousOther && receiver.kind !== ts.SyntaxKind.ThisKeyword) {
      const text = receiver.getText(sf).slice(0, 40);
      note(node, `${text}.${m}: the receiver's type is unknown; if it is a session, write ${text}.${sessionTarget ?? unmistakable}`);
    }
  }

  function isServerRef(expr: TS.Expression): boolean {
    if (SERVER_CLASSES.has(a.sdkNameOf(expr) ?? '')) return true;
    const decl = ts.isIdentifier(expr) ? a.declOf(expr) : undefined;
    return !!decl && (ts.isClassDeclaration(decl) || ts.isClassExpression(decl)) && a.isServerClass(decl);
  }

  function inServerConstructor(call: TS.CallExpression): boolean {
    let n: TS.Node | undefined = call.parent;
    while (n && !ts.isConstructorDeclaration(n)) n = n.parent;
    return !!n && (ts.isClassDeclaration(n.parent) || ts.isClassExpression(n.parent)) && a.isServerClass(n.parent);
  }

  function configObject(arg: TS.Expression | undefined): void {
    if (arg && ts.isIdentifier(arg)) {
      const decl = a.declOf(arg);
      arg = decl && ts.isVariableDeclaration(decl) ? decl.initializer : undefined;
    }
    if (!arg || !ts.isObjectLiteralExpression(arg) || handled.has(arg)) return;
    handled.add(arg);
    for (const prop of arg.properties) {
      if (!(ts.isPropertyAssignment(prop) || ts.isShorthandPropertyAssignment(prop)) || !ts.isIdentifier(prop.name)) continue;
      const field = CONFIG_FIELDS[prop.name.text];
      if (!field) continue;
      if (field.rename) {
        edit(
          prop.name,
          ts.isShorthandPropertyAssignment(prop) ? `${field.rename}: ${prop.name.text}` : field.rename,
          `config ${prop.name.text} -> ${field.rename}`,
        );
      } else if (
        prop.name.text === 'webhookPath' &&
        ts.isPropertyAssignment(prop) &&
        !(ts.isStringLiteralLike(prop.initializer) && prop.initializer.text === '/webhook')
      ) {
        note(prop, 'webhookPath kept (AppServer still honours it): the cloud always calls <publicUrl>/webhook, so check your public URL or proxy');
      } else removeProperty(prop);
    }
  }

  function removeProperty(prop: TS.ObjectLiteralElementLike): void {
    const text = sf.text;
    const start = prop.getStart(sf);
    let end = prop.getEnd();
    let j = end;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === ',') end = j + 1;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end);
    const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
    const name = (prop.name as TS.Identifier).text;
    const why = REMOVED_COMMENT[name] ?? `The ${name} option was removed by mentraos-migrate.`;
    edit({ start, end }, alone ? `// ${why}` : `/* ${why} */`, `config ${name} removed`);
  }

  function stopOverride(cls: TS.ClassLikeDeclaration): void {
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name) || member.name.text !== 'stop' || !member.body) continue;
      if (member.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) continue;
      if (member.type && member.type.kind !== ts.SyntaxKind.VoidKeyword) continue;
      edit({ start: member.name.getStart(sf), end: member.name.getStart(sf) }, 'async ', 'stop() override made async (AppServer.stop() returns a Promise)');
      if (member.type) edit(member.type, 'Promise<void>', 'stop(): void -> stop(): Promise<void>');
      const awaitSuper = (n: TS.Node): void => {
        if (ts.isExpressionStatement(n) && ts.isCallExpression(n.expression)) {
          const callee = n.expression.expression;
          if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword && callee.name.text === 'stop') {
            edit({ start: n.expression.getStart(sf), end: n.expression.getStart(sf) }, 'await ', 'super.stop() awaited');
          }
        }
        if (!ts.isFunctionLike(n)) ts.forEachChild(n, awaitSuper);
      };
      ts.forEachChild(member.body, awaitSuper);
    }
  }

  visit(sf);
  return { text: applyEdits(sf.text, edits), changes: changes.sort((x, y) => x.line - y.line), manual: manual.sort((x, y) => x.line - y.line) };
}

function isDeclarationName(ts: typeof TS, id: TS.Identifier): boolean {
  const p = id.parent;
  if ((ts.isImportSpecifier(p) || ts.isBindingElement(p)) && (p.name === id || p.propertyName === id)) return true;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  return false;
}

/** Applies non-overlapping edits (the first of two overlapping ones wins). */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
