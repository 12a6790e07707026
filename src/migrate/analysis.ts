/**
 * What a source file imports from the SDK and what its expressions are: the bindings (named, aliased,
 * namespace, default, `require` and `import()` forms), and whether an expression is a session, its
 * `settings` or its `events`, or a class is an SDK server subclass. Resolution uses the type checker's
 * symbols only (no module resolution), so shadowing is respected and nothing needs to be installed.
 */
import type * as TS from 'typescript';
import { EVENTS_TYPES, SERVER_CLASSES, SESSION_TYPES, SETTINGS_TYPES, sdkPackageOf } from './rules';

export interface SdkBindings {
  /** Declarations of named bindings (import specifier, binding element) -> the SDK export name. */
  named: Map<TS.Node, string>;
  /** Declarations bound to the whole module (namespace/default import, `const sdk = require(...)`). */
  namespaces: Set<TS.Node>;
  /** Every string literal naming an SDK module. */
  specifiers: TS.StringLiteralLike[];
  /** `require('@augmentos/sdk').X` property names. */
  directMembers: TS.Identifier[];
}

export type ExprKind = 'session' | 'settings' | 'events' | undefined;

export class FileAnalysis {
  readonly bindings: SdkBindings = { named: new Map(), namespaces: new Set(), specifiers: [], directMembers: [] };
  private readonly kinds = new Map<TS.Node, ExprKind>();
  private readonly serverClasses = new Map<TS.Node, boolean>();

  constructor(
    readonly ts: typeof TS,
    readonly sf: TS.SourceFile,
    readonly checker: TS.TypeChecker,
  ) {
    this.collect(sf);
  }

  /** The declaration an identifier (or a property access's name) refers to. */
  declOf(node: TS.Node): TS.Declaration | undefined {
    const target = this.ts.isPropertyAccessExpression(node) ? node.name : node;
    return this.checker.getSymbolAtLocation(target)?.declarations?.[0];
  }

  /** The SDK export an expression or type name refers to (`TpaServer`, `sdk.TpaServer`, `S` for `TpaSession as S`). */
  sdkNameOf(node: TS.Node | undefined): string | undefined {
    const ts = this.ts;
    if (!node) return undefined;
    if (ts.isIdentifier(node)) {
      const d = this.declOf(node);
      return d ? this.bindings.named.get(d) : undefined;
    }
    if ((ts.isPropertyAccessExpression(node) || ts.isQualifiedName(node)) && this.isNamespace(ts.isQualifiedName(node) ? node.left : node.expression)) {
      return (ts.isQualifiedName(node) ? node.right : node.name).text;
    }
    return undefined;
  }

  isNamespace(node: TS.Node): boolean {
    if (!this.ts.isIdentifier(node)) return false;
    const d = this.declOf(node);
    return !!d && this.bindings.namespaces.has(d);
  }

  /** True for a class that extends an SDK server (directly or through a class of this file). */
  isServerClass(node: TS.ClassLikeDeclaration): boolean {
    const known = this.serverClasses.get(node);
    if (known !== undefined) return known;
    this.serverClasses.set(node, false);
    const ts = this.ts;
    const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    let result = SERVER_CLASSES.has(this.sdkNameOf(ext) ?? '');
    if (!result && ext && ts.isIdentifier(ext)) {
      const d = this.declOf(ext);
      if (d && (ts.isClassDeclaration(d) || ts.isClassExpression(d))) result = this.isServerClass(d);
    }
    this.serverClasses.set(node, result);
    return result;
  }

