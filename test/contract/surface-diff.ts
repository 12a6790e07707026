/**
 * Compares two module surfaces with the TypeScript type checker: every export of the reference module
 * (a published package's declarations) must exist in ours with the same kind, and every public or
 * protected member, call signature (overload), property of an interface and enum value must be present
 * and typed compatibly. Used by the contract tests; no hand-typed lists.
 *
 * Compatibility rules (what an app written against the reference needs from ours):
 * - a value or member an app reads: our type must fit where the reference type is expected;
 * - a parameter an app passes: the reference type must fit our parameter (contravariant);
 * - an options interface (a property bag an app builds): each reference property must be accepted by ours,
 *   and a property optional in the reference must be optional in ours;
 * - every reference overload must be callable on ours the same way (our required arguments are no more).
 * Types from the two packages are compared structurally where the checker would compare them nominally
 * (enums and classes with private members declared twice): by enum values, by public members.
 */
import path from 'node:path';
import ts from 'typescript';

export interface SurfacePair {
  label: string;
  reference: string;
  ours: string;
}

const MAX_DEPTH = 4;

export function compareSurfaces(pairs: SurfacePair[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(
    pairs.flatMap((p) => [p.reference, p.ours]),
    { ...options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const problems: string[] = [];
  for (const pair of pairs) new SurfaceDiff(checker, program, pair, problems).run();
  return problems;
}

function isOptionsName(name: string): boolean {
  return /(Options|Config|Configuration|Params|Parameters|Settings)$/.test(name);
}

class SurfaceDiff {
  private readonly seen = new Map<ts.Type, Set<ts.Type>>();
  /** Names exported by both surfaces: such a type nested in another is compared once, at the top level. */
  private readonly shared = new Set<string>();
  private readonly queue: Array<[string, ts.Symbol, ts.Symbol]> = [];
  private readonly queued = new Set<string>();
  private readonly referenceRoot: string;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly program: ts.Program,
    private readonly pair: SurfacePair,
    private readonly problems: string[],
  ) {
    this.referenceRoot = path.dirname(path.resolve(pair.reference));
  }

  run(): void {
    const ref = this.exportsOf(this.pair.reference);
    const ours = this.exportsOf(this.pair.ours);
    for (const name of ref.keys()) if (ours.has(name)) this.shared.add(name);
    for (const [name, refSym] of ref) {
      const where = `${this.pair.label} ${name}`;
      const ourSym = ours.get(name);
      if (!ourSym) {
        this.problems.push(`${where}: export missing`);
        continue;
      }
      this.compareSymbols(where, name, refSym, ourSym);
    }
    // Classes an app only reaches through members (`session.events`, `session.layouts`), compared once each.
    for (let i = 0; i < this.queue.length; i++) {
      const [name, refSym, ourSym] = this.queue[i];
      this.compareSymbols(`${this.pair.label} ${name}`, name, refSym, ourSym);
    }
  }

  /** Queues a same-named class pair met inside a member type, unless an export compares it already. */
  private reached(a: ts.Type, b: ts.Type): void {
    const [sa, sb] = [a.getSymbol(), b.getSymbol()];
    if (!sa || !sb || this.shared.has(sa.name) || this.queued.has(sa.name)) return;
    const refFirst = this.isReference(sa);
    this.queued.add(sa.name);
    this.queue.push([sa.name, refFirst ? sa : sb, refFirst ? sb : sa]);
  }

  private isReference(sym: ts.Symbol): boolean {
    return (sym.declarations ?? []).some((d) => d.getSourceFile().isDeclarationFile && path.resolve(d.getSourceFile().fileName).startsWith(this.referenceRoot));
  }

  /** The `T` of a `Promise<T>`, else undefined. */
  private promisedType(t: ts.Type): ts.Type | undefined {
    if (t.getSymbol()?.name !== 'Promise') return undefined;
    return this.checker.getTypeArguments(t as ts.TypeReference)[0];
  }

  private exportsOf(file: string): Map<string, ts.Symbol> {
    const source = this.program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    const moduleSymbol = this.checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file} is not a module`);
    const out = new Map<string, ts.Symbol>();
    for (const sym of this.checker.getExportsOfModule(moduleSymbol)) out.set(sym.name, this.resolve(sym));
    return out;
  }

  private resolve(sym: ts.Symbol): ts.Symbol {
    return sym.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(sym) : sym;
  }

  private compareSymbols(where: string, name: string, ref: ts.Symbol, ours: ts.Symbol): void {
    const F = ts.SymbolFlags;
    if (ref.flags & F.Value && !(ours.flags & F.Value)) this.problems.push(`${where}: a value in the reference, only a type in ours`);
    if (ref.flags & F.Type && !(ours.flags & F.Type)) this.problems.push(`${where}: a type in the reference, only a value in ours`);
    if (ref.flags & F.Enum) return this.compareEnums(where, ref, ours);
    if (ref.flags & F.Class) {
      this.compareMembers(`${where} (static)`, this.checker.getTypeOfSymbol(ref), this.checker.getTypeOfSymbol(ours), 'read', ['prototype']);
      this.compareSignatureSets(`${where} constructor`, this.checker.getTypeOfSymbol(ref), this.checker.getTypeOfSymbol(ours), ts.SignatureKind.Construct);
      this.compareMembers(where, this.checker.getDeclaredTypeOfSymbol(ref), this.checker.getDeclaredTypeOfSymbol(ours), 'read');
      return;
    }
    if (ref.flags & (F.Function | F.Variable)) {
      const refType = this.checker.getTypeOfSymbol(ref);
      const ourType = this.checker.getTypeOfSymbol(ours);
      if (!this.fits(ourType, refType, 0, true)) this.problems.push(`${where}: ${this.show(ourType)} does not fit the published ${this.show(refType)}`);
      this.compareSignatureSets(where, refType, ourType, ts.SignatureKind.Call);
      return;
    }
    if (ref.flags & (F.Interface | F.TypeAlias)) {
      const refType = this.checker.getDeclaredTypeOfSymbol(ref);
      const ourType = this.checker.getDeclaredTypeOfSymbol(ours);
      if (refType.flags & ts.TypeFlags.Object && !this.checker.isArrayLikeType(refType)) {
        this.compareMembers(where, refType, ourType, isOptionsName(name) ? 'write' : 'read');
      } else if (!this.fits(refType, ourType, 0, true)) {
        this.problems.push(`${where}: does not accept every published value (${this.show(refType)}; ours: ${this.show(ourType)})`);
      }
    }
  }

  private compareEnums(where: string, ref: ts.Symbol, ours: ts.Symbol): void {
    const ourMembers = new Map<string, string | number | undefined>();
    ours.exports?.forEach((m, key) => ourMembers.set(String(key), this.enumValue(m)));
    const ourObject = ours.flags & ts.SymbolFlags.Enum ? undefined : this.checker.getTypeOfSymbol(ours);
    ref.exports?.forEach((m, key) => {
      const value = this.enumValue(m);
      if (ourObject) {
        const prop = ourObject.getProperty(String(key));
        const t = prop && this.checker.getTypeOfSymbol(prop);
        if (!t || !t.isLiteral() || t.value !== value) this.problems.push(`${where}.${String(key)}: enum value ${JSON.stringify(value)} missing`);
        return;
      }
      if (!ourMembers.has(String(key))) this.problems.push(`${where}.${String(key)}: enum member missing`);
      else if (ourMembers.get(String(key)) !== value)
        this.problems.push(`${where}.${String(key)}: value ${JSON.stringify(ourMembers.get(String(key)))}, published ${JSON.stringify(value)}`);
    });
  }

  private enumValue(member: ts.Symbol): string | number | undefined {
    const decl = member.valueDeclaration;
    return decl && ts.isEnumMember(decl) ? this.checker.getConstantValue(decl) : undefined;
  }

  /** Every public/protected member of `ref` exists on `ours` and is typed compatibly. */
  private compareMembers(where: string, ref: ts.Type, ours: ts.Type, mode: 'read' | 'write', skip: string[] = []): void {
    for (const prop of this.checker.getPropertiesOfType(ref)) {
      if (skip.includes(prop.name) || isPrivate(prop)) continue;
      const at = `${where}.${prop.name}`;
      const mine = this.checker.getPropertyOfType(ours, prop.name);
      if (!mine || isPrivate(mine)) {
        this.problems.push(`${at}: member missing`);
        continue;
      }
      // A member both inherit from the same web framework (Hono's `get`, `route`, `fetch` ...) is the framework's surface, not the SDK's.
      if (fromFramework(prop) && fromFramework(mine)) continue;
      const refType = this.checker.getTypeOfSymbol(prop);
      const ourType = this.checker.getTypeOfSymbol(mine);
      const refOptional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      const ourOptional = (mine.flags & ts.SymbolFlags.Optional) !== 0;
      if (isMethod(prop)) {
        this.compareSignatureSets(at, refType, this.checker.getNonNullableType(ourType), ts.SignatureKind.Call);
        if (!refOptional && ourOptional && mode === 'read') this.problems.push(`${at}: optional in ours, always present in the reference`);
        continue;
      }
      if (mode === 'write') {
        if (refOptional && !ourOptional) this.problems.push(`${at}: required in ours, optional in the reference`);
        if (!this.fits(refType, ourType, 0)) this.problems.push(`${at}: does not accept the published ${this.show(refType)} (ours: ${this.show(ourType)})`);
      } else {
        if (!refOptional && ourOptional) this.problems.push(`${at}: optional in ours, always present in the reference`);
        const sources = ourOptional && !refOptional ? withoutUndefined(ourType) : [ourType];
        if (!sources.every((t) => this.fits(t, refType, 0)))
          this.problems.push(`${at}: ${this.show(ourType)} does not fit the published ${this.show(refType)}`);
      }
    }
  }

  /** Every reference signature (overload) is matched by one of ours. */
  private compareSignatureSets(where: string, ref: ts.Type, ours: ts.Type, kind: ts.SignatureKind): void {
    const refSigs = this.checker.getSignaturesOfType(ref, kind);
    if (refSigs.length === 0) return;
    const ourSigs = this.checker.getSignaturesOfType(ours, kind);
    if (ourSigs.length === 0) {
      this.problems.push(`${where}: not callable in ours`);
      return;
    }
    for (const sig of refSigs) {
      if (ourSigs.some((mine) => this.signatureFits(sig, mine, 0))) continue;
      this.problems.push(
        `${where}: no overload of ours accepts the published ${this.checker.signatureToString(sig)} (ours: ${ourSigs.map((s) => this.checker.signatureToString(s)).join(' | ')})`,
      );
    }
  }

  private signatureFits(ref: ts.Signature, ours: ts.Signature, depth: number): boolean {
    const refParams = params(this.checker, ref);
    const ourParams = params(this.checker, ours);
    const ourRequired = ourParams.filter((p) => !p.optional).length;
    if (ourRequired > refParams.filter((p) => !p.optional).length && !refParams.some((p) => p.rest)) return false;
    for (let i = 0; i < refParams.length; i++) {
      const mine = ourParams[i] ?? (ourParams[ourParams.length - 1]?.rest ? ourParams[ourParams.length - 1] : undefined);
      if (!mine) return false; // the app may pass an argument ours does not take
      if (refParams[i].optional && !mine.optional) return false;
      const passed = mine.optional ? withoutUndefined(refParams[i].type) : [refParams[i].type];
      if (!passed.every((t) => this.fits(t, mine.type, depth + 1))) return false;
      if (!passed.every((t) => this.knowsEveryProperty(t, mine.type))) return false;
    }
    const refReturn = this.checker.getReturnTypeOfSignature(ref);
    if (refReturn.flags & ts.TypeFlags.Void) return true;
    return this.fits(this.checker.getReturnTypeOfSignature(ours), refReturn, depth + 1);
  }

  /** `source` can be used where `target` is expected, comparing the two packages' types structurally. */
  private fits(source: ts.Type, target: ts.Type, depth: number, top = false): boolean {
    if (source === target || this.checker.isTypeAssignableTo(source, target)) return true;
    if (!top && this.sameSharedName(source, target)) return true;
    const TF = ts.TypeFlags;
    // `any` fits anything and anything fits `unknown`; but an `unknown` where the reference has a type is not
    // usable by an app that reads it (`toolCall.activeSession.layouts`), so it does not fit.
    if (source.flags & TF.Any || target.flags & (TF.Any | TF.Unknown)) return true;
    if ((source.flags | target.flags) & (TF.TypeParameter | TF.Index | TF.IndexedAccess | TF.Conditional)) return true;
    if (target.flags & TF.Void) return true;
    if (depth > MAX_DEPTH) return true;
    const seen = this.seen.get(source) ?? new Set<ts.Type>();
    if (seen.has(target)) return true; // recursive types: assume yes while comparing
    seen.add(target);
    this.seen.set(source, seen);
    try {
      if (source.isUnion()) return source.types.every((t) => this.fits(t, target, depth, top));
      if (target.isUnion()) return target.types.some((t) => this.fits(source, t, depth, top));
      if (source.isIntersection()) return source.types.some((t) => this.fits(t, target, depth, top)) || this.fitsObject(source, target, depth);
      if (target.isIntersection()) return target.types.every((t) => this.fits(source, t, depth, top));
      if (source.isLiteral() && target.isLiteral()) return source.value === target.value;
      if (source.flags & TF.EnumLiteral && target.flags & (TF.String | TF.Number)) return true;
      if (sameClass(source, target)) {
        // Each package's own class: compared member by member at the top level, or (a class only reached
        // through a member, such as `session.events`) once, after the exports.
        this.reached(source, target);
        return true;
      }
      const promised = [source, target].map((t) => this.promisedType(t));
      if (promised[0] && promised[1]) return this.fits(promised[0], promised[1], depth + 1);
      if (source.flags & TF.Object && target.flags & TF.Object) return this.fitsObject(source, target, depth);
      return false;
    } finally {
      seen.delete(target);
    }
  }

  /**
   * An object literal an app passes (typed by the reference) names only properties ours declares: the
   * excess-property check TypeScript makes on literals. Only for inline option bags of the reference.
   */
  private knowsEveryProperty(passed: ts.Type, ours: ts.Type): boolean {
    const plain = (t: ts.Type) =>
      !!(t.flags & ts.TypeFlags.Object) &&
      !this.checker.isArrayLikeType(t) &&
      !((t.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Class) &&
      this.checker.getSignaturesOfType(t, ts.SignatureKind.Call).length === 0;
    const targets = (ours.isUnion() ? ours.types : [ours]).filter(plain);
    const literal = passed.getSymbol()?.name === '__type' && passed.aliasSymbol === undefined; // an inline `{ ... }` parameter type
    if (!literal || !plain(passed) || targets.length === 0) return true;
    if (targets.some((t) => this.checker.getIndexInfosOfType(t).length > 0)) return true;
    return this.checker.getPropertiesOfType(passed).every((p) => targets.some((t) => this.checker.getPropertyOfType(t, p.name)));
  }

  /** Both are the type one surface exports under a name the other exports too (each package's own declaration). */
  private sameSharedName(a: ts.Type, b: ts.Type): boolean {
    const name = (t: ts.Type) => {
      const sym = t.aliasSymbol ?? t.getSymbol();
      if (!sym) return undefined;
      if (sym.flags & ts.SymbolFlags.EnumMember) return undefined; // enum members are compared by value
      return sym.name;
    };
    const na = name(a);
    return na !== undefined && na === name(b) && this.shared.has(na);
  }

  private fitsObject(source: ts.Type, target: ts.Type, depth: number): boolean {
    const sourceIndex = this.checker.getIndexTypeOfType(source, ts.IndexKind.Number);
    const targetIndex = this.checker.getIndexTypeOfType(target, ts.IndexKind.Number);
    if (targetIndex && sourceIndex && this.checker.isArrayLikeType(target)) return this.fits(sourceIndex, targetIndex, depth + 1);
    for (const prop of this.checker.getPropertiesOfType(target)) {
      if (isPrivate(prop)) continue;
      const mine = this.checker.getPropertyOfType(source, prop.name);
      if (!mine) {
        if (prop.flags & ts.SymbolFlags.Optional) continue;
        return false;
      }
      if (isPrivate(mine)) return false;
      if (!this.fits(this.checker.getTypeOfSymbol(mine), this.checker.getTypeOfSymbol(prop), depth + 1)) return false;
    }
    for (const kind of [ts.SignatureKind.Call, ts.SignatureKind.Construct]) {
      const targetSigs = this.checker.getSignaturesOfType(target, kind);
      const sourceSigs = this.checker.getSignaturesOfType(source, kind);
      for (const sig of targetSigs) if (!sourceSigs.some((s) => this.signatureFits(sig, s, depth + 1))) return false;
    }
    return true;
  }

  private show(type: ts.Type): string {
    const text = this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    return text.length > 160 ? `${text.slice(0, 157)}...` : text;
  }
}

interface Param {
  type: ts.Type;
  optional: boolean;
  rest: boolean;
}

function params(checker: ts.TypeChecker, sig: ts.Signature): Param[] {
  return sig.parameters.map((p) => {
    const decl = p.valueDeclaration;
    let type = checker.getTypeOfSymbol(p);
    const rest = !!(decl && ts.isParameter(decl) && decl.dotDotDotToken);
    if (rest) type = checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? type;
    const optional = rest || !!(decl && ts.isParameter(decl) && (decl.questionToken || decl.initializer)) || !!(p.flags & ts.SymbolFlags.Optional);
    return { type, optional, rest };
  });
}

/** Declared by a web framework package (`hono`), which both surfaces take from the same installed copy. */
function fromFramework(sym: ts.Symbol): boolean {
  const decls = sym.declarations ?? [];
  return decls.length > 0 && decls.every((d) => /[\\/]node_modules[\\/]hono[\\/]/.test(d.getSourceFile().fileName));
}

function isPrivate(sym: ts.Symbol): boolean {
  if (sym.name.startsWith('#') || sym.name.startsWith('__')) return true;
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  if (!decl) return false;
  return (ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Private) !== 0;
}

function withoutUndefined(type: ts.Type): ts.Type[] {
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
}

/** Instances of classes of the same name (one declared by each package). */
function sameClass(a: ts.Type, b: ts.Type): boolean {
  const sa = a.getSymbol();
  const sb = b.getSymbol();
  return !!sa && !!sb && sa !== sb && sa.name === sb.name && (sa.flags & ts.SymbolFlags.Class) !== 0 && (sb.flags & ts.SymbolFlags.Class) !== 0;
}

function isMethod(sym: ts.Symbol): boolean {
  return (sym.flags & ts.SymbolFlags.Method) !== 0;
}
