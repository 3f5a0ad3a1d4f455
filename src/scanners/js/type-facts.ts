import { field, named, type JsNode } from './syntax.js';

/**
 * What a file's TypeScript types say about the text a value can hold. A parameter typed `number`,
 * `boolean`, `bigint`, a numeric enum or a union of literals carries no injectable text into SQL, a
 * path or a command: TypeScript rejects anything else at the file's own call sites (a caller passing
 * request data typed `any` is still followed: the front end joins that taint in). The file's enums,
 * type aliases, interfaces and classes are read once, at the top level (exported or not).
 */
export interface FieldFact {
  type: JsNode;
  /** a decorated class field (class-validator `@IsInt()`, `@IsEnum(E)`): checked at run time by NestJS pipes */
  validated: boolean;
  /** `@IsEnum(E)` / `@IsIn([...])`: a string is checked against a finite set too */
  choice: boolean;
}

type EnumKind = 'numeric' | 'string';

export class TypeFacts {
  private readonly enums = new Map<string, EnumKind>();
  private readonly aliases = new Map<string, JsNode>();
  private readonly records = new Map<string, Map<string, FieldFact>>();

  constructor(
    root: JsNode,
    private readonly text: string,
    /** whole-type regex of the rules' `safe-parameter-types` (number, boolean, Date, bigint) */
    private readonly primitive: RegExp | undefined,
  ) {
    for (let s of named(root)) {
      if (s.type === 'export_statement') s = field(s, 'declaration') ?? s;
      const name = field(s, 'name');
      if (!name) continue;
      const id = this.src(name);
      if (s.type === 'enum_declaration') this.enums.set(id, this.enumKind(s));
      else if (s.type === 'type_alias_declaration') {
        const v = field(s, 'value');
        if (v?.type === 'object_type') this.records.set(id, this.fields(v));
        else if (v) this.aliases.set(id, v);
      } else if (s.type === 'interface_declaration') {
        const body = field(s, 'body');
        if (body) this.records.set(id, this.fields(body));
      } else if (s.type === 'class_declaration' || s.type === 'abstract_class_declaration') {
        const body = field(s, 'body');
        if (body) this.records.set(id, this.fields(body));
      }
    }
  }

  private src(n: JsNode): string {
    return this.text.slice(n.start, n.end);
  }

  private enumKind(e: JsNode): EnumKind {
    const body = field(e, 'body');
    for (const m of body ? named(body) : []) {
      const v = m.type === 'enum_assignment' ? field(m, 'value') : undefined;
      if (v && v.type !== 'number' && v.type !== 'unary_expression') return 'string';
    }
    return 'numeric';
  }

  private fields(body: JsNode): Map<string, FieldFact> {
    const out = new Map<string, FieldFact>();
    for (const m of named(body)) {
      if (m.type !== 'property_signature' && m.type !== 'public_field_definition' && m.type !== 'field_definition') continue;
      const name = field(m, 'name') ?? field(m, 'property');
      const type = field(m, 'type');
      if (!name || !type) continue;
      const decos = named(m).filter((c) => c.type === 'decorator').map((d) => this.src(d));
      out.set(this.src(name), { type, validated: decos.length > 0, choice: decos.some((d) => /^@(IsEnum|IsIn)\b/.test(d)) });
    }
    return out;
  }

  /**
   * A value of this type holds no text an attacker chooses: primitives that are not strings, unions
   * and arrays of them, numeric enums; with `literals`, also string literal unions and string enums
   * (a finite set the compiler or a validator enforces).
   */
  noText(t: JsNode | undefined, literals: boolean, depth = 0): boolean {
    if (!t || depth > 8) return false;
    switch (t.type) {
      case 'type_annotation':
      case 'parenthesized_type':
      case 'readonly_type':
      case 'array_type':
        return named(t).length === 1 && this.noText(named(t)[0], literals, depth + 1);
      case 'union_type':
        return named(t).length > 0 && named(t).every((c) => this.noText(c, literals, depth + 1));
      case 'literal_type': {
        const v = named(t)[0];
        if (!v) return false;
        if (v.type === 'string') return literals;
        return v.type === 'number' || v.type === 'true' || v.type === 'false' || v.type === 'null' || v.type === 'undefined' || v.type === 'unary_expression';
      }
      case 'predefined_type':
      case 'type_identifier': {
        const name = this.src(t);
        if (name === 'undefined' || name === 'null' || name === 'void' || name === 'never') return true;
        if (this.primitive?.test(name)) return true;
        const e = this.enums.get(name);
        if (e) return e === 'numeric' || literals;
        const alias = this.aliases.get(name);
        return alias ? this.noText(alias, literals, depth + 1) : false;
      }
      case 'generic_type': {
        const base = field(t, 'name');
        const args = field(t, 'type_arguments');
        const list = args ? named(args) : [];
        return !!base && /^(Array|ReadonlyArray|Set|ReadonlySet)$/.test(this.src(base)) && list.length === 1 && this.noText(list[0], literals, depth + 1);
      }
      default:
        return false;
    }
  }

  /** The declared fields of an interface, class or object type alias of this file named by an annotation. */
  fieldsOf(annotation: JsNode | undefined): Map<string, FieldFact> | undefined {
    let t = annotation;
    while (t && (t.type === 'type_annotation' || t.type === 'parenthesized_type') && named(t).length === 1) t = named(t)[0];
    if (t?.type !== 'type_identifier') return undefined;
    return this.records.get(this.src(t));
  }
}