  /** Whether an expression is a session, its settings or its events. */
  kindOf(expr: TS.Expression): ExprKind {
    const ts = this.ts;
    if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr)) return this.kindOf(expr.expression);
    if (ts.isPropertyAccessExpression(expr)) {
      const inner = this.kindOf(expr.expression);
      if (inner === 'session' && (expr.name.text === 'settings' || expr.name.text === 'events')) return expr.name.text;
    }
    if (!ts.isIdentifier(expr) && !ts.isPropertyAccessExpression(expr)) return undefined;
    const decl = this.declOf(expr);
    return decl ? this.kindOfDecl(decl) : undefined;
  }

  private kindOfDecl(decl: TS.Declaration): ExprKind {
    if (this.kinds.has(decl)) return this.kinds.get(decl);
    this.kinds.set(decl, undefined);
    const ts = this.ts;
    let kind: ExprKind;
    const typed = decl as TS.Declaration & { type?: TS.TypeNode; initializer?: TS.Expression };
    if (typed.type && ts.isTypeReferenceNode(typed.type)) kind = this.kindOfType(typed.type.typeName);
    if (!kind && ts.isParameter(decl) && this.isOnSessionFirstParam(decl)) kind = 'session';
    if (!kind && typed.initializer && (ts.isVariableDeclaration(decl) || ts.isPropertyDeclaration(decl))) kind = this.kindOf(typed.initializer);
    this.kinds.set(decl, kind);
    return kind;
  }

  private kindOfType(name: TS.EntityName): ExprKind {
    const sdk = this.sdkNameOf(name) ?? '';
    return SESSION_TYPES.has(sdk) ? 'session' : SETTINGS_TYPES.has(sdk) ? 'settings' : EVENTS_TYPES.has(sdk) ? 'events' : undefined;
  }

  private isOnSessionFirstParam(p: TS.ParameterDeclaration): boolean {
    const ts = this.ts;
    const fn = p.parent;
    if (!(ts.isMethodDeclaration(fn) || ts.isPropertyDeclaration(fn)) || fn.parameters?.[0] !== p) return false;
    if (!ts.isIdentifier(fn.name) || fn.name.text !== 'onSession') return false;
    return (ts.isClassDeclaration(fn.parent) || ts.isClassExpression(fn.parent)) && this.isServerClass(fn.parent);
  }

  // ---------------------------------------------------------------- collecting bindings

  private collect(node: TS.Node): void {
    const ts = this.ts;
    if (ts.isImportDeclaration(node) && this.isSdk(node.moduleSpecifier)) {
      const clause = node.importClause;
      if (clause?.name) this.bindings.namespaces.add(clause);
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) this.bindings.namespaces.add(nb);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) this.bindings.named.set(el, (el.propertyName ?? el.name).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && this.isSdk(node.moduleSpecifier)) {
      // Re-exports are renamed by transform.ts through the specifier list.
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && this.isSdk(node.moduleReference.expression)) {
      this.bindings.namespaces.add(node);
    } else if (ts.isCallExpression(node) && this.isModuleCall(node) && this.isSdk(node.arguments[0])) {
      this.bindModuleCall(node);
    }
    ts.forEachChild(node, (child) => this.collect(child));
  }

  private isSdk(node: TS.Node | undefined): node is TS.StringLiteralLike {
    const ts = this.ts;
    if (!node || !ts.isStringLiteralLike(node) || !sdkPackageOf(node.text)) return false;
    this.bindings.specifiers.push(node);
    return true;
  }

  private isModuleCall(call: TS.CallExpression): boolean {
    const ts = this.ts;
    const callee = call.expression;
    const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
    return (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) && call.arguments.length === 1;
  }

  /** `const x = require(sdk)`, `const { A, B: C } = require(sdk)`, `await import(sdk)`, `require(sdk).A`. */
  private bindModuleCall(call: TS.CallExpression): void {
    const ts = this.ts;
    let holder: TS.Node = call.parent;
    while (ts.isAwaitExpression(holder) || ts.isParenthesizedExpression(holder)) holder = holder.parent;
    if (ts.isPropertyAccessExpression(holder)) {
      if (ts.isIdentifier(holder.name)) this.bindings.directMembers.push(holder.name);
      return;
    }
    if (!ts.isVariableDeclaration(holder)) return;
    if (ts.isIdentifier(holder.name)) this.bindings.namespaces.add(holder);
    else if (ts.isObjectBindingPattern(holder.name)) {
      for (const el of holder.name.elements) {
        const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (imported) this.bindings.named.set(el, imported);
      }
    }
  }
}
