import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 2210:
/***/ ((module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv2020 = void 0;
const core_1 = __nccwpck_require__(3893);
const draft2020_1 = __nccwpck_require__(4298);
const discriminator_1 = __nccwpck_require__(8886);
const json_schema_2020_12_1 = __nccwpck_require__(3995);
const META_SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema";
class Ajv2020 extends core_1.default {
    constructor(opts = {}) {
        super({
            ...opts,
            dynamicRef: true,
            next: true,
            unevaluated: true,
        });
    }
    _addVocabularies() {
        super._addVocabularies();
        draft2020_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
            this.addKeyword(discriminator_1.default);
    }
    _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        const { $data, meta } = this.opts;
        if (!meta)
            return;
        json_schema_2020_12_1.default.call(this, $data);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
    }
    defaultMeta() {
        return (this.opts.defaultMeta =
            super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : undefined));
    }
}
exports.Ajv2020 = Ajv2020;
module.exports = exports = Ajv2020;
module.exports.Ajv2020 = Ajv2020;
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports["default"] = Ajv2020;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
var validation_error_1 = __nccwpck_require__(3021);
Object.defineProperty(exports, "ValidationError", ({ enumerable: true, get: function () { return validation_error_1.default; } }));
var ref_error_1 = __nccwpck_require__(3162);
Object.defineProperty(exports, "MissingRefError", ({ enumerable: true, get: function () { return ref_error_1.default; } }));
//# sourceMappingURL=2020.js.map

/***/ }),

/***/ 2463:
/***/ ((module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
const core_1 = __nccwpck_require__(3893);
const draft7_1 = __nccwpck_require__(9941);
const discriminator_1 = __nccwpck_require__(8886);
const draft7MetaSchema = __nccwpck_require__(2079);
const META_SUPPORT_DATA = ["/properties"];
const META_SCHEMA_ID = "http://json-schema.org/draft-07/schema";
class Ajv extends core_1.default {
    _addVocabularies() {
        super._addVocabularies();
        draft7_1.default.forEach((v) => this.addVocabulary(v));
        if (this.opts.discriminator)
            this.addKeyword(discriminator_1.default);
    }
    _addDefaultMetaSchema() {
        super._addDefaultMetaSchema();
        if (!this.opts.meta)
            return;
        const metaSchema = this.opts.$data
            ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA)
            : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, false);
        this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
    }
    defaultMeta() {
        return (this.opts.defaultMeta =
            super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : undefined));
    }
}
exports.Ajv = Ajv;
module.exports = exports = Ajv;
module.exports.Ajv = Ajv;
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports["default"] = Ajv;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
var validation_error_1 = __nccwpck_require__(3021);
Object.defineProperty(exports, "ValidationError", ({ enumerable: true, get: function () { return validation_error_1.default; } }));
var ref_error_1 = __nccwpck_require__(3162);
Object.defineProperty(exports, "MissingRefError", ({ enumerable: true, get: function () { return ref_error_1.default; } }));
//# sourceMappingURL=ajv.js.map

/***/ }),

/***/ 567:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
// eslint-disable-next-line @typescript-eslint/no-extraneous-class
class _CodeOrName {
}
exports._CodeOrName = _CodeOrName;
exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
class Name extends _CodeOrName {
    constructor(s) {
        super();
        if (!exports.IDENTIFIER.test(s))
            throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
    }
    toString() {
        return this.str;
    }
    emptyStr() {
        return false;
    }
    get names() {
        return { [this.str]: 1 };
    }
}
exports.Name = Name;
class _Code extends _CodeOrName {
    constructor(code) {
        super();
        this._items = typeof code === "string" ? [code] : code;
    }
    toString() {
        return this.str;
    }
    emptyStr() {
        if (this._items.length > 1)
            return false;
        const item = this._items[0];
        return item === "" || item === '""';
    }
    get str() {
        var _a;
        return ((_a = this._str) !== null && _a !== void 0 ? _a : (this._str = this._items.reduce((s, c) => `${s}${c}`, "")));
    }
    get names() {
        var _a;
        return ((_a = this._names) !== null && _a !== void 0 ? _a : (this._names = this._items.reduce((names, c) => {
            if (c instanceof Name)
                names[c.str] = (names[c.str] || 0) + 1;
            return names;
        }, {})));
    }
}
exports._Code = _Code;
exports.nil = new _Code("");
function _(strs, ...args) {
    const code = [strs[0]];
    let i = 0;
    while (i < args.length) {
        addCodeArg(code, args[i]);
        code.push(strs[++i]);
    }
    return new _Code(code);
}
exports._ = _;
const plus = new _Code("+");
function str(strs, ...args) {
    const expr = [safeStringify(strs[0])];
    let i = 0;
    while (i < args.length) {
        expr.push(plus);
        addCodeArg(expr, args[i]);
        expr.push(plus, safeStringify(strs[++i]));
    }
    optimize(expr);
    return new _Code(expr);
}
exports.str = str;
function addCodeArg(code, arg) {
    if (arg instanceof _Code)
        code.push(...arg._items);
    else if (arg instanceof Name)
        code.push(arg);
    else
        code.push(interpolate(arg));
}
exports.addCodeArg = addCodeArg;
function optimize(expr) {
    let i = 1;
    while (i < expr.length - 1) {
        if (expr[i] === plus) {
            const res = mergeExprItems(expr[i - 1], expr[i + 1]);
            if (res !== undefined) {
                expr.splice(i - 1, 3, res);
                continue;
            }
            expr[i++] = "+";
        }
        i++;
    }
}
function mergeExprItems(a, b) {
    if (b === '""')
        return a;
    if (a === '""')
        return b;
    if (typeof a == "string") {
        if (b instanceof Name || a[a.length - 1] !== '"')
            return;
        if (typeof b != "string")
            return `${a.slice(0, -1)}${b}"`;
        if (b[0] === '"')
            return a.slice(0, -1) + b.slice(1);
        return;
    }
    if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
    return;
}
function strConcat(c1, c2) {
    return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str `${c1}${c2}`;
}
exports.strConcat = strConcat;
// TODO do not allow arrays here
function interpolate(x) {
    return typeof x == "number" || typeof x == "boolean" || x === null
        ? x
        : safeStringify(Array.isArray(x) ? x.join(",") : x);
}
function stringify(x) {
    return new _Code(safeStringify(x));
}
exports.stringify = stringify;
function safeStringify(x) {
    return JSON.stringify(x)
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}
exports.safeStringify = safeStringify;
function getProperty(key) {
    return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _ `[${key}]`;
}
exports.getProperty = getProperty;
//Does best effort to format the name properly
function getEsmExportName(key) {
    if (typeof key == "string" && exports.IDENTIFIER.test(key)) {
        return new _Code(`${key}`);
    }
    throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
}
exports.getEsmExportName = getEsmExportName;
function regexpCode(rx) {
    return new _Code(rx.toString());
}
exports.regexpCode = regexpCode;
//# sourceMappingURL=code.js.map

/***/ }),

/***/ 1436:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
const code_1 = __nccwpck_require__(567);
const scope_1 = __nccwpck_require__(7788);
var code_2 = __nccwpck_require__(567);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return code_2._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return code_2.str; } }));
Object.defineProperty(exports, "strConcat", ({ enumerable: true, get: function () { return code_2.strConcat; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return code_2.nil; } }));
Object.defineProperty(exports, "getProperty", ({ enumerable: true, get: function () { return code_2.getProperty; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return code_2.stringify; } }));
Object.defineProperty(exports, "regexpCode", ({ enumerable: true, get: function () { return code_2.regexpCode; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return code_2.Name; } }));
var scope_2 = __nccwpck_require__(7788);
Object.defineProperty(exports, "Scope", ({ enumerable: true, get: function () { return scope_2.Scope; } }));
Object.defineProperty(exports, "ValueScope", ({ enumerable: true, get: function () { return scope_2.ValueScope; } }));
Object.defineProperty(exports, "ValueScopeName", ({ enumerable: true, get: function () { return scope_2.ValueScopeName; } }));
Object.defineProperty(exports, "varKinds", ({ enumerable: true, get: function () { return scope_2.varKinds; } }));
exports.operators = {
    GT: new code_1._Code(">"),
    GTE: new code_1._Code(">="),
    LT: new code_1._Code("<"),
    LTE: new code_1._Code("<="),
    EQ: new code_1._Code("==="),
    NEQ: new code_1._Code("!=="),
    NOT: new code_1._Code("!"),
    OR: new code_1._Code("||"),
    AND: new code_1._Code("&&"),
    ADD: new code_1._Code("+"),
};
class Node {
    optimizeNodes() {
        return this;
    }
    optimizeNames(_names, _constants) {
        return this;
    }
}
class Def extends Node {
    constructor(varKind, name, rhs) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.rhs = rhs;
    }
    render({ es5, _n }) {
        const varKind = es5 ? scope_1.varKinds.var : this.varKind;
        const rhs = this.rhs === undefined ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
    }
    optimizeNames(names, constants) {
        if (!names[this.name.str])
            return;
        if (this.rhs)
            this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
    }
    get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
    }
}
class Assign extends Node {
    constructor(lhs, rhs, sideEffects) {
        super();
        this.lhs = lhs;
        this.rhs = rhs;
        this.sideEffects = sideEffects;
    }
    render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
    }
    optimizeNames(names, constants) {
        if (this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects)
            return;
        this.rhs = optimizeExpr(this.rhs, names, constants);
        return this;
    }
    get names() {
        const names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
    }
}
class AssignOp extends Assign {
    constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects);
        this.op = op;
    }
    render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
    }
}
class Label extends Node {
    constructor(label) {
        super();
        this.label = label;
        this.names = {};
    }
    render({ _n }) {
        return `${this.label}:` + _n;
    }
}
class Break extends Node {
    constructor(label) {
        super();
        this.label = label;
        this.names = {};
    }
    render({ _n }) {
        const label = this.label ? ` ${this.label}` : "";
        return `break${label};` + _n;
    }
}
class Throw extends Node {
    constructor(error) {
        super();
        this.error = error;
    }
    render({ _n }) {
        return `throw ${this.error};` + _n;
    }
    get names() {
        return this.error.names;
    }
}
class AnyCode extends Node {
    constructor(code) {
        super();
        this.code = code;
    }
    render({ _n }) {
        return `${this.code};` + _n;
    }
    optimizeNodes() {
        return `${this.code}` ? this : undefined;
    }
    optimizeNames(names, constants) {
        this.code = optimizeExpr(this.code, names, constants);
        return this;
    }
    get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
    }
}
class ParentNode extends Node {
    constructor(nodes = []) {
        super();
        this.nodes = nodes;
    }
    render(opts) {
        return this.nodes.reduce((code, n) => code + n.render(opts), "");
    }
    optimizeNodes() {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
            const n = nodes[i].optimizeNodes();
            if (Array.isArray(n))
                nodes.splice(i, 1, ...n);
            else if (n)
                nodes[i] = n;
            else
                nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : undefined;
    }
    optimizeNames(names, constants) {
        const { nodes } = this;
        let i = nodes.length;
        while (i--) {
            // iterating backwards improves 1-pass optimization
            const n = nodes[i];
            if (n.optimizeNames(names, constants))
                continue;
            subtractNames(names, n.names);
            nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : undefined;
    }
    get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
    }
}
class BlockNode extends ParentNode {
    render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
    }
}
class Root extends ParentNode {
}
class Else extends BlockNode {
}
Else.kind = "else";
class If extends BlockNode {
    constructor(condition, nodes) {
        super(nodes);
        this.condition = condition;
    }
    render(opts) {
        let code = `if(${this.condition})` + super.render(opts);
        if (this.else)
            code += "else " + this.else.render(opts);
        return code;
    }
    optimizeNodes() {
        super.optimizeNodes();
        const cond = this.condition;
        if (cond === true)
            return this.nodes; // else is ignored here
        let e = this.else;
        if (e) {
            const ns = e.optimizeNodes();
            e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e) {
            if (cond === false)
                return e instanceof If ? e : e.nodes;
            if (this.nodes.length)
                return this;
            return new If(not(cond), e instanceof If ? [e] : e.nodes);
        }
        if (cond === false || !this.nodes.length)
            return undefined;
        return this;
    }
    optimizeNames(names, constants) {
        var _a;
        this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        if (!(super.optimizeNames(names, constants) || this.else))
            return;
        this.condition = optimizeExpr(this.condition, names, constants);
        return this;
    }
    get names() {
        const names = super.names;
        addExprNames(names, this.condition);
        if (this.else)
            addNames(names, this.else.names);
        return names;
    }
}
If.kind = "if";
class For extends BlockNode {
}
For.kind = "for";
class ForLoop extends For {
    constructor(iteration) {
        super();
        this.iteration = iteration;
    }
    render(opts) {
        return `for(${this.iteration})` + super.render(opts);
    }
    optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
            return;
        this.iteration = optimizeExpr(this.iteration, names, constants);
        return this;
    }
    get names() {
        return addNames(super.names, this.iteration.names);
    }
}
class ForRange extends For {
    constructor(varKind, name, from, to) {
        super();
        this.varKind = varKind;
        this.name = name;
        this.from = from;
        this.to = to;
    }
    render(opts) {
        const varKind = opts.es5 ? scope_1.varKinds.var : this.varKind;
        const { name, from, to } = this;
        return `for(${varKind} ${name}=${from}; ${name}<${to}; ${name}++)` + super.render(opts);
    }
    get names() {
        const names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
    }
}
class ForIter extends For {
    constructor(loop, varKind, name, iterable) {
        super();
        this.loop = loop;
        this.varKind = varKind;
        this.name = name;
        this.iterable = iterable;
    }
    render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
    }
    optimizeNames(names, constants) {
        if (!super.optimizeNames(names, constants))
            return;
        this.iterable = optimizeExpr(this.iterable, names, constants);
        return this;
    }
    get names() {
        return addNames(super.names, this.iterable.names);
    }
}
class Func extends BlockNode {
    constructor(name, args, async) {
        super();
        this.name = name;
        this.args = args;
        this.async = async;
    }
    render(opts) {
        const _async = this.async ? "async " : "";
        return `${_async}function ${this.name}(${this.args})` + super.render(opts);
    }
}
Func.kind = "func";
class Return extends ParentNode {
    render(opts) {
        return "return " + super.render(opts);
    }
}
Return.kind = "return";
class Try extends BlockNode {
    render(opts) {
        let code = "try" + super.render(opts);
        if (this.catch)
            code += this.catch.render(opts);
        if (this.finally)
            code += this.finally.render(opts);
        return code;
    }
    optimizeNodes() {
        var _a, _b;
        super.optimizeNodes();
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNodes();
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNodes();
        return this;
    }
    optimizeNames(names, constants) {
        var _a, _b;
        super.optimizeNames(names, constants);
        (_a = this.catch) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants);
        (_b = this.finally) === null || _b === void 0 ? void 0 : _b.optimizeNames(names, constants);
        return this;
    }
    get names() {
        const names = super.names;
        if (this.catch)
            addNames(names, this.catch.names);
        if (this.finally)
            addNames(names, this.finally.names);
        return names;
    }
}
class Catch extends BlockNode {
    constructor(error) {
        super();
        this.error = error;
    }
    render(opts) {
        return `catch(${this.error})` + super.render(opts);
    }
}
Catch.kind = "catch";
class Finally extends BlockNode {
    render(opts) {
        return "finally" + super.render(opts);
    }
}
Finally.kind = "finally";
class CodeGen {
    constructor(extScope, opts = {}) {
        this._values = {};
        this._blockStarts = [];
        this._constants = {};
        this.opts = { ...opts, _n: opts.lines ? "\n" : "" };
        this._extScope = extScope;
        this._scope = new scope_1.Scope({ parent: extScope });
        this._nodes = [new Root()];
    }
    toString() {
        return this._root.render(this.opts);
    }
    // returns unique name in the internal scope
    name(prefix) {
        return this._scope.name(prefix);
    }
    // reserves unique name in the external scope
    scopeName(prefix) {
        return this._extScope.name(prefix);
    }
    // reserves unique name in the external scope and assigns value to it
    scopeValue(prefixOrName, value) {
        const name = this._extScope.value(prefixOrName, value);
        const vs = this._values[name.prefix] || (this._values[name.prefix] = new Set());
        vs.add(name);
        return name;
    }
    getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
    }
    // return code that assigns values in the external scope to the names that are used internally
    // (same names that were returned by gen.scopeName or gen.scopeValue)
    scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
    }
    scopeCode() {
        return this._extScope.scopeCode(this._values);
    }
    _def(varKind, nameOrPrefix, rhs, constant) {
        const name = this._scope.toName(nameOrPrefix);
        if (rhs !== undefined && constant)
            this._constants[name.str] = rhs;
        this._leafNode(new Def(varKind, name, rhs));
        return name;
    }
    // `const` declaration (`var` in es5 mode)
    const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
    }
    // `let` declaration with optional assignment (`var` in es5 mode)
    let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
    }
    // `var` declaration with optional assignment
    var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
    }
    // assignment code
    assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
    }
    // `+=` code
    add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
    }
    // appends passed SafeExpr to code or executes Block
    code(c) {
        if (typeof c == "function")
            c();
        else if (c !== code_1.nil)
            this._leafNode(new AnyCode(c));
        return this;
    }
    // returns code for object literal for the passed argument list of key-value pairs
    object(...keyValues) {
        const code = ["{"];
        for (const [key, value] of keyValues) {
            if (code.length > 1)
                code.push(",");
            code.push(key);
            if (key !== value || this.opts.es5) {
                code.push(":");
                (0, code_1.addCodeArg)(code, value);
            }
        }
        code.push("}");
        return new code_1._Code(code);
    }
    // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
    if(condition, thenBody, elseBody) {
        this._blockNode(new If(condition));
        if (thenBody && elseBody) {
            this.code(thenBody).else().code(elseBody).endIf();
        }
        else if (thenBody) {
            this.code(thenBody).endIf();
        }
        else if (elseBody) {
            throw new Error('CodeGen: "else" body without "then" body');
        }
        return this;
    }
    // `else if` clause - invalid without `if` or after `else` clauses
    elseIf(condition) {
        return this._elseNode(new If(condition));
    }
    // `else` clause - only valid after `if` or `else if` clauses
    else() {
        return this._elseNode(new Else());
    }
    // end `if` statement (needed if gen.if was used only with condition)
    endIf() {
        return this._endBlockNode(If, Else);
    }
    _for(node, forBody) {
        this._blockNode(node);
        if (forBody)
            this.code(forBody).endFor();
        return this;
    }
    // a generic `for` clause (or statement if `forBody` is passed)
    for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
    }
    // `for` statement for a range of values
    forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name, from, to), () => forBody(name));
    }
    // `for-of` statement (in es5 mode replace with a normal for loop)
    forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        const name = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
            const arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
            return this.forRange("_i", 0, (0, code_1._) `${arr}.length`, (i) => {
                this.var(name, (0, code_1._) `${arr}[${i}]`);
                forBody(name);
            });
        }
        return this._for(new ForIter("of", varKind, name, iterable), () => forBody(name));
    }
    // `for-in` statement.
    // With option `ownProperties` replaced with a `for-of` loop for object keys
    forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties) {
            return this.forOf(nameOrPrefix, (0, code_1._) `Object.keys(${obj})`, forBody);
        }
        const name = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name, obj), () => forBody(name));
    }
    // end `for` loop
    endFor() {
        return this._endBlockNode(For);
    }
    // `label` statement
    label(label) {
        return this._leafNode(new Label(label));
    }
    // `break` statement
    break(label) {
        return this._leafNode(new Break(label));
    }
    // `return` statement
    return(value) {
        const node = new Return();
        this._blockNode(node);
        this.code(value);
        if (node.nodes.length !== 1)
            throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
    }
    // `try` statement
    try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
            throw new Error('CodeGen: "try" without "catch" and "finally"');
        const node = new Try();
        this._blockNode(node);
        this.code(tryBody);
        if (catchCode) {
            const error = this.name("e");
            this._currNode = node.catch = new Catch(error);
            catchCode(error);
        }
        if (finallyCode) {
            this._currNode = node.finally = new Finally();
            this.code(finallyCode);
        }
        return this._endBlockNode(Catch, Finally);
    }
    // `throw` statement
    throw(error) {
        return this._leafNode(new Throw(error));
    }
    // start self-balancing block
    block(body, nodeCount) {
        this._blockStarts.push(this._nodes.length);
        if (body)
            this.code(body).endBlock(nodeCount);
        return this;
    }
    // end the current self-balancing block
    endBlock(nodeCount) {
        const len = this._blockStarts.pop();
        if (len === undefined)
            throw new Error("CodeGen: not in self-balancing block");
        const toClose = this._nodes.length - len;
        if (toClose < 0 || (nodeCount !== undefined && toClose !== nodeCount)) {
            throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        }
        this._nodes.length = len;
        return this;
    }
    // `function` heading (or definition if funcBody is passed)
    func(name, args = code_1.nil, async, funcBody) {
        this._blockNode(new Func(name, args, async));
        if (funcBody)
            this.code(funcBody).endFunc();
        return this;
    }
    // end function definition
    endFunc() {
        return this._endBlockNode(Func);
    }
    optimize(n = 1) {
        while (n-- > 0) {
            this._root.optimizeNodes();
            this._root.optimizeNames(this._root.names, this._constants);
        }
    }
    _leafNode(node) {
        this._currNode.nodes.push(node);
        return this;
    }
    _blockNode(node) {
        this._currNode.nodes.push(node);
        this._nodes.push(node);
    }
    _endBlockNode(N1, N2) {
        const n = this._currNode;
        if (n instanceof N1 || (N2 && n instanceof N2)) {
            this._nodes.pop();
            return this;
        }
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
    }
    _elseNode(node) {
        const n = this._currNode;
        if (!(n instanceof If)) {
            throw new Error('CodeGen: "else" without "if"');
        }
        this._currNode = n.else = node;
        return this;
    }
    get _root() {
        return this._nodes[0];
    }
    get _currNode() {
        const ns = this._nodes;
        return ns[ns.length - 1];
    }
    set _currNode(node) {
        const ns = this._nodes;
        ns[ns.length - 1] = node;
    }
}
exports.CodeGen = CodeGen;
function addNames(names, from) {
    for (const n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
    return names;
}
function addExprNames(names, from) {
    return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
}
function optimizeExpr(expr, names, constants) {
    if (expr instanceof code_1.Name)
        return replaceName(expr);
    if (!canOptimize(expr))
        return expr;
    return new code_1._Code(expr._items.reduce((items, c) => {
        if (c instanceof code_1.Name)
            c = replaceName(c);
        if (c instanceof code_1._Code)
            items.push(...c._items);
        else
            items.push(c);
        return items;
    }, []));
    function replaceName(n) {
        const c = constants[n.str];
        if (c === undefined || names[n.str] !== 1)
            return n;
        delete names[n.str];
        return c;
    }
    function canOptimize(e) {
        return (e instanceof code_1._Code &&
            e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== undefined));
    }
}
function subtractNames(names, from) {
    for (const n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
}
function not(x) {
    return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._) `!${par(x)}`;
}
exports.not = not;
const andCode = mappend(exports.operators.AND);
// boolean AND (&&) expression with the passed arguments
function and(...args) {
    return args.reduce(andCode);
}
exports.and = and;
const orCode = mappend(exports.operators.OR);
// boolean OR (||) expression with the passed arguments
function or(...args) {
    return args.reduce(orCode);
}
exports.or = or;
function mappend(op) {
    return (x, y) => (x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._) `${par(x)} ${op} ${par(y)}`);
}
function par(x) {
    return x instanceof code_1.Name ? x : (0, code_1._) `(${x})`;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
const code_1 = __nccwpck_require__(567);
class ValueError extends Error {
    constructor(name) {
        super(`CodeGen: "code" for ${name} not defined`);
        this.value = name.value;
    }
}
var UsedValueState;
(function (UsedValueState) {
    UsedValueState[UsedValueState["Started"] = 0] = "Started";
    UsedValueState[UsedValueState["Completed"] = 1] = "Completed";
})(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
exports.varKinds = {
    const: new code_1.Name("const"),
    let: new code_1.Name("let"),
    var: new code_1.Name("var"),
};
class Scope {
    constructor({ prefixes, parent } = {}) {
        this._names = {};
        this._prefixes = prefixes;
        this._parent = parent;
    }
    toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
    }
    name(prefix) {
        return new code_1.Name(this._newName(prefix));
    }
    _newName(prefix) {
        const ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
    }
    _nameGroup(prefix) {
        var _a, _b;
        if (((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0 ? void 0 : _b.has(prefix)) || (this._prefixes && !this._prefixes.has(prefix))) {
            throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        }
        return (this._names[prefix] = { prefix, index: 0 });
    }
}
exports.Scope = Scope;
class ValueScopeName extends code_1.Name {
    constructor(prefix, nameStr) {
        super(nameStr);
        this.prefix = prefix;
    }
    setValue(value, { property, itemIndex }) {
        this.value = value;
        this.scopePath = (0, code_1._) `.${new code_1.Name(property)}[${itemIndex}]`;
    }
}
exports.ValueScopeName = ValueScopeName;
const line = (0, code_1._) `\n`;
class ValueScope extends Scope {
    constructor(opts) {
        super(opts);
        this._values = {};
        this._scope = opts.scope;
        this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
    }
    get() {
        return this._scope;
    }
    name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
    }
    value(nameOrPrefix, value) {
        var _a;
        if (value.ref === undefined)
            throw new Error("CodeGen: ref must be passed in value");
        const name = this.toName(nameOrPrefix);
        const { prefix } = name;
        const valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref;
        let vs = this._values[prefix];
        if (vs) {
            const _name = vs.get(valueKey);
            if (_name)
                return _name;
        }
        else {
            vs = this._values[prefix] = new Map();
        }
        vs.set(valueKey, name);
        const s = this._scope[prefix] || (this._scope[prefix] = []);
        const itemIndex = s.length;
        s[itemIndex] = value.ref;
        name.setValue(value, { property: prefix, itemIndex });
        return name;
    }
    getValue(prefix, keyOrRef) {
        const vs = this._values[prefix];
        if (!vs)
            return;
        return vs.get(keyOrRef);
    }
    scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name) => {
            if (name.scopePath === undefined)
                throw new Error(`CodeGen: name "${name}" has no value`);
            return (0, code_1._) `${scopeName}${name.scopePath}`;
        });
    }
    scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name) => {
            if (name.value === undefined)
                throw new Error(`CodeGen: name "${name}" has no value`);
            return name.value.code;
        }, usedValues, getCode);
    }
    _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code = code_1.nil;
        for (const prefix in values) {
            const vs = values[prefix];
            if (!vs)
                continue;
            const nameSet = (usedValues[prefix] = usedValues[prefix] || new Map());
            vs.forEach((name) => {
                if (nameSet.has(name))
                    return;
                nameSet.set(name, UsedValueState.Started);
                let c = valueCode(name);
                if (c) {
                    const def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
                    code = (0, code_1._) `${code}${def} ${name} = ${c};${this.opts._n}`;
                }
                else if ((c = getCode === null || getCode === void 0 ? void 0 : getCode(name))) {
                    code = (0, code_1._) `${code}${c}${this.opts._n}`;
                }
                else {
                    throw new ValueError(name);
                }
                nameSet.set(name, UsedValueState.Completed);
            });
        }
        return code;
    }
}
exports.ValueScope = ValueScope;
//# sourceMappingURL=scope.js.map

/***/ }),

/***/ 1283:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
exports.keywordError = {
    message: ({ keyword }) => (0, codegen_1.str) `must pass "${keyword}" keyword validation`,
};
exports.keyword$DataError = {
    message: ({ keyword, schemaType }) => schemaType
        ? (0, codegen_1.str) `"${keyword}" keyword must be ${schemaType} ($data)`
        : (0, codegen_1.str) `"${keyword}" keyword is invalid ($data)`,
};
function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
    const { it } = cxt;
    const { gen, compositeRule, allErrors } = it;
    const errObj = errorObjectCode(cxt, error, errorPaths);
    if (overrideAllErrors !== null && overrideAllErrors !== void 0 ? overrideAllErrors : (compositeRule || allErrors)) {
        addError(gen, errObj);
    }
    else {
        returnErrors(it, (0, codegen_1._) `[${errObj}]`);
    }
}
exports.reportError = reportError;
function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
    const { it } = cxt;
    const { gen, compositeRule, allErrors } = it;
    const errObj = errorObjectCode(cxt, error, errorPaths);
    addError(gen, errObj);
    if (!(compositeRule || allErrors)) {
        returnErrors(it, names_1.default.vErrors);
    }
}
exports.reportExtraError = reportExtraError;
function resetErrorsCount(gen, errsCount) {
    gen.assign(names_1.default.errors, errsCount);
    gen.if((0, codegen_1._) `${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._) `${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
}
exports.resetErrorsCount = resetErrorsCount;
function extendErrors({ gen, keyword, schemaValue, data, errsCount, it, }) {
    /* istanbul ignore if */
    if (errsCount === undefined)
        throw new Error("ajv implementation error");
    const err = gen.name("err");
    gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._) `${names_1.default.vErrors}[${i}]`);
        gen.if((0, codegen_1._) `${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._) `${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath)));
        gen.assign((0, codegen_1._) `${err}.schemaPath`, (0, codegen_1.str) `${it.errSchemaPath}/${keyword}`);
        if (it.opts.verbose) {
            gen.assign((0, codegen_1._) `${err}.schema`, schemaValue);
            gen.assign((0, codegen_1._) `${err}.data`, data);
        }
    });
}
exports.extendErrors = extendErrors;
function addError(gen, errObj) {
    const err = gen.const("err", errObj);
    gen.if((0, codegen_1._) `${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._) `[${err}]`), (0, codegen_1._) `${names_1.default.vErrors}.push(${err})`);
    gen.code((0, codegen_1._) `${names_1.default.errors}++`);
}
function returnErrors(it, errs) {
    const { gen, validateName, schemaEnv } = it;
    if (schemaEnv.$async) {
        gen.throw((0, codegen_1._) `new ${it.ValidationError}(${errs})`);
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, errs);
        gen.return(false);
    }
}
const E = {
    keyword: new codegen_1.Name("keyword"),
    schemaPath: new codegen_1.Name("schemaPath"), // also used in JTD errors
    params: new codegen_1.Name("params"),
    propertyName: new codegen_1.Name("propertyName"),
    message: new codegen_1.Name("message"),
    schema: new codegen_1.Name("schema"),
    parentSchema: new codegen_1.Name("parentSchema"),
};
function errorObjectCode(cxt, error, errorPaths) {
    const { createErrors } = cxt.it;
    if (createErrors === false)
        return (0, codegen_1._) `{}`;
    return errorObject(cxt, error, errorPaths);
}
function errorObject(cxt, error, errorPaths = {}) {
    const { gen, it } = cxt;
    const keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths),
    ];
    extraErrorProps(cxt, error, keyValues);
    return gen.object(...keyValues);
}
function errorInstancePath({ errorPath }, { instancePath }) {
    const instPath = instancePath
        ? (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}`
        : errorPath;
    return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
}
function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
    let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str) `${errSchemaPath}/${keyword}`;
    if (schemaPath) {
        schPath = (0, codegen_1.str) `${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`;
    }
    return [E.schemaPath, schPath];
}
function extraErrorProps(cxt, { params, message }, keyValues) {
    const { keyword, data, schemaValue, it } = cxt;
    const { opts, propertyName, topSchemaRef, schemaPath } = it;
    keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._) `{}`]);
    if (opts.messages) {
        keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]);
    }
    if (opts.verbose) {
        keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._) `${topSchemaRef}${schemaPath}`], [names_1.default.data, data]);
    }
    if (propertyName)
        keyValues.push([E.propertyName, propertyName]);
}
//# sourceMappingURL=errors.js.map

/***/ }),

/***/ 2718:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
const codegen_1 = __nccwpck_require__(1436);
const validation_error_1 = __nccwpck_require__(3021);
const names_1 = __nccwpck_require__(630);
const resolve_1 = __nccwpck_require__(4090);
const util_1 = __nccwpck_require__(4464);
const validate_1 = __nccwpck_require__(7881);
class SchemaEnv {
    constructor(env) {
        var _a;
        this.refs = {};
        this.dynamicAnchors = {};
        let schema;
        if (typeof env.schema == "object")
            schema = env.schema;
        this.schema = env.schema;
        this.schemaId = env.schemaId;
        this.root = env.root || this;
        this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema === null || schema === void 0 ? void 0 : schema[env.schemaId || "$id"]);
        this.schemaPath = env.schemaPath;
        this.localRefs = env.localRefs;
        this.meta = env.meta;
        this.$async = schema === null || schema === void 0 ? void 0 : schema.$async;
        this.refs = {};
    }
}
exports.SchemaEnv = SchemaEnv;
// let codeSize = 0
// let nodeCount = 0
// Compiles schema in SchemaEnv
function compileSchema(sch) {
    // TODO refactor - remove compilations
    const _sch = getCompilingSchema.call(this, sch);
    if (_sch)
        return _sch;
    const rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId); // TODO if getFullPath removed 1 tests fails
    const { es5, lines } = this.opts.code;
    const { ownProperties } = this.opts;
    const gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties });
    let _ValidationError;
    if (sch.$async) {
        _ValidationError = gen.scopeValue("Error", {
            ref: validation_error_1.default,
            code: (0, codegen_1._) `require("ajv/dist/runtime/validation_error").default`,
        });
    }
    const validateName = gen.scopeName("validate");
    sch.validateName = validateName;
    const schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil], // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === true
            ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) }
            : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._) `""`,
        opts: this.opts,
        self: this,
    };
    let sourceCode;
    try {
        this._compilations.add(sch);
        (0, validate_1.validateFunctionCode)(schemaCxt);
        gen.optimize(this.opts.code.optimize);
        // gen.optimize(1)
        const validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`;
        // console.log((codeSize += sourceCode.length), (nodeCount += gen.nodeCount))
        if (this.opts.code.process)
            sourceCode = this.opts.code.process(sourceCode, sch);
        // console.log("\n\n\n *** \n", sourceCode)
        const makeValidate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode);
        const validate = makeValidate(this, this.scope.get());
        this.scope.value(validateName, { ref: validate });
        validate.errors = null;
        validate.schema = sch.schema;
        validate.schemaEnv = sch;
        if (sch.$async)
            validate.$async = true;
        if (this.opts.code.source === true) {
            validate.source = { validateName, validateCode, scopeValues: gen._values };
        }
        if (this.opts.unevaluated) {
            const { props, items } = schemaCxt;
            validate.evaluated = {
                props: props instanceof codegen_1.Name ? undefined : props,
                items: items instanceof codegen_1.Name ? undefined : items,
                dynamicProps: props instanceof codegen_1.Name,
                dynamicItems: items instanceof codegen_1.Name,
            };
            if (validate.source)
                validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated);
        }
        sch.validate = validate;
        return sch;
    }
    catch (e) {
        delete sch.validate;
        delete sch.validateName;
        if (sourceCode)
            this.logger.error("Error compiling schema, function code:", sourceCode);
        // console.log("\n\n\n *** \n", sourceCode, this.opts)
        throw e;
    }
    finally {
        this._compilations.delete(sch);
    }
}
exports.compileSchema = compileSchema;
function resolveRef(root, baseId, ref) {
    var _a;
    ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
    const schOrFunc = root.refs[ref];
    if (schOrFunc)
        return schOrFunc;
    let _sch = resolve.call(this, root, ref);
    if (_sch === undefined) {
        const schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref]; // TODO maybe localRefs should hold SchemaEnv
        const { schemaId } = this.opts;
        if (schema)
            _sch = new SchemaEnv({ schema, schemaId, root, baseId });
    }
    if (_sch === undefined)
        return;
    return (root.refs[ref] = inlineOrCompile.call(this, _sch));
}
exports.resolveRef = resolveRef;
function inlineOrCompile(sch) {
    if ((0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs))
        return sch.schema;
    return sch.validate ? sch : compileSchema.call(this, sch);
}
// Index of schema compilation in the currently compiled list
function getCompilingSchema(schEnv) {
    for (const sch of this._compilations) {
        if (sameSchemaEnv(sch, schEnv))
            return sch;
    }
}
exports.getCompilingSchema = getCompilingSchema;
function sameSchemaEnv(s1, s2) {
    return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
}
// resolve and compile the references ($ref)
// TODO returns AnySchemaObject (if the schema can be inlined) or validation function
function resolve(root, // information about the root schema for the current schema
ref // reference to resolve
) {
    let sch;
    while (typeof (sch = this.refs[ref]) == "string")
        ref = sch;
    return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
}
// Resolve schema, its root and baseId
function resolveSchema(root, // root object with properties schema, refs TODO below SchemaEnv is assigned to it
ref // reference to resolve
) {
    const p = this.opts.uriResolver.parse(ref);
    const refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p);
    let baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, undefined);
    // TODO `Object.keys(root.schema).length > 0` should not be needed - but removing breaks 2 tests
    if (Object.keys(root.schema).length > 0 && refPath === baseId) {
        return getJsonPointer.call(this, p, root);
    }
    const id = (0, resolve_1.normalizeId)(refPath);
    const schOrRef = this.refs[id] || this.schemas[id];
    if (typeof schOrRef == "string") {
        const sch = resolveSchema.call(this, root, schOrRef);
        if (typeof (sch === null || sch === void 0 ? void 0 : sch.schema) !== "object")
            return;
        return getJsonPointer.call(this, p, sch);
    }
    if (typeof (schOrRef === null || schOrRef === void 0 ? void 0 : schOrRef.schema) !== "object")
        return;
    if (!schOrRef.validate)
        compileSchema.call(this, schOrRef);
    if (id === (0, resolve_1.normalizeId)(ref)) {
        const { schema } = schOrRef;
        const { schemaId } = this.opts;
        const schId = schema[schemaId];
        if (schId)
            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        return new SchemaEnv({ schema, schemaId, root, baseId });
    }
    return getJsonPointer.call(this, p, schOrRef);
}
exports.resolveSchema = resolveSchema;
const PREVENT_SCOPE_CHANGE = new Set([
    "properties",
    "patternProperties",
    "enum",
    "dependencies",
    "definitions",
]);
function getJsonPointer(parsedRef, { baseId, schema, root }) {
    var _a;
    if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
    for (const part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema === "boolean")
            return;
        const partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === undefined)
            return;
        schema = partSchema;
        // TODO PREVENT_SCOPE_CHANGE could be defined in keyword def?
        const schId = typeof schema === "object" && schema[this.opts.schemaId];
        if (!PREVENT_SCOPE_CHANGE.has(part) && schId) {
            baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId);
        }
    }
    let env;
    if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        const $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
    }
    // even though resolution failed we need to return SchemaEnv to throw exception
    // so that compileAsync loads missing schema.
    const { schemaId } = this.opts;
    env = env || new SchemaEnv({ schema, schemaId, root, baseId });
    if (env.schema !== env.root.schema)
        return env;
    return undefined;
}
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 630:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const names = {
    // validation function arguments
    data: new codegen_1.Name("data"), // data passed to validation function
    // args passed from referencing schema
    valCxt: new codegen_1.Name("valCxt"), // validation/data context - should not be used directly, it is destructured to the names below
    instancePath: new codegen_1.Name("instancePath"),
    parentData: new codegen_1.Name("parentData"),
    parentDataProperty: new codegen_1.Name("parentDataProperty"),
    rootData: new codegen_1.Name("rootData"), // root data - same as the data passed to the first/top validation function
    dynamicAnchors: new codegen_1.Name("dynamicAnchors"), // used to support recursiveRef and dynamicRef
    // function scoped variables
    vErrors: new codegen_1.Name("vErrors"), // null or array of validation errors
    errors: new codegen_1.Name("errors"), // counter of validation errors
    this: new codegen_1.Name("this"),
    // "globals"
    self: new codegen_1.Name("self"),
    scope: new codegen_1.Name("scope"),
    // JTD serialize/parse name for JSON string and position
    json: new codegen_1.Name("json"),
    jsonPos: new codegen_1.Name("jsonPos"),
    jsonLen: new codegen_1.Name("jsonLen"),
    jsonPart: new codegen_1.Name("jsonPart"),
};
exports["default"] = names;
//# sourceMappingURL=names.js.map

/***/ }),

/***/ 3162:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const resolve_1 = __nccwpck_require__(4090);
class MissingRefError extends Error {
    constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`);
        this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref);
        this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
    }
}
exports["default"] = MissingRefError;
//# sourceMappingURL=ref_error.js.map

/***/ }),

/***/ 4090:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
const util_1 = __nccwpck_require__(4464);
const equal = __nccwpck_require__(3430);
const traverse = __nccwpck_require__(1167);
// TODO refactor to use keyword definitions
const SIMPLE_INLINED = new Set([
    "type",
    "format",
    "pattern",
    "maxLength",
    "minLength",
    "maxProperties",
    "minProperties",
    "maxItems",
    "minItems",
    "maximum",
    "minimum",
    "uniqueItems",
    "multipleOf",
    "required",
    "enum",
    "const",
]);
function inlineRef(schema, limit = true) {
    if (typeof schema == "boolean")
        return true;
    if (limit === true)
        return !hasRef(schema);
    if (!limit)
        return false;
    return countKeys(schema) <= limit;
}
exports.inlineRef = inlineRef;
const REF_KEYWORDS = new Set([
    "$ref",
    "$recursiveRef",
    "$recursiveAnchor",
    "$dynamicRef",
    "$dynamicAnchor",
]);
function hasRef(schema) {
    for (const key in schema) {
        if (REF_KEYWORDS.has(key))
            return true;
        const sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef))
            return true;
        if (typeof sch == "object" && hasRef(sch))
            return true;
    }
    return false;
}
function countKeys(schema) {
    let count = 0;
    for (const key in schema) {
        if (key === "$ref")
            return Infinity;
        count++;
        if (SIMPLE_INLINED.has(key))
            continue;
        if (typeof schema[key] == "object") {
            (0, util_1.eachItem)(schema[key], (sch) => (count += countKeys(sch)));
        }
        if (count === Infinity)
            return Infinity;
    }
    return count;
}
function getFullPath(resolver, id = "", normalize) {
    if (normalize !== false)
        id = normalizeId(id);
    const p = resolver.parse(id);
    return _getFullPath(resolver, p);
}
exports.getFullPath = getFullPath;
function _getFullPath(resolver, p) {
    const serialized = resolver.serialize(p);
    return serialized.split("#")[0] + "#";
}
exports._getFullPath = _getFullPath;
const TRAILING_SLASH_HASH = /#\/?$/;
function normalizeId(id) {
    return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
}
exports.normalizeId = normalizeId;
function resolveUrl(resolver, baseId, id) {
    id = normalizeId(id);
    return resolver.resolve(baseId, id);
}
exports.resolveUrl = resolveUrl;
const ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
function getSchemaRefs(schema, baseId) {
    if (typeof schema == "boolean")
        return {};
    const { schemaId, uriResolver } = this.opts;
    const schId = normalizeId(schema[schemaId] || baseId);
    const baseIds = { "": schId };
    const pathPrefix = getFullPath(uriResolver, schId, false);
    const localRefs = {};
    const schemaRefs = new Set();
    traverse(schema, { allKeys: true }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === undefined)
            return;
        const fullPath = pathPrefix + jsonPtr;
        let innerBaseId = baseIds[parentJsonPtr];
        if (typeof sch[schemaId] == "string")
            innerBaseId = addRef.call(this, sch[schemaId]);
        addAnchor.call(this, sch.$anchor);
        addAnchor.call(this, sch.$dynamicAnchor);
        baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
            // eslint-disable-next-line @typescript-eslint/unbound-method
            const _resolve = this.opts.uriResolver.resolve;
            ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref);
            if (schemaRefs.has(ref))
                throw ambiguos(ref);
            schemaRefs.add(ref);
            let schOrRef = this.refs[ref];
            if (typeof schOrRef == "string")
                schOrRef = this.refs[schOrRef];
            if (typeof schOrRef == "object") {
                checkAmbiguosRef(sch, schOrRef.schema, ref);
            }
            else if (ref !== normalizeId(fullPath)) {
                if (ref[0] === "#") {
                    checkAmbiguosRef(sch, localRefs[ref], ref);
                    localRefs[ref] = sch;
                }
                else {
                    this.refs[ref] = fullPath;
                }
            }
            return ref;
        }
        function addAnchor(anchor) {
            if (typeof anchor == "string") {
                if (!ANCHOR.test(anchor))
                    throw new Error(`invalid anchor "${anchor}"`);
                addRef.call(this, `#${anchor}`);
            }
        }
    });
    return localRefs;
    function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== undefined && !equal(sch1, sch2))
            throw ambiguos(ref);
    }
    function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
    }
}
exports.getSchemaRefs = getSchemaRefs;
//# sourceMappingURL=resolve.js.map

/***/ }),

/***/ 7353:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getRules = exports.isJSONType = void 0;
const _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"];
const jsonTypes = new Set(_jsonTypes);
function isJSONType(x) {
    return typeof x == "string" && jsonTypes.has(x);
}
exports.isJSONType = isJSONType;
function getRules() {
    const groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] },
    };
    return {
        types: { ...groups, integer: true, boolean: true, null: true },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {},
    };
}
exports.getRules = getRules;
//# sourceMappingURL=rules.js.map

/***/ }),

/***/ 4464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
const codegen_1 = __nccwpck_require__(1436);
const code_1 = __nccwpck_require__(567);
// TODO refactor to use Set
function toHash(arr) {
    const hash = {};
    for (const item of arr)
        hash[item] = true;
    return hash;
}
exports.toHash = toHash;
function alwaysValidSchema(it, schema) {
    if (typeof schema == "boolean")
        return schema;
    if (Object.keys(schema).length === 0)
        return true;
    checkUnknownRules(it, schema);
    return !schemaHasRules(schema, it.self.RULES.all);
}
exports.alwaysValidSchema = alwaysValidSchema;
function checkUnknownRules(it, schema = it.schema) {
    const { opts, self } = it;
    if (!opts.strictSchema)
        return;
    if (typeof schema === "boolean")
        return;
    const rules = self.RULES.keywords;
    for (const key in schema) {
        if (!rules[key])
            checkStrictMode(it, `unknown keyword: "${key}"`);
    }
}
exports.checkUnknownRules = checkUnknownRules;
function schemaHasRules(schema, rules) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (rules[key])
            return true;
    return false;
}
exports.schemaHasRules = schemaHasRules;
function schemaHasRulesButRef(schema, RULES) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (key !== "$ref" && RULES.all[key])
            return true;
    return false;
}
exports.schemaHasRulesButRef = schemaHasRulesButRef;
function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
    if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
            return schema;
        if (typeof schema == "string")
            return (0, codegen_1._) `${schema}`;
    }
    return (0, codegen_1._) `${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
}
exports.schemaRefOrVal = schemaRefOrVal;
function unescapeFragment(str) {
    return unescapeJsonPointer(decodeURIComponent(str));
}
exports.unescapeFragment = unescapeFragment;
function escapeFragment(str) {
    return encodeURIComponent(escapeJsonPointer(str));
}
exports.escapeFragment = escapeFragment;
function escapeJsonPointer(str) {
    if (typeof str == "number")
        return `${str}`;
    return str.replace(/~/g, "~0").replace(/\//g, "~1");
}
exports.escapeJsonPointer = escapeJsonPointer;
function unescapeJsonPointer(str) {
    return str.replace(/~1/g, "/").replace(/~0/g, "~");
}
exports.unescapeJsonPointer = unescapeJsonPointer;
function eachItem(xs, f) {
    if (Array.isArray(xs)) {
        for (const x of xs)
            f(x);
    }
    else {
        f(xs);
    }
}
exports.eachItem = eachItem;
function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName, }) {
    return (gen, from, to, toName) => {
        const res = to === undefined
            ? from
            : to instanceof codegen_1.Name
                ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to)
                : from instanceof codegen_1.Name
                    ? (mergeToName(gen, to, from), from)
                    : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
    };
}
exports.mergeEvaluated = {
    props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => {
            gen.if((0, codegen_1._) `${from} === true`, () => gen.assign(to, true), () => gen.assign(to, (0, codegen_1._) `${to} || {}`).code((0, codegen_1._) `Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => {
            if (from === true) {
                gen.assign(to, true);
            }
            else {
                gen.assign(to, (0, codegen_1._) `${to} || {}`);
                setEvaluated(gen, to, from);
            }
        }),
        mergeValues: (from, to) => (from === true ? true : { ...from, ...to }),
        resultToName: evaluatedPropsToName,
    }),
    items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._) `${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._) `${to} !== true`, () => gen.assign(to, from === true ? true : (0, codegen_1._) `${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => (from === true ? true : Math.max(from, to)),
        resultToName: (gen, items) => gen.var("items", items),
    }),
};
function evaluatedPropsToName(gen, ps) {
    if (ps === true)
        return gen.var("props", true);
    const props = gen.var("props", (0, codegen_1._) `{}`);
    if (ps !== undefined)
        setEvaluated(gen, props, ps);
    return props;
}
exports.evaluatedPropsToName = evaluatedPropsToName;
function setEvaluated(gen, props, ps) {
    Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._) `${props}${(0, codegen_1.getProperty)(p)}`, true));
}
exports.setEvaluated = setEvaluated;
const snippets = {};
function useFunc(gen, f) {
    return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code)),
    });
}
exports.useFunc = useFunc;
var Type;
(function (Type) {
    Type[Type["Num"] = 0] = "Num";
    Type[Type["Str"] = 1] = "Str";
})(Type || (exports.Type = Type = {}));
function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
    // let path
    if (dataProp instanceof codegen_1.Name) {
        const isNumber = dataPropType === Type.Num;
        return jsPropertySyntax
            ? isNumber
                ? (0, codegen_1._) `"[" + ${dataProp} + "]"`
                : (0, codegen_1._) `"['" + ${dataProp} + "']"`
            : isNumber
                ? (0, codegen_1._) `"/" + ${dataProp}`
                : (0, codegen_1._) `"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`; // TODO maybe use global escapePointer
    }
    return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
}
exports.getErrorPath = getErrorPath;
function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
    if (!mode)
        return;
    msg = `strict mode: ${msg}`;
    if (mode === true)
        throw new Error(msg);
    it.self.logger.warn(msg);
}
exports.checkStrictMode = checkStrictMode;
//# sourceMappingURL=util.js.map

/***/ }),

/***/ 7692:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
function schemaHasRulesForType({ schema, self }, type) {
    const group = self.RULES.types[type];
    return group && group !== true && shouldUseGroup(schema, group);
}
exports.schemaHasRulesForType = schemaHasRulesForType;
function shouldUseGroup(schema, group) {
    return group.rules.some((rule) => shouldUseRule(schema, rule));
}
exports.shouldUseGroup = shouldUseGroup;
function shouldUseRule(schema, rule) {
    var _a;
    return (schema[rule.keyword] !== undefined ||
        ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== undefined)));
}
exports.shouldUseRule = shouldUseRule;
//# sourceMappingURL=applicability.js.map

/***/ }),

/***/ 5346:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
const errors_1 = __nccwpck_require__(1283);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const boolError = {
    message: "boolean schema is false",
};
function topBoolOrEmptySchema(it) {
    const { gen, schema, validateName } = it;
    if (schema === false) {
        falseSchemaError(it, false);
    }
    else if (typeof schema == "object" && schema.$async === true) {
        gen.return(names_1.default.data);
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, null);
        gen.return(true);
    }
}
exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
function boolOrEmptySchema(it, valid) {
    const { gen, schema } = it;
    if (schema === false) {
        gen.var(valid, false); // TODO var
        falseSchemaError(it);
    }
    else {
        gen.var(valid, true); // TODO var
    }
}
exports.boolOrEmptySchema = boolOrEmptySchema;
function falseSchemaError(it, overrideAllErrors) {
    const { gen, data } = it;
    // TODO maybe some other interface should be used for non-keyword validation errors...
    const cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: false,
        schemaCode: false,
        schemaValue: false,
        params: {},
        it,
    };
    (0, errors_1.reportError)(cxt, boolError, undefined, overrideAllErrors);
}
//# sourceMappingURL=boolSchema.js.map

/***/ }),

/***/ 6685:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
const rules_1 = __nccwpck_require__(7353);
const applicability_1 = __nccwpck_require__(7692);
const errors_1 = __nccwpck_require__(1283);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
var DataType;
(function (DataType) {
    DataType[DataType["Correct"] = 0] = "Correct";
    DataType[DataType["Wrong"] = 1] = "Wrong";
})(DataType || (exports.DataType = DataType = {}));
function getSchemaTypes(schema) {
    const types = getJSONTypes(schema.type);
    const hasNull = types.includes("null");
    if (hasNull) {
        if (schema.nullable === false)
            throw new Error("type: null contradicts nullable: false");
    }
    else {
        if (!types.length && schema.nullable !== undefined) {
            throw new Error('"nullable" cannot be used without "type"');
        }
        if (schema.nullable === true)
            types.push("null");
    }
    return types;
}
exports.getSchemaTypes = getSchemaTypes;
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
function getJSONTypes(ts) {
    const types = Array.isArray(ts) ? ts : ts ? [ts] : [];
    if (types.every(rules_1.isJSONType))
        return types;
    throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
}
exports.getJSONTypes = getJSONTypes;
function coerceAndCheckDataType(it, types) {
    const { gen, data, opts } = it;
    const coerceTo = coerceToTypes(types, opts.coerceTypes);
    const checkTypes = types.length > 0 &&
        !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
    if (checkTypes) {
        const wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
            if (coerceTo.length)
                coerceData(it, types, coerceTo);
            else
                reportTypeError(it);
        });
    }
    return checkTypes;
}
exports.coerceAndCheckDataType = coerceAndCheckDataType;
const COERCIBLE = new Set(["string", "number", "integer", "boolean", "null"]);
function coerceToTypes(types, coerceTypes) {
    return coerceTypes
        ? types.filter((t) => COERCIBLE.has(t) || (coerceTypes === "array" && t === "array"))
        : [];
}
function coerceData(it, types, coerceTo) {
    const { gen, data, opts } = it;
    const dataType = gen.let("dataType", (0, codegen_1._) `typeof ${data}`);
    const coerced = gen.let("coerced", (0, codegen_1._) `undefined`);
    if (opts.coerceTypes === "array") {
        gen.if((0, codegen_1._) `${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen
            .assign(data, (0, codegen_1._) `${data}[0]`)
            .assign(dataType, (0, codegen_1._) `typeof ${data}`)
            .if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data)));
    }
    gen.if((0, codegen_1._) `${coerced} !== undefined`);
    for (const t of coerceTo) {
        if (COERCIBLE.has(t) || (t === "array" && opts.coerceTypes === "array")) {
            coerceSpecificType(t);
        }
    }
    gen.else();
    reportTypeError(it);
    gen.endIf();
    gen.if((0, codegen_1._) `${coerced} !== undefined`, () => {
        gen.assign(data, coerced);
        assignParentData(it, coerced);
    });
    function coerceSpecificType(t) {
        switch (t) {
            case "string":
                gen
                    .elseIf((0, codegen_1._) `${dataType} == "number" || ${dataType} == "boolean"`)
                    .assign(coerced, (0, codegen_1._) `"" + ${data}`)
                    .elseIf((0, codegen_1._) `${data} === null`)
                    .assign(coerced, (0, codegen_1._) `""`);
                return;
            case "number":
                gen
                    .elseIf((0, codegen_1._) `${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`)
                    .assign(coerced, (0, codegen_1._) `+${data}`);
                return;
            case "integer":
                gen
                    .elseIf((0, codegen_1._) `${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`)
                    .assign(coerced, (0, codegen_1._) `+${data}`);
                return;
            case "boolean":
                gen
                    .elseIf((0, codegen_1._) `${data} === "false" || ${data} === 0 || ${data} === null`)
                    .assign(coerced, false)
                    .elseIf((0, codegen_1._) `${data} === "true" || ${data} === 1`)
                    .assign(coerced, true);
                return;
            case "null":
                gen.elseIf((0, codegen_1._) `${data} === "" || ${data} === 0 || ${data} === false`);
                gen.assign(coerced, null);
                return;
            case "array":
                gen
                    .elseIf((0, codegen_1._) `${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`)
                    .assign(coerced, (0, codegen_1._) `[${data}]`);
        }
    }
}
function assignParentData({ gen, parentData, parentDataProperty }, expr) {
    // TODO use gen.property
    gen.if((0, codegen_1._) `${parentData} !== undefined`, () => gen.assign((0, codegen_1._) `${parentData}[${parentDataProperty}]`, expr));
}
function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
    const EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ;
    let cond;
    switch (dataType) {
        case "null":
            return (0, codegen_1._) `${data} ${EQ} null`;
        case "array":
            cond = (0, codegen_1._) `Array.isArray(${data})`;
            break;
        case "object":
            cond = (0, codegen_1._) `${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
            break;
        case "integer":
            cond = numCond((0, codegen_1._) `!(${data} % 1) && !isNaN(${data})`);
            break;
        case "number":
            cond = numCond();
            break;
        default:
            return (0, codegen_1._) `typeof ${data} ${EQ} ${dataType}`;
    }
    return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
    function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._) `typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._) `isFinite(${data})` : codegen_1.nil);
    }
}
exports.checkDataType = checkDataType;
function checkDataTypes(dataTypes, data, strictNums, correct) {
    if (dataTypes.length === 1) {
        return checkDataType(dataTypes[0], data, strictNums, correct);
    }
    let cond;
    const types = (0, util_1.toHash)(dataTypes);
    if (types.array && types.object) {
        const notObj = (0, codegen_1._) `typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._) `!${data} || ${notObj}`;
        delete types.null;
        delete types.array;
        delete types.object;
    }
    else {
        cond = codegen_1.nil;
    }
    if (types.number)
        delete types.integer;
    for (const t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
    return cond;
}
exports.checkDataTypes = checkDataTypes;
const typeError = {
    message: ({ schema }) => `must be ${schema}`,
    params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._) `{type: ${schema}}` : (0, codegen_1._) `{type: ${schemaValue}}`,
};
function reportTypeError(it) {
    const cxt = getTypeErrorContext(it);
    (0, errors_1.reportError)(cxt, typeError);
}
exports.reportTypeError = reportTypeError;
function getTypeErrorContext(it) {
    const { gen, data, schema } = it;
    const schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
    return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it,
    };
}
//# sourceMappingURL=dataType.js.map

/***/ }),

/***/ 1699:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.assignDefaults = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
function assignDefaults(it, ty) {
    const { properties, items } = it.schema;
    if (ty === "object" && properties) {
        for (const key in properties) {
            assignDefault(it, key, properties[key].default);
        }
    }
    else if (ty === "array" && Array.isArray(items)) {
        items.forEach((sch, i) => assignDefault(it, i, sch.default));
    }
}
exports.assignDefaults = assignDefaults;
function assignDefault(it, prop, defaultValue) {
    const { gen, compositeRule, data, opts } = it;
    if (defaultValue === undefined)
        return;
    const childData = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(prop)}`;
    if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
    }
    let condition = (0, codegen_1._) `${childData} === undefined`;
    if (opts.useDefaults === "empty") {
        condition = (0, codegen_1._) `${condition} || ${childData} === null || ${childData} === ""`;
    }
    // `${childData} === undefined` +
    // (opts.useDefaults === "empty" ? ` || ${childData} === null || ${childData} === ""` : "")
    gen.if(condition, (0, codegen_1._) `${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
}
//# sourceMappingURL=defaults.js.map

/***/ }),

/***/ 7881:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
const boolSchema_1 = __nccwpck_require__(5346);
const dataType_1 = __nccwpck_require__(6685);
const applicability_1 = __nccwpck_require__(7692);
const dataType_2 = __nccwpck_require__(6685);
const defaults_1 = __nccwpck_require__(1699);
const keyword_1 = __nccwpck_require__(5202);
const subschema_1 = __nccwpck_require__(6200);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const resolve_1 = __nccwpck_require__(4090);
const util_1 = __nccwpck_require__(4464);
const errors_1 = __nccwpck_require__(1283);
// schema compilation - generates validation function, subschemaCode (below) is used for subschemas
function validateFunctionCode(it) {
    if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
            topSchemaObjCode(it);
            return;
        }
    }
    validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
}
exports.validateFunctionCode = validateFunctionCode;
function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
    if (opts.code.es5) {
        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
            gen.code((0, codegen_1._) `"use strict"; ${funcSourceUrl(schema, opts)}`);
            destructureValCxtES5(gen, opts);
            gen.code(body);
        });
    }
    else {
        gen.func(validateName, (0, codegen_1._) `${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
    }
}
function destructureValCxt(opts) {
    return (0, codegen_1._) `{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._) `, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
}
function destructureValCxtES5(gen, opts) {
    gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.instancePath}`);
        gen.var(names_1.default.parentData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentData}`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.parentDataProperty}`);
        gen.var(names_1.default.rootData, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.rootData}`);
        if (opts.dynamicRef)
            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
    }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._) `""`);
        gen.var(names_1.default.parentData, (0, codegen_1._) `undefined`);
        gen.var(names_1.default.parentDataProperty, (0, codegen_1._) `undefined`);
        gen.var(names_1.default.rootData, names_1.default.data);
        if (opts.dynamicRef)
            gen.var(names_1.default.dynamicAnchors, (0, codegen_1._) `{}`);
    });
}
function topSchemaObjCode(it) {
    const { schema, opts, gen } = it;
    validateFunction(it, () => {
        if (opts.$comment && schema.$comment)
            commentKeyword(it);
        checkNoDefault(it);
        gen.let(names_1.default.vErrors, null);
        gen.let(names_1.default.errors, 0);
        if (opts.unevaluated)
            resetEvaluated(it);
        typeAndKeywords(it);
        returnResults(it);
    });
    return;
}
function resetEvaluated(it) {
    // TODO maybe some hook to execute it in the end to check whether props/items are Name, as in assignEvaluated
    const { gen, validateName } = it;
    it.evaluated = gen.const("evaluated", (0, codegen_1._) `${validateName}.evaluated`);
    gen.if((0, codegen_1._) `${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._) `${it.evaluated}.props`, (0, codegen_1._) `undefined`));
    gen.if((0, codegen_1._) `${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._) `${it.evaluated}.items`, (0, codegen_1._) `undefined`));
}
function funcSourceUrl(schema, opts) {
    const schId = typeof schema == "object" && schema[opts.schemaId];
    return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._) `/*# sourceURL=${schId} */` : codegen_1.nil;
}
// schema compilation - this function is used recursively to generate code for sub-schemas
function subschemaCode(it, valid) {
    if (isSchemaObj(it)) {
        checkKeywords(it);
        if (schemaCxtHasRules(it)) {
            subSchemaObjCode(it, valid);
            return;
        }
    }
    (0, boolSchema_1.boolOrEmptySchema)(it, valid);
}
function schemaCxtHasRules({ schema, self }) {
    if (typeof schema == "boolean")
        return !schema;
    for (const key in schema)
        if (self.RULES.all[key])
            return true;
    return false;
}
function isSchemaObj(it) {
    return typeof it.schema != "boolean";
}
function subSchemaObjCode(it, valid) {
    const { schema, gen, opts } = it;
    if (opts.$comment && schema.$comment)
        commentKeyword(it);
    updateContext(it);
    checkAsyncSchema(it);
    const errsCount = gen.const("_errs", names_1.default.errors);
    typeAndKeywords(it, errsCount);
    // TODO var
    gen.var(valid, (0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
}
function checkKeywords(it) {
    (0, util_1.checkUnknownRules)(it);
    checkRefsAndKeywords(it);
}
function typeAndKeywords(it, errsCount) {
    if (it.opts.jtd)
        return schemaKeywords(it, [], false, errsCount);
    const types = (0, dataType_1.getSchemaTypes)(it.schema);
    const checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
    schemaKeywords(it, types, !checkedTypes, errsCount);
}
function checkRefsAndKeywords(it) {
    const { schema, errSchemaPath, opts, self } = it;
    if (schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES)) {
        self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
    }
}
function checkNoDefault(it) {
    const { schema, opts } = it;
    if (schema.default !== undefined && opts.useDefaults && opts.strictSchema) {
        (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
    }
}
function updateContext(it) {
    const schId = it.schema[it.opts.schemaId];
    if (schId)
        it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId);
}
function checkAsyncSchema(it) {
    if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
}
function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
    const msg = schema.$comment;
    if (opts.$comment === true) {
        gen.code((0, codegen_1._) `${names_1.default.self}.logger.log(${msg})`);
    }
    else if (typeof opts.$comment == "function") {
        const schemaPath = (0, codegen_1.str) `${errSchemaPath}/$comment`;
        const rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._) `${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
    }
}
function returnResults(it) {
    const { gen, schemaEnv, validateName, ValidationError, opts } = it;
    if (schemaEnv.$async) {
        // TODO assign unevaluated
        gen.if((0, codegen_1._) `${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._) `new ${ValidationError}(${names_1.default.vErrors})`));
    }
    else {
        gen.assign((0, codegen_1._) `${validateName}.errors`, names_1.default.vErrors);
        if (opts.unevaluated)
            assignEvaluated(it);
        gen.return((0, codegen_1._) `${names_1.default.errors} === 0`);
    }
}
function assignEvaluated({ gen, evaluated, props, items }) {
    if (props instanceof codegen_1.Name)
        gen.assign((0, codegen_1._) `${evaluated}.props`, props);
    if (items instanceof codegen_1.Name)
        gen.assign((0, codegen_1._) `${evaluated}.items`, items);
}
function schemaKeywords(it, types, typeErrors, errsCount) {
    const { gen, schema, data, allErrors, opts, self } = it;
    const { RULES } = self;
    if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition)); // TODO typecast
        return;
    }
    if (!opts.jtd)
        checkStrictTypes(it, types);
    gen.block(() => {
        for (const group of RULES.rules)
            groupKeywords(group);
        groupKeywords(RULES.post);
    });
    function groupKeywords(group) {
        if (!(0, applicability_1.shouldUseGroup)(schema, group))
            return;
        if (group.type) {
            gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers));
            iterateKeywords(it, group);
            if (types.length === 1 && types[0] === group.type && typeErrors) {
                gen.else();
                (0, dataType_2.reportTypeError)(it);
            }
            gen.endIf();
        }
        else {
            iterateKeywords(it, group);
        }
        // TODO make it "ok" call?
        if (!allErrors)
            gen.if((0, codegen_1._) `${names_1.default.errors} === ${errsCount || 0}`);
    }
}
function iterateKeywords(it, group) {
    const { gen, schema, opts: { useDefaults }, } = it;
    if (useDefaults)
        (0, defaults_1.assignDefaults)(it, group.type);
    gen.block(() => {
        for (const rule of group.rules) {
            if ((0, applicability_1.shouldUseRule)(schema, rule)) {
                keywordCode(it, rule.keyword, rule.definition, group.type);
            }
        }
    });
}
function checkStrictTypes(it, types) {
    if (it.schemaEnv.meta || !it.opts.strictTypes)
        return;
    checkContextTypes(it, types);
    if (!it.opts.allowUnionTypes)
        checkMultipleTypes(it, types);
    checkKeywordTypes(it, it.dataTypes);
}
function checkContextTypes(it, types) {
    if (!types.length)
        return;
    if (!it.dataTypes.length) {
        it.dataTypes = types;
        return;
    }
    types.forEach((t) => {
        if (!includesType(it.dataTypes, t)) {
            strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }
    });
    narrowSchemaTypes(it, types);
}
function checkMultipleTypes(it, ts) {
    if (ts.length > 1 && !(ts.length === 2 && ts.includes("null"))) {
        strictTypesError(it, "use allowUnionTypes to allow union type keyword");
    }
}
function checkKeywordTypes(it, ts) {
    const rules = it.self.RULES.all;
    for (const keyword in rules) {
        const rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
            const { type } = rule.definition;
            if (type.length && !type.some((t) => hasApplicableType(ts, t))) {
                strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
            }
        }
    }
}
function hasApplicableType(schTs, kwdT) {
    return schTs.includes(kwdT) || (kwdT === "number" && schTs.includes("integer"));
}
function includesType(ts, t) {
    return ts.includes(t) || (t === "integer" && ts.includes("number"));
}
function narrowSchemaTypes(it, withTypes) {
    const ts = [];
    for (const t of it.dataTypes) {
        if (includesType(withTypes, t))
            ts.push(t);
        else if (withTypes.includes("integer") && t === "number")
            ts.push("integer");
    }
    it.dataTypes = ts;
}
function strictTypesError(it, msg) {
    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
    msg += ` at "${schemaPath}" (strictTypes)`;
    (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
}
class KeywordCxt {
    constructor(it, def, keyword) {
        (0, keyword_1.validateKeywordUsage)(it, def, keyword);
        this.gen = it.gen;
        this.allErrors = it.allErrors;
        this.keyword = keyword;
        this.data = it.data;
        this.schema = it.schema[keyword];
        this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data;
        this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data);
        this.schemaType = def.schemaType;
        this.parentSchema = it.schema;
        this.params = {};
        this.it = it;
        this.def = def;
        if (this.$data) {
            this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        }
        else {
            this.schemaCode = this.schemaValue;
            if (!(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined)) {
                throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
            }
        }
        if ("code" in def ? def.trackErrors : def.errors !== false) {
            this.errsCount = it.gen.const("_errs", names_1.default.errors);
        }
    }
    result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
    }
    failResult(condition, successAction, failAction) {
        this.gen.if(condition);
        if (failAction)
            failAction();
        else
            this.error();
        if (successAction) {
            this.gen.else();
            successAction();
            if (this.allErrors)
                this.gen.endIf();
        }
        else {
            if (this.allErrors)
                this.gen.endIf();
            else
                this.gen.else();
        }
    }
    pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), undefined, failAction);
    }
    fail(condition) {
        if (condition === undefined) {
            this.error();
            if (!this.allErrors)
                this.gen.if(false); // this branch will be removed by gen.optimize
            return;
        }
        this.gen.if(condition);
        this.error();
        if (this.allErrors)
            this.gen.endIf();
        else
            this.gen.else();
    }
    fail$data(condition) {
        if (!this.$data)
            return this.fail(condition);
        const { schemaCode } = this;
        this.fail((0, codegen_1._) `${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
    }
    error(append, errorParams, errorPaths) {
        if (errorParams) {
            this.setParams(errorParams);
            this._error(append, errorPaths);
            this.setParams({});
            return;
        }
        this._error(append, errorPaths);
    }
    _error(append, errorPaths) {
        ;
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
    }
    $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
    }
    reset() {
        if (this.errsCount === undefined)
            throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
    }
    ok(cond) {
        if (!this.allErrors)
            this.gen.if(cond);
    }
    setParams(obj, assign) {
        if (assign)
            Object.assign(this.params, obj);
        else
            this.params = obj;
    }
    block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
            this.check$data(valid, $dataValid);
            codeBlock();
        });
    }
    check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
            return;
        const { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._) `${schemaCode} === undefined`, $dataValid));
        if (valid !== codegen_1.nil)
            gen.assign(valid, true);
        if (schemaType.length || def.validateSchema) {
            gen.elseIf(this.invalid$data());
            this.$dataError();
            if (valid !== codegen_1.nil)
                gen.assign(valid, false);
        }
        gen.else();
    }
    invalid$data() {
        const { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
            if (schemaType.length) {
                /* istanbul ignore if */
                if (!(schemaCode instanceof codegen_1.Name))
                    throw new Error("ajv implementation error");
                const st = Array.isArray(schemaType) ? schemaType : [schemaType];
                return (0, codegen_1._) `${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
            }
            return codegen_1.nil;
        }
        function invalid$DataSchema() {
            if (def.validateSchema) {
                const validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema }); // TODO value.code for standalone
                return (0, codegen_1._) `!${validateSchemaRef}(${schemaCode})`;
            }
            return codegen_1.nil;
        }
    }
    subschema(appl, valid) {
        const subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl);
        (0, subschema_1.extendSubschemaMode)(subschema, appl);
        const nextContext = { ...this.it, ...subschema, items: undefined, props: undefined };
        subschemaCode(nextContext, valid);
        return nextContext;
    }
    mergeEvaluated(schemaCxt, toName) {
        const { it, gen } = this;
        if (!it.opts.unevaluated)
            return;
        if (it.props !== true && schemaCxt.props !== undefined) {
            it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName);
        }
        if (it.items !== true && schemaCxt.items !== undefined) {
            it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName);
        }
    }
    mergeValidEvaluated(schemaCxt, valid) {
        const { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== true || it.items !== true)) {
            gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name));
            return true;
        }
    }
}
exports.KeywordCxt = KeywordCxt;
function keywordCode(it, keyword, def, ruleType) {
    const cxt = new KeywordCxt(it, def, keyword);
    if ("code" in def) {
        def.code(cxt, ruleType);
    }
    else if (cxt.$data && def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
    }
    else if ("macro" in def) {
        (0, keyword_1.macroKeywordCode)(cxt, def);
    }
    else if (def.compile || def.validate) {
        (0, keyword_1.funcKeywordCode)(cxt, def);
    }
}
const JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/;
const RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
function getData($data, { dataLevel, dataNames, dataPathArr }) {
    let jsonPointer;
    let data;
    if ($data === "")
        return names_1.default.rootData;
    if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
            throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data;
        data = names_1.default.rootData;
    }
    else {
        const matches = RELATIVE_JSON_POINTER.exec($data);
        if (!matches)
            throw new Error(`Invalid JSON-pointer: ${$data}`);
        const up = +matches[1];
        jsonPointer = matches[2];
        if (jsonPointer === "#") {
            if (up >= dataLevel)
                throw new Error(errorMsg("property/index", up));
            return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
            throw new Error(errorMsg("data", up));
        data = dataNames[dataLevel - up];
        if (!jsonPointer)
            return data;
    }
    let expr = data;
    const segments = jsonPointer.split("/");
    for (const segment of segments) {
        if (segment) {
            data = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`;
            expr = (0, codegen_1._) `${expr} && ${data}`;
        }
    }
    return expr;
    function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
    }
}
exports.getData = getData;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5202:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const code_1 = __nccwpck_require__(8484);
const errors_1 = __nccwpck_require__(1283);
function macroKeywordCode(cxt, def) {
    const { gen, keyword, schema, parentSchema, it } = cxt;
    const macroSchema = def.macro.call(it.self, schema, parentSchema, it);
    const schemaRef = useKeyword(gen, keyword, macroSchema);
    if (it.opts.validateSchema !== false)
        it.self.validateSchema(macroSchema, true);
    const valid = gen.name("valid");
    cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: true,
    }, valid);
    cxt.pass(valid, () => cxt.error(true));
}
exports.macroKeywordCode = macroKeywordCode;
function funcKeywordCode(cxt, def) {
    var _a;
    const { gen, keyword, schema, parentSchema, $data, it } = cxt;
    checkAsyncKeyword(it, def);
    const validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate;
    const validateRef = useKeyword(gen, keyword, validate);
    const valid = gen.let("valid");
    cxt.block$data(valid, validateKeyword);
    cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
    function validateKeyword() {
        if (def.errors === false) {
            assignValid();
            if (def.modifying)
                modifyData(cxt);
            reportErrs(() => cxt.error());
        }
        else {
            const ruleErrs = def.async ? validateAsync() : validateSync();
            if (def.modifying)
                modifyData(cxt);
            reportErrs(() => addErrs(cxt, ruleErrs));
        }
    }
    function validateAsync() {
        const ruleErrs = gen.let("ruleErrs", null);
        gen.try(() => assignValid((0, codegen_1._) `await `), (e) => gen.assign(valid, false).if((0, codegen_1._) `${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._) `${e}.errors`), () => gen.throw(e)));
        return ruleErrs;
    }
    function validateSync() {
        const validateErrs = (0, codegen_1._) `${validateRef}.errors`;
        gen.assign(validateErrs, null);
        assignValid(codegen_1.nil);
        return validateErrs;
    }
    function assignValid(_await = def.async ? (0, codegen_1._) `await ` : codegen_1.nil) {
        const passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self;
        const passSchema = !(("compile" in def && !$data) || def.schema === false);
        gen.assign(valid, (0, codegen_1._) `${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
    }
    function reportErrs(errors) {
        var _a;
        gen.if((0, codegen_1.not)((_a = def.valid) !== null && _a !== void 0 ? _a : valid), errors);
    }
}
exports.funcKeywordCode = funcKeywordCode;
function modifyData(cxt) {
    const { gen, data, it } = cxt;
    gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._) `${it.parentData}[${it.parentDataProperty}]`));
}
function addErrs(cxt, errs) {
    const { gen } = cxt;
    gen.if((0, codegen_1._) `Array.isArray(${errs})`, () => {
        gen
            .assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`)
            .assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
        (0, errors_1.extendErrors)(cxt);
    }, () => cxt.error());
}
function checkAsyncKeyword({ schemaEnv }, def) {
    if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
}
function useKeyword(gen, keyword, result) {
    if (result === undefined)
        throw new Error(`keyword "${keyword}" failed to compile`);
    return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
}
function validSchemaType(schema, schemaType, allowUndefined = false) {
    // TODO add tests
    return (!schemaType.length ||
        schemaType.some((st) => st === "array"
            ? Array.isArray(schema)
            : st === "object"
                ? schema && typeof schema == "object" && !Array.isArray(schema)
                : typeof schema == st || (allowUndefined && typeof schema == "undefined")));
}
exports.validSchemaType = validSchemaType;
function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
    /* istanbul ignore if */
    if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword) {
        throw new Error("ajv implementation error");
    }
    const deps = def.dependencies;
    if (deps === null || deps === void 0 ? void 0 : deps.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd))) {
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
    }
    if (def.validateSchema) {
        const valid = def.validateSchema(schema[keyword]);
        if (!valid) {
            const msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` +
                self.errorsText(def.validateSchema.errors);
            if (opts.validateSchema === "log")
                self.logger.error(msg);
            else
                throw new Error(msg);
        }
    }
}
exports.validateKeywordUsage = validateKeywordUsage;
//# sourceMappingURL=keyword.js.map

/***/ }),

/***/ 6200:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
    if (keyword !== undefined && schema !== undefined) {
        throw new Error('both "keyword" and "schema" passed, only one allowed');
    }
    if (keyword !== undefined) {
        const sch = it.schema[keyword];
        return schemaProp === undefined
            ? {
                schema: sch,
                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
                errSchemaPath: `${it.errSchemaPath}/${keyword}`,
            }
            : {
                schema: sch[schemaProp],
                schemaPath: (0, codegen_1._) `${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
                errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`,
            };
    }
    if (schema !== undefined) {
        if (schemaPath === undefined || errSchemaPath === undefined || topSchemaRef === undefined) {
            throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        }
        return {
            schema,
            schemaPath,
            topSchemaRef,
            errSchemaPath,
        };
    }
    throw new Error('either "keyword" or "schema" must be passed');
}
exports.getSubschema = getSubschema;
function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
    if (data !== undefined && dataProp !== undefined) {
        throw new Error('both "data" and "dataProp" passed, only one allowed');
    }
    const { gen } = it;
    if (dataProp !== undefined) {
        const { errorPath, dataPathArr, opts } = it;
        const nextData = gen.let("data", (0, codegen_1._) `${it.data}${(0, codegen_1.getProperty)(dataProp)}`, true);
        dataContextProps(nextData);
        subschema.errorPath = (0, codegen_1.str) `${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`;
        subschema.parentDataProperty = (0, codegen_1._) `${dataProp}`;
        subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
    }
    if (data !== undefined) {
        const nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, true); // replaceable if used once?
        dataContextProps(nextData);
        if (propertyName !== undefined)
            subschema.propertyName = propertyName;
        // TODO something is possibly wrong here with not changing parentDataProperty and not appending dataPathArr
    }
    if (dataTypes)
        subschema.dataTypes = dataTypes;
    function dataContextProps(_nextData) {
        subschema.data = _nextData;
        subschema.dataLevel = it.dataLevel + 1;
        subschema.dataTypes = [];
        it.definedProperties = new Set();
        subschema.parentData = it.data;
        subschema.dataNames = [...it.dataNames, _nextData];
    }
}
exports.extendSubschemaData = extendSubschemaData;
function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
    if (compositeRule !== undefined)
        subschema.compositeRule = compositeRule;
    if (createErrors !== undefined)
        subschema.createErrors = createErrors;
    if (allErrors !== undefined)
        subschema.allErrors = allErrors;
    subschema.jtdDiscriminator = jtdDiscriminator; // not inherited
    subschema.jtdMetadata = jtdMetadata; // not inherited
}
exports.extendSubschemaMode = extendSubschemaMode;
//# sourceMappingURL=subschema.js.map

/***/ }),

/***/ 3893:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
var validate_1 = __nccwpck_require__(7881);
Object.defineProperty(exports, "KeywordCxt", ({ enumerable: true, get: function () { return validate_1.KeywordCxt; } }));
var codegen_1 = __nccwpck_require__(1436);
Object.defineProperty(exports, "_", ({ enumerable: true, get: function () { return codegen_1._; } }));
Object.defineProperty(exports, "str", ({ enumerable: true, get: function () { return codegen_1.str; } }));
Object.defineProperty(exports, "stringify", ({ enumerable: true, get: function () { return codegen_1.stringify; } }));
Object.defineProperty(exports, "nil", ({ enumerable: true, get: function () { return codegen_1.nil; } }));
Object.defineProperty(exports, "Name", ({ enumerable: true, get: function () { return codegen_1.Name; } }));
Object.defineProperty(exports, "CodeGen", ({ enumerable: true, get: function () { return codegen_1.CodeGen; } }));
const validation_error_1 = __nccwpck_require__(3021);
const ref_error_1 = __nccwpck_require__(3162);
const rules_1 = __nccwpck_require__(7353);
const compile_1 = __nccwpck_require__(2718);
const codegen_2 = __nccwpck_require__(1436);
const resolve_1 = __nccwpck_require__(4090);
const dataType_1 = __nccwpck_require__(6685);
const util_1 = __nccwpck_require__(4464);
const $dataRefSchema = __nccwpck_require__(3837);
const uri_1 = __nccwpck_require__(6285);
const defaultRegExp = (str, flags) => new RegExp(str, flags);
defaultRegExp.code = "new RegExp";
const META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"];
const EXT_SCOPE_NAMES = new Set([
    "validate",
    "serialize",
    "parse",
    "wrapper",
    "root",
    "schema",
    "keyword",
    "pattern",
    "formats",
    "validate$data",
    "func",
    "obj",
    "Error",
]);
const removedOptions = {
    errorDataPath: "",
    format: "`validateFormats: false` can be used instead.",
    nullable: '"nullable" keyword is supported by default.',
    jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
    extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
    missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
    processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
    sourceCode: "Use option `code: {source: true}`",
    strictDefaults: "It is default now, see option `strict`.",
    strictKeywords: "It is default now, see option `strict`.",
    uniqueItems: '"uniqueItems" keyword is always validated.',
    unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
    cache: "Map is used as cache, schema object as key.",
    serialize: "Map is used as cache, schema object as key.",
    ajvErrors: "It is default now.",
};
const deprecatedOptions = {
    ignoreKeywordsWithRef: "",
    jsPropertySyntax: "",
    unicode: '"minLength"/"maxLength" account for unicode characters by default.',
};
const MAX_EXPRESSION = 200;
// eslint-disable-next-line complexity
function requiredOptions(o) {
    var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
    const s = o.strict;
    const _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize;
    const optimize = _optz === true || _optz === undefined ? 1 : _optz || 0;
    const regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp;
    const uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
    return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : true,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : true,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : false,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : true,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : true,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : true,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : true,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : true,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : true,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : true,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : true,
        uriResolver: uriResolver,
    };
}
class Ajv {
    constructor(opts = {}) {
        this.schemas = {};
        this.refs = {};
        this.formats = Object.create(null);
        this._compilations = new Set();
        this._loading = {};
        this._cache = new Map();
        opts = this.opts = { ...opts, ...requiredOptions(opts) };
        const { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines });
        this.logger = getLogger(opts.logger);
        const formatOpt = opts.validateFormats;
        opts.validateFormats = false;
        this.RULES = (0, rules_1.getRules)();
        checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED");
        checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn");
        this._metaOpts = getMetaSchemaOptions.call(this);
        if (opts.formats)
            addInitialFormats.call(this);
        this._addVocabularies();
        this._addDefaultMetaSchema();
        if (opts.keywords)
            addInitialKeywords.call(this, opts.keywords);
        if (typeof opts.meta == "object")
            this.addMetaSchema(opts.meta);
        addInitialSchemas.call(this);
        opts.validateFormats = formatOpt;
    }
    _addVocabularies() {
        this.addKeyword("$async");
    }
    _addDefaultMetaSchema() {
        const { $data, meta, schemaId } = this.opts;
        let _dataRefSchema = $dataRefSchema;
        if (schemaId === "id") {
            _dataRefSchema = { ...$dataRefSchema };
            _dataRefSchema.id = _dataRefSchema.$id;
            delete _dataRefSchema.$id;
        }
        if (meta && $data)
            this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], false);
    }
    defaultMeta() {
        const { meta, schemaId } = this.opts;
        return (this.opts.defaultMeta = typeof meta == "object" ? meta[schemaId] || meta : undefined);
    }
    validate(schemaKeyRef, // key, ref or schema object
    // eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents
    data // to be validated
    ) {
        let v;
        if (typeof schemaKeyRef == "string") {
            v = this.getSchema(schemaKeyRef);
            if (!v)
                throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        }
        else {
            v = this.compile(schemaKeyRef);
        }
        const valid = v(data);
        if (!("$async" in v))
            this.errors = v.errors;
        return valid;
    }
    compile(schema, _meta) {
        const sch = this._addSchema(schema, _meta);
        return (sch.validate || this._compileSchemaEnv(sch));
    }
    compileAsync(schema, meta) {
        if (typeof this.opts.loadSchema != "function") {
            throw new Error("options.loadSchema should be a function");
        }
        const { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta);
        async function runCompileAsync(_schema, _meta) {
            await loadMetaSchema.call(this, _schema.$schema);
            const sch = this._addSchema(_schema, _meta);
            return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
            if ($ref && !this.getSchema($ref)) {
                await runCompileAsync.call(this, { $ref }, true);
            }
        }
        async function _compileAsync(sch) {
            try {
                return this._compileSchemaEnv(sch);
            }
            catch (e) {
                if (!(e instanceof ref_error_1.default))
                    throw e;
                checkLoaded.call(this, e);
                await loadMissingSchema.call(this, e.missingSchema);
                return _compileAsync.call(this, sch);
            }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
            if (this.refs[ref]) {
                throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
            }
        }
        async function loadMissingSchema(ref) {
            const _schema = await _loadSchema.call(this, ref);
            if (!this.refs[ref])
                await loadMetaSchema.call(this, _schema.$schema);
            if (!this.refs[ref])
                this.addSchema(_schema, ref, meta);
        }
        async function _loadSchema(ref) {
            const p = this._loading[ref];
            if (p)
                return p;
            try {
                return await (this._loading[ref] = loadSchema(ref));
            }
            finally {
                delete this._loading[ref];
            }
        }
    }
    // Adds schema to the instance
    addSchema(schema, // If array is passed, `key` will be ignored
    key, // Optional schema key. Can be passed to `validate` method instead of schema object or id/ref. One schema per instance can have empty `id` and `key`.
    _meta, // true if schema is a meta-schema. Used internally, addMetaSchema should be used instead.
    _validateSchema = this.opts.validateSchema // false to skip schema validation. Used internally, option validateSchema should be used instead.
    ) {
        if (Array.isArray(schema)) {
            for (const sch of schema)
                this.addSchema(sch, undefined, _meta, _validateSchema);
            return this;
        }
        let id;
        if (typeof schema === "object") {
            const { schemaId } = this.opts;
            id = schema[schemaId];
            if (id !== undefined && typeof id != "string") {
                throw new Error(`schema ${schemaId} must be string`);
            }
        }
        key = (0, resolve_1.normalizeId)(key || id);
        this._checkUnique(key);
        this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, true);
        return this;
    }
    // Add schema that will be used to validate other schemas
    // options in META_IGNORE_OPTIONS are alway set to false
    addMetaSchema(schema, key, // schema key
    _validateSchema = this.opts.validateSchema // false to skip schema validation, can be used to override validateSchema option for meta-schema
    ) {
        this.addSchema(schema, key, true, _validateSchema);
        return this;
    }
    //  Validate schema against its meta-schema
    validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
            return true;
        let $schema;
        $schema = schema.$schema;
        if ($schema !== undefined && typeof $schema != "string") {
            throw new Error("$schema must be a string");
        }
        $schema = $schema || this.opts.defaultMeta || this.defaultMeta();
        if (!$schema) {
            this.logger.warn("meta-schema not available");
            this.errors = null;
            return true;
        }
        const valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
            const message = "schema is invalid: " + this.errorsText();
            if (this.opts.validateSchema === "log")
                this.logger.error(message);
            else
                throw new Error(message);
        }
        return valid;
    }
    // Get compiled schema by `key` or `ref`.
    // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
    getSchema(keyRef) {
        let sch;
        while (typeof (sch = getSchEnv.call(this, keyRef)) == "string")
            keyRef = sch;
        if (sch === undefined) {
            const { schemaId } = this.opts;
            const root = new compile_1.SchemaEnv({ schema: {}, schemaId });
            sch = compile_1.resolveSchema.call(this, root, keyRef);
            if (!sch)
                return;
            this.refs[keyRef] = sch;
        }
        return (sch.validate || this._compileSchemaEnv(sch));
    }
    // Remove cached schema(s).
    // If no parameter is passed all schemas but meta-schemas are removed.
    // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
    // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
    removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp) {
            this._removeAllSchemas(this.schemas, schemaKeyRef);
            this._removeAllSchemas(this.refs, schemaKeyRef);
            return this;
        }
        switch (typeof schemaKeyRef) {
            case "undefined":
                this._removeAllSchemas(this.schemas);
                this._removeAllSchemas(this.refs);
                this._cache.clear();
                return this;
            case "string": {
                const sch = getSchEnv.call(this, schemaKeyRef);
                if (typeof sch == "object")
                    this._cache.delete(sch.schema);
                delete this.schemas[schemaKeyRef];
                delete this.refs[schemaKeyRef];
                return this;
            }
            case "object": {
                const cacheKey = schemaKeyRef;
                this._cache.delete(cacheKey);
                let id = schemaKeyRef[this.opts.schemaId];
                if (id) {
                    id = (0, resolve_1.normalizeId)(id);
                    delete this.schemas[id];
                    delete this.refs[id];
                }
                return this;
            }
            default:
                throw new Error("ajv.removeSchema: invalid parameter");
        }
    }
    // add "vocabulary" - a collection of keywords
    addVocabulary(definitions) {
        for (const def of definitions)
            this.addKeyword(def);
        return this;
    }
    addKeyword(kwdOrDef, def // deprecated
    ) {
        let keyword;
        if (typeof kwdOrDef == "string") {
            keyword = kwdOrDef;
            if (typeof def == "object") {
                this.logger.warn("these parameters are deprecated, see docs for addKeyword");
                def.keyword = keyword;
            }
        }
        else if (typeof kwdOrDef == "object" && def === undefined) {
            def = kwdOrDef;
            keyword = def.keyword;
            if (Array.isArray(keyword) && !keyword.length) {
                throw new Error("addKeywords: keyword must be string or non-empty array");
            }
        }
        else {
            throw new Error("invalid addKeywords parameters");
        }
        checkKeyword.call(this, keyword, def);
        if (!def) {
            (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd));
            return this;
        }
        keywordMetaschema.call(this, def);
        const definition = {
            ...def,
            type: (0, dataType_1.getJSONTypes)(def.type),
            schemaType: (0, dataType_1.getJSONTypes)(def.schemaType),
        };
        (0, util_1.eachItem)(keyword, definition.type.length === 0
            ? (k) => addRule.call(this, k, definition)
            : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t)));
        return this;
    }
    getKeyword(keyword) {
        const rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
    }
    // Remove keyword
    removeKeyword(keyword) {
        // TODO return type should be Ajv
        const { RULES } = this;
        delete RULES.keywords[keyword];
        delete RULES.all[keyword];
        for (const group of RULES.rules) {
            const i = group.rules.findIndex((rule) => rule.keyword === keyword);
            if (i >= 0)
                group.rules.splice(i, 1);
        }
        return this;
    }
    // Add format
    addFormat(name, format) {
        if (typeof format == "string")
            format = new RegExp(format);
        this.formats[name] = format;
        return this;
    }
    errorsText(errors = this.errors, // optional array of validation errors
    { separator = ", ", dataVar = "data" } = {} // optional options with properties `separator` and `dataVar`
    ) {
        if (!errors || errors.length === 0)
            return "No errors";
        return errors
            .map((e) => `${dataVar}${e.instancePath} ${e.message}`)
            .reduce((text, msg) => text + separator + msg);
    }
    $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        const rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (const jsonPointer of keywordsJsonPointers) {
            const segments = jsonPointer.split("/").slice(1); // first segment is an empty string
            let keywords = metaSchema;
            for (const seg of segments)
                keywords = keywords[seg];
            for (const key in rules) {
                const rule = rules[key];
                if (typeof rule != "object")
                    continue;
                const { $data } = rule.definition;
                const schema = keywords[key];
                if ($data && schema)
                    keywords[key] = schemaOrData(schema);
            }
        }
        return metaSchema;
    }
    _removeAllSchemas(schemas, regex) {
        for (const keyRef in schemas) {
            const sch = schemas[keyRef];
            if (!regex || regex.test(keyRef)) {
                if (typeof sch == "string") {
                    delete schemas[keyRef];
                }
                else if (sch && !sch.meta) {
                    this._cache.delete(sch.schema);
                    delete schemas[keyRef];
                }
            }
        }
    }
    _addSchema(schema, meta, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id;
        const { schemaId } = this.opts;
        if (typeof schema == "object") {
            id = schema[schemaId];
        }
        else {
            if (this.opts.jtd)
                throw new Error("schema must be object");
            else if (typeof schema != "boolean")
                throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== undefined)
            return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        const localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        sch = new compile_1.SchemaEnv({ schema, schemaId, meta, baseId, localRefs });
        this._cache.set(sch.schema, sch);
        if (addSchema && !baseId.startsWith("#")) {
            // TODO atm it is allowed to overwrite schemas without id (instead of not adding them)
            if (baseId)
                this._checkUnique(baseId);
            this.refs[baseId] = sch;
        }
        if (validateSchema)
            this.validateSchema(schema, true);
        return sch;
    }
    _checkUnique(id) {
        if (this.schemas[id] || this.refs[id]) {
            throw new Error(`schema with key or id "${id}" already exists`);
        }
    }
    _compileSchemaEnv(sch) {
        if (sch.meta)
            this._compileMetaSchema(sch);
        else
            compile_1.compileSchema.call(this, sch);
        /* istanbul ignore if */
        if (!sch.validate)
            throw new Error("ajv implementation error");
        return sch.validate;
    }
    _compileMetaSchema(sch) {
        const currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
            compile_1.compileSchema.call(this, sch);
        }
        finally {
            this.opts = currentOpts;
        }
    }
}
Ajv.ValidationError = validation_error_1.default;
Ajv.MissingRefError = ref_error_1.default;
exports["default"] = Ajv;
function checkOptions(checkOpts, options, msg, log = "error") {
    for (const key in checkOpts) {
        const opt = key;
        if (opt in options)
            this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
    }
}
function getSchEnv(keyRef) {
    keyRef = (0, resolve_1.normalizeId)(keyRef); // TODO tests fail without this line
    return this.schemas[keyRef] || this.refs[keyRef];
}
function addInitialSchemas() {
    const optsSchemas = this.opts.schemas;
    if (!optsSchemas)
        return;
    if (Array.isArray(optsSchemas))
        this.addSchema(optsSchemas);
    else
        for (const key in optsSchemas)
            this.addSchema(optsSchemas[key], key);
}
function addInitialFormats() {
    for (const name in this.opts.formats) {
        const format = this.opts.formats[name];
        if (format)
            this.addFormat(name, format);
    }
}
function addInitialKeywords(defs) {
    if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
    }
    this.logger.warn("keywords option as map is deprecated, pass array");
    for (const keyword in defs) {
        const def = defs[keyword];
        if (!def.keyword)
            def.keyword = keyword;
        this.addKeyword(def);
    }
}
function getMetaSchemaOptions() {
    const metaOpts = { ...this.opts };
    for (const opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
    return metaOpts;
}
const noLogs = { log() { }, warn() { }, error() { } };
function getLogger(logger) {
    if (logger === false)
        return noLogs;
    if (logger === undefined)
        return console;
    if (logger.log && logger.warn && logger.error)
        return logger;
    throw new Error("logger must implement log, warn and error methods");
}
const KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
function checkKeyword(keyword, def) {
    const { RULES } = this;
    (0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
            throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
            throw new Error(`Keyword ${kwd} has invalid name`);
    });
    if (!def)
        return;
    if (def.$data && !("code" in def || "validate" in def)) {
        throw new Error('$data keyword must have "code" or "validate" function');
    }
}
function addRule(keyword, definition, dataType) {
    var _a;
    const post = definition === null || definition === void 0 ? void 0 : definition.post;
    if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
    const { RULES } = this;
    let ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
    if (!ruleGroup) {
        ruleGroup = { type: dataType, rules: [] };
        RULES.rules.push(ruleGroup);
    }
    RULES.keywords[keyword] = true;
    if (!definition)
        return;
    const rule = {
        keyword,
        definition: {
            ...definition,
            type: (0, dataType_1.getJSONTypes)(definition.type),
            schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType),
        },
    };
    if (definition.before)
        addBeforeRule.call(this, ruleGroup, rule, definition.before);
    else
        ruleGroup.rules.push(rule);
    RULES.all[keyword] = rule;
    (_a = definition.implements) === null || _a === void 0 ? void 0 : _a.forEach((kwd) => this.addKeyword(kwd));
}
function addBeforeRule(ruleGroup, rule, before) {
    const i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
    if (i >= 0) {
        ruleGroup.rules.splice(i, 0, rule);
    }
    else {
        ruleGroup.rules.push(rule);
        this.logger.warn(`rule ${before} is not defined`);
    }
}
function keywordMetaschema(def) {
    let { metaSchema } = def;
    if (metaSchema === undefined)
        return;
    if (def.$data && this.opts.$data)
        metaSchema = schemaOrData(metaSchema);
    def.validateSchema = this.compile(metaSchema, true);
}
const $dataRef = {
    $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
};
function schemaOrData(schema) {
    return { anyOf: [schema, $dataRef] };
}
//# sourceMappingURL=core.js.map

/***/ }),

/***/ 3995:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const metaSchema = __nccwpck_require__(1678);
const applicator = __nccwpck_require__(7216);
const unevaluated = __nccwpck_require__(9547);
const content = __nccwpck_require__(8226);
const core = __nccwpck_require__(518);
const format = __nccwpck_require__(4588);
const metadata = __nccwpck_require__(5707);
const validation = __nccwpck_require__(7082);
const META_SUPPORT_DATA = ["/properties"];
function addMetaSchema2020($data) {
    ;
    [
        metaSchema,
        applicator,
        unevaluated,
        content,
        core,
        with$data(this, format),
        metadata,
        with$data(this, validation),
    ].forEach((sch) => this.addMetaSchema(sch, undefined, false));
    return this;
    function with$data(ajv, sch) {
        return $data ? ajv.$dataMetaSchema(sch, META_SUPPORT_DATA) : sch;
    }
}
exports["default"] = addMetaSchema2020;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 4951:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// https://github.com/ajv-validator/ajv/issues/889
const equal = __nccwpck_require__(3430);
equal.code = 'require("ajv/dist/runtime/equal").default';
exports["default"] = equal;
//# sourceMappingURL=equal.js.map

/***/ }),

/***/ 6214:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
// https://mathiasbynens.be/notes/javascript-encoding
// https://github.com/bestiejs/punycode.js - punycode.ucs2.decode
function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
}
exports["default"] = ucs2length;
ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
//# sourceMappingURL=ucs2length.js.map

/***/ }),

/***/ 6285:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const uri = __nccwpck_require__(4352);
uri.code = 'require("ajv/dist/runtime/uri").default';
exports["default"] = uri;
//# sourceMappingURL=uri.js.map

/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
class ValidationError extends Error {
    constructor(errors) {
        super("validation failed");
        this.errors = errors;
        this.ajv = this.validation = true;
    }
}
exports["default"] = ValidationError;
//# sourceMappingURL=validation_error.js.map

/***/ }),

/***/ 3448:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateAdditionalItems = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "additionalItems",
    type: "array",
    schemaType: ["boolean", "object"],
    before: "uniqueItems",
    error,
    code(cxt) {
        const { parentSchema, it } = cxt;
        const { items } = parentSchema;
        if (!Array.isArray(items)) {
            (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
            return;
        }
        validateAdditionalItems(cxt, items);
    },
};
function validateAdditionalItems(cxt, items) {
    const { gen, schema, data, keyword, it } = cxt;
    it.items = true;
    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
    if (schema === false) {
        cxt.setParams({ len: items.length });
        cxt.pass((0, codegen_1._) `${len} <= ${items.length}`);
    }
    else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        const valid = gen.var("valid", (0, codegen_1._) `${len} <= ${items.length}`); // TODO var
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid));
        cxt.ok(valid);
    }
    function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
            cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid);
            if (!it.allErrors)
                gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
    }
}
exports.validateAdditionalItems = validateAdditionalItems;
exports["default"] = def;
//# sourceMappingURL=additionalItems.js.map

/***/ }),

/***/ 2431:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "must NOT have additional properties",
    params: ({ params }) => (0, codegen_1._) `{additionalProperty: ${params.additionalProperty}}`,
};
const def = {
    keyword: "additionalProperties",
    type: ["object"],
    schemaType: ["boolean", "object"],
    allowUndefined: true,
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, data, errsCount, it } = cxt;
        /* istanbul ignore if */
        if (!errsCount)
            throw new Error("ajv implementation error");
        const { allErrors, opts } = it;
        it.props = true;
        if (opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
            return;
        const props = (0, code_1.allSchemaProperties)(parentSchema.properties);
        const patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties();
        cxt.ok((0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
            gen.forIn("key", data, (key) => {
                if (!props.length && !patProps.length)
                    additionalPropertyCode(key);
                else
                    gen.if(isAdditional(key), () => additionalPropertyCode(key));
            });
        }
        function isAdditional(key) {
            let definedProp;
            if (props.length > 8) {
                // TODO maybe an option instead of hard-coded 8?
                const propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
                definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
            }
            else if (props.length) {
                definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._) `${key} === ${p}`));
            }
            else {
                definedProp = codegen_1.nil;
            }
            if (patProps.length) {
                definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._) `${(0, code_1.usePattern)(cxt, p)}.test(${key})`));
            }
            return (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
            gen.code((0, codegen_1._) `delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
            if (opts.removeAdditional === "all" || (opts.removeAdditional && schema === false)) {
                deleteAdditional(key);
                return;
            }
            if (schema === false) {
                cxt.setParams({ additionalProperty: key });
                cxt.error();
                if (!allErrors)
                    gen.break();
                return;
            }
            if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
                const valid = gen.name("valid");
                if (opts.removeAdditional === "failing") {
                    applyAdditionalSchema(key, valid, false);
                    gen.if((0, codegen_1.not)(valid), () => {
                        cxt.reset();
                        deleteAdditional(key);
                    });
                }
                else {
                    applyAdditionalSchema(key, valid);
                    if (!allErrors)
                        gen.if((0, codegen_1.not)(valid), () => gen.break());
                }
            }
        }
        function applyAdditionalSchema(key, valid, errors) {
            const subschema = {
                keyword: "additionalProperties",
                dataProp: key,
                dataPropType: util_1.Type.Str,
            };
            if (errors === false) {
                Object.assign(subschema, {
                    compositeRule: true,
                    createErrors: false,
                    allErrors: false,
                });
            }
            cxt.subschema(subschema, valid);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=additionalProperties.js.map

/***/ }),

/***/ 9205:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "allOf",
    schemaType: "array",
    code(cxt) {
        const { gen, schema, it } = cxt;
        /* istanbul ignore if */
        if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
        const valid = gen.name("valid");
        schema.forEach((sch, i) => {
            if ((0, util_1.alwaysValidSchema)(it, sch))
                return;
            const schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
            cxt.ok(valid);
            cxt.mergeEvaluated(schCxt);
        });
    },
};
exports["default"] = def;
//# sourceMappingURL=allOf.js.map

/***/ }),

/***/ 9380:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const def = {
    keyword: "anyOf",
    schemaType: "array",
    trackErrors: true,
    code: code_1.validateUnion,
    error: { message: "must match a schema in anyOf" },
};
exports["default"] = def;
//# sourceMappingURL=anyOf.js.map

/***/ }),

/***/ 6182:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { min, max } }) => max === undefined
        ? (0, codegen_1.str) `must contain at least ${min} valid item(s)`
        : (0, codegen_1.str) `must contain at least ${min} and no more than ${max} valid item(s)`,
    params: ({ params: { min, max } }) => max === undefined ? (0, codegen_1._) `{minContains: ${min}}` : (0, codegen_1._) `{minContains: ${min}, maxContains: ${max}}`,
};
const def = {
    keyword: "contains",
    type: "array",
    schemaType: ["object", "boolean"],
    before: "uniqueItems",
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        let min;
        let max;
        const { minContains, maxContains } = parentSchema;
        if (it.opts.next) {
            min = minContains === undefined ? 1 : minContains;
            max = maxContains;
        }
        else {
            min = 1;
        }
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        cxt.setParams({ min, max });
        if (max === undefined && min === 0) {
            (0, util_1.checkStrictMode)(it, `"minContains" == 0 without "maxContains": "contains" keyword ignored`);
            return;
        }
        if (max !== undefined && min > max) {
            (0, util_1.checkStrictMode)(it, `"minContains" > "maxContains" is always invalid`);
            cxt.fail();
            return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
            let cond = (0, codegen_1._) `${len} >= ${min}`;
            if (max !== undefined)
                cond = (0, codegen_1._) `${cond} && ${len} <= ${max}`;
            cxt.pass(cond);
            return;
        }
        it.items = true;
        const valid = gen.name("valid");
        if (max === undefined && min === 1) {
            validateItems(valid, () => gen.if(valid, () => gen.break()));
        }
        else if (min === 0) {
            gen.let(valid, true);
            if (max !== undefined)
                gen.if((0, codegen_1._) `${data}.length > 0`, validateItemsWithCount);
        }
        else {
            gen.let(valid, false);
            validateItemsWithCount();
        }
        cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
            const schValid = gen.name("_valid");
            const count = gen.let("count", 0);
            validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
            gen.forRange("i", 0, len, (i) => {
                cxt.subschema({
                    keyword: "contains",
                    dataProp: i,
                    dataPropType: util_1.Type.Num,
                    compositeRule: true,
                }, _valid);
                block();
            });
        }
        function checkLimits(count) {
            gen.code((0, codegen_1._) `${count}++`);
            if (max === undefined) {
                gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true).break());
            }
            else {
                gen.if((0, codegen_1._) `${count} > ${max}`, () => gen.assign(valid, false).break());
                if (min === 1)
                    gen.assign(valid, true);
                else
                    gen.if((0, codegen_1._) `${count} >= ${min}`, () => gen.assign(valid, true));
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=contains.js.map

/***/ }),

/***/ 5826:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
exports.error = {
    message: ({ params: { property, depsCount, deps } }) => {
        const property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str) `must have ${property_ies} ${deps} when property ${property} is present`;
    },
    params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._) `{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`, // TODO change to reference
};
const def = {
    keyword: "dependencies",
    type: "object",
    schemaType: "object",
    error: exports.error,
    code(cxt) {
        const [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps);
        validateSchemaDeps(cxt, schDeps);
    },
};
function splitDependencies({ schema }) {
    const propertyDeps = {};
    const schemaDeps = {};
    for (const key in schema) {
        if (key === "__proto__")
            continue;
        const deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
    }
    return [propertyDeps, schemaDeps];
}
function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
    const { gen, data, it } = cxt;
    if (Object.keys(propertyDeps).length === 0)
        return;
    const missing = gen.let("missing");
    for (const prop in propertyDeps) {
        const deps = propertyDeps[prop];
        if (deps.length === 0)
            continue;
        const hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
            property: prop,
            depsCount: deps.length,
            deps: deps.join(", "),
        });
        if (it.allErrors) {
            gen.if(hasProperty, () => {
                for (const depProp of deps) {
                    (0, code_1.checkReportMissingProp)(cxt, depProp);
                }
            });
        }
        else {
            gen.if((0, codegen_1._) `${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`);
            (0, code_1.reportMissingProp)(cxt, missing);
            gen.else();
        }
    }
}
exports.validatePropertyDeps = validatePropertyDeps;
function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
    const { gen, data, keyword, it } = cxt;
    const valid = gen.name("valid");
    for (const prop in schemaDeps) {
        if ((0, util_1.alwaysValidSchema)(it, schemaDeps[prop]))
            continue;
        gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties), () => {
            const schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
        }, () => gen.var(valid, true) // TODO var
        );
        cxt.ok(valid);
    }
}
exports.validateSchemaDeps = validateSchemaDeps;
exports["default"] = def;
//# sourceMappingURL=dependencies.js.map

/***/ }),

/***/ 3818:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dependencies_1 = __nccwpck_require__(5826);
const def = {
    keyword: "dependentSchemas",
    type: "object",
    schemaType: "object",
    code: (cxt) => (0, dependencies_1.validateSchemaDeps)(cxt),
};
exports["default"] = def;
//# sourceMappingURL=dependentSchemas.js.map

/***/ }),

/***/ 8584:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params }) => (0, codegen_1.str) `must match "${params.ifClause}" schema`,
    params: ({ params }) => (0, codegen_1._) `{failingKeyword: ${params.ifClause}}`,
};
const def = {
    keyword: "if",
    schemaType: ["object", "boolean"],
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, parentSchema, it } = cxt;
        if (parentSchema.then === undefined && parentSchema.else === undefined) {
            (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        }
        const hasThen = hasSchema(it, "then");
        const hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
            return;
        const valid = gen.let("valid", true);
        const schValid = gen.name("_valid");
        validateIf();
        cxt.reset();
        if (hasThen && hasElse) {
            const ifClause = gen.let("ifClause");
            cxt.setParams({ ifClause });
            gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        }
        else if (hasThen) {
            gen.if(schValid, validateClause("then"));
        }
        else {
            gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        }
        cxt.pass(valid, () => cxt.error(true));
        function validateIf() {
            const schCxt = cxt.subschema({
                keyword: "if",
                compositeRule: true,
                createErrors: false,
                allErrors: false,
            }, schValid);
            cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
            return () => {
                const schCxt = cxt.subschema({ keyword }, schValid);
                gen.assign(valid, schValid);
                cxt.mergeValidEvaluated(schCxt, valid);
                if (ifClause)
                    gen.assign(ifClause, (0, codegen_1._) `${keyword}`);
                else
                    cxt.setParams({ ifClause: keyword });
            };
        }
    },
};
function hasSchema(it, keyword) {
    const schema = it.schema[keyword];
    return schema !== undefined && !(0, util_1.alwaysValidSchema)(it, schema);
}
exports["default"] = def;
//# sourceMappingURL=if.js.map

/***/ }),

/***/ 8775:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const additionalItems_1 = __nccwpck_require__(3448);
const prefixItems_1 = __nccwpck_require__(6467);
const items_1 = __nccwpck_require__(5791);
const items2020_1 = __nccwpck_require__(2959);
const contains_1 = __nccwpck_require__(6182);
const dependencies_1 = __nccwpck_require__(5826);
const propertyNames_1 = __nccwpck_require__(1372);
const additionalProperties_1 = __nccwpck_require__(2431);
const properties_1 = __nccwpck_require__(8778);
const patternProperties_1 = __nccwpck_require__(664);
const not_1 = __nccwpck_require__(8350);
const anyOf_1 = __nccwpck_require__(9380);
const oneOf_1 = __nccwpck_require__(2490);
const allOf_1 = __nccwpck_require__(9205);
const if_1 = __nccwpck_require__(8584);
const thenElse_1 = __nccwpck_require__(6829);
function getApplicator(draft2020 = false) {
    const applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default,
    ];
    // array
    if (draft2020)
        applicator.push(prefixItems_1.default, items2020_1.default);
    else
        applicator.push(additionalItems_1.default, items_1.default);
    applicator.push(contains_1.default);
    return applicator;
}
exports["default"] = getApplicator;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 5791:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateTuple = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
const def = {
    keyword: "items",
    type: "array",
    schemaType: ["object", "array", "boolean"],
    before: "uniqueItems",
    code(cxt) {
        const { schema, it } = cxt;
        if (Array.isArray(schema))
            return validateTuple(cxt, "additionalItems", schema);
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        cxt.ok((0, code_1.validateArray)(cxt));
    },
};
function validateTuple(cxt, extraItems, schArr = cxt.schema) {
    const { gen, parentSchema, data, keyword, it } = cxt;
    checkStrictTuple(parentSchema);
    if (it.opts.unevaluated && schArr.length && it.items !== true) {
        it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items);
    }
    const valid = gen.name("valid");
    const len = gen.const("len", (0, codegen_1._) `${data}.length`);
    schArr.forEach((sch, i) => {
        if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
        gen.if((0, codegen_1._) `${len} > ${i}`, () => cxt.subschema({
            keyword,
            schemaProp: i,
            dataProp: i,
        }, valid));
        cxt.ok(valid);
    });
    function checkStrictTuple(sch) {
        const { opts, errSchemaPath } = it;
        const l = schArr.length;
        const fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === false);
        if (opts.strictTuples && !fullTuple) {
            const msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
            (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
    }
}
exports.validateTuple = validateTuple;
exports["default"] = def;
//# sourceMappingURL=items.js.map

/***/ }),

/***/ 2959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const code_1 = __nccwpck_require__(8484);
const additionalItems_1 = __nccwpck_require__(3448);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "items",
    type: "array",
    schemaType: ["object", "boolean"],
    before: "uniqueItems",
    error,
    code(cxt) {
        const { schema, parentSchema, it } = cxt;
        const { prefixItems } = parentSchema;
        it.items = true;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        if (prefixItems)
            (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems);
        else
            cxt.ok((0, code_1.validateArray)(cxt));
    },
};
exports["default"] = def;
//# sourceMappingURL=items2020.js.map

/***/ }),

/***/ 8350:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "not",
    schemaType: ["object", "boolean"],
    trackErrors: true,
    code(cxt) {
        const { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
            cxt.fail();
            return;
        }
        const valid = gen.name("valid");
        cxt.subschema({
            keyword: "not",
            compositeRule: true,
            createErrors: false,
            allErrors: false,
        }, valid);
        cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
    },
    error: { message: "must NOT be valid" },
};
exports["default"] = def;
//# sourceMappingURL=not.js.map

/***/ }),

/***/ 2490:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "must match exactly one schema in oneOf",
    params: ({ params }) => (0, codegen_1._) `{passingSchemas: ${params.passing}}`,
};
const def = {
    keyword: "oneOf",
    schemaType: "array",
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, parentSchema, it } = cxt;
        /* istanbul ignore if */
        if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
            return;
        const schArr = schema;
        const valid = gen.let("valid", false);
        const passing = gen.let("passing", null);
        const schValid = gen.name("_valid");
        cxt.setParams({ passing });
        // TODO possibly fail straight away (with warning or exception) if there are two empty always valid schemas
        gen.block(validateOneOf);
        cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
        function validateOneOf() {
            schArr.forEach((sch, i) => {
                let schCxt;
                if ((0, util_1.alwaysValidSchema)(it, sch)) {
                    gen.var(schValid, true);
                }
                else {
                    schCxt = cxt.subschema({
                        keyword: "oneOf",
                        schemaProp: i,
                        compositeRule: true,
                    }, schValid);
                }
                if (i > 0) {
                    gen
                        .if((0, codegen_1._) `${schValid} && ${valid}`)
                        .assign(valid, false)
                        .assign(passing, (0, codegen_1._) `[${passing}, ${i}]`)
                        .else();
                }
                gen.if(schValid, () => {
                    gen.assign(valid, true);
                    gen.assign(passing, i);
                    if (schCxt)
                        cxt.mergeEvaluated(schCxt, codegen_1.Name);
                });
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=oneOf.js.map

/***/ }),

/***/ 664:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const util_2 = __nccwpck_require__(4464);
const def = {
    keyword: "patternProperties",
    type: "object",
    schemaType: "object",
    code(cxt) {
        const { gen, schema, data, parentSchema, it } = cxt;
        const { opts } = it;
        const patterns = (0, code_1.allSchemaProperties)(schema);
        const alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 ||
            (alwaysValidPatterns.length === patterns.length &&
                (!it.opts.unevaluated || it.props === true))) {
            return;
        }
        const checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties;
        const valid = gen.name("valid");
        if (it.props !== true && !(it.props instanceof codegen_1.Name)) {
            it.props = (0, util_2.evaluatedPropsToName)(gen, it.props);
        }
        const { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
            for (const pat of patterns) {
                if (checkProperties)
                    checkMatchingProperties(pat);
                if (it.allErrors) {
                    validateProperties(pat);
                }
                else {
                    gen.var(valid, true); // TODO var
                    validateProperties(pat);
                    gen.if(valid);
                }
            }
        }
        function checkMatchingProperties(pat) {
            for (const prop in checkProperties) {
                if (new RegExp(pat).test(prop)) {
                    (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
                }
            }
        }
        function validateProperties(pat) {
            gen.forIn("key", data, (key) => {
                gen.if((0, codegen_1._) `${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
                    const alwaysValid = alwaysValidPatterns.includes(pat);
                    if (!alwaysValid) {
                        cxt.subschema({
                            keyword: "patternProperties",
                            schemaProp: pat,
                            dataProp: key,
                            dataPropType: util_2.Type.Str,
                        }, valid);
                    }
                    if (it.opts.unevaluated && props !== true) {
                        gen.assign((0, codegen_1._) `${props}[${key}]`, true);
                    }
                    else if (!alwaysValid && !it.allErrors) {
                        // can short-circuit if `unevaluatedProperties` is not supported (opts.next === false)
                        // or if all properties were evaluated (props === true)
                        gen.if((0, codegen_1.not)(valid), () => gen.break());
                    }
                });
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=patternProperties.js.map

/***/ }),

/***/ 6467:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const items_1 = __nccwpck_require__(5791);
const def = {
    keyword: "prefixItems",
    type: "array",
    schemaType: ["array"],
    before: "uniqueItems",
    code: (cxt) => (0, items_1.validateTuple)(cxt, "items"),
};
exports["default"] = def;
//# sourceMappingURL=prefixItems.js.map

/***/ }),

/***/ 8778:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const validate_1 = __nccwpck_require__(7881);
const code_1 = __nccwpck_require__(8484);
const util_1 = __nccwpck_require__(4464);
const additionalProperties_1 = __nccwpck_require__(2431);
const def = {
    keyword: "properties",
    type: "object",
    schemaType: "object",
    code(cxt) {
        const { gen, schema, parentSchema, data, it } = cxt;
        if (it.opts.removeAdditional === "all" && parentSchema.additionalProperties === undefined) {
            additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        }
        const allProps = (0, code_1.allSchemaProperties)(schema);
        for (const prop of allProps) {
            it.definedProperties.add(prop);
        }
        if (it.opts.unevaluated && allProps.length && it.props !== true) {
            it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props);
        }
        const properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
            return;
        const valid = gen.name("valid");
        for (const prop of properties) {
            if (hasDefault(prop)) {
                applyPropertySchema(prop);
            }
            else {
                gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties));
                applyPropertySchema(prop);
                if (!it.allErrors)
                    gen.else().var(valid, true);
                gen.endIf();
            }
            cxt.it.definedProperties.add(prop);
            cxt.ok(valid);
        }
        function hasDefault(prop) {
            return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== undefined;
        }
        function applyPropertySchema(prop) {
            cxt.subschema({
                keyword: "properties",
                schemaProp: prop,
                dataProp: prop,
            }, valid);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=properties.js.map

/***/ }),

/***/ 1372:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: "property name must be valid",
    params: ({ params }) => (0, codegen_1._) `{propertyName: ${params.propertyName}}`,
};
const def = {
    keyword: "propertyNames",
    type: "object",
    schemaType: ["object", "boolean"],
    error,
    code(cxt) {
        const { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
            return;
        const valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
            cxt.setParams({ propertyName: key });
            cxt.subschema({
                keyword: "propertyNames",
                data: key,
                dataTypes: ["string"],
                propertyName: key,
                compositeRule: true,
            }, valid);
            gen.if((0, codegen_1.not)(valid), () => {
                cxt.error(true);
                if (!it.allErrors)
                    gen.break();
            });
        });
        cxt.ok(valid);
    },
};
exports["default"] = def;
//# sourceMappingURL=propertyNames.js.map

/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: ["then", "else"],
    schemaType: ["object", "boolean"],
    code({ keyword, parentSchema, it }) {
        if (parentSchema.if === undefined)
            (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
    },
};
exports["default"] = def;
//# sourceMappingURL=thenElse.js.map

/***/ }),

/***/ 8484:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
const util_2 = __nccwpck_require__(4464);
function checkReportMissingProp(cxt, prop) {
    const { gen, data, it } = cxt;
    gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._) `${prop}` }, true);
        cxt.error();
    });
}
exports.checkReportMissingProp = checkReportMissingProp;
function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
    return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._) `${missing} = ${prop}`)));
}
exports.checkMissingProp = checkMissingProp;
function reportMissingProp(cxt, missing) {
    cxt.setParams({ missingProperty: missing }, true);
    cxt.error();
}
exports.reportMissingProp = reportMissingProp;
function hasPropFunc(gen) {
    return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._) `Object.prototype.hasOwnProperty`,
    });
}
exports.hasPropFunc = hasPropFunc;
function isOwnProperty(gen, data, property) {
    return (0, codegen_1._) `${hasPropFunc(gen)}.call(${data}, ${property})`;
}
exports.isOwnProperty = isOwnProperty;
function propertyInData(gen, data, property, ownProperties) {
    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
    return ownProperties ? (0, codegen_1._) `${cond} && ${isOwnProperty(gen, data, property)}` : cond;
}
exports.propertyInData = propertyInData;
function noPropertyInData(gen, data, property, ownProperties) {
    const cond = (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(property)} === undefined`;
    return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
}
exports.noPropertyInData = noPropertyInData;
function allSchemaProperties(schemaMap) {
    return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
}
exports.allSchemaProperties = allSchemaProperties;
function schemaProperties(it, schemaMap) {
    return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
}
exports.schemaProperties = schemaProperties;
function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
    const dataAndSchema = passSchema ? (0, codegen_1._) `${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data;
    const valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData],
    ];
    if (it.opts.dynamicRef)
        valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
    const args = (0, codegen_1._) `${dataAndSchema}, ${gen.object(...valCxt)}`;
    return context !== codegen_1.nil ? (0, codegen_1._) `${func}.call(${context}, ${args})` : (0, codegen_1._) `${func}(${args})`;
}
exports.callValidateCode = callValidateCode;
const newRegExp = (0, codegen_1._) `new RegExp`;
function usePattern({ gen, it: { opts } }, pattern) {
    const u = opts.unicodeRegExp ? "u" : "";
    const { regExp } = opts.code;
    const rx = regExp(pattern, u);
    return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._) `${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`,
    });
}
exports.usePattern = usePattern;
function validateArray(cxt) {
    const { gen, data, keyword, it } = cxt;
    const valid = gen.name("valid");
    if (it.allErrors) {
        const validArr = gen.let("valid", true);
        validateItems(() => gen.assign(validArr, false));
        return validArr;
    }
    gen.var(valid, true);
    validateItems(() => gen.break());
    return valid;
    function validateItems(notValid) {
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
                keyword,
                dataProp: i,
                dataPropType: util_1.Type.Num,
            }, valid);
            gen.if((0, codegen_1.not)(valid), notValid);
        });
    }
}
exports.validateArray = validateArray;
function validateUnion(cxt) {
    const { gen, schema, keyword, it } = cxt;
    /* istanbul ignore if */
    if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
    const alwaysValid = schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch));
    if (alwaysValid && !it.opts.unevaluated)
        return;
    const valid = gen.let("valid", false);
    const schValid = gen.name("_valid");
    gen.block(() => schema.forEach((_sch, i) => {
        const schCxt = cxt.subschema({
            keyword,
            schemaProp: i,
            compositeRule: true,
        }, schValid);
        gen.assign(valid, (0, codegen_1._) `${valid} || ${schValid}`);
        const merged = cxt.mergeValidEvaluated(schCxt, schValid);
        // can short-circuit if `unevaluatedProperties/Items` not supported (opts.unevaluated !== true)
        // or if all properties and items were evaluated (it.props === true && it.items === true)
        if (!merged)
            gen.if((0, codegen_1.not)(valid));
    }));
    cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
}
exports.validateUnion = validateUnion;
//# sourceMappingURL=code.js.map

/***/ }),

/***/ 9872:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const def = {
    keyword: "id",
    code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
    },
};
exports["default"] = def;
//# sourceMappingURL=id.js.map

/***/ }),

/***/ 7397:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const id_1 = __nccwpck_require__(9872);
const ref_1 = __nccwpck_require__(2996);
const core = [
    "$schema",
    "$id",
    "$defs",
    "$vocabulary",
    { keyword: "$comment" },
    "definitions",
    id_1.default,
    ref_1.default,
];
exports["default"] = core;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 2996:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.callRef = exports.getValidate = void 0;
const ref_error_1 = __nccwpck_require__(3162);
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const compile_1 = __nccwpck_require__(2718);
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "$ref",
    schemaType: "string",
    code(cxt) {
        const { gen, schema: $ref, it } = cxt;
        const { baseId, schemaEnv: env, validateName, opts, self } = it;
        const { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
            return callRootRef();
        const schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === undefined)
            throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
            return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
            if (env === root)
                return callRef(cxt, validateName, env, env.$async);
            const rootName = gen.scopeValue("root", { ref: root });
            return callRef(cxt, (0, codegen_1._) `${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
            const v = getValidate(cxt, sch);
            callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
            const schName = gen.scopeValue("schema", opts.code.source === true ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch });
            const valid = gen.name("valid");
            const schCxt = cxt.subschema({
                schema: sch,
                dataTypes: [],
                schemaPath: codegen_1.nil,
                topSchemaRef: schName,
                errSchemaPath: $ref,
            }, valid);
            cxt.mergeEvaluated(schCxt);
            cxt.ok(valid);
        }
    },
};
function getValidate(cxt, sch) {
    const { gen } = cxt;
    return sch.validate
        ? gen.scopeValue("validate", { ref: sch.validate })
        : (0, codegen_1._) `${gen.scopeValue("wrapper", { ref: sch })}.validate`;
}
exports.getValidate = getValidate;
function callRef(cxt, v, sch, $async) {
    const { gen, it } = cxt;
    const { allErrors, schemaEnv: env, opts } = it;
    const passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
    if ($async)
        callAsyncRef();
    else
        callSyncRef();
    function callAsyncRef() {
        if (!env.$async)
            throw new Error("async schema referenced by sync schema");
        const valid = gen.let("valid");
        gen.try(() => {
            gen.code((0, codegen_1._) `await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`);
            addEvaluatedFrom(v); // TODO will not work with async, it has to be returned with the result
            if (!allErrors)
                gen.assign(valid, true);
        }, (e) => {
            gen.if((0, codegen_1._) `!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e));
            addErrorsFrom(e);
            if (!allErrors)
                gen.assign(valid, false);
        });
        cxt.ok(valid);
    }
    function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
    }
    function addErrorsFrom(source) {
        const errs = (0, codegen_1._) `${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._) `${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`); // TODO tagged
        gen.assign(names_1.default.errors, (0, codegen_1._) `${names_1.default.vErrors}.length`);
    }
    function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
            return;
        const schEvaluated = (_a = sch === null || sch === void 0 ? void 0 : sch.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        // TODO refactor
        if (it.props !== true) {
            if (schEvaluated && !schEvaluated.dynamicProps) {
                if (schEvaluated.props !== undefined) {
                    it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props);
                }
            }
            else {
                const props = gen.var("props", (0, codegen_1._) `${source}.evaluated.props`);
                it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
            }
        }
        if (it.items !== true) {
            if (schEvaluated && !schEvaluated.dynamicItems) {
                if (schEvaluated.items !== undefined) {
                    it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items);
                }
            }
            else {
                const items = gen.var("items", (0, codegen_1._) `${source}.evaluated.items`);
                it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
            }
        }
    }
}
exports.callRef = callRef;
exports["default"] = def;
//# sourceMappingURL=ref.js.map

/***/ }),

/***/ 8886:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const types_1 = __nccwpck_require__(7115);
const compile_1 = __nccwpck_require__(2718);
const ref_error_1 = __nccwpck_require__(3162);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag
        ? `tag "${tagName}" must be string`
        : `value of tag "${tagName}" must be in oneOf`,
    params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._) `{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`,
};
const def = {
    keyword: "discriminator",
    type: "object",
    schemaType: "object",
    error,
    code(cxt) {
        const { gen, data, schema, parentSchema, it } = cxt;
        const { oneOf } = parentSchema;
        if (!it.opts.discriminator) {
            throw new Error("discriminator: requires discriminator option");
        }
        const tagName = schema.propertyName;
        if (typeof tagName != "string")
            throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
            throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
            throw new Error("discriminator: requires oneOf keyword");
        const valid = gen.let("valid", false);
        const tag = gen.const("tag", (0, codegen_1._) `${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._) `typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(false, { discrError: types_1.DiscrError.Tag, tag, tagName }));
        cxt.ok(valid);
        function validateMapping() {
            const mapping = getMapping();
            gen.if(false);
            for (const tagValue in mapping) {
                gen.elseIf((0, codegen_1._) `${tag} === ${tagValue}`);
                gen.assign(valid, applyTagSchema(mapping[tagValue]));
            }
            gen.else();
            cxt.error(false, { discrError: types_1.DiscrError.Mapping, tag, tagName });
            gen.endIf();
        }
        function applyTagSchema(schemaProp) {
            const _valid = gen.name("valid");
            const schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
            cxt.mergeEvaluated(schCxt, codegen_1.Name);
            return _valid;
        }
        function getMapping() {
            var _a;
            const oneOfMapping = {};
            const topRequired = hasRequired(parentSchema);
            let tagRequired = true;
            for (let i = 0; i < oneOf.length; i++) {
                let sch = oneOf[i];
                if ((sch === null || sch === void 0 ? void 0 : sch.$ref) && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
                    const ref = sch.$ref;
                    sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref);
                    if (sch instanceof compile_1.SchemaEnv)
                        sch = sch.schema;
                    if (sch === undefined)
                        throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
                }
                const propSch = (_a = sch === null || sch === void 0 ? void 0 : sch.properties) === null || _a === void 0 ? void 0 : _a[tagName];
                if (typeof propSch != "object") {
                    throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
                }
                tagRequired = tagRequired && (topRequired || hasRequired(sch));
                addMappings(propSch, i);
            }
            if (!tagRequired)
                throw new Error(`discriminator: "${tagName}" must be required`);
            return oneOfMapping;
            function hasRequired({ required }) {
                return Array.isArray(required) && required.includes(tagName);
            }
            function addMappings(sch, i) {
                if (sch.const) {
                    addMapping(sch.const, i);
                }
                else if (sch.enum) {
                    for (const tagValue of sch.enum) {
                        addMapping(tagValue, i);
                    }
                }
                else {
                    throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
                }
            }
            function addMapping(tagValue, i) {
                if (typeof tagValue != "string" || tagValue in oneOfMapping) {
                    throw new Error(`discriminator: "${tagName}" values must be unique strings`);
                }
                oneOfMapping[tagValue] = i;
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 7115:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DiscrError = void 0;
var DiscrError;
(function (DiscrError) {
    DiscrError["Tag"] = "tag";
    DiscrError["Mapping"] = "mapping";
})(DiscrError || (exports.DiscrError = DiscrError = {}));
//# sourceMappingURL=types.js.map

/***/ }),

/***/ 4298:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const core_1 = __nccwpck_require__(7397);
const validation_1 = __nccwpck_require__(5481);
const applicator_1 = __nccwpck_require__(8775);
const dynamic_1 = __nccwpck_require__(9923);
const next_1 = __nccwpck_require__(7844);
const unevaluated_1 = __nccwpck_require__(2010);
const format_1 = __nccwpck_require__(2601);
const metadata_1 = __nccwpck_require__(6620);
const draft2020Vocabularies = [
    dynamic_1.default,
    core_1.default,
    validation_1.default,
    (0, applicator_1.default)(true),
    format_1.default,
    metadata_1.metadataVocabulary,
    metadata_1.contentVocabulary,
    next_1.default,
    unevaluated_1.default,
];
exports["default"] = draft2020Vocabularies;
//# sourceMappingURL=draft2020.js.map

/***/ }),

/***/ 9941:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const core_1 = __nccwpck_require__(7397);
const validation_1 = __nccwpck_require__(5481);
const applicator_1 = __nccwpck_require__(8775);
const format_1 = __nccwpck_require__(2601);
const metadata_1 = __nccwpck_require__(6620);
const draft7Vocabularies = [
    core_1.default,
    validation_1.default,
    (0, applicator_1.default)(),
    format_1.default,
    metadata_1.metadataVocabulary,
    metadata_1.contentVocabulary,
];
exports["default"] = draft7Vocabularies;
//# sourceMappingURL=draft7.js.map

/***/ }),

/***/ 8639:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.dynamicAnchor = void 0;
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const compile_1 = __nccwpck_require__(2718);
const ref_1 = __nccwpck_require__(2996);
const def = {
    keyword: "$dynamicAnchor",
    schemaType: "string",
    code: (cxt) => dynamicAnchor(cxt, cxt.schema),
};
function dynamicAnchor(cxt, anchor) {
    const { gen, it } = cxt;
    it.schemaEnv.root.dynamicAnchors[anchor] = true;
    const v = (0, codegen_1._) `${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`;
    const validate = it.errSchemaPath === "#" ? it.validateName : _getValidate(cxt);
    gen.if((0, codegen_1._) `!${v}`, () => gen.assign(v, validate));
}
exports.dynamicAnchor = dynamicAnchor;
function _getValidate(cxt) {
    const { schemaEnv, schema, self } = cxt.it;
    const { root, baseId, localRefs, meta } = schemaEnv.root;
    const { schemaId } = self.opts;
    const sch = new compile_1.SchemaEnv({ schema, schemaId, root, baseId, localRefs, meta });
    compile_1.compileSchema.call(self, sch);
    return (0, ref_1.getValidate)(cxt, sch);
}
exports["default"] = def;
//# sourceMappingURL=dynamicAnchor.js.map

/***/ }),

/***/ 5065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.dynamicRef = void 0;
const codegen_1 = __nccwpck_require__(1436);
const names_1 = __nccwpck_require__(630);
const ref_1 = __nccwpck_require__(2996);
const def = {
    keyword: "$dynamicRef",
    schemaType: "string",
    code: (cxt) => dynamicRef(cxt, cxt.schema),
};
function dynamicRef(cxt, ref) {
    const { gen, keyword, it } = cxt;
    if (ref[0] !== "#")
        throw new Error(`"${keyword}" only supports hash fragment reference`);
    const anchor = ref.slice(1);
    if (it.allErrors) {
        _dynamicRef();
    }
    else {
        const valid = gen.let("valid", false);
        _dynamicRef(valid);
        cxt.ok(valid);
    }
    function _dynamicRef(valid) {
        // TODO the assumption here is that `recursiveRef: #` always points to the root
        // of the schema object, which is not correct, because there may be $id that
        // makes # point to it, and the target schema may not contain dynamic/recursiveAnchor.
        // Because of that 2 tests in recursiveRef.json fail.
        // This is a similar problem to #815 (`$id` doesn't alter resolution scope for `{ "$ref": "#" }`).
        // (This problem is not tested in JSON-Schema-Test-Suite)
        if (it.schemaEnv.root.dynamicAnchors[anchor]) {
            const v = gen.let("_v", (0, codegen_1._) `${names_1.default.dynamicAnchors}${(0, codegen_1.getProperty)(anchor)}`);
            gen.if(v, _callRef(v, valid), _callRef(it.validateName, valid));
        }
        else {
            _callRef(it.validateName, valid)();
        }
    }
    function _callRef(validate, valid) {
        return valid
            ? () => gen.block(() => {
                (0, ref_1.callRef)(cxt, validate);
                gen.let(valid, true);
            })
            : () => (0, ref_1.callRef)(cxt, validate);
    }
}
exports.dynamicRef = dynamicRef;
exports["default"] = def;
//# sourceMappingURL=dynamicRef.js.map

/***/ }),

/***/ 9923:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dynamicAnchor_1 = __nccwpck_require__(8639);
const dynamicRef_1 = __nccwpck_require__(5065);
const recursiveAnchor_1 = __nccwpck_require__(9982);
const recursiveRef_1 = __nccwpck_require__(1794);
const dynamic = [dynamicAnchor_1.default, dynamicRef_1.default, recursiveAnchor_1.default, recursiveRef_1.default];
exports["default"] = dynamic;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 9982:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dynamicAnchor_1 = __nccwpck_require__(8639);
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: "$recursiveAnchor",
    schemaType: "boolean",
    code(cxt) {
        if (cxt.schema)
            (0, dynamicAnchor_1.dynamicAnchor)(cxt, "");
        else
            (0, util_1.checkStrictMode)(cxt.it, "$recursiveAnchor: false is ignored");
    },
};
exports["default"] = def;
//# sourceMappingURL=recursiveAnchor.js.map

/***/ }),

/***/ 1794:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dynamicRef_1 = __nccwpck_require__(5065);
const def = {
    keyword: "$recursiveRef",
    schemaType: "string",
    code: (cxt) => (0, dynamicRef_1.dynamicRef)(cxt, cxt.schema),
};
exports["default"] = def;
//# sourceMappingURL=recursiveRef.js.map

/***/ }),

/***/ 6402:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must match format "${schemaCode}"`,
    params: ({ schemaCode }) => (0, codegen_1._) `{format: ${schemaCode}}`,
};
const def = {
    keyword: "format",
    type: ["number", "string"],
    schemaType: "string",
    $data: true,
    error,
    code(cxt, ruleType) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
            return;
        if ($data)
            validate$DataFormat();
        else
            validateFormat();
        function validate$DataFormat() {
            const fmts = gen.scopeValue("formats", {
                ref: self.formats,
                code: opts.code.formats,
            });
            const fDef = gen.const("fDef", (0, codegen_1._) `${fmts}[${schemaCode}]`);
            const fType = gen.let("fType");
            const format = gen.let("format");
            // TODO simplify
            gen.if((0, codegen_1._) `typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._) `${fDef}.type || "string"`).assign(format, (0, codegen_1._) `${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._) `"string"`).assign(format, fDef));
            cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
            function unknownFmt() {
                if (opts.strictSchema === false)
                    return codegen_1.nil;
                return (0, codegen_1._) `${schemaCode} && !${format}`;
            }
            function invalidFmt() {
                const callFormat = schemaEnv.$async
                    ? (0, codegen_1._) `(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))`
                    : (0, codegen_1._) `${format}(${data})`;
                const validData = (0, codegen_1._) `(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
                return (0, codegen_1._) `${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
            }
        }
        function validateFormat() {
            const formatDef = self.formats[schema];
            if (!formatDef) {
                unknownFormat();
                return;
            }
            if (formatDef === true)
                return;
            const [fmtType, format, fmtRef] = getFormat(formatDef);
            if (fmtType === ruleType)
                cxt.pass(validCondition());
            function unknownFormat() {
                if (opts.strictSchema === false) {
                    self.logger.warn(unknownMsg());
                    return;
                }
                throw new Error(unknownMsg());
                function unknownMsg() {
                    return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
                }
            }
            function getFormat(fmtDef) {
                const code = fmtDef instanceof RegExp
                    ? (0, codegen_1.regexpCode)(fmtDef)
                    : opts.code.formats
                        ? (0, codegen_1._) `${opts.code.formats}${(0, codegen_1.getProperty)(schema)}`
                        : undefined;
                const fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code });
                if (typeof fmtDef == "object" && !(fmtDef instanceof RegExp)) {
                    return [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._) `${fmt}.validate`];
                }
                return ["string", fmtDef, fmt];
            }
            function validCondition() {
                if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
                    if (!schemaEnv.$async)
                        throw new Error("async format in sync schema");
                    return (0, codegen_1._) `await ${fmtRef}(${data})`;
                }
                return typeof format == "function" ? (0, codegen_1._) `${fmtRef}(${data})` : (0, codegen_1._) `${fmtRef}.test(${data})`;
            }
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=format.js.map

/***/ }),

/***/ 2601:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const format_1 = __nccwpck_require__(6402);
const format = [format_1.default];
exports["default"] = format;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 6620:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.contentVocabulary = exports.metadataVocabulary = void 0;
exports.metadataVocabulary = [
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
];
exports.contentVocabulary = [
    "contentMediaType",
    "contentEncoding",
    "contentSchema",
];
//# sourceMappingURL=metadata.js.map

/***/ }),

/***/ 7844:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dependentRequired_1 = __nccwpck_require__(643);
const dependentSchemas_1 = __nccwpck_require__(3818);
const limitContains_1 = __nccwpck_require__(3907);
const next = [dependentRequired_1.default, dependentSchemas_1.default, limitContains_1.default];
exports["default"] = next;
//# sourceMappingURL=next.js.map

/***/ }),

/***/ 2010:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const unevaluatedProperties_1 = __nccwpck_require__(6855);
const unevaluatedItems_1 = __nccwpck_require__(4144);
const unevaluated = [unevaluatedProperties_1.default, unevaluatedItems_1.default];
exports["default"] = unevaluated;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 4144:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { len } }) => (0, codegen_1.str) `must NOT have more than ${len} items`,
    params: ({ params: { len } }) => (0, codegen_1._) `{limit: ${len}}`,
};
const def = {
    keyword: "unevaluatedItems",
    type: "array",
    schemaType: ["boolean", "object"],
    error,
    code(cxt) {
        const { gen, schema, data, it } = cxt;
        const items = it.items || 0;
        if (items === true)
            return;
        const len = gen.const("len", (0, codegen_1._) `${data}.length`);
        if (schema === false) {
            cxt.setParams({ len: items });
            cxt.fail((0, codegen_1._) `${len} > ${items}`);
        }
        else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
            const valid = gen.var("valid", (0, codegen_1._) `${len} <= ${items}`);
            gen.if((0, codegen_1.not)(valid), () => validateItems(valid, items));
            cxt.ok(valid);
        }
        it.items = true;
        function validateItems(valid, from) {
            gen.forRange("i", from, len, (i) => {
                cxt.subschema({ keyword: "unevaluatedItems", dataProp: i, dataPropType: util_1.Type.Num }, valid);
                if (!it.allErrors)
                    gen.if((0, codegen_1.not)(valid), () => gen.break());
            });
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=unevaluatedItems.js.map

/***/ }),

/***/ 6855:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const names_1 = __nccwpck_require__(630);
const error = {
    message: "must NOT have unevaluated properties",
    params: ({ params }) => (0, codegen_1._) `{unevaluatedProperty: ${params.unevaluatedProperty}}`,
};
const def = {
    keyword: "unevaluatedProperties",
    type: "object",
    schemaType: ["boolean", "object"],
    trackErrors: true,
    error,
    code(cxt) {
        const { gen, schema, data, errsCount, it } = cxt;
        /* istanbul ignore if */
        if (!errsCount)
            throw new Error("ajv implementation error");
        const { allErrors, props } = it;
        if (props instanceof codegen_1.Name) {
            gen.if((0, codegen_1._) `${props} !== true`, () => gen.forIn("key", data, (key) => gen.if(unevaluatedDynamic(props, key), () => unevaluatedPropCode(key))));
        }
        else if (props !== true) {
            gen.forIn("key", data, (key) => props === undefined
                ? unevaluatedPropCode(key)
                : gen.if(unevaluatedStatic(props, key), () => unevaluatedPropCode(key)));
        }
        it.props = true;
        cxt.ok((0, codegen_1._) `${errsCount} === ${names_1.default.errors}`);
        function unevaluatedPropCode(key) {
            if (schema === false) {
                cxt.setParams({ unevaluatedProperty: key });
                cxt.error();
                if (!allErrors)
                    gen.break();
                return;
            }
            if (!(0, util_1.alwaysValidSchema)(it, schema)) {
                const valid = gen.name("valid");
                cxt.subschema({
                    keyword: "unevaluatedProperties",
                    dataProp: key,
                    dataPropType: util_1.Type.Str,
                }, valid);
                if (!allErrors)
                    gen.if((0, codegen_1.not)(valid), () => gen.break());
            }
        }
        function unevaluatedDynamic(evaluatedProps, key) {
            return (0, codegen_1._) `!${evaluatedProps} || !${evaluatedProps}[${key}]`;
        }
        function unevaluatedStatic(evaluatedProps, key) {
            const ps = [];
            for (const p in evaluatedProps) {
                if (evaluatedProps[p] === true)
                    ps.push((0, codegen_1._) `${key} !== ${p}`);
            }
            return (0, codegen_1.and)(...ps);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=unevaluatedProperties.js.map

/***/ }),

/***/ 8026:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: "must be equal to constant",
    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValue: ${schemaCode}}`,
};
const def = {
    keyword: "const",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schemaCode, schema } = cxt;
        if ($data || (schema && typeof schema == "object")) {
            cxt.fail$data((0, codegen_1._) `!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`);
        }
        else {
            cxt.fail((0, codegen_1._) `${schema} !== ${data}`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=const.js.map

/***/ }),

/***/ 643:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dependencies_1 = __nccwpck_require__(5826);
const def = {
    keyword: "dependentRequired",
    type: "object",
    schemaType: "object",
    error: dependencies_1.error,
    code: (cxt) => (0, dependencies_1.validatePropertyDeps)(cxt),
};
exports["default"] = def;
//# sourceMappingURL=dependentRequired.js.map

/***/ }),

/***/ 3200:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: "must be equal to one of the allowed values",
    params: ({ schemaCode }) => (0, codegen_1._) `{allowedValues: ${schemaCode}}`,
};
const def = {
    keyword: "enum",
    schemaType: "array",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
            throw new Error("enum must have non-empty array");
        const useLoop = schema.length >= it.opts.loopEnum;
        let eql;
        const getEql = () => (eql !== null && eql !== void 0 ? eql : (eql = (0, util_1.useFunc)(gen, equal_1.default)));
        let valid;
        if (useLoop || $data) {
            valid = gen.let("valid");
            cxt.block$data(valid, loopEnum);
        }
        else {
            /* istanbul ignore if */
            if (!Array.isArray(schema))
                throw new Error("ajv implementation error");
            const vSchema = gen.const("vSchema", schemaCode);
            valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
            gen.assign(valid, false);
            gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._) `${getEql()}(${data}, ${v})`, () => gen.assign(valid, true).break()));
        }
        function equalCode(vSchema, i) {
            const sch = schema[i];
            return typeof sch === "object" && sch !== null
                ? (0, codegen_1._) `${getEql()}(${data}, ${vSchema}[${i}])`
                : (0, codegen_1._) `${data} === ${sch}`;
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=enum.js.map

/***/ }),

/***/ 5481:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const limitNumber_1 = __nccwpck_require__(3723);
const multipleOf_1 = __nccwpck_require__(8132);
const limitLength_1 = __nccwpck_require__(6962);
const pattern_1 = __nccwpck_require__(6023);
const limitProperties_1 = __nccwpck_require__(895);
const required_1 = __nccwpck_require__(4504);
const limitItems_1 = __nccwpck_require__(6296);
const uniqueItems_1 = __nccwpck_require__(5132);
const const_1 = __nccwpck_require__(8026);
const enum_1 = __nccwpck_require__(3200);
const validation = [
    // number
    limitNumber_1.default,
    multipleOf_1.default,
    // string
    limitLength_1.default,
    pattern_1.default,
    // object
    limitProperties_1.default,
    required_1.default,
    // array
    limitItems_1.default,
    uniqueItems_1.default,
    // any
    { keyword: "type", schemaType: ["string", "array"] },
    { keyword: "nullable", schemaType: "boolean" },
    const_1.default,
    enum_1.default,
];
exports["default"] = validation;
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 3907:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const util_1 = __nccwpck_require__(4464);
const def = {
    keyword: ["maxContains", "minContains"],
    type: "array",
    schemaType: "number",
    code({ keyword, parentSchema, it }) {
        if (parentSchema.contains === undefined) {
            (0, util_1.checkStrictMode)(it, `"${keyword}" without "contains" is ignored`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=limitContains.js.map

/***/ }),

/***/ 6296:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} items`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxItems", "minItems"],
    type: "array",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._) `${data}.length ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitItems.js.map

/***/ }),

/***/ 6962:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const ucs2length_1 = __nccwpck_require__(6214);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} characters`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxLength", "minLength"],
    type: "string",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode, it } = cxt;
        const op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT;
        const len = it.opts.unicode === false ? (0, codegen_1._) `${data}.length` : (0, codegen_1._) `${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._) `${len} ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitLength.js.map

/***/ }),

/***/ 3723:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const ops = codegen_1.operators;
const KWDs = {
    maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
    minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
    exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
    exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE },
};
const error = {
    message: ({ keyword, schemaCode }) => (0, codegen_1.str) `must be ${KWDs[keyword].okStr} ${schemaCode}`,
    params: ({ keyword, schemaCode }) => (0, codegen_1._) `{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`,
};
const def = {
    keyword: Object.keys(KWDs),
    type: "number",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._) `${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitNumber.js.map

/***/ }),

/***/ 895:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message({ keyword, schemaCode }) {
        const comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str) `must NOT have ${comp} than ${schemaCode} properties`;
    },
    params: ({ schemaCode }) => (0, codegen_1._) `{limit: ${schemaCode}}`,
};
const def = {
    keyword: ["maxProperties", "minProperties"],
    type: "object",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { keyword, data, schemaCode } = cxt;
        const op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._) `Object.keys(${data}).length ${op} ${schemaCode}`);
    },
};
exports["default"] = def;
//# sourceMappingURL=limitProperties.js.map

/***/ }),

/***/ 8132:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must be multiple of ${schemaCode}`,
    params: ({ schemaCode }) => (0, codegen_1._) `{multipleOf: ${schemaCode}}`,
};
const def = {
    keyword: "multipleOf",
    type: "number",
    schemaType: "number",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, schemaCode, it } = cxt;
        // const bdt = bad$DataType(schemaCode, <string>def.schemaType, $data)
        const prec = it.opts.multipleOfPrecision;
        const res = gen.let("res");
        const invalid = prec
            ? (0, codegen_1._) `Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}`
            : (0, codegen_1._) `${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._) `(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid}))`);
    },
};
exports["default"] = def;
//# sourceMappingURL=multipleOf.js.map

/***/ }),

/***/ 6023:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const util_1 = __nccwpck_require__(4464);
const codegen_1 = __nccwpck_require__(1436);
const error = {
    message: ({ schemaCode }) => (0, codegen_1.str) `must match pattern "${schemaCode}"`,
    params: ({ schemaCode }) => (0, codegen_1._) `{pattern: ${schemaCode}}`,
};
const def = {
    keyword: "pattern",
    type: "string",
    schemaType: "string",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, schemaCode, it } = cxt;
        const u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
            const { regExp } = it.opts.code;
            const regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._) `new RegExp` : (0, util_1.useFunc)(gen, regExp);
            const valid = gen.let("valid");
            gen.try(() => gen.assign(valid, (0, codegen_1._) `${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, false));
            cxt.fail$data((0, codegen_1._) `!${valid}`);
        }
        else {
            const regExp = (0, code_1.usePattern)(cxt, schema);
            cxt.fail$data((0, codegen_1._) `!${regExp}.test(${data})`);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=pattern.js.map

/***/ }),

/***/ 4504:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const code_1 = __nccwpck_require__(8484);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const error = {
    message: ({ params: { missingProperty } }) => (0, codegen_1.str) `must have required property '${missingProperty}'`,
    params: ({ params: { missingProperty } }) => (0, codegen_1._) `{missingProperty: ${missingProperty}}`,
};
const def = {
    keyword: "required",
    type: "object",
    schemaType: "array",
    $data: true,
    error,
    code(cxt) {
        const { gen, schema, schemaCode, data, $data, it } = cxt;
        const { opts } = it;
        if (!$data && schema.length === 0)
            return;
        const useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors)
            allErrorsMode();
        else
            exitOnErrorMode();
        if (opts.strictRequired) {
            const props = cxt.parentSchema.properties;
            const { definedProperties } = cxt.it;
            for (const requiredKey of schema) {
                if ((props === null || props === void 0 ? void 0 : props[requiredKey]) === undefined && !definedProperties.has(requiredKey)) {
                    const schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
                    const msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
                    (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
                }
            }
        }
        function allErrorsMode() {
            if (useLoop || $data) {
                cxt.block$data(codegen_1.nil, loopAllRequired);
            }
            else {
                for (const prop of schema) {
                    (0, code_1.checkReportMissingProp)(cxt, prop);
                }
            }
        }
        function exitOnErrorMode() {
            const missing = gen.let("missing");
            if (useLoop || $data) {
                const valid = gen.let("valid", true);
                cxt.block$data(valid, () => loopUntilMissing(missing, valid));
                cxt.ok(valid);
            }
            else {
                gen.if((0, code_1.checkMissingProp)(cxt, schema, missing));
                (0, code_1.reportMissingProp)(cxt, missing);
                gen.else();
            }
        }
        function loopAllRequired() {
            gen.forOf("prop", schemaCode, (prop) => {
                cxt.setParams({ missingProperty: prop });
                gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
            });
        }
        function loopUntilMissing(missing, valid) {
            cxt.setParams({ missingProperty: missing });
            gen.forOf(missing, schemaCode, () => {
                gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties));
                gen.if((0, codegen_1.not)(valid), () => {
                    cxt.error();
                    gen.break();
                });
            }, codegen_1.nil);
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=required.js.map

/***/ }),

/***/ 5132:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const dataType_1 = __nccwpck_require__(6685);
const codegen_1 = __nccwpck_require__(1436);
const util_1 = __nccwpck_require__(4464);
const equal_1 = __nccwpck_require__(4951);
const error = {
    message: ({ params: { i, j } }) => (0, codegen_1.str) `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
    params: ({ params: { i, j } }) => (0, codegen_1._) `{i: ${i}, j: ${j}}`,
};
const def = {
    keyword: "uniqueItems",
    type: "array",
    schemaType: "boolean",
    $data: true,
    error,
    code(cxt) {
        const { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
            return;
        const valid = gen.let("valid");
        const itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._) `${schemaCode} === false`);
        cxt.ok(valid);
        function validateUniqueItems() {
            const i = gen.let("i", (0, codegen_1._) `${data}.length`);
            const j = gen.let("j");
            cxt.setParams({ i, j });
            gen.assign(valid, true);
            gen.if((0, codegen_1._) `${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
            return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
            const item = gen.name("item");
            const wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong);
            const indices = gen.const("indices", (0, codegen_1._) `{}`);
            gen.for((0, codegen_1._) `;${i}--;`, () => {
                gen.let(item, (0, codegen_1._) `${data}[${i}]`);
                gen.if(wrongType, (0, codegen_1._) `continue`);
                if (itemTypes.length > 1)
                    gen.if((0, codegen_1._) `typeof ${item} == "string"`, (0, codegen_1._) `${item} += "_"`);
                gen
                    .if((0, codegen_1._) `typeof ${indices}[${item}] == "number"`, () => {
                    gen.assign(j, (0, codegen_1._) `${indices}[${item}]`);
                    cxt.error();
                    gen.assign(valid, false).break();
                })
                    .code((0, codegen_1._) `${indices}[${item}] = ${i}`);
            });
        }
        function loopN2(i, j) {
            const eql = (0, util_1.useFunc)(gen, equal_1.default);
            const outer = gen.name("outer");
            gen.label(outer).for((0, codegen_1._) `;${i}--;`, () => gen.for((0, codegen_1._) `${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._) `${eql}(${data}[${i}], ${data}[${j}])`, () => {
                cxt.error();
                gen.assign(valid, false).break(outer);
            })));
        }
    },
};
exports["default"] = def;
//# sourceMappingURL=uniqueItems.js.map

/***/ }),

/***/ 3430:
/***/ ((module) => {



// do not edit .js files directly - edit src/index.jst



module.exports = function equal(a, b) {
  if (a === b) return true;

  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;

    var length, i, keys;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;)
        if (!equal(a[i], b[i])) return false;
      return true;
    }



    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

    keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;

    for (i = length; i-- !== 0;)
      if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

    for (i = length; i-- !== 0;) {
      var key = keys[i];

      if (!equal(a[key], b[key])) return false;
    }

    return true;
  }

  // true if both NaN, false otherwise
  return a!==a && b!==b;
};


/***/ }),

/***/ 1167:
/***/ ((module) => {



var traverse = module.exports = function (schema, opts, cb) {
  // Legacy support for v0.3.1 and earlier.
  if (typeof opts == 'function') {
    cb = opts;
    opts = {};
  }

  cb = opts.cb || cb;
  var pre = (typeof cb == 'function') ? cb : cb.pre || function() {};
  var post = cb.post || function() {};

  _traverse(opts, pre, post, schema, '', schema);
};


traverse.keywords = {
  additionalItems: true,
  items: true,
  contains: true,
  additionalProperties: true,
  propertyNames: true,
  not: true,
  if: true,
  then: true,
  else: true
};

traverse.arrayKeywords = {
  items: true,
  allOf: true,
  anyOf: true,
  oneOf: true
};

traverse.propsKeywords = {
  $defs: true,
  definitions: true,
  properties: true,
  patternProperties: true,
  dependencies: true
};

traverse.skipKeywords = {
  default: true,
  enum: true,
  const: true,
  required: true,
  maximum: true,
  minimum: true,
  exclusiveMaximum: true,
  exclusiveMinimum: true,
  multipleOf: true,
  maxLength: true,
  minLength: true,
  pattern: true,
  format: true,
  maxItems: true,
  minItems: true,
  uniqueItems: true,
  maxProperties: true,
  minProperties: true
};


function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
  if (schema && typeof schema == 'object' && !Array.isArray(schema)) {
    pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
    for (var key in schema) {
      var sch = schema[key];
      if (Array.isArray(sch)) {
        if (key in traverse.arrayKeywords) {
          for (var i=0; i<sch.length; i++)
            _traverse(opts, pre, post, sch[i], jsonPtr + '/' + key + '/' + i, rootSchema, jsonPtr, key, schema, i);
        }
      } else if (key in traverse.propsKeywords) {
        if (sch && typeof sch == 'object') {
          for (var prop in sch)
            _traverse(opts, pre, post, sch[prop], jsonPtr + '/' + key + '/' + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
        }
      } else if (key in traverse.keywords || (opts.allKeys && !(key in traverse.skipKeywords))) {
        _traverse(opts, pre, post, sch, jsonPtr + '/' + key, rootSchema, jsonPtr, key, schema);
      }
    }
    post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
  }
}


function escapeJsonPtr(str) {
  return str.replace(/~/g, '~0').replace(/\//g, '~1');
}


/***/ }),

/***/ 6927:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2491);

// Entry of the bundled CLI (dist/cli/index.js).
const code = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
});
process.exitCode = code;

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2491:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: ROOT

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./packages/core/src/errors.ts
/**
 * An error the user can fix: bad input, bad config, a repository state we refuse to guess about.
 * It is reported as one `::error::` line (no stack trace). Anything else is an internal error:
 * reported as a failure, with the stack only in debug output.
 */
class ConfigurationError extends Error {
    name = 'ConfigurationError';
}
function isConfigurationError(error) {
    return error instanceof ConfigurationError;
}
/** Error text as one line: an error is reported as one line, whatever its message carried. */
function oneLine(text) {
    return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
/** Message of anything thrown, for places that must not rethrow. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/** For an action whose engine has not shipped: fail loudly rather than report a fake success. */
function notImplemented(action) {
    return new ConfigurationError(`${action} is not implemented yet in closed-loop; remove this step or pin a release that ships it.`);
}
/**
 * The one map from errors a user can cause — a path that is missing or a directory, a truncated gzip,
 * bad JSON, git run outside a repository, an API host that cannot be reached — to a ConfigurationError
 * whose single line names the thing and the fix. Anything it does not recognise stays an internal error.
 * The CLI and every action go through it, so a user's mistake never reads as our bug.
 */
function asUserError(error) {
    if (isConfigurationError(error))
        return error;
    // Duck-typed, not `instanceof Error`: errors from Node's own modules may come from another realm (a vm
    // context, as under jest), and they still are the user's fs/zlib/network errors.
    if (!error || typeof error !== 'object' || typeof error.message !== 'string')
        return undefined;
    const e = error;
    const code = typeof e.code === 'string' ? e.code : '';
    const path = typeof e.path === 'string' ? e.path : typeof e.dest === 'string' ? e.dest : '';
    const fs = fileErrorPhrase(error);
    if (fs && path)
        return new ConfigurationError(`${path}: ${fs}.`);
    if (code.startsWith('Z_') || /^(unexpected end of file|incorrect header check|invalid (block type|distance|stored block))/i.test(e.message))
        return new ConfigurationError(`the gzip data is truncated or corrupt (${e.message}); pass the complete .gz file, or the plain text.`);
    if (e.name === 'GitError')
        return gitUserError(e.message, typeof e.stderr === 'string' ? e.stderr : '');
    const network = networkUserError(e);
    if (network)
        return network;
    return undefined;
}
/** What a filesystem error means for the path the user gave, and what to do about it; undefined if it is none. */
function fileErrorPhrase(error) {
    const code = error?.code;
    return typeof code === 'string' ? FILE_ERRORS[code] : undefined;
}
/** What each filesystem error means for the path the user gave, and what to do about it. */
const FILE_ERRORS = {
    ENOENT: 'no such file or directory; check the path',
    EISDIR: 'is a directory, not a file; give the path of a file',
    ENOTDIR: 'a part of this path is a file, not a directory; check the path',
    EACCES: 'permission denied; make it readable (or writable) by this user',
    EPERM: 'operation not permitted; check its permissions',
    EEXIST: 'already exists; remove it or choose another path',
    ENOSPC: 'no space left on the device',
    EROFS: 'is on a read-only file system; choose a writable path',
    ENAMETOOLONG: 'the name is too long',
    ELOOP: 'too many symbolic links (a link loop?)',
};
function gitUserError(message, stderr) {
    if (/not a git repository/i.test(stderr))
        return new ConfigurationError('not inside a git repository; run it in a clone (or pass --repo DIR).');
    if (/unknown revision|bad revision|ambiguous argument|invalid object name|not a valid object name|bad object/i.test(stderr))
        return new ConfigurationError(`${message.replace(/^git \S+ failed \(exit \d+\): /, '')}: no such revision in this repository; fetch it or check the name.`);
    if (/dubious ownership/i.test(stderr))
        return new ConfigurationError(`${stderr.trim().split('\n')[0] ?? 'dubious ownership'}; add the directory with \`git config --global --add safe.directory DIR\`.`);
    return undefined;
}
const NETWORK_CODES = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    UND_ERR_SOCKET: 'connection closed',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
    SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
};
/** The network error code of a fetch failure, wherever undici or octokit put it. */
function networkErrorCode(error) {
    for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
        const code = e.code;
        if (typeof code === 'string' && code in NETWORK_CODES)
            return code;
        e = e.cause;
    }
    return undefined;
}
function networkUserError(error) {
    const code = networkErrorCode(error);
    if (!code)
        return undefined;
    const url = /https?:\/\/[^\s/'"]+/.exec(error.message)?.[0];
    return new ConfigurationError(`cannot reach the GitHub API${url ? ` at ${url}` : ''}: ${NETWORK_CODES[code] ?? code} (${code}); check the network and GITHUB_API_URL (on GitHub Enterprise Server, the api/v3 URL).`);
}

;// CONCATENATED MODULE: ./packages/core/src/version.ts
/** The release of closed-loop; a test keeps it equal to package.json's version. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./packages/cli/src/command.ts
/** Exit codes, documented in `closed-loop --help` and the README (a test keeps the three in step). */
const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 };
/** What each exit code means, for help and the README; exit 1's meaning is each command's own (`failsWith`). */
const EXIT_MEANING = {
    ok: 'ok',
    findings: 'findings: the command found what it looks for (what exactly: its `--help`)',
    usage: 'usage or configuration error: the one line on stderr names the input, file or setting and the fix',
    internal: 'internal error: a bug in closed-loop; set CLOSED_LOOP_DEBUG=1 for the stack and report it',
};
/** A string option's value; undefined when absent or empty. */
function stringArg(args, name) {
    const v = args.values[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
}

;// CONCATENATED MODULE: ./packages/cli/src/help.ts

function commandHelp(command, path) {
    const name = ['closed-loop', ...path].join(' ');
    const lines = [
        `${name} — ${command.summary}`,
        '',
        `Usage: ${name}${command.subcommands?.length ? ' <command>' : ''}${command.usage ? ` ${command.usage}` : ''}`,
    ];
    if (command.subcommands?.length) {
        lines.push('', 'Commands:');
        const width = Math.max(...command.subcommands.map((c) => c.name.length));
        for (const sub of command.subcommands)
            lines.push(`  ${sub.name.padEnd(width)}  ${sub.summary}`);
    }
    const help = { type: 'boolean', short: 'h', description: 'Show this help.' };
    const options = Object.entries({ ...(command.options ?? {}), help });
    lines.push('', 'Options:');
    const label = ([key, spec]) => `${spec.short ? `-${spec.short}, ` : '    '}--${key}${spec.type === 'string' ? ` ${'valueName' in spec && spec.valueName ? spec.valueName : 'VALUE'}` : ''}`;
    const width = Math.max(...options.map((o) => label(o).length));
    for (const option of options)
        lines.push(`  ${label(option).padEnd(width)}  ${option[1].description}`);
    if (command.details)
        lines.push('', command.details.trim());
    if (command.run)
        lines.push('', exitLine(command));
    else if (path.length === 0)
        lines.push('', exitLine({ failsWith: "findings (what exactly: each command's --help)" }));
    return lines.join('\n') + '\n';
}
/** The one "Exit codes:" line of a command's help, from EXIT and the command's own meaning of exit 1. */
function exitLine(command) {
    const codes = [
        `${EXIT.ok} ok`,
        ...(command.failsWith ? [`${EXIT.findings} ${command.failsWith}`] : []),
        `${EXIT.usage} usage or configuration error`,
        `${EXIT.internal} internal error`,
    ];
    return `Exit codes: ${codes.join(', ')}.`;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./packages/core/src/config/sections/classify.ts
const CATEGORY_ENUM = ['quality', 'security', 'performance', 'dependencies', 'testing', 'build', 'infrastructure', 'unknown'];
/** `classify:` in .github/closed-loop.yml: how failure-classify reads logs and which rules it adds. */
const classifySchema = {
    type: 'object',
    description: 'Settings for failure-classify.',
    additionalProperties: false,
    properties: {
        confidence_threshold: {
            description: 'Verdicts below this confidence (0 to 1) are reported as category "unknown".',
            type: 'number',
            minimum: 0,
            maximum: 1,
            default: 0.5,
        },
        history_window_hours: {
            description: 'Rolling window, in hours, for the workflow failure rate and consecutive failures.',
            type: 'integer',
            minimum: 1,
            maximum: 720,
            default: 24,
        },
        max_log_bytes: {
            description: 'Most bytes read from each failed job log; the log is streamed and the rest is not downloaded.',
            type: 'integer',
            minimum: 1024,
            default: 67108864,
        },
        disable_rules: {
            description: 'Ids of built-in rules to switch off (see docs/failure-classify.md for the list).',
            type: 'array',
            items: { type: 'string' },
            default: [],
        },
        rules: {
            description: 'Your own rules, tested before the built-in ones and winning over them when they match. A rule with the id of a built-in rule replaces it.',
            type: 'array',
            default: [],
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['pattern', 'category'],
                properties: {
                    id: { description: 'Name shown in the verdict as ruleId; defaults to user/<position>.', type: 'string' },
                    pattern: { description: 'JavaScript regular expression tested against each log line (timestamps and colours removed).', type: 'string' },
                    flags: { description: 'Regular-expression flags.', type: 'string', pattern: '^[imsu]*$', default: 'i' },
                    category: { description: 'Category of a failure this line explains.', enum: CATEGORY_ENUM },
                    subcategory: { description: 'Finer name, e.g. flaky-service.', type: 'string', default: 'custom' },
                    transient: { description: 'A plain re-run would likely pass.', type: 'boolean', default: false },
                    severity: { description: 'Severity before history adjusts it.', enum: ['critical', 'high', 'medium', 'low'] },
                },
            },
        },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/config/sections/recover.ts
const recover_int = (description, def, minimum, maximum) => ({
    type: 'integer',
    description,
    default: def,
    minimum,
    maximum,
});
const num = (description, def, minimum, maximum) => ({
    type: 'number',
    description,
    default: def,
    minimum,
    maximum,
});
const cooldown = (category, def) => recover_int(`Minutes the breaker stays open after a ${category} failure trips it (5–30).`, def, 5, 30);
/** `recover:` in .github/closed-loop.yml: the policy the recover engine applies to a verdict. */
const recoverSchema = {
    type: 'object',
    description: 'Settings for recover: when to re-run, fix, roll back or escalate.',
    additionalProperties: false,
    properties: {
        mode: {
            description: 'automatic acts; supervised only proposes (suggestions, no push, no re-run); analysis_only reports what it would do.',
            enum: ['automatic', 'supervised', 'analysis_only'],
            default: 'automatic',
        },
        force_supervised: {
            type: 'boolean',
            description: 'Downgrade automatic to supervised whatever the mode input says; set it under environments.production.',
            default: false,
        },
        max_attempts: recover_int('Most re-runs of one failed run (hard ceiling 10, far below GitHub’s 50).', 3, 1, 10),
        backoff: {
            type: 'object',
            description: 'Exponential backoff before each re-run: base × multiplier^(attempt-1), capped, then jittered.',
            additionalProperties: false,
            default: {},
            properties: {
                base_seconds: recover_int('Delay before the first re-run.', 30, 1, 3600),
                multiplier: num('Growth factor per attempt.', 2, 1, 10),
                max_seconds: recover_int('Cap on the delay before jitter.', 1800, 1, 21600),
                jitter: num('Random spread as a fraction of the delay (0.1 = ±10 %).', 0.1, 0, 0.5),
            },
        },
        breaker: {
            type: 'object',
            description: 'Circuit breaker per workflow and branch, derived from the run history.',
            additionalProperties: false,
            default: {},
            properties: {
                consecutive_failures: recover_int('Consecutive failed attempts that open the breaker.', 5, 2, 100),
                failure_rate: num('Failure rate in the window that opens the breaker (with at least min_runs attempts).', 0.6, 0.1, 1),
                min_runs: recover_int('Attempts the window must hold before failure_rate counts.', 5, 1, 1000),
                window_hours: recover_int('Length of the history window.', 24, 1, 720),
                cooldown_minutes: {
                    type: 'object',
                    description: 'How long the breaker stays open, by verdict category; then one trial re-run (half-open).',
                    additionalProperties: false,
                    default: {},
                    properties: {
                        infrastructure: cooldown('infrastructure', 5),
                        dependencies: cooldown('dependencies', 10),
                        testing: cooldown('testing', 15),
                        quality: cooldown('quality', 30),
                        build: cooldown('build', 30),
                        performance: cooldown('performance', 30),
                        security: cooldown('security', 30),
                        unknown: cooldown('unknown', 15),
                    },
                },
            },
        },
        fixers: {
            type: 'object',
            description: 'Fixer commands by subcategory (e.g. lint, format) or category (quality), run in the unprivileged job. Example: `lint: ["npx eslint --fix ."]`.',
            additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 10 },
            default: {},
        },
        patch: {
            type: 'object',
            description: 'Limits a fixer patch must meet before it is committed.',
            additionalProperties: false,
            default: {},
            properties: {
                max_changed_lines: recover_int('Most added + removed lines in one fix.', 500, 1, 5000),
                prohibited_paths: {
                    type: 'array',
                    description: 'Extra globs a fix may not touch, on top of the built-in list (.github/, .env, keys, *.pem, …) which cannot be removed.',
                    items: { type: 'string', minLength: 1 },
                    default: [],
                },
            },
        },
        max_fixes_per_pr: recover_int('Most fix commits closed-loop makes on one pull request or branch.', 3, 1, 20),
        rollback: {
            type: 'boolean',
            description: 'Revert our fix commit (with a new commit) when the run after it fails and it is the only change since the last green run.',
            default: true,
        },
        comment_trigger: {
            type: 'object',
            description: 'The "fix this" loop: a comment with the phrase on a pull request runs the fixers for it.',
            additionalProperties: false,
            default: {},
            properties: {
                enabled: { type: 'boolean', description: 'Listen for the trigger phrase.', default: true },
                phrase: { type: 'string', description: 'Text a comment must contain.', default: '/closed-loop fix', minLength: 3 },
                commit: { type: 'boolean', description: 'Commit the fix to the PR branch instead of posting suggestions (never for forks).', default: false },
                max_attempts_per_comment: recover_int('Most fix attempts one comment can start.', 3, 1, 3),
                max_fixes_per_hour: recover_int('Most comment-triggered fixes on one pull request per hour.', 5, 1, 5),
            },
        },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/config/sections/notify.ts
const CHANNELS = ['issue', 'comment', 'status', 'summary', 'chat'];
function channelList(severity, fallback) {
    return {
        type: 'array',
        description: `Channels for ${severity} failures. \`comment\` is the sticky PR comment (an issue when the run has no pull request).`,
        items: { type: 'string', enum: CHANNELS },
        default: fallback,
    };
}
/** `notify:` in .github/closed-loop.yml. */
const notifySchema = {
    type: 'object',
    description: 'Settings for notify: who hears about a failure, where, and when.',
    additionalProperties: false,
    properties: {
        status_context: {
            type: 'string',
            description: 'Context of the commit status set on the head SHA (keep it stable: branch protection can require it).',
            minLength: 1,
            maxLength: 100,
            default: 'closed-loop',
        },
        routing: {
            type: 'object',
            description: 'Channels per severity.',
            additionalProperties: false,
            default: {},
            properties: {
                critical: channelList('critical', ['issue', 'status', 'summary', 'chat']),
                high: channelList('high', ['comment', 'status', 'summary']),
                medium: channelList('medium', ['status', 'summary']),
                low: channelList('low', ['status']),
            },
        },
        labels: {
            type: 'object',
            description: 'Labels on failure issues.',
            additionalProperties: false,
            default: {},
            properties: {
                base: {
                    type: 'string',
                    description: 'Label on every failure issue; notify finds its issues by it.',
                    minLength: 1,
                    maxLength: 50,
                    default: 'closed-loop',
                },
                by_category: { type: 'boolean', description: 'Add `category:<category>`.', default: true },
                by_severity: { type: 'boolean', description: 'Add `severity:<severity>`.', default: true },
            },
        },
        escalation: {
            type: 'object',
            description: 'Who is pulled in when a failure is critical (first failure, regression or escalation only).',
            additionalProperties: false,
            default: {},
            properties: {
                mentions: {
                    type: 'array',
                    description: 'Users or teams to mention, e.g. `@acme/oncall`.',
                    items: { type: 'string', pattern: '^@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?$' },
                    default: [],
                },
                assignees: {
                    type: 'array',
                    description: 'Logins to assign to the issue.',
                    items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]*(\\[bot\\])?$' },
                    default: [],
                },
            },
        },
        recent_runs: { type: 'integer', description: "Rows in the issue's table of recent runs.", minimum: 1, maximum: 50, default: 10 },
        chat_timeout_seconds: {
            type: 'integer',
            description: 'Timeout of a Slack or Teams webhook call; a failed call is a warning.',
            minimum: 1,
            maximum: 60,
            default: 10,
        },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/config/sections/scan.ts
const globs = (description, fallback = []) => ({
    type: 'array',
    description,
    items: { type: 'string', minLength: 1 },
    default: fallback,
});
/** `scan:` in .github/closed-loop.yml: the secret/PHI scan (CLI, pre-commit hook and secret-scan action). */
const scanSchema = {
    type: 'object',
    description: 'Settings for the secret and PHI scan (closed-loop scan, the pre-commit hook and the secret-scan action).',
    additionalProperties: false,
    properties: {
        fail_on: {
            type: 'string',
            enum: ['critical', 'high', 'medium', 'low'],
            description: 'Lowest severity that blocks (non-zero exit, failing check).',
            default: 'high',
        },
        baseline: {
            type: 'string',
            description: 'Baseline file of accepted fingerprints, relative to the repository root.',
            default: '.closed-loop/secrets-baseline.json',
        },
        report_dir: { type: 'string', description: 'Folder for the timestamped JSON reports (scan-<UTC timestamp>.json).', default: '.security-scans' },
        exclude: globs('Extra paths never scanned (globs; `**` crosses folders). Vendored code, lock files and binaries are skipped already.'),
        include: globs('Paths scanned even when a default exclusion (vendored, lock, binary extension) matches them.'),
        fixtures: globs('Test-fixture paths: findings there are lowered to low severity unless the rule is certain.', [
            '**/fixtures/**',
            '**/__fixtures__/**',
            '**/testdata/**',
            '**/test-data/**',
        ]),
        disable_rules: globs('Rule ids to turn off (see docs/secret-scan.md for the list).'),
        categories: {
            type: 'array',
            description: 'Which rule families run.',
            items: { type: 'string', enum: ['credential', 'phi'] },
            default: ['credential', 'phi'],
        },
        bypass_label: {
            type: 'string',
            description: 'PR label that, with a justification comment by a user with write access, lets findings through.',
            minLength: 1,
            default: 'secret-scan-bypass',
        },
        bypass_keyword: {
            type: 'string',
            description: 'The justification comment starts with this word, followed by the reason.',
            minLength: 1,
            default: '/secret-scan-bypass',
        },
        create_issues: { type: 'boolean', description: 'Open (or update) one issue per blocking fingerprint.', default: false },
        weak_matches: {
            description: 'Checksum-valid numbers with no context at all (a bare 9-digit SSN layout, a bare 10-digit NPI), reported as low severity: true (everywhere), false (never), or "data-files" (csv, json, txt, xml, hl7, log, sql, md …: where exported records leak; in source code such numbers are usually timestamps or constants).',
            oneOf: [{ type: 'boolean' }, { const: 'data-files' }],
            default: 'data-files',
        },
        max_line_length: {
            type: 'integer',
            description: 'Longer lines (minified code) are scanned in overlapping windows of this size.',
            minimum: 256,
            maximum: 1048576,
            default: 8192,
        },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/config/sections/review-hash.ts
/**
 * `review_hash:` in .github/closed-loop.yml. The action reads this file at the merge-base (already on the
 * base branch), so a pull request cannot relax its own check. Action inputs, when set, take precedence.
 */
const reviewHashSchema = {
    type: 'object',
    description: 'Settings for the Review-Hash gate (review-hash-validate and `closed-loop review-hash`).',
    additionalProperties: false,
    properties: {
        scope: {
            description: 'What the hash covers: "changes" (the diff against the merge-base) or "snapshot" (the whole head tree; any base update invalidates the review).',
            enum: ['changes', 'snapshot'],
            default: 'changes',
        },
        review_id: {
            description: 'Whether the review record must carry a Review-Id trailer: required, optional (validated when present) or off.',
            enum: ['required', 'optional', 'off'],
            default: 'optional',
        },
        review_id_pattern: {
            description: 'Regular expression a Review-Id must match. Empty means a UUID, a ULID, or at least 16 hex characters.',
            type: 'string',
            default: '',
        },
        audit_log: {
            description: 'Path (at head) of a JSON-lines audit log whose last entry for the Review-Id must carry the same review_hash and status "approved". Empty disables the check.',
            type: 'string',
            default: '',
        },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/config/sections/value-discovery.ts
const weight = (description, value) => ({ type: 'number', minimum: 0, maximum: 1, description, default: value });
const count = (description, value, minimum = 0) => ({ type: 'integer', minimum, description, default: value });
/** `value_discovery:` in .github/closed-loop.yml: what the harvesters look at and how items are ranked. */
const valueDiscoverySchema = {
    type: 'object',
    description: 'Settings for value-discovery: the harvested signals and how work items are scored.',
    additionalProperties: false,
    properties: {
        scoring_weights: {
            type: 'object',
            description: 'Weight of each score in the composite (each score is first normalised to 0–100; the composite divides by the sum of weights).',
            additionalProperties: false,
            default: {},
            properties: {
                wsjf: weight('Weighted shortest job first: (business value + time criticality + risk reduction) / job size.', 0.5),
                ice: weight('Impact × confidence × ease.', 0.1),
                technical_debt: weight('SQALE-style remediation minutes (capped at one working day).', 0.3),
                security: weight('Security boost from vulnerability severity.', 0.1),
            },
        },
        markers: {
            type: 'array',
            description: 'Debt markers searched for in comments of tracked files (case-sensitive, whole words).',
            items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
            default: ['TODO', 'FIXME', 'HACK', 'XXX'],
        },
        exclude: {
            type: 'array',
            description: 'Glob patterns of paths no harvester reports (`**` any depth, `*` within a segment).',
            items: { type: 'string', minLength: 1 },
            default: ['dist/**', '**/node_modules/**', 'vendor/**', '**/*.min.js', '**/package-lock.json', '**/*.lock', '**/fixtures/**'],
        },
        history_days: count('How far back the history walk for churn goes (0: the whole history).', 365),
        max_commits: count('Most commits the history walk reads (newest first).', 20000, 1),
        hotspot_min_commits: count('A file needs at least this many commits in the window to be a hotspot.', 3, 1),
        test_gap_min_commits: count('A source file changed at least this often with no test touching it is a test gap.', 5, 1),
        large_file_lines: count('A code file (not data or docs) with more lines than this is reported as large.', 1000, 1),
        blame_max_files: count('Debt-marker ages come from `git blame` only when at most this many files hold markers (blame is slow).', 50),
        ci_window_days: count('Workflow runs from this many days are read for CI health and loop health.', 30, 1),
        failure_rate_threshold: {
            type: 'number',
            minimum: 0,
            maximum: 1,
            description: 'A workflow failing at least this share of its runs is reported as failing.',
            default: 0.2,
        },
        loop_issue_label: {
            type: 'string',
            minLength: 1,
            description: 'Label of the failure issues closed-loop opens (read for CI health and loop health).',
            default: 'closed-loop',
        },
        override_labels: {
            type: 'array',
            description: 'Labels a maintainer puts on a closed-loop issue whose verdict was wrong (counted as false positives).',
            items: { type: 'string', minLength: 1 },
            default: ['false-positive'],
        },
        resolved_retention_days: count('How long items that disappeared stay listed as resolved on the dashboard.', 14),
    },
};

;// CONCATENATED MODULE: ./packages/core/src/config/sections/index.ts






/** One section per engine; each engine's owner keeps its own file. Keys are snake_case like the YAML. */
const SECTIONS = {
    classify: classifySchema,
    recover: recoverSchema,
    notify: notifySchema,
    scan: scanSchema,
    review_hash: reviewHashSchema,
    value_discovery: valueDiscoverySchema,
};

;// CONCATENATED MODULE: ./packages/core/src/config/schema.ts

const CONFIG_PATH = '.github/closed-loop.yml';
/** Environment overrides take the same sections, with nothing required and no defaults filled in. */
function withoutDefaults(schema) {
    const copy = { ...schema };
    delete copy.default;
    delete copy.required;
    if (copy.properties)
        copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([k, v]) => [k, withoutDefaults(v)]));
    if (copy.items)
        copy.items = withoutDefaults(copy.items);
    return copy;
}
/** The whole `.github/closed-loop.yml` schema; also published as docs/closed-loop.schema.json for editors. */
function configSchema() {
    const overrides = {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(SECTIONS).map(([k, v]) => [k, withoutDefaults(v)])),
    };
    return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'closed-loop configuration (.github/closed-loop.yml)',
        type: 'object',
        additionalProperties: false,
        properties: {
            version: { description: 'Schema version of this file.', const: 1, default: 1 },
            ...Object.fromEntries(Object.entries(SECTIONS).map(([k, v]) => [k, { ...v, default: {} }])),
            environments: {
                description: 'Overrides merged over the settings above when the action runs with `environment: <name>`.',
                type: 'object',
                additionalProperties: overrides,
                default: {},
            },
        },
    };
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/2020.js
var _2020 = __nccwpck_require__(2210);
;// CONCATENATED MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
function getDefaultExportFromCjs(x) {
  return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, "default") ? x["default"] : x;
}
var jsYaml = {};
var loader = {};
var common = {};
var hasRequiredCommon;
function requireCommon() {
  if (hasRequiredCommon) return common;
  hasRequiredCommon = 1;
  function isNothing(subject) {
    return typeof subject === "undefined" || subject === null;
  }
  function isObject(subject) {
    return typeof subject === "object" && subject !== null;
  }
  function toArray(sequence) {
    if (Array.isArray(sequence)) return sequence;
    else if (isNothing(sequence)) return [];
    return [sequence];
  }
  function extend(target, source) {
    if (source) {
      const sourceKeys = Object.keys(source);
      for (let index = 0, length = sourceKeys.length; index < length; index += 1) {
        const key = sourceKeys[index];
        target[key] = source[key];
      }
    }
    return target;
  }
  function repeat(string, count) {
    let result = "";
    for (let cycle = 0; cycle < count; cycle += 1) {
      result += string;
    }
    return result;
  }
  function isNegativeZero(number) {
    return number === 0 && Number.NEGATIVE_INFINITY === 1 / number;
  }
  common.isNothing = isNothing;
  common.isObject = isObject;
  common.toArray = toArray;
  common.repeat = repeat;
  common.isNegativeZero = isNegativeZero;
  common.extend = extend;
  return common;
}
var exception;
var hasRequiredException;
function requireException() {
  if (hasRequiredException) return exception;
  hasRequiredException = 1;
  function formatError(exception2, compact) {
    let where = "";
    const message = exception2.reason || "(unknown reason)";
    if (!exception2.mark) return message;
    if (exception2.mark.name) {
      where += 'in "' + exception2.mark.name + '" ';
    }
    where += "(" + (exception2.mark.line + 1) + ":" + (exception2.mark.column + 1) + ")";
    if (!compact && exception2.mark.snippet) {
      where += "\n\n" + exception2.mark.snippet;
    }
    return message + " " + where;
  }
  function YAMLException2(reason, mark) {
    Error.call(this);
    this.name = "YAMLException";
    this.reason = reason;
    this.mark = mark;
    this.message = formatError(this, false);
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    } else {
      this.stack = new Error().stack || "";
    }
  }
  YAMLException2.prototype = Object.create(Error.prototype);
  YAMLException2.prototype.constructor = YAMLException2;
  YAMLException2.prototype.toString = function toString(compact) {
    return this.name + ": " + formatError(this, compact);
  };
  exception = YAMLException2;
  return exception;
}
var snippet;
var hasRequiredSnippet;
function requireSnippet() {
  if (hasRequiredSnippet) return snippet;
  hasRequiredSnippet = 1;
  const common2 = requireCommon();
  function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
    let head = "";
    let tail = "";
    const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
    if (position - lineStart > maxHalfLength) {
      head = " ... ";
      lineStart = position - maxHalfLength + head.length;
    }
    if (lineEnd - position > maxHalfLength) {
      tail = " ...";
      lineEnd = position + maxHalfLength - tail.length;
    }
    return {
      str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
      pos: position - lineStart + head.length
      // relative position
    };
  }
  function padStart(string, max) {
    return common2.repeat(" ", max - string.length) + string;
  }
  function makeSnippet(mark, options) {
    options = Object.create(options || null);
    if (!mark.buffer) return null;
    if (!options.maxLength) options.maxLength = 79;
    if (typeof options.indent !== "number") options.indent = 1;
    if (typeof options.linesBefore !== "number") options.linesBefore = 3;
    if (typeof options.linesAfter !== "number") options.linesAfter = 2;
    const re = /\r?\n|\r|\0/g;
    const lineStarts = [0];
    const lineEnds = [];
    let match;
    let foundLineNo = -1;
    while (match = re.exec(mark.buffer)) {
      lineEnds.push(match.index);
      lineStarts.push(match.index + match[0].length);
      if (mark.position <= match.index && foundLineNo < 0) {
        foundLineNo = lineStarts.length - 2;
      }
    }
    if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
    let result = "";
    const lineNoLength = Math.min(mark.line + options.linesAfter, lineEnds.length).toString().length;
    const maxLineLength = options.maxLength - (options.indent + lineNoLength + 3);
    for (let i = 1; i <= options.linesBefore; i++) {
      if (foundLineNo - i < 0) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo - i],
        lineEnds[foundLineNo - i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]),
        maxLineLength
      );
      result = common2.repeat(" ", options.indent) + padStart((mark.line - i + 1).toString(), lineNoLength) + " | " + line2.str + "\n" + result;
    }
    const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
    result += common2.repeat(" ", options.indent) + padStart((mark.line + 1).toString(), lineNoLength) + " | " + line.str + "\n";
    result += common2.repeat("-", options.indent + lineNoLength + 3 + line.pos) + "^\n";
    for (let i = 1; i <= options.linesAfter; i++) {
      if (foundLineNo + i >= lineEnds.length) break;
      const line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo + i],
        lineEnds[foundLineNo + i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]),
        maxLineLength
      );
      result += common2.repeat(" ", options.indent) + padStart((mark.line + i + 1).toString(), lineNoLength) + " | " + line2.str + "\n";
    }
    return result.replace(/\n$/, "");
  }
  snippet = makeSnippet;
  return snippet;
}
var type;
var hasRequiredType;
function requireType() {
  if (hasRequiredType) return type;
  hasRequiredType = 1;
  const YAMLException2 = requireException();
  const TYPE_CONSTRUCTOR_OPTIONS = [
    "kind",
    "multi",
    "resolve",
    "construct",
    "instanceOf",
    "predicate",
    "represent",
    "representName",
    "defaultStyle",
    "styleAliases"
  ];
  const YAML_NODE_KINDS = [
    "scalar",
    "sequence",
    "mapping"
  ];
  function compileStyleAliases(map2) {
    const result = {};
    if (map2 !== null) {
      Object.keys(map2).forEach(function(style) {
        map2[style].forEach(function(alias) {
          result[String(alias)] = style;
        });
      });
    }
    return result;
  }
  function Type2(tag, options) {
    options = options || {};
    Object.keys(options).forEach(function(name) {
      if (TYPE_CONSTRUCTOR_OPTIONS.indexOf(name) === -1) {
        throw new YAMLException2('Unknown option "' + name + '" is met in definition of "' + tag + '" YAML type.');
      }
    });
    this.options = options;
    this.tag = tag;
    this.kind = options["kind"] || null;
    this.resolve = options["resolve"] || function() {
      return true;
    };
    this.construct = options["construct"] || function(data) {
      return data;
    };
    this.instanceOf = options["instanceOf"] || null;
    this.predicate = options["predicate"] || null;
    this.represent = options["represent"] || null;
    this.representName = options["representName"] || null;
    this.defaultStyle = options["defaultStyle"] || null;
    this.multi = options["multi"] || false;
    this.styleAliases = compileStyleAliases(options["styleAliases"] || null);
    if (YAML_NODE_KINDS.indexOf(this.kind) === -1) {
      throw new YAMLException2('Unknown kind "' + this.kind + '" is specified for "' + tag + '" YAML type.');
    }
  }
  type = Type2;
  return type;
}
var schema;
var hasRequiredSchema;
function requireSchema() {
  if (hasRequiredSchema) return schema;
  hasRequiredSchema = 1;
  const YAMLException2 = requireException();
  const Type2 = requireType();
  function compileList(schema2, name) {
    const result = [];
    schema2[name].forEach(function(currentType) {
      let newIndex = result.length;
      result.forEach(function(previousType, previousIndex) {
        if (previousType.tag === currentType.tag && previousType.kind === currentType.kind && previousType.multi === currentType.multi) {
          newIndex = previousIndex;
        }
      });
      result[newIndex] = currentType;
    });
    return result;
  }
  function compileMap() {
    const result = {
      scalar: {},
      sequence: {},
      mapping: {},
      fallback: {},
      multi: {
        scalar: [],
        sequence: [],
        mapping: [],
        fallback: []
      }
    };
    function collectType(type2) {
      if (type2.multi) {
        result.multi[type2.kind].push(type2);
        result.multi["fallback"].push(type2);
      } else {
        result[type2.kind][type2.tag] = result["fallback"][type2.tag] = type2;
      }
    }
    for (let index = 0, length = arguments.length; index < length; index += 1) {
      arguments[index].forEach(collectType);
    }
    return result;
  }
  function Schema2(definition) {
    return this.extend(definition);
  }
  Schema2.prototype.extend = function extend(definition) {
    let implicit = [];
    let explicit = [];
    if (definition instanceof Type2) {
      explicit.push(definition);
    } else if (Array.isArray(definition)) {
      explicit = explicit.concat(definition);
    } else if (definition && (Array.isArray(definition.implicit) || Array.isArray(definition.explicit))) {
      if (definition.implicit) implicit = implicit.concat(definition.implicit);
      if (definition.explicit) explicit = explicit.concat(definition.explicit);
    } else {
      throw new YAMLException2("Schema.extend argument should be a Type, [ Type ], or a schema definition ({ implicit: [...], explicit: [...] })");
    }
    implicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
      if (type2.loadKind && type2.loadKind !== "scalar") {
        throw new YAMLException2("There is a non-scalar type in the implicit list of a schema. Implicit resolving of such types is not supported.");
      }
      if (type2.multi) {
        throw new YAMLException2("There is a multi type in the implicit list of a schema. Multi tags can only be listed as explicit.");
      }
    });
    explicit.forEach(function(type2) {
      if (!(type2 instanceof Type2)) {
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      }
    });
    const result = Object.create(Schema2.prototype);
    result.implicit = (this.implicit || []).concat(implicit);
    result.explicit = (this.explicit || []).concat(explicit);
    result.compiledImplicit = compileList(result, "implicit");
    result.compiledExplicit = compileList(result, "explicit");
    result.compiledTypeMap = compileMap(result.compiledImplicit, result.compiledExplicit);
    return result;
  };
  schema = Schema2;
  return schema;
}
var str;
var hasRequiredStr;
function requireStr() {
  if (hasRequiredStr) return str;
  hasRequiredStr = 1;
  const Type2 = requireType();
  str = new Type2("tag:yaml.org,2002:str", {
    kind: "scalar",
    construct: function(data) {
      return data !== null ? data : "";
    }
  });
  return str;
}
var seq;
var hasRequiredSeq;
function requireSeq() {
  if (hasRequiredSeq) return seq;
  hasRequiredSeq = 1;
  const Type2 = requireType();
  seq = new Type2("tag:yaml.org,2002:seq", {
    kind: "sequence",
    construct: function(data) {
      return data !== null ? data : [];
    }
  });
  return seq;
}
var map;
var hasRequiredMap;
function requireMap() {
  if (hasRequiredMap) return map;
  hasRequiredMap = 1;
  const Type2 = requireType();
  map = new Type2("tag:yaml.org,2002:map", {
    kind: "mapping",
    construct: function(data) {
      return data !== null ? data : {};
    }
  });
  return map;
}
var failsafe;
var hasRequiredFailsafe;
function requireFailsafe() {
  if (hasRequiredFailsafe) return failsafe;
  hasRequiredFailsafe = 1;
  const Schema2 = requireSchema();
  failsafe = new Schema2({
    explicit: [
      requireStr(),
      requireSeq(),
      requireMap()
    ]
  });
  return failsafe;
}
var _null;
var hasRequired_null;
function require_null() {
  if (hasRequired_null) return _null;
  hasRequired_null = 1;
  const Type2 = requireType();
  function resolveYamlNull(data) {
    if (data === null) return true;
    const max = data.length;
    return max === 1 && data === "~" || max === 4 && (data === "null" || data === "Null" || data === "NULL");
  }
  function constructYamlNull() {
    return null;
  }
  function isNull(object) {
    return object === null;
  }
  _null = new Type2("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: resolveYamlNull,
    construct: constructYamlNull,
    predicate: isNull,
    represent: {
      canonical: function() {
        return "~";
      },
      lowercase: function() {
        return "null";
      },
      uppercase: function() {
        return "NULL";
      },
      camelcase: function() {
        return "Null";
      },
      empty: function() {
        return "";
      }
    },
    defaultStyle: "lowercase"
  });
  return _null;
}
var bool;
var hasRequiredBool;
function requireBool() {
  if (hasRequiredBool) return bool;
  hasRequiredBool = 1;
  const Type2 = requireType();
  function resolveYamlBoolean(data) {
    if (data === null) return false;
    const max = data.length;
    return max === 4 && (data === "true" || data === "True" || data === "TRUE") || max === 5 && (data === "false" || data === "False" || data === "FALSE");
  }
  function constructYamlBoolean(data) {
    return data === "true" || data === "True" || data === "TRUE";
  }
  function isBoolean(object) {
    return Object.prototype.toString.call(object) === "[object Boolean]";
  }
  bool = new Type2("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: resolveYamlBoolean,
    construct: constructYamlBoolean,
    predicate: isBoolean,
    represent: {
      lowercase: function(object) {
        return object ? "true" : "false";
      },
      uppercase: function(object) {
        return object ? "TRUE" : "FALSE";
      },
      camelcase: function(object) {
        return object ? "True" : "False";
      }
    },
    defaultStyle: "lowercase"
  });
  return bool;
}
var js_yaml_int;
var hasRequiredInt;
function requireInt() {
  if (hasRequiredInt) return js_yaml_int;
  hasRequiredInt = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  function isHexCode(c) {
    return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
  }
  function isOctCode(c) {
    return c >= 48 && c <= 55;
  }
  function isDecCode(c) {
    return c >= 48 && c <= 57;
  }
  function resolveYamlInteger(data) {
    if (data === null) return false;
    const max = data.length;
    let index = 0;
    let hasDigits = false;
    if (!max) return false;
    let ch = data[index];
    if (ch === "-" || ch === "+") {
      ch = data[++index];
    }
    if (ch === "0") {
      if (index + 1 === max) return true;
      ch = data[++index];
      if (ch === "b") {
        index++;
        for (; index < max; index++) {
          ch = data[index];
          if (ch !== "0" && ch !== "1") return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "x") {
        index++;
        for (; index < max; index++) {
          if (!isHexCode(data.charCodeAt(index))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "o") {
        index++;
        for (; index < max; index++) {
          if (!isOctCode(data.charCodeAt(index))) return false;
          hasDigits = true;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
    }
    for (; index < max; index++) {
      if (!isDecCode(data.charCodeAt(index))) {
        return false;
      }
      hasDigits = true;
    }
    if (!hasDigits) return false;
    return isFinite(parseYamlInteger(data));
  }
  function parseYamlInteger(data) {
    let value = data;
    let sign = 1;
    let ch = value[0];
    if (ch === "-" || ch === "+") {
      if (ch === "-") sign = -1;
      value = value.slice(1);
      ch = value[0];
    }
    if (value === "0") return 0;
    if (ch === "0") {
      if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
      if (value[1] === "x") return sign * parseInt(value.slice(2), 16);
      if (value[1] === "o") return sign * parseInt(value.slice(2), 8);
    }
    return sign * parseInt(value, 10);
  }
  function constructYamlInteger(data) {
    return parseYamlInteger(data);
  }
  function isInteger(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 === 0 && !common2.isNegativeZero(object));
  }
  js_yaml_int = new Type2("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: resolveYamlInteger,
    construct: constructYamlInteger,
    predicate: isInteger,
    represent: {
      binary: function(obj) {
        return obj >= 0 ? "0b" + obj.toString(2) : "-0b" + obj.toString(2).slice(1);
      },
      octal: function(obj) {
        return obj >= 0 ? "0o" + obj.toString(8) : "-0o" + obj.toString(8).slice(1);
      },
      decimal: function(obj) {
        return obj.toString(10);
      },
      hexadecimal: function(obj) {
        return obj >= 0 ? "0x" + obj.toString(16).toUpperCase() : "-0x" + obj.toString(16).toUpperCase().slice(1);
      }
    },
    defaultStyle: "decimal",
    styleAliases: {
      binary: [2, "bin"],
      octal: [8, "oct"],
      decimal: [10, "dec"],
      hexadecimal: [16, "hex"]
    }
  });
  return js_yaml_int;
}
var js_yaml_float;
var hasRequiredFloat;
function requireFloat() {
  if (hasRequiredFloat) return js_yaml_float;
  hasRequiredFloat = 1;
  const common2 = requireCommon();
  const Type2 = requireType();
  const YAML_FLOAT_PATTERN = new RegExp(
    // 2.5e4, 2.5 and integers
    "^(?:[-+]?(?:[0-9]+)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  const YAML_FLOAT_SPECIAL_PATTERN = new RegExp(
    "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  function resolveYamlFloat(data) {
    if (data === null) return false;
    if (!YAML_FLOAT_PATTERN.test(data)) {
      return false;
    }
    if (isFinite(parseFloat(data, 10))) {
      return true;
    }
    return YAML_FLOAT_SPECIAL_PATTERN.test(data);
  }
  function constructYamlFloat(data) {
    let value = data.toLowerCase();
    const sign = value[0] === "-" ? -1 : 1;
    if ("+-".indexOf(value[0]) >= 0) {
      value = value.slice(1);
    }
    if (value === ".inf") {
      return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    } else if (value === ".nan") {
      return NaN;
    }
    return sign * parseFloat(value, 10);
  }
  const SCIENTIFIC_WITHOUT_DOT = /^[-+]?[0-9]+e/;
  function representYamlFloat(object, style) {
    if (isNaN(object)) {
      switch (style) {
        case "lowercase":
          return ".nan";
        case "uppercase":
          return ".NAN";
        case "camelcase":
          return ".NaN";
      }
    } else if (Number.POSITIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return ".inf";
        case "uppercase":
          return ".INF";
        case "camelcase":
          return ".Inf";
      }
    } else if (Number.NEGATIVE_INFINITY === object) {
      switch (style) {
        case "lowercase":
          return "-.inf";
        case "uppercase":
          return "-.INF";
        case "camelcase":
          return "-.Inf";
      }
    } else if (common2.isNegativeZero(object)) {
      return "-0.0";
    }
    const res = object.toString(10);
    return SCIENTIFIC_WITHOUT_DOT.test(res) ? res.replace("e", ".e") : res;
  }
  function isFloat(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 !== 0 || common2.isNegativeZero(object));
  }
  js_yaml_float = new Type2("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: resolveYamlFloat,
    construct: constructYamlFloat,
    predicate: isFloat,
    represent: representYamlFloat,
    defaultStyle: "lowercase"
  });
  return js_yaml_float;
}
var json;
var hasRequiredJson;
function requireJson() {
  if (hasRequiredJson) return json;
  hasRequiredJson = 1;
  json = requireFailsafe().extend({
    implicit: [
      require_null(),
      requireBool(),
      requireInt(),
      requireFloat()
    ]
  });
  return json;
}
var core;
var hasRequiredCore;
function requireCore() {
  if (hasRequiredCore) return core;
  hasRequiredCore = 1;
  core = requireJson();
  return core;
}
var timestamp;
var hasRequiredTimestamp;
function requireTimestamp() {
  if (hasRequiredTimestamp) return timestamp;
  hasRequiredTimestamp = 1;
  const Type2 = requireType();
  const YAML_DATE_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$"
  );
  const YAML_TIMESTAMP_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$"
  );
  function resolveYamlTimestamp(data) {
    if (data === null) return false;
    if (YAML_DATE_REGEXP.exec(data) !== null) return true;
    if (YAML_TIMESTAMP_REGEXP.exec(data) !== null) return true;
    return false;
  }
  function constructYamlTimestamp(data) {
    let fraction = 0;
    let delta = null;
    let match = YAML_DATE_REGEXP.exec(data);
    if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(data);
    if (match === null) throw new Error("Date resolve error");
    const year = +match[1];
    const month = +match[2] - 1;
    const day = +match[3];
    if (!match[4]) {
      return new Date(Date.UTC(year, month, day));
    }
    const hour = +match[4];
    const minute = +match[5];
    const second = +match[6];
    if (match[7]) {
      fraction = match[7].slice(0, 3);
      while (fraction.length < 3) {
        fraction += "0";
      }
      fraction = +fraction;
    }
    if (match[9]) {
      const tzHour = +match[10];
      const tzMinute = +(match[11] || 0);
      delta = (tzHour * 60 + tzMinute) * 6e4;
      if (match[9] === "-") delta = -delta;
    }
    const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
    if (delta) date.setTime(date.getTime() - delta);
    return date;
  }
  function representYamlTimestamp(object) {
    return object.toISOString();
  }
  timestamp = new Type2("tag:yaml.org,2002:timestamp", {
    kind: "scalar",
    resolve: resolveYamlTimestamp,
    construct: constructYamlTimestamp,
    instanceOf: Date,
    represent: representYamlTimestamp
  });
  return timestamp;
}
var merge;
var hasRequiredMerge;
function requireMerge() {
  if (hasRequiredMerge) return merge;
  hasRequiredMerge = 1;
  const Type2 = requireType();
  function resolveYamlMerge(data) {
    return data === "<<" || data === null;
  }
  merge = new Type2("tag:yaml.org,2002:merge", {
    kind: "scalar",
    resolve: resolveYamlMerge
  });
  return merge;
}
var binary;
var hasRequiredBinary;
function requireBinary() {
  if (hasRequiredBinary) return binary;
  hasRequiredBinary = 1;
  const Type2 = requireType();
  const BASE64_MAP = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r";
  function resolveYamlBinary(data) {
    if (data === null) return false;
    let bitlen = 0;
    const max = data.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      const code = map2.indexOf(data.charAt(idx));
      if (code > 64) continue;
      if (code < 0) return false;
      bitlen += 6;
    }
    return bitlen % 8 === 0;
  }
  function constructYamlBinary(data) {
    const input = data.replace(/[\r\n=]/g, "");
    const max = input.length;
    const map2 = BASE64_MAP;
    let bits = 0;
    const result = [];
    for (let idx = 0; idx < max; idx++) {
      if (idx % 4 === 0 && idx) {
        result.push(bits >> 16 & 255);
        result.push(bits >> 8 & 255);
        result.push(bits & 255);
      }
      bits = bits << 6 | map2.indexOf(input.charAt(idx));
    }
    const tailbits = max % 4 * 6;
    if (tailbits === 0) {
      result.push(bits >> 16 & 255);
      result.push(bits >> 8 & 255);
      result.push(bits & 255);
    } else if (tailbits === 18) {
      result.push(bits >> 10 & 255);
      result.push(bits >> 2 & 255);
    } else if (tailbits === 12) {
      result.push(bits >> 4 & 255);
    }
    return new Uint8Array(result);
  }
  function representYamlBinary(object) {
    let result = "";
    let bits = 0;
    const max = object.length;
    const map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      if (idx % 3 === 0 && idx) {
        result += map2[bits >> 18 & 63];
        result += map2[bits >> 12 & 63];
        result += map2[bits >> 6 & 63];
        result += map2[bits & 63];
      }
      bits = (bits << 8) + object[idx];
    }
    const tail = max % 3;
    if (tail === 0) {
      result += map2[bits >> 18 & 63];
      result += map2[bits >> 12 & 63];
      result += map2[bits >> 6 & 63];
      result += map2[bits & 63];
    } else if (tail === 2) {
      result += map2[bits >> 10 & 63];
      result += map2[bits >> 4 & 63];
      result += map2[bits << 2 & 63];
      result += map2[64];
    } else if (tail === 1) {
      result += map2[bits >> 2 & 63];
      result += map2[bits << 4 & 63];
      result += map2[64];
      result += map2[64];
    }
    return result;
  }
  function isBinary(obj) {
    return Object.prototype.toString.call(obj) === "[object Uint8Array]";
  }
  binary = new Type2("tag:yaml.org,2002:binary", {
    kind: "scalar",
    resolve: resolveYamlBinary,
    construct: constructYamlBinary,
    predicate: isBinary,
    represent: representYamlBinary
  });
  return binary;
}
var omap;
var hasRequiredOmap;
function requireOmap() {
  if (hasRequiredOmap) return omap;
  hasRequiredOmap = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const _toString = Object.prototype.toString;
  function resolveYamlOmap(data) {
    if (data === null) return true;
    const objectKeys = {};
    const object = data;
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      let pairHasKey = false;
      if (_toString.call(pair) !== "[object Object]") return false;
      let pairKey;
      for (pairKey in pair) {
        if (_hasOwnProperty.call(pair, pairKey)) {
          if (!pairHasKey) pairHasKey = true;
          else return false;
        }
      }
      if (!pairHasKey) return false;
      if (_hasOwnProperty.call(objectKeys, pairKey)) return false;
      Object.defineProperty(objectKeys, pairKey, { value: true });
    }
    return true;
  }
  function constructYamlOmap(data) {
    return data !== null ? data : [];
  }
  omap = new Type2("tag:yaml.org,2002:omap", {
    kind: "sequence",
    resolve: resolveYamlOmap,
    construct: constructYamlOmap
  });
  return omap;
}
var pairs;
var hasRequiredPairs;
function requirePairs() {
  if (hasRequiredPairs) return pairs;
  hasRequiredPairs = 1;
  const Type2 = requireType();
  const _toString = Object.prototype.toString;
  function resolveYamlPairs(data) {
    if (data === null) return true;
    const object = data;
    const result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      if (_toString.call(pair) !== "[object Object]") return false;
      const keys = Object.keys(pair);
      if (keys.length !== 1) return false;
      result[index] = [keys[0], pair[keys[0]]];
    }
    return true;
  }
  function constructYamlPairs(data) {
    if (data === null) return [];
    const object = data;
    const result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      const pair = object[index];
      const keys = Object.keys(pair);
      result[index] = [keys[0], pair[keys[0]]];
    }
    return result;
  }
  pairs = new Type2("tag:yaml.org,2002:pairs", {
    kind: "sequence",
    resolve: resolveYamlPairs,
    construct: constructYamlPairs
  });
  return pairs;
}
var set;
var hasRequiredSet;
function requireSet() {
  if (hasRequiredSet) return set;
  hasRequiredSet = 1;
  const Type2 = requireType();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  function resolveYamlSet(data) {
    if (data === null) return true;
    const object = data;
    for (const key in object) {
      if (_hasOwnProperty.call(object, key)) {
        if (object[key] !== null) return false;
      }
    }
    return true;
  }
  function constructYamlSet(data) {
    return data !== null ? data : {};
  }
  set = new Type2("tag:yaml.org,2002:set", {
    kind: "mapping",
    resolve: resolveYamlSet,
    construct: constructYamlSet
  });
  return set;
}
var _default;
var hasRequired_default;
function require_default() {
  if (hasRequired_default) return _default;
  hasRequired_default = 1;
  _default = requireCore().extend({
    implicit: [
      requireTimestamp(),
      requireMerge()
    ],
    explicit: [
      requireBinary(),
      requireOmap(),
      requirePairs(),
      requireSet()
    ]
  });
  return _default;
}
var hasRequiredLoader;
function requireLoader() {
  if (hasRequiredLoader) return loader;
  hasRequiredLoader = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const makeSnippet = requireSnippet();
  const DEFAULT_SCHEMA2 = require_default();
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CONTEXT_FLOW_IN = 1;
  const CONTEXT_FLOW_OUT = 2;
  const CONTEXT_BLOCK_IN = 3;
  const CONTEXT_BLOCK_OUT = 4;
  const CHOMPING_CLIP = 1;
  const CHOMPING_STRIP = 2;
  const CHOMPING_KEEP = 3;
  const PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
  const PATTERN_NON_ASCII_LINE_BREAKS = /[\x85\u2028\u2029]/;
  const PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
  const PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
  const PATTERN_TAG_URI = /^(?:!|[^,\[\]{}])(?:%[0-9a-f]{2}|[0-9a-z\-#;/?:@&=+$,_.!~*'()\[\]])*$/i;
  function _class(obj) {
    return Object.prototype.toString.call(obj);
  }
  function isEol(c) {
    return c === 10 || c === 13;
  }
  function isWhiteSpace(c) {
    return c === 9 || c === 32;
  }
  function isWsOrEol(c) {
    return c === 9 || c === 32 || c === 10 || c === 13;
  }
  function isFlowIndicator(c) {
    return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
  }
  function fromHexCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    const lc = c | 32;
    if (lc >= 97 && lc <= 102) {
      return lc - 97 + 10;
    }
    return -1;
  }
  function escapedHexLen(c) {
    if (c === 120) {
      return 2;
    }
    if (c === 117) {
      return 4;
    }
    if (c === 85) {
      return 8;
    }
    return 0;
  }
  function fromDecimalCode(c) {
    if (c >= 48 && c <= 57) {
      return c - 48;
    }
    return -1;
  }
  function simpleEscapeSequence(c) {
    switch (c) {
      case 48:
        return "\0";
      case 97:
        return "\x07";
      case 98:
        return "\b";
      case 116:
        return "	";
      case 9:
        return "	";
      case 110:
        return "\n";
      case 118:
        return "\v";
      case 102:
        return "\f";
      case 114:
        return "\r";
      case 101:
        return "\x1B";
      case 32:
        return " ";
      case 34:
        return '"';
      case 47:
        return "/";
      case 92:
        return "\\";
      case 78:
        return "";
      case 95:
        return " ";
      case 76:
        return "\u2028";
      case 80:
        return "\u2029";
      default:
        return "";
    }
  }
  function charFromCodepoint(c) {
    if (c <= 65535) {
      return String.fromCharCode(c);
    }
    return String.fromCharCode(
      (c - 65536 >> 10) + 55296,
      (c - 65536 & 1023) + 56320
    );
  }
  function setProperty(object, key, value) {
    if (key === "__proto__") {
      Object.defineProperty(object, key, {
        configurable: true,
        enumerable: true,
        writable: true,
        value
      });
    } else {
      object[key] = value;
    }
  }
  const simpleEscapeCheck = new Array(256);
  const simpleEscapeMap = new Array(256);
  for (let i = 0; i < 256; i++) {
    simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
    simpleEscapeMap[i] = simpleEscapeSequence(i);
  }
  function State(input, options) {
    this.input = input;
    this.filename = options["filename"] || null;
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.onWarning = options["onWarning"] || null;
    this.legacy = options["legacy"] || false;
    this.json = options["json"] || false;
    this.listener = options["listener"] || null;
    this.maxDepth = typeof options["maxDepth"] === "number" ? options["maxDepth"] : 100;
    this.maxTotalMergeKeys = typeof options["maxTotalMergeKeys"] === "number" ? options["maxTotalMergeKeys"] : 1e4;
    this.implicitTypes = this.schema.compiledImplicit;
    this.typeMap = this.schema.compiledTypeMap;
    this.length = input.length;
    this.position = 0;
    this.line = 0;
    this.lineStart = 0;
    this.lineIndent = 0;
    this.depth = 0;
    this.totalMergeKeys = 0;
    this.firstTabInLine = -1;
    this.documents = [];
    this.anchorMapTransactions = [];
  }
  function generateError(state, message) {
    const mark = {
      name: state.filename,
      buffer: state.input.slice(0, -1),
      // omit trailing \0
      position: state.position,
      line: state.line,
      column: state.position - state.lineStart
    };
    mark.snippet = makeSnippet(mark);
    return new YAMLException2(message, mark);
  }
  function throwError(state, message) {
    throw generateError(state, message);
  }
  function throwWarning(state, message) {
    if (state.onWarning) {
      state.onWarning.call(null, generateError(state, message));
    }
  }
  function storeAnchor(state, name, value) {
    const transactions = state.anchorMapTransactions;
    if (transactions.length !== 0) {
      const transaction = transactions[transactions.length - 1];
      if (!_hasOwnProperty.call(transaction, name)) {
        transaction[name] = {
          existed: _hasOwnProperty.call(state.anchorMap, name),
          value: state.anchorMap[name]
        };
      }
    }
    state.anchorMap[name] = value;
  }
  function beginAnchorTransaction(state) {
    state.anchorMapTransactions.push(/* @__PURE__ */ Object.create(null));
  }
  function commitAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const transactions = state.anchorMapTransactions;
    if (transactions.length === 0) return;
    const parent = transactions[transactions.length - 1];
    const names = Object.keys(transaction);
    for (let index = 0, length = names.length; index < length; index += 1) {
      const name = names[index];
      if (!_hasOwnProperty.call(parent, name)) {
        parent[name] = transaction[name];
      }
    }
  }
  function rollbackAnchorTransaction(state) {
    const transaction = state.anchorMapTransactions.pop();
    const names = Object.keys(transaction);
    for (let index = names.length - 1; index >= 0; index -= 1) {
      const entry = transaction[names[index]];
      if (entry.existed) {
        state.anchorMap[names[index]] = entry.value;
      } else {
        delete state.anchorMap[names[index]];
      }
    }
  }
  function snapshotState(state) {
    return {
      position: state.position,
      line: state.line,
      lineStart: state.lineStart,
      lineIndent: state.lineIndent,
      firstTabInLine: state.firstTabInLine,
      tag: state.tag,
      anchor: state.anchor,
      kind: state.kind,
      result: state.result
    };
  }
  function restoreState(state, snapshot) {
    state.position = snapshot.position;
    state.line = snapshot.line;
    state.lineStart = snapshot.lineStart;
    state.lineIndent = snapshot.lineIndent;
    state.firstTabInLine = snapshot.firstTabInLine;
    state.tag = snapshot.tag;
    state.anchor = snapshot.anchor;
    state.kind = snapshot.kind;
    state.result = snapshot.result;
  }
  const directiveHandlers = {
    YAML: function handleYamlDirective(state, name, args) {
      if (state.version !== null) {
        throwError(state, "duplication of %YAML directive");
      }
      if (args.length !== 1) {
        throwError(state, "YAML directive accepts exactly one argument");
      }
      const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
      if (match === null) {
        throwError(state, "ill-formed argument of the YAML directive");
      }
      const major = parseInt(match[1], 10);
      const minor = parseInt(match[2], 10);
      if (major !== 1) {
        throwError(state, "unacceptable YAML version of the document");
      }
      state.version = args[0];
      state.checkLineBreaks = minor < 2;
      if (minor !== 1 && minor !== 2) {
        throwWarning(state, "unsupported YAML version of the document");
      }
    },
    TAG: function handleTagDirective(state, name, args) {
      let prefix;
      if (args.length !== 2) {
        throwError(state, "TAG directive accepts exactly two arguments");
      }
      const handle = args[0];
      prefix = args[1];
      if (!PATTERN_TAG_HANDLE.test(handle)) {
        throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
      }
      if (_hasOwnProperty.call(state.tagMap, handle)) {
        throwError(state, 'there is a previously declared suffix for "' + handle + '" tag handle');
      }
      if (!PATTERN_TAG_URI.test(prefix)) {
        throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
      }
      try {
        prefix = decodeURIComponent(prefix);
      } catch (err) {
        throwError(state, "tag prefix is malformed: " + prefix);
      }
      state.tagMap[handle] = prefix;
    }
  };
  function captureSegment(state, start, end, checkJson) {
    if (start < end) {
      const _result = state.input.slice(start, end);
      if (checkJson) {
        for (let _position = 0, _length = _result.length; _position < _length; _position += 1) {
          const _character = _result.charCodeAt(_position);
          if (!(_character === 9 || _character >= 32 && _character <= 1114111)) {
            throwError(state, "expected valid JSON character");
          }
        }
      } else if (PATTERN_NON_PRINTABLE.test(_result)) {
        throwError(state, "the stream contains non-printable characters");
      }
      state.result += _result;
    }
  }
  function chargeMergeWork(state) {
    state.totalMergeKeys++;
    if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) {
      throwError(state, "merge keys exceeded maxTotalMergeKeys (" + state.maxTotalMergeKeys + ")");
    }
  }
  function mergeMappings(state, destination, source, overridableKeys) {
    if (!common2.isObject(source)) {
      throwError(state, "cannot merge mappings; the provided source object is unacceptable");
    }
    chargeMergeWork(state);
    const sourceKeys = Object.keys(source);
    for (let index = 0, quantity = sourceKeys.length; index < quantity; index += 1) {
      const key = sourceKeys[index];
      chargeMergeWork(state);
      if (!_hasOwnProperty.call(destination, key)) {
        setProperty(destination, key, source[key]);
        overridableKeys[key] = true;
      }
    }
  }
  function storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, startLine, startLineStart, startPos) {
    if (Array.isArray(keyNode)) {
      keyNode = Array.prototype.slice.call(keyNode);
      for (let index = 0, quantity = keyNode.length; index < quantity; index += 1) {
        if (Array.isArray(keyNode[index])) {
          throwError(state, "nested arrays are not supported inside keys");
        }
        if (typeof keyNode === "object" && _class(keyNode[index]) === "[object Object]") {
          keyNode[index] = "[object Object]";
        }
      }
    }
    if (typeof keyNode === "object" && _class(keyNode) === "[object Object]") {
      keyNode = "[object Object]";
    }
    keyNode = String(keyNode);
    if (_result === null) {
      _result = {};
    }
    if (keyTag === "tag:yaml.org,2002:merge") {
      if (Array.isArray(valueNode)) {
        if (valueNode.length > 100) {
          throwError(state, "abnormal merge sequence size");
        }
        for (let index = 0, quantity = valueNode.length; index < quantity; index += 1) {
          mergeMappings(state, _result, valueNode[index], overridableKeys);
        }
      } else {
        mergeMappings(state, _result, valueNode, overridableKeys);
      }
    } else {
      if (!state.json && !_hasOwnProperty.call(overridableKeys, keyNode) && _hasOwnProperty.call(_result, keyNode)) {
        state.line = startLine || state.line;
        state.lineStart = startLineStart || state.lineStart;
        state.position = startPos || state.position;
        throwError(state, "duplicated mapping key");
      }
      setProperty(_result, keyNode, valueNode);
      delete overridableKeys[keyNode];
    }
    return _result;
  }
  function readLineBreak(state) {
    const ch = state.input.charCodeAt(state.position);
    if (ch === 10) {
      state.position++;
    } else if (ch === 13) {
      state.position++;
      if (state.input.charCodeAt(state.position) === 10) {
        state.position++;
      }
    } else {
      throwError(state, "a line break is expected");
    }
    state.line += 1;
    state.lineStart = state.position;
    state.firstTabInLine = -1;
  }
  function skipSeparationSpace(state, allowComments, checkIndent) {
    let lineBreaks = 0;
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      while (isWhiteSpace(ch)) {
        if (ch === 9 && state.firstTabInLine === -1) {
          state.firstTabInLine = state.position;
        }
        ch = state.input.charCodeAt(++state.position);
      }
      if (allowComments && ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (ch !== 10 && ch !== 13 && ch !== 0);
      }
      if (isEol(ch)) {
        readLineBreak(state);
        ch = state.input.charCodeAt(state.position);
        lineBreaks++;
        state.lineIndent = 0;
        while (ch === 32) {
          state.lineIndent++;
          ch = state.input.charCodeAt(++state.position);
        }
      } else {
        break;
      }
    }
    if (checkIndent !== -1 && lineBreaks !== 0 && state.lineIndent < checkIndent) {
      throwWarning(state, "deficient indentation");
    }
    return lineBreaks;
  }
  function testDocumentSeparator(state) {
    let _position = state.position;
    let ch = state.input.charCodeAt(_position);
    if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(_position + 1) && ch === state.input.charCodeAt(_position + 2)) {
      _position += 3;
      ch = state.input.charCodeAt(_position);
      if (ch === 0 || isWsOrEol(ch)) {
        return true;
      }
    }
    return false;
  }
  function writeFoldedLines(state, count) {
    if (count === 1) {
      state.result += " ";
    } else if (count > 1) {
      state.result += common2.repeat("\n", count - 1);
    }
  }
  function readPlainScalar(state, nodeIndent, withinFlowCollection) {
    let captureStart;
    let captureEnd;
    let hasPendingContent;
    let _line;
    let _lineStart;
    let _lineIndent;
    const _kind = state.kind;
    const _result = state.result;
    let ch = state.input.charCodeAt(state.position);
    if (isWsOrEol(ch) || isFlowIndicator(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96) {
      return false;
    }
    if (ch === 63 || ch === 45) {
      const following = state.input.charCodeAt(state.position + 1);
      if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following)) {
        return false;
      }
    }
    state.kind = "scalar";
    state.result = "";
    captureStart = captureEnd = state.position;
    hasPendingContent = false;
    while (ch !== 0) {
      if (ch === 58) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following)) {
          break;
        }
      } else if (ch === 35) {
        const preceding = state.input.charCodeAt(state.position - 1);
        if (isWsOrEol(preceding)) {
          break;
        }
      } else if (state.position === state.lineStart && testDocumentSeparator(state) || withinFlowCollection && isFlowIndicator(ch)) {
        break;
      } else if (isEol(ch)) {
        _line = state.line;
        _lineStart = state.lineStart;
        _lineIndent = state.lineIndent;
        skipSeparationSpace(state, false, -1);
        if (state.lineIndent >= nodeIndent) {
          hasPendingContent = true;
          ch = state.input.charCodeAt(state.position);
          continue;
        } else {
          state.position = captureEnd;
          state.line = _line;
          state.lineStart = _lineStart;
          state.lineIndent = _lineIndent;
          break;
        }
      }
      if (hasPendingContent) {
        captureSegment(state, captureStart, captureEnd, false);
        writeFoldedLines(state, state.line - _line);
        captureStart = captureEnd = state.position;
        hasPendingContent = false;
      }
      if (!isWhiteSpace(ch)) {
        captureEnd = state.position + 1;
      }
      ch = state.input.charCodeAt(++state.position);
    }
    captureSegment(state, captureStart, captureEnd, false);
    if (state.result) {
      return true;
    }
    state.kind = _kind;
    state.result = _result;
    return false;
  }
  function readSingleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 39) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 39) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (ch === 39) {
          captureStart = state.position;
          state.position++;
          captureEnd = state.position;
        } else {
          return true;
        }
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a single quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a single quoted scalar");
  }
  function readDoubleQuotedScalar(state, nodeIndent) {
    let captureStart;
    let captureEnd;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 34) {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    state.position++;
    captureStart = captureEnd = state.position;
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      if (ch === 34) {
        captureSegment(state, captureStart, state.position, true);
        state.position++;
        return true;
      } else if (ch === 92) {
        captureSegment(state, captureStart, state.position, true);
        ch = state.input.charCodeAt(++state.position);
        if (isEol(ch)) {
          skipSeparationSpace(state, false, nodeIndent);
        } else if (ch < 256 && simpleEscapeCheck[ch]) {
          state.result += simpleEscapeMap[ch];
          state.position++;
        } else if ((tmp = escapedHexLen(ch)) > 0) {
          let hexLength = tmp;
          let hexResult = 0;
          for (; hexLength > 0; hexLength--) {
            ch = state.input.charCodeAt(++state.position);
            if ((tmp = fromHexCode(ch)) >= 0) {
              hexResult = (hexResult << 4) + tmp;
            } else {
              throwError(state, "expected hexadecimal character");
            }
          }
          state.result += charFromCodepoint(hexResult);
          state.position++;
        } else {
          throwError(state, "unknown escape sequence");
        }
        captureStart = captureEnd = state.position;
      } else if (isEol(ch)) {
        captureSegment(state, captureStart, captureEnd, true);
        writeFoldedLines(state, skipSeparationSpace(state, false, nodeIndent));
        captureStart = captureEnd = state.position;
      } else if (state.position === state.lineStart && testDocumentSeparator(state)) {
        throwError(state, "unexpected end of the document within a double quoted scalar");
      } else {
        state.position++;
        if (!isWhiteSpace(ch)) {
          captureEnd = state.position;
        }
      }
    }
    throwError(state, "unexpected end of the stream within a double quoted scalar");
  }
  function readFlowCollection(state, nodeIndent) {
    let readNext = true;
    let _line;
    let _lineStart;
    let _pos;
    const _tag = state.tag;
    let _result;
    const _anchor = state.anchor;
    let terminator;
    let isPair;
    let isExplicitPair;
    let isMapping;
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyNode;
    let keyTag;
    let valueNode;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 91) {
      terminator = 93;
      isMapping = false;
      _result = [];
    } else if (ch === 123) {
      terminator = 125;
      isMapping = true;
      _result = {};
    } else {
      return false;
    }
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    ch = state.input.charCodeAt(++state.position);
    while (ch !== 0) {
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === terminator) {
        state.position++;
        state.tag = _tag;
        state.anchor = _anchor;
        state.kind = isMapping ? "mapping" : "sequence";
        state.result = _result;
        return true;
      } else if (!readNext) {
        throwError(state, "missed comma between flow collection entries");
      } else if (ch === 44) {
        throwError(state, "expected the node content, but found ','");
      }
      keyTag = keyNode = valueNode = null;
      isPair = isExplicitPair = false;
      if (ch === 63) {
        const following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following)) {
          isPair = isExplicitPair = true;
          state.position++;
          skipSeparationSpace(state, true, nodeIndent);
        }
      }
      _line = state.line;
      _lineStart = state.lineStart;
      _pos = state.position;
      composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
      keyTag = state.tag;
      keyNode = state.result;
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if ((isExplicitPair || state.line === _line) && ch === 58) {
        isPair = true;
        ch = state.input.charCodeAt(++state.position);
        skipSeparationSpace(state, true, nodeIndent);
        composeNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
        valueNode = state.result;
      }
      if (isMapping) {
        storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos);
      } else if (isPair) {
        _result.push(storeMappingPair(state, null, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos));
      } else {
        _result.push(keyNode);
      }
      skipSeparationSpace(state, true, nodeIndent);
      ch = state.input.charCodeAt(state.position);
      if (ch === 44) {
        readNext = true;
        ch = state.input.charCodeAt(++state.position);
      } else {
        readNext = false;
      }
    }
    throwError(state, "unexpected end of the stream within a flow collection");
  }
  function readBlockScalar(state, nodeIndent) {
    let folding;
    let chomping = CHOMPING_CLIP;
    let didReadContent = false;
    let detectedIndent = false;
    let textIndent = nodeIndent;
    let emptyLines = 0;
    let atMoreIndented = false;
    let tmp;
    let ch = state.input.charCodeAt(state.position);
    if (ch === 124) {
      folding = false;
    } else if (ch === 62) {
      folding = true;
    } else {
      return false;
    }
    state.kind = "scalar";
    state.result = "";
    while (ch !== 0) {
      ch = state.input.charCodeAt(++state.position);
      if (ch === 43 || ch === 45) {
        if (CHOMPING_CLIP === chomping) {
          chomping = ch === 43 ? CHOMPING_KEEP : CHOMPING_STRIP;
        } else {
          throwError(state, "repeat of a chomping mode identifier");
        }
      } else if ((tmp = fromDecimalCode(ch)) >= 0) {
        if (tmp === 0) {
          throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
        } else if (!detectedIndent) {
          textIndent = nodeIndent + tmp - 1;
          detectedIndent = true;
        } else {
          throwError(state, "repeat of an indentation width identifier");
        }
      } else {
        break;
      }
    }
    if (isWhiteSpace(ch)) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (isWhiteSpace(ch));
      if (ch === 35) {
        do {
          ch = state.input.charCodeAt(++state.position);
        } while (!isEol(ch) && ch !== 0);
      }
    }
    while (ch !== 0) {
      readLineBreak(state);
      state.lineIndent = 0;
      ch = state.input.charCodeAt(state.position);
      while ((!detectedIndent || state.lineIndent < textIndent) && ch === 32) {
        state.lineIndent++;
        ch = state.input.charCodeAt(++state.position);
      }
      if (!detectedIndent && state.lineIndent > textIndent) {
        textIndent = state.lineIndent;
      }
      if (isEol(ch)) {
        emptyLines++;
        continue;
      }
      if (!detectedIndent && textIndent === 0) {
        throwError(state, "missing indentation for block scalar");
      }
      if (state.lineIndent < textIndent) {
        if (chomping === CHOMPING_KEEP) {
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (chomping === CHOMPING_CLIP) {
          if (didReadContent) {
            state.result += "\n";
          }
        }
        break;
      }
      if (folding) {
        if (isWhiteSpace(ch)) {
          atMoreIndented = true;
          state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          state.result += common2.repeat("\n", emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) {
            state.result += " ";
          }
        } else {
          state.result += common2.repeat("\n", emptyLines);
        }
      } else {
        state.result += common2.repeat("\n", didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      const captureStart = state.position;
      while (!isEol(ch) && ch !== 0) {
        ch = state.input.charCodeAt(++state.position);
      }
      captureSegment(state, captureStart, state.position, false);
    }
    return true;
  }
  function readBlockSequence(state, nodeIndent) {
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = [];
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      if (ch !== 45) {
        break;
      }
      const following = state.input.charCodeAt(state.position + 1);
      if (!isWsOrEol(following)) {
        break;
      }
      detected = true;
      state.position++;
      if (skipSeparationSpace(state, true, -1)) {
        if (state.lineIndent <= nodeIndent) {
          _result.push(null);
          ch = state.input.charCodeAt(state.position);
          continue;
        }
      }
      const _line = state.line;
      composeNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
      _result.push(state.result);
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a sequence entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "sequence";
      state.result = _result;
      return true;
    }
    return false;
  }
  function readBlockMapping(state, nodeIndent, flowIndent) {
    let allowCompact;
    let _keyLine;
    let _keyLineStart;
    let _keyPos;
    const _tag = state.tag;
    const _anchor = state.anchor;
    const _result = {};
    const overridableKeys = /* @__PURE__ */ Object.create(null);
    let keyTag = null;
    let keyNode = null;
    let valueNode = null;
    let atExplicitKey = false;
    let detected = false;
    if (state.firstTabInLine !== -1) return false;
    if (state.anchor !== null) {
      storeAnchor(state, state.anchor, _result);
    }
    let ch = state.input.charCodeAt(state.position);
    while (ch !== 0) {
      if (!atExplicitKey && state.firstTabInLine !== -1) {
        state.position = state.firstTabInLine;
        throwError(state, "tab characters must not be used in indentation");
      }
      const following = state.input.charCodeAt(state.position + 1);
      const _line = state.line;
      if ((ch === 63 || ch === 58) && isWsOrEol(following)) {
        if (ch === 63) {
          if (atExplicitKey) {
            storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
            keyTag = keyNode = valueNode = null;
          }
          detected = true;
          atExplicitKey = true;
          allowCompact = true;
        } else if (atExplicitKey) {
          atExplicitKey = false;
          allowCompact = true;
        } else {
          throwError(state, "incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line");
        }
        state.position += 1;
        ch = following;
      } else {
        _keyLine = state.line;
        _keyLineStart = state.lineStart;
        _keyPos = state.position;
        if (!composeNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) {
          break;
        }
        if (state.line === _line) {
          ch = state.input.charCodeAt(state.position);
          while (isWhiteSpace(ch)) {
            ch = state.input.charCodeAt(++state.position);
          }
          if (ch === 58) {
            ch = state.input.charCodeAt(++state.position);
            if (!isWsOrEol(ch)) {
              throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
            }
            if (atExplicitKey) {
              storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
              keyTag = keyNode = valueNode = null;
            }
            detected = true;
            atExplicitKey = false;
            allowCompact = false;
            keyTag = state.tag;
            keyNode = state.result;
          } else if (detected) {
            throwError(state, "can not read an implicit mapping pair; a colon is missed");
          } else {
            state.tag = _tag;
            state.anchor = _anchor;
            return true;
          }
        } else if (detected) {
          throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
        } else {
          state.tag = _tag;
          state.anchor = _anchor;
          return true;
        }
      }
      if (state.line === _line || state.lineIndent > nodeIndent) {
        if (atExplicitKey) {
          _keyLine = state.line;
          _keyLineStart = state.lineStart;
          _keyPos = state.position;
        }
        if (composeNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, allowCompact)) {
          if (atExplicitKey) {
            keyNode = state.result;
          } else {
            valueNode = state.result;
          }
        }
        if (!atExplicitKey) {
          storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _keyLine, _keyLineStart, _keyPos);
          keyTag = keyNode = valueNode = null;
        }
        skipSeparationSpace(state, true, -1);
        ch = state.input.charCodeAt(state.position);
      }
      if ((state.line === _line || state.lineIndent > nodeIndent) && ch !== 0) {
        throwError(state, "bad indentation of a mapping entry");
      } else if (state.lineIndent < nodeIndent) {
        break;
      }
    }
    if (atExplicitKey) {
      storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos);
    }
    if (detected) {
      state.tag = _tag;
      state.anchor = _anchor;
      state.kind = "mapping";
      state.result = _result;
    }
    return detected;
  }
  function readTagProperty(state) {
    let isVerbatim = false;
    let isNamed = false;
    let tagHandle;
    let tagName;
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 33) return false;
    if (state.tag !== null) {
      throwError(state, "duplication of a tag property");
    }
    ch = state.input.charCodeAt(++state.position);
    if (ch === 60) {
      isVerbatim = true;
      ch = state.input.charCodeAt(++state.position);
    } else if (ch === 33) {
      isNamed = true;
      tagHandle = "!!";
      ch = state.input.charCodeAt(++state.position);
    } else {
      tagHandle = "!";
    }
    let _position = state.position;
    if (isVerbatim) {
      do {
        ch = state.input.charCodeAt(++state.position);
      } while (ch !== 0 && ch !== 62);
      if (state.position < state.length) {
        tagName = state.input.slice(_position, state.position);
        ch = state.input.charCodeAt(++state.position);
      } else {
        throwError(state, "unexpected end of the stream within a verbatim tag");
      }
    } else {
      while (ch !== 0 && !isWsOrEol(ch)) {
        if (ch === 33) {
          if (!isNamed) {
            tagHandle = state.input.slice(_position - 1, state.position + 1);
            if (!PATTERN_TAG_HANDLE.test(tagHandle)) {
              throwError(state, "named tag handle cannot contain such characters");
            }
            isNamed = true;
            _position = state.position + 1;
          } else {
            throwError(state, "tag suffix cannot contain exclamation marks");
          }
        }
        ch = state.input.charCodeAt(++state.position);
      }
      tagName = state.input.slice(_position, state.position);
      if (PATTERN_FLOW_INDICATORS.test(tagName)) {
        throwError(state, "tag suffix cannot contain flow indicator characters");
      }
    }
    if (tagName && !PATTERN_TAG_URI.test(tagName)) {
      throwError(state, "tag name cannot contain such characters: " + tagName);
    }
    try {
      tagName = decodeURIComponent(tagName);
    } catch (err) {
      throwError(state, "tag name is malformed: " + tagName);
    }
    if (isVerbatim) {
      state.tag = tagName;
    } else if (_hasOwnProperty.call(state.tagMap, tagHandle)) {
      state.tag = state.tagMap[tagHandle] + tagName;
    } else if (tagHandle === "!") {
      state.tag = "!" + tagName;
    } else if (tagHandle === "!!") {
      state.tag = "tag:yaml.org,2002:" + tagName;
    } else {
      throwError(state, 'undeclared tag handle "' + tagHandle + '"');
    }
    return true;
  }
  function readAnchorProperty(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 38) return false;
    if (state.anchor !== null) {
      throwError(state, "duplication of an anchor property");
    }
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an anchor node must contain at least one character");
    }
    state.anchor = state.input.slice(_position, state.position);
    return true;
  }
  function readAlias(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 42) return false;
    ch = state.input.charCodeAt(++state.position);
    const _position = state.position;
    while (ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch)) {
      ch = state.input.charCodeAt(++state.position);
    }
    if (state.position === _position) {
      throwError(state, "name of an alias node must contain at least one character");
    }
    const alias = state.input.slice(_position, state.position);
    if (!_hasOwnProperty.call(state.anchorMap, alias)) {
      throwError(state, 'unidentified alias "' + alias + '"');
    }
    state.result = state.anchorMap[alias];
    skipSeparationSpace(state, true, -1);
    return true;
  }
  function tryReadBlockMappingFromProperty(state, propertyStart, nodeIndent, flowIndent) {
    const fallbackState = snapshotState(state);
    beginAnchorTransaction(state);
    restoreState(state, propertyStart);
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    if (readBlockMapping(state, nodeIndent, flowIndent) && state.kind === "mapping") {
      commitAnchorTransaction(state);
      return true;
    }
    rollbackAnchorTransaction(state);
    restoreState(state, fallbackState);
    return false;
  }
  function composeNode(state, parentIndent, nodeContext, allowToSeek, allowCompact) {
    let allowBlockScalars;
    let allowBlockCollections;
    let indentStatus = 1;
    let atNewLine = false;
    let hasContent = false;
    let propertyStart = null;
    let type2;
    let flowIndent;
    let blockIndent;
    if (state.depth >= state.maxDepth) {
      throwError(state, "nesting exceeded maxDepth (" + state.maxDepth + ")");
    }
    state.depth += 1;
    if (state.listener !== null) {
      state.listener("open", state);
    }
    state.tag = null;
    state.anchor = null;
    state.kind = null;
    state.result = null;
    const allowBlockStyles = allowBlockScalars = allowBlockCollections = CONTEXT_BLOCK_OUT === nodeContext || CONTEXT_BLOCK_IN === nodeContext;
    if (allowToSeek) {
      if (skipSeparationSpace(state, true, -1)) {
        atNewLine = true;
        if (state.lineIndent > parentIndent) {
          indentStatus = 1;
        } else if (state.lineIndent === parentIndent) {
          indentStatus = 0;
        } else if (state.lineIndent < parentIndent) {
          indentStatus = -1;
        }
      }
    }
    if (indentStatus === 1) {
      while (true) {
        const ch = state.input.charCodeAt(state.position);
        const propertyState = snapshotState(state);
        if (atNewLine && (ch === 33 && state.tag !== null || ch === 38 && state.anchor !== null)) {
          break;
        }
        if (!readTagProperty(state) && !readAnchorProperty(state)) {
          break;
        }
        if (propertyStart === null) {
          propertyStart = propertyState;
        }
        if (skipSeparationSpace(state, true, -1)) {
          atNewLine = true;
          allowBlockCollections = allowBlockStyles;
          if (state.lineIndent > parentIndent) {
            indentStatus = 1;
          } else if (state.lineIndent === parentIndent) {
            indentStatus = 0;
          } else if (state.lineIndent < parentIndent) {
            indentStatus = -1;
          }
        } else {
          allowBlockCollections = false;
        }
      }
    }
    if (allowBlockCollections) {
      allowBlockCollections = atNewLine || allowCompact;
    }
    if (indentStatus === 1 || CONTEXT_BLOCK_OUT === nodeContext) {
      if (CONTEXT_FLOW_IN === nodeContext || CONTEXT_FLOW_OUT === nodeContext) {
        flowIndent = parentIndent;
      } else {
        flowIndent = parentIndent + 1;
      }
      blockIndent = state.position - state.lineStart;
      if (indentStatus === 1) {
        if (allowBlockCollections && (readBlockSequence(state, blockIndent) || readBlockMapping(state, blockIndent, flowIndent)) || readFlowCollection(state, flowIndent)) {
          hasContent = true;
        } else {
          const ch = state.input.charCodeAt(state.position);
          if (propertyStart !== null && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62 && tryReadBlockMappingFromProperty(
            state,
            propertyStart,
            propertyStart.position - propertyStart.lineStart,
            flowIndent
          )) {
            hasContent = true;
          } else if (allowBlockScalars && readBlockScalar(state, flowIndent) || readSingleQuotedScalar(state, flowIndent) || readDoubleQuotedScalar(state, flowIndent)) {
            hasContent = true;
          } else if (readAlias(state)) {
            hasContent = true;
            if (state.tag !== null || state.anchor !== null) {
              throwError(state, "alias node should not have any properties");
            }
          } else if (readPlainScalar(state, flowIndent, CONTEXT_FLOW_IN === nodeContext)) {
            hasContent = true;
            if (state.tag === null) {
              state.tag = "?";
            }
          }
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
        }
      } else if (indentStatus === 0) {
        hasContent = allowBlockCollections && readBlockSequence(state, blockIndent);
      }
    }
    if (state.tag === null) {
      if (state.anchor !== null) {
        storeAnchor(state, state.anchor, state.result);
      }
    } else if (state.tag === "?") {
      if (state.result !== null && state.kind !== "scalar") {
        throwError(state, 'unacceptable node kind for !<?> tag; it should be "scalar", not "' + state.kind + '"');
      }
      for (let typeIndex = 0, typeQuantity = state.implicitTypes.length; typeIndex < typeQuantity; typeIndex += 1) {
        type2 = state.implicitTypes[typeIndex];
        if (type2.resolve(state.result)) {
          state.result = type2.construct(state.result);
          state.tag = type2.tag;
          if (state.anchor !== null) {
            storeAnchor(state, state.anchor, state.result);
          }
          break;
        }
      }
    } else if (state.tag !== "!") {
      if (_hasOwnProperty.call(state.typeMap[state.kind || "fallback"], state.tag)) {
        type2 = state.typeMap[state.kind || "fallback"][state.tag];
      } else {
        type2 = null;
        const typeList = state.typeMap.multi[state.kind || "fallback"];
        for (let typeIndex = 0, typeQuantity = typeList.length; typeIndex < typeQuantity; typeIndex += 1) {
          if (state.tag.slice(0, typeList[typeIndex].tag.length) === typeList[typeIndex].tag) {
            type2 = typeList[typeIndex];
            break;
          }
        }
      }
      if (!type2) {
        throwError(state, "unknown tag !<" + state.tag + ">");
      }
      if (state.result !== null && type2.kind !== state.kind) {
        throwError(state, "unacceptable node kind for !<" + state.tag + '> tag; it should be "' + type2.kind + '", not "' + state.kind + '"');
      }
      if (!type2.resolve(state.result, state.tag)) {
        throwError(state, "cannot resolve a node with !<" + state.tag + "> explicit tag");
      } else {
        state.result = type2.construct(state.result, state.tag);
        if (state.anchor !== null) {
          storeAnchor(state, state.anchor, state.result);
        }
      }
    }
    if (state.listener !== null) {
      state.listener("close", state);
    }
    state.depth -= 1;
    return state.tag !== null || state.anchor !== null || hasContent;
  }
  function readDocument(state) {
    const documentStart = state.position;
    let hasDirectives = false;
    let ch;
    state.version = null;
    state.checkLineBreaks = state.legacy;
    state.tagMap = /* @__PURE__ */ Object.create(null);
    state.anchorMap = /* @__PURE__ */ Object.create(null);
    while ((ch = state.input.charCodeAt(state.position)) !== 0) {
      skipSeparationSpace(state, true, -1);
      ch = state.input.charCodeAt(state.position);
      if (state.lineIndent > 0 || ch !== 37) {
        break;
      }
      hasDirectives = true;
      ch = state.input.charCodeAt(++state.position);
      let _position = state.position;
      while (ch !== 0 && !isWsOrEol(ch)) {
        ch = state.input.charCodeAt(++state.position);
      }
      const directiveName = state.input.slice(_position, state.position);
      const directiveArgs = [];
      if (directiveName.length < 1) {
        throwError(state, "directive name must not be less than one character in length");
      }
      while (ch !== 0) {
        while (isWhiteSpace(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        if (ch === 35) {
          do {
            ch = state.input.charCodeAt(++state.position);
          } while (ch !== 0 && !isEol(ch));
          break;
        }
        if (isEol(ch)) break;
        _position = state.position;
        while (ch !== 0 && !isWsOrEol(ch)) {
          ch = state.input.charCodeAt(++state.position);
        }
        directiveArgs.push(state.input.slice(_position, state.position));
      }
      if (ch !== 0) readLineBreak(state);
      if (_hasOwnProperty.call(directiveHandlers, directiveName)) {
        directiveHandlers[directiveName](state, directiveName, directiveArgs);
      } else {
        throwWarning(state, 'unknown document directive "' + directiveName + '"');
      }
    }
    skipSeparationSpace(state, true, -1);
    if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45) {
      state.position += 3;
      skipSeparationSpace(state, true, -1);
    } else if (hasDirectives) {
      throwError(state, "directives end mark is expected");
    }
    composeNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, true);
    skipSeparationSpace(state, true, -1);
    if (state.checkLineBreaks && PATTERN_NON_ASCII_LINE_BREAKS.test(state.input.slice(documentStart, state.position))) {
      throwWarning(state, "non-ASCII line breaks are interpreted as content");
    }
    state.documents.push(state.result);
    if (state.position === state.lineStart && testDocumentSeparator(state)) {
      if (state.input.charCodeAt(state.position) === 46) {
        state.position += 3;
        skipSeparationSpace(state, true, -1);
      }
      return;
    }
    if (state.position < state.length - 1) {
      throwError(state, "end of the stream or a document separator is expected");
    }
  }
  function loadDocuments(input, options) {
    input = String(input);
    options = options || {};
    if (input.length !== 0) {
      if (input.charCodeAt(input.length - 1) !== 10 && input.charCodeAt(input.length - 1) !== 13) {
        input += "\n";
      }
      if (input.charCodeAt(0) === 65279) {
        input = input.slice(1);
      }
    }
    const state = new State(input, options);
    const nullpos = input.indexOf("\0");
    if (nullpos !== -1) {
      state.position = nullpos;
      throwError(state, "null byte is not allowed in input");
    }
    state.input += "\0";
    while (state.input.charCodeAt(state.position) === 32) {
      state.lineIndent += 1;
      state.position += 1;
    }
    while (state.position < state.length - 1) {
      readDocument(state);
    }
    return state.documents;
  }
  function loadAll2(input, iterator, options) {
    if (iterator !== null && typeof iterator === "object" && typeof options === "undefined") {
      options = iterator;
      iterator = null;
    }
    const documents = loadDocuments(input, options);
    if (typeof iterator !== "function") {
      return documents;
    }
    for (let index = 0, length = documents.length; index < length; index += 1) {
      iterator(documents[index]);
    }
  }
  function load2(input, options) {
    const documents = loadDocuments(input, options);
    if (documents.length === 0) {
      return void 0;
    } else if (documents.length === 1) {
      return documents[0];
    }
    throw new YAMLException2("expected a single document in the stream, but found more");
  }
  loader.loadAll = loadAll2;
  loader.load = load2;
  return loader;
}
var dumper = {};
var hasRequiredDumper;
function requireDumper() {
  if (hasRequiredDumper) return dumper;
  hasRequiredDumper = 1;
  const common2 = requireCommon();
  const YAMLException2 = requireException();
  const DEFAULT_SCHEMA2 = require_default();
  const _toString = Object.prototype.toString;
  const _hasOwnProperty = Object.prototype.hasOwnProperty;
  const CHAR_BOM = 65279;
  const CHAR_TAB = 9;
  const CHAR_LINE_FEED = 10;
  const CHAR_CARRIAGE_RETURN = 13;
  const CHAR_SPACE = 32;
  const CHAR_EXCLAMATION = 33;
  const CHAR_DOUBLE_QUOTE = 34;
  const CHAR_SHARP = 35;
  const CHAR_PERCENT = 37;
  const CHAR_AMPERSAND = 38;
  const CHAR_SINGLE_QUOTE = 39;
  const CHAR_ASTERISK = 42;
  const CHAR_COMMA = 44;
  const CHAR_MINUS = 45;
  const CHAR_COLON = 58;
  const CHAR_EQUALS = 61;
  const CHAR_GREATER_THAN = 62;
  const CHAR_QUESTION = 63;
  const CHAR_COMMERCIAL_AT = 64;
  const CHAR_LEFT_SQUARE_BRACKET = 91;
  const CHAR_RIGHT_SQUARE_BRACKET = 93;
  const CHAR_GRAVE_ACCENT = 96;
  const CHAR_LEFT_CURLY_BRACKET = 123;
  const CHAR_VERTICAL_LINE = 124;
  const CHAR_RIGHT_CURLY_BRACKET = 125;
  const ESCAPE_SEQUENCES = {};
  ESCAPE_SEQUENCES[0] = "\\0";
  ESCAPE_SEQUENCES[7] = "\\a";
  ESCAPE_SEQUENCES[8] = "\\b";
  ESCAPE_SEQUENCES[9] = "\\t";
  ESCAPE_SEQUENCES[10] = "\\n";
  ESCAPE_SEQUENCES[11] = "\\v";
  ESCAPE_SEQUENCES[12] = "\\f";
  ESCAPE_SEQUENCES[13] = "\\r";
  ESCAPE_SEQUENCES[27] = "\\e";
  ESCAPE_SEQUENCES[34] = '\\"';
  ESCAPE_SEQUENCES[92] = "\\\\";
  ESCAPE_SEQUENCES[133] = "\\N";
  ESCAPE_SEQUENCES[160] = "\\_";
  ESCAPE_SEQUENCES[8232] = "\\L";
  ESCAPE_SEQUENCES[8233] = "\\P";
  const DEPRECATED_BOOLEANS_SYNTAX = [
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "on",
    "On",
    "ON",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "off",
    "Off",
    "OFF"
  ];
  const DEPRECATED_BASE60_SYNTAX = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
  function compileStyleMap(schema2, map2) {
    if (map2 === null) return {};
    const result = {};
    const keys = Object.keys(map2);
    for (let index = 0, length = keys.length; index < length; index += 1) {
      let tag = keys[index];
      let style = String(map2[tag]);
      if (tag.slice(0, 2) === "!!") {
        tag = "tag:yaml.org,2002:" + tag.slice(2);
      }
      const type2 = schema2.compiledTypeMap["fallback"][tag];
      if (type2 && _hasOwnProperty.call(type2.styleAliases, style)) {
        style = type2.styleAliases[style];
      }
      result[tag] = style;
    }
    return result;
  }
  function encodeHex(character) {
    let handle;
    let length;
    const string = character.toString(16).toUpperCase();
    if (character <= 255) {
      handle = "x";
      length = 2;
    } else if (character <= 65535) {
      handle = "u";
      length = 4;
    } else if (character <= 4294967295) {
      handle = "U";
      length = 8;
    } else {
      throw new YAMLException2("code point within a string may not be greater than 0xFFFFFFFF");
    }
    return "\\" + handle + common2.repeat("0", length - string.length) + string;
  }
  const QUOTING_TYPE_SINGLE = 1;
  const QUOTING_TYPE_DOUBLE = 2;
  function State(options) {
    this.schema = options["schema"] || DEFAULT_SCHEMA2;
    this.indent = Math.max(1, options["indent"] || 2);
    this.noArrayIndent = options["noArrayIndent"] || false;
    this.skipInvalid = options["skipInvalid"] || false;
    this.flowLevel = common2.isNothing(options["flowLevel"]) ? -1 : options["flowLevel"];
    this.styleMap = compileStyleMap(this.schema, options["styles"] || null);
    this.sortKeys = options["sortKeys"] || false;
    this.lineWidth = options["lineWidth"] || 80;
    this.noRefs = options["noRefs"] || false;
    this.noCompatMode = options["noCompatMode"] || false;
    this.condenseFlow = options["condenseFlow"] || false;
    this.quotingType = options["quotingType"] === '"' ? QUOTING_TYPE_DOUBLE : QUOTING_TYPE_SINGLE;
    this.forceQuotes = options["forceQuotes"] || false;
    this.replacer = typeof options["replacer"] === "function" ? options["replacer"] : null;
    this.implicitTypes = this.schema.compiledImplicit;
    this.explicitTypes = this.schema.compiledExplicit;
    this.tag = null;
    this.result = "";
    this.duplicates = [];
    this.usedDuplicates = null;
  }
  function indentString(string, spaces) {
    const ind = common2.repeat(" ", spaces);
    let position = 0;
    let result = "";
    const length = string.length;
    while (position < length) {
      let line;
      const next = string.indexOf("\n", position);
      if (next === -1) {
        line = string.slice(position);
        position = length;
      } else {
        line = string.slice(position, next + 1);
        position = next + 1;
      }
      if (line.length && line !== "\n") result += ind;
      result += line;
    }
    return result;
  }
  function generateNextLine(state, level) {
    return "\n" + common2.repeat(" ", state.indent * level);
  }
  function testImplicitResolving(state, str2) {
    for (let index = 0, length = state.implicitTypes.length; index < length; index += 1) {
      const type2 = state.implicitTypes[index];
      if (type2.resolve(str2)) {
        return true;
      }
    }
    return false;
  }
  function isWhitespace(c) {
    return c === CHAR_SPACE || c === CHAR_TAB;
  }
  function isPrintable(c) {
    return c >= 32 && c <= 126 || c >= 161 && c <= 55295 && c !== 8232 && c !== 8233 || c >= 57344 && c <= 65533 && c !== CHAR_BOM || c >= 65536 && c <= 1114111;
  }
  function isNsCharOrWhitespace(c) {
    return isPrintable(c) && c !== CHAR_BOM && // - b-char
    c !== CHAR_CARRIAGE_RETURN && c !== CHAR_LINE_FEED;
  }
  function isPlainSafe(c, prev, inblock) {
    const cIsNsCharOrWhitespace = isNsCharOrWhitespace(c);
    const cIsNsChar = cIsNsCharOrWhitespace && !isWhitespace(c);
    return (
      // ns-plain-safe
      (inblock ? cIsNsCharOrWhitespace : cIsNsCharOrWhitespace && // - c-flow-indicator
      c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET) && // ns-plain-char
      c !== CHAR_SHARP && // false on '#'
      !(prev === CHAR_COLON && !cIsNsChar) || // false on ': '
      isNsCharOrWhitespace(prev) && !isWhitespace(prev) && c === CHAR_SHARP || // change to true on '[^ ]#'
      prev === CHAR_COLON && cIsNsChar
    );
  }
  function isPlainSafeFirst(c) {
    return isPrintable(c) && c !== CHAR_BOM && !isWhitespace(c) && // - s-white
    // - (c-indicator ::=
    // “-” | “?” | “:” | “,” | “[” | “]” | “{” | “}”
    c !== CHAR_MINUS && c !== CHAR_QUESTION && c !== CHAR_COLON && c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET && // | “#” | “&” | “*” | “!” | “|” | “=” | “>” | “'” | “"”
    c !== CHAR_SHARP && c !== CHAR_AMPERSAND && c !== CHAR_ASTERISK && c !== CHAR_EXCLAMATION && c !== CHAR_VERTICAL_LINE && c !== CHAR_EQUALS && c !== CHAR_GREATER_THAN && c !== CHAR_SINGLE_QUOTE && c !== CHAR_DOUBLE_QUOTE && // | “%” | “@” | “`”)
    c !== CHAR_PERCENT && c !== CHAR_COMMERCIAL_AT && c !== CHAR_GRAVE_ACCENT;
  }
  function isPlainSafeLast(c) {
    return !isWhitespace(c) && c !== CHAR_COLON;
  }
  function codePointAt(string, pos) {
    const first = string.charCodeAt(pos);
    let second;
    if (first >= 55296 && first <= 56319 && pos + 1 < string.length) {
      second = string.charCodeAt(pos + 1);
      if (second >= 56320 && second <= 57343) {
        return (first - 55296) * 1024 + second - 56320 + 65536;
      }
    }
    return first;
  }
  function needIndentIndicator(string) {
    const leadingSpaceRe = /^\n* /;
    return leadingSpaceRe.test(string);
  }
  const STYLE_PLAIN = 1;
  const STYLE_SINGLE = 2;
  const STYLE_LITERAL = 3;
  const STYLE_FOLDED = 4;
  const STYLE_DOUBLE = 5;
  function chooseScalarStyle(string, singleLineOnly, indentPerLevel, lineWidth, testAmbiguousType, quotingType, forceQuotes, inblock) {
    let i;
    let char = 0;
    let prevChar = null;
    let hasLineBreak = false;
    let hasFoldableLine = false;
    const shouldTrackWidth = lineWidth !== -1;
    let previousLineBreak = -1;
    let plain = isPlainSafeFirst(codePointAt(string, 0)) && isPlainSafeLast(codePointAt(string, string.length - 1));
    if (singleLineOnly || forceQuotes) {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
    } else {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        char = codePointAt(string, i);
        if (char === CHAR_LINE_FEED) {
          hasLineBreak = true;
          if (shouldTrackWidth) {
            hasFoldableLine = hasFoldableLine || // Foldable line = too long, and not more-indented.
            i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ";
            previousLineBreak = i;
          }
        } else if (!isPrintable(char)) {
          return STYLE_DOUBLE;
        }
        plain = plain && isPlainSafe(char, prevChar, inblock);
        prevChar = char;
      }
      hasFoldableLine = hasFoldableLine || shouldTrackWidth && (i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ");
    }
    if (!hasLineBreak && !hasFoldableLine) {
      if (plain && !forceQuotes && !testAmbiguousType(string)) {
        return STYLE_PLAIN;
      }
      return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
    }
    if (indentPerLevel > 9 && needIndentIndicator(string)) {
      return STYLE_DOUBLE;
    }
    if (!forceQuotes) {
      return hasFoldableLine ? STYLE_FOLDED : STYLE_LITERAL;
    }
    return quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE;
  }
  function writeScalar(state, string, level, iskey, inblock) {
    state.dump = (function() {
      if (string.length === 0) {
        return state.quotingType === QUOTING_TYPE_DOUBLE ? '""' : "''";
      }
      if (!state.noCompatMode) {
        if (DEPRECATED_BOOLEANS_SYNTAX.indexOf(string) !== -1 || DEPRECATED_BASE60_SYNTAX.test(string)) {
          return state.quotingType === QUOTING_TYPE_DOUBLE ? '"' + string + '"' : "'" + string + "'";
        }
      }
      const indent = state.indent * Math.max(1, level);
      const lineWidth = state.lineWidth === -1 ? -1 : Math.max(Math.min(state.lineWidth, 40), state.lineWidth - indent);
      const singleLineOnly = iskey || // No block styles in flow mode.
      state.flowLevel > -1 && level >= state.flowLevel;
      function testAmbiguity(string2) {
        return testImplicitResolving(state, string2);
      }
      switch (chooseScalarStyle(
        string,
        singleLineOnly,
        state.indent,
        lineWidth,
        testAmbiguity,
        state.quotingType,
        state.forceQuotes && !iskey,
        inblock
      )) {
        case STYLE_PLAIN:
          return string;
        case STYLE_SINGLE:
          return "'" + string.replace(/'/g, "''") + "'";
        case STYLE_LITERAL:
          return "|" + blockHeader(string, state.indent) + dropEndingNewline(indentString(string, indent));
        case STYLE_FOLDED:
          return ">" + blockHeader(string, state.indent) + dropEndingNewline(indentString(foldString(string, lineWidth), indent));
        case STYLE_DOUBLE:
          return '"' + escapeString(string) + '"';
        default:
          throw new YAMLException2("impossible error: invalid scalar style");
      }
    })();
  }
  function blockHeader(string, indentPerLevel) {
    const indentIndicator = needIndentIndicator(string) ? String(indentPerLevel) : "";
    const clip = string[string.length - 1] === "\n";
    const keep = clip && (string[string.length - 2] === "\n" || string === "\n");
    const chomp = keep ? "+" : clip ? "" : "-";
    return indentIndicator + chomp + "\n";
  }
  function dropEndingNewline(string) {
    return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
  }
  function foldString(string, width) {
    const lineRe = /(\n+)([^\n]*)/g;
    let result = (function() {
      let nextLF = string.indexOf("\n");
      nextLF = nextLF !== -1 ? nextLF : string.length;
      lineRe.lastIndex = nextLF;
      return foldLine(string.slice(0, nextLF), width);
    })();
    let prevMoreIndented = string[0] === "\n" || string[0] === " ";
    let moreIndented;
    let match;
    while (match = lineRe.exec(string)) {
      const prefix = match[1];
      const line = match[2];
      moreIndented = line[0] === " ";
      result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
      prevMoreIndented = moreIndented;
    }
    return result;
  }
  function foldLine(line, width) {
    if (line === "" || line[0] === " ") return line;
    const breakRe = / [^ ]/g;
    let match;
    let start = 0;
    let end;
    let curr = 0;
    let next = 0;
    let result = "";
    while (match = breakRe.exec(line)) {
      next = match.index;
      if (next - start > width) {
        end = curr > start ? curr : next;
        result += "\n" + line.slice(start, end);
        start = end + 1;
      }
      curr = next;
    }
    result += "\n";
    if (line.length - start > width && curr > start) {
      result += line.slice(start, curr) + "\n" + line.slice(curr + 1);
    } else {
      result += line.slice(start);
    }
    return result.slice(1);
  }
  function escapeString(string) {
    let result = "";
    let char = 0;
    for (let i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
      char = codePointAt(string, i);
      const escapeSeq = ESCAPE_SEQUENCES[char];
      if (!escapeSeq && isPrintable(char)) {
        result += string[i];
        if (char >= 65536) result += string[i + 1];
      } else {
        result += escapeSeq || encodeHex(char);
      }
    }
    return result;
  }
  function writeFlowSequence(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      if (state.replacer) {
        value = state.replacer.call(object, String(index), value);
      }
      if (writeNode(state, level, value, false, false) || typeof value === "undefined" && writeNode(state, level, null, false, false)) {
        if (_result !== "") _result += "," + (!state.condenseFlow ? " " : "");
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = "[" + _result + "]";
  }
  function writeBlockSequence(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      if (state.replacer) {
        value = state.replacer.call(object, String(index), value);
      }
      if (writeNode(state, level + 1, value, true, true, false, true) || typeof value === "undefined" && writeNode(state, level + 1, null, true, true, false, true)) {
        if (!compact || _result !== "") {
          _result += generateNextLine(state, level);
        }
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          _result += "-";
        } else {
          _result += "- ";
        }
        _result += state.dump;
      }
    }
    state.tag = _tag;
    state.dump = _result || "[]";
  }
  function writeFlowMapping(state, level, object) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      if (_result !== "") pairBuffer += ", ";
      if (state.condenseFlow) pairBuffer += '"';
      const objectKey = objectKeyList[index];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level, objectKey, false, false)) {
        continue;
      }
      if (state.dump.length > 1024) pairBuffer += "? ";
      pairBuffer += state.dump + (state.condenseFlow ? '"' : "") + ":" + (state.condenseFlow ? "" : " ");
      if (!writeNode(state, level, objectValue, false, false)) {
        continue;
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = "{" + _result + "}";
  }
  function writeBlockMapping(state, level, object, compact) {
    let _result = "";
    const _tag = state.tag;
    const objectKeyList = Object.keys(object);
    if (state.sortKeys === true) {
      objectKeyList.sort();
    } else if (typeof state.sortKeys === "function") {
      objectKeyList.sort(state.sortKeys);
    } else if (state.sortKeys) {
      throw new YAMLException2("sortKeys must be a boolean or a function");
    }
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      if (!compact || _result !== "") {
        pairBuffer += generateNextLine(state, level);
      }
      const objectKey = objectKeyList[index];
      let objectValue = object[objectKey];
      if (state.replacer) {
        objectValue = state.replacer.call(object, objectKey, objectValue);
      }
      if (!writeNode(state, level + 1, objectKey, true, true, true)) {
        continue;
      }
      const explicitPair = state.tag !== null && state.tag !== "?" || state.dump && state.dump.length > 1024;
      if (explicitPair) {
        if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
          pairBuffer += "?";
        } else {
          pairBuffer += "? ";
        }
      }
      pairBuffer += state.dump;
      if (explicitPair) {
        pairBuffer += generateNextLine(state, level);
      }
      if (!writeNode(state, level + 1, objectValue, true, explicitPair)) {
        continue;
      }
      if (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0)) {
        pairBuffer += ":";
      } else {
        pairBuffer += ": ";
      }
      pairBuffer += state.dump;
      _result += pairBuffer;
    }
    state.tag = _tag;
    state.dump = _result || "{}";
  }
  function detectType(state, object, explicit) {
    const typeList = explicit ? state.explicitTypes : state.implicitTypes;
    for (let index = 0, length = typeList.length; index < length; index += 1) {
      const type2 = typeList[index];
      if ((type2.instanceOf || type2.predicate) && (!type2.instanceOf || typeof object === "object" && object instanceof type2.instanceOf) && (!type2.predicate || type2.predicate(object))) {
        if (explicit) {
          if (type2.multi && type2.representName) {
            state.tag = type2.representName(object);
          } else {
            state.tag = type2.tag;
          }
        } else {
          state.tag = "?";
        }
        if (type2.represent) {
          const style = state.styleMap[type2.tag] || type2.defaultStyle;
          let _result;
          if (_toString.call(type2.represent) === "[object Function]") {
            _result = type2.represent(object, style);
          } else if (_hasOwnProperty.call(type2.represent, style)) {
            _result = type2.represent[style](object, style);
          } else {
            throw new YAMLException2("!<" + type2.tag + '> tag resolver accepts not "' + style + '" style');
          }
          state.dump = _result;
        }
        return true;
      }
    }
    return false;
  }
  function writeNode(state, level, object, block, compact, iskey, isblockseq) {
    state.tag = null;
    state.dump = object;
    if (!detectType(state, object, false)) {
      detectType(state, object, true);
    }
    const type2 = _toString.call(state.dump);
    const inblock = block;
    if (block) {
      block = state.flowLevel < 0 || state.flowLevel > level;
    }
    const objectOrArray = type2 === "[object Object]" || type2 === "[object Array]";
    let duplicateIndex;
    let duplicate;
    if (objectOrArray) {
      duplicateIndex = state.duplicates.indexOf(object);
      duplicate = duplicateIndex !== -1;
    }
    if (state.tag !== null && state.tag !== "?" || duplicate || state.indent !== 2 && level > 0) {
      compact = false;
    }
    if (duplicate && state.usedDuplicates[duplicateIndex]) {
      state.dump = "*ref_" + duplicateIndex;
    } else {
      if (objectOrArray && duplicate && !state.usedDuplicates[duplicateIndex]) {
        state.usedDuplicates[duplicateIndex] = true;
      }
      if (type2 === "[object Object]") {
        if (block && Object.keys(state.dump).length !== 0) {
          writeBlockMapping(state, level, state.dump, compact);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowMapping(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object Array]") {
        if (block && state.dump.length !== 0) {
          if (state.noArrayIndent && !isblockseq && level > 0) {
            writeBlockSequence(state, level - 1, state.dump, compact);
          } else {
            writeBlockSequence(state, level, state.dump, compact);
          }
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + state.dump;
          }
        } else {
          writeFlowSequence(state, level, state.dump);
          if (duplicate) {
            state.dump = "&ref_" + duplicateIndex + " " + state.dump;
          }
        }
      } else if (type2 === "[object String]") {
        if (state.tag !== "?") {
          writeScalar(state, state.dump, level, iskey, inblock);
        }
      } else if (type2 === "[object Undefined]") {
        return false;
      } else {
        if (state.skipInvalid) return false;
        throw new YAMLException2("unacceptable kind of an object to dump " + type2);
      }
      if (state.tag !== null && state.tag !== "?") {
        let tagStr = encodeURI(
          state.tag[0] === "!" ? state.tag.slice(1) : state.tag
        ).replace(/!/g, "%21");
        if (state.tag[0] === "!") {
          tagStr = "!" + tagStr;
        } else if (tagStr.slice(0, 18) === "tag:yaml.org,2002:") {
          tagStr = "!!" + tagStr.slice(18);
        } else {
          tagStr = "!<" + tagStr + ">";
        }
        state.dump = tagStr + " " + state.dump;
      }
    }
    return true;
  }
  function getDuplicateReferences(object, state) {
    const objects = [];
    const duplicatesIndexes = [];
    inspectNode(object, objects, duplicatesIndexes);
    const length = duplicatesIndexes.length;
    for (let index = 0; index < length; index += 1) {
      state.duplicates.push(objects[duplicatesIndexes[index]]);
    }
    state.usedDuplicates = new Array(length);
  }
  function inspectNode(object, objects, duplicatesIndexes) {
    if (object !== null && typeof object === "object") {
      const index = objects.indexOf(object);
      if (index !== -1) {
        if (duplicatesIndexes.indexOf(index) === -1) {
          duplicatesIndexes.push(index);
        }
      } else {
        objects.push(object);
        if (Array.isArray(object)) {
          for (let i = 0, length = object.length; i < length; i += 1) {
            inspectNode(object[i], objects, duplicatesIndexes);
          }
        } else {
          const objectKeyList = Object.keys(object);
          for (let i = 0, length = objectKeyList.length; i < length; i += 1) {
            inspectNode(object[objectKeyList[i]], objects, duplicatesIndexes);
          }
        }
      }
    }
  }
  function dump2(input, options) {
    options = options || {};
    const state = new State(options);
    if (!state.noRefs) getDuplicateReferences(input, state);
    let value = input;
    if (state.replacer) {
      value = state.replacer.call({ "": value }, "", value);
    }
    if (writeNode(state, 0, value, true, true)) return state.dump + "\n";
    return "";
  }
  dumper.dump = dump2;
  return dumper;
}
var hasRequiredJsYaml;
function requireJsYaml() {
  if (hasRequiredJsYaml) return jsYaml;
  hasRequiredJsYaml = 1;
  const loader2 = requireLoader();
  const dumper2 = requireDumper();
  function renamed(from, to) {
    return function() {
      throw new Error("Function yaml." + from + " is removed in js-yaml 4. Use yaml." + to + " instead, which is now safe by default.");
    };
  }
  jsYaml.Type = requireType();
  jsYaml.Schema = requireSchema();
  jsYaml.FAILSAFE_SCHEMA = requireFailsafe();
  jsYaml.JSON_SCHEMA = requireJson();
  jsYaml.CORE_SCHEMA = requireCore();
  jsYaml.DEFAULT_SCHEMA = require_default();
  jsYaml.load = loader2.load;
  jsYaml.loadAll = loader2.loadAll;
  jsYaml.dump = dumper2.dump;
  jsYaml.YAMLException = requireException();
  jsYaml.types = {
    binary: requireBinary(),
    float: requireFloat(),
    map: requireMap(),
    null: require_null(),
    pairs: requirePairs(),
    set: requireSet(),
    timestamp: requireTimestamp(),
    bool: requireBool(),
    int: requireInt(),
    merge: requireMerge(),
    omap: requireOmap(),
    seq: requireSeq(),
    str: requireStr()
  };
  jsYaml.safeLoad = renamed("safeLoad", "load");
  jsYaml.safeLoadAll = renamed("safeLoadAll", "loadAll");
  jsYaml.safeDump = renamed("safeDump", "dump");
  return jsYaml;
}
var jsYamlExports = requireJsYaml();
const yaml = /* @__PURE__ */ getDefaultExportFromCjs(jsYamlExports);
const {
  Type,
  Schema,
  FAILSAFE_SCHEMA,
  JSON_SCHEMA,
  CORE_SCHEMA,
  DEFAULT_SCHEMA,
  load,
  loadAll,
  dump,
  YAMLException,
  types,
  safeLoad,
  safeLoadAll,
  safeDump
} = yaml;

//# sourceMappingURL=js-yaml.mjs.map

;// CONCATENATED MODULE: ./packages/core/src/config/yaml-positions.ts

/**
 * Parses YAML and keeps a map from key path to source position, using js-yaml's node open/close
 * listener (which nests like the document). That is what lets a schema error say "line 12, column 5".
 */
function parseWithPositions(text, filename) {
    const root = { start: 0, children: [] };
    const stack = [root];
    const value = yaml.load(text, {
        filename,
        json: false,
        listener(event, state) {
            if (event === 'open') {
                const node = { start: state.position, children: [] };
                stack[stack.length - 1]?.children.push(node);
                stack.push(node);
            }
            else {
                const node = stack.pop();
                if (node) {
                    node.kind = state.kind;
                    node.result = state.result;
                }
            }
        },
    });
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++)
        if (text[i] === '\n')
            lineStarts.push(i + 1);
    const toPosition = (offset) => {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((lineStarts[mid] ?? 0) <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
    };
    const skipBlank = (offset) => {
        let i = offset;
        while (i < text.length && /[\s:]/.test(text[i] ?? ''))
            i++;
        return i;
    };
    const document = root.children[0];
    return {
        value,
        /** Position of the key at `path` (what to fix for an unknown key) or of its value (for a bad value). */
        locate(path, at = 'value') {
            let node = document;
            let offset = node ? skipBlank(node.start) : 0;
            for (const segment of path) {
                if (!node)
                    break;
                const next = child(node, segment);
                if (!next)
                    break;
                node = next.value;
                offset = skipBlank(at === 'key' ? (next.key?.start ?? next.value.start) : next.value.start);
            }
            return toPosition(offset);
        },
    };
}
function child(node, segment) {
    if (node.kind === 'sequence' && typeof segment === 'number') {
        const item = node.children[segment];
        return item && { value: item };
    }
    if (node.kind === 'mapping') {
        for (let i = 0; i + 1 < node.children.length; i += 2) {
            const key = node.children[i];
            const value = node.children[i + 1];
            if (key && value && String(key.result) === String(segment))
                return { key, value };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/config/load.ts





let validator;
function validate(value) {
    // useDefaults fills every omitted setting from the schema, so engines read one complete object.
    validator ??= new _2020.Ajv2020({ allErrors: true, useDefaults: true, strict: false }).compile(configSchema());
    const ok = validator(value);
    return { ok, errors: validator.errors ?? [] };
}
/**
 * Loads `.github/closed-loop.yml` text. A missing file is the defaults; a bad one is a
 * ConfigurationError naming file, line, column and key path, with what is allowed.
 */
function loadConfig(text, filename = CONFIG_PATH) {
    if (text === undefined || text.trim() === '')
        return defaults();
    let parsed;
    try {
        parsed = parseWithPositions(text, filename);
    }
    catch (error) {
        if (error instanceof yaml.YAMLException) {
            const { line, column } = error.mark;
            throw new ConfigurationError(`${filename}:${line + 1}:${column + 1}: invalid YAML: ${error.reason}.`);
        }
        throw error;
    }
    const value = parsed.value ?? {};
    if (typeof value !== 'object' || Array.isArray(value))
        throw new ConfigurationError(`${filename}:1:1: the file must be a mapping of settings (see docs/closed-loop.schema.json).`);
    const { ok, errors } = validate(value);
    if (!ok) {
        const first = mostSpecific(errors);
        const path = errorPath(first);
        const { line, column } = parsed.locate(path, first.keyword === 'additionalProperties' ? 'key' : 'value');
        const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} after this one)` : '';
        throw new ConfigurationError(`${filename}:${line}:${column}: ${path.length ? path.join('.') : '(top level)'} ${describe(first)}${more}.`);
    }
    return value;
}
function defaults() {
    const value = {};
    validate(value);
    return value;
}
/**
 * The settings for one environment: `environments.<name>` merged over the top level (objects merge,
 * arrays and scalars replace). An unknown environment name is an error, not a silent fallback.
 */
function resolveEnvironment(config, environment) {
    const { environments, ...base } = config;
    if (!environment)
        return config;
    const override = environments[environment];
    if (!override) {
        const known = Object.keys(environments);
        throw new ConfigurationError(`environment "${environment}" is not defined under environments: in ${CONFIG_PATH}${known.length ? ` (defined: ${known.join(', ')})` : ''}.`);
    }
    return { ...deepMerge(base, override), environments };
}
function deepMerge(base, override) {
    if (!isPlainObject(base) || !isPlainObject(override))
        return override === undefined ? base : override;
    const out = { ...base };
    for (const [k, v] of Object.entries(override))
        out[k] = deepMerge(base[k], v);
    return out;
}
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function errorPath(error) {
    const path = error.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const extra = error.params.additionalProperty;
    return extra ? [...path, extra] : path;
}
// Deeper errors are closer to what the user typed; anyOf/oneOf summaries are least helpful.
function mostSpecific(errors) {
    const score = (e) => e.instancePath.split('/').length * 10 - (['anyOf', 'oneOf', 'if'].includes(e.keyword) ? 5 : 0);
    return [...errors].sort((a, b) => score(b) - score(a))[0];
}
function describe(error) {
    const p = error.params;
    switch (error.keyword) {
        case 'additionalProperties':
            return `is not a known setting; remove it or check the spelling against docs/closed-loop.schema.json`;
        case 'enum':
            return `must be one of: ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        case 'const':
            return `must be ${JSON.stringify(p.allowedValue)}`;
        case 'type':
            return `must be ${String(p.type)}`;
        case 'required':
            return `is missing required setting "${String(p.missingProperty)}"`;
        default:
            return error.message ?? 'is invalid';
    }
}

;// CONCATENATED MODULE: ./packages/core/src/classify/keyword-index.ts
/**
 * Aho–Corasick over the rules' keywords: one pass over a lowercased line says which rules can match
 * it, whatever the number of keywords. ASCII moves through a precomputed table; other characters
 * (✖, ✕, …) through per-node maps. (scan/keyword-index.ts is ASCII-only; these keywords are not.)
 */
class KeywordIndex {
    ascii;
    other = [];
    fail;
    out = [[]];
    seen;
    generation = 0;
    /** `keywords[i]` are the lowercase keywords of rule i. */
    constructor(keywords) {
        const children = [new Map()];
        keywords.forEach((words, rule) => {
            for (const word of words) {
                let node = 0;
                for (const ch of word) {
                    const c = ch.codePointAt(0);
                    const edges = children[node];
                    let next = edges.get(c);
                    if (next === undefined) {
                        next = children.length;
                        children.push(new Map());
                        this.out.push([]);
                        edges.set(c, next);
                    }
                    node = next;
                }
                const out = this.out[node];
                if (!out.includes(rule))
                    out.push(rule);
            }
        });
        this.ascii = new Int32Array(children.length * 128);
        this.fail = new Array(children.length).fill(0);
        // Breadth-first: each node's failure link and full transition row come from shallower nodes.
        const queue = [0];
        for (let head = 0; head < queue.length; head++) {
            const node = queue[head];
            const edges = children[node];
            const f = this.fail[node];
            if (node !== 0)
                this.out[node] = [...new Set([...this.out[node], ...this.out[f]])];
            for (let c = 0; c < 128; c++) {
                const child = edges.get(c);
                const viaFail = node === 0 ? 0 : this.ascii[f * 128 + c];
                if (child === undefined)
                    this.ascii[node * 128 + c] = viaFail;
                else {
                    this.fail[child] = viaFail;
                    this.ascii[node * 128 + c] = child;
                    queue.push(child);
                }
            }
            const wide = new Map();
            for (const [c, child] of edges) {
                if (c < 128)
                    continue;
                wide.set(c, child);
                this.fail[child] = node === 0 ? 0 : this.step(f, c);
                queue.push(child);
            }
            this.other[node] = wide;
        }
        this.seen = new Uint32Array(keywords.length);
    }
    step(node, c) {
        for (let s = node;; s = this.fail[s]) {
            const next = this.other[s]?.get(c);
            if (next !== undefined)
                return next;
            if (s === 0)
                return 0;
        }
    }
    /** Indexes of the rules with a keyword in `lower`, ascending; empty when none. */
    candidates(lower) {
        const found = [];
        const gen = ++this.generation;
        let node = 0;
        for (let i = 0; i < lower.length; i++) {
            const c = lower.charCodeAt(i);
            if (c < 128)
                node = this.ascii[node * 128 + c];
            else {
                node = this.step(node, lower.codePointAt(i));
                if (c >= 0xd800 && c <= 0xdbff)
                    i++;
            }
            for (const rule of this.out[node]) {
                if (this.seen[rule] !== gen) {
                    this.seen[rule] = gen;
                    found.push(rule);
                }
            }
        }
        return found.length > 1 ? found.sort((a, b) => a - b) : found;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/build.ts
/** The code or the pipeline does not build: compiler, linker, syntax, and CI configuration mistakes. */
const buildRules = [
    {
        id: 'build/compiler-error',
        category: 'build',
        subcategory: 'compile',
        pattern: /\berror TS\d+:|\berror CS\d+:|\berror\[E\d{4}\]|^error: could not compile|\.java:\[\d+,\d+\] (error: )?\S|\.(java|kt|scala|swift|cs|c|cc|cpp|h|hpp|m|go|rs|hs|zig|f90):\d+(:\d+)?:? (fatal )?error:?\s|^\S+\.go:\d+:\d+: (undefined|cannot use|too many|not enough|imported and not used|declared (and|but) not used|missing return|syntax error)|\[build failed\]$|COMPILATION ERROR|Compilation failed|Failed to compile\.?$|error: aborting due to|cannot find symbol|incompatible types:|Variable not in scope|Failed to load interface for|Module not found: Error: Can't resolve|Cannot find module '[^']+' or its corresponding type declarations|Could not compile|Compilation error|Execution failed for task ':[\w:-]*compile\w*'/i,
        weight: 0.85,
        keywords: [
            'error',
            'build failed',
            'compil',
            'cannot find symbol',
            'incompatible types',
            'not in scope',
            'failed to load interface',
            "can't resolve",
            'cannot find module',
            'undefined',
            'cannot use',
            'too many',
            'not enough',
            'not used',
            'missing return',
            'syntax error',
            '.java:[',
        ],
        examples: {
            match: [
                "src/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
                '[ERROR] /w/src/Foo.java:[27,12] cannot find symbol',
                'main.go:12:2: undefined: Foo',
                'src/a.c:3:10: fatal error: foo.h: No such file or directory',
                'error[E0425]: cannot find value `x` in this scope',
                'FAIL\tgithub.com/acme/x [build failed]',
            ],
            noMatch: ['compiling 3 files', '0 errors, 0 warnings'],
        },
    },
    {
        id: 'build/syntax',
        category: 'build',
        subcategory: 'syntax',
        pattern: /^(\w+\.)?SyntaxError: |^\s*SyntaxError: |Parse error: syntax error|syntax error, unexpected|IndentationError: |invalid syntax|error: unexpected (token|identifier|end of)/,
        weight: 0.7,
        keywords: ['syntaxerror', 'syntax error', 'indentationerror', 'invalid syntax', 'error: unexpected'],
        examples: { match: ['SyntaxError: Unexpected token function', "PHP Parse error: syntax error, unexpected '}'"], noMatch: ['syntax highlighting enabled'] },
    },
    {
        id: 'build/load-error',
        category: 'build',
        subcategory: 'syntax',
        pattern: /An error occurred while loading \S+\.rb|LoadError: cannot load such file|ImportError while importing test module|Error: Cannot find module '[^']+'$/,
        weight: 0.85,
        keywords: ['an error occurred while loading', 'loaderror', 'importerror while importing', 'cannot find module'],
        examples: { match: ['An error occurred while loading ./spec/a_spec.rb.', "Error: Cannot find module 'express'"], noMatch: ['loading spec files'] },
    },
    {
        id: 'build/link',
        category: 'build',
        subcategory: 'link',
        pattern: /undefined reference to [`']|ld returned \d+ exit status|linker command failed|ld: (library|symbol\(s\)) not found|unresolved external symbol|LNK\d{4}:/,
        weight: 0.85,
        keywords: ['undefined reference', 'ld returned', 'linker command failed', 'ld: ', 'unresolved external', 'lnk'],
        examples: {
            match: ["foo.o: undefined reference to `bar'", 'collect2: error: ld returned 1 exit status', 'clang: error: linker command failed with exit code 1'],
            noMatch: ['linking target app'],
        },
    },
    {
        id: 'build/ci-config',
        category: 'build',
        subcategory: 'ci-config',
        pattern: /Invalid workflow file|The workflow is not valid|Unrecognized named-value|Unable to resolve action|Can't find 'action\.ya?ml'|Input required and not supplied|Unexpected input\(s\)|No Rakefile found|No rule to make target|Task never defined|Task '\S+' not found in (root )?project|npm ERR! Missing script|Missing script: |command not found$|: not found$|executable file not found in \$PATH|is owned by someone else|detected dubious ownership|No tags can describe|invalid reference format|Illegal switch|flag provided but not defined|unknown (flag|shorthand flag|option)\b|unrecognized (argument|option)s?\b|Unknown (command|lifecycle phase)|No such file or directory.*\b(\w+\.sh|Makefile|requirements\.txt|package\.json|Gemfile|pom\.xml|build\.gradle)\b|Could not find a part of the path|not a git repository|pathspec .* did not match|Permission denied.*\.sh|requires at least one argument|Error: Unable to process file command|set-output command is (deprecated|disabled)|Can't open file|could not read Username/i,
        weight: 0.8,
        keywords: [
            'invalid workflow',
            'workflow is not valid',
            'unrecognized named-value',
            'unable to resolve action',
            "can't find 'action",
            'input required',
            'unexpected input',
            'no rakefile',
            'no rule to make target',
            'task never defined',
            'not found in',
            'missing script',
            'not found',
            'owned by someone else',
            'dubious ownership',
            'no tags can describe',
            'invalid reference format',
            'illegal switch',
            'flag provided but not defined',
            'unknown',
            'unrecognized',
            'no such file',
            'could not find a part',
            'not a git repository',
            'did not match',
            'permission denied',
            'requires at least one argument',
            'unable to process file command',
            'set-output',
            "can't open file",
            'could not read username',
        ],
        examples: {
            match: [
                'No Rakefile found (looking for: rakefile, Rakefile)',
                "make: *** No rule to make target 'dist'.  Stop.",
                'npm ERR! Missing script: "lint"',
                'bash: line 1: yarnn: command not found',
                'Error: Input required and not supplied: token',
                "fatal: detected dubious ownership in repository at '/w'",
            ],
            noMatch: ['Running make dist', 'command found'],
        },
    },
    {
        id: 'build/docker',
        category: 'build',
        subcategory: 'docker',
        pattern: /Unable to find image .* locally|manifest (for \S+ )?(not found|unknown)|pull access denied|repository does not exist or may require 'docker login'|failed to solve: |The command '.*' returned a non-zero code|COPY failed|failed to compute cache key|oci runtime (error|exec failed)|starting container process caused/i,
        weight: 0.75,
        keywords: [
            'unable to find image',
            'manifest',
            'pull access denied',
            'repository does not exist',
            'failed to solve',
            'returned a non-zero code',
            'copy failed',
            'failed to compute cache key',
            'oci runtime',
            'starting container process',
        ],
        examples: {
            match: [
                'docker: Error response from daemon: manifest for acme/x:current not found: manifest unknown',
                'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2',
                'COPY failed: file not found in build context',
            ],
            noMatch: ['Successfully built 123abc'],
        },
    },
    {
        id: 'build/tool-failure',
        category: 'build',
        subcategory: 'build-failure',
        pattern: /BUILD FAILURE|FAILURE: Build failed with an exception|Build FAILED\.?$|error: build failed|make(\[\d+\])?: \*\*\* \[.*\] Error \d+|\[ERROR\] Failed to execute goal|rake aborted!|ninja: build stopped|Build step '.*' marked build as failure/,
        weight: 0.4,
        keywords: ['build failure', 'build failed', 'error', 'failed to execute goal', 'rake aborted', 'build stopped', 'marked build as failure'],
        examples: {
            match: ['[INFO] BUILD FAILURE', 'make: *** [Makefile:12: all] Error 2', 'FAILURE: Build failed with an exception.'],
            noMatch: ['BUILD SUCCESS'],
        },
    },
    {
        id: 'build/runtime-crash',
        category: 'build',
        subcategory: 'runtime-crash',
        pattern: /^(Uncaught )?(ReferenceError|TypeError|RangeError): .* is not (defined|a function)|^node:internal\/\S+:\d+$|Error \[ERR_\w+\]:|^thread '\S+' panicked at/,
        weight: 0.5,
        keywords: ['is not defined', 'is not a function', 'node:internal', 'error [err_', 'panicked at'],
        examples: { match: ['ReferenceError: foo is not defined', "thread 'main' panicked at 'boom', src/main.rs:2:5"], noMatch: ['no panic here'] },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/dependencies.ts
/** Packages that cannot be found, resolved, or used with this toolchain. Not network outages: see infrastructure. */
const dependencyRules = [
    {
        id: 'dependencies/not-found',
        category: 'dependencies',
        subcategory: 'resolution',
        pattern: /Could not find artifact \S+|Could not resolve dependencies for project|Failed to read artifact descriptor|Could not resolve all (files|dependencies|artifacts) for configuration|No matching distribution found for|Could not find a version that satisfies the requirement|PackagesNotFoundError|ResolutionImpossible|version solving failed|failed to select a version for|no matching package named|Unable to resolve dependency tree|npm ERR! code (ERESOLVE|ETARGET|E404)|No matching version found for|Couldn't find any versions for|Could not find gem|Could not find .* in any of the sources|unable to find a match for|Package .* is not available|Unable to locate package|Could not resolve (host: )?\S+ in (any|the) (repositor|registr)|does not contain package|module .* not found: (unknown revision|version)|could not find module providing package|package .* is not in (GOROOT|std)|plugin .* (or one of its dependencies )?could not be resolved/i,
        weight: 0.85,
        keywords: [
            'could not find',
            'could not resolve',
            'failed to read artifact descriptor',
            'no matching',
            'packagesnotfounderror',
            'resolutionimpossible',
            'version solving failed',
            'failed to select a version',
            'unable to resolve',
            'npm err! code',
            "couldn't find any versions",
            'unable to find a match',
            'is not available',
            'unable to locate package',
            'does not contain package',
            'not found',
            'could not find module',
            'is not in goroot',
            'is not in std',
            'could not be resolved',
        ],
        examples: {
            match: [
                'Could not find artifact com.acme:lib:jar:1.2 in central (https://repo1.maven.org/maven2/)',
                'ERROR: No matching distribution found for numpy==9.9',
                'npm ERR! code ERESOLVE',
                'E: Unable to locate package libfoo-dev',
            ],
            noMatch: ['Resolving dependencies...', 'Downloaded artifact com.acme:lib:jar:1.2'],
        },
    },
    {
        id: 'dependencies/version-conflict',
        category: 'dependencies',
        subcategory: 'version-conflict',
        pattern: /The requested package \S+ .*(exists as|could not be found)|Your requirements could not be resolved to an installable set|conflicting (dependencies|requirements|versions)|dependency conflict|has requirement .*, but you have|Because .* depends on .* version solving|peer dep(endency)? .*(conflict|incompatible)|is incompatible with (this|the) (version|module)|Bundler could not find compatible versions/i,
        weight: 0.85,
        keywords: [
            'the requested package',
            'could not be resolved to an installable set',
            'conflict',
            'has requirement',
            'version solving',
            'peer dep',
            'is incompatible with',
            'could not find compatible versions',
        ],
        examples: {
            match: [
                '  - The requested package acme/lib 4.4@dev exists as acme/lib[2.7.x-dev] but these are rejected',
                'Your requirements could not be resolved to an installable set of packages.',
                'pkg 1.0 has requirement six>=1.16, but you have six 1.10.',
            ],
            noMatch: ['No conflicts found'],
        },
    },
    {
        id: 'dependencies/lockfile',
        category: 'dependencies',
        subcategory: 'lockfile',
        pattern: /can only install packages when your package\.json and package-lock\.json .* are in sync|lock ?file .*(out of date|needs to be updated|not up to date|would have been modified)|frozen-lockfile|--frozen-lockfile|lockfile had changes, but lockfile is frozen|The lock file is not up to date|poetry\.lock .* (not consistent|out of date)|Gemfile\.lock .* (frozen|changed)|go: updates to go\.(mod|sum) needed|missing go\.sum entry/i,
        weight: 0.85,
        keywords: ['package-lock.json', 'lock', 'go.mod', 'go.sum'],
        examples: {
            match: [
                'npm ERR! `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync.',
                'go: updates to go.mod needed; to update it:',
                'missing go.sum entry for module providing package x',
            ],
            noMatch: ['lockfile is up to date'],
        },
    },
    {
        id: 'dependencies/class-version',
        category: 'dependencies',
        subcategory: 'incompatible-class-version',
        pattern: /UnsupportedClassVersionError|has been compiled by a more recent version of the Java Runtime|class file has wrong version|bad class file: |class file (major )?version \d+.*(only|up to)|cannot access \S+$/,
        weight: 0.9,
        keywords: ['unsupportedclassversionerror', 'compiled by a more recent version', 'class file', 'cannot access'],
        examples: {
            match: [
                'java.lang.UnsupportedClassVersionError: x/Y has been compiled by a more recent version of the Java Runtime (class file version 61.0)',
                '  bad class file: /root/.m2/spoon.jar(spoon/Launcher.class)',
            ],
            noMatch: ['cannot find symbol'],
        },
    },
    {
        id: 'dependencies/toolchain',
        category: 'dependencies',
        subcategory: 'toolchain-incompatible',
        pattern: /The engine "\w+" is incompatible with this module|Unsupported engine|requires a different (Ruby|Python|Node|PHP|Java|Go|Rust)\b|requires (Ruby|Python|Node(\.js)?|PHP|Java|Go|Rust) version|requires Python ['"]?[<>=]|requires rustc \d|Requires: Python|rustc \d+\.\d+\.\d+ is not supported|package requires go\s?\d|go\.mod requires go >= /i,
        weight: 0.85,
        keywords: [
            'is incompatible with this module',
            'unsupported engine',
            'requires a different',
            'requires python',
            'requires rustc',
            'requires: python',
            'is not supported',
            'package requires go',
            'requires go',
        ],
        examples: {
            match: [
                'error lib@2.0.0: The engine "node" is incompatible with this module. Expected version ">=18".',
                "ERROR: Package x requires a different Python: 3.7.1 not in '>=3.8'",
            ],
            noMatch: ['Using Python 3.11'],
        },
    },
    {
        id: 'dependencies/third-party-compile',
        category: 'dependencies',
        subcategory: 'toolchain-incompatible',
        // The compiler points into a downloaded crate or module: the dependency does not build with this toolchain.
        pattern: /^\s*--> \S*(\.cargo\/registry\/src|\.cargo\/git\/checkouts)\/|^\S*\/go\/pkg\/mod\/\S+\.go:\d+:\d+: (undefined|cannot use|too many|not enough|syntax error)/,
        weight: 0.9,
        keywords: ['.cargo/', '/go/pkg/mod/'],
        examples: {
            match: ['  --> /home/u/.cargo/registry/src/github.com-1ecc/alloc-0.5.0/src/lib.rs:139:5', '/home/u/go/pkg/mod/x.io/y@v1.0.0/a.go:3:4: undefined: z'],
            noMatch: ['   --> src/main.rs:3:5'],
        },
    },
    {
        id: 'dependencies/download-404',
        category: 'dependencies',
        subcategory: 'download-404',
        pattern: /\bFailure 404\b|\b404 Not Found\b|returned error: 404|\bHTTP (Error )?404\b|status code 404|response status 404|\bE404\b|Not Found for url/i,
        weight: 0.7,
        keywords: ['404', 'not found for url'],
        examples: {
            match: ['curl: (22) The requested URL returned error: 404', '* Failure 404 Not Found', 'npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope'],
            noMatch: ['GET /health 200', 'handled 404 page test'],
        },
    },
    {
        id: 'dependencies/install-failed',
        category: 'dependencies',
        subcategory: 'install',
        pattern: /Failed building wheel for|ERROR: Could not build wheels for|Command errored out with exit status|error: subprocess-exited-with-error|npm ERR! (code ELIFECYCLE.*install|gyp ERR)|gyp ERR! |An error occurred while installing \S+|Gem::Ext::BuildError|pip install .* (returned|exit status) [1-9]|ERROR: Failed to build installable wheels/i,
        weight: 0.75,
        keywords: [
            'failed building wheel',
            'could not build wheels',
            'command errored out',
            'subprocess-exited-with-error',
            'npm err!',
            'gyp err!',
            'an error occurred while installing',
            'builderror',
            'pip install',
            'failed to build installable wheels',
        ],
        examples: {
            match: ['Failed building wheel for lxml', 'An error occurred while installing nokogiri (1.10.0), and Bundler cannot continue.'],
            noMatch: ['Successfully built wheel for lxml'],
        },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/generic.ts
/**
 * Lines that only say "something failed": they locate evidence when no specific rule matches, and
 * never decide a category on their own (category unknown, low weight).
 */
const genericRules = [
    {
        id: 'generic/error-line',
        category: 'unknown',
        subcategory: 'error',
        pattern: /^(\[?(ERROR|FATAL|Error|error|fatal)\]?:?\s)|\bERROR\b:|^E\s{2,}\S|^npm ERR! |^\s*(error|Error|ERROR)[ :]/,
        weight: 0.2,
        keywords: ['error', 'fatal', 'e  ', 'npm err!'],
        examples: {
            match: ['error: something broke', '[ERROR] Failed', 'fatal: bad object HEAD', 'E   assert 1 == 2'],
            noMatch: ['0 errors', 'with error handling'],
        },
    },
    {
        id: 'generic/exit-code',
        category: 'unknown',
        subcategory: 'exit-code',
        pattern: /^Process completed with exit code [1-9]\d*\.?$|^The command ".*" (exited|failed) with [1-9]\d*\.?$|^Error: Process completed with exit code [1-9]|exited with code [1-9]\d*$|Exited with code exit status [1-9]/,
        weight: 0.1,
        keywords: ['exit code', 'exited with', 'failed with', 'exit status'],
        examples: { match: ['Process completed with exit code 1.', 'The command "make test" exited with 2.'], noMatch: ['The command "make test" exited with 0.'] },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/infrastructure.ts
/**
 * The runner, the network or a service failed, not the code. These are the transient rules: the
 * scanner drops their transient flag when the line sits inside a test's own failure or stack trace.
 */
const infrastructureRules = [
    {
        id: 'infrastructure/network',
        category: 'infrastructure',
        subcategory: 'network',
        pattern: /\bECONNREFUSED\b|\bECONNRESET\b|\bETIMEDOUT\b|\bEAI_AGAIN\b|\bENOTFOUND\b|Connection refused|Connection reset by peer|connection reset|Connection timed out|Connect(ion)? timeout|Could not resolve host|Temporary failure in name resolution|Name or service not known|getaddrinfo|Network is unreachable|network error|socket hang up|TLS handshake timeout|i\/o timeout|Couldn't establish HTTP connection|Failed to connect to \S+ port \d+|SSL_ERROR_SYSCALL|RPC failed; (curl|HTTP)|early EOF|The remote end hung up unexpectedly|unexpected EOF|Read timed out|connect timed out|Could not transfer artifact .* (Connection|timed out|reset|Remote host terminated)|dial tcp .*: (i\/o timeout|connection refused|no such host)|read tcp .*: (connection reset|i\/o timeout)|Failed to establish a new connection|Max retries exceeded with url|Remote host terminated the handshake|gnutls_handshake\(\) failed|curl: \(\d+\) (Failed to connect|Could not resolve|Operation timed out|Recv failure|OpenSSL)/i,
        weight: 0.85,
        keywords: [
            'econnrefused',
            'econnreset',
            'etimedout',
            'eai_again',
            'enotfound',
            'connection',
            'could not resolve host',
            'name resolution',
            'name or service not known',
            'getaddrinfo',
            'network',
            'socket hang up',
            'tls handshake timeout',
            'i/o timeout',
            'failed to connect',
            'ssl_error_syscall',
            'rpc failed',
            'early eof',
            'hung up unexpectedly',
            'unexpected eof',
            'timed out',
            'could not transfer artifact',
            'dial tcp',
            'read tcp',
            'max retries exceeded',
            'remote host terminated',
            'gnutls_handshake',
            'curl: (',
        ],
        transient: true,
        examples: {
            match: [
                'npm ERR! code ECONNRESET',
                'curl: (7) Failed to connect to example.com port 443: Connection refused',
                "fatal: unable to access 'https://github.com/a/b/': Could not resolve host: github.com",
                'go: downloading x: Get "https://proxy.golang.org/x.zip": read tcp 10.1.0.82:5277->1.2.3.4:443: read: connection reset by peer',
            ],
            noMatch: ['Connection established', 'retrying connection pool warmup'],
        },
    },
    {
        id: 'infrastructure/service-unavailable',
        category: 'infrastructure',
        subcategory: 'service-outage',
        pattern: /\b(502 Bad Gateway|503 Service (Temporarily )?Unavailable|504 Gateway Time-?out|500 Internal Server Error)\b|returned error: 5\d\d|(status|status code|HTTP|response code):? 50[0234]\b|Service Unavailable|unexpected status( code)?:? 5\d\d/i,
        weight: 0.8,
        keywords: [
            '502 bad gateway',
            '503 service',
            '504 gateway',
            '500 internal server error',
            'returned error: 5',
            'status 50',
            'status: 50',
            'code 50',
            'code: 50',
            'http 50',
            'http: 50',
            'service unavailable',
            'unexpected status',
        ],
        transient: true,
        examples: {
            match: [
                "fatal: unable to access 'https://github.com/a/b/': The requested URL returned error: 503",
                'Received HTTP code 502 Bad Gateway from proxy',
                'TransportException: https://github.com/a/b.git: 503 Service Unavailable',
            ],
            noMatch: ['HTTP 200 OK', 'status: 500ms'],
        },
    },
    {
        id: 'infrastructure/rate-limit',
        category: 'infrastructure',
        subcategory: 'rate-limit',
        pattern: /API rate limit exceeded|secondary rate limit|429 Too Many Requests|\btoomanyrequests\b|You have reached your pull rate limit|rate limit(ed)? (exceeded|reached)|HTTP 429\b|status code 429/i,
        weight: 0.9,
        keywords: ['rate limit', '429', 'toomanyrequests'],
        transient: true,
        examples: {
            match: ['API rate limit exceeded for installation ID 123.', 'toomanyrequests: You have reached your pull rate limit.', 'HTTP 429 Too Many Requests'],
            noMatch: ['rate limit: 5000 remaining'],
        },
    },
    {
        id: 'infrastructure/runner-lost',
        category: 'infrastructure',
        subcategory: 'runner-lost',
        pattern: /The runner has received a shutdown signal|lost communication with the server|The hosted runner encountered an error|The self-hosted runner: .* lost|Runner .* (did not respond|is offline)|hudson\.remoting\.(Channel\$OrderlyShutdown|ChannelClosedException|RequestAbortedException)|Agent went offline|agent .* (disconnected|lost)|Received request to deprovision/i,
        weight: 0.9,
        keywords: [
            'shutdown signal',
            'lost communication',
            'hosted runner encountered an error',
            'self-hosted runner',
            'did not respond',
            'is offline',
            'hudson.remoting',
            'went offline',
            'disconnected',
            'lost',
            'deprovision',
        ],
        transient: true,
        examples: {
            match: [
                '##[error]The runner has received a shutdown signal. This can happen when the runner service is stopped.',
                'The job was not acquired by Runner of type hosted even after multiple attempts. Runner GitHub Actions 2 did not respond',
                'FATAL: hudson.remoting.Channel$OrderlyShutdown: Command Close created at',
            ],
            noMatch: ['shutdown the test server', 'runner started'],
        },
    },
    {
        id: 'infrastructure/registry-fetch',
        category: 'infrastructure',
        subcategory: 'registry',
        pattern: /failed to copy: httpReadSeeker|could not fetch content descriptor|error pulling image configuration|failed to (fetch|download) .*blob|net\/http: request canceled|unexpected status from \w+ request to .* 5\d\d|Error response from daemon: (Get|Head) .*(timeout|Service Unavailable|i\/o timeout)|failed to do request: Head|Client\.Timeout exceeded/i,
        weight: 0.85,
        keywords: [
            'httpreadseeker',
            'could not fetch content descriptor',
            'error pulling image configuration',
            'failed to fetch',
            'failed to download',
            'request canceled',
            'unexpected status from',
            'error response from daemon',
            'failed to do request',
            'client.timeout exceeded',
        ],
        transient: true,
        examples: {
            match: [
                '#6 ERROR: failed to copy: httpReadSeeker: failed open: could not fetch content descriptor sha256:abc',
                'Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection',
            ],
            noMatch: ['pulled image configuration'],
        },
    },
    {
        id: 'infrastructure/vcs-fetch',
        category: 'infrastructure',
        subcategory: 'vcs',
        pattern: /Error cloning remote repo|Error fetching remote repo|Could not (fetch|checkout) [0-9a-f]{7,}|hudson\.plugins\.git\.GitException|fatal: unable to access '[^']+': |fatal: could not read from remote repository/i,
        weight: 0.7,
        keywords: [
            'error cloning remote repo',
            'error fetching remote repo',
            'could not fetch',
            'could not checkout',
            'gitexception',
            'unable to access',
            'could not read from remote',
        ],
        transient: true,
        examples: {
            match: ["ERROR: Error cloning remote repo 'origin'", "fatal: unable to access 'https://github.com/a/b.git/': gnutls_handshake() failed"],
            noMatch: ['Cloning into x...'],
        },
    },
    {
        id: 'infrastructure/vcs-ref-missing',
        category: 'infrastructure',
        subcategory: 'vcs-ref-missing',
        pattern: /Remote branch \S+ not found in upstream|couldn't find remote ref|Could not find remote branch|reference is not a tree|fatal: Couldn't find remote ref/i,
        weight: 0.9,
        keywords: ['not found in upstream', "couldn't find remote ref", 'could not find remote branch', 'reference is not a tree'],
        examples: {
            match: ['fatal: Remote branch topic not found in upstream origin', "fatal: couldn't find remote ref refs/heads/gone"],
            noMatch: ['Switched to branch main'],
        },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/performance.ts
/** Resources ran out or a budget was exceeded: disk, memory, time, size, benchmarks. */
const performanceRules = [
    {
        id: 'performance/disk-full',
        category: 'performance',
        subcategory: 'disk-full',
        // A full disk on a hosted runner comes from the runner's state as much as from the job: a re-run on a fresh one usually passes.
        pattern: /No space left on device|\bENOSPC\b|Disk quota exceeded|not enough (free )?disk space|You are running out of disk space|There is not enough space on the disk/i,
        weight: 0.95,
        keywords: [
            'no space left',
            'enospc',
            'disk quota exceeded',
            'enough free disk',
            'enough disk',
            'running out of disk space',
            'not enough space on the disk',
        ],
        transient: true,
        examples: {
            match: [
                'java.io.IOException: No space left on device',
                'npm ERR! code ENOSPC',
                'You are running out of disk space. The runner will stop working when the machine runs out of disk space.',
            ],
            noMatch: ['Disk space: 14G free', 'checking for space in path'],
        },
    },
    {
        id: 'performance/oom',
        category: 'performance',
        subcategory: 'oom',
        pattern: /JavaScript heap out of memory|java\.lang\.OutOfMemoryError|\bOutOfMemoryError\b|Cannot allocate memory|out of memory|\bMemoryError\b|memory allocation of \d+ bytes failed|Killed\s+.*signal 9|exit code 137\b|\bOOMKilled\b|std::bad_alloc/i,
        weight: 0.9,
        keywords: [
            'out of memory',
            'outofmemoryerror',
            'cannot allocate memory',
            'memoryerror',
            'memory allocation',
            'killed',
            'exit code 137',
            'oomkilled',
            'bad_alloc',
        ],
        examples: {
            match: [
                'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
                'java.lang.OutOfMemoryError: Java heap space',
                'Error: Process completed with exit code 137.',
            ],
            noMatch: ['memory usage: 120MB', 'exit code 1'],
        },
    },
    {
        id: 'performance/job-timeout',
        category: 'performance',
        subcategory: 'timeout',
        pattern: /has exceeded the maximum execution time of \d+ minutes|The job running on runner .* has exceeded|No output has been received in the last \d+m|Build timed out \(after \d+ minutes\)|job (exceeded|reached) (the )?(maximum )?(time|timeout)/i,
        weight: 0.9,
        keywords: ['maximum execution time', 'has exceeded', 'no output has been received', 'build timed out', 'job exceeded', 'job reached'],
        examples: {
            match: [
                'The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 360 minutes.',
                'No output has been received in the last 10m0s, this potentially indicates a stalled build',
            ],
            noMatch: ['timeout-minutes: 30'],
        },
    },
    {
        id: 'performance/budget',
        category: 'performance',
        subcategory: 'regression',
        pattern: /performance regression|benchmarks? (regress|fail)|exceeds? (the )?(size|performance|time) budget|size limit (has been )?exceeded|Package size limit has exceeded|Lighthouse.*(fail|below threshold)/i,
        weight: 0.85,
        keywords: ['performance regression', 'benchmark', 'budget', 'size limit'],
        examples: { match: ['Error: Package size limit has exceeded by 2 kB', 'Performance regression detected in parse()'], noMatch: ['Running benchmarks'] },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/quality.ts
/** Linters, formatters and "generated files are stale" checks: the code works but breaks a project rule. */
const qualityRules = [
    {
        id: 'quality/eslint-problem',
        category: 'quality',
        subcategory: 'lint',
        pattern: /^\s*\d+:\d+\s+(error|warning)\s+.+\s{2,}(@?[\w-]+\/)?[\w-]+$/,
        weight: 0.85,
        keywords: ['error', 'warning'],
        examples: {
            match: [
                '  12:5  error  Unexpected console statement  no-console',
                '   3:10  error  Missing return type  @typescript-eslint/explicit-function-return-type',
            ],
            noMatch: ['12:5 error in module', 'at foo (index.js:12:5)'],
        },
    },
    {
        id: 'quality/eslint-summary',
        category: 'quality',
        subcategory: 'lint',
        pattern: /✖ \d+ problems? \(\d+ errors?/,
        weight: 0.85,
        keywords: ['problem'],
        examples: { match: ['✖ 3 problems (3 errors, 0 warnings)'], noMatch: ['3 problems found in tests'] },
    },
    {
        id: 'quality/pep8-code',
        category: 'quality',
        subcategory: 'lint',
        pattern: /^\S+\.pyi?:\d+:\d+: [EWFCN]\d{3} /,
        weight: 0.9,
        keywords: ['.py'],
        examples: {
            match: ['./pkg/mod.py:8:9: E128 continuation line under-indented for visual indent', "app.py:1:1: F401 'os' imported but unused"],
            noMatch: ['app.py:1:1: error: invalid syntax'],
        },
    },
    {
        id: 'quality/pylint-code',
        category: 'quality',
        subcategory: 'lint',
        pattern: /^\S+\.py:\d+:\d+: [CRWEF]\d{4}: /,
        weight: 0.9,
        keywords: ['.py:'],
        examples: { match: ['pkg/a.py:10:0: C0114: Missing module docstring (missing-module-docstring)'], noMatch: ['pkg/a.py:10: in test_x'] },
    },
    {
        id: 'quality/rubocop-offense',
        category: 'quality',
        subcategory: 'lint',
        pattern: /:\d+:\d+: [CWEF]: (\[Correctable\] )?[A-Z]\w+\/\w+:|offenses? detected/,
        weight: 0.9,
        keywords: [': c: ', ': w: ', ': e: ', ': f: ', 'offense'],
        examples: {
            match: ['app/models/user.rb:1:1: C: Style/FrozenStringLiteralComment: Missing magic comment', '12 files inspected, 3 offenses detected'],
            noMatch: ['user.rb:1:1: syntax error'],
        },
    },
    {
        id: 'quality/shellcheck',
        category: 'quality',
        subcategory: 'lint',
        pattern: /\bSC\d{4}\b.*(error|warning|info|style)/,
        weight: 0.8,
        keywords: ['sc1', 'sc2', 'sc3'],
        examples: { match: ['SC2086 (info): Double quote to prevent globbing and word splitting.'], noMatch: ['SC2086 is a fine code'] },
    },
    {
        id: 'quality/lint-tool-failed',
        category: 'quality',
        subcategory: 'lint',
        pattern: /`-D clippy::[a-z_-]+` implied by|Execution failed for task ':[\w:-]*(checkstyle|pmd|spotbugs|detekt|ktlint|lint)\w*'|\b(eslint|tslint|stylelint|flake8|pylint|rubocop|golangci-lint|gometalinter|ktlint|detekt|checkstyle|pmd|spotbugs|clippy|markdownlint|hadolint|yamllint|standardrb|phpcs|swiftlint)\b.*\b(fail(ed|ure)?|errors?|violations?|exit (code|status) [1-9])\b/i,
        weight: 0.75,
        keywords: ['clippy::', 'lint', 'checkstyle', 'pmd', 'spotbugs', 'clippy', 'detekt', 'rubocop', 'flake8', 'phpcs', 'standardrb'],
        examples: {
            match: [
                '   = note: `-D clippy::needless-borrow` implied by `-D warnings`',
                "Execution failed for task ':app:checkstyleMain'.",
                'golangci-lint run failed with exit code 1',
                'ESLint found too many errors (maximum: 0)',
            ],
            noMatch: ['Installing eslint@8.0.0', 'eslint passed in 2s'],
        },
    },
    {
        id: 'quality/linter-config',
        category: 'quality',
        subcategory: 'lint-config',
        pattern: /Unable to create Root Module: config|Failed to load (config|plugin) "[^"]+" to extend from|Oops! Something went wrong! :\(/,
        weight: 0.8,
        keywords: ['unable to create root module', 'to extend from', 'something went wrong'],
        examples: {
            match: ['Failed to load config "airbnb" to extend from.', 'Unable to create Root Module: config {/x/checkstyle.xml}'],
            noMatch: ['Loaded config from .eslintrc'],
        },
    },
    {
        id: 'quality/static-analysis',
        category: 'quality',
        subcategory: 'static-analysis',
        pattern: /\((SA\d{4}|ST\d{4}|S\d{4}|U1000|QF\d{4}|compile)\)$|^\S+\.go:\d+:\d+: .*\((govet|staticcheck|errcheck|unused|ineffassign|gosimple|revive|gocritic)\)$|\bmypy\b.*\bFound \d+ errors?|^\S+\.pyi?:\d+: error: .*\[[a-z-]+\]$/,
        weight: 0.85,
        keywords: [
            '(sa',
            '(st',
            '(s1',
            '(s2',
            '(s3',
            '(s4',
            '(s5',
            '(s9',
            '(u1000',
            '(qf',
            '(compile)',
            '(govet',
            '(staticcheck',
            '(errcheck',
            '(unused',
            '(ineffassign',
            '(gosimple',
            '(revive',
            '(gocritic',
            'mypy',
            'error:',
        ],
        examples: {
            match: [
                'internal/x.go:10:2: func foo is unused (U1000)',
                'main.go:3:1: Error return value is not checked (errcheck)',
                'pkg/a.py:3: error: Incompatible types in assignment  [assignment]',
            ],
            noMatch: ['main.go:3:1: undefined: foo'],
        },
    },
    {
        id: 'quality/api-compat',
        category: 'quality',
        subcategory: 'api-compat',
        pattern: /animal-sniffer|Undefined reference: \S+ \S+\(|API compatibility (check )?failed|japicmp.*(incompatib|breaking)|revapi.*(failed|problems?)/i,
        weight: 0.8,
        keywords: ['animal-sniffer', 'undefined reference:', 'api compatibility', 'japicmp', 'revapi'],
        examples: {
            match: ['[ERROR] Foo.java:348: Undefined reference: java.nio.ByteBuffer java.nio.ByteBuffer.position(int)', 'API compatibility check failed'],
            noMatch: ['Undefined variable x'],
        },
    },
    {
        id: 'quality/format-check',
        category: 'quality',
        subcategory: 'format',
        pattern: /would reformat |Code style issues (found|were found)|Forgot to run Prettier\?|files? (would be|were) reformatted|Diff in \S+ at line \d+|is not formatted|not properly formatted|needs formatting|formatting (check )?failed|Run ['`]?(cargo fmt|gofmt|black|prettier|clang-format|spotless:apply|ktlint -F|terraform fmt)|gofmt needs to be run|spotlessCheck|The following files? (are|is) not formatted|clang-format.*violations?|Oh no! .*\u{1F494}/iu,
        weight: 0.9,
        keywords: [
            'would reformat',
            'code style issues',
            'forgot to run prettier',
            'reformatted',
            'diff in ',
            'not formatted',
            'not properly formatted',
            'needs formatting',
            'formatting',
            'cargo fmt',
            'black',
            'prettier',
            'spotless',
            'ktlint',
            'terraform fmt',
            'gofmt',
            'spotlesscheck',
            'clang-format',
            'oh no!',
        ],
        examples: {
            match: [
                'would reformat src/app.py',
                '[warn] Code style issues found in 2 files. Forgot to run Prettier?',
                'Diff in /src/lib.rs at line 3:',
                "Execution failed for task ':spotlessCheck'.",
            ],
            noMatch: ['reformatted 0 files', 'prettier --write .'],
        },
    },
    {
        id: 'quality/go-linter',
        category: 'quality',
        subcategory: 'lint',
        pattern: /^\S+\.go:\d+(:\d+)?:\s*(warning|error)?:? .*\((golint|goimports|gofmt|vet|govet|misspell|unconvert|deadcode|varcheck|structcheck|lll|gocyclo|goconst|dupl|maligned|megacheck|interfacer|unparam|nakedret|prealloc|stylecheck|gosec)\)$/,
        weight: 0.85,
        keywords: ['.go:'],
        examples: {
            match: ['core/x.go:12:3:warning: file is not goimported (goimports)', 'a.go:1: exported func Foo should have comment (golint)'],
            noMatch: ['a.go:1:2: undefined: Foo'],
        },
    },
    {
        id: 'quality/make-check-target',
        category: 'quality',
        subcategory: 'lint',
        // The make target that failed names the kind of check when the tool's own output does not.
        pattern: /make(\[\d+\])?: \*\*\* \[(\S+:\d+: )?\S*(lint|staticcheck|vet|fmtcheck|fmt-check|check-fmt|checkfmt|format-check|exhaustive|stylecheck|checkstyle|tidy-check)\S*\] Error \d+/,
        weight: 0.7,
        keywords: ['make'],
        examples: {
            match: ['make: *** [Makefile:27: exhaustive] Error 1', 'make[1]: *** [golangci-lint] Error 2'],
            noMatch: ['make: *** [Makefile:12: test] Error 2'],
        },
    },
    {
        id: 'quality/diff-after-check',
        category: 'quality',
        subcategory: 'format',
        // A CI job printing a diff of the tree means a formatter or generator changed files the commit should have had.
        pattern: /^diff --git a\/\S+ b\/\S+$/,
        weight: 0.6,
        keywords: ['diff --git'],
        examples: { match: ['diff --git a/docs/README.org b/docs/README.org'], noMatch: ['git diff --git-dir'] },
    },
    {
        id: 'quality/generated-files-dirty',
        category: 'quality',
        subcategory: 'generated-files-dirty',
        pattern: /go\.(mod|sum).*not up[- ]to[- ]date|Run .go mod tidy|please commit (all |the )?(changes|generated|updated)|uncommitted changes (after|detected)|generated (files|code) (is|are) (out of date|stale|not up[- ]to[- ]date)|working (tree|directory) (is )?(dirty|not clean)|files? (were|was) modified by|git diff --exit-code.*(failed|exit code [1-9])|(out of date|outdated) (with|compared to) (the )?(source|schema|generated)/i,
        weight: 0.9,
        keywords: [
            'go.mod',
            'go.sum',
            'go mod tidy',
            'please commit',
            'uncommitted changes',
            'generated',
            'working tree',
            'working directory',
            'modified by',
            'git diff --exit-code',
            'out of date',
            'outdated',
        ],
        examples: {
            match: [
                "ERROR: go.mod/go.sum are not up-to-date. Run 'go mod tidy' and then commit the updated files.",
                'Please commit all changes generated by building',
                'Working tree is dirty after codegen',
            ],
            noMatch: ['go mod tidy', 'Committed changes to main'],
        },
    },
    {
        id: 'quality/content-parse',
        category: 'quality',
        subcategory: 'content-lint',
        pattern: /\): (found|did not find) .* while (scanning|parsing) .* at line \d+ column \d+|^\S+\.(md|markdown|html|yml|yaml|json|rst|adoc|org)(:\d+)+:? (MD\d{3}|error|warning)\b/,
        weight: 0.75,
        keywords: ['while scanning', 'while parsing', ' md', 'error', 'warning'],
        examples: {
            match: [
                '(./docs/a.html.markdown): found character that cannot start any token while scanning for the next token at line 8 column 1',
                'README.md:12:1 MD013/line-length Line length',
            ],
            noMatch: ['found 3 files while scanning'],
        },
    },
    {
        id: 'quality/docs-build',
        category: 'quality',
        subcategory: 'docs-lint',
        pattern: /\b(sphinx|mkdocs|javadoc|rustdoc|typedoc|jsdoc)\b.*\b(warnings? (treated|as) errors?|error|failed)\b|broken (link|reference)s? found/i,
        weight: 0.7,
        keywords: ['sphinx', 'mkdocs', 'javadoc', 'rustdoc', 'typedoc', 'jsdoc', 'broken link', 'broken reference'],
        examples: { match: ['sphinx build failed: warning treated as error', '2 broken links found'], noMatch: ['Building sphinx docs'] },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/security.ts
/** Scanners that found a vulnerable dependency, a leaked secret or a policy violation. */
const securityRules = [
    {
        id: 'security/npm-audit',
        category: 'security',
        subcategory: 'vulnerable-dependency',
        pattern: /found \d+ vulnerabilit(y|ies) \(.*\b(high|critical|moderate)\b|\d+ (high|critical|moderate) severity vulnerabilit(y|ies)|npm audit.*(found|reported) [1-9]|\bSeverity: (high|critical)\b/i,
        weight: 0.9,
        keywords: ['vulnerabilit', 'npm audit', 'severity: '],
        severity: 'high',
        examples: {
            match: ['found 3 vulnerabilities (1 moderate, 2 high)', '2 critical severity vulnerabilities', 'Severity: critical'],
            noMatch: ['found 0 vulnerabilities', 'audited 1200 packages'],
        },
    },
    {
        id: 'security/cve-scanner',
        category: 'security',
        subcategory: 'vulnerable-dependency',
        pattern: /Total: [1-9]\d* \(.*(HIGH|CRITICAL): [1-9]|Found [1-9]\d* known vulnerabilit(y|ies)|Vulnerabilities found!|error: [1-9]\d* vulnerabilit(y|ies) found|vulnerabilit(y|ies) (found|detected)\b.*\b(CVE-\d{4}-\d+|GHSA-[\w-]+)|\b(CVE-\d{4}-\d{4,}|GHSA-\w{4}-\w{4}-\w{4})\b.*\b(HIGH|CRITICAL|high|critical)\b/,
        weight: 0.9,
        keywords: ['total: ', 'known vulnerabilit', 'vulnerabilities found', 'vulnerability found', 'vulnerabilit', 'cve-', 'ghsa-'],
        severity: 'high',
        examples: {
            match: [
                'Total: 4 (UNKNOWN: 0, LOW: 1, MEDIUM: 1, HIGH: 2, CRITICAL: 0)',
                'Found 2 known vulnerabilities in 1 package',
                'error: 1 vulnerability found!',
                'lodash  CVE-2021-23337  HIGH  4.17.20',
            ],
            noMatch: ['Total: 0 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0)', 'Fixed CVE-2021-1234 in release notes'],
        },
    },
    {
        id: 'security/secret-detected',
        category: 'security',
        subcategory: 'secret-detected',
        pattern: /leaks? found: [1-9]|\bFound (verified|unverified) result\b|secrets? (were |was )?(detected|found) in|Push cannot contain secrets|GH013: Repository rule violations|potential secrets? (detected|found)|detect-secrets.*(failed|found)/i,
        weight: 0.95,
        keywords: ['leaks found', 'leak found', 'verified result', 'secret', 'gh013'],
        severity: 'critical',
        examples: {
            match: ['WRN leaks found: 2', 'remote: - Push cannot contain secrets', 'Potential secrets detected in src/config.ts'],
            noMatch: ['no leaks found', 'INF scan completed, leaks found: 0'],
        },
    },
    {
        id: 'security/sast',
        category: 'security',
        subcategory: 'code-scanning',
        pattern: /\b(semgrep|bandit|gosec|brakeman|codeql|snyk|checkov|tfsec)\b.*\b([1-9]\d* (findings?|issues?|vulnerabilit(y|ies))|(high|critical) severity)\b/i,
        weight: 0.8,
        keywords: ['semgrep', 'bandit', 'gosec', 'brakeman', 'codeql', 'snyk', 'checkov', 'tfsec'],
        severity: 'high',
        examples: { match: ['semgrep: 3 findings (2 blocking)', 'gosec: 4 issues found'], noMatch: ['semgrep: 0 findings', 'Installing bandit'] },
    },
    {
        id: 'security/license-policy',
        category: 'security',
        subcategory: 'license-policy',
        pattern: /(license|licence)s? (policy )?(violation|not allowed|denied|incompatible)|denied licen[cs]e/i,
        weight: 0.75,
        keywords: ['licen'],
        severity: 'medium',
        examples: { match: ['License policy violation: GPL-3.0 in pkg'], noMatch: ['MIT license'] },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/testing.ts
/** Test runners reporting failed tests, crashed test processes and sanitizer findings. */
const testingRules = [
    {
        id: 'testing/go-test',
        category: 'testing',
        subcategory: 'test-failure',
        pattern: /^\s*--- FAIL: \S+|^FAIL: Test\S* \(\d|^FAIL\t\S+\t[\d.]+s$|panic: .*\[recovered\]/,
        weight: 0.85,
        keywords: ['--- fail', 'fail: test', 'fail\t', '[recovered]'],
        examples: {
            match: ['--- FAIL: TestParse (0.00s)', 'FAIL: TestSeparator (0.03s)', 'FAIL\tgithub.com/acme/x\t0.412s'],
            noMatch: ['ok  \tgithub.com/acme/x\t0.2s', 'FAIL\tgithub.com/acme/x [build failed]'],
        },
    },
    {
        id: 'testing/junit-summary',
        category: 'testing',
        subcategory: 'test-failure',
        pattern: /Tests run: \d+, Failures: [1-9]|Tests run: \d+, Failures: \d+, Errors: [1-9]|<<< (FAILURE|ERROR)!|There (was|were) \d+ (failures?|errors?):|^Tests in error:|^Failed tests:|\d+ tests? completed, \d+ failed|> \S+ FAILED$|Test .* FAILED$|There were failing tests/,
        weight: 0.85,
        keywords: ['failures: ', 'errors: ', '<<< failure', '<<< error', 'there was', 'there were', 'tests in error', 'failed tests', 'failed', 'failing tests'],
        examples: {
            match: [
                'Tests run: 10, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.036 s <<< FAILURE! - in x.YTest',
                'ParserTest > testParse() FAILED',
                'There was 1 failure:',
            ],
            noMatch: ['Tests run: 10, Failures: 0, Errors: 0, Skipped: 0'],
        },
    },
    {
        id: 'testing/assertion',
        category: 'testing',
        subcategory: 'test-failure',
        pattern: /AssertionError|AssertionFailedError|ComparisonFailure|Failed asserting that|assert(ion)? failed|Assertion Failed|Expected .* (but|to) (got|was|be|equal|have|contain)|expected:? .* (but was|got|received|to (equal|be|eq))|\bexpected\b.*\bactual\b|Failure\/Error:|^\s*(expected|got|Expected|Received):\s|toBe(Called|Defined|Truthy)?\(|didn't get expected/,
        weight: 0.8,
        keywords: ['assert', 'comparisonfailure', 'expected', 'failure/error', 'got:', 'received:', 'tobe'],
        examples: {
            match: [
                'AssertionError: expected 1 to equal 2',
                'Failed asserting that false is true.',
                'Failure/Error: expect(x).to eq(10)',
                '       got: 7',
                'Expected v:null but got process 1',
            ],
            noMatch: ['expected to finish in 3s', 'Assertions: 291'],
        },
    },
    {
        id: 'testing/runner-summary',
        category: 'testing',
        subcategory: 'test-failure',
        pattern: /Test Suites: \d+ failed|^test result: FAILED\.|Tests:\s+\d+ failed|^\s*[1-9]\d* failing$|^=+ (\d+ failed|FAILURES) |^=+ FAILURES =+$|^_{3,} \S.* _{3,}$|ERROR collecting |^\s*✕ |^\s*✗ |^not ok \d+ |Dubious, test returned [1-9]|Failed \d+\/\d+ (subtests|test programs)|^FAILED \S+::|\d+ examples?, [1-9]\d* failures?|Module Failed:|Test Failed:|Found errors in Test_|^FAIL:? \S+\.(phpt|t|js|ts|py|rb)\b|^FAIL .* \[\S+\.phpt\]$|^FAIL \[|Tests? failed[!:.]|test(s)? FAILED|Some tests failed|Unit tests failed|\d+ (test|spec)s? failed|ERROR at (setup|teardown) of|^\s*\d+\) \S.*(Test|test|spec|should|::)/,
        weight: 0.8,
        keywords: [
            'failed',
            'failing',
            'failures',
            '___',
            'error collecting',
            '✕',
            '✗',
            'not ok',
            'dubious',
            'failure',
            'module failed',
            'test failed',
            'found errors in test_',
            'fail',
            'error at setup',
            'error at teardown',
            'test',
            'spec',
            'should',
            '::',
        ],
        examples: {
            match: [
                'test result: FAILED. 41 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out',
                'Test Suites: 1 failed, 3 passed, 4 total',
                '  2 failing',
                '=================== FAILURES ===================',
                '______ test_parse ______',
                'not ok 3 - parses dates',
                '10 examples, 2 failures',
                '1) Inflector_helper_test::test_plural',
            ],
            noMatch: ['Test Suites: 4 passed, 4 total', '0 failing', '10 examples, 0 failures'],
        },
    },
    {
        id: 'testing/sanitizer',
        category: 'testing',
        subcategory: 'sanitizer',
        pattern: /ERROR: (Address|Leak|Thread|Memory|UndefinedBehavior)Sanitizer|SUMMARY: (Address|Leak|Thread|Memory|UndefinedBehavior)Sanitizer|runtime error: .*(overflow|misaligned|null pointer|out of bounds|shift exponent)|WARNING: ThreadSanitizer: data race|==\d+==ERROR:/,
        weight: 0.9,
        keywords: ['sanitizer', 'runtime error: ', '==error:'],
        examples: {
            match: ['==123==ERROR: AddressSanitizer: heap-use-after-free on address 0x6020', 'src/a.c:10:5: runtime error: signed integer overflow: 2147483647 + 1'],
            noMatch: ['Building with -fsanitize=address'],
        },
    },
    {
        id: 'testing/test-timeout',
        category: 'testing',
        subcategory: 'test-timeout',
        pattern: /Timeout of \d+ ?ms exceeded|Exceeded timeout of \d+ ?ms for a (test|hook)|panic: test timed out after|Tests? timed out|test (case )?timed out after|timed out waiting for test|TimeoutError: .*test|Test timeout of \d+ms exceeded/i,
        weight: 0.85,
        keywords: ['timeout of', 'exceeded timeout', 'timed out', 'timeouterror', 'test timeout'],
        examples: {
            match: [
                'Error: Timeout of 2000ms exceeded. For async tests and hooks, ensure "done()" is called',
                'panic: test timed out after 10m0s',
                'Tests timed out',
            ],
            noMatch: ['--timeout 2000'],
        },
    },
    {
        id: 'testing/crash',
        category: 'testing',
        subcategory: 'test-crash',
        pattern: /\bSegmentation fault( \(core dumped\))?( |$)|\bSIGSEGV\b|Termsig=\d+|core dumped|The forked VM terminated without|Test worker process has failed to exit|Jest did not exit|Fatal Python error/,
        weight: 0.6,
        keywords: ['segmentation fault', 'sigsegv', 'termsig=', 'core dumped', 'forked vm terminated', 'failed to exit', 'did not exit', 'fatal python error'],
        examples: {
            match: ['Segmentation fault (core dumped)', 'The forked VM terminated without properly saying goodbye. VM crash or System.exit called?'],
            noMatch: ['segment fault handler installed'],
        },
    },
    {
        id: 'testing/traceback',
        category: 'testing',
        subcategory: 'test-failure',
        // A bare exception: what failed is the code a test ran unless a better rule says otherwise.
        pattern: /^(\w+\.)*\w*(Error|Exception): \S|^Traceback \(most recent call last\):|^Caused by: \S|^Exception in thread /,
        weight: 0.45,
        keywords: ['error: ', 'exception: ', 'traceback', 'caused by: ', 'exception in thread'],
        examples: {
            match: ["TypeError: Cannot read properties of undefined (reading 'x')", 'Traceback (most recent call last):', 'java.lang.IllegalStateException: boom'],
            noMatch: ['  at Object.<anonymous> (a.js:1:1)', 'No errors: all good'],
        },
    },
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rules/index.ts








/** The built-in rule pack, one file per category. */
const BUILTIN_RULES = [
    ...securityRules,
    ...qualityRules,
    ...performanceRules,
    ...dependencyRules,
    ...testingRules,
    ...buildRules,
    ...infrastructureRules,
    ...genericRules,
];

;// CONCATENATED MODULE: ./packages/core/src/classify/rule-set.ts


/**
 * The rules a scan runs: user rules first (they win), then the built-in pack minus what the user
 * disabled or overrode by id. A built-in rule is only tried on lines holding one of its keywords.
 */
class RuleSet {
    user;
    builtin;
    index;
    constructor(userRules = [], disabled = [], builtin = BUILTIN_RULES) {
        const overridden = new Set([...disabled, ...userRules.map((r) => r.id)]);
        this.user = userRules.map((r) => ({ ...r, user: true }));
        this.builtin = builtin.filter((r) => !overridden.has(r.id));
        this.index = new KeywordIndex(this.builtin.map((r) => r.keywords));
    }
    get all() {
        return [...this.user, ...this.builtin];
    }
    /** Every rule matching the line, user rules first. */
    match(text) {
        let hits;
        for (const rule of this.user)
            if (rule.pattern.test(text))
                (hits ??= []).push(rule);
        for (const i of this.index.candidates(text.toLowerCase())) {
            const rule = this.builtin[i];
            if (rule.pattern.test(text))
                (hits ??= []).push(rule);
        }
        return hits ?? NONE;
    }
}
const NONE = [];
let defaultSet;
function defaultRuleSet() {
    return (defaultSet ??= new RuleSet());
}

;// CONCATENATED MODULE: ./packages/core/src/classify/verdict.ts
/**
 * The verdict failure-classify produces and recover/notify act on: the contract between the links of
 * the loop. Versioned by `schema`; add fields, never change the meaning of one.
 */
const VERDICT_SCHEMA = 'closed-loop/verdict@1';
const CATEGORIES = ['quality', 'security', 'performance', 'dependencies', 'testing', 'build', 'infrastructure', 'unknown'];
const SEVERITIES = ['critical', 'high', 'medium', 'low'];

;// CONCATENATED MODULE: ./packages/core/src/classify/settings.ts



const CLASSIFY_DEFAULTS = {
    confidence_threshold: 0.5,
    history_window_hours: 24,
    max_log_bytes: 64 * 1024 * 1024,
    disable_rules: [],
    rules: [],
};
/** Turns the user's rules into ClassifyRule objects; a bad pattern names its place in the file. */
function userRules(config, file = '.github/closed-loop.yml') {
    return config.rules.map((r, i) => {
        const where = `${file}: classify.rules[${i}]`;
        if (!CATEGORIES.includes(r.category))
            throw new ConfigurationError(`${where}.category must be one of ${CATEGORIES.join(', ')}.`);
        if (r.severity !== undefined && !SEVERITIES.includes(r.severity))
            throw new ConfigurationError(`${where}.severity must be one of ${SEVERITIES.join(', ')}.`);
        let pattern;
        try {
            pattern = new RegExp(r.pattern, (r.flags ?? 'i').replace(/[gy]/g, ''));
        }
        catch (error) {
            throw new ConfigurationError(`${where}.pattern is not a valid regular expression (${error.message}); fix the pattern.`);
        }
        return {
            id: r.id ?? `user/${i + 1}`,
            category: r.category,
            subcategory: r.subcategory ?? 'custom',
            pattern,
            weight: 0.95,
            keywords: [],
            ...(r.transient !== undefined ? { transient: r.transient } : {}),
            ...(r.severity !== undefined ? { severity: r.severity } : {}),
            examples: { match: [], noMatch: [] },
            user: true,
        };
    });
}
/** The rule set for a config section: user rules first, built-ins minus disabled ones. */
function ruleSetFor(config, file) {
    return new RuleSet(userRules(config, file), config.disable_rules);
}

;// CONCATENATED MODULE: ./packages/core/src/classify/decide.ts
/**
 * Picks the category whose best match scores highest: rule weight, plus a bonus for lines in the step
 * the runner marked failed, on `##[error]` lines, and late in the log (where jobs usually stop).
 */
function decide(scan, options) {
    const scored = scan.hits.flatMap((h) => (h.first === h.last ? [h.first] : [h.first, h.last])).map((hit) => score(hit, scan));
    const byCategory = new Map();
    for (const s of scored) {
        const list = byCategory.get(s.category) ?? [];
        list.push(s);
        byCategory.set(s.category, list);
    }
    const ranked = [...byCategory.entries()]
        .filter(([category]) => category !== 'unknown')
        .map(([category, list]) => {
        const best = list.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.hit.line < a.hit.line) ? b : a));
        const rules = new Set(list.map((s) => s.hit.rule.id)).size;
        return { category, best, total: best.score + 0.03 * Math.min(3, rules - 1) };
    })
        .sort((a, b) => b.total - a.total);
    const top = ranked[0];
    if (!top)
        return fallback(scan, scored);
    const runnerUp = ranked[1]?.total ?? 0;
    const margin = Math.max(0, (top.total - runnerUp) / top.total);
    const confidence = round(Math.min(1, top.best.weight) * (0.75 + 0.25 * margin));
    const hit = top.best.hit;
    const evidence = evidenceOf(hit);
    if (confidence < options.threshold) {
        return {
            category: 'unknown',
            subcategory: top.best.subcategory,
            confidence,
            transient: false,
            evidence,
            errorLine: hit.text,
            ...stepOf(hit, scan),
            ruleId: hit.rule.id,
        };
    }
    return {
        category: top.category,
        subcategory: top.best.subcategory,
        confidence,
        transient: top.best.transient,
        evidence,
        errorLine: hit.text,
        ...stepOf(hit, scan),
        ruleId: hit.rule.id,
        ...(hit.rule.severity ? { ruleSeverity: hit.rule.severity } : {}),
    };
}
function score(hit, scan) {
    const rule = hit.rule;
    // A "network" line inside a test's own output is that test failing, not the network.
    const demoted = !!rule.transient && hit.testContext && !rule.user;
    const weight = demoted ? Math.min(rule.weight, 0.6) : rule.weight;
    let s = weight + (rule.user ? 1 : 0);
    if (scan.failingStep !== undefined && hit.step === scan.failingStep)
        s += 0.1;
    if (hit.errorMarker)
        s += 0.05;
    s += 0.08 * (hit.line / Math.max(1, scan.lines));
    return {
        hit,
        score: s,
        category: demoted ? 'testing' : rule.category,
        subcategory: demoted ? 'test-failure' : rule.subcategory,
        weight,
        transient: !!rule.transient && !demoted,
    };
}
/** Nothing specific matched: say so, and show the best generic error line or the end of the log. */
function fallback(scan, scored) {
    const generic = scored.sort((a, b) => b.score - a.score)[0];
    const evidence = generic ? evidenceOf(generic.hit) : linesEvidence(scan.tail);
    const errorLine = generic?.hit.text ?? evidence.lines.filter((l) => l.trim()).at(-1) ?? '';
    return {
        category: 'unknown',
        subcategory: generic ? 'unrecognised' : 'no-error-lines',
        confidence: generic ? 0.2 : 0,
        transient: false,
        evidence,
        errorLine,
        ...(generic ? stepOf(generic.hit, scan) : scan.failingStep ? { step: scan.failingStep } : {}),
    };
}
function stepOf(hit, scan) {
    const step = hit.step ?? scan.failingStep;
    return step !== undefined ? { step } : {};
}
function evidenceOf(hit) {
    const kept = [...hit.before, { n: hit.line, text: hit.text }, ...hit.after];
    return { ...linesEvidence(kept), ...(hit.step !== undefined ? { step: hit.step } : {}) };
}
function linesEvidence(kept) {
    // Trailing blank lines say nothing.
    let end = kept.length;
    while (end > 1 && kept[end - 1]?.text.trim() === '')
        end--;
    const lines = kept.slice(0, end);
    // Lines are capped so a verdict stays small enough for an action output.
    return {
        startLine: lines[0]?.n ?? 0,
        endLine: lines.at(-1)?.n ?? 0,
        lines: lines.map((l) => (l.text.length > MAX_EVIDENCE_LINE ? `${l.text.slice(0, MAX_EVIDENCE_LINE)}…` : l.text)),
    };
}
const MAX_EVIDENCE_LINE = 500;
function round(x) {
    return Math.round(x * 100) / 100;
}

;// CONCATENATED MODULE: ./packages/core/src/classify/log-line.ts
// `gh run view --log`: job<TAB>step<TAB>2024-01-01T00:00:00.0000000Z text
const GH_RUN_VIEW = /^([^\t]*)\t([^\t]*)\t(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ?/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and charset switches.
const ESC = '\u001b';
const BEL = '\u0007';
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[()][A-Z0-9]|${ESC}[=>]`, 'g');
const MARKER = /^##\[(group|endgroup|error|warning|notice|command|section)\]/;
/** Decides the format from the first non-empty line. */
function detectFormat(line) {
    const l = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (GH_RUN_VIEW.test(l))
        return 'gh-run-view';
    if (TIMESTAMP.test(l))
        return 'raw';
    return 'plain';
}
/** Keeps what a terminal would show after `\r` redraws; a trailing `\r` is a CRLF ending. */
function stripProgress(line) {
    let l = line.endsWith('\r') ? line.slice(0, -1) : line;
    const cr = l.lastIndexOf('\r');
    if (cr >= 0) {
        // A redraw that ends in an empty frame keeps the last non-empty one.
        const frames = l.split('\r');
        l = [...frames].reverse().find((f) => f.trim() !== '') ?? '';
    }
    return l;
}
function stripAnsi(text) {
    return text.includes(ESC) ? text.replace(ANSI, '') : text;
}
function parseLine(raw, format) {
    let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    let job;
    let step;
    if (format === 'gh-run-view') {
        const m = GH_RUN_VIEW.exec(text);
        if (m) {
            job = m[1];
            step = m[2];
            text = text.slice(m[0].length);
        }
    }
    else if (format === 'raw' && text.length > 20 && text.charCodeAt(4) === 45 /* - */) {
        const m = TIMESTAMP.exec(text);
        if (m)
            text = text.slice(m[0].length);
    }
    text = stripAnsi(stripProgress(text));
    let marker;
    if (text.charCodeAt(0) === 35 /* # */ && text.charCodeAt(1) === 35) {
        const m = MARKER.exec(text);
        if (m) {
            marker = m[1] === 'section' ? 'group' : m[1];
            text = text.slice(m[0].length);
        }
    }
    else if (text.startsWith('[command]')) {
        marker = 'command';
        text = text.slice('[command]'.length);
    }
    return { text, marker, ...(job !== undefined ? { job } : {}), ...(step !== undefined ? { step } : {}) };
}

;// CONCATENATED MODULE: ./packages/core/src/classify/line-splitter.ts
async function splitLines(chunks, onLine, options = {}) {
    const maxBytes = options.maxBytes ?? Infinity;
    const maxLine = options.maxLineLength ?? 16_384;
    const decoder = new TextDecoder('utf-8');
    let pending = '';
    let overlong = false;
    let bytes = 0;
    let truncated = false;
    const feed = (text) => {
        let start = 0;
        for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            const piece = text.slice(start, nl);
            const line = pending ? pending + piece : piece;
            pending = '';
            onLine(overlong || line.length > maxLine ? line.slice(0, maxLine) : line);
            overlong = false;
            start = nl + 1;
        }
        if (start < text.length) {
            if (overlong)
                return;
            pending += text.slice(start);
            if (pending.length > maxLine) {
                pending = pending.slice(0, maxLine);
                overlong = true;
            }
        }
    };
    for await (const chunk of chunks) {
        let part = chunk;
        const size = typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
        if (bytes + size > maxBytes) {
            const keep = maxBytes - bytes;
            part = typeof part === 'string' ? Buffer.from(part).subarray(0, keep) : part.subarray(0, keep);
            truncated = true;
        }
        bytes += typeof part === 'string' ? size : part.byteLength;
        feed(typeof part === 'string' ? part : decoder.decode(part, { stream: true }));
        if (truncated)
            break;
    }
    feed(decoder.decode());
    if (pending)
        onLine(pending);
    return { bytes, truncated };
}

;// CONCATENATED MODULE: ./packages/core/src/classify/ring.ts
/** A fixed-size buffer of the most recent items: the scanner's only memory of lines already read. */
class Ring {
    capacity;
    items;
    next = 0;
    size = 0;
    constructor(capacity) {
        this.capacity = capacity;
        this.items = new Array(capacity);
    }
    push(item) {
        this.items[this.next] = item;
        this.next = (this.next + 1) % this.capacity;
        if (this.size < this.capacity)
            this.size++;
    }
    /** Oldest first; at most `n` of the newest. */
    last(n = this.size) {
        const count = Math.min(n, this.size);
        const out = [];
        for (let i = count; i > 0; i--)
            out.push(this.items[(this.next - i + this.capacity) % this.capacity]);
        return out;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/classify/scanner.ts



// A test's own failure around a line: stack frames in test files, test runner failure markers, assertions.
const TEST_CONTEXT = /^\s+at .*(Test|Spec|IT)\b|^\s+at .*[/\\](tests?|specs?|__tests__)[/\\]|^\s+at .*\.(test|spec)\.[cm]?[jt]sx?\b|File ".*(test_\w+|_test|tests?\/)[^"]*", line \d+|\w+_test\.go:\d+|\w+(Test|Tests|Spec)\.(java|kt|scala|php|cs|groovy):\d+|--- FAIL|\bFAIL: Test|AssertionError|Failure\/Error|<<< (FAILURE|ERROR)!|\bassert(Equals|True|That)?\(|Failed asserting/;
/** A built-in transient rule's line inside a test's own failure is that test failing. */
function demotable(rule) {
    return !!rule.transient && !rule.user;
}
const STEP_START = /^(Run|Post Run|Post) \S/;
// A step header that never closes (a cut log) stops hiding lines after this many.
const MAX_STEP_HEADER = 500;
/**
 * Reads a log a line at a time and keeps only bounded state: a ring of recent lines, and for each
 * rule its first and last match with a few lines of context. Memory does not grow with the log.
 */
class LogScanner {
    rules;
    beforeN;
    afterN;
    recent;
    byRule = new Map();
    open = [];
    format;
    n = 0;
    step;
    job;
    exitStep;
    errorStep;
    /** Lines left of the `##[group]Run …` block that echoes a step's script and env: source, not output. */
    headerLines = 0;
    constructor(options = {}) {
        this.rules = options.rules ?? defaultRuleSet();
        this.beforeN = options.contextBefore ?? 3;
        this.afterN = options.contextAfter ?? 12;
        this.recent = new Ring(Math.max(this.beforeN, 12));
    }
    /** One line; `lineNo` when the lines come from a file shared with other jobs (default: the next). */
    push(raw, lineNo = this.n + 1) {
        this.n = lineNo;
        if (this.format === undefined) {
            if (raw.trim() === '') {
                this.keep({ text: '', marker: undefined });
                return;
            }
            this.format = detectFormat(raw);
        }
        const line = parseLine(raw, this.format);
        if (line.job !== undefined)
            this.job ??= line.job;
        if (line.step !== undefined)
            this.step = line.step;
        if (line.marker === 'group' && STEP_START.test(line.text)) {
            if (line.step === undefined)
                this.step = line.text;
            this.headerLines = MAX_STEP_HEADER;
        }
        else if (line.marker === 'endgroup' || line.marker === 'group' || line.marker === 'error')
            this.headerLines = 0;
        else if (this.headerLines > 0)
            this.headerLines--;
        if (line.marker === 'error') {
            this.errorStep = this.step;
            if (/^Process completed with exit code [1-9]/.test(line.text))
                this.exitStep ??= this.step;
        }
        this.keep(line);
    }
    keep(line) {
        const kept = { n: this.n, text: line.text };
        for (let i = this.open.length - 1; i >= 0; i--) {
            const hit = this.open[i];
            hit.after.push(kept);
            if (hit.after.length >= this.afterN || line.marker === 'endgroup') {
                this.close(hit);
                this.open.splice(i, 1);
            }
        }
        const text = line.text;
        if (text.length > 2 && this.headerLines === 0) {
            for (const rule of this.rules.match(text))
                this.record(rule, kept, line);
        }
        this.recent.push(kept);
    }
    record(rule, kept, line) {
        const hit = {
            rule,
            line: kept.n,
            text: kept.text,
            ...(this.step !== undefined ? { step: this.step } : {}),
            errorMarker: line.marker === 'error',
            before: this.recent.last(this.beforeN),
            after: [],
            testContext: demotable(rule) && [...this.recent.last(8), kept].some((l) => TEST_CONTEXT.test(l.text)),
        };
        const seen = this.byRule.get(rule.id);
        if (!seen)
            this.byRule.set(rule.id, { first: hit, last: hit, count: 1 });
        else {
            const index = this.open.indexOf(seen.last);
            if (seen.last !== seen.first && index >= 0)
                this.open.splice(index, 1);
            seen.last = hit;
            seen.count++;
        }
        this.open.push(hit);
    }
    close(hit) {
        if (demotable(hit.rule) && !hit.testContext)
            hit.testContext = hit.after.some((l) => TEST_CONTEXT.test(l.text));
    }
    finish() {
        for (const hit of this.open)
            this.close(hit);
        this.open.length = 0;
        const failingStep = this.exitStep ?? this.errorStep;
        return {
            format: this.format ?? 'plain',
            lines: this.n,
            ...(this.job !== undefined ? { job: this.job } : {}),
            ...(failingStep !== undefined ? { failingStep } : {}),
            hits: [...this.byRule.values()],
            tail: this.recent.last(10),
        };
    }
}

;// CONCATENATED MODULE: ./packages/core/src/classify/classify-log.ts




const DEFAULT_THRESHOLD = 0.5;
/** Streams one job's log through the scanner and decides what it says. */
async function classifyLog(chunks, options = {}) {
    const [result] = await scan(chunks, options, () => '');
    return result;
}
/**
 * Like classifyLog, but a `gh run view --log` file holding several jobs gives one result per job (in
 * the order they appear); line numbers stay those of the file.
 */
async function classifyLogs(chunks, options = {}) {
    let format;
    return scan(chunks, options, (line) => {
        if (format === undefined && line.trim() !== '')
            format = detectFormat(line);
        return format === 'gh-run-view' ? line.slice(0, Math.max(0, line.indexOf('\t'))) : '';
    });
}
/** One scanner per key (a job, or '' for the whole file); each keeps bounded state. */
async function scan(chunks, options, keyOf) {
    const scanners = new Map();
    let n = 0;
    const { bytes, truncated } = await splitLines(chunks, (line) => {
        n++;
        const key = keyOf(line);
        let scanner = scanners.get(key);
        if (!scanner) {
            scanner = new LogScanner(options.rules ? { rules: options.rules } : {});
            scanners.set(key, scanner);
        }
        scanner.push(line, n);
    }, options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {});
    if (scanners.size === 0)
        scanners.set('', new LogScanner(options.rules ? { rules: options.rules } : {}));
    return [...scanners.values()].map((scanner) => {
        const result = scanner.finish();
        return {
            ...decide(result, { threshold: options.threshold ?? DEFAULT_THRESHOLD }),
            format: result.format,
            lines: result.lines,
            bytes,
            truncated,
            ...(result.job !== undefined ? { job: result.job } : {}),
        };
    });
}

;// CONCATENATED MODULE: ./packages/core/src/classify/severity.ts

const BASE = {
    security: 'high',
    build: 'high',
    testing: 'medium',
    dependencies: 'medium',
    infrastructure: 'medium',
    performance: 'medium',
    quality: 'low',
    unknown: 'medium',
};
/**
 * Severity from what broke, raised by history (keeps failing, fails often, on the default branch)
 * and lowered when a re-run is expected to fix it. Priority 1 (act now) … 4 (whenever).
 */
function assessSeverity(input) {
    let level = SEVERITIES.indexOf(input.ruleSeverity ?? BASE[input.category]);
    const h = input.history;
    if (h && (h.consecutiveFailures >= 3 || (h.runs >= 4 && h.failureRate >= 0.5)))
        level--;
    if (input.defaultBranch && input.category !== 'quality')
        level--;
    if (input.transient || input.flaky)
        level++;
    const clamped = Math.min(SEVERITIES.length - 1, Math.max(0, level));
    return { severity: SEVERITIES[clamped], priority: (clamped + 1) };
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./packages/core/src/classify/signature.ts

/**
 * Strips what changes between two occurrences of the same failure: times, durations, ids, hashes,
 * addresses, temp and workspace paths, numbers. What is left names the failure.
 */
function normaliseErrorLine(line) {
    return line
        .toLowerCase()
        .replace(/\d{4}-\d\d-\d\d[t ]\d\d:\d\d:\d\d(?:[.,]\d+)?z?/g, '<time>')
        .replace(/\b\d\d:\d\d:\d\d(?:\.\d+)?\b/g, '<time>')
        .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>')
        .replace(/\b(?:sha\d*:)?[0-9a-f]{7,}\b/g, '<hash>')
        .replace(/\b0x[0-9a-f]+\b/g, '<addr>')
        .replace(/(?:\/tmp|\/var\/folders|\/private\/var)\/[^\s:'"]*/g, '<tmp>')
        .replace(/[a-z]:\\users\\[^\\]+\\appdata\\local\\temp\\[^\s:'"]*/g, '<tmp>')
        .replace(/(?:\/home\/runner\/work|\/home\/travis\/build|\/builds|\/github\/workspace|d:\\a)\/(?:[^/\s]+\/){0,2}/g, '')
        .replace(/\b\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds|m|min|minutes|h)\b/g, '<dur>')
        .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>')
        .replace(/\d+/g, '#')
        .replace(/\s+/g, ' ')
        .trim();
}
/** `v1:<16 hex>` from what identifies the failure, not the run: category, job, step, first error line. */
function failureSignature(parts) {
    const key = [parts.category, normaliseJob(parts.job ?? ''), normaliseErrorLine(parts.step ?? ''), normaliseErrorLine(parts.errorLine)].join('\n');
    return `v1:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(key).digest('hex').slice(0, 16)}`;
}
/** Job names keep their matrix values (a failure on one OS is not the same as on another) but lose ids. */
function normaliseJob(job) {
    return job.toLowerCase().replace(/\s+/g, ' ').trim();
}

;// CONCATENATED MODULE: ./packages/core/src/classify/verdict-builder.ts



const NO_EVIDENCE = { startLine: 0, endLine: 0, lines: [] };
/** One verdict per failed job, and an overall one led by the most urgent job. */
function buildVerdict(input) {
    const jobs = input.jobs.map((job) => jobVerdict(job, input));
    const classified = jobs.filter((j) => j.status === 'classified');
    const base = { schema: VERDICT_SCHEMA, flaky: input.flaky, run: input.run, history: input.history, jobs };
    if (input.status || classified.length === 0) {
        const unavailable = jobs.find((j) => j.status !== 'classified');
        const status = input.status ?? (unavailable?.status === 'forbidden' ? 'forbidden' : jobs.length ? 'logs-unavailable' : 'no-failed-jobs');
        const reason = input.reason ?? unavailable?.reason ?? 'The run has no failed jobs to classify.';
        return { ...base, ...unknownClassification(input), status, reason };
    }
    const lead = [...classified].sort((a, b) => a.priority - b.priority || b.confidence - a.confidence)[0];
    const { jobId: _id, jobName: _name, stepName: _step, htmlUrl: _url, status: _status, reason: _reason, truncated: _t, ...overall } = lead;
    const missing = jobs.filter((j) => j.status !== 'classified');
    return {
        ...base,
        ...overall,
        // A plain re-run helps only if every failed job failed for a transient reason.
        transient: classified.every((j) => j.transient) && missing.length === 0,
        status: 'classified',
        ...(missing.length ? { reason: missing.map((j) => `${j.jobName}: ${j.reason}`).join(' ') } : {}),
    };
}
function jobVerdict(job, input) {
    const ids = { jobId: job.jobId, jobName: job.jobName, ...(job.stepName ? { stepName: job.stepName } : {}), ...(job.htmlUrl ? { htmlUrl: job.htmlUrl } : {}) };
    if ('status' in job.log)
        return { ...ids, ...unknownClassification(input), status: job.log.status, reason: job.log.reason };
    const log = job.log;
    const step = job.stepName ?? log.step;
    const { severity, priority } = assessSeverity({
        category: log.category,
        ...(log.ruleSeverity ? { ruleSeverity: log.ruleSeverity } : {}),
        transient: log.transient,
        flaky: input.flaky,
        history: input.history,
        defaultBranch: input.defaultBranch ?? false,
    });
    return {
        ...ids,
        ...(step !== undefined && !job.stepName ? { stepName: step } : {}),
        category: log.category,
        subcategory: log.subcategory,
        confidence: log.confidence,
        transient: log.transient,
        severity,
        priority,
        signature: failureSignature({ category: log.category, job: job.jobName, ...(step !== undefined ? { step } : {}), errorLine: log.errorLine }),
        evidence: log.evidence,
        ...(log.ruleId ? { ruleId: log.ruleId } : {}),
        status: 'classified',
        ...(log.truncated ? { truncated: true } : {}),
    };
}
function unknownClassification(input) {
    const { severity, priority } = assessSeverity({ category: 'unknown', transient: false, flaky: input.flaky, history: input.history });
    return {
        category: 'unknown',
        subcategory: 'unavailable',
        confidence: 0,
        transient: false,
        severity,
        priority,
        signature: failureSignature({ category: 'unknown', errorLine: input.run.workflowName }),
        evidence: NO_EVIDENCE,
    };
}

;// CONCATENATED MODULE: ./packages/core/src/redact/deep.ts
/**
 * Redacts every string of a value (a verdict, an outcome) before anything is rendered or written from
 * it. A list of strings (evidence lines) is redacted as one text, so a private key spread over several
 * lines is removed whole.
 */
function redactDeep(value, redact) {
    return walk(value, redact);
}
function walk(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value)) {
        if (value.length && value.every((v) => typeof v === 'string'))
            return redact(value.join('\n')).split('\n');
        return value.map((v) => walk(v, redact));
    }
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, redact)]));
    return value;
}

;// CONCATENATED MODULE: ./packages/core/src/classify/redact-verdict.ts

/** Log lines and reasons are untrusted: redact them before a verdict leaves the process. */
function redactVerdict(verdict, redactor) {
    return redactDeep(verdict, (text) => redactor.redact(text));
}

;// CONCATENATED MODULE: ./packages/core/src/redact/patterns.ts
const TOKEN_PATTERNS = [
    { id: 'private-key', pattern: /-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
    { id: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
    { id: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
    { id: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g },
    {
        id: 'aws-secret-access-key',
        pattern: /(aws.{0,20}?(?:secret|private).{0,20}?[:=]\s*["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
        keepPrefix: true,
    },
    { id: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
    { id: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
    { id: 'stripe-key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
    { id: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
    { id: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
    { id: 'pypi-token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}\b/g },
    { id: 'openai-key', pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}\b|\bsk-ant-[a-z0-9]{2,8}-[A-Za-z0-9_-]{80,}\b/g },
    { id: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g },
    { id: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g },
    { id: 'bearer', pattern: /(\bauthorization:\s*(?:bearer|token|basic)\s+)([^\s'"]{8,})/gi, keepPrefix: true },
    { id: 'url-credentials', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)(?=@)/gi, keepPrefix: true },
];

;// CONCATENATED MODULE: ./packages/core/src/redact/redactor.ts

const REDACTED = '***';
/**
 * Removes secrets from text before it is written anywhere (issue bodies, comments, summaries, logs):
 * values we were told are secret (inputs, env), and token formats that are secret by shape.
 */
class Redactor {
    values = new Set();
    constructor(secrets = []) {
        for (const s of secrets)
            this.addSecret(s);
    }
    /** Very short values are skipped: redacting "a" or "1234" would shred every line. */
    addSecret(value) {
        const trimmed = value.trim();
        if (trimmed.length < 6)
            return;
        this.values.add(trimmed);
        // A multi-line secret (a PEM key) may be echoed one line at a time.
        for (const line of trimmed.split(/\r?\n/))
            if (line.trim().length >= 16)
                this.values.add(line.trim());
    }
    redact(text) {
        let out = text;
        // Longest first, so a secret containing another is removed whole.
        for (const value of [...this.values].sort((a, b) => b.length - a.length))
            out = out.split(value).join(REDACTED);
        for (const { pattern, keepPrefix } of TOKEN_PATTERNS) {
            out = out.replace(pattern, (_match, prefix) => (keepPrefix ? String(prefix) : '') + REDACTED);
        }
        return out;
    }
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./packages/cli/src/files.ts



/**
 * The one way a command reads a file the user named: relative to the working directory (absolute
 * paths as given), and every failure answered in one line that names the option, the path and the fix.
 * `label` is how the user gave it: `--config`, `--log`, `MESSAGE-FILE`.
 */
async function readUserFile(io, path, label) {
    const full = (0,external_node_path_namespaceObject.resolve)(io.cwd, path);
    try {
        await assertFile(full, label, path);
        return await (0,promises_namespaceObject.readFile)(full);
    }
    catch (error) {
        throw asFileError(error, label, path);
    }
}
async function readUserText(io, path, label) {
    return (await readUserFile(io, path, label)).toString('utf8');
}
/** The file, or undefined when it does not exist (an optional file such as the default config). */
async function readOptionalText(io, path, label) {
    try {
        return await readUserText(io, path, label);
    }
    catch (error) {
        if (error.missing)
            return undefined;
        throw error;
    }
}
async function readUserJson(io, path, label, expected = 'a JSON document') {
    const text = await readUserText(io, path, label);
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new ConfigurationError(`${label} ${path}: not valid JSON (${errorMessage(error)}); pass ${expected}.`);
    }
}
/** A stream of the file's bytes, for inputs too large to hold (logs). */
async function openUserFile(io, path, label) {
    const full = (0,external_node_path_namespaceObject.resolve)(io.cwd, path);
    try {
        await assertFile(full, label, path);
        return (await (0,promises_namespaceObject.open)(full)).createReadStream();
    }
    catch (error) {
        throw asFileError(error, label, path);
    }
}
async function assertFile(full, label, path) {
    if ((await (0,promises_namespaceObject.stat)(full)).isDirectory())
        throw new ConfigurationError(`${label} ${path}: is a directory, not a file; give the path of a file.`);
}
function asFileError(error, label, path) {
    if (error instanceof ConfigurationError)
        return error;
    const phrase = fileErrorPhrase(error);
    if (!phrase)
        return error;
    const answer = new ConfigurationError(`${label} ${path}: ${phrase}.`);
    if (error.code === 'ENOENT')
        Object.assign(answer, { missing: true });
    return answer;
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/classify.ts






/** Gzip or plain, decided by the first two bytes, so `-` works for both too. */
async function* maybeGunzip(source) {
    const it = source[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done)
        return;
    const head = Buffer.from(first.value);
    const rest = (async function* () {
        yield head;
        for (let next = await it.next(); !next.done; next = await it.next())
            yield Buffer.from(next.value);
    })();
    if (head[0] === 0x1f && head[1] === 0x8b)
        yield* external_node_stream_namespaceObject.Readable.from(rest).pipe((0,external_node_zlib_namespaceObject.createGunzip)());
    else
        yield* rest;
}
async function openLog(io, file) {
    if (file === '-') {
        if (!io.stdin)
            throw new ConfigurationError('--log -: no standard input to read.');
        return io.stdin;
    }
    return openUserFile(io, file, '--log');
}
async function readSection(io, file) {
    const text = file ? await readUserText(io, file, '--config') : await readOptionalText(io, CONFIG_PATH, 'config');
    const config = loadConfig(text, file ?? CONFIG_PATH);
    return { ...CLASSIFY_DEFAULTS, ...config.classify };
}
function asText(v) {
    const out = [];
    for (const j of v.jobs) {
        out.push(`${j.jobName}: ${j.category}/${j.subcategory}  confidence ${j.confidence}  ${j.transient ? 'transient' : 'not transient'}  ${j.severity} (priority ${j.priority})  ${j.signature}`);
        if (j.stepName)
            out.push(`  step: ${j.stepName}`);
        if (j.ruleId)
            out.push(`  rule: ${j.ruleId}`);
        if (j.reason)
            out.push(`  ${j.reason}`);
        j.evidence.lines.forEach((line, i) => out.push(`  ${String(j.evidence.startLine + i).padStart(7)} | ${line}`));
    }
    if (v.jobs.length > 1)
        out.push(`overall: ${v.category}/${v.subcategory}  ${v.transient ? 'transient' : 'not transient'}  ${v.severity}  ${v.signature}`);
    return `${out.join('\n')}\n`;
}
const classifyCommand = {
    name: 'classify',
    summary: 'say what broke in CI log files: category, confidence, transient, evidence.',
    usage: '--log FILE [--log FILE …] [--config FILE] [--json]',
    options: {
        log: {
            type: 'string',
            multiple: true,
            valueName: 'FILE',
            description: 'A job log: raw GitHub log, `gh run view --log` output or plain text, gzipped or not; `-` reads standard input.',
        },
        config: { type: 'string', valueName: 'FILE', description: `Configuration file with classify: rules (default ${CONFIG_PATH} when present).` },
        json: { type: 'boolean', description: 'Print the verdict as JSON: the same fields as the action output `result`.' },
    },
    details: 'Each log is one job.',
    async run({ values }, io) {
        const logs = values.log ?? [];
        if (logs.length === 0)
            throw new ConfigurationError('classify needs at least one --log FILE (use - for standard input). See `closed-loop classify --help`.');
        const section = await readSection(io, typeof values.config === 'string' ? values.config : undefined);
        const rules = ruleSetFor(section, typeof values.config === 'string' ? values.config : CONFIG_PATH);
        const jobs = [];
        for (const file of logs) {
            // A `gh run view --log` file can hold several jobs: one verdict each.
            const results = await classifyLogs(maybeGunzip(await openLog(io, file)), {
                rules,
                threshold: section.confidence_threshold,
                maxBytes: section.max_log_bytes,
            });
            for (const result of results)
                jobs.push({ jobId: jobs.length + 1, jobName: result.job ?? (file === '-' ? 'stdin' : (0,external_node_path_namespaceObject.basename)(file)), log: result });
        }
        const verdict = buildVerdict({
            run: {
                id: 0,
                attempt: 1,
                workflowName: '',
                workflowPath: '',
                event: 'local',
                headSha: '',
                headBranch: null,
                htmlUrl: '',
                repository: '',
                conclusion: 'failure',
                pullRequests: [],
                fork: false,
            },
            jobs,
            history: { windowHours: section.history_window_hours, runs: 0, failures: 0, failureRate: 0, consecutiveFailures: 0, complete: false },
            flaky: false,
        });
        const safe = redactVerdict(verdict, new Redactor());
        io.stdout(values.json ? `${JSON.stringify(safe, null, 2)}\n` : asText(safe));
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/config.ts



const config_validate = {
    name: 'validate',
    summary: `check ${CONFIG_PATH} against the schema and print the resolved settings.`,
    usage: '[--file PATH] [--environment NAME] [--json]',
    options: {
        file: { type: 'string', valueName: 'PATH', description: `Configuration file (default ${CONFIG_PATH}).` },
        environment: { type: 'string', valueName: 'NAME', description: 'Apply the overrides of environments.NAME.' },
        json: { type: 'boolean', description: 'Print the resolved settings as JSON.' },
    },
    async run({ values }, io) {
        const given = typeof values.file === 'string' ? values.file : undefined;
        const file = given ?? CONFIG_PATH;
        const text = given ? await readUserText(io, given, '--file') : await readOptionalText(io, CONFIG_PATH, 'config');
        // The file is optional: without one every engine runs on its defaults, which is a valid configuration.
        if (text === undefined && !values.json) {
            io.stdout(`${CONFIG_PATH}: not present; every setting has its default (valid).\n`);
            return EXIT.ok;
        }
        const config = resolveEnvironment(loadConfig(text, file), typeof values.environment === 'string' ? values.environment : undefined);
        io.stdout(values.json ? `${JSON.stringify(config, null, 2)}\n` : `${file}: valid.\n`);
        return EXIT.ok;
    },
};
const config_schema = {
    name: 'schema',
    summary: 'print the JSON Schema of the configuration file (for editor autocompletion).',
    run(_args, io) {
        io.stdout(`${JSON.stringify(configSchema(), null, 2)}\n`);
        return Promise.resolve(EXIT.ok);
    },
};
const configCommand = {
    name: 'config',
    summary: `validate ${CONFIG_PATH} or print its JSON Schema.`,
    subcommands: [config_validate, config_schema],
};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: ./packages/testkit/src/auth.ts
const DEFAULT_TOKEN = 'test-token';
const DEFAULT_LOGIN = 'github-actions[bot]';
const SCOPES = ['actions', 'contents', 'issues', 'pull_requests', 'statuses', 'checks'];
function makeToken(opts, fallback) {
    const permissions = Object.fromEntries(SCOPES.map((s) => [s, opts.permissions?.[s] ?? fallback]));
    return {
        login: opts.login,
        type: opts.type ?? (opts.login.endsWith('[bot]') ? 'Bot' : 'User'),
        permissions,
    };
}
function parseAuthorization(header) {
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
    return m?.[1];
}
/** The permission scope GitHub checks for an endpoint, derived from its path template. */
function scopeOf(template) {
    if (template.includes('/actions/'))
        return 'actions';
    if (template.includes('/pulls'))
        return 'pull_requests';
    if (/\/issues|\/labels|\/comments/.test(template))
        return 'issues';
    if (/\/statuses|\/status$/.test(template))
        return 'statuses';
    if (template.includes('/check-runs'))
        return 'checks';
    return 'contents';
}
function allows(token, scope, method) {
    const have = token.permissions[scope];
    return method === 'GET' || method === 'HEAD' ? have === 'read' || have === 'write' : have === 'write';
}

;// CONCATENATED MODULE: ./packages/core/src/clock.ts
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
/** A clock that only moves when told (or when slept on): for tests. */
class ManualClock {
    current;
    constructor(current = Date.UTC(2026, 0, 1)) {
        this.current = current;
    }
    now() {
        return this.current;
    }
    sleep(ms) {
        this.current += ms;
        return Promise.resolve();
    }
    advance(ms) {
        this.current += ms;
    }
}
function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

;// CONCATENATED MODULE: ./packages/testkit/src/faults.ts
// Rule-based fault injection; all randomness comes from a seeded PRNG so failures replay exactly.
class Faults {
    random;
    rules = [];
    constructor(random) {
        this.random = random;
    }
    add(rule) {
        this.rules.push({ rule, seen: 0, fired: 0 });
    }
    clear() {
        this.rules = [];
    }
    /** Picks the first rule that fires for this request, updating its counters. */
    pick(method, operationId, path, afterWrite = false) {
        for (const a of this.rules) {
            const r = a.rule;
            // dropAfterWrite rules are consulted only once the write has happened.
            if (!!r.dropAfterWrite !== afterWrite)
                continue;
            if (r.method && r.method.toUpperCase() !== method.toUpperCase())
                continue;
            if (r.operationId && r.operationId !== operationId)
                continue;
            if (r.pathPattern && !r.pathPattern.test(path))
                continue;
            a.seen++;
            if (r.after !== undefined && a.seen <= r.after)
                continue;
            if (r.times !== undefined && a.fired >= r.times)
                continue;
            if (r.probability !== undefined && this.random() >= r.probability)
                continue;
            a.fired++;
            return faults_decide(r);
        }
        return undefined;
    }
}
function faults_decide(rule) {
    const headers = {};
    const retryAfter = rule.retryAfterSeconds ?? (rule.secondaryRateLimit ? 1 : undefined);
    if (retryAfter !== undefined)
        headers['retry-after'] = String(retryAfter);
    if (rule.secondaryRateLimit) {
        return {
            rule,
            status: rule.status,
            headers,
            body: {
                message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
                documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            },
        };
    }
    if (rule.status === 403 || rule.status === 429) {
        // A primary rate limit: octokit's throttling plugin keys off remaining=0 and the reset time.
        headers['x-ratelimit-remaining'] = '0';
        headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (retryAfter ?? 1));
        return {
            rule,
            status: rule.status,
            headers,
            body: { message: 'API rate limit exceeded for installation.' },
        };
    }
    const messages = {
        500: 'Server Error',
        502: 'Bad Gateway',
        503: 'Service Unavailable',
    };
    return {
        rule,
        status: rule.status,
        headers,
        body: { message: messages[rule.status] ?? 'Server Error' },
    };
}

;// CONCATENATED MODULE: ./packages/testkit/src/must.ts
// Checked access for values the surrounding logic guarantees: a clear error instead of a non-null assertion.
function must(value, what) {
    if (value === null || value === undefined)
        throw new Error(`testkit invariant: ${what} is missing`);
    return value;
}

;// CONCATENATED MODULE: ./packages/testkit/src/graphql.ts
// POST /graphql is outside the REST description, so its one supported mutation is validated by hand.

const fail = (message, type) => ({
    status: 200,
    body: {
        data: null,
        errors: [{ ...(type ? { type } : {}), message, path: ['createCommitOnBranch'] }],
    },
    violations: [],
    wrote: false,
});
function handleGraphql(state, payload) {
    const { query, variables } = (payload ?? {});
    if (typeof query !== 'string')
        return {
            status: 400,
            body: { message: 'Problems parsing JSON' },
            violations: ['POST /graphql without a query string'],
            wrote: false,
        };
    const m = /mutation\b[\s\S]*?createCommitOnBranch\s*\(\s*input\s*:\s*\$(\w+)\s*\)/.exec(query);
    if (!m) {
        return {
            status: 200,
            body: {
                errors: [
                    {
                        message: 'The fake GitHub only supports the createCommitOnBranch mutation (with input as a variable).',
                    },
                ],
            },
            violations: [`POST /graphql: unsupported query: ${query.slice(0, 120)}`],
            wrote: false,
        };
    }
    const input = variables?.[must(m[1], 'mutation input variable name')];
    const problems = checkInput(input);
    if (problems.length)
        return {
            status: 200,
            body: {
                errors: problems.map((message) => ({ type: 'INVALID_INPUT', message })),
            },
            violations: problems.map((p) => `POST /graphql createCommitOnBranch: ${p}`),
            wrote: false,
        };
    const i = must(input, 'createCommitOnBranch input');
    const branch = must(i.branch, 'input.branch');
    const [owner, name] = String(branch.repositoryNameWithOwner).split('/');
    const repo = state.find(owner, name);
    if (!repo)
        return fail(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
    const branchName = String(branch.branchName).replace(/^refs\/heads\//, '');
    const head = repo.branches.get(branchName);
    if (!head)
        return fail(`A ref named "refs/heads/${branchName}" does not exist.`, 'NOT_FOUND');
    if (i.expectedHeadOid !== head.sha) {
        return fail(`Expected branch to point to "${String(i.expectedHeadOid)}" but it did not. Pull and try merging again.`, 'STALE_DATA');
    }
    const files = {};
    for (const d of i.fileChanges?.deletions ?? [])
        files[String(d.path)] = null;
    for (const a of i.fileChanges?.additions ?? [])
        files[String(a.path)] = Buffer.from(String(a.contents), 'base64').toString('utf8');
    const msg = must(i.message, 'input.message');
    const headline = String(msg.headline);
    const message = typeof msg.body === 'string' && msg.body ? `${headline}\n\n${msg.body}` : headline;
    const oid = state.addCommit({
        owner: repo.owner,
        repo: repo.name,
        branch: branchName,
        message,
        files,
        author: { login: 'github-actions[bot]' },
    });
    return {
        status: 200,
        body: {
            data: {
                createCommitOnBranch: {
                    commit: {
                        oid,
                        url: `https://github.com/${repo.owner}/${repo.name}/commit/${oid}`,
                    },
                },
            },
        },
        violations: [],
        wrote: true,
    };
}
function checkInput(i) {
    if (!i || typeof i !== 'object')
        return ['input is required'];
    const out = [];
    if (typeof i.branch?.repositoryNameWithOwner !== 'string' || !/^[^/]+\/[^/]+$/.test(i.branch.repositoryNameWithOwner))
        out.push('branch.repositoryNameWithOwner must be "owner/name"');
    if (typeof i.branch?.branchName !== 'string')
        out.push('branch.branchName must be a string');
    if (typeof i.message?.headline !== 'string' || !i.message.headline)
        out.push('message.headline must be a non-empty string');
    if (i.message?.body !== undefined && typeof i.message.body !== 'string')
        out.push('message.body must be a string');
    if (typeof i.expectedHeadOid !== 'string' || !/^[0-9a-f]{40}$/.test(i.expectedHeadOid))
        out.push('expectedHeadOid must be a 40-hex GitObjectID');
    for (const a of i.fileChanges?.additions ?? []) {
        if (typeof a.path !== 'string' || !a.path)
            out.push('fileChanges.additions[].path must be a string');
        if (typeof a.contents !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(a.contents))
            out.push(`fileChanges.additions[${String(a.path)}].contents must be base64`);
    }
    for (const d of i.fileChanges?.deletions ?? [])
        if (typeof d.path !== 'string' || !d.path)
            out.push('fileChanges.deletions[].path must be a string');
    return out;
}

;// CONCATENATED MODULE: ./packages/testkit/src/paths.ts



/**
 * Path of a data file of the testkit (the OpenAPI subset, event and log fixtures). From source (tests)
 * that is this package; bundled into dist/cli for `npm run demo`, it is the repository's packages/testkit,
 * found by walking up from the bundle, so the bundle never carries a stale copy of the data.
 */
function testkitFile(...parts) {
    let dir = (0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    for (let i = 0; i < 6; i++) {
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'openapi', 'operations.txt')))
            return (0,external_node_path_namespaceObject.join)(dir, ...parts);
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'packages', 'testkit', 'openapi', 'operations.txt')))
            return (0,external_node_path_namespaceObject.join)(dir, 'packages', 'testkit', ...parts);
        dir = (0,external_node_path_namespaceObject.dirname)(dir);
    }
    throw new Error('cannot find packages/testkit (run the demo from a clone of the closed-loop repository)');
}

;// CONCATENATED MODULE: ./packages/testkit/src/spec.ts
// The OpenAPI subset is the single source of truth for routing, validation and response shapes.


let spec_document;
/**
 * The subset, read on first use and then kept (JSON import attributes are still awkward across ts-jest
 * and NodeNext). Not at import: the CLI imports testkit for `replay`, and every command, the pre-commit
 * hook included, would pay for reading and parsing it.
 */
function spec() {
    spec_document ??= JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(testkitFile('openapi', 'github-subset.json'), 'utf8'));
    return spec_document;
}
const SPEC_ID = 'github-subset';
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Follows a local `#/components/...` pointer inside the subset. */
function deref(node) {
    let cur = node;
    for (let i = 0; i < 20 && cur && typeof cur === 'object' && typeof cur.$ref === 'string'; i++) {
        const parts = cur.$ref.replace(/^#\//, '').split('/');
        let next = spec();
        for (const p of parts)
            next = next?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
        cur = next;
    }
    return cur;
}
/** JSON pointer (ajv-compatible) to a node of the subset document. */
function spec_pointer(...segments) {
    return `${SPEC_ID}#/` + segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}
/** Every "METHOD /path" the subset (and hence the fake) serves. */
function listOperations() {
    const out = [];
    for (const [path, item] of Object.entries(spec().paths)) {
        for (const method of HTTP_METHODS)
            if (item[method])
                out.push(`${method.toUpperCase()} ${path}`);
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/testkit/src/sample.ts
// Builds a minimal spec-valid value for a schema so handlers only overlay the fields they own.

const FIXED_DATE = '2024-01-01T00:00:00Z';
function typeOf(schema) {
    const t = schema.type;
    if (Array.isArray(t))
        return t.find((x) => x !== 'null') ?? 'null';
    return typeof t === 'string' ? t : undefined;
}
function stringFor(schema, key) {
    switch (schema.format) {
        case 'date-time':
            return FIXED_DATE;
        case 'date':
            return FIXED_DATE.slice(0, 10);
        case 'uri':
        case 'url':
            return `https://github.com/${key ?? 'x'}`;
        case 'email':
            return 'octocat@users.noreply.github.com';
        case 'uuid':
            return '00000000-0000-4000-8000-000000000000';
        default:
    }
    if (key && /_url$|^url$/.test(key))
        return `https://api.github.com/${key}`;
    if (key && /sha$/.test(key))
        return '0'.repeat(40);
    if (key && /_at$/.test(key))
        return FIXED_DATE;
    return key ?? 'string';
}
/**
 * A value satisfying `schema` with every required property present, first enum/branch choices,
 * and deterministic placeholders. Optional properties are omitted to keep payloads small.
 */
function sampleFromSchema(schema, key, depth = 0) {
    const raw = deref(schema);
    if (!raw || typeof raw !== 'object' || depth > 40)
        return null;
    const s = raw;
    if ('const' in s)
        return s.const;
    if (Array.isArray(s.enum))
        return s.enum.find((x) => x !== null) ?? s.enum[0] ?? null;
    if (Array.isArray(s.allOf)) {
        const parts = s.allOf.map((x) => sampleFromSchema(x, key, depth + 1));
        if (parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)))
            return Object.assign({}, ...parts);
        return parts[0];
    }
    for (const k of ['anyOf', 'oneOf']) {
        const branches = s[k];
        if (Array.isArray(branches) && branches.length) {
            // A nullable wrapper's real branch is more useful than a null.
            const pick = branches.find((b) => deref(b)?.type !== 'null') ?? branches[0];
            return sampleFromSchema(pick, key, depth + 1);
        }
    }
    const type = typeOf(s) ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
    switch (type) {
        case 'object': {
            const out = {};
            const props = (s.properties ?? {});
            for (const name of (s.required ?? []))
                out[name] = props[name] !== undefined ? sampleFromSchema(props[name], name, depth + 1) : null;
            return out;
        }
        case 'array': {
            const min = typeof s.minItems === 'number' ? s.minItems : 0;
            return Array.from({ length: min }, () => sampleFromSchema(s.items, key, depth + 1));
        }
        case 'integer':
        case 'number':
            return typeof s.minimum === 'number' ? s.minimum : 1;
        case 'boolean':
            return false;
        case 'string':
            return stringFor(s, key);
        case 'null':
            return null;
        default:
            return {};
    }
}
const named = new Map();
/** A fresh sample of `#/components/schemas/<name>` (cached, then cloned so callers may mutate). */
function sampleOf(name) {
    if (!named.has(name)) {
        if (!spec().components.schemas?.[name])
            throw new Error(`no schema ${name} in the OpenAPI subset`);
        named.set(name, sampleFromSchema({ $ref: `#/components/schemas/${name}` }));
    }
    return structuredClone(named.get(name));
}
/** Deep-merges real state over a sample; arrays and nulls from the overlay replace the sample's. */
function overlay(base, top) {
    if (top === undefined)
        return base;
    if (!top || typeof top !== 'object' || Array.isArray(top) || !base || typeof base !== 'object' || Array.isArray(base))
        return top;
    const out = { ...base };
    for (const [k, v] of Object.entries(top))
        if (v !== undefined)
            out[k] = overlay(out[k], v);
    return out;
}
/** Sample of a named schema with `data` overlaid: the way every handler renders a resource. */
function shape(name, data) {
    return overlay(sampleOf(name), data);
}

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/common.ts
// Shared handler plumbing: context, replies, errors, pagination and resource renderers.

class HttpError extends Error {
    status;
    extra;
    constructor(status, message, extra = {}) {
        super(message);
        this.status = status;
        this.extra = extra;
    }
}
const DOCS = 'https://docs.github.com/rest';
function notFound() {
    throw new HttpError(404, 'Not Found');
}
function unprocessable(message, errors = []) {
    throw new HttpError(422, message, { errors });
}
const ok = (body, headers) => ({
    status: 200,
    body,
    ...(headers ? { headers } : {}),
});
const created = (body) => ({ status: 201, body });
function common_num(v, fallback) {
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
/** String(v) for JSON scalars; objects and arrays are JSON-encoded rather than "[object Object]". */
function common_text(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null || v === undefined)
        return String(v);
    return JSON.stringify(v);
}
function common_str(v) {
    return typeof v === 'string' ? v : undefined;
}
/** Slices a list per GitHub's per_page/page rules and builds the `Link` header. `cap` bounds the total. */
function paginate(ctx, items, cap) {
    const all = cap !== undefined ? items.slice(0, cap) : items;
    const perPage = Math.min(Math.max(common_num(ctx.query.per_page, 30), 1), 100);
    const page = Math.max(common_num(ctx.query.page, 1), 1);
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const link = (p, rel) => {
        const q = new URLSearchParams(ctx.searchParams);
        q.set('page', String(p));
        if (!q.has('per_page') && ctx.query.per_page !== undefined)
            q.set('per_page', String(perPage));
        return `<${ctx.baseUrl}${ctx.pathname}?${q.toString()}>; rel="${rel}"`;
    };
    const rels = [];
    if (page > 1)
        rels.push(link(1, 'first'), link(Math.min(page - 1, last), 'prev'));
    if (page < last)
        rels.push(link(page + 1, 'next'), link(last, 'last'));
    return {
        page: all.slice((page - 1) * perPage, page * perPage),
        headers: rels.length ? { link: rels.join(', ') } : {},
        total: all.length,
    };
}
// ---- renderers shared across domains ----
function apiRepoUrl(ctx, r = ctx.repo) {
    return `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
}
function renderUser(ctx, login) {
    const u = ctx.state.user(login);
    return shape('simple-user', {
        login: u.login,
        id: u.id,
        node_id: `U_${u.id}`,
        type: u.type,
        url: `${ctx.baseUrl}/users/${encodeURIComponent(u.login)}`,
        html_url: `https://github.com/${u.login}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${u.id}`,
    });
}
/** Repository objects by schema name; `fullName` lets fork heads point at another (virtual) repo. */
function renderRepo(ctx, schema, r, fullName) {
    const [owner, name] = (fullName ?? `${r.owner}/${r.name}`).split('/');
    const isOther = fullName !== undefined && fullName.toLowerCase() !== `${r.owner}/${r.name}`.toLowerCase();
    return shape(schema, {
        id: isOther ? r.id + 100000 : r.id,
        node_id: `R_${r.id}`,
        name,
        full_name: `${owner}/${name}`,
        owner: renderUser(ctx, owner),
        private: r.private,
        fork: isOther || r.fork,
        default_branch: r.default_branch,
        url: `${ctx.baseUrl}/repos/${owner}/${name}`,
        html_url: `https://github.com/${owner}/${name}`,
        clone_url: `https://github.com/${owner}/${name}.git`,
        description: null,
        visibility: r.private ? 'private' : 'public',
    });
}
function renderLabel(ctx, name) {
    const l = ctx.state.ensureLabel(ctx.repo, name);
    return shape('label', {
        id: l.id,
        node_id: `LA_${l.id}`,
        name: l.name,
        color: l.color,
        description: l.description,
        default: false,
        url: `${apiRepoUrl(ctx)}/labels/${encodeURIComponent(l.name)}`,
    });
}
function rollup(ctx, url, reactions) {
    const count = (c) => reactions.filter((r) => r.content === c).length;
    return {
        url,
        total_count: reactions.length,
        '+1': count('+1'),
        '-1': count('-1'),
        laugh: count('laugh'),
        confused: count('confused'),
        heart: count('heart'),
        hooray: count('hooray'),
        eyes: count('eyes'),
        rocket: count('rocket'),
    };
}
/** Creates (201) or returns the existing identical reaction (200), as GitHub does. */
function react(ctx, list) {
    const content = String(ctx.body.content);
    const existing = list.find((r) => r.content === content && r.user === ctx.login);
    const r = existing ?? {
        id: ctx.state.nextId(),
        content,
        user: ctx.login,
        created_at: ctx.state.iso(),
    };
    if (!existing)
        list.push(r);
    const body = shape('reaction', {
        id: r.id,
        node_id: `REA_${r.id}`,
        content: r.content,
        user: renderUser(ctx, r.user),
        created_at: r.created_at,
    });
    return { status: existing ? 200 : 201, body, wrote: !existing };
}

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/actions.ts
// GitHub Actions: workflows, runs, attempts, jobs, logs, artifacts and re-runs.



function getRun(ctx) {
    return ctx.repo.runs.get(Number(ctx.params.run_id)) ?? notFound();
}
function attemptOf(run, n) {
    return (n === undefined ? run.attempts[run.attempts.length - 1] : run.attempts.find((a) => a.attempt === n)) ?? notFound();
}
function renderRun(ctx, run, attemptNo) {
    const a = attemptOf(run, attemptNo);
    const base = `${apiRepoUrl(ctx)}/actions/runs/${run.id}`;
    const commit = ctx.repo.commits.get(run.head_sha);
    const pulls = ctx.query.exclude_pull_requests === true ? [] : run.pullNumbers.map((n) => ctx.repo.pulls.get(n)).filter((p) => !!p);
    return shape('workflow-run', {
        id: run.id,
        node_id: `WFR_${run.id}`,
        name: run.name,
        display_title: commit?.message.split('\n')[0] ?? run.name,
        run_number: run.run_number,
        run_attempt: a.attempt,
        event: run.event,
        status: a.status,
        conclusion: a.conclusion,
        head_sha: run.head_sha,
        head_branch: run.head_branch,
        path: run.path,
        workflow_id: run.workflowId,
        url: base,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/actions/runs/${run.id}`,
        jobs_url: `${base}/jobs`,
        logs_url: `${base}/logs`,
        rerun_url: `${base}/rerun`,
        cancel_url: `${base}/cancel`,
        artifacts_url: `${base}/artifacts`,
        check_suite_url: `${apiRepoUrl(ctx)}/check-suites/${run.id}`,
        workflow_url: `${apiRepoUrl(ctx)}/actions/workflows/${run.workflowId}`,
        previous_attempt_url: a.attempt > 1 ? `${base}/attempts/${a.attempt - 1}` : null,
        created_at: run.created_at,
        updated_at: a.updated_at,
        run_started_at: a.run_started_at,
        actor: renderUser(ctx, run.actor),
        triggering_actor: renderUser(ctx, a.triggeringActor),
        head_commit: commit
            ? {
                id: commit.sha,
                tree_id: commit.treeSha,
                message: commit.message,
                timestamp: commit.author.date,
                author: { name: commit.author.name, email: commit.author.email },
                committer: { name: commit.author.name, email: commit.author.email },
            }
            : null,
        head_repository: renderRepo(ctx, 'minimal-repository', ctx.repo, run.headRepoFullName),
        repository: renderRepo(ctx, 'minimal-repository', ctx.repo),
        pull_requests: pulls.map((p) => ({
            id: p.id,
            number: p.number,
            url: `${apiRepoUrl(ctx)}/pulls/${p.number}`,
            head: {
                ref: p.head.ref,
                sha: p.head.sha,
                repo: { id: ctx.repo.id, url: apiRepoUrl(ctx), name: ctx.repo.name },
            },
            base: {
                ref: p.base.ref,
                sha: p.base.sha,
                repo: { id: ctx.repo.id, url: apiRepoUrl(ctx), name: ctx.repo.name },
            },
        })),
    });
}
function renderJob(ctx, job) {
    const run = must(ctx.repo.runs.get(job.runId), `run ${String(job.runId)}`);
    return shape('job', {
        id: job.id,
        node_id: `J_${job.id}`,
        run_id: run.id,
        run_attempt: job.attempt,
        run_url: `${apiRepoUrl(ctx)}/actions/runs/${run.id}`,
        head_sha: run.head_sha,
        head_branch: run.head_branch,
        workflow_name: run.name,
        name: job.name,
        url: `${apiRepoUrl(ctx)}/actions/jobs/${job.id}`,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/actions/runs/${run.id}/job/${job.id}`,
        check_run_url: `${apiRepoUrl(ctx)}/check-runs/${job.id}`,
        status: job.status,
        conclusion: job.conclusion,
        created_at: job.started_at,
        started_at: job.started_at,
        completed_at: job.completed_at,
        labels: job.labels,
        runner_id: job.status === 'queued' ? null : 1,
        runner_name: job.status === 'queued' ? null : 'GitHub Actions 1',
        runner_group_id: job.status === 'queued' ? null : 1,
        runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
        steps: job.steps.map((s) => ({
            ...s,
            started_at: job.started_at,
            completed_at: s.status === 'completed' ? (job.completed_at ?? job.started_at) : null,
        })),
    });
}
function renderWorkflow(ctx, id) {
    const w = must(ctx.repo.workflows.get(id), `workflow ${String(id)}`);
    return shape('workflow', {
        id: w.id,
        node_id: `W_${w.id}`,
        name: w.name,
        path: w.path,
        state: w.state,
        url: `${apiRepoUrl(ctx)}/actions/workflows/${w.id}`,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/blob/${ctx.repo.default_branch}/${w.path}`,
        badge_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
    });
}
/** GitHub's `created` filter: `>=date`, `<date`, `a..b`, or an exact day. */
function createdMatches(created, filter) {
    const t = Date.parse(created);
    const range = /^(.+)\.\.(.+)$/.exec(filter);
    if (range) {
        const [, from = '', to = ''] = range;
        return (from === '*' || t >= Date.parse(from)) && (to === '*' || t <= Date.parse(to) + (to.length <= 10 ? 86399999 : 0));
    }
    const cmp = /^(>=|<=|>|<)(.+)$/.exec(filter);
    if (cmp) {
        const d = Date.parse(cmp[2] ?? '');
        return cmp[1] === '>=' ? t >= d : cmp[1] === '<=' ? t <= d : cmp[1] === '>' ? t > d : t < d;
    }
    return created.startsWith(filter);
}
const STATUSES = new Set(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);
function listRuns(ctx, workflowId) {
    const q = ctx.query;
    const runs = [...ctx.repo.runs.values()]
        .filter((run) => workflowId === undefined || run.workflowId === workflowId)
        .filter((run) => {
        const a = attemptOf(run);
        if (q.branch !== undefined && run.head_branch !== q.branch)
            return false;
        if (q.event !== undefined && run.event !== q.event)
            return false;
        if (q.actor !== undefined && run.actor !== q.actor)
            return false;
        if (q.head_sha !== undefined && run.head_sha !== q.head_sha)
            return false;
        if (typeof q.status === 'string') {
            if (STATUSES.has(q.status) ? a.status !== q.status : a.conclusion !== q.status)
                return false;
        }
        if (typeof q.created === 'string' && !createdMatches(run.created_at, q.created))
            return false;
        return true;
    })
        .sort((x, y) => y.created_at.localeCompare(x.created_at) || y.id - x.id);
    const { page, headers, total } = paginate(ctx, runs);
    return ok({ total_count: total, workflow_runs: page.map((r) => renderRun(ctx, r)) }, headers);
}
function findWorkflow(ctx) {
    const key = String(ctx.params.workflow_id);
    for (const w of ctx.repo.workflows.values())
        if (String(w.id) === key || w.path === key || w.path.endsWith(`/${key}`))
            return w.id;
    return notFound();
}
function jobsPage(ctx, jobs) {
    const { page, headers, total } = paginate(ctx, jobs);
    return ok({ total_count: total, jobs: page.map((j) => renderJob(ctx, j)) }, headers);
}
/** Starts a new attempt. Which jobs re-run depends on the kind; the rest carry their results over. */
function rerun(ctx, run, kind, jobId) {
    const prev = attemptOf(run);
    if (prev.status !== 'completed')
        throw new HttpError(403, `This workflow run is not completed`);
    if (kind === 'failed' && !prev.jobIds.some((id) => isFailed(must(ctx.repo.jobs.get(id), `job ${String(id)}`)))) {
        throw new HttpError(403, 'This workflow run has no failed jobs to re-run');
    }
    const now = ctx.state.iso();
    const next = {
        attempt: prev.attempt + 1,
        status: 'queued',
        conclusion: null,
        created_at: now,
        updated_at: now,
        run_started_at: now,
        jobIds: [],
        triggeringActor: ctx.login,
    };
    run.attempts.push(next);
    for (const id of prev.jobIds) {
        const old = must(ctx.repo.jobs.get(id), `job ${String(id)}`);
        const again = kind === 'all' || (kind === 'failed' && isFailed(old)) || (kind === 'job' && old.id === jobId);
        const job = again
            ? {
                ...old,
                id: ctx.state.nextId(),
                attempt: next.attempt,
                status: 'queued',
                conclusion: null,
                completed_at: null,
                started_at: now,
                logsExpired: false,
                steps: old.steps.map((s) => ({
                    ...s,
                    status: 'queued',
                    conclusion: null,
                })),
            }
            : {
                ...old,
                id: ctx.state.nextId(),
                attempt: next.attempt,
                steps: old.steps.map((s) => ({ ...s })),
            };
        if (again)
            delete job.log;
        ctx.repo.jobs.set(job.id, job);
        next.jobIds.push(job.id);
    }
    ctx.state.reruns.push({
        owner: ctx.repo.owner,
        repo: ctx.repo.name,
        runId: run.id,
        attempt: next.attempt,
        kind,
        ...(jobId !== undefined ? { jobId } : {}),
    });
    return created({});
}
function isFailed(j) {
    return j.conclusion === 'failure' || j.conclusion === 'cancelled' || j.conclusion === 'timed_out';
}
const actionsHandlers = {
    'actions/list-workflow-runs-for-repo': (ctx) => listRuns(ctx),
    'actions/list-workflow-runs': (ctx) => listRuns(ctx, findWorkflow(ctx)),
    'actions/get-workflow-run': (ctx) => ok(renderRun(ctx, getRun(ctx))),
    'actions/get-workflow-run-attempt': (ctx) => ok(renderRun(ctx, getRun(ctx), Number(ctx.params.attempt_number))),
    'actions/list-jobs-for-workflow-run-attempt': (ctx) => {
        const a = attemptOf(getRun(ctx), Number(ctx.params.attempt_number));
        return jobsPage(ctx, a.jobIds.map((id) => must(ctx.repo.jobs.get(id), `job ${String(id)}`)));
    },
    'actions/list-jobs-for-workflow-run': (ctx) => {
        const run = getRun(ctx);
        // filter=latest (default) shows the newest attempt's jobs; all shows every attempt's.
        const attempts = ctx.query.filter === 'all' ? run.attempts : [attemptOf(run)];
        return jobsPage(ctx, attempts.flatMap((a) => a.jobIds.map((id) => must(ctx.repo.jobs.get(id), `job ${String(id)}`))));
    },
    'actions/get-job-for-workflow-run': (ctx) => ok(renderJob(ctx, ctx.repo.jobs.get(Number(ctx.params.job_id)) ?? notFound())),
    'actions/download-job-logs-for-workflow-run': (ctx) => {
        const job = ctx.repo.jobs.get(Number(ctx.params.job_id)) ?? notFound();
        if (job.logsExpired)
            throw new HttpError(410, 'Logs have expired and are no longer available.');
        if (job.log === undefined)
            notFound();
        return {
            status: 302,
            headers: { location: ctx.blob(job.log, 'text/plain; charset=utf-8') },
        };
    },
    'actions/list-workflow-run-artifacts': (ctx) => {
        getRun(ctx);
        return ok({ total_count: 0, artifacts: [] });
    },
    'actions/download-artifact': () => notFound(),
    'actions/re-run-workflow': (ctx) => rerun(ctx, getRun(ctx), 'all'),
    'actions/re-run-workflow-failed-jobs': (ctx) => rerun(ctx, getRun(ctx), 'failed'),
    'actions/re-run-job-for-workflow-run': (ctx) => {
        const job = ctx.repo.jobs.get(Number(ctx.params.job_id)) ?? notFound();
        const run = must(ctx.repo.runs.get(job.runId), `run ${String(job.runId)}`);
        if (attemptOf(run).attempt !== job.attempt)
            throw new HttpError(403, 'Only jobs of the latest attempt can be re-run');
        return rerun(ctx, run, 'job', job.id);
    },
    'actions/list-repo-workflows': (ctx) => {
        const { page, headers, total } = paginate(ctx, [...ctx.repo.workflows.keys()]);
        return ok({
            total_count: total,
            workflows: page.map((id) => renderWorkflow(ctx, id)),
        }, headers);
    },
    'actions/get-workflow': (ctx) => ok(renderWorkflow(ctx, findWorkflow(ctx))),
};

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/checks.ts
// Commit statuses and check runs.


function renderStatus(ctx, s, schema) {
    return shape(schema, {
        id: s.id,
        node_id: `SC_${s.id}`,
        state: s.state,
        context: s.context,
        description: s.description,
        target_url: s.target_url,
        created_at: s.created_at,
        updated_at: s.created_at,
        creator: renderUser(ctx, s.creator),
        url: `${apiRepoUrl(ctx)}/statuses/${s.sha}`,
        avatar_url: null,
    });
}
function shaFor(ctx, ref) {
    return ctx.state.resolveRef(ctx.repo, ref)?.sha ?? notFound();
}
function renderCheckRun(ctx, c) {
    return shape('check-run', {
        id: c.id,
        node_id: `CR_${c.id}`,
        name: c.name,
        head_sha: c.head_sha,
        status: c.status,
        conclusion: c.conclusion,
        started_at: c.started_at,
        completed_at: c.completed_at,
        details_url: c.details_url,
        external_id: c.external_id,
        output: {
            ...c.output,
            annotations_url: `${apiRepoUrl(ctx)}/check-runs/${c.id}/annotations`,
        },
        url: `${apiRepoUrl(ctx)}/check-runs/${c.id}`,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/runs/${c.id}`,
        check_suite: { id: c.id },
        app: null,
        pull_requests: [],
    });
}
function applyCheck(ctx, c) {
    const b = ctx.body;
    if (typeof b.name === 'string')
        c.name = b.name;
    if (typeof b.status === 'string')
        c.status = b.status;
    if (typeof b.details_url === 'string')
        c.details_url = b.details_url;
    if (typeof b.external_id === 'string')
        c.external_id = b.external_id;
    if (typeof b.started_at === 'string')
        c.started_at = b.started_at;
    if (typeof b.conclusion === 'string') {
        // Supplying a conclusion completes the check, as on GitHub.
        c.conclusion = b.conclusion;
        c.status = 'completed';
        c.completed_at = common_str(b.completed_at) ?? ctx.state.iso();
    }
    const out = b.output;
    if (out)
        c.output = {
            title: out.title ?? null,
            summary: out.summary ?? null,
            text: out.text ?? null,
            annotations_count: c.output.annotations_count + (out.annotations?.length ?? 0),
        };
    if (c.status === 'completed' && !c.conclusion)
        unprocessable('Invalid request.\n\nWhen the status is completed, a conclusion is required.');
}
const checksHandlers = {
    'repos/create-commit-status': (ctx) => {
        const sha = String(ctx.params.sha);
        if (!ctx.repo.commits.has(sha))
            unprocessable(`No commit found for SHA: ${sha}`);
        const s = {
            id: ctx.state.nextId(),
            sha,
            state: ctx.body.state,
            context: common_str(ctx.body.context) ?? 'default',
            description: common_str(ctx.body.description) ?? null,
            target_url: common_str(ctx.body.target_url) ?? null,
            creator: ctx.login,
            created_at: ctx.state.iso(),
        };
        ctx.repo.statuses.push(s);
        return created(renderStatus(ctx, s, 'status'));
    },
    'repos/list-commit-statuses-for-ref': (ctx) => {
        const sha = shaFor(ctx, String(ctx.params.ref));
        const list = ctx.repo.statuses.filter((s) => s.sha === sha).reverse();
        const { page, headers } = paginate(ctx, list);
        return ok(page.map((s) => renderStatus(ctx, s, 'status')), headers);
    },
    'repos/get-combined-status-for-ref': (ctx) => {
        const sha = shaFor(ctx, String(ctx.params.ref));
        const latest = new Map();
        for (const s of ctx.repo.statuses)
            if (s.sha === sha)
                latest.set(s.context, s);
        const all = [...latest.values()];
        const state = all.some((s) => s.state === 'error' || s.state === 'failure')
            ? 'failure'
            : all.length && all.every((s) => s.state === 'success')
                ? 'success'
                : 'pending';
        const { page, headers } = paginate(ctx, all);
        return ok(shape('combined-commit-status', {
            state,
            sha,
            total_count: all.length,
            statuses: page.map((s) => renderStatus(ctx, s, 'simple-commit-status')),
            repository: renderRepo(ctx, 'minimal-repository', ctx.repo),
            commit_url: `${apiRepoUrl(ctx)}/commits/${sha}`,
            url: `${apiRepoUrl(ctx)}/commits/${sha}/status`,
        }), headers);
    },
    'checks/create': (ctx) => {
        const c = {
            id: ctx.state.nextId(),
            name: String(ctx.body.name),
            head_sha: String(ctx.body.head_sha),
            status: 'queued',
            conclusion: null,
            started_at: ctx.state.iso(),
            completed_at: null,
            details_url: null,
            external_id: null,
            output: { title: null, summary: null, text: null, annotations_count: 0 },
        };
        applyCheck(ctx, c);
        ctx.repo.checkRuns.set(c.id, c);
        return created(renderCheckRun(ctx, c));
    },
    'checks/update': (ctx) => {
        const c = ctx.repo.checkRuns.get(Number(ctx.params.check_run_id)) ?? notFound();
        applyCheck(ctx, c);
        return ok(renderCheckRun(ctx, c));
    },
};

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/issues.ts
// Issues (which include pull requests, as on GitHub), comments, labels, assignees and reactions.


function renderIssue(ctx, i) {
    const url = `${apiRepoUrl(ctx)}/issues/${i.number}`;
    const comments = [...ctx.repo.comments.values()].filter((c) => c.issueNumber === i.number).length;
    return shape('issue', {
        id: i.id,
        node_id: `I_${i.id}`,
        number: i.number,
        title: i.title,
        body: i.body,
        state: i.state,
        state_reason: i.state_reason,
        locked: i.locked,
        user: renderUser(ctx, i.user),
        labels: i.labels.map((l) => renderLabel(ctx, l)),
        assignee: i.assignees[0] ? renderUser(ctx, i.assignees[0]) : null,
        assignees: i.assignees.map((a) => renderUser(ctx, a)),
        comments,
        created_at: i.created_at,
        updated_at: i.updated_at,
        closed_at: i.closed_at,
        closed_by: i.closed_by ? renderUser(ctx, i.closed_by) : null,
        url,
        repository_url: apiRepoUrl(ctx),
        labels_url: `${url}/labels{/name}`,
        comments_url: `${url}/comments`,
        events_url: `${url}/events`,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
        author_association: i.user === ctx.repo.owner ? 'OWNER' : 'NONE',
        ...(i.isPull
            ? {
                pull_request: {
                    url: `${apiRepoUrl(ctx)}/pulls/${i.number}`,
                    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${i.number}`,
                    diff_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${i.number}.diff`,
                    patch_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${i.number}.patch`,
                    merged_at: null,
                },
            }
            : {}),
    });
}
function renderComment(ctx, c) {
    const url = `${apiRepoUrl(ctx)}/issues/comments/${c.id}`;
    return shape('issue-comment', {
        id: c.id,
        node_id: `IC_${c.id}`,
        body: c.body,
        user: renderUser(ctx, c.user),
        created_at: c.created_at,
        updated_at: c.updated_at,
        url,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/issues/${c.issueNumber}#issuecomment-${c.id}`,
        issue_url: `${apiRepoUrl(ctx)}/issues/${c.issueNumber}`,
        author_association: c.user === ctx.repo.owner ? 'OWNER' : 'NONE',
        reactions: rollup(ctx, `${url}/reactions`, c.reactions),
    });
}
function getIssue(ctx) {
    return ctx.repo.issues.get(Number(ctx.params.issue_number)) ?? notFound();
}
function getComment(ctx) {
    return ctx.repo.comments.get(Number(ctx.params.comment_id)) ?? notFound();
}
function labelNames(raw) {
    const list = Array.isArray(raw) ? raw : [];
    return list.map((l) => (typeof l === 'string' ? l : common_text(l.name ?? ''))).filter(Boolean);
}
function applyState(ctx, i, state, reason) {
    if (state === 'closed' && i.state !== 'closed') {
        i.state = 'closed';
        i.closed_at = ctx.state.iso();
        i.closed_by = ctx.login;
        i.state_reason = common_str(reason) ?? 'completed';
    }
    else if (state === 'open' && i.state !== 'open') {
        i.state = 'open';
        i.closed_at = null;
        i.closed_by = null;
        i.state_reason = 'reopened';
    }
    else if (reason !== undefined && i.state === 'closed') {
        i.state_reason = reason;
    }
}
const issuesHandlers = {
    'issues/list-for-repo': (ctx) => {
        const q = ctx.query;
        const wanted = typeof q.labels === 'string'
            ? q.labels
                .split(',')
                .map((l) => l.trim().toLowerCase())
                .filter(Boolean)
            : [];
        const since = typeof q.since === 'string' ? Date.parse(q.since) : undefined;
        const sort = q.sort ?? 'created';
        const dir = q.direction === 'asc' ? 1 : -1;
        const items = [...ctx.repo.issues.values()]
            .filter((i) => (q.state ?? 'open') === 'all' || i.state === (q.state ?? 'open'))
            .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
            .filter((i) => q.creator === undefined || i.user === q.creator)
            .filter((i) => q.assignee === undefined ||
            (q.assignee === 'none' ? i.assignees.length === 0 : q.assignee === '*' ? i.assignees.length > 0 : i.assignees.includes(common_text(q.assignee))))
            .filter((i) => since === undefined || Date.parse(i.updated_at) >= since)
            .sort((a, b) => {
            const key = (x) => sort === 'updated' ? x.updated_at : sort === 'comments' ? ctx.state.comments(ctx.repo.owner, ctx.repo.name, x.number).length : x.created_at;
            const ka = key(a);
            const kb = key(b);
            return (ka < kb ? -1 : ka > kb ? 1 : a.number - b.number) * dir;
        });
        const { page, headers } = paginate(ctx, items);
        return ok(page.map((i) => renderIssue(ctx, i)), headers);
    },
    'issues/create': (ctx) => {
        const b = ctx.body;
        const i = ctx.state.addIssue({
            owner: ctx.repo.owner,
            repo: ctx.repo.name,
            title: String(b.title),
            body: common_str(b.body) ?? null,
            user: ctx.login,
            labels: labelNames(b.labels),
            assignees: [...(Array.isArray(b.assignees) ? b.assignees : []), ...(typeof b.assignee === 'string' ? [b.assignee] : [])],
        });
        return {
            status: 201,
            body: renderIssue(ctx, i),
            headers: { location: `${apiRepoUrl(ctx)}/issues/${i.number}` },
        };
    },
    'issues/get': (ctx) => ok(renderIssue(ctx, getIssue(ctx))),
    'issues/update': (ctx) => {
        const i = getIssue(ctx);
        const b = ctx.body;
        if (b.title !== undefined && b.title !== null)
            i.title = common_text(b.title);
        if (b.body !== undefined)
            i.body = b.body ?? null;
        if (b.labels !== undefined) {
            i.labels = labelNames(b.labels);
            i.labels.forEach((l) => ctx.state.ensureLabel(ctx.repo, l));
        }
        if (Array.isArray(b.assignees))
            i.assignees = b.assignees;
        applyState(ctx, i, b.state, b.state_reason);
        i.updated_at = ctx.state.iso();
        return ok(renderIssue(ctx, i));
    },
    'issues/list-comments': (ctx) => {
        const i = getIssue(ctx);
        const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
        const list = ctx.state.comments(ctx.repo.owner, ctx.repo.name, i.number).filter((c) => since === undefined || Date.parse(c.updated_at) >= since);
        const { page, headers } = paginate(ctx, list);
        return ok(page.map((c) => renderComment(ctx, c)), headers);
    },
    'issues/create-comment': (ctx) => {
        const i = getIssue(ctx);
        if (i.locked)
            throw new HttpError(403, 'Unable to create comment because issue is locked.');
        const c = ctx.state.addComment({
            owner: ctx.repo.owner,
            repo: ctx.repo.name,
            issueNumber: i.number,
            body: String(ctx.body.body),
            user: ctx.login,
        });
        i.updated_at = c.created_at;
        return created(renderComment(ctx, c));
    },
    'issues/get-comment': (ctx) => ok(renderComment(ctx, getComment(ctx))),
    'issues/update-comment': (ctx) => {
        const c = getComment(ctx);
        c.body = String(ctx.body.body);
        c.updated_at = ctx.state.iso();
        return ok(renderComment(ctx, c));
    },
    'issues/delete-comment': (ctx) => {
        ctx.repo.comments.delete(getComment(ctx).id);
        return { status: 204 };
    },
    'reactions/create-for-issue-comment': (ctx) => react(ctx, getComment(ctx).reactions),
    'issues/add-labels': (ctx) => {
        const i = getIssue(ctx);
        const raw = Array.isArray(ctx.body) ? ctx.body : (ctx.body.labels ?? []);
        const names = labelNames(raw);
        if (!names.length)
            unprocessable('Validation Failed', [{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
        for (const n of names)
            if (!i.labels.some((l) => l.toLowerCase() === n.toLowerCase()))
                i.labels.push(ctx.state.ensureLabel(ctx.repo, n).name);
        i.updated_at = ctx.state.iso();
        return ok(i.labels.map((l) => renderLabel(ctx, l)));
    },
    'issues/remove-label': (ctx) => {
        const i = getIssue(ctx);
        const name = String(ctx.params.name).toLowerCase();
        const idx = i.labels.findIndex((l) => l.toLowerCase() === name);
        if (idx < 0)
            throw new HttpError(404, 'Label does not exist');
        i.labels.splice(idx, 1);
        i.updated_at = ctx.state.iso();
        return ok(i.labels.map((l) => renderLabel(ctx, l)));
    },
    'issues/add-assignees': (ctx) => {
        const i = getIssue(ctx);
        for (const a of ctx.body.assignees ?? [])
            if (!i.assignees.includes(a))
                i.assignees.push(a);
        i.updated_at = ctx.state.iso();
        return created(renderIssue(ctx, i));
    },
    'issues/list-labels-for-repo': (ctx) => {
        const { page, headers } = paginate(ctx, [...ctx.repo.labels.values()]);
        return ok(page.map((l) => renderLabel(ctx, l.name)), headers);
    },
    'issues/create-label': (ctx) => {
        const name = String(ctx.body.name);
        if (ctx.repo.labels.has(name.toLowerCase()))
            unprocessable('Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
        ctx.state.ensureLabel(ctx.repo, name, common_str(ctx.body.color)?.replace(/^#/, '') ?? 'ededed', common_str(ctx.body.description) ?? null);
        return created(renderLabel(ctx, name));
    },
    'issues/get-label': (ctx) => {
        const l = ctx.repo.labels.get(String(ctx.params.name).toLowerCase()) ?? notFound();
        return ok(renderLabel(ctx, l.name));
    },
};

;// CONCATENATED MODULE: ./packages/testkit/src/state.ts
// In-memory GitHub: plain records the handlers render into spec-shaped JSON.


function sha1(text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha1').update(text).digest('hex');
}
class State {
    defaultOwner;
    defaultRepo;
    repos = new Map();
    users = new Map();
    /** Every re-run request the fake accepted, in order. */
    reruns = [];
    seq = 1000;
    /** Overridable clock so tests can pin timestamps. */
    now = () => new Date();
    constructor(defaultOwner, defaultRepo) {
        this.defaultOwner = defaultOwner;
        this.defaultRepo = defaultRepo;
        this.addRepo({ owner: defaultOwner, repo: defaultRepo });
    }
    nextId() {
        return ++this.seq;
    }
    iso() {
        return this.now()
            .toISOString()
            .replace(/\.\d{3}Z$/, 'Z');
    }
    user(login, type) {
        let u = this.users.get(login);
        if (!u) {
            u = {
                login,
                id: 5000 + this.users.size,
                type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
            };
            this.users.set(login, u);
        }
        return u;
    }
    repoOf(t = {}) {
        const r = this.find(t.owner ?? this.defaultOwner, t.repo ?? this.defaultRepo);
        if (!r)
            throw new Error(`fake GitHub has no repository ${t.owner}/${t.repo}; call state.addRepo first`);
        return r;
    }
    find(owner, repo) {
        return this.repos.get(`${owner}/${repo}`.toLowerCase());
    }
    // ---- seeding ----
    /** Creates a repository with a default branch holding one commit (README.md). */
    addRepo(opts) {
        const r = {
            id: this.nextId(),
            owner: opts.owner,
            name: opts.repo,
            default_branch: opts.defaultBranch ?? 'main',
            private: opts.private ?? false,
            fork: opts.fork ?? false,
            branches: new Map(),
            commits: new Map(),
            workflows: new Map(),
            runs: new Map(),
            jobs: new Map(),
            issues: new Map(),
            pulls: new Map(),
            comments: new Map(),
            labels: new Map(),
            reviews: new Map(),
            reviewComments: new Map(),
            statuses: [],
            checkRuns: new Map(),
            collaborators: new Map([[opts.owner, 'admin']]),
            nextNumber: 1,
        };
        this.repos.set(`${opts.owner}/${opts.repo}`.toLowerCase(), r);
        this.user(opts.owner);
        const sha = this.addCommit({
            owner: opts.owner,
            repo: opts.repo,
            message: 'Initial commit',
            parents: [],
            files: opts.files ?? { 'README.md': `# ${opts.repo}\n` },
        });
        r.branches.set(r.default_branch, {
            name: r.default_branch,
            sha,
            protected: false,
        });
        return r;
    }
    /**
     * Adds a commit. With `branch`, the parent defaults to the branch head and the branch moves to it.
     * `files` are changes on top of the parent tree; `null` deletes a path. Returns the new sha.
     */
    addCommit(opts) {
        const r = this.repoOf(opts);
        const branch = opts.branch ? r.branches.get(opts.branch) : undefined;
        const parents = opts.parents ?? (branch ? [branch.sha] : opts.branch ? [] : [this.headOf(r, r.default_branch)].filter((x) => !!x));
        const base = parents[0] ? r.commits.get(parents[0])?.files : undefined;
        const files = new Map(base ?? []);
        for (const [p, c] of Object.entries(opts.files ?? {})) {
            if (c === null)
                files.delete(p);
            else
                files.set(p, c);
        }
        const message = opts.message ?? 'Update files';
        const treeSha = sha1(`tree ${[...files].map(([p, c]) => `${p}\0${sha1(c)}`).join('\n')}`);
        const sha = sha1(`commit ${this.nextId()} ${treeSha} ${parents.join(',')} ${message}`);
        const login = opts.author?.login ?? r.owner;
        r.commits.set(sha, {
            sha,
            message,
            parents,
            author: {
                name: opts.author?.name ?? login,
                email: opts.author?.email ?? `${login}@users.noreply.github.com`,
                date: this.iso(),
                login,
            },
            files,
            treeSha,
        });
        if (opts.branch)
            this.setBranch({ ...opts, branch: opts.branch, sha });
        return sha;
    }
    /** Creates or moves a branch. */
    setBranch(opts) {
        const r = this.repoOf(opts);
        const prev = r.branches.get(opts.branch);
        const sha = opts.sha ?? prev?.sha ?? this.headOf(r, r.default_branch);
        if (!sha)
            throw new Error(`no sha for branch ${opts.branch}`);
        const b = {
            name: opts.branch,
            sha,
            protected: opts.protected ?? prev?.protected ?? false,
        };
        r.branches.set(opts.branch, b);
        return b;
    }
    headOf(r, branch) {
        return r.branches.get(branch)?.sha;
    }
    /** Resolves a branch name, `heads/x`, `refs/heads/x`, tag-less sha or sha prefix to a commit. */
    resolveRef(r, ref) {
        const name = (ref ?? r.default_branch).replace(/^refs\//, '').replace(/^heads\//, '');
        const b = r.branches.get(name);
        if (b)
            return r.commits.get(b.sha);
        if (/^[0-9a-f]{7,40}$/.test(name)) {
            for (const c of r.commits.values())
                if (c.sha.startsWith(name))
                    return c;
        }
        return undefined;
    }
    setCollaborator(opts) {
        this.repoOf(opts).collaborators.set(opts.username, opts.role);
        this.user(opts.username);
    }
    addWorkflow(opts) {
        const r = this.repoOf(opts);
        const w = {
            id: opts.id ?? this.nextId(),
            name: opts.name,
            path: opts.path ?? `.github/workflows/${opts.name.toLowerCase().replace(/\W+/g, '-')}.yml`,
            state: 'active',
        };
        r.workflows.set(w.id, w);
        return w;
    }
    /**
     * Adds a workflow run (attempt 1) with its jobs. A missing workflow is created; head_sha defaults
     * to the head of `head_branch`; conclusion implies status "completed".
     */
    addRun(opts) {
        const r = this.repoOf(opts);
        const wfKey = opts.workflow ?? opts.name ?? 'CI';
        const wf = typeof wfKey === 'number'
            ? r.workflows.get(wfKey)
            : [...r.workflows.values()].find((w) => w.name === wfKey || w.path === wfKey || w.path.endsWith(`/${wfKey}`));
        const workflow = wf ??
            this.addWorkflow({
                ...opts,
                name: typeof wfKey === 'string' ? wfKey : 'CI',
            });
        const branch = opts.head_branch === undefined ? r.default_branch : opts.head_branch;
        const head_sha = opts.head_sha ?? (branch ? this.headOf(r, branch) : undefined) ?? must(this.headOf(r, r.default_branch), `head of ${r.default_branch}`);
        const status = opts.status ?? (opts.conclusion ? 'completed' : 'queued');
        const created = opts.created_at ?? this.iso();
        const run = {
            id: opts.id ?? this.nextId(),
            workflowId: workflow.id,
            name: workflow.name,
            run_number: [...r.runs.values()].filter((x) => x.workflowId === workflow.id).length + 1,
            head_sha,
            head_branch: branch,
            event: opts.event ?? 'push',
            path: workflow.path,
            actor: opts.actor ?? r.owner,
            fork: opts.fork ?? false,
            headRepoFullName: opts.headRepoFullName ?? (opts.fork ? `contributor/${r.name}` : `${r.owner}/${r.name}`),
            pullNumbers: opts.pullNumbers ?? [],
            created_at: created,
            attempts: [
                {
                    attempt: 1,
                    status,
                    conclusion: status === 'completed' ? (opts.conclusion ?? 'success') : null,
                    created_at: created,
                    updated_at: created,
                    run_started_at: created,
                    jobIds: [],
                    triggeringActor: opts.actor ?? r.owner,
                },
            ],
        };
        r.runs.set(run.id, run);
        for (const j of opts.jobs ?? [])
            this.addJob({ ...opts, runId: run.id, ...j });
        return run;
    }
    /** Adds a job to a run attempt (default: the latest). Steps default to a single step mirroring the job. */
    addJob(opts) {
        const r = this.repoOf(opts);
        const run = r.runs.get(opts.runId);
        if (!run)
            throw new Error(`no run ${opts.runId}`);
        const attempt = must(run.attempts.find((a) => a.attempt === (opts.attempt ?? run.attempts.length)), `attempt ${String(opts.attempt ?? run.attempts.length)} of run ${opts.runId}`);
        const conclusion = opts.conclusion ?? (attempt.status === 'completed' ? attempt.conclusion : null);
        const status = opts.status ?? (conclusion ? 'completed' : attempt.status);
        const job = {
            id: opts.id ?? this.nextId(),
            runId: run.id,
            attempt: attempt.attempt,
            name: opts.name ?? 'build',
            status,
            conclusion,
            steps: (opts.steps ?? [{ name: 'Run tests', conclusion }]).map((s, i) => ({
                name: s.name,
                number: i + 1,
                status: s.conclusion ? 'completed' : status === 'completed' ? 'completed' : 'queued',
                conclusion: s.conclusion ?? (status === 'completed' ? conclusion : null),
            })),
            started_at: attempt.run_started_at,
            completed_at: status === 'completed' ? this.iso() : null,
            labels: opts.labels ?? ['ubuntu-latest'],
            logsExpired: opts.logsExpired ?? false,
        };
        if (opts.log !== undefined)
            job.log = opts.log;
        r.jobs.set(job.id, job);
        attempt.jobIds.push(job.id);
        return job;
    }
    /** Sets a job's log (text or a lazy chunk generator). */
    setJobLog(opts) {
        const job = this.repoOf(opts).jobs.get(opts.jobId);
        if (!job)
            throw new Error(`no job ${opts.jobId}`);
        job.log = opts.log;
    }
    /** Marks a job's logs as past retention: the logs endpoint answers 410. */
    expireJobLogs(opts) {
        const job = this.repoOf(opts).jobs.get(opts.jobId);
        if (!job)
            throw new Error(`no job ${opts.jobId}`);
        job.logsExpired = true;
    }
    /** Finishes an attempt (default latest) and its unfinished jobs: simulates "the re-run passed/failed". */
    completeAttempt(opts) {
        const r = this.repoOf(opts);
        const run = r.runs.get(opts.runId);
        if (!run)
            throw new Error(`no run ${opts.runId}`);
        const a = run.attempts.find((x) => x.attempt === (opts.attempt ?? run.attempts.length));
        if (!a)
            throw new Error(`run ${opts.runId} has no attempt ${opts.attempt}`);
        a.status = 'completed';
        a.conclusion = opts.conclusion;
        a.updated_at = this.iso();
        for (const id of a.jobIds) {
            const j = must(r.jobs.get(id), `job ${id}`);
            const c = opts.jobConclusions?.[j.name] ?? (j.status === 'completed' ? j.conclusion : opts.conclusion);
            j.status = 'completed';
            j.conclusion = c;
            j.completed_at = this.iso();
            for (const s of j.steps)
                if (s.status !== 'completed')
                    Object.assign(s, { status: 'completed', conclusion: c });
        }
    }
    /** Adds an issue (shares the number sequence with pull requests). */
    addIssue(opts) {
        const r = this.repoOf(opts);
        const now = opts.created_at ?? this.iso();
        const number = opts.number ?? r.nextNumber;
        r.nextNumber = Math.max(r.nextNumber, number + 1);
        for (const l of opts.labels ?? [])
            this.ensureLabel(r, l);
        const issue = {
            number,
            id: this.nextId(),
            title: opts.title,
            body: opts.body ?? null,
            state: opts.state ?? 'open',
            state_reason: opts.state === 'closed' ? 'completed' : null,
            user: this.user(opts.user ?? 'octocat').login,
            labels: opts.labels ?? [],
            assignees: opts.assignees ?? [],
            created_at: now,
            updated_at: now,
            closed_at: opts.state === 'closed' ? now : null,
            closed_by: opts.state === 'closed' ? (opts.user ?? 'octocat') : null,
            locked: false,
            isPull: false,
        };
        r.issues.set(number, issue);
        return issue;
    }
    /**
     * Adds a pull request. `commits` default to one new commit on the head branch (created if missing);
     * a fork head lives in `headRepoFullName` (default `contributor/<repo>`).
     */
    addPull(opts) {
        const r = this.repoOf(opts);
        const base = opts.base ?? r.default_branch;
        const head = opts.head ?? `feature-${r.nextNumber}`;
        let commits = opts.commits;
        if (!commits) {
            if (!r.branches.has(head))
                this.setBranch({ ...opts, branch: head, sha: this.headOf(r, base) });
            commits = opts.headSha
                ? [opts.headSha]
                : [
                    this.addCommit({
                        ...opts,
                        branch: head,
                        message: `Change for ${head}`,
                        files: { [`src/${head}.txt`]: `${head}\n` },
                    }),
                ];
        }
        const headSha = opts.headSha ?? commits[commits.length - 1] ?? must(this.headOf(r, head), `head of ${head}`);
        const issue = this.addIssue({
            ...opts,
            title: opts.title ?? `Pull request ${head}`,
            state: opts.state ?? (opts.merged ? 'closed' : 'open'),
        });
        issue.isPull = true;
        const pull = {
            number: issue.number,
            id: this.nextId(),
            head: {
                ref: head,
                sha: headSha,
                repoFullName: opts.headRepoFullName ?? (opts.fork ? `contributor/${r.name}` : `${r.owner}/${r.name}`),
                fork: opts.fork ?? false,
            },
            base: { ref: base, sha: must(this.headOf(r, base), `head of base ${base}`) },
            draft: opts.draft ?? false,
            merged: opts.merged ?? false,
            merge_commit_sha: sha1(`merge ${issue.number} ${headSha}`),
            commits,
            files: opts.files ?? [
                {
                    filename: `src/${head}.txt`,
                    status: 'added',
                    additions: 1,
                    deletions: 0,
                    patch: `@@ -0,0 +1 @@\n+${head}`,
                },
            ],
        };
        r.pulls.set(issue.number, pull);
        return { issue, pull };
    }
    addComment(opts) {
        const r = this.repoOf(opts);
        const now = this.iso();
        const c = {
            id: this.nextId(),
            issueNumber: opts.issueNumber,
            body: opts.body,
            user: this.user(opts.user ?? 'octocat').login,
            created_at: now,
            updated_at: now,
            reactions: [],
        };
        r.comments.set(c.id, c);
        return c;
    }
    /** Adds a review comment on a pull request's diff. */
    addReviewComment(opts) {
        const r = this.repoOf(opts);
        const pull = r.pulls.get(opts.pullNumber);
        if (!pull)
            throw new Error(`no pull ${opts.pullNumber}`);
        const now = this.iso();
        const c = {
            id: this.nextId(),
            pullNumber: opts.pullNumber,
            reviewId: opts.reviewId ?? null,
            body: opts.body,
            path: opts.path,
            line: opts.line ?? 1,
            start_line: null,
            side: 'RIGHT',
            in_reply_to_id: opts.inReplyTo ?? null,
            user: this.user(opts.user ?? 'octocat').login,
            commit_id: pull.head.sha,
            created_at: now,
            updated_at: now,
            reactions: [],
        };
        r.reviewComments.set(c.id, c);
        return c;
    }
    ensureLabel(r, name, color = 'ededed', description = null) {
        const key = name.toLowerCase();
        let l = r.labels.get(key);
        if (!l) {
            l = { id: this.nextId(), name, color, description };
            r.labels.set(key, l);
        }
        return l;
    }
    // ---- reading (for assertions) ----
    issues(owner, repo) {
        return [...this.repoOf({ owner, repo }).issues.values()].filter((i) => !i.isPull);
    }
    pulls(owner, repo) {
        return [...this.repoOf({ owner, repo }).pulls.values()];
    }
    comments(owner, repo, issueNumber) {
        return [...this.repoOf({ owner, repo }).comments.values()].filter((c) => issueNumber === undefined || c.issueNumber === issueNumber);
    }
    labels(owner, repo) {
        return [...this.repoOf({ owner, repo }).labels.values()];
    }
    runs(owner, repo) {
        return [...this.repoOf({ owner, repo }).runs.values()];
    }
    run(runId, owner, repo) {
        return this.repoOf({ owner, repo }).runs.get(runId);
    }
    jobs(runId, attempt, owner, repo) {
        const r = this.repoOf({ owner, repo });
        const run = r.runs.get(runId);
        const a = run?.attempts.find((x) => x.attempt === (attempt ?? run.attempts.length));
        return (a?.jobIds ?? []).map((id) => must(r.jobs.get(id), `job ${id}`));
    }
    statuses(owner, repo) {
        return [...this.repoOf({ owner, repo }).statuses];
    }
    checkRuns(owner, repo) {
        return [...this.repoOf({ owner, repo }).checkRuns.values()];
    }
    reviews(owner, repo, pullNumber) {
        return [...this.repoOf({ owner, repo }).reviews.values()].filter((x) => pullNumber === undefined || x.pullNumber === pullNumber);
    }
    reviewComments(owner, repo, pullNumber) {
        return [...this.repoOf({ owner, repo }).reviewComments.values()].filter((x) => pullNumber === undefined || x.pullNumber === pullNumber);
    }
    branch(name, owner, repo) {
        return this.repoOf({ owner, repo }).branches.get(name);
    }
    /** File text at a ref (branch or sha); undefined if absent. */
    file(path, ref, owner, repo) {
        const r = this.repoOf({ owner, repo });
        return this.resolveRef(r, ref)?.files.get(path);
    }
    commit(sha, owner, repo) {
        return this.repoOf({ owner, repo }).commits.get(sha);
    }
}

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/repos.ts
// Repository metadata, branches, commits, compare, contents, git data and collaborator permissions.




/** The fake's commits are never signed: the verification block GitHub gives such commits. */
const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };
/** Commits reachable from `sha`, newest first (breadth-first over parents). */
function ancestry(r, sha) {
    const seen = new Set();
    const queue = [sha];
    const out = [];
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
        if (seen.has(s))
            continue;
        seen.add(s);
        const c = r.commits.get(s);
        if (!c)
            continue;
        out.push(s);
        queue.push(...c.parents);
    }
    return out;
}
function lineCount(text) {
    if (!text)
        return 0;
    return text.split('\n').filter((l, i, a) => l !== '' || i < a.length - 1).length;
}
/** File-level diff between two tree snapshots, in diff-entry shape. */
function diffFiles(ctx, from, to, sha) {
    const paths = [...new Set([...from.keys(), ...to.keys()])].sort();
    const out = [];
    for (const p of paths) {
        const a = from.get(p);
        const b = to.get(p);
        if (a === b)
            continue;
        const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
        const additions = b === undefined ? 0 : lineCount(b);
        const deletions = a === undefined ? 0 : lineCount(a);
        out.push(shape('diff-entry', {
            sha: b === undefined ? sha1(a ?? '') : sha1(b),
            filename: p,
            status,
            additions,
            deletions,
            changes: additions + deletions,
            blob_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/blob/${sha}/${p}`,
            raw_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/raw/${sha}/${p}`,
            contents_url: `${apiRepoUrl(ctx)}/contents/${p}?ref=${sha}`,
            patch: [
                `@@ -${deletions ? 1 : 0},${deletions} +${additions ? 1 : 0},${additions} @@`,
                ...(a ?? '')
                    .split('\n')
                    .filter(Boolean)
                    .map((l) => `-${l}`),
                ...(b ?? '')
                    .split('\n')
                    .filter(Boolean)
                    .map((l) => `+${l}`),
            ].join('\n'),
        }));
    }
    return out;
}
function renderCommit(ctx, sha, withFiles) {
    const c = ctx.repo.commits.get(sha) ?? notFound();
    const url = `${apiRepoUrl(ctx)}/commits/${sha}`;
    const person = {
        name: c.author.name,
        email: c.author.email,
        date: c.author.date,
    };
    const files = withFiles ? diffFiles(ctx, ctx.repo.commits.get(c.parents[0] ?? '')?.files ?? new Map(), c.files, sha) : undefined;
    return shape('commit', {
        sha,
        node_id: `C_${sha}`,
        url,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${sha}`,
        comments_url: `${url}/comments`,
        commit: {
            url: `${apiRepoUrl(ctx)}/git/commits/${sha}`,
            author: person,
            committer: person,
            message: c.message,
            comment_count: 0,
            tree: {
                sha: c.treeSha,
                url: `${apiRepoUrl(ctx)}/git/trees/${c.treeSha}`,
            },
            verification: UNSIGNED,
        },
        author: c.author.login ? renderUser(ctx, c.author.login) : null,
        committer: c.author.login ? renderUser(ctx, c.author.login) : null,
        parents: c.parents.map((p) => ({
            sha: p,
            url: `${apiRepoUrl(ctx)}/commits/${p}`,
            html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${p}`,
        })),
        ...(files
            ? {
                files,
                stats: {
                    additions: files.reduce((n, f) => n + Number(f.additions), 0),
                    deletions: files.reduce((n, f) => n + Number(f.deletions), 0),
                    total: files.reduce((n, f) => n + Number(f.changes), 0),
                },
            }
            : {}),
    });
}
function resolve(ctx, ref) {
    return ctx.state.resolveRef(ctx.repo, ref) ?? notFound();
}
function renderGitCommit(ctx, c) {
    const person = {
        name: c.author.name,
        email: c.author.email,
        date: c.author.date,
    };
    return shape('git-commit', {
        sha: c.sha,
        node_id: `C_${c.sha}`,
        url: `${apiRepoUrl(ctx)}/git/commits/${c.sha}`,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${c.sha}`,
        author: person,
        committer: person,
        message: c.message,
        tree: { sha: c.treeSha, url: `${apiRepoUrl(ctx)}/git/trees/${c.treeSha}` },
        parents: c.parents.map((p) => ({
            sha: p,
            url: `${apiRepoUrl(ctx)}/git/commits/${p}`,
            html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${p}`,
        })),
        verification: UNSIGNED,
    });
}
// GitHub reports the legacy three-level permission alongside the precise role.
const LEGACY = {
    admin: 'admin',
    maintain: 'write',
    write: 'write',
    triage: 'read',
    read: 'read',
    none: 'none',
};
function contentUrls(ctx, path, ref, sha, type) {
    const url = `${apiRepoUrl(ctx)}/contents/${path}?ref=${ref}`;
    const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`;
    const git = `${apiRepoUrl(ctx)}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
    return {
        url,
        html_url: html,
        git_url: git,
        download_url: type === 'dir' ? null : `https://raw.githubusercontent.com/${ctx.repo.owner}/${ctx.repo.name}/${ref}/${path}`,
        _links: { self: url, git, html },
    };
}
const reposHandlers = {
    'repos/get': (ctx) => ok(renderRepo(ctx, 'full-repository', ctx.repo)),
    'repos/get-branch': (ctx) => {
        const b = ctx.repo.branches.get(String(ctx.params.branch)) ?? notFound();
        const url = `${apiRepoUrl(ctx)}/branches/${b.name}`;
        return ok(shape('branch-with-protection', {
            name: b.name,
            commit: renderCommit(ctx, b.sha, false),
            protected: b.protected,
            protection: {
                enabled: b.protected,
                required_status_checks: {
                    enforcement_level: b.protected ? 'everyone' : 'off',
                    contexts: [],
                    checks: [],
                },
            },
            protection_url: `${url}/protection`,
            _links: {
                html: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/tree/${b.name}`,
                self: url,
            },
        }));
    },
    'repos/list-commits': (ctx) => {
        const q = ctx.query;
        const head = resolve(ctx, common_str(q.sha));
        const since = typeof q.since === 'string' ? Date.parse(q.since) : -Infinity;
        const until = typeof q.until === 'string' ? Date.parse(q.until) : Infinity;
        const list = ancestry(ctx.repo, head.sha).filter((s) => {
            const c = must(ctx.repo.commits.get(s), `commit ${s}`);
            const t = Date.parse(c.author.date);
            if (t < since || t > until)
                return false;
            if (typeof q.author === 'string' && c.author.login !== q.author && c.author.email !== q.author)
                return false;
            if (typeof q.path === 'string') {
                const parent = ctx.repo.commits.get(c.parents[0] ?? '')?.files;
                if (c.files.get(q.path) === parent?.get(q.path))
                    return false;
            }
            return true;
        });
        const { page, headers } = paginate(ctx, list);
        return ok(page.map((s) => renderCommit(ctx, s, false)), headers);
    },
    'repos/get-commit': (ctx) => {
        const c = ctx.state.resolveRef(ctx.repo, String(ctx.params.ref));
        if (!c)
            throw new HttpError(422, `No commit found for SHA: ${String(ctx.params.ref)}`);
        return ok(renderCommit(ctx, c.sha, true));
    },
    'repos/compare-commits-with-basehead': (ctx) => {
        const m = /^(.+?)\.\.\.?(.+)$/.exec(String(ctx.params.basehead));
        if (!m)
            notFound();
        const base = resolve(ctx, m[1]);
        const head = resolve(ctx, m[2]);
        const headAnc = ancestry(ctx.repo, head.sha);
        const baseAnc = ancestry(ctx.repo, base.sha);
        const headSet = new Set(headAnc);
        const baseSet = new Set(baseAnc);
        const mergeBase = baseAnc.find((s) => headSet.has(s));
        if (!mergeBase)
            throw new HttpError(404, `No common ancestor between ${m[1]} and ${m[2]}.`);
        const ahead = headAnc.filter((s) => !baseSet.has(s)).reverse();
        const behind = baseAnc.filter((s) => !headSet.has(s));
        const status = ahead.length && behind.length ? 'diverged' : ahead.length ? 'ahead' : behind.length ? 'behind' : 'identical';
        const url = `${apiRepoUrl(ctx)}/compare/${ctx.params.basehead}`;
        const files = diffFiles(ctx, must(ctx.repo.commits.get(mergeBase), `merge base ${mergeBase}`).files, head.files, head.sha);
        // Unpaginated, GitHub lists at most 250 commits; with page/per_page it pages through all of them
        // (files only on the first page).
        const paged = ctx.query.page !== undefined || ctx.query.per_page !== undefined;
        const { page: commits, headers } = paged ? paginate(ctx, ahead) : { page: ahead.slice(0, 250), headers: {} };
        return ok(shape('commit-comparison', {
            url,
            html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/compare/${ctx.params.basehead}`,
            permalink_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/compare/${base.sha}...${head.sha}`,
            diff_url: `${url}.diff`,
            patch_url: `${url}.patch`,
            base_commit: renderCommit(ctx, base.sha, false),
            merge_base_commit: renderCommit(ctx, mergeBase, false),
            status,
            ahead_by: ahead.length,
            behind_by: behind.length,
            total_commits: ahead.length,
            commits: commits.map((s) => renderCommit(ctx, s, false)),
            files: paged && common_num(ctx.query.page, 1) > 1 ? [] : files,
        }), headers);
    },
    'repos/get-content': (ctx) => {
        const ref = common_str(ctx.query.ref) ?? ctx.repo.default_branch;
        const c = resolve(ctx, ref);
        const path = String(ctx.params.path).replace(/^\/+|\/+$/g, '');
        const text = c.files.get(path);
        if (text !== undefined) {
            const sha = sha1(text);
            const content = Buffer.from(text)
                .toString('base64')
                .replace(/(.{60})/g, '$1\n');
            return ok(shape('content-file', {
                type: 'file',
                encoding: 'base64',
                size: Buffer.byteLength(text),
                name: path.split('/').pop(),
                path,
                content,
                sha,
                ...contentUrls(ctx, path, ref, sha, 'file'),
            }));
        }
        const prefix = path ? `${path}/` : '';
        const children = new Map();
        for (const p of c.files.keys()) {
            if (!p.startsWith(prefix))
                continue;
            const rest = p.slice(prefix.length).split('/');
            children.set(rest[0] ?? '', rest.length > 1 ? 'dir' : 'file');
        }
        if (!children.size)
            notFound();
        return ok([...children].map(([name, type]) => {
            const full = prefix + name;
            const sha = sha1(type === 'file' ? (c.files.get(full) ?? '') : `tree:${full}:${c.treeSha}`);
            return {
                type,
                name,
                path: full,
                sha,
                size: type === 'file' ? Buffer.byteLength(c.files.get(full) ?? '') : 0,
                ...contentUrls(ctx, full, ref, sha, type),
            };
        }));
    },
    'git/get-ref': (ctx) => {
        const ref = String(ctx.params.ref).replace(/^refs\//, '');
        const m = /^heads\/(.+)$/.exec(ref);
        const b = m ? ctx.repo.branches.get(m[1] ?? '') : undefined;
        if (!b)
            notFound();
        return ok(shape('git-ref', {
            ref: `refs/${ref}`,
            node_id: `REF_${b.name}`,
            url: `${apiRepoUrl(ctx)}/git/refs/${ref}`,
            object: {
                type: 'commit',
                sha: b.sha,
                url: `${apiRepoUrl(ctx)}/git/commits/${b.sha}`,
            },
        }));
    },
    'git/get-commit': (ctx) => ok(renderGitCommit(ctx, ctx.repo.commits.get(String(ctx.params.commit_sha)) ?? notFound())),
    'git/get-tree': (ctx) => {
        const key = String(ctx.params.tree_sha);
        const c = [...ctx.repo.commits.values()].find((x) => x.treeSha === key) ?? resolve(ctx, key);
        const recursive = ctx.query.recursive !== undefined && ctx.query.recursive !== '0' && ctx.query.recursive !== 'false';
        const entries = new Map();
        for (const [p, text] of c.files) {
            const parts = p.split('/');
            for (let i = 1; i < parts.length; i++) {
                const dir = parts.slice(0, i).join('/');
                if ((recursive || i === 1) && !entries.has(dir))
                    entries.set(dir, {
                        path: dir,
                        mode: '040000',
                        type: 'tree',
                        sha: sha1(`tree:${dir}:${c.treeSha}`),
                        url: `${apiRepoUrl(ctx)}/git/trees/${sha1(`tree:${dir}:${c.treeSha}`)}`,
                    });
            }
            if (recursive || parts.length === 1)
                entries.set(p, {
                    path: p,
                    mode: '100644',
                    type: 'blob',
                    sha: sha1(text),
                    size: Buffer.byteLength(text),
                    url: `${apiRepoUrl(ctx)}/git/blobs/${sha1(text)}`,
                });
        }
        return ok(shape('git-tree', {
            sha: c.treeSha,
            url: `${apiRepoUrl(ctx)}/git/trees/${c.treeSha}`,
            truncated: false,
            tree: [...entries.values()].sort((a, b) => String(a.path).localeCompare(String(b.path))),
        }));
    },
    'repos/get-collaborator-permission-level': (ctx) => {
        const username = String(ctx.params.username);
        const role = ctx.repo.collaborators.get(username) ?? (ctx.state.users.has(username) ? (ctx.repo.private ? 'none' : 'read') : undefined);
        if (!role)
            throw new HttpError(404, `${username} is not a user`);
        const legacy = LEGACY[role];
        const perms = {
            admin: role === 'admin',
            maintain: role === 'admin' || role === 'maintain',
            push: ['admin', 'maintain', 'write'].includes(role),
            triage: role !== 'read' && role !== 'none',
            pull: role !== 'none',
        };
        return ok(shape('repository-collaborator-permission', {
            permission: legacy,
            role_name: role,
            user: {
                ...renderUser(ctx, username),
                permissions: perms,
                role_name: role,
            },
        }));
    },
};

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/pulls.ts
// Pull requests, their commits/files, reviews and review comments.




/** GitHub never returns more than 250 commits for a pull request, however many pages are requested. */
const PULL_COMMITS_CAP = 250;
function getPull(ctx) {
    return ctx.repo.pulls.get(Number(ctx.params.pull_number)) ?? notFound();
}
function branchSide(ctx, ref, sha, fullName) {
    const owner = fullName.split('/')[0] ?? '';
    return {
        label: `${owner}:${ref}`,
        ref,
        sha,
        user: renderUser(ctx, owner),
        repo: renderRepo(ctx, 'repository', ctx.repo, fullName),
    };
}
function renderPull(ctx, p, schema = 'pull-request') {
    const i = must(ctx.repo.issues.get(p.number), `issue for pull ${String(p.number)}`);
    const url = `${apiRepoUrl(ctx)}/pulls/${p.number}`;
    const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${p.number}`;
    const full = {
        id: p.id,
        node_id: `PR_${p.id}`,
        number: p.number,
        title: i.title,
        body: i.body,
        state: i.state,
        locked: i.locked,
        draft: p.draft,
        user: renderUser(ctx, i.user),
        labels: i.labels.map((l) => renderLabel(ctx, l)),
        assignee: i.assignees[0] ? renderUser(ctx, i.assignees[0]) : null,
        assignees: i.assignees.map((a) => renderUser(ctx, a)),
        head: branchSide(ctx, p.head.ref, p.head.sha, p.head.repoFullName),
        base: branchSide(ctx, p.base.ref, p.base.sha, `${ctx.repo.owner}/${ctx.repo.name}`),
        merged: p.merged,
        merged_at: p.merged ? i.closed_at : null,
        merged_by: p.merged && i.closed_by ? renderUser(ctx, i.closed_by) : null,
        merge_commit_sha: p.merge_commit_sha,
        mergeable: i.state === 'open' ? true : null,
        mergeable_state: i.state === 'open' ? 'clean' : 'unknown',
        commits: Math.min(p.commits.length, PULL_COMMITS_CAP),
        changed_files: p.files.length,
        additions: p.files.reduce((n, f) => n + f.additions, 0),
        deletions: p.files.reduce((n, f) => n + f.deletions, 0),
        comments: ctx.state.comments(ctx.repo.owner, ctx.repo.name, p.number).length,
        review_comments: ctx.state.reviewComments(ctx.repo.owner, ctx.repo.name, p.number).length,
        created_at: i.created_at,
        updated_at: i.updated_at,
        closed_at: i.closed_at,
        author_association: i.user === ctx.repo.owner ? 'OWNER' : 'CONTRIBUTOR',
        auto_merge: null,
        milestone: null,
        maintainer_can_modify: false,
        url,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        issue_url: `${apiRepoUrl(ctx)}/issues/${p.number}`,
        commits_url: `${url}/commits`,
        review_comments_url: `${url}/comments`,
        review_comment_url: `${apiRepoUrl(ctx)}/pulls/comments{/number}`,
        comments_url: `${apiRepoUrl(ctx)}/issues/${p.number}/comments`,
        statuses_url: `${apiRepoUrl(ctx)}/statuses/${p.head.sha}`,
        _links: {
            self: { href: url },
            html: { href: html },
            issue: { href: `${apiRepoUrl(ctx)}/issues/${p.number}` },
            comments: { href: `${apiRepoUrl(ctx)}/issues/${p.number}/comments` },
            review_comments: { href: `${url}/comments` },
            review_comment: { href: `${apiRepoUrl(ctx)}/pulls/comments{/number}` },
            commits: { href: `${url}/commits` },
            statuses: { href: `${apiRepoUrl(ctx)}/statuses/${p.head.sha}` },
        },
    };
    if (schema === 'pull-request')
        return shape(schema, full);
    // The "simple" form lacks the counters; extra keys would still validate, but GitHub omits them.
    const { merged: _m, mergeable: _a, mergeable_state: _b, commits: _c, changed_files: _d, additions: _e, deletions: _f, comments: _g, review_comments: _h, merged_by: _i, maintainer_can_modify: _j, ...simple } = full;
    return shape(schema, simple);
}
function renderReview(ctx, r) {
    const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
    return shape('pull-request-review', {
        id: r.id,
        node_id: `PRR_${r.id}`,
        user: renderUser(ctx, r.user),
        body: r.body,
        state: r.state,
        commit_id: r.commit_id,
        html_url: html,
        pull_request_url: `${apiRepoUrl(ctx)}/pulls/${r.pullNumber}`,
        author_association: 'CONTRIBUTOR',
        _links: {
            html: { href: html },
            pull_request: { href: `${apiRepoUrl(ctx)}/pulls/${r.pullNumber}` },
        },
        ...(r.state === 'PENDING' ? {} : { submitted_at: r.submitted_at }),
    });
}
function renderReviewComment(ctx, c) {
    const url = `${apiRepoUrl(ctx)}/pulls/comments/${c.id}`;
    const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${c.pullNumber}#discussion_r${c.id}`;
    return shape('pull-request-review-comment', {
        id: c.id,
        node_id: `PRRC_${c.id}`,
        pull_request_review_id: c.reviewId,
        in_reply_to_id: c.in_reply_to_id ?? undefined,
        body: c.body,
        path: c.path,
        line: c.line ?? undefined,
        original_line: c.line ?? undefined,
        start_line: c.start_line,
        original_start_line: c.start_line,
        side: c.side,
        position: c.line ?? undefined,
        original_position: c.line ?? undefined,
        diff_hunk: `@@ -1,1 +1,1 @@`,
        commit_id: c.commit_id,
        original_commit_id: c.commit_id,
        user: renderUser(ctx, c.user),
        created_at: c.created_at,
        updated_at: c.updated_at,
        url,
        html_url: html,
        pull_request_url: `${apiRepoUrl(ctx)}/pulls/${c.pullNumber}`,
        author_association: 'CONTRIBUTOR',
        reactions: rollup(ctx, `${url}/reactions`, c.reactions),
        _links: {
            self: { href: url },
            html: { href: html },
            pull_request: { href: `${apiRepoUrl(ctx)}/pulls/${c.pullNumber}` },
        },
    });
}
const REVIEW_STATE = {
    APPROVE: 'APPROVED',
    REQUEST_CHANGES: 'CHANGES_REQUESTED',
    COMMENT: 'COMMENTED',
};
const pullsHandlers = {
    'pulls/list': (ctx) => {
        const q = ctx.query;
        const state = q.state ?? 'open';
        const items = [...ctx.repo.pulls.values()]
            .filter((p) => state === 'all' || must(ctx.repo.issues.get(p.number), `issue for pull ${String(p.number)}`).state === state)
            .filter((p) => typeof q.base !== 'string' || p.base.ref === q.base)
            .filter((p) => {
            if (typeof q.head !== 'string')
                return true;
            const [owner, ref] = q.head.includes(':') ? q.head.split(':') : [undefined, q.head];
            return p.head.ref === ref && (owner === undefined || p.head.repoFullName.split('/')[0] === owner);
        })
            .sort((a, b) => (q.direction === 'asc' ? a.number - b.number : b.number - a.number));
        const { page, headers } = paginate(ctx, items);
        return ok(page.map((p) => renderPull(ctx, p, 'pull-request-simple')), headers);
    },
    'pulls/get': (ctx) => ok(renderPull(ctx, getPull(ctx))),
    'pulls/list-commits': (ctx) => {
        const p = getPull(ctx);
        const { page, headers } = paginate(ctx, p.commits, PULL_COMMITS_CAP);
        return ok(page.map((sha) => renderCommit(ctx, sha, false)), headers);
    },
    'pulls/list-files': (ctx) => {
        const p = getPull(ctx);
        const { page, headers } = paginate(ctx, p.files, 3000);
        return ok(page.map((f) => shape('diff-entry', {
            ...f,
            sha: p.head.sha,
            changes: f.additions + f.deletions,
            blob_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/blob/${p.head.sha}/${f.filename}`,
            raw_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/raw/${p.head.sha}/${f.filename}`,
            contents_url: `${apiRepoUrl(ctx)}/contents/${f.filename}?ref=${p.head.sha}`,
        })), headers);
    },
    'pulls/list-reviews': (ctx) => {
        const p = getPull(ctx);
        const { page, headers } = paginate(ctx, ctx.state.reviews(ctx.repo.owner, ctx.repo.name, p.number));
        return ok(page.map((r) => renderReview(ctx, r)), headers);
    },
    'pulls/create-review': (ctx) => {
        const p = getPull(ctx);
        const b = ctx.body;
        const event = common_str(b.event);
        if ((event === 'REQUEST_CHANGES' || event === 'COMMENT') && !common_str(b.body) && !(Array.isArray(b.comments) && b.comments.length)) {
            throw new HttpError(422, 'Unprocessable Entity', {
                errors: [`Review Can not ${event === 'COMMENT' ? 'comment' : 'request changes'} without a body`],
            });
        }
        const user = must(ctx.state.repoOf({ owner: ctx.repo.owner, repo: ctx.repo.name }).issues.get(p.number), `issue for pull ${String(p.number)}`).user;
        if (event && event !== 'COMMENT' && user === ctx.login) {
            throw new HttpError(422, 'Unprocessable Entity', {
                errors: [`Review Can not ${event === 'APPROVE' ? 'approve' : 'request changes on'} your own pull request`],
            });
        }
        const r = {
            id: ctx.state.nextId(),
            pullNumber: p.number,
            user: ctx.login,
            body: common_str(b.body) ?? '',
            state: event ? (REVIEW_STATE[event] ?? 'COMMENTED') : 'PENDING',
            commit_id: common_str(b.commit_id) ?? p.head.sha,
            submitted_at: ctx.state.iso(),
        };
        for (const c of b.comments ?? []) {
            if (typeof c.path !== 'string' || typeof c.body !== 'string')
                unprocessable('Validation Failed', [
                    {
                        resource: 'PullRequestReviewComment',
                        field: 'path',
                        code: 'missing_field',
                    },
                ]);
            const rc = ctx.state.addReviewComment({
                owner: ctx.repo.owner,
                repo: ctx.repo.name,
                pullNumber: p.number,
                body: c.body,
                path: c.path,
                line: Number(c.line ?? c.position ?? 1),
                user: ctx.login,
                reviewId: r.id,
            });
            if (typeof c.start_line === 'number')
                rc.start_line = c.start_line;
            if (c.side === 'LEFT')
                rc.side = 'LEFT';
        }
        ctx.repo.reviews.set(r.id, r);
        return ok(renderReview(ctx, r));
    },
    'pulls/get-review-comment': (ctx) => ok(renderReviewComment(ctx, ctx.repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound())),
    'reactions/create-for-pull-request-review-comment': (ctx) => react(ctx, (ctx.repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound()).reactions),
    'pulls/create-reply-for-review-comment': (ctx) => {
        const p = getPull(ctx);
        const parent = ctx.repo.reviewComments.get(Number(ctx.params.comment_id));
        if (!parent || parent.pullNumber !== p.number)
            notFound();
        // Replies always attach to the thread's top comment, as GitHub does.
        const root = parent.in_reply_to_id ?? parent.id;
        const c = ctx.state.addReviewComment({
            owner: ctx.repo.owner,
            repo: ctx.repo.name,
            pullNumber: p.number,
            body: String(ctx.body.body),
            path: parent.path,
            user: ctx.login,
            inReplyTo: root,
        });
        c.line = parent.line;
        return created(renderReviewComment(ctx, c));
    },
    'repos/list-pull-requests-associated-with-commit': (ctx) => {
        const sha = String(ctx.params.commit_sha);
        const items = [...ctx.repo.pulls.values()].filter((p) => p.head.sha === sha || p.commits.includes(sha) || p.merge_commit_sha === sha);
        if (!items.length && !ctx.state.resolveRef(ctx.repo, sha))
            throw new HttpError(422, `No commit found for SHA: ${sha}`);
        const { page, headers } = paginate(ctx, items);
        return ok(page.map((p) => renderPull(ctx, p, 'pull-request-simple')), headers);
    },
};

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/review-comments.ts
// Listing a pull request's review comments (recover counts its replies in review threads).


const reviewCommentsHandlers = {
    'pulls/list-review-comments': (ctx) => {
        const number = Number(ctx.params.pull_number);
        if (!ctx.repo.pulls.has(number))
            notFound();
        const items = ctx.state.reviewComments(ctx.repo.owner, ctx.repo.name, number).sort((a, b) => a.id - b.id);
        const { page, headers } = paginate(ctx, items);
        return ok(page.map((c) => renderReviewComment(ctx, c)), headers);
    },
};

;// CONCATENATED MODULE: ./packages/testkit/src/handlers/index.ts
// operationId → handler. Add a domain file and spread it here; server.ts needs no change.






const handlers = {
    ...actionsHandlers,
    ...issuesHandlers,
    ...checksHandlers,
    ...pullsHandlers,
    ...reposHandlers,
    ...reviewCommentsHandlers,
};


;// CONCATENATED MODULE: ./packages/testkit/src/canaries.ts
// Fake secrets that tests plant in logs and files. Every fake GitHub forbids them by default, so any
// test in the suite that lets one reach a request body or URL fails (see Recorder and FakeGitHub.close).
// Built by concatenation so this source holds no literal token for push protection or our own scan to flag.
const githubToken = ['ghp', '_', 'CanaryClosedLoop', '0123456789abcdefghij'].join('');
const awsAccessKeyId = ['AK', 'IA', 'CANARYCLOSEDLOOP'].join('');
const privateKeyBody = ['MIIEpAIBAAKCAQEA', 'closedLoopCanaryPrivateKeyMaterial', '0123456789ABCDEF'].join('');
const keyKind = ['RSA', 'PRIVATE', 'KEY'].join(' ');
const privateKey = [`-----BEGIN ${keyKind}-----`, privateKeyBody, `-----END ${keyKind}-----`].join('\n');
/** Shaped like the real thing, so the redactor's format rules (not a known-value list) must catch them. */
const PLANTED_SECRETS = { githubToken, awsAccessKeyId, privateKey };
/** What the fake forbids: one line of each secret (a PEM key is screened by its key material). */
const PLANTED_SECRET_STRINGS = [githubToken, awsAccessKeyId, privateKeyBody];
/** A log excerpt carrying all three planted secrets, as a leaky build script would print them. */
function plantedSecretLog() {
    return [
        `+ git push https://x-access-token:${githubToken}@github.com/acme/widgets.git`,
        `export AWS_ACCESS_KEY_ID=${awsAccessKeyId}`,
        ...privateKey.split('\n'),
    ];
}

;// CONCATENATED MODULE: ./packages/testkit/src/record.ts
// What the fake saw, so tests can assert on traffic, writes and spec violations.

class Recorder {
    requests = [];
    writes = [];
    violations = [];
    /** Planted canary secrets that reached a request; kept across reset() so no test can hide a leak. */
    plantedLeaks = [];
    forbidden = [...PLANTED_SECRET_STRINGS];
    forbid(substring) {
        if (substring)
            this.forbidden.push(substring);
    }
    /** Flags forbidden substrings (e.g. secrets) anywhere in what a client sent. */
    screen(method, path, rawBody) {
        for (const f of this.forbidden) {
            if (!rawBody.includes(f) && !path.includes(f))
                continue;
            const message = `${method} ${path}: request contains a forbidden string (${mask(f)})`;
            this.violations.push(message);
            if (PLANTED_SECRET_STRINGS.includes(f))
                this.plantedLeaks.push(message);
        }
    }
    violation(message) {
        this.violations.push(message);
    }
    record(entry, wrote) {
        this.requests.push(entry);
        if (wrote)
            this.writes.push(entry);
    }
    count(filter = {}) {
        return this.requests.filter((r) => matches(r, filter)).length;
    }
    reset() {
        this.requests.length = 0;
        this.writes.length = 0;
        this.violations.length = 0;
        this.forbidden = [...PLANTED_SECRET_STRINGS];
    }
    /** Throws (once) when a planted canary secret was sent: called on reset() and close() of every fake. */
    assertNoPlantedLeaks() {
        const leaks = this.plantedLeaks.splice(0);
        if (leaks.length)
            throw new Error(`a planted secret reached the fake GitHub unredacted:\n${leaks.map((l) => `  - ${l}`).join('\n')}`);
    }
}
function matches(r, f) {
    if (f.method && f.method.toUpperCase() !== r.method)
        return false;
    if (f.operationId && f.operationId !== r.operationId)
        return false;
    if (f.status !== undefined && f.status !== r.status)
        return false;
    if (typeof f.path === 'string' && f.path !== r.path)
        return false;
    if (f.path instanceof RegExp && !f.path.test(r.path))
        return false;
    return true;
}
// Never echo a secret into test output, even when reporting that it leaked.
function mask(s) {
    return s.length <= 4 ? '****' : `${s.slice(0, 2)}…${s.length} chars`;
}

;// CONCATENATED MODULE: ./packages/testkit/src/router.ts
// Maps a concrete request path to the spec's path template, the way GitHub's router would.


// These trailing parameters legitimately contain slashes (file paths, qualified refs, branch names).
const MULTI_SEGMENT = new Set(['path', 'ref', 'branch']);
function compile(template, item) {
    const segments = template.split('/').slice(1);
    const names = [];
    const parts = segments.map((seg, i) => {
        const m = /^\{(.+)\}$/.exec(seg);
        if (!m)
            return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const name = must(m[1], `parameter name in ${template}`);
        names.push(name);
        const last = i === segments.length - 1;
        const multi = last && MULTI_SEGMENT.has(name) && !template.includes('/commits/{ref}');
        return multi ? '(.+)' : '([^/]+)';
    });
    const methods = new Map();
    for (const m of HTTP_METHODS)
        if (item[m])
            methods.set(m.toUpperCase(), item[m]);
    return {
        template,
        segments,
        regex: new RegExp(`^/${parts.join('/')}$`),
        names,
        methods,
    };
}
// Literal segments win over parameters, so /issues/comments/1 never reads as issue "comments".
function specificity(a, b) {
    const n = Math.max(a.segments.length, b.segments.length);
    for (let i = 0; i < n; i++) {
        const pa = a.segments[i]?.startsWith('{') ?? true;
        const pb = b.segments[i]?.startsWith('{') ?? true;
        if (pa !== pb)
            return pa ? 1 : -1;
    }
    return b.segments.length - a.segments.length;
}
let compiled;
/** Compiled on first use, like the spec they come from. */
function routes() {
    compiled ??= Object.entries(spec().paths)
        .map(([t, item]) => compile(t, item))
        .sort(specificity);
    return compiled;
}
function route(method, pathname) {
    let pathOnly;
    for (const r of routes()) {
        const m = r.regex.exec(pathname);
        if (!m)
            continue;
        const operation = r.methods.get(method.toUpperCase());
        if (!operation) {
            pathOnly ??= r.template;
            continue;
        }
        const params = {};
        r.names.forEach((name, i) => {
            const raw = m[i + 1] ?? '';
            try {
                params[name] = decodeURIComponent(raw);
            }
            catch {
                params[name] = raw;
            }
        });
        return {
            kind: 'match',
            match: {
                operationId: operation.operationId,
                template: r.template,
                method: method.toUpperCase(),
                operation,
                params,
            },
        };
    }
    return pathOnly ? { kind: 'no-method', template: pathOnly } : { kind: 'no-path' };
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __nccwpck_require__(2463);
var ajv_default = /*#__PURE__*/__nccwpck_require__.n(ajv);
;// CONCATENATED MODULE: ./packages/testkit/src/validate.ts
// Request and response validation against the subset, with lazily compiled, cached ajv validators.


// ajv ships CJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = ((ajv_default())["default"] ?? (ajv_default()));
let instance;
/** Made on first use: adding the spec checks it against the meta-schema, which costs every importer (the CLI) ~100 ms. */
function validate_ajv() {
    if (!instance) {
        instance = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
        instance.addSchema(spec(), SPEC_ID);
    }
    return instance;
}
const cache = new Map();
function validatorAt(ptr) {
    if (!cache.has(ptr))
        cache.set(ptr, validate_ajv().getSchema(ptr) ?? null);
    return cache.get(ptr) ?? null;
}
function resolveParams(match) {
    const item = spec().paths[match.template];
    const all = [...(item.parameters ?? []), ...(match.operation.parameters ?? [])];
    return all.map((p) => deref(p));
}
function schemaTypes(schema) {
    const s = deref(schema);
    const t = s?.type;
    if (Array.isArray(t))
        return t;
    if (typeof t === 'string')
        return [t];
    return [];
}
// Query strings are text; GitHub parses them by the parameter's declared type before checking it.
function coerce(raw, schema) {
    const types = schemaTypes(schema);
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw))
        return Number(raw);
    if (types.includes('boolean') && (raw === 'true' || raw === 'false'))
        return raw === 'true';
    if (types.includes('array'))
        return raw.split(',');
    return raw;
}
function toFieldErrors(errors, resource, prefix) {
    return (errors ?? []).map((e) => ({
        resource,
        field: [
            prefix,
            e.instancePath.replace(/^\//, '').replace(/\//g, '.'),
            e.keyword === 'required' ? (e.params.missingProperty ?? '') : '',
        ]
            .filter(Boolean)
            .join('.'),
        code: e.keyword === 'required' ? 'missing_field' : 'invalid',
        message: `${prefix}${e.instancePath} ${e.message ?? 'is invalid'}`.trim(),
    }));
}
function paramPointer(match, p) {
    // Parameters may live in components or inline; compiling a tiny wrapper keeps $refs resolvable.
    const key = `param:${match.operationId}:${p.in}:${p.name}`;
    if (!cache.has(key)) {
        const schema = rebase(p.schema ?? {});
        cache.set(key, validate_ajv().compile(schema));
    }
    return cache.get(key) ?? null;
}
/** Rewrites document-local `#/...` refs so a detached fragment still resolves against the subset. */
function rebase(node) {
    if (Array.isArray(node))
        return node.map(rebase);
    if (!node || typeof node !== 'object')
        return node;
    const out = {};
    for (const [k, v] of Object.entries(node))
        out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v);
    return out;
}
function validateRequest(match, input) {
    const errors = [];
    const query = {};
    const params = {};
    for (const p of resolveParams(match)) {
        if (p.in !== 'path' && p.in !== 'query')
            continue;
        const raw = p.in === 'path' ? match.params[p.name] : (input.query.get(p.name) ?? undefined);
        if (raw === undefined) {
            if (p.required)
                errors.push({
                    resource: 'Request',
                    field: p.name,
                    code: 'missing_field',
                    message: `${p.name} is required`,
                });
            continue;
        }
        const value = coerce(raw, p.schema);
        const v = paramPointer(match, p);
        if (v && !v(value))
            errors.push(...toFieldErrors(v.errors, 'Request', p.name));
        (p.in === 'path' ? params : query)[p.name] = value;
    }
    const rb = match.operation.requestBody;
    const jsonBody = rb?.content?.['application/json'];
    if (jsonBody?.schema && (input.hasBody || rb?.required)) {
        const v = validatorAt(spec_pointer('paths', match.template, match.method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'));
        const body = input.hasBody ? input.body : {};
        if (v && !v(body))
            errors.push(...toFieldErrors(v.errors, resourceName(match.operationId), ''));
    }
    return { errors, query, params };
}
function resourceName(operationId) {
    const tail = operationId.split('/')[0] ?? 'Resource';
    return tail.charAt(0).toUpperCase() + tail.slice(1).replace(/s$/, '');
}
/** The JSON schema pointer for an operation's response body, or undefined if the spec declares none. */
function responseSchemaPointer(op, template, method, status) {
    const raw = op.responses[String(status)];
    if (!raw)
        return undefined;
    if (raw.$ref) {
        const name = raw.$ref.split('/').pop() ?? '';
        const r = deref(raw);
        return r?.content?.['application/json']?.schema ? spec_pointer('components', 'responses', name, 'content', 'application/json', 'schema') : undefined;
    }
    if (!raw.content?.['application/json']?.schema)
        return undefined;
    return spec_pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema');
}
/** Returns readable problems if `body` does not match the spec's response schema for `status`. */
function validateResponse(match, status, body) {
    const ptr = responseSchemaPointer(match.operation, match.template, match.method, status);
    if (!ptr)
        return [];
    const v = validatorAt(ptr);
    if (!v || v(body))
        return [];
    return (v.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} (${e.schemaPath})`);
}
/** Validates any value against `#/components/schemas/<name>`; used by tests and seed helpers. */
function validateSchema(name, value) {
    const v = validatorAt(pointer('components', 'schemas', name));
    if (!v)
        return [`unknown schema ${name}`];
    return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}


;// CONCATENATED MODULE: ./packages/testkit/src/server.ts
// The HTTP front door: routing → faults → auth → validation → handler → response checks → recording.











const server_DOCS = 'https://docs.github.com/rest';
const JSON_TYPE = 'application/json; charset=utf-8';
class FakeGitHub {
    /** Base URL for octokit's `baseUrl` / GITHUB_API_URL, e.g. http://127.0.0.1:40123 */
    url = '';
    owner;
    repo;
    seed;
    random;
    faults;
    recorder = new Recorder();
    tokens = new Map();
    blobs = new Map();
    rate = new Map();
    current;
    server;
    constructor(opts = {}) {
        this.seed = opts.seed ?? 1;
        this.owner = opts.owner ?? 'acme';
        this.repo = opts.repo ?? 'widgets';
        this.random = seededRandom(this.seed);
        this.faults = new Faults(this.random);
        this.current = new State(this.owner, this.repo);
        this.addDefaultToken();
        this.server = (0,external_node_http_namespaceObject.createServer)((req, res) => {
            this.handle(req, res).catch((err) => {
                this.recorder.violation(`fake GitHub crashed on ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
                if (!res.headersSent)
                    this.sendJson(res, 500, { message: 'Server Error (fake crashed)' });
                else
                    res.destroy();
            });
        });
    }
    /** Binds to 127.0.0.1 on a random free port. */
    async listen() {
        await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}`;
        return this;
    }
    async close() {
        this.server.closeAllConnections();
        await new Promise((resolve) => this.server.close(() => {
            resolve();
        }));
        this.assertNoPlantedLeaks();
    }
    /** The in-memory GitHub: seeding helpers (addRun, addPull, …) and readers (issues(), runs(), …). */
    get state() {
        return this.current;
    }
    /** Fresh state, tokens, faults and recordings; the server keeps listening on the same URL. */
    reset() {
        this.current = new State(this.owner, this.repo);
        this.random = seededRandom(this.seed);
        this.faults = new Faults(this.random);
        this.recorder.reset();
        this.tokens.clear();
        this.blobs.clear();
        this.rate.clear();
        this.addDefaultToken();
        this.assertNoPlantedLeaks();
    }
    /** Registers a token. Without `permissions` it may write everything; with them, unlisted scopes are 'none'. */
    addToken(token, opts) {
        this.tokens.set(token, makeToken(opts, opts.permissions ? 'none' : 'write'));
        this.current.user(opts.login, opts.type);
    }
    addFault(rule) {
        this.faults.add(rule);
    }
    clearFaults() {
        this.faults.clear();
    }
    /** Any request carrying `substring` (body or URL) becomes a violation: proves secrets are redacted. */
    forbid(substring) {
        this.recorder.forbid(substring);
    }
    /**
     * Throws if a planted canary secret (canaries.ts, forbidden by default) reached any request since the
     * last check. reset() and close() call it, so a leak fails the suite even when the test never asserts.
     */
    assertNoPlantedLeaks() {
        this.recorder.assertNoPlantedLeaks();
    }
    get requests() {
        return this.recorder.requests;
    }
    /** Requests that changed state (non-GET, successful, or dropped after the write). */
    get writes() {
        return this.recorder.writes;
    }
    get violations() {
        return this.recorder.violations;
    }
    countRequests(filter) {
        return this.recorder.count(filter);
    }
    assertNoViolations() {
        const v = this.recorder.violations;
        if (v.length)
            throw new Error(`fake GitHub recorded ${v.length} violation(s):\n${v.map((x, i) => `  ${i + 1}. ${x}`).join('\n')}`);
    }
    addDefaultToken() {
        this.tokens.set(DEFAULT_TOKEN, makeToken({ login: DEFAULT_LOGIN, type: 'Bot' }, 'write'));
        this.current.user(DEFAULT_LOGIN, 'Bot');
    }
    // ---- request pipeline ----
    async handle(req, res) {
        const started = Date.now();
        const method = (req.method ?? 'GET').toUpperCase();
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const pathname = url.pathname.replace(/\/+$/, '') || '/';
        if (pathname.startsWith('/_blobs/')) {
            this.serveBlob(pathname, res);
            return;
        }
        const raw = await readBody(req);
        this.recorder.screen(method, req.url ?? '', raw);
        const token = parseAuthorization(req.headers.authorization);
        const info = token ? this.tokens.get(token) : undefined;
        let body = undefined;
        let badJson = false;
        if (raw.length) {
            try {
                body = JSON.parse(raw);
            }
            catch {
                badJson = true;
                body = raw;
            }
        }
        const entry = {
            method,
            path: pathname,
            query: Object.fromEntries(url.searchParams),
            operationId: undefined,
            status: 0,
            body,
            login: info?.login,
            timestamp: started,
        };
        const headers = this.baseHeaders(info?.login);
        const send = (status, payload, extra = {}, wrote = false) => {
            entry.status = status;
            this.recorder.record(entry, wrote);
            this.sendJson(res, status, payload, { ...headers, ...extra });
        };
        const isGraphql = pathname === '/graphql' && method === 'POST';
        const routed = isGraphql ? undefined : route(method, pathname);
        if (routed && routed.kind !== 'match') {
            this.recorder.violation(`${method} ${pathname}: ${routed.kind === 'no-method' ? `method not in the spec for ${routed.template}` : 'path not in the OpenAPI subset'}`);
            send(404, { message: 'Not Found', documentation_url: server_DOCS });
            return;
        }
        const match = routed?.kind === 'match' ? routed.match : undefined;
        entry.operationId = isGraphql ? 'graphql' : match?.operationId;
        const fault = this.faults.pick(method, entry.operationId, pathname);
        if (fault)
            return this.sendFault(fault, send);
        if (!token) {
            send(401, {
                message: 'Requires authentication',
                documentation_url: server_DOCS,
            });
            return;
        }
        if (!info) {
            send(401, { message: 'Bad credentials', documentation_url: server_DOCS });
            return;
        }
        if (!allows(info, match ? scopeOf(match.template) : 'contents', method)) {
            send(403, {
                message: 'Resource not accessible by integration',
                documentation_url: server_DOCS,
            });
            return;
        }
        if (badJson) {
            this.recorder.violation(`${method} ${pathname}: body is not valid JSON`);
            send(400, {
                message: 'Problems parsing JSON',
                documentation_url: server_DOCS,
            });
            return;
        }
        if (isGraphql) {
            const g = handleGraphql(this.current, body);
            g.violations.forEach((v) => {
                this.recorder.violation(v);
            });
            const drop = g.wrote ? this.faults.pick(method, 'graphql', pathname, true) : undefined;
            if (drop)
                return this.sendFault(drop, send, true);
            send(g.status, g.body, {}, g.wrote);
            return;
        }
        if (!match) {
            send(404, { message: 'Not Found' });
            return;
        }
        const checked = validateRequest(match, {
            query: url.searchParams,
            body,
            hasBody: raw.length > 0,
        });
        if (checked.errors.length) {
            this.recorder.violation(`${method} ${pathname} (${match.operationId}): request does not match the spec: ${checked.errors.map((e) => e.message).join('; ')}`);
            send(422, {
                message: 'Validation Failed',
                errors: checked.errors,
                documentation_url: server_DOCS,
            });
            return;
        }
        const repo = this.current.find(match.params.owner ?? '', match.params.repo ?? '');
        const handler = handlers[match.operationId];
        if (!repo || !handler) {
            if (!handler)
                this.recorder.violation(`${match.operationId}: no handler registered in the fake`);
            send(404, { message: 'Not Found', documentation_url: server_DOCS });
            return;
        }
        const ctx = {
            state: this.current,
            repo,
            params: { ...match.params, ...checked.params },
            query: checked.query,
            body: (body ?? {}),
            login: info.login,
            baseUrl: this.url,
            pathname,
            searchParams: url.searchParams,
            blob: (source, contentType = 'application/octet-stream') => this.addBlob(source, contentType),
        };
        let reply;
        try {
            reply = await handler(ctx);
        }
        catch (err) {
            if (!(err instanceof HttpError))
                throw err;
            reply = {
                status: err.status,
                body: { message: err.message, documentation_url: server_DOCS, ...err.extra },
            };
        }
        const wrote = reply.wrote ?? (method !== 'GET' && reply.status < 300);
        if (wrote) {
            const drop = this.faults.pick(method, match.operationId, pathname, true);
            if (drop)
                return this.sendFault(drop, send, true);
        }
        if (reply.body !== undefined) {
            const problems = validateResponse(match, reply.status, reply.body);
            if (problems.length)
                this.recorder.violation(`${method} ${pathname} (${match.operationId}): the fake's ${reply.status} response does not match the spec: ${problems.join('; ')}`);
        }
        if (reply.status === 204 || reply.status === 302 || reply.body === undefined) {
            entry.status = reply.status;
            this.recorder.record(entry, wrote);
            res.writeHead(reply.status, { ...headers, ...reply.headers });
            res.end();
            return;
        }
        send(reply.status, reply.body, reply.headers, wrote);
    }
    async sendFault(f, send, wrote = false) {
        if (f.rule.delayMs)
            await new Promise((r) => setTimeout(r, f.rule.delayMs));
        send(f.status, f.body, f.headers, wrote);
    }
    baseHeaders(login) {
        const key = login ?? '';
        const used = (this.rate.get(key) ?? 0) + 1;
        this.rate.set(key, used);
        const id = Array.from({ length: 4 }, () => Math.floor(this.random() * 0x10000)
            .toString(16)
            .toUpperCase()
            .padStart(4, '0')).join(':');
        return {
            'x-github-request-id': id,
            'x-github-api-version-selected': '2022-11-28',
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': String(Math.max(5000 - used, 0)),
            'x-ratelimit-used': String(used),
            'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
            'x-ratelimit-resource': 'core',
        };
    }
    sendJson(res, status, payload, headers = {}) {
        const text = JSON.stringify(payload);
        res.writeHead(status, {
            ...headers,
            'content-type': JSON_TYPE,
            'content-length': String(Buffer.byteLength(text)),
        });
        res.end(text);
    }
    addBlob(source, contentType) {
        const id = Array.from({ length: 2 }, () => Math.floor(this.random() * 2 ** 32)
            .toString(16)
            .padStart(8, '0')).join('');
        this.blobs.set(id, { source, contentType });
        return `${this.url}/_blobs/${id}`;
    }
    /** Blob URLs are pre-signed like GitHub's: no auth; generators stream with backpressure. */
    serveBlob(pathname, res) {
        const id = pathname.slice('/_blobs/'.length);
        const blob = this.blobs.get(id);
        const entry = {
            method: 'GET',
            path: pathname,
            query: {},
            operationId: '_blob',
            status: blob ? 200 : 404,
            body: undefined,
            login: undefined,
            timestamp: Date.now(),
        };
        this.recorder.record(entry, false);
        if (!blob) {
            res.writeHead(404, { 'content-type': 'application/xml' });
            res.end('<Error><Code>BlobNotFound</Code></Error>');
            return;
        }
        if (typeof blob.source === 'string') {
            res.writeHead(200, {
                'content-type': blob.contentType,
                'content-length': String(Buffer.byteLength(blob.source)),
            });
            res.end(blob.source);
            return;
        }
        res.writeHead(200, { 'content-type': blob.contentType });
        const stream = external_node_stream_namespaceObject.Readable.from(blob.source(), { objectMode: false });
        res.on('close', () => stream.destroy());
        stream.on('error', () => res.destroy());
        stream.pipe(res);
    }
}
async function readBody(req) {
    const chunks = [];
    for await (const c of req)
        chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
}
/** Starts a fake GitHub on 127.0.0.1 with a random port. */
async function startFakeGitHub(opts) {
    return new FakeGitHub(opts).listen();
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./packages/testkit/src/runner.ts





async function runBundledAction(options) {
    const temp = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), `cl-run-${options.name}-`));
    try {
        const files = { event: (0,external_node_path_namespaceObject.join)(temp, 'event.json'), output: (0,external_node_path_namespaceObject.join)(temp, 'output'), summary: (0,external_node_path_namespaceObject.join)(temp, 'summary.md'), env: (0,external_node_path_namespaceObject.join)(temp, 'env') };
        (0,external_node_fs_namespaceObject.writeFileSync)(files.event, JSON.stringify(options.event));
        for (const f of [files.output, files.summary, files.env])
            (0,external_node_fs_namespaceObject.writeFileSync)(f, '');
        const inputs = { ...actionDefaults(options), ...(options.inputs ?? {}) };
        const env = {
            PATH: process.env.PATH ?? '',
            HOME: process.env.HOME ?? temp,
            CI: 'true',
            GITHUB_ACTIONS: 'true',
            GITHUB_API_URL: options.apiUrl,
            GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
            GITHUB_SERVER_URL: 'https://github.com',
            GITHUB_REPOSITORY: options.repository,
            GITHUB_EVENT_NAME: options.eventName,
            GITHUB_EVENT_PATH: files.event,
            GITHUB_OUTPUT: files.output,
            GITHUB_STEP_SUMMARY: files.summary,
            GITHUB_ENV: files.env,
            GITHUB_WORKSPACE: options.workspace ?? temp,
            GITHUB_ACTION: options.name,
            GITHUB_RUN_ID: '1',
            GITHUB_RUN_ATTEMPT: '1',
            GITHUB_ACTOR: 'github-actions[bot]',
            RUNNER_TEMP: temp,
            ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
            ...(options.env ?? {}),
        };
        const started = Date.now();
        const { code, stdout, stderr } = await spawnNode((0,external_node_path_namespaceObject.join)(options.root, 'dist', options.name, 'index.js'), env, options.workspace ?? temp);
        return {
            exitCode: code,
            outputs: parseOutputFile((0,external_node_fs_namespaceObject.readFileSync)(files.output, 'utf8')),
            summary: (0,external_node_fs_namespaceObject.readFileSync)(files.summary, 'utf8'),
            stdout,
            stderr,
            annotations: [...stdout.matchAll(/^::(error|warning|notice)[^:]*::(.*)$/gm)].map((m) => ({ level: m[1] ?? '', message: m[2] ?? '' })),
            durationMs: Date.now() - started,
        };
    }
    finally {
        (0,external_node_fs_namespaceObject.rmSync)(temp, { recursive: true, force: true });
    }
}
/** The runner fills omitted inputs from action.yml defaults; `${{ github.token }}` becomes the job token. */
function actionDefaults(options) {
    const file = (0,external_node_path_namespaceObject.join)(options.root, 'actions', options.name, 'action.yml');
    if (!(0,external_node_fs_namespaceObject.existsSync)(file))
        return {};
    const meta = yaml.load((0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8'));
    return Object.fromEntries(Object.entries(meta.inputs ?? {}).map(([k, spec]) => {
        const value = spec.default === undefined ? '' : String(spec.default);
        return [k, value.replace(/\$\{\{\s*github\.token\s*\}\}/g, options.token).replace(/\$\{\{[^}]*\}\}/g, '')];
    }));
}
/** GITHUB_OUTPUT lines: `name=value`, or `name<<DELIMITER` … `DELIMITER` for multi-line values. */
function parseOutputFile(text) {
    const out = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc?.[1] && heredoc[2]) {
            const end = lines.indexOf(heredoc[2], i + 1);
            out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
            i = end;
        }
        else if (line.includes('=')) {
            out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
        }
    }
    return out;
}
function spawnNode(script, env, cwd) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => {
            resolve({ code: code ?? 1, stdout, stderr });
        });
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/replay/account.ts
/**
 * The readable account `closed-loop replay` prints: what each action concluded and every write it made
 * to (fake) GitHub. Plain text for a terminal; no colour codes so it reads the same in CI logs.
 */
function describeWrite(write) {
    const body = (write.body ?? {});
    const path = write.path.replace(/^\/repos\/[^/]+\/[^/]+/, '');
    const detail = writeDetail(write.operationId ?? '', body);
    return `${write.method.padEnd(6)} ${path} → ${write.status}${detail ? `  ${detail}` : ''}`;
}
/** A request-body field as text: bodies are JSON from our own actions, but typed as unknown here. */
function account_text(value) {
    if (typeof value === 'string')
        return value;
    return value === undefined || value === null ? '' : JSON.stringify(value);
}
function writeDetail(operationId, body) {
    const first = (value) => account_text(value)
        .split('\n')
        .find((l) => l.trim() && !l.startsWith('<!--')) ?? '';
    switch (operationId) {
        case 'repos/create-commit-status':
            return `${account_text(body.context)}: ${account_text(body.state)} — ${account_text(body.description)}`;
        case 'issues/create':
            return `issue "${account_text(body.title)}"${Array.isArray(body.labels) ? ` [${body.labels.join(', ')}]` : ''}`;
        case 'issues/update':
            return ([body.state ? `state=${account_text(body.state)}` : '', body.state_reason ? `(${account_text(body.state_reason)})` : '', body.title ? `"${account_text(body.title)}"` : '']
                .filter(Boolean)
                .join(' ') || 'body updated');
        case 'issues/create-comment':
        case 'issues/update-comment':
            return `comment: ${first(body.body).slice(0, 90)}`;
        case 'pulls/create-review':
            return `review (${account_text(body.event ?? 'COMMENT')}) with ${Array.isArray(body.comments) ? body.comments.length : 0} suggestion(s)`;
        case 'graphql':
            return 'createCommitOnBranch';
        default:
            return '';
    }
}
function ms(n) {
    return n >= 1000 ? `${(n / 1000).toFixed(1)} s` : `${n} ms`;
}
function indent(text, by = '    ') {
    return text
        .split('\n')
        .map((l) => (l ? by + l : l))
        .join('\n');
}

;// CONCATENATED MODULE: ./packages/testkit/src/events.ts
// Webhook payloads for action tests: verbatim GitHub examples (fixtures/events) plus derived variants.



const dir = () => testkitFile('fixtures', 'events');
/** A nested payload object, or a clear error naming the missing path. */
function obj(value, what) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new Error(`webhook fixture: ${what} is not an object`);
    return value;
}
/** Fixture names, e.g. "workflow_run.completed", "push". */
function eventFixtures() {
    return readdirSync(dir())
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort();
}
/** A fresh copy of a committed fixture ("workflow_run.completed", "pull_request.opened", "push", …). */
function loadEvent(name) {
    return JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_namespaceObject.join)(dir(), `${name}.json`), 'utf8'));
}
/** The @octokit/openapi-webhooks schema name for a fixture, e.g. webhook-workflow-run-completed. */
function webhookSchemaName(name) {
    return `webhook-${name.replace(/\./g, '-').replace(/_/g, '-')}`;
}
function forkOf(repository, owner = 'contributor') {
    const fork = structuredClone(repository);
    const name = String(repository.name);
    const repoOwner = obj(repository.owner, 'repository.owner');
    fork.id = Number(repository.id) + 1_000_000;
    fork.node_id = `${String(repository.node_id)}F`;
    fork.full_name = `${owner}/${name}`;
    fork.fork = true;
    fork.owner = {
        ...repoOwner,
        login: owner,
        id: Number(repoOwner.id) + 1_000_000,
        type: 'User',
    };
    for (const [k, v] of Object.entries(fork)) {
        if (typeof v === 'string' && k.endsWith('url'))
            fork[k] = v.replace(String(repository.full_name), `${owner}/${name}`);
    }
    return fork;
}
function retarget(payload, fullName) {
    if (!fullName)
        return;
    const [owner, name] = fullName.split('/');
    const from = String(obj(payload.repository, 'repository').full_name);
    const rewrite = (node) => {
        if (typeof node === 'string')
            return node.split(from).join(fullName);
        if (Array.isArray(node))
            return node.map(rewrite);
        if (node && typeof node === 'object') {
            const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewrite(v)]));
            if (out.full_name === fullName) {
                out.name = name;
                if (out.owner && typeof out.owner === 'object')
                    out.owner.login = owner;
            }
            return out;
        }
        return node;
    };
    Object.assign(payload, rewrite(payload));
}
/** workflow_run.completed derived from the real example. */
function workflowRunEvent(opts = {}) {
    const e = loadEvent('workflow_run.completed');
    retarget(e, opts.repository);
    const run = e.workflow_run;
    run.conclusion = opts.conclusion ?? 'failure';
    run.status = 'completed';
    if (opts.headSha) {
        run.head_sha = opts.headSha;
        if (run.head_commit)
            obj(run.head_commit, 'workflow_run.head_commit').id = opts.headSha;
    }
    if (opts.headBranch)
        run.head_branch = opts.headBranch;
    if (opts.runId !== undefined) {
        const old = String(run.id);
        run.id = opts.runId;
        for (const k of ['url', 'html_url', 'jobs_url', 'logs_url', 'cancel_url', 'rerun_url', 'artifacts_url']) {
            const v = run[k];
            if (typeof v === 'string')
                run[k] = v.replace(old, String(opts.runId));
        }
    }
    if (opts.runAttempt !== undefined)
        run.run_attempt = opts.runAttempt;
    if (opts.workflowName)
        run.name = obj(e.workflow, 'workflow').name = opts.workflowName;
    if (opts.event)
        run.event = opts.event;
    if (opts.fork) {
        run.head_repository = forkOf(run.repository);
        run.pull_requests = [];
    }
    return e;
}
function pullRequestEvent(opts = {}) {
    const e = loadEvent(`pull_request.${opts.action ?? 'opened'}`);
    retarget(e, opts.repository);
    const pr = e.pull_request;
    const head = obj(pr.head, 'pull_request.head');
    if (opts.number !== undefined)
        e.number = pr.number = opts.number;
    if (opts.headSha) {
        head.sha = opts.headSha;
        if (e.action === 'synchronize')
            e.after = opts.headSha;
    }
    if (opts.headRef) {
        head.ref = opts.headRef;
        head.label = `${String(head.label).split(':')[0]}:${opts.headRef}`;
    }
    if (opts.baseRef)
        obj(pr.base, 'pull_request.base').ref = opts.baseRef;
    if (opts.draft !== undefined)
        pr.draft = opts.draft;
    if (opts.fork) {
        const forkRepo = forkOf(obj(obj(pr.base, 'pull_request.base').repo, 'pull_request.base.repo'));
        head.repo = forkRepo;
        head.label = `contributor:${String(head.ref)}`;
        head.user = forkRepo.owner;
    }
    return e;
}
function issueCommentEvent(opts = {}) {
    const e = loadEvent('issue_comment.created');
    retarget(e, opts.repository);
    const issue = e.issue;
    if (opts.issueNumber !== undefined)
        issue.number = opts.issueNumber;
    const comment = obj(e.comment, 'comment');
    if (opts.body !== undefined)
        comment.body = opts.body;
    if (opts.login)
        obj(comment.user, 'comment.user').login = obj(e.sender, 'sender').login = opts.login;
    if (opts.onPullRequest ?? true) {
        const repository = obj(e.repository, 'repository');
        const html = `${String(repository.html_url)}/pull/${String(issue.number)}`;
        issue.pull_request = {
            url: `${String(repository.url)}/pulls/${String(issue.number)}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: null,
        };
    }
    else
        delete issue.pull_request;
    return e;
}
function reviewCommentEvent(opts = {}) {
    const e = loadEvent('pull_request_review_comment.created');
    retarget(e, opts.repository);
    const comment = obj(e.comment, 'comment');
    if (opts.body !== undefined)
        comment.body = opts.body;
    if (opts.path !== undefined)
        comment.path = opts.path;
    if (opts.line !== undefined)
        comment.line = opts.line;
    return e;
}
function pushEvent(opts = {}) {
    const e = loadEvent('push');
    retarget(e, opts.repository);
    if (opts.ref)
        e.ref = opts.ref;
    if (opts.before)
        e.before = opts.before;
    if (opts.after) {
        e.after = opts.after;
        if (e.head_commit)
            obj(e.head_commit, 'head_commit').id = opts.after;
    }
    return e;
}
function mergeGroupEvent(opts = {}) {
    const e = loadEvent('merge_group.checks_requested');
    retarget(e, opts.repository);
    const group = obj(e.merge_group, 'merge_group');
    if (opts.headSha)
        group.head_sha = opts.headSha;
    if (opts.baseRef)
        group.base_ref = opts.baseRef;
    return e;
}

;// CONCATENATED MODULE: ./packages/cli/src/replay/stories.ts





const WORKFLOW_PATH = '.github/workflows/ci.yml';
const MINUTE = 60_000;
function fixtureLog(name) {
    return { name, text: (0,external_node_fs_namespaceObject.readFileSync)(testkitFile('fixtures', 'logs', name), 'utf8') };
}
/** A committed git work tree with `files`: where the steps run (fixers diff against its HEAD). */
function workspace(files) {
    const dir = (0,external_node_fs_namespaceObject.mkdtempSync)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'closed-loop-replay-'));
    for (const [path, text] of Object.entries(files)) {
        (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_namespaceObject.join)(dir, path, '..'), { recursive: true });
        (0,external_node_fs_namespaceObject.writeFileSync)((0,external_node_path_namespaceObject.join)(dir, path), text);
    }
    const git = (...args) => (0,external_node_child_process_namespaceObject.execFileSync)('git', args, {
        cwd: dir,
        stdio: 'ignore',
        env: {
            ...process.env,
            GIT_AUTHOR_NAME: 'demo',
            GIT_AUTHOR_EMAIL: 'demo@example.invalid',
            GIT_COMMITTER_NAME: 'demo',
            GIT_COMMITTER_EMAIL: 'demo@example.invalid',
        },
    });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', 'demo workspace');
    return dir;
}
/** A failed (or green) run of CI on a branch, finished `agoMinutes` ago, with one job whose log is `log`. */
function seedRun(fake, opts) {
    const clock = fake.state.now;
    fake.state.now = () => new Date(Date.now() - opts.agoMinutes * MINUTE);
    try {
        const run = fake.state.addRun({
            workflow: 'CI',
            head_branch: opts.branch,
            head_sha: opts.headSha,
            event: opts.event ?? (opts.pullNumbers?.length ? 'pull_request' : 'push'),
            conclusion: opts.conclusion,
            ...(opts.pullNumbers ? { pullNumbers: opts.pullNumbers } : {}),
            jobs: [{ name: 'test', conclusion: opts.conclusion, steps: [{ name: 'Run npm test', conclusion: opts.conclusion }], log: opts.log.text }],
        });
        const event = workflowRunEvent({
            repository: `${fake.owner}/${fake.repo}`,
            runId: run.id,
            headSha: opts.headSha,
            headBranch: opts.branch,
            conclusion: opts.conclusion,
            workflowName: 'CI',
            event: run.event,
        });
        event.workflow_run.path = WORKFLOW_PATH;
        return { run, event };
    }
    finally {
        fake.state.now = clock;
    }
}
const classify = { action: 'failure-classify', label: 'classify', inputs: () => ({ workflows: WORKFLOW_PATH }) };
const stories_rerun = {
    action: 'recover',
    label: 'recover (re-run path)',
    inputs: (o) => (o.classify?.path === 'failure' ? { phase: 'rerun', verdict: o.classify.result ?? '', 'max-wait': '60' } : undefined),
};
const notify = {
    action: 'notify',
    label: 'notify',
    inputs: (o) => {
        if (o.classify?.path === 'success')
            return {};
        if (o.classify?.path !== 'failure')
            return undefined;
        return { verdict: o.classify.result ?? '', 'recover-outcome': o['apply-fix']?.outcome ?? o['recover (re-run path)']?.outcome ?? '' };
    },
};
const CONFIG = (fixer) => `version: 1\nrecover:\n  fixers:\n    format:\n      - ${JSON.stringify(fixer)}\n`;
const UNFORMATTED = 'export function total(items: {price:number}[]){\n  return items.reduce((sum,i)=>sum+i.price,0)\n}\n';
/** The loop's own stories: a failed (or green) workflow_run through classify, recover and notify. */
const LOOP_STORIES = [
    {
        id: 'transient',
        title: 'Transient network failure: npm ci loses the registry connection',
        seed(fake, ctx) {
            const { pull } = fake.state.addPull({ head: 'fix-cart', title: 'Fix cart totals', user: 'octocat' });
            const log = ctx.log ?? fixtureLog('network-econnreset.log');
            const { run, event } = seedRun(fake, {
                branch: 'fix-cart',
                headSha: pull.head.sha,
                log,
                conclusion: 'failure',
                agoMinutes: 2,
                pullNumbers: [pull.number],
            });
            return { event, runId: run.id, headSha: pull.head.sha, branch: 'fix-cart', logName: log.name, workspace: workspace({}) };
        },
        steps: [classify, stories_rerun, notify],
    },
    {
        id: 'lint-fix',
        title: 'Lint failure with a fix: prettier --check fails, the fixer patch is validated and committed',
        seed(fake, ctx) {
            const prettier = (0,external_node_path_namespaceObject.join)(ctx.root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
            const files = { '.github/closed-loop.yml': CONFIG(`node ${prettier} --write src`), 'src/cart.ts': UNFORMATTED };
            const headSha = fake.state.addCommit({ branch: 'format-cart', message: 'Add cart total', files });
            const { pull } = fake.state.addPull({ head: 'format-cart', title: 'Add cart total', user: 'octocat', headSha });
            const log = fixtureLog('prettier-check.log');
            const { run, event } = seedRun(fake, { branch: 'format-cart', headSha, log, conclusion: 'failure', agoMinutes: 1, pullNumbers: [pull.number] });
            return { event, runId: run.id, headSha, branch: 'format-cart', logName: log.name, workspace: workspace(files) };
        },
        steps: [
            classify,
            stories_rerun,
            {
                action: 'recover',
                label: 'propose-fix',
                token: 'none',
                inputs: (o) => (o.classify?.category === 'quality' ? { phase: 'propose-fix', verdict: o.classify.result ?? '' } : undefined),
            },
            {
                action: 'recover',
                label: 'apply-fix',
                inputs: (o) => (o['propose-fix']?.['has-changes'] === 'true' ? { phase: 'apply-fix', verdict: o.classify?.result ?? '' } : undefined),
            },
            notify,
        ],
    },
    {
        id: 'test-failure',
        title: 'Test failure on main, failing again and again: escalated to an issue',
        seed(fake) {
            const log = fixtureLog('jest-assertion.log');
            let last = { runId: 0, headSha: '', event: {} };
            for (let i = 3; i >= 0; i--) {
                const headSha = fake.state.addCommit({ branch: 'main', message: `Change ${4 - i}`, files: { 'src/cart.ts': `export const version = ${4 - i};\n` } });
                const { run, event } = seedRun(fake, { branch: 'main', headSha, log, conclusion: 'failure', agoMinutes: 10 * i + 1 });
                last = { runId: run.id, headSha, event };
            }
            return { ...last, branch: 'main', logName: log.name, workspace: workspace({}) };
        },
        steps: [classify, stories_rerun, notify],
    },
    {
        id: 'recovery',
        title: 'Recovery: main is green again, so the issue is closed with its time to recovery',
        seed(fake) {
            const log = fixtureLog('green.log');
            const headSha = fake.state.addCommit({ branch: 'main', message: 'Fix the member discount', files: { 'src/cart.ts': 'export const version = 5;\n' } });
            const { run, event } = seedRun(fake, { branch: 'main', headSha, log, conclusion: 'success', agoMinutes: 0 });
            return { event, runId: run.id, headSha, branch: 'main', logName: log.name, workspace: workspace({}) };
        },
        steps: [classify, notify],
    },
];

;// CONCATENATED MODULE: ./packages/cli/src/replay/catalog.ts

/**
 * Every story `closed-loop replay` knows, in the order `npm run demo` plays them. Each area keeps its
 * stories in a file of its own beside this one and adds them here.
 */
const STORIES = [...LOOP_STORIES];

;// CONCATENATED MODULE: ./packages/cli/src/replay/replay.ts





/**
 * Replays the loop locally: the fake GitHub on 127.0.0.1, seeded with a failed workflow_run, and the
 * bundled dist/ actions run one after another exactly as the runner would run them.
 */
async function replay(options) {
    const started = Date.now();
    const fake = options.fake ?? (await startFakeGitHub());
    const stories = options.event ? [customStory(options.event)] : STORIES.filter((s) => !options.only?.length || options.only.includes(s.id));
    const reports = [];
    try {
        options.print(`closed-loop replay: fake GitHub at ${fake.url} (acme/widgets), bundles from dist/\n`);
        for (const [i, story] of stories.entries()) {
            options.print(`\n━━ ${i + 1}/${stories.length} ${story.title}\n`);
            reports.push(await replayStory(story, fake, { root: options.root, ...(options.log ? { log: options.log } : {}) }, options.print));
        }
    }
    finally {
        if (!options.fake)
            await fake.close().catch(() => undefined);
    }
    const report = {
        ok: reports.every((r) => r.ok) && fake.violations.length === 0,
        stories: reports,
        requests: fake.requests.length,
        writes: fake.writes.length,
        specViolations: [...fake.violations],
        durationMs: Date.now() - started,
    };
    options.print(`\n${report.ok ? 'Done' : 'FAILED'}: ${reports.length} stor${reports.length === 1 ? 'y' : 'ies'}, ${report.requests} API requests (${report.writes} writes), ` +
        `${report.specViolations.length} OpenAPI violations, in ${ms(report.durationMs)}.\n`);
    for (const v of report.specViolations)
        options.print(`  violation: ${v}\n`);
    return report;
}
async function replayStory(story, fake, ctx, print) {
    const seeded = story.seed(fake, ctx);
    print(`   run #${seeded.runId} of CI on ${seeded.branch} (${seeded.headSha.slice(0, 7)}), log ${seeded.logName}\n`);
    const outputs = {};
    const steps = [];
    let unmet = [];
    try {
        for (const step of story.steps) {
            const report = await runStep(step, seeded, outputs, fake, ctx.root);
            steps.push(report);
            print(formatStep(report));
            if (!report.skipped && report.exitCode !== (step.expectExit ?? 0)) {
                unmet.push(`${step.label}: exit ${report.exitCode ?? '?'}, expected ${step.expectExit ?? 0}`);
                break;
            }
        }
        if (!unmet.length && story.expect)
            unmet = story.expect(fake, outputs, seeded);
    }
    finally {
        (0,external_node_fs_namespaceObject.rmSync)(seeded.workspace, { recursive: true, force: true });
    }
    for (const u of unmet)
        print(`   ✗ ${u}\n`);
    return { id: story.id, title: story.title, ok: unmet.length === 0, steps, unmet };
}
async function runStep(step, seeded, outputs, fake, root) {
    const inputs = step.inputs(outputs);
    if (!inputs)
        return { label: step.label, action: step.action, skipped: true, writes: [] };
    const before = fake.writes.length;
    const trigger = step.trigger?.(seeded, outputs, fake) ?? { eventName: seeded.eventName ?? 'workflow_run', event: seeded.event };
    const run = await runBundledAction({
        root,
        name: step.action,
        inputs,
        eventName: trigger.eventName,
        event: trigger.event,
        ...(step.env ? { env: step.env } : {}),
        apiUrl: fake.url,
        token: step.token === 'none' ? '' : 'test-token',
        repository: `${fake.owner}/${fake.repo}`,
        workspace: seeded.workspace,
    });
    outputs[step.label] = run.outputs;
    return {
        label: step.label,
        action: step.action,
        skipped: false,
        exitCode: run.exitCode,
        durationMs: run.durationMs,
        outputs: run.outputs,
        errors: run.annotations.filter((a) => a.level === 'error').map((a) => a.message),
        writes: fake.writes.slice(before).map((w) => describeWrite(w)),
    };
}
function formatStep(step) {
    const head = `   ▸ ${step.label.padEnd(22)}`;
    if (step.skipped)
        return `${head} skipped\n`;
    const lines = [`${head} ${ms(step.durationMs ?? 0).padStart(7)}  ${conclusion(step)}`];
    for (const e of step.errors ?? [])
        lines.push(`       error: ${e}`);
    for (const w of step.writes)
        lines.push(indent(w, '       ✎ '));
    return `${lines.join('\n')}\n`;
}
/** One line saying what the step concluded, from its outputs. */
function conclusion(step) {
    const o = step.outputs ?? {};
    if (step.exitCode)
        return `exit ${step.exitCode}`;
    if (step.action === 'failure-classify') {
        if (o.path !== 'failure')
            return `path ${o.path ?? '?'}: ${o.path === 'success' ? 'green run, resolution path' : 'nothing to do'}`;
        const v = JSON.parse(o.result ?? '{}');
        // The evidence window opens with context; show the line that reads like the error itself.
        const lines = v.evidence?.lines ?? [];
        const evidence = lines.find((l) => /error|err!|fail|✕|●|\[warn\]/i.test(l)) ?? lines.find((l) => l.trim()) ?? '';
        return `${v.category}/${v.subcategory} (confidence ${(v.confidence ?? 0).toFixed(2)}, ${v.transient ? 'transient' : 'not transient'}, ${v.severity}) ${v.signature}\n       evidence: ${evidence.trim().slice(0, 100)}`;
    }
    if (step.action === 'recover') {
        const outcome = JSON.parse(o.outcome ?? '{}');
        return `${o.action ?? '?'}${o.executed === 'true' ? '' : ' (not executed)'} — ${outcome.reason ?? ''}`;
    }
    return `${o.change ?? ''}${o.channels ? ` via ${o.channels}` : ''}${o['issue-number'] ? ` (issue #${o['issue-number']})` : ''}`;
}
/** The user's own workflow_run payload: seeded as one failed run of CI with their log (or the network one). */
function customStory(event) {
    const run = (event.workflow_run ?? {});
    const base = STORIES.find((s) => s.id === 'transient');
    return {
        id: 'custom',
        title: `Your event: workflow_run ${typeof run.id === 'number' ? run.id : '?'} (${typeof run.conclusion === 'string' ? run.conclusion : '?'})`,
        seed(fake, ctx) {
            // The event's SHA and run id mean nothing to the fake: seed a commit and a run on its branch and
            // point the event at them, keeping everything else the event says (conclusion, trigger, attempt).
            const branch = typeof run.head_branch === 'string' ? run.head_branch : 'main';
            const log = ctx.log ?? fixtureLog('network-econnreset.log');
            const conclusion = run.conclusion === 'success' ? 'success' : 'failure';
            const headSha = fake.state.addCommit({ branch, message: 'replayed event' });
            const seeded = seedRun(fake, { branch, headSha, log, conclusion, agoMinutes: 2, event: typeof run.event === 'string' ? run.event : 'push' });
            const ours = seeded.event.workflow_run;
            const payload = {
                ...event,
                action: 'completed',
                workflow_run: {
                    ...run,
                    id: ours.id,
                    head_sha: headSha,
                    head_branch: branch,
                    path: WORKFLOW_PATH,
                    repository: ours.repository,
                    head_repository: ours.head_repository,
                },
            };
            return { event: payload, runId: seeded.run.id, headSha, branch, logName: log.name, workspace: workspace({}) };
        },
        steps: base.steps,
    };
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/replay.ts









/** The repository the CLI runs from: the replay runs its dist/ bundles and reads its fixtures. */
function repositoryRoot() {
    let dir = (0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    for (let i = 0; i < 6; i++) {
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'actions', 'failure-classify', 'action.yml')) && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'dist')))
            return dir;
        dir = (0,external_node_path_namespaceObject.dirname)(dir);
    }
    throw new ConfigurationError('replay runs from a clone of the closed-loop repository (it needs dist/ and the fake GitHub); run `npm run demo` there.');
}
const replayCommand = {
    name: 'replay',
    summary: 'replay the loop locally against the embedded fake GitHub, running the bundled actions as the runner would.',
    failsWith: 'a story did not hold (or the fake saw a request outside the OpenAPI description)',
    usage: '[--story ID …] [--log FILE] [--event FILE] [--json]',
    options: {
        story: { type: 'string', multiple: true, valueName: 'ID', description: `Replay only this story (${STORIES.map((s) => s.id).join(', ')}).` },
        log: { type: 'string', valueName: 'FILE', description: "Your own job log (plain text or gzip) in place of the stories' logs." },
        event: { type: 'string', valueName: 'FILE', description: 'Your own workflow_run event payload (JSON), replayed as one story.' },
        json: { type: 'boolean', description: 'Print the account as JSON.' },
    },
    details: 'Starts the fake GitHub on 127.0.0.1, seeds a failed workflow_run, runs dist/failure-classify, dist/recover and dist/notify in sequence with INPUT_*, GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_API_URL set, and prints every write. No network, no token.',
    async run({ values }, io) {
        const only = values.story ?? [];
        const unknown = only.filter((id) => !STORIES.some((s) => s.id === id));
        if (unknown.length)
            throw new ConfigurationError(`--story ${unknown.join(', ')}: unknown story; choose from ${STORIES.map((s) => s.id).join(', ')}.`);
        let log;
        if (typeof values.log === 'string') {
            const raw = await readUserFile(io, values.log, '--log');
            log = { name: (0,external_node_path_namespaceObject.basename)(values.log), text: (raw[0] === 0x1f && raw[1] === 0x8b ? (0,external_node_zlib_namespaceObject.gunzipSync)(raw) : raw).toString('utf8') };
        }
        let event;
        if (typeof values.event === 'string') {
            const parsed = await readUserJson(io, values.event, '--event', 'a workflow_run event payload');
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
                throw new ConfigurationError(`--event ${values.event}: not a JSON object; pass a workflow_run event payload.`);
            event = parsed;
            if (!event.workflow_run || typeof event.workflow_run !== 'object' || Array.isArray(event.workflow_run))
                throw new ConfigurationError(`--event ${values.event}: no workflow_run object; pass a workflow_run event payload.`);
        }
        const json = values.json === true;
        const report = await replay({
            root: repositoryRoot(),
            only,
            ...(log ? { log } : {}),
            ...(event ? { event } : {}),
            print: json ? () => undefined : io.stdout,
        });
        if (json)
            io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        return report.ok ? EXIT.ok : EXIT.findings;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/git/git.ts

/**
 * The one place closed-loop runs git. Arguments are always an array (no shell), revisions go after
 * `--end-of-options` and paths after `--`, so a branch called `--upload-pack=…` or a file called `-rf`
 * is data, never an option. Output is parsed from NUL-separated plumbing formats where git offers one.
 */
class git_GitError extends Error {
    args;
    exitCode;
    stderr;
    name = 'GitError';
    constructor(args, exitCode, stderr) {
        super(`git ${args[0] ?? ''} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no output'}`);
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
// Plumbing output must not depend on the user's locale, pager, or prompts.
const BASE_ENV = { LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
class Git {
    cwd;
    env;
    constructor(cwd, env = {}) {
        this.cwd = cwd;
        this.env = env;
    }
    run(args, options = {}) {
        return new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_namespaceObject.execFile)('git', args, { cwd: this.cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, ...BASE_ENV, ...this.env, ...options.env } }, (error, stdout, stderr) => {
                const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
                const err = stderr.toString('utf8');
                if (exitCode === 0 || (exitCode !== null && options.okExitCodes?.includes(exitCode)))
                    resolve({ stdout, stderr: err, exitCode });
                else
                    reject(new git_GitError(args, exitCode, err || (error?.message ?? '')));
            });
            if (options.input !== undefined)
                child.stdin?.end(options.input);
        });
    }
    async text(args, options) {
        return (await this.run(args, options)).stdout.toString('utf8').trim();
    }
    /** Output split on NUL (for `-z` formats), empty trailing field dropped. */
    async fields(args, options) {
        const out = (await this.run(args, options)).stdout.toString('utf8');
        const parts = out.split('\0');
        if (parts[parts.length - 1] === '')
            parts.pop();
        return parts;
    }
    /** Streams stdout split on a separator, so long histories never sit in memory whole. */
    async *stream(args, separator = '\n') {
        const child = (0,external_node_child_process_namespaceObject.spawn)('git', args, { cwd: this.cwd, env: { ...process.env, ...BASE_ENV, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d.slice(0, 4096)));
        const exited = new Promise((resolve) => child.on('close', resolve));
        let rest = '';
        for await (const chunk of child.stdout.setEncoding('utf8')) {
            const parts = (rest + chunk).split(separator);
            rest = parts.pop() ?? '';
            yield* parts;
        }
        if (rest)
            yield rest;
        const code = await exited;
        if (code !== 0)
            throw new git_GitError(args, code, stderr);
    }
    /** Full object id of a revision, or a GitError if it does not name one. */
    async resolve(rev, peel = 'commit') {
        return this.text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${assertRev(rev)}^{${peel}}`]);
    }
    /** A file's text at a revision, or undefined when it is not there (no textconv, no filters). */
    async readFile(rev, path) {
        if (path.startsWith('-'))
            throw new Error(`not a path: ${path}`);
        const result = await this.run(['cat-file', 'blob', `${assertRev(rev)}:${path.replace(/^\.?\//, '')}`], { okExitCodes: [128] });
        return result.exitCode === 0 ? result.stdout.toString('utf8') : undefined;
    }
    async tryResolve(rev, peel = 'commit') {
        const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${assertRev(rev)}^{${peel}}`], { okExitCodes: [1] });
        return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined;
    }
    async mergeBases(a, b) {
        const result = await this.run(['merge-base', '--all', '--end-of-options', assertRev(a), assertRev(b)], { okExitCodes: [1] });
        return result.stdout.toString('utf8').split('\n').filter(Boolean);
    }
    async isAncestor(ancestor, descendant) {
        const result = await this.run(['merge-base', '--is-ancestor', '--end-of-options', assertRev(ancestor), assertRev(descendant)], { okExitCodes: [1] });
        return result.exitCode === 0;
    }
    async objectFormat() {
        const format = await this.text(['rev-parse', '--show-object-format']);
        return format === 'sha256' ? 'sha256' : 'sha1';
    }
    async isShallow() {
        return (await this.text(['rev-parse', '--is-shallow-repository'])) === 'true';
    }
    /** Raw commit message (no encoding conversion, no trailing-newline games). */
    async commitMessage(rev) {
        return (await this.run(['cat-file', 'commit', await this.resolve(rev)])).stdout.toString('utf8').replace(/^[\s\S]*?\n\n/, '');
    }
}
/** Rejects revisions that git could read as options; everything else is git's to judge. */
function assertRev(rev) {
    if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev))
        throw new git_GitError(['rev-parse', rev], null, `not a revision: ${JSON.stringify(rev)}`);
    return rev;
}

;// CONCATENATED MODULE: ./packages/core/src/discover/settings.ts
/** The `value_discovery:` section of a loaded config (the loader already filled every default in). */
function discoverSettings(config) {
    return config.value_discovery;
}

;// CONCATENATED MODULE: ./packages/core/src/discover/ids.ts

/**
 * Text as the id sees it: case, whitespace runs and comment punctuation do not make a new item, so
 * re-indenting or re-wrapping a TODO keeps its checkbox.
 */
function normaliseText(text) {
    return text
        .toLowerCase()
        .replace(/^[\s/*#;!<>-]+|[\s/*#;!<>-]+$/g, '')
        .replace(/\s+/g, ' ');
}
/** Stable item id: the same finding keeps its id across runs and line moves (never hashes a line number). */
function itemId(kind, path, rule, text) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update([kind, path ?? '', rule, normaliseText(text)].join('\0'))
        .digest('hex')
        .slice(0, 16);
}

;// CONCATENATED MODULE: ./packages/core/src/discover/types.ts
const ITEM_KINDS = ['debt-marker', 'hotspot', 'dependency', 'ci-health', 'test-gap', 'large-file'];
const clamp = (value, min, max) => Math.min(max, Math.max(min, value));
const round1 = (value) => Math.round(value * 10) / 10;

;// CONCATENATED MODULE: ./packages/core/src/discover/scoring.ts



/** WSJF = (business value + time criticality + risk reduction) / job size. */
function wsjf(i) {
    return (i.businessValue + i.timeCriticality + i.riskReduction) / Math.max(1, i.jobSize);
}
/** ICE = impact × confidence × ease. */
function ice(i) {
    return i.impact * i.confidence * i.ease;
}
const SECURITY_BOOST = { critical: 100, high: 75, moderate: 50, low: 25, info: 10, none: 0 };
/** A working day: remediation estimates beyond it all count as "a big job". */
const DEBT_CAP_MINUTES = 480;
const WSJF_MAX = 30;
const ICE_MAX = 1000;
/** Each model on a 0–100 scale, so the weights mean what they say. */
function normalised(i) {
    return {
        wsjf: Math.min(100, (wsjf(i) / WSJF_MAX) * 100),
        ice: Math.min(100, (ice(i) / ICE_MAX) * 100),
        debt: (Math.min(Math.max(0, i.debtMinutes), DEBT_CAP_MINUTES) / DEBT_CAP_MINUTES) * 100,
        security: SECURITY_BOOST[i.security],
    };
}
function checkWeights(w) {
    const total = w.wsjf + w.ice + w.technical_debt + w.security;
    if (!(total > 0))
        throw new ConfigurationError('value_discovery.scoring_weights: at least one weight must be above 0 (defaults: wsjf 0.5, ice 0.1, technical_debt 0.3, security 0.1).');
    return total;
}
function scoreInputs(i, w) {
    const total = checkWeights(w);
    const n = normalised(i);
    const composite = (w.wsjf * n.wsjf + w.ice * n.ice + w.technical_debt * n.debt + w.security * n.security) / total;
    const scores = {
        wsjf: Math.round(wsjf(i) * 100) / 100,
        ice: ice(i),
        technicalDebtMinutes: i.debtMinutes,
        security: n.security,
        composite: round1(composite),
    };
    const f = (x) => round1(x).toFixed(1);
    const explanation = `composite ${scores.composite.toFixed(1)}${Math.abs(total - 1) < 1e-9 ? '' : ` (÷ ${round1(total)} total weight)`} = ` +
        `${w.wsjf} × WSJF ${f(n.wsjf)} [(${i.businessValue} value + ${i.timeCriticality} criticality + ${i.riskReduction} risk) / ${i.jobSize} size = ${scores.wsjf}]` +
        ` + ${w.ice} × ICE ${f(n.ice)} [${i.impact} impact × ${i.confidence} confidence × ${i.ease} ease = ${scores.ice}]` +
        ` + ${w.technical_debt} × debt ${f(n.debt)} [${i.debtMinutes} min]` +
        ` + ${w.security} × security ${f(n.security)} [${i.security}]`;
    return { scores, explanation };
}
/** Scores, ids and ranks: highest composite first, ties broken by id so the order is stable. */
function scoreCandidates(candidates, weights) {
    const used = new Set();
    return candidates
        .map((c) => {
        let id = itemId(c.kind, c.path, c.rule, c.text);
        for (let k = 2; used.has(id); k++)
            id = itemId(c.kind, c.path, c.rule, `${c.text} #${k}`);
        used.add(id);
        const { scores, explanation } = scoreInputs(c.inputs, weights);
        return { id, ...c, scores, explanation: `${explanation}. Signals: ${c.rationale}.` };
    })
        .sort((a, b) => b.scores.composite - a.scores.composite || (a.id < b.id ? -1 : 1));
}

;// CONCATENATED MODULE: ./packages/core/src/discover/dependencies.ts

const dependencies_SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'];
function record(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
function parseJson(text, source, what) {
    let value;
    try {
        value = text.trim() === '' ? {} : JSON.parse(text);
    }
    catch {
        throw new ConfigurationError(`${source}: not JSON; pass the output of \`${what}\`.`);
    }
    const obj = record(value);
    if (!obj)
        throw new ConfigurationError(`${source}: expected a JSON object from \`${what}\`.`);
    const error = record(obj.error);
    if (error)
        throw new ConfigurationError(`${source}: \`${what}\` reported an error (${typeof error.summary === 'string' ? error.summary : typeof error.code === 'string' ? error.code : 'unknown'}); run it where the registry is reachable.`);
    return obj;
}
/** `npm audit --json` output; `source` names the input or file in errors. */
function parseNpmAudit(text, source) {
    const obj = parseJson(text, source, 'npm audit --json');
    if (obj.vulnerabilities === undefined && obj.advisories !== undefined) {
        throw new ConfigurationError(`${source}: npm 6 audit format is not supported; run \`npm audit --json\` with npm 7 or later.`);
    }
    const vulns = record(obj.vulnerabilities) ?? {};
    return Object.entries(vulns)
        .map(([name, raw]) => {
        const v = record(raw) ?? {};
        const severity = dependencies_SEVERITIES.includes(v.severity) ? v.severity : 'low';
        const via = Array.isArray(v.via) ? v.via : [];
        const advisories = via
            .map(record)
            .filter((a) => !!a && typeof a.title === 'string')
            .map((a) => ({
            title: String(a.title),
            ...(typeof a.url === 'string' ? { url: a.url } : {}),
            ...(typeof record(a.cvss)?.score === 'number' ? { cvss: record(a.cvss)?.score } : {}),
        }));
        const fixRaw = v.fixAvailable;
        const fix = fixRaw === true ? 'available' : record(fixRaw) ? (record(fixRaw)?.isSemVerMajor ? 'major' : 'available') : 'none';
        return { name, severity, isDirect: v.isDirect === true, advisories, fix };
    })
        .sort((a, b) => (a.name < b.name ? -1 : 1));
}
function major(version) {
    const m = /(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
/** `npm outdated --json` output (a package's entry is an array in workspaces: the first is used). */
function parseNpmOutdated(text, source) {
    const obj = parseJson(text, source, 'npm outdated --json');
    return Object.entries(obj)
        .map(([name, raw]) => {
        const v = record(Array.isArray(raw) ? raw[0] : raw);
        if (!v || typeof v.latest !== 'string')
            return undefined;
        const current = typeof v.current === 'string' ? v.current : undefined;
        const from = major(current ?? (typeof v.wanted === 'string' ? v.wanted : undefined));
        const to = major(v.latest);
        let behind = 'none';
        let majors = 0;
        if (from && to) {
            majors = Math.max(0, to[0] - from[0]);
            behind = majors > 0 ? 'major' : to[1] > from[1] ? 'minor' : to[2] > from[2] ? 'patch' : 'none';
        }
        return { name, ...(current ? { current } : {}), ...(typeof v.wanted === 'string' ? { wanted: v.wanted } : {}), latest: v.latest, behind, majors };
    })
        .filter((o) => !!o && o.behind !== 'none')
        .sort((a, b) => (a.name < b.name ? -1 : 1));
}
const SEVERITY_RISK = {
    critical: [10, 9],
    high: [8, 7],
    moderate: [5, 4],
    low: [3, 2],
    info: [1, 1],
    none: [1, 1],
};
const FIX = {
    available: { jobSize: 1, ease: 9, minutes: 15, says: 'a compatible fix is available' },
    major: { jobSize: 5, ease: 5, minutes: 60, says: 'the fix is a major upgrade' },
    none: { jobSize: 8, ease: 2, minutes: 120, says: 'no fix is available yet' },
};
/** Vulnerable and outdated packages as work items; ids hang on the package name, not its version. */
function dependencyCandidates(vulns, outdated, manifest = 'package.json') {
    const fromAudit = vulns.map((v) => {
        const [risk, criticality] = SEVERITY_RISK[v.severity];
        const fix = FIX[v.fix];
        const first = v.advisories[0];
        return {
            kind: 'dependency',
            rule: 'vulnerable',
            path: manifest,
            text: v.name,
            title: `Vulnerable dependency ${v.name} (${v.severity})${first ? `: ${first.title}` : ''}`,
            evidence: { package: v.name, severity: v.severity, advisories: v.advisories.length, direct: v.isDirect, fix: v.fix },
            inputs: {
                businessValue: 3,
                timeCriticality: criticality,
                riskReduction: risk,
                jobSize: fix.jobSize,
                impact: risk,
                confidence: 9,
                ease: fix.ease,
                debtMinutes: fix.minutes,
                security: v.severity,
            },
            rationale: `${v.severity} severity, ${v.advisories.length} advisor${v.advisories.length === 1 ? 'y' : 'ies'}, ${v.isDirect ? 'direct' : 'transitive'} dependency; ${fix.says}`,
            ...(first?.url ? { url: first.url } : {}),
        };
    });
    const fromOutdated = outdated.map((o) => {
        const isMajor = o.behind === 'major';
        const minutes = isMajor ? 60 * o.majors : o.behind === 'minor' ? 15 : 5;
        return {
            kind: 'dependency',
            rule: 'outdated',
            path: manifest,
            text: o.name,
            title: `Outdated dependency ${o.name} ${o.current ?? o.wanted ?? '?'} → ${o.latest} (${o.behind})`,
            evidence: { package: o.name, current: o.current ?? 'missing', latest: o.latest, behind: o.behind, majors: o.majors },
            inputs: {
                businessValue: 3,
                timeCriticality: isMajor ? 2 + Math.min(o.majors, 3) : 1,
                riskReduction: isMajor && o.majors >= 2 ? 5 : 3,
                jobSize: isMajor ? 5 : o.behind === 'minor' ? 2 : 1,
                impact: 3,
                confidence: 7,
                ease: isMajor ? 4 : o.behind === 'minor' ? 8 : 9,
                debtMinutes: minutes,
                security: 'none',
            },
            rationale: isMajor ? `${o.majors} major version${o.majors > 1 ? 's' : ''} behind` : `${o.behind} update available`,
        };
    });
    return [...fromAudit, ...fromOutdated];
}

;// CONCATENATED MODULE: ./packages/core/src/scan/paths.ts
/** Which paths are scanned: vendored code, lock files and binaries are skipped by default. */
const DEFAULT_EXCLUDE = [
    '**/node_modules/**',
    '**/vendor/**',
    '**/third_party/**',
    '**/bower_components/**',
    '**/.yarn/**',
    '**/*.min.js',
    '**/*.min.css',
    '**/*.map',
    '**/package-lock.json',
    '**/npm-shrinkwrap.json',
    '**/yarn.lock',
    '**/pnpm-lock.yaml',
    '**/bun.lockb',
    '**/Cargo.lock',
    '**/Gemfile.lock',
    '**/poetry.lock',
    '**/Pipfile.lock',
    '**/composer.lock',
    '**/go.sum',
    '**/*.lock',
    '**/.closed-loop/secrets-baseline.json',
];
/** Extensions of formats that are binary (scanned as text they only produce noise). */
const BINARY_EXTENSIONS = new Set('png jpg jpeg gif bmp ico webp tiff psd pdf zip gz tgz bz2 xz 7z rar jar war ear class so dll exe dylib o a lib bin dat woff woff2 ttf otf eot mp3 mp4 wav ogg mov avi mkv webm pyc pyo wasm db sqlite sqlite3 p12 pfx keystore jks der'.split(' '));
const DEFAULT_FIXTURES = ['**/fixtures/**', '**/__fixtures__/**', '**/testdata/**', '**/test-data/**'];
/** `**` crosses folders, `*` and `?` do not; a pattern without `/` matches the base name anywhere. */
function globToRegExp(glob) {
    const pattern = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
    let out = '';
    for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        if (ch === '*' && pattern[i + 1] === '*') {
            const slash = pattern[i + 2] === '/';
            out += slash ? '(?:.*/)?' : '.*';
            i += slash ? 2 : 1;
        }
        else if (ch === '*')
            out += '[^/]*';
        else if (ch === '?')
            out += '[^/]';
        else
            out += /[.+^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
    }
    return new RegExp(`^${out}$`);
}
const ANY_FOLDER = '^(?:.*\\/)?';
/**
 * One expression matching what any of the given ones matches. Those starting in any folder (`**\/…`)
 * share that prefix, so the engine tries it once rather than once per glob.
 */
function combine(sources) {
    const anywhere = sources.filter((s) => s.startsWith(ANY_FOLDER) && s.endsWith('$'));
    const others = sources.filter((s) => !anywhere.includes(s));
    const parts = others.map((s) => `(?:${s})`);
    if (anywhere.length)
        parts.push(`(?:${ANY_FOLDER}(?:${anywhere.map((s) => `(?:${s.slice(ANY_FOLDER.length, -1)})`).join('|')})$)`);
    return new RegExp(parts.join('|'));
}
/** Compiled matchers by glob list: a scanner is built per scan, its globs are nearly always the same. */
const paths_compiled = new Map();
class PathMatcher {
    /** One alternation of every glob's expression (each anchored); undefined when there are none. */
    pattern;
    constructor(globs) {
        const key = globs.join('\0');
        if (paths_compiled.has(key))
            this.pattern = paths_compiled.get(key);
        else {
            this.pattern = globs.length ? combine(globs.map((g) => globToRegExp(g).source)) : undefined;
            if (paths_compiled.size < 64)
                paths_compiled.set(key, this.pattern);
        }
    }
    matches(path) {
        return this.pattern !== undefined && this.pattern.test(path);
    }
}
function hasBinaryExtension(path) {
    const dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}
/** Text of a file's bytes, or undefined when it is binary (a NUL in the first 8 KiB, as git decides). */
function decodeText(bytes) {
    const head = bytes.subarray(0, 8000);
    if (head.includes(0))
        return undefined;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
/** Lines of a text, 1-based, with `\r\n` and lone `\r` endings removed. */
function textLines(text) {
    const parts = text.split('\n');
    if (parts[parts.length - 1] === '')
        parts.pop();
    return parts.map((t, i) => ({ line: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}

;// CONCATENATED MODULE: ./packages/core/src/discover/paths.ts
/** Path classification shared by the harvesters: excluded paths, test files, source files. */

/** Excludes by glob; a pattern without `/` matches a basename at any depth (like .gitignore). */
function pathFilter(excludes) {
    const matcher = new PathMatcher(excludes);
    return (path) => !matcher.matches(path);
}
const TEST_PATH = /(^|\/)(__tests__|tests?|spec|specs|e2e)\/|[._-](test|spec)\.[^/]+$|(^|\/)test_[^/]+\.py$|_test\.(go|py|rb|exs?)$/i;
function isTestFile(path) {
    return TEST_PATH.test(path);
}
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|rb|java|kt|kts|scala|rs|c|cc|cpp|cxx|h|hpp|cs|php|swift|m|mm|ex|exs|erl|clj|lua|sh|bash|pl|r|dart|vue|svelte)$/i;
/** Code in a programming language, tests included (data, docs and generated typings are not). */
function isCodeFile(path) {
    return SOURCE_EXT.test(path) && !/\.d\.ts$/.test(path);
}
function isSourceFile(path) {
    return isCodeFile(path) && !isTestFile(path);
}
/** `src/a/foo.ts` → `foo`: what a test for it is usually named after. */
function stem(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return base
        .replace(/\.[^.]+$/, '')
        .replace(/^test_|[._-](test|spec)$|_test$/i, '')
        .toLowerCase();
}

;// CONCATENATED MODULE: ./packages/core/src/discover/churn.ts

/** Commits touching more files than this do not count as "changed together with a test". */
const BULK_COMMIT_FILES = 50;
/** The header our history walk asks git for: `%x01%H %ct` (see git/discover.ts). */
const CHURN_FORMAT = '%x01%H %ct';
/**
 * Folds the NUL-separated tokens of `git log -z --name-only --no-renames --format=CHURN_FORMAT`
 * into per-file churn, one token at a time, so a long history never sits in memory.
 */
class ChurnAccumulator {
    files = new Map();
    commits = 0;
    time = 0;
    current = [];
    add(token) {
        if (token.startsWith('\x01')) {
            this.flush();
            this.commits++;
            this.time = Number(token.slice(token.lastIndexOf(' ') + 1)) || 0;
            return;
        }
        // git puts a newline between a commit's header and its first file name.
        const path = token.startsWith('\n') ? token.slice(1) : token;
        if (path)
            this.current.push(path);
    }
    /** Call after the last token. */
    finish() {
        this.flush();
        return this.files;
    }
    flush() {
        if (!this.current.length)
            return;
        // A bulk commit (import, reformat, mass rename) touching tests says nothing about which code they test.
        const touchesTest = this.current.length <= BULK_COMMIT_FILES && this.current.some(isTestFile);
        for (const path of this.current) {
            const f = this.files.get(path);
            if (f) {
                f.commits++;
                f.lastTime = Math.max(f.lastTime, this.time);
                if (touchesTest)
                    f.withTests++;
            }
            else
                this.files.set(path, { commits: 1, lastTime: this.time, withTests: touchesTest ? 1 : 0 });
        }
        this.current = [];
    }
}

;// CONCATENATED MODULE: ./packages/core/src/discover/complexity.ts
const BRANCH = /\b(?:if|elif|elsif|for|foreach|while|until|unless|case|when|catch|except|rescue)\b|&&|\|\||\?\?|\?(?=\s)/g;
function estimateComplexity(text) {
    const lines = text.split('\n');
    const indents = [];
    let branches = 0;
    let tabs = false;
    for (const line of lines) {
        const trimmed = line.trimStart();
        if (!trimmed)
            continue;
        const lead = line.slice(0, line.length - trimmed.length);
        if (lead.includes('\t'))
            tabs = true;
        indents.push(lead.replace(/\t/g, '    ').length);
        branches += trimmed.match(BRANCH)?.length ?? 0;
    }
    // The indentation unit is the smallest non-zero indent (2 or 4 spaces, or a tab), at least 2.
    const unit = tabs ? 4 : Math.max(2, Math.min(8, ...indents.filter((n) => n > 0)));
    const indentation = indents.reduce((sum, n) => sum + Math.floor(n / unit), 0);
    const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
    return { lines: lineCount, code: indents.length, branches, indentation, score: branches + Math.round(indentation / 4) };
}

;// CONCATENATED MODULE: ./packages/core/src/discover/markers.ts
// Only markers inside a comment count: prose that mentions "TODO lists" is not debt.
const COMMENT_START = /(\/\/|\/\*|<!--|(?:^|\s)#|(?:^|\s)--|^\s*;|^\s*\*|^\s*%|^\s*')/;
/** Parses `git grep -n -z` output (`path NUL line NUL text` per line) into marker hits. */
function parseMarkerGrep(output, markers, keep = () => true) {
    const tag = new RegExp(`\\b(${markers.map((m) => m.replace(/[-]/g, '\\-')).join('|')})\\b(?:\\([^)]*\\))?[:!]?(.*)$`);
    const hits = [];
    for (const record of output.split('\n')) {
        const [path, lineNo, ...rest] = record.split('\0');
        if (!path || !lineNo || !keep(path))
            continue;
        const content = rest.join('\0');
        const comment = COMMENT_START.exec(content);
        if (!comment)
            continue;
        const m = tag.exec(content.slice(comment.index));
        if (!m?.[1])
            continue;
        const said = (m[2] ?? '').replace(/\s*(\*\/|-->)\s*$/, '').trim();
        hits.push({ path, line: Number(lineNo), tag: m[1], text: said || content.trim() });
    }
    return hits;
}
/**
 * Author times (unix seconds) by final line number from `git blame --porcelain` (or
 * `--line-porcelain`): commit headers appear once per commit, so the time is looked up by sha.
 */
function parseBlamePorcelain(output) {
    const timeBySha = new Map();
    const shaByLine = new Map();
    let sha = '';
    for (const line of output.split('\n')) {
        const header = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(line);
        if (header) {
            sha = header[1];
            shaByLine.set(Number(header[2]), sha);
        }
        else if (line.startsWith('author-time '))
            timeBySha.set(sha, Number(line.slice(12)));
    }
    const out = new Map();
    for (const [line, s] of shaByLine) {
        const t = timeBySha.get(s);
        if (t !== undefined)
            out.set(line, t);
    }
    return out;
}
const RISK = { FIXME: 5, HACK: 6, XXX: 4, TODO: 2 };
const MINUTES = { FIXME: 30, HACK: 60, XXX: 30, TODO: 15 };
const SECURITY_WORDS = /\b(security|vulnerab\w*|xss|csrf|injection|sanitis\w*|sanitiz\w*|secret|auth\w*)\b/i;
const DAY = 86_400_000;
/** A work item per marker; age (from blame, when known) raises time criticality. */
function markerCandidates(hits, authorTimes, now) {
    const seen = new Map();
    return hits.map((hit) => {
        // Two identical TODOs in one file still need distinct ids; their order survives line moves.
        const key = `${hit.path}\0${hit.tag}\0${hit.text.toLowerCase()}`;
        const nth = (seen.get(key) ?? 0) + 1;
        seen.set(key, nth);
        const text = nth > 1 ? `${hit.text} #${nth}` : hit.text;
        const time = authorTimes.get(hit.path)?.get(hit.line);
        const ageDays = time === undefined ? undefined : Math.max(0, Math.floor((now - time * 1000) / DAY));
        const criticality = ageDays === undefined ? 1 : ageDays >= 365 ? 4 : ageDays >= 180 ? 3 : ageDays >= 30 ? 2 : 1;
        const risk = RISK[hit.tag] ?? 2;
        const security = SECURITY_WORDS.test(hit.text) ? 'low' : 'none';
        const candidate = {
            kind: 'debt-marker',
            rule: `marker:${hit.tag}`,
            path: hit.path,
            line: hit.line,
            text,
            title: `${hit.tag}: ${hit.text}`,
            evidence: { tag: hit.tag, line: hit.line, ...(ageDays === undefined ? {} : { ageDays }) },
            inputs: {
                businessValue: 2,
                timeCriticality: criticality,
                riskReduction: risk,
                jobSize: hit.tag === 'HACK' ? 3 : 2,
                impact: risk,
                confidence: 6,
                ease: 7,
                debtMinutes: MINUTES[hit.tag] ?? 15,
                security,
            },
            rationale: `${hit.tag} marker (risk ${risk}, ${MINUTES[hit.tag] ?? 15} min to resolve)${ageDays === undefined ? '' : `, ${ageDays} days old`}${security === 'none' ? '' : ', mentions security'}`,
        };
        return candidate;
    });
}

;// CONCATENATED MODULE: ./packages/core/src/git/discover.ts







/** Debt markers in tracked files of the working tree (whole words, case-sensitive, text files only). */
async function grepMarkers(git, markers, keep) {
    if (!markers.length)
        return [];
    const pattern = markers.map((m) => m.replace(/[-]/g, '\\-')).join('|');
    const result = await git.run(['grep', '--no-color', '-n', '-z', '-I', '-w', '-E', '--full-name', '-e', pattern, '--'], { okExitCodes: [1] });
    return parseMarkerGrep(result.stdout.toString('utf8'), markers, keep);
}
/**
 * Author times of the marker lines from `git blame`, when cheap: blame costs a history walk per file,
 * so above `maxFiles` files the ages are skipped (and said so).
 */
async function blameTimes(git, hits, maxFiles) {
    const byPath = new Map();
    for (const h of hits)
        byPath.set(h.path, [...(byPath.get(h.path) ?? []), h.line]);
    const times = new Map();
    if (byPath.size > maxFiles)
        return { times, skipped: `${byPath.size} files hold markers (blame_max_files ${maxFiles}): ages not computed` };
    await mapLimit([...byPath], 2, async ([path, lines]) => {
        const ranges = lines.flatMap((n) => ['-L', `${n},${n}`]);
        const result = await git.run(['blame', '--porcelain', ...ranges, '--', path], { okExitCodes: [128] });
        if (result.exitCode === 0)
            times.set(path, parseBlamePorcelain(result.stdout.toString('utf8')));
    });
    return { times };
}
/** Streams `git log --name-only --no-renames` into per-file churn; never holds the log in memory. */
async function walkHistory(git, options) {
    const acc = new ChurnAccumulator();
    const head = options.head ?? (await git.tryResolve('HEAD'));
    if (!head)
        return { churn: acc.finish(), commits: 0 };
    const since = options.sinceDays > 0 ? [`--since=@${Math.floor(options.now / 1000) - options.sinceDays * 86_400}`] : [];
    const every = options.progressEvery ?? 1000;
    const args = [
        '-c',
        'core.quotePath=false',
        'log',
        '--no-renames',
        '--name-only',
        '-z',
        `--format=${CHURN_FORMAT}`,
        `--max-count=${options.maxCommits}`,
        ...since,
        '--end-of-options',
        head,
        '--',
    ];
    for await (const token of git.stream(args, '\0')) {
        const before = acc.commits;
        acc.add(token);
        if (options.onProgress && acc.commits !== before && acc.commits % every === 0)
            options.onProgress(acc.commits);
    }
    return { churn: acc.finish(), commits: acc.commits };
}
/** Blobs at `head` (default HEAD) with their sizes (`ls-tree -r --long -z`); submodules and symlinks are skipped. */
async function trackedFiles(git, head) {
    const at = head ?? (await git.tryResolve('HEAD'));
    if (!at)
        return [];
    const out = [];
    for (const entry of await git.fields(['ls-tree', '-r', '--long', '-z', '--end-of-options', at])) {
        const m = /^(\d+) blob [0-9a-f]+ +(\d+)\t([\s\S]*)$/.exec(entry);
        if (m && m[1] !== '120000')
            out.push({ path: m[3], bytes: Number(m[2]) });
    }
    return out;
}
/** Files larger than this are not read for complexity (generated or data files, not code). */
const MAX_READ_BYTES = 1024 * 1024;
/**
 * Complexity of the working-tree files a harvester can use (`wanted`), joined with their churn.
 * Reading is the slow part on big trees, so files no harvester could report are not read.
 */
async function fileFacts(root, files, churn, wanted = () => true) {
    const facts = files.map((f) => {
        const c = churn.get(f.path);
        return { ...f, ...(c ? { churn: c } : {}) };
    });
    await mapLimit(facts, 16, async (f) => {
        if (f.bytes > MAX_READ_BYTES || !wanted(f))
            return;
        const buf = await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.join)(root, f.path)).catch(() => undefined);
        const text = buf && decodeText(buf);
        if (text !== undefined)
            f.complexity = estimateComplexity(text);
    });
    return facts;
}
/** The signals a clone alone can give: markers, history churn, file facts. No network. */
async function harvestLocal(git, settings, options) {
    const keep = pathFilter(settings.exclude);
    // Resolved once, so the log and the file list describe the commit the harvest reports.
    const head = await git.tryResolve('HEAD');
    const sha = head ?? '0'.repeat(40);
    const [hits, history, tracked] = await Promise.all([
        grepMarkers(git, settings.markers, keep),
        walkHistory(git, {
            sinceDays: settings.history_days,
            maxCommits: settings.max_commits,
            now: options.now,
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
            ...(head ? { head } : {}),
        }),
        trackedFiles(git, head),
    ]);
    const [blame, files] = await Promise.all([
        blameTimes(git, hits, settings.blame_max_files),
        fileFacts(git.cwd, tracked.filter((f) => keep(f.path)), history.churn, 
        // Hotspots and test gaps need churn; a large file has at least one byte per line.
        (f) => isCodeFile(f.path) &&
            ((f.churn?.commits ?? 0) >= Math.min(settings.hotspot_min_commits, settings.test_gap_min_commits) || f.bytes > settings.large_file_lines)),
    ]);
    const notes = {};
    if (blame.skipped)
        notes['debt-markers'] = blame.skipped;
    // A depth-1 checkout has one commit of history: churn-based signals would be silently empty.
    if (history.commits > 0 && (await git.isShallow()))
        notes.hotspots = notes['test-gaps'] = 'shallow clone: churn covers only the fetched commits (check out with fetch-depth: 0)';
    return { sha, markers: { hits, authorTimes: blame.times }, files, commits: history.commits, notes };
}
async function mapLimit(items, limit, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

;// CONCATENATED MODULE: ./packages/core/src/discover/ci-health.ts

const COUNTED = new Set(['success', 'failure', 'timed_out']);
/** Failure and flakiness per workflow over completed runs (cancelled and skipped runs say nothing). */
function workflowHealth(runs) {
    const byPath = new Map();
    for (const r of runs)
        if (r.status === 'completed' && COUNTED.has(r.conclusion ?? ''))
            byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
    return [...byPath.entries()]
        .map(([path, list]) => {
        const sorted = [...list].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
        const failures = sorted.filter((r) => r.conclusion !== 'success').length;
        const outcomes = new Map();
        for (const r of sorted)
            outcomes.set(r.head_sha, (outcomes.get(r.head_sha) ?? new Set()).add(r.conclusion === 'success'));
        const mixed = [...outcomes.values()].filter((s) => s.size === 2).length;
        const passedOnRerun = sorted.filter((r) => r.conclusion === 'success' && r.run_attempt > 1).length;
        return {
            name: sorted[0]?.name ?? path,
            path,
            runs: sorted.length,
            failures,
            failureRate: failures / sorted.length,
            flaky: mixed + passedOnRerun,
            commits: outcomes.size,
            lastFailed: sorted[sorted.length - 1]?.conclusion !== 'success',
        };
    })
        .sort((a, b) => (a.path < b.path ? -1 : 1));
}
const MIN_RUNS = 3;
const ci_health_DAY = 86_400_000;
/** Failing workflows, flaky workflows, and closed-loop failure issues still open. */
function ciHealthCandidates(runs, issues, threshold, overrideLabels, now) {
    const out = [];
    for (const w of workflowHealth(runs)) {
        if (w.runs < MIN_RUNS)
            continue;
        const pct = Math.round(w.failureRate * 100);
        if (w.failureRate >= threshold) {
            out.push({
                kind: 'ci-health',
                rule: 'failing-workflow',
                path: w.path,
                text: w.path,
                title: `Workflow ${w.name} fails ${pct}% of runs`,
                evidence: { workflow: w.name, runs: w.runs, failures: w.failures, failureRate: round1(w.failureRate * 100) / 100, lastFailed: w.lastFailed },
                inputs: {
                    businessValue: 6,
                    timeCriticality: w.lastFailed ? 8 : 4,
                    riskReduction: clamp(Math.round(9 * w.failureRate) + 1, 1, 10),
                    jobSize: 3,
                    impact: 7,
                    confidence: clamp(3 + Math.floor(w.runs / 5), 1, 10),
                    ease: 5,
                    debtMinutes: 30,
                    security: 'none',
                },
                rationale: `${w.failures} of ${w.runs} completed runs failed (${pct}%, threshold ${Math.round(threshold * 100)}%)${w.lastFailed ? '; the latest run failed' : ''}`,
            });
        }
        if (w.flaky > 0) {
            const rate = w.flaky / w.commits;
            out.push({
                kind: 'ci-health',
                rule: 'flaky-workflow',
                path: w.path,
                text: w.path,
                title: `Workflow ${w.name} is flaky (${w.flaky} flaky outcome${w.flaky > 1 ? 's' : ''})`,
                evidence: { workflow: w.name, flaky: w.flaky, commits: w.commits, runs: w.runs },
                inputs: {
                    businessValue: 5,
                    timeCriticality: 5,
                    riskReduction: clamp(Math.round(27 * rate) + 1, 1, 10),
                    jobSize: 5,
                    impact: 6,
                    confidence: 5,
                    ease: 4,
                    debtMinutes: 60,
                    security: 'none',
                },
                rationale: `${w.flaky} flaky outcome(s) over ${w.commits} commits: the same commit both failed and passed, or passed only on a re-run`,
            });
        }
    }
    const overridden = new Set(overrideLabels.map((l) => l.toLowerCase()));
    for (const i of issues) {
        if (i.state !== 'open' || i.labels.some((l) => overridden.has(l.toLowerCase())))
            continue;
        const ageDays = Math.max(0, Math.floor((now - Date.parse(i.created_at)) / ci_health_DAY));
        out.push({
            kind: 'ci-health',
            rule: 'open-failure-issue',
            text: `#${i.number}`,
            title: `Open failure issue #${i.number}: ${i.title}`,
            evidence: { issue: i.number, ageDays },
            inputs: {
                businessValue: 5,
                timeCriticality: ageDays > 7 ? 7 : 5,
                riskReduction: 5,
                jobSize: 3,
                impact: 6,
                confidence: 7,
                ease: 5,
                debtMinutes: 30,
                security: 'none',
            },
            rationale: `closed-loop failure issue open for ${ageDays} day${ageDays === 1 ? '' : 's'}`,
            ...(i.html_url ? { url: i.html_url } : {}),
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/core/src/discover/files.ts


const files_DAY = 86_400;
function recency(lastTime, now) {
    if (lastTime === undefined)
        return 1;
    const days = (now / 1000 - lastTime) / files_DAY;
    return days <= 30 ? 5 : days <= 90 ? 3 : 1;
}
function sizePoints(lines) {
    if (lines <= 200)
        return { jobSize: 3, ease: 6 };
    if (lines <= 500)
        return { jobSize: 5, ease: 4 };
    if (lines <= 1000)
        return { jobSize: 8, ease: 3 };
    return { jobSize: 13, ease: 2 };
}
/** Most hotspots reported: below the top few, churn × complexity stops telling files apart. */
const MAX_HOTSPOTS = 50;
/** CodeScene-style hotspots: churn × complexity, ranked against the worst file in this repository. */
function hotspotCandidates(files, settings, now) {
    const scored = files
        .filter((f) => f.complexity && f.churn && f.churn.commits >= settings.hotspot_min_commits && isSourceFile(f.path) && f.complexity.score > 0)
        .map((f) => ({ f, hotspot: f.churn.commits * f.complexity.score }))
        .sort((a, b) => b.hotspot - a.hotspot || (a.f.path < b.f.path ? -1 : 1))
        .slice(0, MAX_HOTSPOTS);
    const worst = scored[0]?.hotspot ?? 1;
    return scored.map(({ f, hotspot }) => {
        const churn = f.churn;
        const c = f.complexity;
        const risk = clamp(Math.round((9 * hotspot) / worst) + 1, 1, 10);
        const { jobSize, ease } = sizePoints(c.code);
        const debtMinutes = Math.max(0, c.score - 20) * 2;
        return {
            kind: 'hotspot',
            rule: 'churn-x-complexity',
            path: f.path,
            text: f.path,
            title: `Hotspot: ${f.path} (${churn.commits} commits × complexity ${c.score})`,
            evidence: { commits: churn.commits, complexity: c.score, branches: c.branches, indentation: c.indentation, lines: c.code, hotspot },
            inputs: {
                businessValue: 5,
                timeCriticality: recency(churn.lastTime, now),
                riskReduction: risk,
                jobSize,
                impact: risk,
                confidence: 5,
                ease,
                debtMinutes,
                security: 'none',
            },
            rationale: `${churn.commits} commits × complexity ${c.score} = ${hotspot} (${Math.round((100 * hotspot) / worst)}% of the worst hotspot), ${c.code} lines of code`,
        };
    });
}
/** At most this share of a file's commits may touch a test for it to count as untested churn. */
const TEST_GAP_MAX_SHARE = 0.1;
/** Source files that change often while tests rarely change with them, and no test is named after them. */
function testGapCandidates(files, settings, now) {
    const tested = new Set(files.filter((f) => isTestFile(f.path)).map((f) => stem(f.path)));
    return files
        .filter((f) => f.churn &&
        f.churn.commits >= settings.test_gap_min_commits &&
        f.churn.withTests <= f.churn.commits * TEST_GAP_MAX_SHARE &&
        isSourceFile(f.path) &&
        !tested.has(stem(f.path)))
        .map((f) => {
        const churn = f.churn;
        const lines = f.complexity?.code ?? 0;
        const risk = clamp(Math.round((2 * churn.commits) / settings.test_gap_min_commits), 1, 10);
        return {
            kind: 'test-gap',
            rule: 'untested-churn',
            path: f.path,
            text: f.path,
            title: `Test gap: ${f.path} changed in ${churn.commits} commits, ${churn.withTests === 0 ? 'none' : churn.withTests} touching a test`,
            evidence: { commits: churn.commits, commitsWithTests: churn.withTests, lines },
            inputs: {
                businessValue: 4,
                timeCriticality: recency(churn.lastTime, now),
                riskReduction: risk,
                jobSize: 3,
                impact: 5,
                confidence: 6,
                ease: 6,
                debtMinutes: 30 + Math.round(lines / 10),
                security: 'none',
            },
            rationale: `${churn.commits} commits in the window, ${churn.withTests} with a test file (at most ${TEST_GAP_MAX_SHARE * 100}% allowed), and no test named after ${stem(f.path)}`,
        };
    });
}
/** Code files (tests included) over the line limit; data and docs are long for good reasons. */
function largeFileCandidates(files, settings) {
    return files
        .filter((f) => f.complexity && f.complexity.lines > settings.large_file_lines && isCodeFile(f.path))
        .map((f) => {
        const lines = f.complexity.lines;
        const churned = (f.churn?.commits ?? 0) >= settings.hotspot_min_commits;
        return {
            kind: 'large-file',
            rule: 'large-file',
            path: f.path,
            text: f.path,
            title: `Large file: ${f.path} (${lines} lines)`,
            evidence: { lines, bytes: f.bytes, commits: f.churn?.commits ?? 0 },
            inputs: {
                businessValue: 2,
                timeCriticality: 1,
                riskReduction: churned ? 5 : 3,
                jobSize: 8,
                impact: 3,
                confidence: 5,
                ease: 3,
                debtMinutes: Math.round(((lines - settings.large_file_lines) / 100) * 15),
                security: 'none',
            },
            rationale: `${lines} lines (limit ${settings.large_file_lines})${churned ? `, and changed in ${f.churn?.commits} commits` : ''}`,
        };
    });
}

;// CONCATENATED MODULE: ./packages/core/src/discover/loop-health.ts

const loop_health_MINUTE = 60_000;
function mean(values) {
    return { value: values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null, n: values.length };
}
function rate(hits, n) {
    return { value: n ? Math.round((hits / n) * 1000) / 1000 : null, n };
}
const time = (iso) => (iso ? Date.parse(iso) : NaN);
function loopHealth(runs, issues, overrideLabels) {
    const completed = runs.filter((r) => r.status === 'completed' && (r.conclusion === 'success' || r.conclusion === 'failure' || r.conclusion === 'timed_out'));
    const failed = completed.filter((r) => r.conclusion !== 'success');
    const detect = failed.map((r) => (time(r.updated_at) - time(r.run_started_at ?? r.created_at)) / loop_health_MINUTE).filter((m) => Number.isFinite(m) && m >= 0);
    const recover = [];
    const streams = new Map();
    for (const r of completed) {
        const key = `${r.path}\0${r.head_branch ?? ''}`;
        streams.set(key, [...(streams.get(key) ?? []), r]);
    }
    for (const list of streams.values()) {
        let brokeAt;
        for (const r of [...list].sort((a, b) => time(a.created_at) - time(b.created_at) || a.id - b.id)) {
            if (r.conclusion !== 'success')
                brokeAt ??= time(r.updated_at);
            else if (brokeAt !== undefined) {
                recover.push(Math.max(0, time(r.updated_at) - brokeAt) / loop_health_MINUTE);
                brokeAt = undefined;
            }
        }
    }
    const reruns = completed.filter((r) => r.run_attempt > 1);
    const overridden = new Set(overrideLabels.map((l) => l.toLowerCase()));
    const closed = issues.filter((i) => i.state === 'closed');
    const wrong = issues.filter((i) => i.labels.some((l) => overridden.has(l.toLowerCase())) || (i.state === 'closed' && i.state_reason === 'not_planned' && !i.closedByUs));
    return {
        mttdMinutes: mean(detect),
        mttrMinutes: mean(recover),
        rerunSuccessRate: rate(reruns.filter((r) => r.conclusion === 'success').length, reruns.length),
        autoFixRate: rate(closed.filter((i) => i.closedByUs && i.state_reason !== 'not_planned').length, closed.length),
        falsePositiveRate: rate(wrong.length, issues.length),
    };
}

;// CONCATENATED MODULE: ./packages/core/src/discover/model.ts


const VALUE_METRICS_SCHEMA_ID = 'urn:closed-loop:schema:value-metrics:1';
const VALUE_METRICS_VERSION = 1;
function buildMetrics(input) {
    return {
        $schema: VALUE_METRICS_SCHEMA_ID,
        schemaVersion: VALUE_METRICS_VERSION,
        generatedAt: new Date(input.now).toISOString(),
        repository: { sha: input.sha, ...(input.repository ? { name: input.repository } : {}) },
        weights: input.weights,
        signals: input.signals,
        items: scoreCandidates(input.candidates, input.weights),
        resolved: input.resolved ?? [],
        loopHealth: input.loopHealth ?? null,
    };
}
const model_num = { type: 'number' };
const metric = {
    type: 'object',
    required: ['value', 'n'],
    properties: { value: { type: ['number', 'null'] }, n: { type: 'integer', minimum: 0 } },
};
const severity = { enum: ['critical', 'high', 'moderate', 'low', 'info', 'none'] };
/** JSON Schema (2020-12) of value-metrics.json version 1. */
const VALUE_METRICS_SCHEMA = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: VALUE_METRICS_SCHEMA_ID,
    title: 'closed-loop value-discovery metrics',
    type: 'object',
    required: ['$schema', 'schemaVersion', 'generatedAt', 'repository', 'weights', 'signals', 'items', 'resolved', 'loopHealth'],
    properties: {
        $schema: { const: VALUE_METRICS_SCHEMA_ID },
        schemaVersion: { const: VALUE_METRICS_VERSION, description: 'Bumped on any incompatible change.' },
        generatedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T' },
        repository: { type: 'object', required: ['sha'], properties: { sha: { type: 'string' }, name: { type: 'string' } } },
        weights: {
            type: 'object',
            required: ['wsjf', 'ice', 'technical_debt', 'security'],
            properties: { wsjf: model_num, ice: model_num, technical_debt: model_num, security: model_num },
        },
        signals: {
            type: 'array',
            items: {
                type: 'object',
                required: ['signal', 'status'],
                properties: { signal: { type: 'string' }, status: { enum: ['ok', 'skipped'] }, note: { type: 'string' } },
            },
        },
        items: {
            type: 'array',
            items: {
                type: 'object',
                required: ['id', 'kind', 'rule', 'text', 'title', 'evidence', 'inputs', 'scores', 'explanation'],
                properties: {
                    id: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'Hash of kind, path, rule and normalised text: stable across runs and line moves.' },
                    kind: { enum: ITEM_KINDS },
                    rule: { type: 'string' },
                    path: { type: 'string' },
                    line: { type: 'integer', minimum: 1 },
                    text: { type: 'string' },
                    title: { type: 'string' },
                    url: { type: 'string' },
                    evidence: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
                    inputs: {
                        type: 'object',
                        required: ['businessValue', 'timeCriticality', 'riskReduction', 'jobSize', 'impact', 'confidence', 'ease', 'debtMinutes', 'security'],
                        properties: {
                            businessValue: model_num,
                            timeCriticality: model_num,
                            riskReduction: model_num,
                            jobSize: model_num,
                            impact: model_num,
                            confidence: model_num,
                            ease: model_num,
                            debtMinutes: model_num,
                            security: severity,
                        },
                    },
                    rationale: { type: 'string' },
                    scores: {
                        type: 'object',
                        required: ['wsjf', 'ice', 'technicalDebtMinutes', 'security', 'composite'],
                        properties: { wsjf: model_num, ice: model_num, technicalDebtMinutes: model_num, security: model_num, composite: { type: 'number', minimum: 0, maximum: 100 } },
                    },
                    explanation: { type: 'string' },
                },
            },
        },
        resolved: {
            type: 'array',
            items: {
                type: 'object',
                required: ['id', 'title', 'resolvedOn'],
                properties: { id: { type: 'string' }, title: { type: 'string' }, resolvedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
            },
        },
        loopHealth: {
            oneOf: [
                { type: 'null' },
                {
                    type: 'object',
                    required: ['mttdMinutes', 'mttrMinutes', 'rerunSuccessRate', 'autoFixRate', 'falsePositiveRate'],
                    properties: { mttdMinutes: metric, mttrMinutes: metric, rerunSuccessRate: metric, autoFixRate: metric, falsePositiveRate: metric },
                },
            ],
        },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/discover/engine.ts






/** Harvest in, ranked and explained backlog out. */
function discover(harvest, settings, now) {
    const candidates = [];
    const signals = [];
    const add = (signal, available, make) => {
        if (available) {
            candidates.push(...make());
            const note = harvest.notes?.[signal];
            signals.push({ signal, status: 'ok', ...(note ? { note } : {}) });
        }
        else
            signals.push({ signal, status: 'skipped', note: harvest.skipped?.[signal] ?? 'no data' });
    };
    const { markers, files, dependencies, ci } = harvest;
    add('debt-markers', !!markers, () => markerCandidates(markers?.hits ?? [], markers?.authorTimes ?? new Map(), now));
    add('hotspots', !!files, () => hotspotCandidates(files ?? [], settings, now));
    add('test-gaps', !!files, () => testGapCandidates(files ?? [], settings, now));
    add('large-files', !!files, () => largeFileCandidates(files ?? [], settings));
    add('dependencies', !!dependencies, () => dependencyCandidates(dependencies?.vulnerabilities ?? [], dependencies?.outdated ?? [], dependencies?.manifest));
    add('ci-health', !!ci, () => ciHealthCandidates(ci?.runs ?? [], ci?.issues ?? [], settings.failure_rate_threshold, settings.override_labels, now));
    signals.push(ci
        ? { signal: 'loop-health', status: 'ok' }
        : { signal: 'loop-health', status: 'skipped', note: harvest.skipped?.['loop-health'] ?? harvest.skipped?.['ci-health'] ?? 'no data' });
    return buildMetrics({
        candidates,
        weights: settings.scoring_weights,
        sha: harvest.sha,
        ...(harvest.repository ? { repository: harvest.repository } : {}),
        now,
        signals,
        loopHealth: ci ? loopHealth(ci.runs, ci.issues, settings.override_labels) : null,
    });
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/discover.ts





const OFFLINE = 'offline: the CLI does not call the GitHub API (the value-discovery action does)';
function readJson(io, flag, path) {
    return readUserText(io, path, `--${flag}`);
}
function render(metrics, top, seconds, commits, files) {
    const shown = metrics.items.slice(0, top);
    const width = Math.max(4, ...shown.map((i) => i.kind.length));
    const lines = [
        `${metrics.items.length} work item${metrics.items.length === 1 ? '' : 's'} from ${commits} commits and ${files} files in ${seconds.toFixed(1)} s${shown.length < metrics.items.length ? ` (top ${shown.length} shown)` : ''}.`,
        ...metrics.signals.filter((s) => s.note).map((s) => `note: ${s.signal}${s.status === 'skipped' ? ' skipped' : ''}: ${s.note}`),
        '',
        ` score  ${'kind'.padEnd(width)}  item`,
        ...shown.map((i) => `${i.scores.composite.toFixed(1).padStart(6)}  ${i.kind.padEnd(width)}  ${i.title}${i.path && !i.title.includes(i.path) ? `  (${i.line ? `${i.path}:${i.line}` : i.path})` : ''}`),
    ];
    return `${lines.join('\n')}\n`;
}
const discoverCommand = {
    name: 'discover',
    summary: 'rank the work a local clone asks for: debt markers, hotspots, test gaps, large files, dependencies.',
    usage: '[--repo DIR] [--json] [--top N] [--npm-audit FILE] [--npm-outdated FILE]',
    options: {
        repo: { type: 'string', valueName: 'DIR', description: 'Repository to look at (default: the current directory).' },
        json: { type: 'boolean', description: 'Print value-metrics.json (all items, scores and explanations) instead of the table.' },
        top: { type: 'string', valueName: 'N', description: 'How many items the table shows (default 25).' },
        'npm-audit': { type: 'string', valueName: 'FILE', description: 'Output of `npm audit --json` to include vulnerable dependencies.' },
        'npm-outdated': { type: 'string', valueName: 'FILE', description: 'Output of `npm outdated --json` to include outdated dependencies.' },
    },
    details: `Works offline on any clone: CI health and loop health need the GitHub API and are skipped with a note. Settings come from the value_discovery section of ${CONFIG_PATH} in the repository. Long history walks report progress on stderr.`,
    async run({ values }, io) {
        const repo = typeof values.repo === 'string' ? ((0,external_node_path_namespaceObject.isAbsolute)(values.repo) ? values.repo : (0,external_node_path_namespaceObject.join)(io.cwd, values.repo)) : io.cwd;
        const top = typeof values.top === 'string' ? Number(values.top) : 25;
        if (!Number.isInteger(top) || top < 1)
            throw new ConfigurationError(`--top must be a whole number of at least 1, got "${String(values.top)}".`);
        const git = new Git(repo);
        const root = await git.text(['rev-parse', '--show-toplevel']).catch(() => {
            throw new ConfigurationError(`${repo} is not inside a git repository; pass --repo with the path of a clone.`);
        });
        const configFile = (0,external_node_path_namespaceObject.join)(root, CONFIG_PATH);
        const settings = discoverSettings(loadConfig((0,external_node_fs_namespaceObject.existsSync)(configFile) ? (0,external_node_fs_namespaceObject.readFileSync)(configFile, 'utf8') : undefined, CONFIG_PATH));
        checkWeights(settings.scoring_weights);
        const audit = typeof values['npm-audit'] === 'string' ? parseNpmAudit(await readJson(io, 'npm-audit', values['npm-audit']), values['npm-audit']) : undefined;
        const outdated = typeof values['npm-outdated'] === 'string'
            ? parseNpmOutdated(await readJson(io, 'npm-outdated', values['npm-outdated']), values['npm-outdated'])
            : undefined;
        const started = Date.now();
        const local = await harvestLocal(new Git(root), settings, {
            now: started,
            onProgress: (n) => {
                io.stderr(`closed-loop discover: ${n} commits read…\n`);
            },
        });
        const harvest = {
            ...local,
            skipped: { 'ci-health': OFFLINE, 'loop-health': OFFLINE, dependencies: 'pass --npm-audit / --npm-outdated with npm’s JSON output' },
            ...(audit || outdated ? { dependencies: { vulnerabilities: audit ?? [], outdated: outdated ?? [] } } : {}),
        };
        const metrics = discover(harvest, settings, started);
        io.stdout(values.json ? `${JSON.stringify(metrics, null, 2)}\n` : render(metrics, top, (Date.now() - started) / 1000, local.commits, local.files?.length ?? 0));
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/core/src/review-hash/payload.ts

const PAYLOAD_HEADER = 'review-hash/v1\n';
const SNAPSHOT_HEADER = 'review-hash/v1-snapshot\n';
/** The object format follows from the length of any full object id: 40 hex for SHA-1, 64 for SHA-256. */
function objectFormatOf(oid) {
    if (/^[0-9a-f]{40}$/.test(oid))
        return 'sha1';
    if (/^[0-9a-f]{64}$/.test(oid))
        return 'sha256';
    throw new Error(`not a full object id: ${JSON.stringify(oid)}`);
}
const COLON = 0x3a;
const TAB = 0x09;
/**
 * Parses `git diff-tree -r -z --raw --no-renames` output: `:<om> <nm> <oo> <no> <st>\0<path>\0` per record.
 * Works on bytes so paths that are not valid UTF-8 hash exactly as git stored them.
 */
function parseRawDiff(out) {
    const records = [];
    let pos = 0;
    while (pos < out.length) {
        const headerEnd = out.indexOf(0, pos);
        const pathEnd = headerEnd < 0 ? -1 : out.indexOf(0, headerEnd + 1);
        if (out[pos] !== COLON || pathEnd < 0)
            throw new Error(`unexpected diff-tree output at byte ${pos}`);
        const fields = out.toString('latin1', pos + 1, headerEnd).split(' ');
        if (fields.length !== 5)
            throw new Error(`unexpected diff-tree record at byte ${pos}: ${fields.join(' ')}`);
        const [oldMode, newMode, oldOid, newOid, status] = fields;
        records.push({ oldMode, newMode, oldOid, newOid, status, path: out.subarray(headerEnd + 1, pathEnd) });
        pos = pathEnd + 1;
    }
    return records;
}
/** The exact bytes that are hashed: header, object format, then records sorted by path bytes. */
function reviewHashPayload(format, records) {
    const sorted = [...records].sort((a, b) => Buffer.compare(a.path, b.path));
    const parts = [Buffer.from(`${PAYLOAD_HEADER}object-format ${format}\n`)];
    for (const r of sorted) {
        parts.push(Buffer.from(`${r.oldMode} ${r.newMode} ${r.oldOid} ${r.newOid} ${r.status}\t`, 'latin1'), r.path, Buffer.of(0));
    }
    return Buffer.concat(parts);
}
function sha256Hex(data) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(data).digest('hex');
}
/** Review-Hash of the changes (scope `changes`). */
function reviewHash(format, records) {
    return sha256Hex(reviewHashPayload(format, records));
}
/**
 * Review-Hash straight from raw `-z` output, for large changes: each payload record is the raw record
 * with its leading `:` dropped and the NUL after the status turned into a tab, so when git's output is
 * already in path-byte order (tree order almost always is) the payload is built with block copies.
 * Falls back to parsing and sorting otherwise; both give the same bytes.
 */
function reviewHashOfRaw(format, out, exclude = []) {
    const payload = Buffer.allocUnsafe(out.length);
    let size = 0;
    let previous;
    for (let pos = 0; pos < out.length;) {
        const headerEnd = out.indexOf(0, pos);
        const pathEnd = headerEnd < 0 ? -1 : out.indexOf(0, headerEnd + 1);
        if (out[pos] !== COLON || pathEnd < 0)
            throw new Error(`unexpected diff-tree output at byte ${pos}`);
        const path = out.subarray(headerEnd + 1, pathEnd);
        if (previous && Buffer.compare(previous, path) >= 0)
            return reviewHash(format, parseRawDiff(out).filter((r) => !exclude.some((p) => p.equals(r.path))));
        previous = path;
        if (!exclude.some((p) => p.equals(path))) {
            size += out.copy(payload, size, pos + 1, headerEnd);
            payload[size++] = TAB;
            size += out.copy(payload, size, headerEnd + 1, pathEnd + 1);
        }
        pos = pathEnd + 1;
    }
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${PAYLOAD_HEADER}object-format ${format}\n`).update(payload.subarray(0, size)).digest('hex');
}
/** Review-Hash of the whole tree (scope `snapshot`): any change anywhere, including the base, changes it. */
function snapshotHash(treeId) {
    return sha256Hex(SNAPSHOT_HEADER + treeId);
}
/** Paths as text for messages; git's bytes are shown as UTF-8 with replacement characters where invalid. */
function pathText(record) {
    return record.path.toString('utf8');
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/trailers.ts
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const COMMENT = '#';
const isBlank = (line) => /^[ \t\n\r\f\v]*$/.test(line);
const startsWithSpace = (line) => /^[ \t\n\r\f\v]/.test(line);
/** Position of the `:` ending a `token:` prefix (token = alphanumerics and `-`, then optional blanks), else -1. */
function findSeparator(line) {
    let whitespaceFound = false;
    for (let i = 0; i < line.length; i++) {
        const c = line.charAt(i);
        if (c === ':')
            return i;
        if (!whitespaceFound && /[A-Za-z0-9-]/.test(c))
            continue;
        if (i !== 0 && (c === ' ' || c === '\t')) {
            whitespaceFound = true;
            continue;
        }
        break;
    }
    return -1;
}
/** Lines with their terminating newline kept, as git walks them. */
function trailers_splitLines(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
/** Number of lines at the end that git ignores: the trailing run of comment and empty lines. */
function ignoredTail(lines) {
    let start = -1;
    let inConflicts = false;
    lines.forEach((line, i) => {
        if (line.startsWith(COMMENT) || line === '\n') {
            if (start < 0)
                start = i;
        }
        else if (line === 'Conflicts:\n') {
            inConflicts = true;
            if (start < 0)
                start = i;
        }
        else if (inConflicts && line.startsWith('\t')) {
            // a path in an old-style conflicts block
        }
        else {
            start = -1;
            inConflicts = false;
        }
    });
    return start < 0 ? 0 : lines.length - start;
}
/** Index of the first line of the trailer block within `lines`, or lines.length when there is none. */
function trailerBlockStart(lines) {
    let endOfTitle = 0;
    for (const line of lines) {
        if (!line.startsWith(COMMENT) && isBlank(line))
            break;
        endOfTitle++;
    }
    let onlySpaces = true;
    let recognizedPrefix = false;
    let trailerLines = 0;
    let nonTrailerLines = 0;
    let possibleContinuationLines = 0;
    for (let i = lines.length - 1; i >= endOfTitle; i--) {
        const line = lines[i] ?? '';
        if (line.startsWith(COMMENT)) {
            nonTrailerLines += possibleContinuationLines;
            possibleContinuationLines = 0;
            continue;
        }
        if (isBlank(line)) {
            if (onlySpaces)
                continue;
            nonTrailerLines += possibleContinuationLines;
            if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines)
                return i + 1;
            if (trailerLines && !nonTrailerLines)
                return i + 1;
            return lines.length;
        }
        onlySpaces = false;
        if (GIT_GENERATED_PREFIXES.some((p) => line.startsWith(p))) {
            trailerLines++;
            possibleContinuationLines = 0;
            recognizedPrefix = true;
            continue;
        }
        if (findSeparator(line) >= 1 && !startsWithSpace(line)) {
            trailerLines++;
            possibleContinuationLines = 0;
        }
        else if (startsWithSpace(line)) {
            possibleContinuationLines++;
        }
        else {
            nonTrailerLines += 1 + possibleContinuationLines;
            possibleContinuationLines = 0;
        }
    }
    return lines.length;
}
/** Newline plus the indentation after it becomes one space, as git's unfold_value does. */
function unfold(value) {
    return value.replace(/\n[ \t\n\r\f\v]*/g, ' ').trim();
}
/** The trailers of a commit message, in order, with keys as written. */
function parseTrailers(message) {
    const all = trailers_splitLines(message);
    const lines = all.slice(0, all.length - ignoredTail(all));
    const block = lines.slice(trailerBlockStart(lines));
    const items = [];
    let lastIsTrailer = false;
    for (const line of block) {
        if (line.startsWith(COMMENT))
            continue;
        if (lastIsTrailer && startsWithSpace(line)) {
            items.push(`${items.pop() ?? ''}${line}`);
            continue;
        }
        items.push(line);
        lastIsTrailer = findSeparator(line) >= 1;
    }
    const trailers = [];
    for (const item of items) {
        const sep = findSeparator(item);
        if (sep < 1)
            continue;
        trailers.push({ key: item.slice(0, sep).trim(), value: unfold(item.slice(sep + 1)) });
    }
    return trailers;
}
/** Every value of one trailer key (case-insensitive), in message order. */
function trailerValues(trailers, key) {
    const k = key.toLowerCase();
    return trailers.filter((t) => t.key.toLowerCase() === k).map((t) => t.value);
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/record.ts

const TRAILER = { hash: 'Review-Hash', id: 'Review-Id', signature: 'Review-Signature' };
/**
 * Orders commits newest first by topology (children before parents), so the result does not depend on
 * author dates. Ties (parallel branches inside the PR) keep the later position in `commits`, which is
 * oldest first as both the compare API and `git log --reverse --topo-order` give them.
 */
function newestFirst(commits) {
    const bySha = new Map(commits.map((c, i) => [c.sha, { commit: c, position: i, children: 0 }]));
    for (const c of commits)
        for (const p of c.parents) {
            const parent = bySha.get(p);
            if (parent)
                parent.children++;
        }
    const ready = [...bySha.values()].filter((n) => n.children === 0);
    const out = [];
    for (let next = takeLatest(ready); next; next = takeLatest(ready)) {
        out.push(next.commit);
        for (const p of next.commit.parents) {
            const parent = bySha.get(p);
            if (parent && --parent.children === 0)
                ready.push(parent);
        }
    }
    return out;
}
function takeLatest(ready) {
    ready.sort((a, b) => a.position - b.position);
    return ready.pop();
}
/** Merge commits are skipped: their message is written by whoever merges, not by the reviewed change. */
function findReviewRecord(commits) {
    for (const commit of newestFirst(commits)) {
        if (commit.parents.length > 1)
            continue;
        const trailers = parseTrailers(commit.message);
        const hashes = trailerValues(trailers, TRAILER.hash);
        if (!hashes.length)
            continue;
        return { commit: commit.sha, hashes, ids: trailerValues(trailers, TRAILER.id), signatures: trailerValues(trailers, TRAILER.signature) };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/placeholders.ts
/**
 * Values that look filled in but prove nothing: left-over template text, dummy words, repeated
 * characters, and the SHA-256 of nothing. Checked for both Review-Hash and Review-Id values.
 */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const PLACEHOLDER_WORDS = ['test', 'fake', 'todo', 'tbd', 'n/a', 'none', 'null', 'placeholder', 'example', 'xxx'];
const TEMPLATE_SYNTAX = [
    [/<[^<>]*>/, 'template syntax <…>'],
    [/\$\{[^}]*\}/, 'template syntax ${…}'],
    [/\{\{[^}]*\}\}/, 'template syntax {{…}}'],
];
/** Why a value is a placeholder, or undefined when it is not one. */
function placeholderKind(raw) {
    const value = raw.trim();
    if (value === '')
        return 'empty';
    if (PLACEHOLDER_WORDS.includes(value.toLowerCase()))
        return `the word "${value.toLowerCase()}"`;
    for (const [pattern, kind] of TEMPLATE_SYNTAX)
        if (pattern.test(value))
            return kind;
    if (value.toLowerCase() === EMPTY_SHA256)
        return 'the SHA-256 of the empty string';
    if (value.length > 1 && new RegExp(`^(?:${escapeRegExp(value.charAt(0))})+$`, 'i').test(value))
        return 'one repeated character';
    return undefined;
}
/** Default Review-Id shape: a UUID, a ULID, or at least 16 hex characters. */
const DEFAULT_REVIEW_ID_PATTERN = '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}|[0-9a-fA-F]{16,})$';
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/proof.ts

/** What Review-Signature signs: repository, Review-Hash and Review-Id, one per line. */
function signatureMessage(repository, reviewHash, reviewId) {
    return `${repository}\n${reviewHash}\n${reviewId}`;
}
function reviewSignature(key, repository, reviewHash, reviewId) {
    return (0,external_node_crypto_namespaceObject.createHmac)('sha256', key)
        .update(signatureMessage(repository, reviewHash, reviewId))
        .digest('hex');
}
/** Constant-time comparison, so the check cannot be used as an oracle for the signature byte by byte. */
function signatureMatches(expected, given) {
    const a = Buffer.from(expected, 'utf8');
    const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
    return a.length === b.length && (0,external_node_crypto_namespaceObject.timingSafeEqual)(a, b);
}
const APPROVING_STATUSES = ['approved'];
const proof_asText = (v) => (typeof v === 'string' ? v : v === undefined ? 'nothing' : JSON.stringify(v));
/**
 * Finds the audit-log verdict for a Review-Id: the LAST entry for that id wins (a later "changes_requested"
 * revokes an earlier approval). Returns a problem description, or undefined when the log proves the review.
 */
function auditLogProblem(text, path, reviewId, reviewHash) {
    let last;
    for (const [i, raw] of text.split('\n').entries()) {
        const line = raw.trim();
        if (!line)
            continue;
        let entry;
        try {
            entry = JSON.parse(line);
        }
        catch {
            return `${path}:${i + 1} is not valid JSON`;
        }
        if (typeof entry === 'object' && entry !== null && entry.review_id === reviewId)
            last = entry;
    }
    if (!last)
        return `${path} has no entry with review_id ${JSON.stringify(reviewId)}`;
    if (proof_asText(last.review_hash).toLowerCase() !== reviewHash)
        return `${path}: the entry for ${reviewId} records review_hash ${proof_asText(last.review_hash)}, not ${reviewHash}`;
    if (!APPROVING_STATUSES.includes(proof_asText(last.status).toLowerCase()))
        return `${path}: the entry for ${reviewId} has status "${proof_asText(last.status)}", not "approved"`;
    return undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/check.ts


const HEX64 = /^[0-9a-fA-F]{64}$/;
function distinct(values) {
    return [...new Set(values.map((v) => v.trim()))];
}
/** The decision, in a fixed order: record present, well-formed, equal to head, then the optional proofs. */
function checkReview(input) {
    const { record, fingerprint, policy } = input;
    const base = { reviewHash: fingerprint, reviewedCommit: record?.commit };
    const fail = (status, detail, extra = {}) => ({ ...base, status, detail, ...extra });
    if (!record)
        return fail('missing', 'no non-merge commit in this pull request carries a Review-Hash trailer');
    const hashes = distinct(record.hashes);
    if (hashes.length > 1)
        return fail('conflicting', `commit ${record.commit} carries ${hashes.length} different Review-Hash values: ${hashes.join(', ')}`);
    const recorded = hashes[0] ?? '';
    const hashPlaceholder = placeholderKind(recorded);
    if (hashPlaceholder)
        return fail('placeholder', `the Review-Hash on ${record.commit} is a placeholder (${hashPlaceholder})`, { recordedHash: recorded });
    if (!HEX64.test(recorded))
        return fail('malformed', `the Review-Hash on ${record.commit} is not 64 hex characters: ${JSON.stringify(recorded.slice(0, 80))}`, {
            recordedHash: recorded,
        });
    const recordedHash = recorded.toLowerCase();
    if (recordedHash !== fingerprint)
        return fail('mismatch', `the reviewed code (Review-Hash ${recordedHash} on ${record.commit}) differs from the code being merged (${fingerprint})`, {
            recordedHash,
        });
    const ids = distinct(record.ids);
    if (ids.length > 1)
        return fail('conflicting', `commit ${record.commit} carries ${ids.length} different Review-Id values`, { recordedHash });
    const reviewId = policy.reviewId === 'off' ? undefined : ids[0];
    const withId = { recordedHash, reviewId };
    if (policy.reviewId === 'required' && reviewId === undefined)
        return fail('review-id', `commit ${record.commit} has no Review-Id trailer, and review-id is required`, withId);
    if (reviewId !== undefined) {
        const idPlaceholder = placeholderKind(reviewId);
        if (idPlaceholder)
            return fail('placeholder', `the Review-Id on ${record.commit} is a placeholder (${idPlaceholder})`, withId);
        if (!new RegExp(policy.reviewIdPattern).test(reviewId))
            return fail('review-id', `the Review-Id ${JSON.stringify(reviewId)} does not match ${policy.reviewIdPattern}`, withId);
    }
    if (policy.auditLog) {
        if (reviewId === undefined)
            return fail('audit-log', `an audit log is configured (${policy.auditLog}) but commit ${record.commit} has no Review-Id to look up`, withId);
        if (input.auditLogText === undefined)
            return fail('audit-log', `the audit log ${policy.auditLog} does not exist at head`, withId);
        const problem = auditLogProblem(input.auditLogText, policy.auditLog, reviewId, recordedHash);
        if (problem)
            return fail('audit-log', problem, withId);
    }
    if (policy.signingKey) {
        const signatures = distinct(record.signatures);
        if (!signatures.length)
            return fail('signature', `commit ${record.commit} has no Review-Signature trailer, and a signing key is configured`, withId);
        const expected = reviewSignature(policy.signingKey, policy.repository, recordedHash, reviewId ?? '');
        if (signatures.length > 1 || !signatureMatches(expected, signatures[0] ?? ''))
            return fail('signature', `the Review-Signature on ${record.commit} does not verify for ${policy.repository}`, withId);
    }
    return { ...base, ...withId, status: 'pass', detail: '' };
}
/** Failures found before a record can even be judged (history the check cannot trust). */
function earlyFailure(status, reviewHash, detail) {
    return { status, reviewHash, detail };
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/policy.ts


function resolvePolicy(section, overrides, repository, source = 'review-id-pattern') {
    const reviewIdPattern = overrides.reviewIdPattern || section?.review_id_pattern || DEFAULT_REVIEW_ID_PATTERN;
    try {
        new RegExp(reviewIdPattern);
    }
    catch (error) {
        throw new ConfigurationError(`${source} is not a valid regular expression (${error.message}); fix the pattern or leave it empty for the default.`);
    }
    const scope = overrides.scope ?? section?.scope ?? 'changes';
    const auditLog = overrides.auditLog || section?.audit_log || undefined;
    if (scope === 'snapshot' && auditLog)
        throw new ConfigurationError('audit-log cannot be combined with scope snapshot (the log records the hash of a tree that contains it); use scope changes.');
    return {
        scope,
        reviewId: overrides.reviewId ?? section?.review_id ?? 'optional',
        reviewIdPattern,
        auditLog,
        signingKey: overrides.signingKey || undefined,
        repository,
    };
}

;// CONCATENATED MODULE: ./packages/core/src/git/review-hash.ts



/**
 * Git plumbing for Review-Hash v1. Every call pins the options that config could otherwise change
 * (`diff.renames`, `diff.ignoreSubmodules`, `core.abbrev`, `color.*`, `log.showSignature`), so a hostile
 * or unusual local config cannot change the hash.
 */
const DIFF_TREE = ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-abbrev', '--ignore-submodules=none', '--no-color', '--no-ext-diff', '--no-textconv'];
/** Tree id of `rev`; the word `index` writes the index as a tree (what the next commit will hold). */
async function reviewTree(git, rev) {
    return rev === 'index' ? git.text(['write-tree']) : git.resolve(rev, 'tree');
}
/** The one merge-base of base and head; undefined when there are several (criss-cross) or none. */
async function uniqueMergeBase(git, base, head) {
    const bases = await git.mergeBases(base, head);
    const [only] = bases;
    return only !== undefined && bases.length === 1 ? { mergeBase: only, count: 1 } : { count: bases.length };
}
/**
 * Review-Hash v1 of `tree` against `mergeBase` (scope changes), or of `tree` alone (scope snapshot).
 * `exclude` drops records by exact path: the audit log records the hash, so it cannot be part of it.
 */
async function fingerprint(git, mergeBase, tree, scope = 'changes', exclude = []) {
    if (scope === 'snapshot')
        return snapshotHash(tree);
    // diff-tree peels a commit to its tree itself, saving a rev-parse on the hot path.
    const { stdout } = await git.run([...DIFF_TREE, '--end-of-options', assertRev(mergeBase), tree]);
    return reviewHashOfRaw(objectFormatOf(tree), stdout, exclude.map((p) => Buffer.from(p.replace(/^\.?\//, ''))));
}
/** The fingerprint a policy asks for (its scope, its audit log left out). */
async function policyFingerprint(git, mergeBase, tree, policy) {
    return fingerprint(git, mergeBase, tree, policy.scope, policy.auditLog ? [policy.auditLog] : []);
}
/** Paths whose content differs between two revisions (for the mismatch message). */
async function changedPaths(git, from, to) {
    const { stdout } = await git.run([...DIFF_TREE, '--end-of-options', await git.resolve(from, 'tree'), await git.resolve(to, 'tree')]);
    return parseRawDiff(stdout).map((r) => r.path.toString('utf8'));
}
/** A file's text at a revision, or undefined when the path does not exist there (an unknown revision throws). */
async function readFileAt(git, rev, path) {
    return git.readFile(await git.resolve(rev), path);
}
/**
 * Makes sure the given commits (and their trees) are present, fetching only the missing ones at depth 1
 * from `remote`: enough for the default `fetch-depth: 1` checkout, without pulling the history.
 */
async function ensureCommits(git, shas, remote = 'origin') {
    const missing = [];
    for (const sha of new Set(shas))
        if (!(await git.tryResolve(sha)))
            missing.push(sha);
    if (missing.length) {
        // Depth 1 keeps a shallow clone minimal; a full clone stays full (a depth would make it shallow).
        const depth = (await git.isShallow()) ? ['--depth=1'] : [];
        await git.run([
            '-c',
            'protocol.version=2',
            'fetch',
            '--no-tags',
            '--no-recurse-submodules',
            '--no-write-fetch-head',
            ...depth,
            '--end-of-options',
            remote,
            ...missing,
        ]);
        for (const sha of missing)
            if (!(await git.tryResolve(sha)))
                throw new GitError(['fetch', remote, sha], null, `commit ${sha} is still missing after fetching it from ${remote}`);
    }
    return missing;
}
/** Commits in `mergeBase..head`, oldest first, with their raw messages: the local equivalent of the compare API. */
async function commitsSince(git, mergeBase, head) {
    const args = [
        'log',
        '--no-show-signature',
        '--no-color',
        '--reverse',
        '--topo-order',
        '-z',
        '--format=%H %P%n%B',
        '--end-of-options',
        await git.resolve(head),
        `^${await git.resolve(mergeBase)}`,
    ];
    return (await git.fields(args)).map((record) => {
        const newline = record.indexOf('\n');
        const [sha = '', ...parents] = record.slice(0, newline).split(' ').filter(Boolean);
        return { sha, parents, message: record.slice(newline + 1) };
    });
}
/** The whole check against local objects: the action (after its minimal fetch) and `verify` share it. */
async function checkReviewAt(git, request) {
    const { mergeBase, head, commits, policy } = request;
    const record = findReviewRecord(commits);
    const hash = await policyFingerprint(git, mergeBase, await reviewTree(git, head), policy);
    const auditLogText = policy.auditLog ? await readFileAt(git, head, policy.auditLog) : undefined;
    const result = checkReview({ record, fingerprint: hash, policy, auditLogText });
    if (result.status === 'mismatch' && record)
        result.changedSinceReview = await changedPaths(git, record.commit, head);
    return result;
}
/** Policy from `.github/closed-loop.yml` as it is at `rev` (the merge-base: a PR cannot relax its own check). */
async function loadReviewPolicy(git, rev, configPath, overrides, repository) {
    const text = await readFileAt(git, rev, configPath);
    const config = loadConfig(text, configPath);
    return resolvePolicy(config.review_hash, overrides, repository);
}
/** The base to compare against when none is given: the remote's default branch, else a local main/master. */
async function defaultBase(git) {
    const originHead = await git.run(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], { okExitCodes: [1, 128] });
    const candidates = [originHead.exitCode === 0 ? originHead.stdout.toString('utf8').trim() : '', 'origin/main', 'origin/master', 'main', 'master'];
    for (const candidate of candidates)
        if (candidate && (await git.tryResolve(candidate)))
            return candidate;
    return undefined;
}
/**
 * Records trailers on HEAD without touching its tree or the index: a new commit object with the same
 * tree (`commit-tree`), then HEAD moves to it. `amend` keeps the parents and the author of HEAD;
 * otherwise the new commit is an empty child of HEAD.
 */
async function recordOnHead(git, message, mode) {
    const head = await git.resolve('HEAD');
    const tree = await git.resolve('HEAD', 'tree');
    const old = await git.commitMessage(head);
    let parents = [head];
    let env = {};
    if (mode === 'amend') {
        const [meta = ''] = await git.fields([
            'log',
            '-1',
            '--no-show-signature',
            '-z',
            '--format=%P%x01%an%x01%ae%x01%ad',
            '--date=raw',
            '--end-of-options',
            head,
        ]);
        const [parentList = '', name = '', email = '', date = ''] = meta.split('\x01');
        parents = parentList.split(' ').filter(Boolean);
        env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date };
    }
    const created = await git.text(['commit-tree', ...parents.flatMap((p) => ['-p', p]), '-F', '-', '--end-of-options', tree], {
        input: message(mode === 'amend' ? old : ''),
        env,
    });
    await git.run(['update-ref', '-m', `closed-loop review-hash stamp (${mode})`, 'HEAD', created, head]);
    return created;
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/hooks.ts





/** Marks a hook file as ours, so install is idempotent and uninstall never deletes someone else's hook. */
const HOOK_MARKER = '# closed-loop managed hook';
const CHAINED_SUFFIX = '.closed-loop-chained';
/** What each hook runs after the hook it replaced (which keeps working: it is moved aside and called first). */
const HOOKS = {
    'pre-commit': 'scan --staged',
    'commit-msg': 'hooks commit-msg "$1"',
};
function hookScript(name) {
    return `#!/bin/sh
${HOOK_MARKER} (${name}). Remove with: npx closed-loop hooks uninstall
chained="$(dirname "$0")/${name}${CHAINED_SUFFIX}"
if [ -x "$chained" ]; then
  "$chained" "$@" || exit $?
fi
top="$(git rev-parse --show-toplevel)"
if [ -x "$top/node_modules/.bin/closed-loop" ]; then
  exec "$top/node_modules/.bin/closed-loop" ${HOOKS[name]}
fi
exec npx --no-install closed-loop ${HOOKS[name]}
`;
}
/** The hooks directory git uses here: honours core.hooksPath and worktrees. */
async function hooksDir(io) {
    const dir = await new Git(io.cwd).text(['rev-parse', '--git-path', 'hooks']).catch(() => undefined);
    if (dir === undefined)
        throw new ConfigurationError(`${io.cwd} is not inside a git repository; run closed-loop hooks from your clone.`);
    return (0,external_node_path_namespaceObject.resolve)(io.cwd, dir);
}
async function isOurs(path) {
    return (0,external_node_fs_namespaceObject.existsSync)(path) && (await (0,promises_namespaceObject.readFile)(path, 'utf8')).includes(HOOK_MARKER);
}
const install = {
    name: 'install',
    summary: 'install the pre-commit (secret scan) and commit-msg (review warning) hooks, keeping existing hooks.',
    run: async (_args, io) => {
        const dir = await hooksDir(io);
        await (0,promises_namespaceObject.mkdir)(dir, { recursive: true });
        for (const name of Object.keys(HOOKS)) {
            const path = (0,external_node_path_namespaceObject.join)(dir, name);
            if ((0,external_node_fs_namespaceObject.existsSync)(path) && !(await isOurs(path))) {
                if ((0,external_node_fs_namespaceObject.existsSync)(path + CHAINED_SUFFIX))
                    throw new ConfigurationError(`${path}${CHAINED_SUFFIX} already exists; move one of the two hooks away, then install again.`);
                await (0,promises_namespaceObject.rename)(path, path + CHAINED_SUFFIX);
                io.stdout(`Kept your ${name} hook: it now runs first, from ${path}${CHAINED_SUFFIX}.\n`);
            }
            await (0,promises_namespaceObject.writeFile)(path, hookScript(name));
            await (0,promises_namespaceObject.chmod)(path, 0o755);
        }
        io.stdout(`Installed pre-commit and commit-msg hooks in ${dir}.\n`);
        return EXIT.ok;
    },
};
const uninstall = {
    name: 'uninstall',
    summary: 'remove the closed-loop hooks and put back the hooks they chained to.',
    run: async (_args, io) => {
        const dir = await hooksDir(io);
        for (const name of Object.keys(HOOKS)) {
            const path = (0,external_node_path_namespaceObject.join)(dir, name);
            if (!(await isOurs(path)))
                continue;
            await (0,promises_namespaceObject.rm)(path);
            if ((0,external_node_fs_namespaceObject.existsSync)(path + CHAINED_SUFFIX))
                await (0,promises_namespaceObject.rename)(path + CHAINED_SUFFIX, path);
        }
        io.stdout(`Removed the closed-loop hooks from ${dir}.\n`);
        return EXIT.ok;
    },
};
/** Run by the commit-msg hook: warns (never blocks) when the staged tree no longer matches the last review. */
const commitMsg = {
    name: 'commit-msg',
    summary: '(run by the hook) warn when this commit changes code that was already reviewed.',
    usage: 'MESSAGE-FILE',
    positionals: true,
    run: async (args, io) => {
        try {
            const git = new Git(io.cwd);
            const base = await defaultBase(git);
            if (!base || !(await git.tryResolve('HEAD')))
                return EXIT.ok;
            const { mergeBase } = await uniqueMergeBase(git, base, 'HEAD');
            if (!mergeBase)
                return EXIT.ok;
            const record = findReviewRecord(await commitsSince(git, mergeBase, 'HEAD'));
            const message = args.positionals[0] ? await (0,promises_namespaceObject.readFile)((0,external_node_path_namespaceObject.resolve)(io.cwd, args.positionals[0]), 'utf8') : '';
            if (!record || trailerValues(parseTrailers(message), TRAILER.hash).length)
                return EXIT.ok;
            const policy = await loadReviewPolicy(git, mergeBase, CONFIG_PATH, {}, '');
            const staged = await policyFingerprint(git, mergeBase, await reviewTree(git, 'index'), policy);
            if (record.hashes.some((h) => h.trim().toLowerCase() === staged))
                return EXIT.ok;
            io.stderr(`closed-loop: warning: this commit changes code that was reviewed in ${record.commit.slice(0, 12)}. ` +
                `The review gate will report "mismatch" until the change is reviewed and recorded again:\n` +
                `  npx closed-loop review-hash stamp --base ${base} --review-id <REVIEW-ID> --new-commit\n`);
        }
        catch (error) {
            io.stderr(`closed-loop: review check skipped: ${errorMessage(error)}\n`);
        }
        return EXIT.ok;
    },
};
const hooksCommand = {
    name: 'hooks',
    summary: 'install or remove the git hooks (pre-commit secret scan, commit-msg review warning).',
    subcommands: [install, uninstall, commitMsg],
};

;// CONCATENATED MODULE: ./packages/core/src/recover/outcome.ts
/**
 * What recover decided and did; notify shows it and the audit trail records it.
 */
const outcome_RECOVER_SCHEMA = 'closed-loop/recover@1';

;// CONCATENATED MODULE: ./packages/core/src/notify/input.ts



/** A parsed JSON value checked to be a verdict before notify writes anything from it. */
function asVerdict(value, where) {
    const v = value;
    if (v?.schema !== VERDICT_SCHEMA || typeof v.run !== 'object' || typeof v.signature !== 'string' || !Array.isArray(v.jobs)) {
        throw new ConfigurationError(`${where} is not a ${VERDICT_SCHEMA} result; pass the \`result\` output (or file) of failure-classify.`);
    }
    return v;
}
function asRecoverOutcome(value, where) {
    const o = value;
    if (o?.schema !== outcome_RECOVER_SCHEMA || typeof o.action !== 'string')
        throw new ConfigurationError(`${where} is not a ${outcome_RECOVER_SCHEMA} outcome; pass the \`outcome\` output of recover.`);
    return o;
}

;// CONCATENATED MODULE: ./packages/core/src/notify/settings.ts


const settings_CHANNELS = ['issue', 'comment', 'status', 'summary', 'chat'];
const DEFAULT_NOTIFY_SETTINGS = {
    statusContext: 'closed-loop',
    routing: {
        critical: ['issue', 'status', 'summary', 'chat'],
        high: ['comment', 'status', 'summary'],
        medium: ['status', 'summary'],
        low: ['status'],
    },
    labels: { base: 'closed-loop', byCategory: true, bySeverity: true },
    escalation: { mentions: [], assignees: [] },
    recentRuns: 10,
    chatTimeoutSeconds: 10,
};
/** Reads `config.notify` (validated by the schema); anything missing keeps its default. */
function notifySettings(section) {
    const s = (section ?? {});
    const d = DEFAULT_NOTIFY_SETTINGS;
    return {
        statusContext: s.status_context ?? d.statusContext,
        routing: Object.fromEntries(SEVERITIES.map((sev) => [sev, [...new Set(s.routing?.[sev] ?? d.routing[sev])]])),
        labels: {
            base: s.labels?.base ?? d.labels.base,
            byCategory: s.labels?.by_category ?? d.labels.byCategory,
            bySeverity: s.labels?.by_severity ?? d.labels.bySeverity,
        },
        escalation: { mentions: s.escalation?.mentions ?? [], assignees: s.escalation?.assignees ?? [] },
        recentRuns: s.recent_runs ?? d.recentRuns,
        chatTimeoutSeconds: s.chat_timeout_seconds ?? d.chatTimeoutSeconds,
    };
}
/**
 * Where a failure of this severity goes. The sticky PR comment needs a pull request: without one the
 * failure is tracked in an issue instead, so it is never silently dropped.
 */
function channelsFor(severity, settings, hasPull) {
    const wanted = settings.routing[severity];
    const out = wanted.flatMap((c) => (c === 'comment' && !hasPull ? ['issue'] : [c]));
    return settings_CHANNELS.filter((c) => out.includes(c));
}
function parseSeverity(value, what) {
    if (SEVERITIES.includes(value))
        return value;
    throw new ConfigurationError(`${what} must be one of ${SEVERITIES.join(', ')}; got "${value}".`);
}
function severityRank(s) {
    return SEVERITIES.length - SEVERITIES.indexOf(s);
}

;// CONCATENATED MODULE: ./packages/core/src/render/markers.ts
/**
 * Hidden markers identify what we wrote (a sticky comment, an issue per failure signature) so we can
 * find it again and update it in place. Match them only in bodies written by our own bot login:
 * anyone can paste a marker into their own comment.
 */
const PREFIX = 'closed-loop';
function marker(kind, key) {
    if (!/^[a-z][a-z0-9-]*$/.test(kind))
        throw new Error(`marker kind must be kebab-case: ${kind}`);
    if (/\s|--|>/.test(key))
        throw new Error(`marker key must not contain whitespace, "--" or ">": ${key}`);
    return `<!-- ${PREFIX}:${kind} ${key} -->`;
}
function hasMarker(body, kind, key) {
    return !!body && body.includes(marker(kind, key));
}
/** Values of a kind of marker in a body, in order: e.g. to read back state we stored in it. */
function markers_readMarkers(body, kind) {
    if (!body)
        return [];
    const re = new RegExp(`<!-- ${PREFIX}:${kind} (\\S+) -->`, 'g');
    return [...body.matchAll(re)].map((m) => m[1] ?? '');
}

;// CONCATENATED MODULE: ./packages/core/src/render/limits.ts
/** GitHub's documented size limits for what we write. */
const limits_LIMITS = {
    /** Issue, pull request and comment bodies (characters). */
    body: 65_536,
    /** Check run `output.summary` / `output.text` (characters). */
    checkOutput: 65_535,
    /** $GITHUB_STEP_SUMMARY per step (bytes). */
    jobSummaryBytes: 1024 * 1024,
    /** Commit status `description` (characters). */
    statusDescription: 140,
};

;// CONCATENATED MODULE: ./packages/core/src/render/truncate.ts

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/**
 * Cuts text to fit a limit and says so visibly, instead of letting GitHub reject the write.
 * Never splits a surrogate pair, and closes a code fence the cut left open so the note renders.
 */
function truncate(text, limit, measure = (s) => s.length) {
    if (measure(text) <= limit)
        return text;
    const note = (omitted) => `\n\n> [!NOTE]\n> Truncated by closed-loop: ${omitted} characters omitted to fit GitHub's limit.\n`;
    // Reserve room for the note and a closing fence; then shrink until it fits under the real measure.
    let keep = Math.max(0, Math.min(text.length, limit) - note(text.length).length - 16);
    for (;;) {
        let head = text.slice(0, keep);
        if (/[\uD800-\uDBFF]$/.test(head))
            head = head.slice(0, -1);
        const open = openFence(head);
        const candidate = head + (open ? `\n${open}` : '') + note(text.length - head.length);
        if (measure(candidate) <= limit || keep === 0)
            return candidate;
        keep = Math.max(0, keep - Math.max(16, Math.ceil((measure(candidate) - limit) * 1.1)));
    }
}
/** One-line text cut to `max` characters with an ellipsis (no room for a note), never splitting a surrogate pair. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    let head = text.slice(0, Math.max(0, max - 1));
    if (/[\uD800-\uDBFF]$/.test(head))
        head = head.slice(0, -1);
    return `${head}…`;
}
function truncateBody(text) {
    return truncate(text, LIMITS.body);
}
function truncateCheckOutput(text) {
    return truncate(text, LIMITS.checkOutput);
}
function capJobSummary(text) {
    return truncate(text, limits_LIMITS.jobSummaryBytes, (s) => Buffer.byteLength(s, 'utf8'));
}
function openFence(markdown) {
    let open;
    for (const line of markdown.split('\n')) {
        const m = FENCE.exec(line);
        if (!m?.[1])
            continue;
        const fence = m[1];
        if (open === undefined)
            open = fence;
        else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence)
            open = undefined;
    }
    return open;
}

;// CONCATENATED MODULE: ./packages/core/src/render/escape.ts
/**
 * Escaping for text we did not write (log lines, commit messages, branch names, PR titles) before it
 * goes into Markdown that GitHub renders: it must not ping people, inject HTML, or forge our markers.
 */
const ZWSP = '\u200B';
/** `@user` and `@org/team` stop being mentions when a zero-width space follows the `@`. */
function neutraliseMentions(text) {
    return text.replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`);
}
/** Breaks `<!--` so untrusted text can never look like one of our hidden markers. */
function neutraliseMarkers(text) {
    return text.replace(/<!--/g, `<!-${ZWSP}-`).replace(/-->/g, `-${ZWSP}->`);
}
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** For untrusted text in running Markdown (a table cell, a list item): HTML, mentions, markers, layout. */
function escape_escapeInline(text) {
    const flat = text.replace(/\r?\n/g, ' ');
    return neutraliseMentions(escapeHtml(flat))
        .replace(/([\\`*_[\]|])/g, '\\$1')
        .replace(/^([#>+-])/, '\\$1');
}
/**
 * Untrusted text shown verbatim: a fenced block longer than any backtick run inside it, so the text
 * cannot close it. Mentions and HTML do not render in code; markers are still broken, because our
 * marker search reads the raw body.
 */
function codeBlock(text, language = '') {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${neutraliseMarkers(text)}\n${fence}`;
}
/** Inline code span that survives backticks in the text. */
function inlineCode(text) {
    const flat = neutraliseMarkers(text.replace(/\r?\n/g, ' '));
    const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
    return `${ticks}${pad}${flat}${pad}${ticks}`;
}

;// CONCATENATED MODULE: ./packages/core/src/notify/ledger.ts



function isStateChange(change) {
    return change === 'first-failure' || change === 'regression' || change === 'escalation';
}
const LEDGER = 'notify-ledger';
const SCOPE = 'notify-scope';
/** Workflow + branch a run belongs to, hashed: branch names are untrusted and may hold "--". */
function scopeKey(run) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(`${run.workflowPath || run.workflowName}\0${run.headBranch ?? ''}`)
        .digest('hex')
        .slice(0, 16);
}
function scopeMarker(key) {
    return marker(SCOPE, key);
}
function ledger_ledgerMarkers(ledger) {
    return [...ledger.failing.map(scopeMarker), marker(LEDGER, Buffer.from(JSON.stringify(ledger), 'utf8').toString('base64'))].join('\n');
}
/** The ledger stored in a body we wrote; undefined when absent or unreadable (then we start afresh). */
function readLedger(body) {
    const encoded = readMarkers(body, LEDGER).at(-1);
    if (!encoded)
        return undefined;
    try {
        const value = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
        return value?.v === 1 && Array.isArray(value.runs) && Array.isArray(value.failing) ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Adds a failed run to the ledger. The same run again (a re-run of notify, or another attempt of the
 * run) changes nothing, so it writes nothing. `closed`: the issue was closed without our resolution.
 */
function recordFailure(prev, verdict, now, recentRuns, closed = false) {
    const at = new Date(now).toISOString();
    const run = {
        id: verdict.run.id,
        attempt: verdict.run.attempt,
        at,
        sha: verdict.run.headSha,
        branch: verdict.run.headBranch,
        url: verdict.run.htmlUrl,
        severity: verdict.severity,
    };
    const scope = scopeKey(verdict.run);
    if (!prev) {
        const ledger = {
            v: 1,
            signature: verdict.signature,
            firstSeen: at,
            since: at,
            lastSeen: at,
            count: 1,
            severity: verdict.severity,
            failing: [scope],
            runs: [run],
        };
        return { ledger, change: 'first-failure' };
    }
    if (prev.runs.some((r) => r.id === run.id))
        return { ledger: prev, change: 'same-run' };
    const reopened = closed || prev.resolved !== undefined;
    const escalated = !reopened && severityRank(verdict.severity) > severityRank(prev.severity);
    const ledger = {
        ...prev,
        since: reopened ? at : prev.since,
        lastSeen: at,
        count: prev.count + 1,
        severity: reopened || escalated ? verdict.severity : prev.severity,
        failing: reopened ? [scope] : [...new Set([...prev.failing, scope])],
        runs: [run, ...prev.runs].slice(0, recentRuns),
    };
    delete ledger.resolved;
    return { ledger, change: reopened ? 'regression' : escalated ? 'escalation' : 'repeat' };
}
/**
 * A green run of a failing scope. `resolved` is set (with time to recovery) when no scope is left
 * failing; `changed` is false when this scope was not failing (nothing to write).
 */
function recordResolution(prev, run, now) {
    const scope = scopeKey(run);
    if (!prev.failing.includes(scope) || prev.resolved)
        return { ledger: prev, changed: false, resolved: prev.resolved !== undefined };
    const failing = prev.failing.filter((s) => s !== scope);
    const ledger = { ...prev, failing };
    if (failing.length === 0)
        ledger.resolved = { at: new Date(now).toISOString(), run: run.id, url: run.htmlUrl, ttrMs: Math.max(0, now - Date.parse(prev.since)) };
    return { ledger, changed: true, resolved: failing.length === 0 };
}
/** "2h 5m", "3d 4h", "45s": time to recovery for people, not machines. */
function ledger_formatDuration(ms) {
    const s = Math.round(ms / 1000);
    const d = Math.floor(s / 86_400);
    const h = Math.floor((s % 86_400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    if (d)
        return `${d}d ${h}h`;
    if (h)
        return `${h}h ${m}m`;
    if (m)
        return `${m}m`;
    return `${s}s`;
}

;// CONCATENATED MODULE: ./packages/core/src/notify/parts.ts



/** Shared pieces of every channel's text. Inputs are already redacted (see sanitise.ts), never escaped. */
const ICON = { critical: '🔴', high: '🟠', medium: '🟡', low: '⚪' };
function severityIcon(severity) {
    return ICON[severity] ?? '⚪';
}
/** Untrusted text for plain-text channels (titles, statuses, chat): one line, no pings, no markers. */
function parts_plain(text, max = Infinity) {
    const flat = neutraliseMarkers(neutraliseMentions(text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/\s{2,}/g, ' ')
        .trim()));
    return cut(flat, max);
}
/** Only http(s) links, with the characters that would end a Markdown link encoded. */
function safeUrl(url) {
    if (!url || !/^https?:\/\/[^\s]+$/i.test(url))
        return undefined;
    return url.replace(/[()<>"'`|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
function parts_link(label, url) {
    const safe = safeUrl(url);
    return safe ? `[${escape_escapeInline(label)}](${safe})` : escape_escapeInline(label);
}
function percent(confidence) {
    return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}
function categoryLabel(category, subcategory) {
    return subcategory && subcategory !== category ? `${category}/${subcategory}` : category;
}
/** The failed job a verdict is mostly about: the one carrying its signature, else the first. */
function mainJob(verdict) {
    return verdict.jobs.find((j) => j.signature === verdict.signature) ?? verdict.jobs[0];
}
/** Stable across occurrences of a signature (no timestamps, no ids), so updates do not retitle. */
function issueTitle(verdict) {
    const job = mainJob(verdict);
    const where = [verdict.run.workflowName, job?.jobName, job?.stepName ?? verdict.evidence.step].filter(Boolean).join(' › ');
    return parts_plain(`${categoryLabel(verdict.category, verdict.subcategory)} failure in ${where}`, 240);
}
/** Evidence as a fenced block: the fence outlasts backticks inside, markers and mentions are broken. */
function evidenceBlock(lines, maxLines = Infinity) {
    const shown = lines.slice(0, maxLines);
    const more = lines.length > shown.length ? `\n… ${lines.length - shown.length} more line(s) in the run log.` : '';
    return codeBlock(neutraliseMentions(shown.join('\n')) || '(no evidence lines)', 'text') + more;
}
/** Untrusted text as an inline code span; mentions are broken too, so nothing we write can ping. */
function parts_code(text) {
    return inlineCode(neutraliseMentions(text));
}
/** One short line of evidence for a table cell. */
function evidenceExcerpt(lines, max = 160) {
    const first = lines.find((l) => l.trim()) ?? '';
    return cut(first.trim(), max);
}
function recoverSentence(outcome) {
    if (!outcome)
        return 'recover did not run.';
    const done = outcome.executed ? 'done' : outcome.mode === 'analysis_only' ? 'proposed (analysis only)' : 'not carried out';
    const delay = outcome.delaySeconds ? `, after ${ledger_formatDuration(outcome.delaySeconds * 1000)}` : '';
    const attempt = outcome.attempt ? `, attempt ${outcome.attempt}${outcome.maxAttempts ? ` of ${outcome.maxAttempts}` : ''}` : '';
    return `${outcome.action} (${outcome.mode}; ${done}${delay}${attempt}; breaker ${outcome.breaker.state}): ${outcome.reason}`;
}
function recoverMarkdown(outcome) {
    const links = (outcome?.links ?? []).map((l) => parts_link(l.label, l.url)).join(' · ');
    return `${escape_escapeInline(recoverSentence(outcome))}${links ? `\n\n${links}` : ''}`;
}

;// CONCATENATED MODULE: ./packages/core/src/notify/chat.ts



const CHANGE_WORD = { 'first-failure': 'New failure', regression: 'Failing again', escalation: 'Escalated' };
function failureMessage(verdict, outcome, change, issueUrl, redact) {
    const job = mainJob(verdict);
    const links = [{ label: `Run #${verdict.run.id}`, url: verdict.run.htmlUrl }, ...(issueUrl ? [{ label: 'Issue', url: issueUrl }] : [])];
    return clean({
        title: `${severityIcon(verdict.severity)} ${CHANGE_WORD[change] ?? 'Failure'}: ${categoryLabel(verdict.category, verdict.subcategory)} in ${verdict.run.workflowName}${job ? ` › ${job.jobName}` : ''}`,
        facts: [
            { name: 'Repository', value: verdict.run.repository },
            { name: 'Branch', value: verdict.run.headBranch ?? '(none)' },
            { name: 'Severity', value: verdict.severity },
            { name: 'Confidence', value: percent(verdict.confidence) },
            { name: 'recover', value: recoverSentence(outcome) },
        ],
        evidence: evidenceExcerpt(verdict.evidence.lines, 500),
        links,
    }, redact);
}
function resolutionMessage(run, title, ttrMs, issueUrl, redact) {
    return clean({
        title: `✅ Resolved: ${title}`,
        facts: [
            { name: 'Repository', value: run.repository },
            { name: 'Branch', value: run.headBranch ?? '(none)' },
            { name: 'Time to recovery', value: formatDuration(ttrMs) },
        ],
        links: [{ label: `Run #${run.id}`, url: run.htmlUrl }, ...(issueUrl ? [{ label: 'Issue', url: issueUrl }] : [])],
    }, redact);
}
function clean(m, redact) {
    const links = m.links.flatMap((l) => {
        const url = safeUrl(l.url);
        return url ? [{ label: parts_plain(l.label, 80), url }] : [];
    });
    return {
        title: parts_plain(redact(m.title), 150),
        facts: m.facts.map((f) => ({ name: parts_plain(f.name, 50), value: parts_plain(redact(f.value), 500) })),
        ...(m.evidence ? { evidence: parts_plain(redact(m.evidence), 500) } : {}),
        links,
    };
}
/** Slack mrkdwn: `&`, `<` and `>` are the only control characters; escaping them stops `<!channel>` and links. */
function slackEscape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Incoming-webhook payload: a text fallback plus Block Kit blocks. */
function slackPayload(m) {
    const facts = m.facts.map((f) => `*${slackEscape(f.name)}:* ${slackEscape(f.value)}`).join('\n');
    const evidence = m.evidence ? `\n\`\`\`${slackEscape(m.evidence.replace(/`/g, "'"))}\`\`\`` : '';
    const links = m.links.map((l) => `<${l.url}|${slackEscape(l.label).replace(/\|/g, '/')}>`).join(' · ');
    return {
        text: slackEscape(m.title),
        blocks: [
            { type: 'header', text: { type: 'plain_text', text: cut(m.title, 150), emoji: true } },
            { type: 'section', text: { type: 'mrkdwn', text: cut(`${facts}${evidence}`, 3000) } },
            ...(links ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: links }] }] : []),
        ],
    };
}
/** Adaptive Cards render a small Markdown subset: escape its syntax and angle brackets (`<at>` mentions). */
function teamsEscape(text) {
    return text
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\*_[\]`#])/g, '\\$1');
}
/** Teams workflow ("When a Teams webhook request is received") payload: a message with one Adaptive Card. */
function teamsPayload(m) {
    return {
        type: 'message',
        attachments: [
            {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: {
                    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                    type: 'AdaptiveCard',
                    version: '1.4',
                    body: [
                        { type: 'TextBlock', text: teamsEscape(m.title), weight: 'Bolder', size: 'Medium', wrap: true },
                        { type: 'FactSet', facts: m.facts.map((f) => ({ title: teamsEscape(f.name), value: teamsEscape(f.value) })) },
                        ...(m.evidence ? [{ type: 'TextBlock', text: teamsEscape(m.evidence), fontType: 'Monospace', wrap: true, isSubtle: true }] : []),
                    ],
                    actions: m.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
                },
            },
        ],
    };
}

;// CONCATENATED MODULE: ./packages/core/src/render/markdown.ts

function raw(markdown) {
    return { raw: markdown };
}
function table(headers, rows) {
    const cell = (c) => (typeof c === 'object' ? c.raw.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') : escape_escapeInline(String(c)));
    return [`| ${headers.map(cell).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
function details(summary, body) {
    return `<details><summary>${escapeInline(summary)}</summary>\n\n${body}\n\n</details>`;
}

;// CONCATENATED MODULE: ./packages/core/src/notify/markdown.ts






/** Room kept for the hidden markers after the visible text, so truncation can never cut them. */
const MARKER_ROOM = 4096;
/**
 * Visible text redacted (again: a last line of defence over everything rendered), capped to GitHub's
 * body limit with a visible note, then our hidden markers, which must survive whole.
 */
function finishBody(visible, redact, hidden = '') {
    const text = truncate(redact(visible).trimEnd(), limits_LIMITS.body - Math.max(MARKER_ROOM, hidden.length + 256));
    return hidden ? `${text}\n\n${hidden}` : text;
}
function headline(v) {
    const job = mainJob(v);
    return `${severityIcon(v.severity)} **${escape_escapeInline(categoryLabel(v.category, v.subcategory))}** failure in ${escape_escapeInline(v.run.workflowName)}${job ? ` › ${escape_escapeInline(job.jobName)}` : ''} — severity **${v.severity}**, confidence ${percent(v.confidence)}${v.transient ? ', likely transient' : ''}${v.flaky ? ', flaky (passed on another attempt)' : ''}`;
}
function facts(v) {
    const branch = v.run.headBranch ? parts_code(v.run.headBranch) : '(no branch)';
    const reason = v.status === 'classified' ? '' : `\n\n> [!WARNING]\n> Not classified (${escape_escapeInline(v.status)}): ${escape_escapeInline(v.reason ?? 'no reason given')}`;
    return `${parts_link(`Run #${v.run.id} (attempt ${v.run.attempt})`, v.run.htmlUrl)} on ${branch} at ${parts_code(v.run.headSha.slice(0, 12))} · ${escape_escapeInline(v.run.event)}${reason}`;
}
function evidenceSection(v) {
    const e = v.evidence;
    const job = mainJob(v);
    const where = [
        job ? `job ${parts_code(job.jobName)}` : '',
        (e.step ?? job?.stepName) ? `step ${parts_code(e.step ?? job?.stepName ?? '')}` : '',
        `log lines ${e.startLine}–${e.endLine}`,
    ]
        .filter(Boolean)
        .join(', ');
    return `### Evidence\n\n${where}\n\n${evidenceBlock(e.lines)}`;
}
function jobsTable(v) {
    if (!v.jobs.length)
        return '_No failed jobs were classified._';
    return table(['Job', 'Step', 'Category', 'Confidence', 'Evidence'], v.jobs.map((j) => [
        raw(parts_link(j.jobName, j.htmlUrl)),
        j.stepName ?? j.evidence.step ?? '',
        categoryLabel(j.category, j.subcategory),
        percent(j.confidence),
        evidenceExcerpt(j.evidence.lines),
    ]));
}
function historyLine(v) {
    const h = v.history;
    if (!h.runs)
        return '';
    return `\n\nLast ${h.windowHours} h: ${h.failures}/${h.runs} runs failed (${percent(h.failureRate)}), ${h.consecutiveFailures} consecutive.`;
}
function recentRuns(ledger) {
    const rows = ledger.runs.map((r) => [raw(parts_link(`#${r.id}`, r.url)), r.attempt, r.branch ?? '', raw(parts_code(r.sha.slice(0, 12))), r.severity, when(r.at)]);
    return `### Recent runs\n\n${table(['Run', 'Attempt', 'Branch', 'Commit', 'Severity', 'Seen'], rows)}`;
}
/** `2026-01-01 12:00:00Z`: readable, and still sorts. */
function when(iso) {
    return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
function seenTable(ledger) {
    return table(['First seen', 'Last seen', 'Occurrences', 'Failing since'], [[when(ledger.firstSeen), when(ledger.lastSeen), ledger.count, when(ledger.since)]]);
}
function mentionLine(mentions) {
    // Mentions come from the repository's own config (validated shape), never from run data.
    return mentions?.length ? `\n\ncc ${mentions.join(' ')}` : '';
}
/** The issue for a failure signature: title, visible body and labels. */
function markdown_renderIssue(ctx, redact, labels) {
    const v = ctx.verdict;
    const visible = [
        `## ${escape_escapeInline(issueTitle(v))}`,
        `${headline(v)}\n\n${facts(v)}${historyLine(v)}`,
        seenTable(ctx.ledger),
        evidenceSection(v),
        `### Failed jobs\n\n${jobsTable(v)}`,
        `### What recover did\n\n${recoverMarkdown(ctx.outcome)}`,
        recentRuns(ctx.ledger),
        `<sub>Signature ${parts_code(v.signature)} · one issue per failure signature, updated in place by closed-loop notify.</sub>${mentionLine(ctx.mentions)}`,
    ].join('\n\n');
    return { title: redact(issueTitle(v)), body: finishBody(visible, redact, ledger_ledgerMarkers(ctx.ledger)), labels };
}
/** The sticky PR comment for a signature family (the family marker is appended by upsertComment). */
function markdown_renderComment(ctx, redact) {
    const v = ctx.verdict;
    const since = ctx.ledger.count > 1 ? `\n\nFailing since ${when(ctx.ledger.since)} (${ctx.ledger.count} runs).` : '';
    const visible = [
        `### ${headline(v)}`,
        `${facts(v)}${since}${ctx.issueUrl ? ` Tracked in ${parts_link('the issue', ctx.issueUrl)}.` : ''}`,
        jobsTable(v),
        `<details><summary>Evidence</summary>\n\n${evidenceBlock(v.evidence.lines, 60)}\n\n</details>`,
        `**recover:** ${recoverMarkdown(ctx.outcome)}`,
        `<sub>closed-loop updates this comment in place and marks it resolved when the workflow passes again.</sub>`,
    ].join('\n\n');
    return finishBody(visible, redact, ledger_ledgerMarkers(ctx.ledger));
}
/** $GITHUB_STEP_SUMMARY: failed jobs, category, confidence, evidence, what recover did, links. */
function renderSummary(ctx, redact, channels) {
    const v = ctx.verdict;
    const links = [parts_link(`Run #${v.run.id}`, v.run.htmlUrl), ctx.issueUrl ? parts_link('Issue', ctx.issueUrl) : ''].filter(Boolean).join(' · ');
    const text = [
        `## closed-loop notify`,
        `${headline(v)}\n\n${facts(v)}${historyLine(v)}`,
        jobsTable(v),
        `### Evidence\n\n${evidenceBlock(v.evidence.lines, 200)}`,
        `### What recover did\n\n${recoverMarkdown(ctx.outcome)}`,
        `**Links:** ${links}\n\n**Channels:** ${channels.map(escape_escapeInline).join(', ') || 'none'}`,
    ].join('\n\n');
    return capJobSummary(redact(text));
}
function resolvedBanner(ledger, workflow, branch) {
    const r = ledger.resolved;
    if (!r)
        return '';
    return `> [!TIP]\n> **Resolved.** ${escapeInline(workflow)} passed again${branch ? ` on ${code(branch)}` : ''} in ${link(`run #${r.run}`, r.url)} at ${when(r.at)}. Time to recovery: **${formatDuration(r.ttrMs)}**.`;
}
/** The issue after a green run: a resolution banner over the last failure's details, with the new ledger. */
function renderResolvedIssue(previousBody, ledger, workflow, branch, redact) {
    const main = visiblePart(previousBody);
    const banner = resolvedBanner(ledger, workflow, branch);
    return finishBody(banner ? `${banner}\n\n${main}` : main, redact, ledgerMarkers(ledger));
}
/** The sticky comment when the PR goes green: the failure details are replaced by one resolved line. */
function renderResolvedComment(ledger, workflow, branch, redact) {
    const banner = resolvedBanner(ledger, workflow, branch) || `> [!TIP]\n> ${escapeInline(workflow)} passed again${branch ? ` on ${code(branch)}` : ''}.`;
    return finishBody(`${banner}\n\n<sub>The earlier failure report was collapsed by closed-loop; see the run history for details.</sub>`, redact, ledgerMarkers(ledger));
}
/** Our visible text without hidden markers or an earlier resolution banner: from our own `## ` heading on. */
function visiblePart(body) {
    const hidden = body.search(/\n*<!-- closed-loop:/);
    const text = hidden >= 0 ? body.slice(0, hidden) : body;
    const heading = text.search(/^## /m);
    return (heading >= 0 ? text.slice(heading) : text).trimEnd();
}

;// CONCATENATED MODULE: ./packages/core/src/notify/sanitise.ts

/**
 * Redacts every string of a verdict and outcome before anything is rendered from them: escaping first
 * would break the token shapes the redactor looks for (`github\_pat\_…`).
 */
function sanitise(verdict, outcome, redact) {
    return { verdict: redactDeep(verdict, redact), outcome: outcome && redactDeep(outcome, redact) };
}

;// CONCATENATED MODULE: ./packages/core/src/notify/status.ts



/** Commit status for a failure: one line, ≤ 140 characters, stable context. */
function renderFailureStatus(verdict, settings, redact) {
    const job = mainJob(verdict);
    const text = `${verdict.severity}: ${categoryLabel(verdict.category, verdict.subcategory)}${job ? ` in ${job.jobName}` : ''}${verdict.transient ? ' (transient)' : ''}`;
    return withUrl({ state: 'failure', context: settings.statusContext, description: parts_plain(redact(text), limits_LIMITS.statusDescription) }, verdict.run.htmlUrl);
}
/** Commit status for a green run; names the time to recovery when it closed a failure. */
function renderSuccessStatus(run, settings, ttrMs, redact) {
    const text = ttrMs === undefined ? `${run.workflowName} passed` : `${run.workflowName} recovered after ${formatDuration(ttrMs)}`;
    return withUrl({ state: 'success', context: settings.statusContext, description: plain(redact(text), LIMITS.statusDescription) }, run.htmlUrl);
}
function withUrl(status, url) {
    const safe = safeUrl(url);
    return safe ? { ...status, target_url: safe } : status;
}

;// CONCATENATED MODULE: ./packages/core/src/notify/plan.ts








/** Identity of the issue for a failure signature (matched together with our bot login). */
function issueMarker(signature) {
    return marker('notify-issue', signature.replace(/[^A-Za-z0-9:._-]/g, '_').replace(/-{2,}/g, '-'));
}
/** One sticky comment per PR and signature family (workflow + category). */
function familyMarker(verdict) {
    const key = (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(`${verdict.run.workflowPath || verdict.run.workflowName}\0${verdict.category}`)
        .digest('hex')
        .slice(0, 16);
    return marker('notify-comment', key);
}
/** The body as the upsert helpers write it (their withMarker; finishBody already left room for the marker). */
function asWritten(body, identity) {
    return `${body}\n\n${identity}`;
}
const MANAGED = /^(category|severity):/;
/** Our labels replace our earlier ones; labels people added stay. */
function issueLabels(verdict, settings, existing = []) {
    const ours = [
        settings.labels.base,
        ...(settings.labels.byCategory ? [`category:${verdict.category}`] : []),
        ...(settings.labels.bySeverity ? [`severity:${verdict.severity}`] : []),
    ];
    const kept = existing.filter((l) => !MANAGED.test(l) && l.toLowerCase() !== settings.labels.base.toLowerCase());
    return [...kept, ...ours];
}
/**
 * What each routed channel would receive for a first occurrence of this verdict: for the CLI's
 * `notify render` and for reviewing routing changes. Nothing here talks to GitHub.
 */
function previewChannels(input) {
    const { verdict, outcome } = sanitise(input.verdict, input.outcome, input.redact);
    const { settings, redact } = input;
    const channels = channelsFor(verdict.severity, settings, verdict.run.pullRequests.length > 0);
    const { ledger, change } = recordFailure(undefined, verdict, input.now, settings.recentRuns);
    const mentions = verdict.severity === 'critical' ? settings.escalation.mentions : [];
    const preview = { channels };
    if (channels.includes('status'))
        preview.status = renderFailureStatus(verdict, settings, redact);
    if (channels.includes('summary'))
        preview.summary = renderSummary({ verdict, outcome }, redact, channels);
    if (channels.includes('comment'))
        preview.comment = asWritten(markdown_renderComment({ verdict, outcome, ledger }, redact), familyMarker(verdict));
    if (channels.includes('issue')) {
        const issue = markdown_renderIssue({ verdict, outcome, ledger, mentions }, redact, issueLabels(verdict, settings));
        preview.issue = { ...issue, body: asWritten(issue.body, issueMarker(verdict.signature)) };
    }
    if (channels.includes('chat')) {
        const message = failureMessage(verdict, outcome, change, undefined, redact);
        preview.slack = slackPayload(message);
        preview.teams = teamsPayload(message);
    }
    return preview;
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/notify.ts



function notify_readJson(io, file, flag) {
    return readUserJson(io, file, `--${flag}`);
}
function readConfigText(io, file) {
    return file ? readUserText(io, file, '--config') : readOptionalText(io, CONFIG_PATH, 'config');
}
function notify_asText(preview) {
    const sections = [`# Channels: ${preview.channels.join(', ') || 'none'}`];
    if (preview.status)
        sections.push(`## Commit status (${preview.status.context})\n\n${preview.status.state}: ${preview.status.description}${preview.status.target_url ? `\n${preview.status.target_url}` : ''}`);
    if (preview.issue)
        sections.push(`## Issue: ${preview.issue.title}\n\nLabels: ${preview.issue.labels.join(', ')}\n\n${preview.issue.body}`);
    if (preview.comment)
        sections.push(`## Sticky PR comment\n\n${preview.comment}`);
    if (preview.summary)
        sections.push(`## Job summary\n\n${preview.summary}`);
    if (preview.slack)
        sections.push(`## Slack payload\n\n${JSON.stringify(preview.slack, null, 2)}`);
    if (preview.teams)
        sections.push(`## Teams payload\n\n${JSON.stringify(preview.teams, null, 2)}`);
    return `${sections.join('\n\n---\n\n')}\n`;
}
const notify_render = {
    name: 'render',
    summary: 'print what each channel would get for a verdict (first occurrence), without touching GitHub.',
    usage: '--verdict FILE [--outcome FILE] [--severity LEVEL] [--config FILE] [--environment NAME] [--json]',
    options: {
        verdict: { type: 'string', valueName: 'FILE', description: 'The failure-classify verdict (JSON file).' },
        outcome: { type: 'string', valueName: 'FILE', description: 'The recover outcome (JSON file), shown as "what recover did".' },
        severity: { type: 'string', valueName: 'LEVEL', description: "Route as this severity instead of the verdict's: critical, high, medium, low." },
        config: { type: 'string', valueName: 'FILE', description: `Configuration file (default ${CONFIG_PATH} when present).` },
        environment: { type: 'string', valueName: 'NAME', description: 'Apply the overrides of environments.NAME.' },
        json: { type: 'boolean', description: 'Print the channels and their content as JSON.' },
    },
    details: 'Text is redacted and escaped exactly as notify writes it.',
    async run({ values }, io) {
        if (typeof values.verdict !== 'string')
            throw new ConfigurationError('notify render needs --verdict FILE (the failure-classify result). See `closed-loop notify render --help`.');
        const verdict = asVerdict(await notify_readJson(io, values.verdict, 'verdict'), `--verdict ${values.verdict}`);
        const outcome = typeof values.outcome === 'string' ? asRecoverOutcome(await notify_readJson(io, values.outcome, 'outcome'), `--outcome ${values.outcome}`) : undefined;
        const severity = typeof values.severity === 'string' ? parseSeverity(values.severity, '--severity') : verdict.severity;
        const configFile = typeof values.config === 'string' ? values.config : undefined;
        const config = resolveEnvironment(loadConfig(await readConfigText(io, configFile), configFile ?? CONFIG_PATH), typeof values.environment === 'string' ? values.environment : undefined);
        const redactor = new Redactor();
        const preview = previewChannels({
            verdict: { ...verdict, severity },
            outcome,
            settings: notifySettings(config.notify),
            now: Date.now(),
            redact: (s) => redactor.redact(s),
        });
        io.stdout(values.json ? `${JSON.stringify(preview, null, 2)}\n` : notify_asText(preview));
        return EXIT.ok;
    },
};
const notifyCommand = {
    name: 'notify',
    summary: 'preview what notify writes to each channel for a verdict.',
    subcommands: [notify_render],
};

;// CONCATENATED MODULE: ./packages/core/src/recover/history.ts
/** API run → breaker record. `isOurs` says whether a login is the identity recover acts as. */
function runRecordFromApi(r, isOurs) {
    const attempt = r.run_attempt ?? 1;
    return {
        id: r.id,
        attempt,
        status: r.status ?? 'unknown',
        conclusion: r.conclusion,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        rerunByUs: attempt > 1 && isOurs(r.triggering_actor),
        ...(r.head_sha ? { headSha: r.head_sha } : {}),
    };
}

;// CONCATENATED MODULE: ./packages/core/src/recover/settings.ts
/** Re-runs of one run never go beyond this, whatever the config or input says (GitHub allows 50). */
const MAX_ATTEMPTS_CEILING = 10;
/** Whether any fixer command is configured: without one, no fix path is worth starting. */
function hasFixers(settings) {
    return Object.values(settings.fixers).some((commands) => commands.length > 0);
}
const settings_obj = (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {});
const DEFAULT_COOLDOWN = {
    infrastructure: 5,
    dependencies: 10,
    testing: 15,
    quality: 30,
    build: 30,
    performance: 30,
    security: 30,
    unknown: 15,
};
/**
 * Reads the (schema-validated, default-filled) `recover:` section. Overrides from action inputs win
 * over the file, except that `force_supervised` can only make things safer.
 */
function recoverSettings(config = {}, overrides = {}) {
    const r = settings_obj(config.recover);
    const b = settings_obj(r.backoff);
    const k = settings_obj(r.breaker);
    const p = settings_obj(r.patch);
    const c = settings_obj(r.comment_trigger);
    const forceSupervised = r.force_supervised === true;
    let mode = overrides.mode ?? r.mode ?? 'automatic';
    if (forceSupervised && mode === 'automatic')
        mode = 'supervised';
    const n = (v, d) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
    return {
        mode,
        forceSupervised,
        maxAttempts: Math.min(MAX_ATTEMPTS_CEILING, Math.max(1, overrides.maxAttempts ?? n(r.max_attempts, 3))),
        backoff: { baseSeconds: n(b.base_seconds, 30), multiplier: n(b.multiplier, 2), maxSeconds: n(b.max_seconds, 1800), jitter: n(b.jitter, 0.1) },
        breaker: {
            consecutiveFailures: n(k.consecutive_failures, 5),
            failureRate: n(k.failure_rate, 0.6),
            minRuns: n(k.min_runs, 5),
            windowHours: n(k.window_hours, 24),
            cooldownMinutes: { ...DEFAULT_COOLDOWN, ...settings_obj(k.cooldown_minutes) },
        },
        fixers: settings_obj(r.fixers),
        maxChangedLines: n(p.max_changed_lines, 500),
        prohibitedPaths: Array.isArray(p.prohibited_paths) ? p.prohibited_paths : [],
        maxFixesPerPr: n(r.max_fixes_per_pr, 3),
        rollback: r.rollback !== false,
        commentTrigger: {
            enabled: c.enabled !== false,
            phrase: typeof c.phrase === 'string' ? c.phrase : '/closed-loop fix',
            commit: c.commit === true,
            maxAttemptsPerComment: Math.min(3, n(c.max_attempts_per_comment, 3)),
            maxFixesPerHour: Math.min(5, n(c.max_fixes_per_hour, 5)),
        },
    };
}

;// CONCATENATED MODULE: ./packages/core/src/recover/backoff.ts
/**
 * Seconds to wait before re-run number `attempt` (1 = the first re-run): base × multiplier^(attempt-1),
 * capped at max, then spread by ±jitter so many failed runs do not re-run in lock-step.
 */
function backoffSeconds(attempt, settings, random) {
    const raw = settings.baseSeconds * settings.multiplier ** Math.max(0, attempt - 1);
    const capped = Math.min(raw, settings.maxSeconds);
    const spread = (random() * 2 - 1) * settings.jitter;
    return Math.max(0, Math.round(capped * (1 + spread)));
}

;// CONCATENATED MODULE: ./packages/core/src/recover/breaker.ts
const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);
/** Flattens runs into attempt outcomes, newest first; earlier attempts count as failures at the run's start. */
function outcomes(history) {
    const out = [];
    for (const run of history) {
        if (run.status === 'completed' && run.conclusion !== 'cancelled' && run.conclusion !== 'skipped')
            out.push({ failed: FAILED.has(run.conclusion ?? ''), at: Date.parse(run.updatedAt) });
        for (let i = 1; i < run.attempt; i++)
            out.push({ failed: true, at: Date.parse(run.createdAt) });
    }
    return out.sort((a, b) => b.at - a.at);
}
/**
 * Breaker state for one workflow (+branch) at `now`: open at N consecutive failed attempts or a failure
 * rate at or above the threshold (with enough volume); after the category's cooldown it is half-open and
 * allows one trial re-run; a success closes it. `forcedOpenAt` is a rollback we made: it opens the
 * breaker whatever the history says.
 */
function breakerState(history, now, category, settings, forcedOpenAt) {
    const windowStart = now - settings.windowHours * 3600_000;
    const all = outcomes(history).filter((o) => o.at >= windowStart && o.at <= now);
    let consecutiveFailures = 0;
    for (const o of all) {
        if (!o.failed)
            break;
        consecutiveFailures++;
    }
    const failures = all.filter((o) => o.failed).length;
    const volume = all.length;
    const failureRate = volume ? breaker_round(failures / volume) : 0;
    const base = { consecutiveFailures, failureRate, volume, trialInFlight: false };
    const latestFailed = all[0]?.failed === true;
    const byCount = consecutiveFailures >= settings.consecutiveFailures;
    const byRate = latestFailed && volume >= settings.minRuns && failureRate >= settings.failureRate;
    const forced = forcedOpenAt !== undefined && forcedOpenAt >= windowStart && !(all[0] && !all[0].failed && all[0].at > forcedOpenAt);
    if (!byCount && !byRate && !forced)
        return { ...base, state: 'closed', reason: 'closed: the recent history is healthy enough' };
    const trippedAt = Math.max(all[0]?.at ?? 0, forced ? forcedOpenAt : 0);
    const reopens = trippedAt + settings.cooldownMinutes[category] * 60_000;
    const why = forced && !byCount && !byRate
        ? 'we rolled back a fix'
        : byCount
            ? `${consecutiveFailures} consecutive failed attempts`
            : `failure rate ${Math.round(failureRate * 100)} % over ${volume} attempts`;
    if (now < reopens)
        return { ...base, state: 'open', reopensAt: new Date(reopens).toISOString(), reason: `open: ${why}; cool-down until ${new Date(reopens).toISOString()}` };
    const trial = history.find((r) => r.rerunByUs && r.status !== 'completed' && Date.parse(r.updatedAt) >= trippedAt);
    if (trial)
        return { ...base, state: 'half-open', trialInFlight: true, reason: `half-open: trial re-run of run ${trial.id} is still going` };
    return { ...base, state: 'half-open', reason: `half-open: ${why}, cool-down over; one trial re-run allowed` };
}
function breaker_round(x) {
    return Math.round(x * 1000) / 1000;
}

;// CONCATENATED MODULE: ./packages/core/src/recover/strategy.ts
/** Dependency failures a plain re-run can cure: the registry or network was down, not the lockfile wrong. */
const TRANSIENT_DEPENDENCY = new Set(['network', 'registry', 'rate-limit', 'timeout']);
/** What a category calls for, before mode, attempts and the breaker have their say. */
function strategyFor(verdict) {
    const sub = verdict.subcategory;
    switch (verdict.category) {
        case 'infrastructure':
            return verdict.transient || verdict.flaky
                ? { kind: 'rerun', reason: `transient infrastructure failure (${sub})` }
                : { kind: 'report', reason: `infrastructure failure (${sub}) that a re-run is unlikely to cure` };
        case 'dependencies':
            return verdict.transient && (TRANSIENT_DEPENDENCY.has(sub) || verdict.flaky)
                ? { kind: 'rerun-once', reason: `dependency download failed (${sub}): one re-run` }
                : { kind: 'report', reason: `dependency problem (${sub}) that needs a change, not a re-run` };
        case 'testing':
            return verdict.flaky || sub === 'flaky'
                ? { kind: 'rerun', reason: 'flaky test: the same commit has passed before' }
                : { kind: 'report', reason: `test failure (${sub}) with no sign of flakiness` };
        case 'quality':
            return { kind: 'fix', reason: `mechanical quality failure (${sub}): fixers can repair it` };
        case 'security':
            return { kind: 'escalate', reason: `security finding (${sub}): never fixed automatically` };
        case 'build':
        case 'performance':
            return { kind: 'report', reason: `${verdict.category} failure (${sub}) needs a person` };
        default:
            return { kind: 'report', reason: 'failure not classified with enough confidence' };
    }
}
/** Fixer commands for a verdict: by subcategory first (lint, format), then by category. */
function fixersFor(verdict, fixers) {
    return fixers[verdict.subcategory] ?? fixers[verdict.category] ?? [];
}

;// CONCATENATED MODULE: ./packages/core/src/recover/decide.ts




/** The breaker when no history was read: closed, as far as we know. */
const NO_HISTORY = {
    state: 'closed',
    consecutiveFailures: 0,
    failureRate: 0,
    volume: 0,
    trialInFlight: false,
    reason: 'closed: no run history given',
};
/** The policy: verdict + history + settings → one decision. Pure; executors re-check its guards on fresh reads. */
function planRecovery(input) {
    const { verdict, settings, now } = input;
    const strategy = strategyFor(verdict);
    const breaker = input.history ? breakerState(input.history, now, verdict.category, settings.breaker, input.forcedOpenAt) : NO_HISTORY;
    const base = { mode: settings.mode, strategy: strategy.kind, breaker };
    const decide = (action, reason, extra = {}) => withMode({ ...base, action, reason, execute: true, ...extra });
    if (verdict.status !== 'classified')
        return decide('report', `no verdict to act on (${verdict.status}${verdict.reason ? `: ${verdict.reason}` : ''})`);
    switch (strategy.kind) {
        case 'escalate':
            return decide('escalate', strategy.reason);
        case 'report':
            return decide('report', strategy.reason);
        case 'fix': {
            if (breaker.state === 'open')
                return decide('escalate', `${strategy.reason}, but the breaker is ${breaker.reason}`);
            const fixers = fixersFor(verdict, settings.fixers);
            if (!fixers.length)
                return decide('report', `${strategy.reason}, but no fixer is configured: add recover.fixers.${verdict.subcategory} to .github/closed-loop.yml`);
            if (verdict.run.fork)
                return decide('suggest', `${strategy.reason}; the branch is in a fork, so the fix is offered as suggestions`, { fixers });
            return decide('fix', strategy.reason, { fixers });
        }
        default:
            return planRerun(input, breaker, strategy.kind === 'rerun-once' ? 1 : settings.maxAttempts, strategy.reason, decide);
    }
}
function planRerun(input, breaker, maxAttempts, why, decide) {
    const { verdict, settings, now, random } = input;
    const attempt = Math.max(1, verdict.run.attempt);
    const limits = { attempt, maxAttempts };
    if (attempt > maxAttempts)
        return decide('escalate', `${why}, but it failed again after ${attempt - 1} re-run${attempt > 2 ? 's' : ''} (limit ${maxAttempts})`, limits);
    if (breaker.state === 'open')
        return decide('escalate', `${why}, but the breaker is ${breaker.reason}`, limits);
    if (breaker.trialInFlight)
        return decide('none', `${why}, but the breaker is ${breaker.reason}`, limits);
    const delaySeconds = backoffSeconds(attempt, settings.backoff, random);
    const due = (input.failedAt ?? now) + delaySeconds * 1000;
    const waitSeconds = Math.max(0, Math.ceil((due - now) / 1000));
    const timing = { ...limits, delaySeconds, waitSeconds, notBefore: new Date(due).toISOString() };
    const trial = breaker.state === 'half-open' ? ' (half-open breaker: this is the one trial)' : '';
    if (waitSeconds > (input.maxWaitSeconds ?? Infinity))
        return decide('defer', `${why}; the backoff has ${waitSeconds}s left, more than this runner waits, so a later check re-runs it after ${timing.notBefore}${trial}`, timing);
    return decide('rerun', `${why}; re-run ${attempt} of ${maxAttempts} after ${delaySeconds}s backoff${trial}`, timing);
}
/** supervised proposes instead of acting; analysis_only acts on nothing. */
function withMode(d) {
    if (d.mode === 'analysis_only')
        return { ...d, execute: false, reason: `analysis only, nothing done: would ${d.action} — ${d.reason}` };
    if (d.mode !== 'supervised')
        return d;
    if (d.action === 'fix')
        return { ...d, action: 'suggest', reason: `${d.reason}; supervised mode: offered as suggestions, nothing pushed` };
    if (d.action === 'rerun' || d.action === 'defer')
        return { ...d, action: 'report', execute: false, reason: `supervised mode, not re-run: ${d.reason}` };
    if (d.action === 'rollback')
        return { ...d, action: 'escalate', reason: `supervised mode, not reverted: ${d.reason}` };
    return d;
}
/** What notify and the audit trail receive. */
function toOutcome(d, executed, links) {
    return {
        schema: RECOVER_SCHEMA,
        action: d.action,
        mode: d.mode,
        reason: d.reason,
        ...(d.delaySeconds !== undefined ? { delaySeconds: d.delaySeconds } : {}),
        ...(d.action === 'defer' && d.notBefore ? { notBefore: d.notBefore } : {}),
        ...(d.attempt !== undefined ? { attempt: d.attempt } : {}),
        ...(d.maxAttempts !== undefined ? { maxAttempts: d.maxAttempts } : {}),
        breaker: {
            state: d.breaker.state,
            consecutiveFailures: d.breaker.consecutiveFailures,
            failureRate: d.breaker.failureRate,
            ...(d.breaker.reopensAt ? { reopensAt: d.breaker.reopensAt } : {}),
        },
        executed,
        ...(links?.length ? { links } : {}),
    };
}
/** An outcome for when a guard stopped the executor before the policy had anything to act on. */
function guardOutcome(mode, reason, action = 'none', breaker = NO_HISTORY) {
    return toOutcome({ action, mode, reason, breaker }, false);
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/recover.ts



function readText(io, file, flag) {
    return readUserText(io, file, `--${flag}`);
}
function recover_parseJson(text, file, flag) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new ConfigurationError(`--${flag} ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
    }
}
/** `gh api …/actions/workflows/ID/runs` output, a bare list of those runs, or a list of breaker records. */
function readHistory(value, file, bot) {
    const list = Array.isArray(value) ? value : value?.workflow_runs;
    if (!Array.isArray(list))
        throw new ConfigurationError(`--history ${file}: expected the JSON of GET /repos/{owner}/{repo}/actions/workflows/{id}/runs or a list of runs.`);
    const isOurs = (u) => u?.login?.toLowerCase() === bot.toLowerCase();
    return list.map((r) => ('created_at' in r ? runRecordFromApi(r, isOurs) : r));
}
const plan = {
    name: 'plan',
    summary: 'print what recover would do for a verdict (action, delay, reason, breaker state) without touching anything.',
    usage: '--verdict FILE [--history FILE] [--config FILE] [--environment NAME] [--mode MODE] [--now ISO] [--seed N] [--json]',
    options: {
        verdict: { type: 'string', valueName: 'FILE', description: 'The failure-classify verdict (JSON file).' },
        history: {
            type: 'string',
            valueName: 'FILE',
            description: 'Runs of the workflow on the branch (JSON of the workflow runs API); feeds the circuit breaker.',
        },
        config: { type: 'string', valueName: 'FILE', description: `Configuration file (default ${CONFIG_PATH} when present).` },
        environment: { type: 'string', valueName: 'NAME', description: 'Apply environments.<NAME> overrides (e.g. production).' },
        mode: { type: 'string', valueName: 'MODE', description: 'automatic, supervised or analysis_only (default: from the config).' },
        now: { type: 'string', valueName: 'ISO', description: 'Plan as of this time (default: now); the backoff counts from it.' },
        seed: { type: 'string', valueName: 'N', description: 'Seed for the backoff jitter, for reproducible output.' },
        'bot-login': { type: 'string', valueName: 'LOGIN', description: 'Login recover acts as, to recognise its own re-runs (default github-actions[bot]).' },
        json: { type: 'boolean', description: 'Print the decision as JSON.' },
    },
    run: async (args, io) => {
        const v = args.values;
        if (typeof v.verdict !== 'string')
            throw new ConfigurationError('--verdict FILE is required: the failure-classify result to plan for.');
        const verdict = asVerdict(recover_parseJson(await readText(io, v.verdict, 'verdict'), v.verdict, 'verdict'), `--verdict ${v.verdict}`);
        const configText = typeof v.config === 'string' ? await readText(io, v.config, 'config') : await readOptionalText(io, CONFIG_PATH, 'config');
        const config = resolveEnvironment(loadConfig(configText, typeof v.config === 'string' ? v.config : CONFIG_PATH), typeof v.environment === 'string' ? v.environment : undefined);
        const modes = ['automatic', 'supervised', 'analysis_only'];
        if (v.mode !== undefined && !modes.includes(v.mode))
            throw new ConfigurationError(`--mode must be one of ${modes.join(', ')}; got "${String(v.mode)}".`);
        const now = typeof v.now === 'string' ? Date.parse(v.now) : Date.now();
        if (Number.isNaN(now))
            throw new ConfigurationError(`--now must be an ISO time such as 2026-01-05T12:00:00Z; got "${String(v.now)}".`);
        if (v.seed !== undefined && !/^\d+$/.test(String(v.seed)))
            throw new ConfigurationError(`--seed must be a whole number; got "${String(v.seed)}".`);
        const history = typeof v.history === 'string'
            ? readHistory(recover_parseJson(await readText(io, v.history, 'history'), v.history, 'history'), v.history, typeof v['bot-login'] === 'string' ? v['bot-login'] : 'github-actions[bot]')
            : undefined;
        const settings = recoverSettings(config, v.mode ? { mode: v.mode } : {});
        const decision = planRecovery({
            verdict,
            settings,
            now,
            random: v.seed !== undefined ? seededRandom(Number(v.seed)) : Math.random,
            ...(history ? { history } : {}),
        });
        if (v.json) {
            io.stdout(`${JSON.stringify(decision, null, 2)}\n`);
            return EXIT.ok;
        }
        const b = decision.breaker;
        const lines = [
            `action:  ${decision.action}${decision.execute ? '' : ' (not executed in this mode)'}`,
            ...(decision.delaySeconds !== undefined
                ? [`delay:   ${decision.delaySeconds}s (re-run ${decision.attempt} of ${decision.maxAttempts}, not before ${decision.notBefore})`]
                : []),
            ...(decision.fixers?.length ? [`fixers:  ${decision.fixers.join(' && ')}`] : []),
            `mode:    ${decision.mode}`,
            `reason:  ${decision.reason}`,
            `breaker: ${b.state} — ${b.consecutiveFailures} consecutive failed attempts, ${Math.round(b.failureRate * 100)} % of ${b.volume} in the window${b.reopensAt ? `, half-open at ${b.reopensAt}` : ''}${history ? '' : ' (no --history given)'}`,
        ];
        io.stdout(`${lines.join('\n')}\n`);
        return EXIT.ok;
    },
};
const recoverCommand = {
    name: 'recover',
    summary: 'plan recoveries: re-run, fix, roll back or escalate a classified failure.',
    subcommands: [plan],
};

;// CONCATENATED MODULE: ./packages/core/src/review-hash/stamp.ts


const OURS = new Set(Object.values(TRAILER).map((k) => k.toLowerCase()));
/**
 * The message with our trailers set: joined to an existing trailer block (replacing earlier Review-*
 * lines there), or as a new last paragraph. The result parses back, by git's rules, to exactly `trailers`
 * for our keys.
 */
function withReviewTrailers(message, trailers) {
    const body = message.replace(/\s+$/, '');
    const add = trailers.map((t) => `${t.key}: ${t.value}`).join('\n');
    if (!parseTrailers(`${body}\n`).length)
        return `${body}\n\n${add}\n`;
    const lines = body.split('\n');
    let start = lines.length;
    while (start > 0 && (lines[start - 1] ?? '').trim() !== '')
        start--;
    const kept = lines.slice(start).filter((line) => {
        const sep = findSeparator(line);
        return sep < 1 || !OURS.has(line.slice(0, sep).trim().toLowerCase());
    });
    const joined = [...lines.slice(0, start), ...kept].join('\n').replace(/\s+$/, '');
    return `${joined}${kept.length ? '\n' : '\n\n'}${add}\n`;
}
/** Message of the empty commit `stamp --new-commit` makes. */
function reviewCommitMessage(reviewId, trailers) {
    return withReviewTrailers(`Record review${reviewId ? ` ${reviewId}` : ''}`, trailers);
}

;// CONCATENATED MODULE: ./packages/core/src/review-hash/explain.ts
const TITLES = {
    pass: 'Reviewed code matches the code being merged',
    missing: 'No review record',
    malformed: 'Malformed Review-Hash',
    conflicting: 'Conflicting review trailers',
    mismatch: 'Code changed since it was reviewed',
    placeholder: 'Placeholder review trailer',
    'review-id': 'Missing or invalid Review-Id',
    'audit-log': 'Review not found in the audit log',
    signature: 'Review-Signature missing or invalid',
    incomplete: 'Pull request commit list incomplete',
    'merge-base': 'Ambiguous merge-base',
};
/** Message and fix commands for each status; the action's summary and the CLI print the same text. */
function explain(result, ctx) {
    const scopeFlag = ctx.scope === 'snapshot' ? ' --scope snapshot' : '';
    const stamp = `npx closed-loop review-hash stamp --base ${ctx.baseRef} --review-id <REVIEW-ID> --new-commit${scopeFlag} && git push`;
    const show = `npx closed-loop review-hash --base ${ctx.baseRef}${scopeFlag}`;
    const title = TITLES[result.status];
    switch (result.status) {
        case 'pass':
            return { title, message: `Review-Hash ${result.reviewHash} recorded on ${result.reviewedCommit ?? '?'} matches the code being merged.`, fix: [] };
        case 'missing':
            return { title, message: `${result.detail}. Record the review once the code has been reviewed.`, fix: [stamp] };
        case 'malformed':
        case 'placeholder':
            return { title, message: `${result.detail}. Replace it with the real value.`, fix: [show, stamp] };
        case 'conflicting':
            return { title, message: `${result.detail}. A review record must name exactly one value; record the review again in a new commit.`, fix: [stamp] };
        case 'mismatch': {
            const files = result.changedSinceReview ?? [];
            const list = files.length
                ? ` Files changed since the reviewed commit: ${files.slice(0, 50).join(', ')}${files.length > 50 ? ` and ${files.length - 50} more` : ''}.`
                : '';
            return {
                title,
                message: `${result.detail}.${list} Have these changes reviewed, then record the review again.`,
                fix: [`git diff ${result.reviewedCommit ?? '<reviewed-commit>'} HEAD`, stamp],
            };
        }
        case 'review-id':
            return { title, message: `${result.detail}. Use the id of the review (a UUID, a ULID or a 16+ hex id by default).`, fix: [stamp] };
        case 'audit-log':
            return { title, message: `${result.detail}. The audit log must hold an approving entry for this Review-Id and Review-Hash.`, fix: [stamp] };
        case 'signature':
            return {
                title,
                message: `${result.detail}. Sign with the review key (see docs/review-hash-v1.md).`,
                fix: [
                    `npx closed-loop review-hash stamp --base ${ctx.baseRef} --review-id <REVIEW-ID> --sign-key-env REVIEW_SIGNING_KEY --new-commit${scopeFlag} && git push`,
                ],
            };
        case 'incomplete':
            return {
                title,
                message: `${result.detail}. The check fails closed rather than judge a partial history; re-run the job.`,
                fix: ['gh run rerun --failed'],
            };
        case 'merge-base':
            return {
                title,
                message: `${result.detail}. Rebase or merge the base branch so there is exactly one merge-base.`,
                fix: [`git fetch origin && git merge ${ctx.baseRef} && git push`],
            };
    }
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/review-hash.ts


const review_hash_common = {
    base: { type: 'string', valueName: 'REV', description: 'Base branch or commit (default: origin/HEAD, origin/main, main…).' },
    scope: {
        type: 'string',
        valueName: 'SCOPE',
        description: 'changes (diff against the merge-base) or snapshot (whole tree); default from .github/closed-loop.yml.',
    },
    json: { type: 'boolean', description: 'Print JSON instead of text.' },
};
function review_hash_scopeOf(args) {
    const scope = stringArg(args, 'scope');
    if (scope !== undefined && scope !== 'changes' && scope !== 'snapshot')
        throw new ConfigurationError(`--scope must be changes or snapshot, got "${scope}".`);
    return scope;
}
/** `owner/repo` from --repository, else from the origin remote's GitHub URL. */
async function repositoryOf(git, args) {
    const given = stringArg(args, 'repository');
    if (given)
        return given;
    const url = await git.text(['remote', 'get-url', 'origin']).catch(() => '');
    const match = /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(url);
    const slug = match?.[1];
    if (!slug)
        throw new ConfigurationError('cannot tell the repository from the origin remote; pass --repository OWNER/REPO.');
    return slug;
}
/** Base and its single merge-base with `head`; several merge-bases are refused, never guessed. */
async function resolveTarget(io, args, head) {
    const git = new Git(io.cwd);
    const base = stringArg(args, 'base') ?? (await defaultBase(git));
    if (!base)
        throw new ConfigurationError('no base branch found (origin/HEAD, origin/main, main, master); pass --base REV.');
    if (!(await git.tryResolve(base)))
        throw new ConfigurationError(`--base ${base} is not a commit in this repository; fetch it first (git fetch origin).`);
    const { mergeBase, count } = await uniqueMergeBase(git, base, head === 'index' ? 'HEAD' : head);
    if (!mergeBase) {
        if (count === 0)
            throw new ConfigurationError(`${base} and ${head} have no common history.`);
        return { ambiguous: count, base, git };
    }
    return { git, base, mergeBase };
}
function ambiguity(n, base) {
    return new ConfigurationError(`${base} and HEAD have ${n} merge-bases; rebase or merge the base branch (git merge ${base}) so there is exactly one.`);
}
const hashCommand = {
    name: 'review-hash',
    summary: 'print the Review-Hash of HEAD (or the index), and record or verify reviews.',
    usage: '[--base REV] [--head REV | --index] [--scope changes|snapshot] [--json]',
    options: {
        ...review_hash_common,
        head: { type: 'string', valueName: 'REV', description: 'Revision to hash (default HEAD).' },
        index: { type: 'boolean', description: 'Hash the staged index instead of a commit (what the next commit will hold).' },
    },
    details: 'Spec: docs/review-hash-v1.md. The value equals what review-hash-validate computes in CI.',
    run: async (args, io) => {
        if (args.values.index && stringArg(args, 'head'))
            throw new ConfigurationError('use either --head or --index, not both.');
        const head = args.values.index ? 'index' : (stringArg(args, 'head') ?? 'HEAD');
        const t = await resolveTarget(io, args, head);
        if ('ambiguous' in t)
            throw ambiguity(t.ambiguous, t.base);
        const policy = await loadReviewPolicy(t.git, t.mergeBase, CONFIG_PATH, { scope: review_hash_scopeOf(args) }, '');
        const hash = await policyFingerprint(t.git, t.mergeBase, await reviewTree(t.git, head), policy);
        io.stdout(args.values.json ? `${JSON.stringify({ reviewHash: hash, mergeBase: t.mergeBase, base: t.base, scope: policy.scope })}\n` : `${hash}\n`);
        return EXIT.ok;
    },
};
const stamp = {
    name: 'stamp',
    summary: 'record Review-Hash (and Review-Id, Review-Signature) trailers on HEAD without changing its tree.',
    usage: '--review-id ID [--sign-key-env VAR] [--new-commit] [--base REV] [--scope SCOPE]',
    options: {
        ...review_hash_common,
        'review-id': { type: 'string', valueName: 'ID', description: 'Id of the review (UUID, ULID or 16+ hex by default).' },
        'sign-key-env': { type: 'string', valueName: 'VAR', description: 'Environment variable holding the signing key; adds Review-Signature.' },
        'new-commit': { type: 'boolean', description: 'Record in a new empty commit instead of amending the message of HEAD.' },
        repository: { type: 'string', valueName: 'OWNER/REPO', description: 'Repository named in the signature (default: from the origin remote).' },
    },
    run: async (args, io) => {
        const t = await resolveTarget(io, args, 'HEAD');
        if ('ambiguous' in t)
            throw ambiguity(t.ambiguous, t.base);
        const signEnv = stringArg(args, 'sign-key-env');
        const repository = signEnv ? await repositoryOf(t.git, args) : '';
        const policy = await loadReviewPolicy(t.git, t.mergeBase, CONFIG_PATH, { scope: review_hash_scopeOf(args) }, repository);
        const reviewId = stringArg(args, 'review-id');
        if (reviewId !== undefined) {
            const kind = placeholderKind(reviewId);
            if (kind)
                throw new ConfigurationError(`--review-id is a placeholder (${kind}); pass the id of the actual review.`);
            if (!new RegExp(policy.reviewIdPattern).test(reviewId))
                throw new ConfigurationError(`--review-id ${reviewId} does not match ${policy.reviewIdPattern}.`);
        }
        else if (policy.reviewId === 'required')
            throw new ConfigurationError('--review-id is required (review_hash.review_id: required).');
        const hash = await policyFingerprint(t.git, t.mergeBase, await reviewTree(t.git, 'HEAD'), policy);
        const trailers = [{ key: TRAILER.hash, value: hash }];
        if (reviewId)
            trailers.push({ key: TRAILER.id, value: reviewId });
        if (signEnv) {
            const key = io.env[signEnv];
            if (!key)
                throw new ConfigurationError(`--sign-key-env ${signEnv}: that environment variable is empty or unset.`);
            trailers.push({ key: TRAILER.signature, value: reviewSignature(key, repository, hash, reviewId ?? '') });
        }
        const newCommit = !!args.values['new-commit'];
        const sha = await recordOnHead(t.git, (old) => (newCommit ? reviewCommitMessage(reviewId, trailers) : withReviewTrailers(old, trailers)), newCommit ? 'new-commit' : 'amend');
        io.stdout(args.values.json ? `${JSON.stringify({ commit: sha, reviewHash: hash, reviewId: reviewId ?? null })}\n` : `Recorded Review-Hash ${hash} on ${sha}.\n`);
        return EXIT.ok;
    },
};
const verify = {
    name: 'verify',
    summary: 'run the review-hash-validate check offline against a base.',
    failsWith: 'the check fails (the line says why and how to fix it)',
    usage: '--base REV [--head REV] [--sign-key-env VAR] [--json]',
    options: {
        ...review_hash_common,
        head: { type: 'string', valueName: 'REV', description: 'Revision being merged (default HEAD).' },
        'sign-key-env': { type: 'string', valueName: 'VAR', description: 'Environment variable holding the signing key, to verify Review-Signature.' },
        repository: { type: 'string', valueName: 'OWNER/REPO', description: 'Repository named in the signature (default: from the origin remote).' },
    },
    run: async (args, io) => {
        const head = stringArg(args, 'head') ?? 'HEAD';
        const t = await resolveTarget(io, args, head);
        let result;
        let scope = review_hash_scopeOf(args) ?? 'changes';
        if ('ambiguous' in t)
            result = earlyFailure('merge-base', '', `${t.base} and ${head} have ${t.ambiguous} merge-bases`);
        else {
            const signEnv = stringArg(args, 'sign-key-env');
            const repository = signEnv ? await repositoryOf(t.git, args) : '';
            const policy = await loadReviewPolicy(t.git, t.mergeBase, CONFIG_PATH, { scope: review_hash_scopeOf(args), signingKey: signEnv ? io.env[signEnv] : undefined }, repository);
            scope = policy.scope;
            result = await checkReviewAt(t.git, { mergeBase: t.mergeBase, head, commits: await commitsSince(t.git, t.mergeBase, head), policy });
        }
        const e = explain(result, { baseRef: t.base, scope });
        if (args.values.json)
            io.stdout(`${JSON.stringify({ ...result, title: e.title, message: e.message, fix: e.fix })}\n`);
        else
            io.stdout(`${result.status === 'pass' ? 'PASS' : 'FAIL'} (${result.status}): ${e.title}\n${e.message}\n${e.fix.map((f) => `  ${f}\n`).join('')}`);
        return result.status === 'pass' ? EXIT.ok : EXIT.findings;
    },
};
const reviewHashCommand = { ...hashCommand, subcommands: [stamp, verify] };

;// CONCATENATED MODULE: ./packages/core/src/scan/settings.ts

/** The schema's defaults (the one place they are written), as the engine's settings. */
const DEFAULT_SCAN_CONFIG = Object.fromEntries(Object.entries(scanSchema.properties ?? {}).map(([key, schema]) => [key, structuredClone(schema.default)]));
function scanConfigOf(section) {
    return { ...DEFAULT_SCAN_CONFIG, ...section };
}
function scanOptionsOf(config) {
    return {
        // The baseline records what was accepted; wherever it is configured to live, it is not scanned.
        exclude: [...config.exclude, config.baseline],
        include: config.include,
        fixtures: config.fixtures,
        disable: config.disable_rules,
        categories: config.categories,
        maxLineLength: config.max_line_length,
        weakMatches: config.weak_matches,
    };
}
/**
 * The `scan:` section checked against its own schema without compiling the whole config schema (ajv
 * costs ~130 ms, a third of the pre-commit hook's budget). Undefined when anything is off: the caller
 * then loads the file the full way, which reports the error with its line and column.
 */
function quickScanSection(document) {
    if (document === undefined || document === null)
        return scanConfigOf(undefined);
    if (typeof document !== 'object' || Array.isArray(document))
        return undefined;
    const section = document.scan;
    if (section === undefined || section === null)
        return scanConfigOf(undefined);
    return conforms(section, scanSchema) ? scanConfigOf(section) : undefined;
}
// What `conforms` understands. A schema using anything else is not judged here: the caller falls back to
// ajv, so the quick check can only ever be stricter than the full one, never more lenient.
const UNDERSTOOD = new Set([
    'type',
    'description',
    'default',
    'enum',
    'const',
    'oneOf',
    'properties',
    'additionalProperties',
    'items',
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
]);
function conforms(value, schema) {
    if (Object.keys(schema).some((k) => !UNDERSTOOD.has(k)) || typeof schema.additionalProperties === 'object')
        return false;
    if (schema.enum && !schema.enum.includes(value))
        return false;
    if ('const' in schema && value !== schema.const)
        return false;
    if (schema.oneOf && schema.oneOf.filter((s) => conforms(value, s)).length !== 1)
        return false;
    switch (schema.type) {
        case 'object': {
            if (typeof value !== 'object' || value === null || Array.isArray(value))
                return false;
            return Object.entries(value).every(([k, v]) => {
                const sub = schema.properties?.[k];
                return sub ? conforms(v, sub) : schema.additionalProperties !== false;
            });
        }
        case 'array':
            return Array.isArray(value) && (!schema.items || value.every((v) => conforms(v, schema.items)));
        case 'string':
            return typeof value === 'string' && value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
        case 'integer':
            return Number.isInteger(value) && value >= (schema.minimum ?? -Infinity) && value <= (schema.maximum ?? Infinity);
        case 'boolean':
            return typeof value === 'boolean';
        default:
            return schema.type === undefined;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/scan/types.ts
/** Shared vocabulary of the scan engine: what a rule is, what a finding is. */
const SCAN_SEVERITIES = ['critical', 'high', 'medium', 'low'];
/** Rank for comparisons: critical = 4 … low = 1. */
function types_severityRank(severity) {
    return SCAN_SEVERITIES.length - SCAN_SEVERITIES.indexOf(severity);
}
function atOrAbove(severity, threshold) {
    return types_severityRank(severity) >= types_severityRank(threshold);
}

;// CONCATENATED MODULE: ./packages/core/src/scan/fingerprint.ts

/**
 * Hash of a secret for fingerprints. Credentials are high-entropy, so a plain SHA-256 cannot be
 * reversed; PHI values (an SSN has 10^9 possibilities) get a slow, rule-salted PBKDF2 so a committed
 * baseline does not become a lookup table.
 */
function secretHash(secret, category, ruleId) {
    if (category === 'phi')
        return (0,external_node_crypto_namespaceObject.pbkdf2Sync)(secret, `closed-loop-scan:${ruleId}`, 5000, 12, 'sha256').toString('hex');
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`closed-loop-scan:${secret}`).digest('hex').slice(0, 24);
}
function fingerprintOf(ruleId, file, hash) {
    return `${ruleId}:${file}:${hash}`;
}

;// CONCATENATED MODULE: ./packages/core/src/scan/keyword-index.ts
/** Largest scratch buffer kept between calls (bytes). */
const KEPT_BYTES = 1 << 20;
/**
 * Aho–Corasick over lower-cased ASCII keywords: one pass over a file tells which rules can possibly
 * match each line, so the (comparatively slow) regular expressions only run where their keyword occurs.
 * Digits are one character class: a digit in a keyword stands for any digit, so `000-00-0000` finds
 * every SSN layout in the same pass (a keyword only gates a regular expression, so matching more is safe).
 * This pass touches every character of every scanned file, so it is written for speed: the text is
 * copied into a byte buffer (Latin-1, one byte per UTF-16 code unit, so offsets stay string offsets)
 * and the automaton is one flat transition table over character classes.
 */
class keyword_index_KeywordIndex {
    next = [];
    fail = [];
    out = [];
    /** The characters keywords use (as the trie stores them). */
    used = new Uint8Array(128);
    /**
     * Character classes per byte: the class of its ASCII-lower-cased character when some keyword uses it,
     * else class 0, which always leads back to the root. A byte from a code unit above 0xFF (Latin-1 keeps
     * its low byte) may land in a keyword's class: that can only add hits, never hide one, because a real
     * occurrence is all ASCII and Aho–Corasick finds it whatever precedes it.
     */
    classOf = new Uint8Array(256);
    /**
     * The finished automaton: one flat transition table, states pre-multiplied by the row width (the
     * number of classes). 16-bit when it fits: a smaller table stays in cache between files.
     */
    delta;
    /** States are renumbered so that the ones where some keyword ends come last: from here on. */
    firstAccepting;
    /** The row width: the number of character classes. */
    width;
    /** Values per (renumbered) state. */
    values;
    /** Scratch space reused across calls: the text as bytes, and where keywords ended (see `accepting`). */
    bytes = Buffer.alloc(0);
    acceptedAt = new Int32Array(256);
    acceptedState = new Int32Array(256);
    constructor(entries) {
        this.addState();
        for (const [keyword, value] of entries)
            this.insert(keyword.toLowerCase(), value);
        this.build();
        // Columns: one per ASCII character some keyword uses (after lower-casing), plus class 0.
        const column = new Int32Array(128);
        let classes = 1;
        for (let c = 0; c < 128; c++)
            if (this.used[c] === 1)
                column[c] = classes++;
        for (let c = 65; c <= 90; c++)
            column[c] = column[c | 32];
        for (let c = 49; c <= 57; c++)
            column[c] = column[48];
        const width = (this.width = classes);
        for (let c = 0; c < 128; c++)
            this.classOf[c] = column[c];
        // Renumber: non-accepting states first (the root stays 0: keywords are never empty), accepting ones last.
        const count = this.next.length;
        const order = [];
        for (let s = 0; s < count; s++)
            if (!this.out[s].length)
                order.push(s);
        const firstAccepting = order.length;
        for (let s = 0; s < count; s++)
            if (this.out[s].length)
                order.push(s);
        const id = new Int32Array(count);
        order.forEach((s, i) => (id[s] = i));
        this.firstAccepting = firstAccepting * width;
        this.delta = count * width <= 65536 ? new Uint16Array(count * width) : new Int32Array(count * width);
        this.values = order.map((s) => this.out[s]);
        for (let s = 0; s < count; s++) {
            const row = this.next[s];
            const base = id[s] * width;
            for (let c = 0; c < 128; c++) {
                if ((c >= 65 && c <= 90) || (c >= 49 && c <= 57))
                    continue;
                const k = column[c];
                if (k !== 0)
                    this.delta[base + k] = id[row[c]] * width;
            }
            // Class 0 (a character no keyword uses) leads to the root from every state; delta is already 0.
        }
    }
    addState() {
        this.next.push(new Int32Array(128).fill(-1));
        this.fail.push(0);
        this.out.push([]);
        return this.next.length - 1;
    }
    insert(keyword, value) {
        // Hits are attributed to the line where a keyword ends, and bytes are matched as ASCII.
        if (!keyword || /[^\x20-\x7e\t]/.test(keyword))
            throw new Error(`keyword ${JSON.stringify(keyword)}: keywords are non-empty printable ASCII on one line`);
        let state = 0;
        for (let i = 0; i < keyword.length; i++) {
            const code = keyword.charCodeAt(i);
            const c = code >= 48 && code <= 57 ? 48 : code;
            this.used[c] = 1;
            const row = this.next[state];
            if (row[c] < 0)
                row[c] = this.addState();
            state = row[c];
        }
        this.out[state].push(value);
    }
    build() {
        const queue = [];
        const root = this.next[0];
        for (let c = 0; c < 128; c++) {
            const s = root[c];
            if (s < 0)
                root[c] = 0;
            else {
                this.fail[s] = 0;
                queue.push(s);
            }
        }
        for (let head = 0; head < queue.length; head++) {
            const state = queue[head];
            const row = this.next[state];
            const failRow = this.next[this.fail[state]];
            for (let c = 0; c < 128; c++) {
                const s = row[c];
                if (s < 0)
                    row[c] = failRow[c];
                else {
                    const f = failRow[c];
                    this.fail[s] = f;
                    this.out[s].push(...this.out[f]);
                    queue.push(s);
                }
            }
        }
    }
    /**
     * The values of the keywords on each line of `text` (lines joined with `\n`; `ends[i]` is where line i
     * ends): index i lists line i's values, each once, or is undefined when no keyword occurs there. One
     * pass over one flat buffer beats a pass per line.
     */
    findPerLine(text, ends) {
        const accepted = this.accepting(text);
        const result = [];
        for (let i = 0; i < ends.length; i++)
            result.push(undefined);
        let line = 0;
        for (let k = 0; k < accepted; k++) {
            const at = this.acceptedAt[k];
            while (at >= ends[line])
                line++;
            let found = result[line];
            if (found === undefined)
                result[line] = found = [];
            // A line has a handful of distinct values: a list beats a Set here.
            for (const hit of this.values[this.acceptedState[k] / this.width])
                if (!found.includes(hit))
                    found.push(hit);
        }
        return result;
    }
    /**
     * Runs the automaton over `text`; records where a keyword ended, and in which state, in `acceptedAt`
     * and `acceptedState`; returns how many. The loop is kept this small because it is the hot path:
     * the rare hits are sorted out afterwards.
     */
    accepting(text) {
        const length = text.length;
        // The buffer is kept for the next file, unless this text is huge: the index lives as long as the process.
        let bytes = this.bytes;
        if (bytes.length < length) {
            bytes = Buffer.allocUnsafe(Math.max(length, 2 * bytes.length, 4096));
            if (bytes.length <= KEPT_BYTES)
                this.bytes = bytes;
        }
        bytes.write(text, 0, length, 'latin1');
        const { delta, classOf, firstAccepting } = this;
        let state = 0;
        let accepted = 0;
        for (let i = 0; i < length; i++) {
            state = delta[state + classOf[bytes[i]]];
            if (state >= firstAccepting) {
                if (accepted === this.acceptedAt.length)
                    this.growAccepted();
                this.acceptedAt[accepted] = i;
                this.acceptedState[accepted++] = state;
            }
        }
        return accepted;
    }
    growAccepted() {
        const at = new Int32Array(this.acceptedAt.length * 2);
        const state = new Int32Array(at.length);
        at.set(this.acceptedAt);
        state.set(this.acceptedState);
        this.acceptedAt = at;
        this.acceptedState = state;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/scan/placeholders.ts
/**
 * Values that are shaped like secrets but are not: template variables, redaction marks, documentation
 * samples, repeated or sequential characters. Applied to every rule unless it opts out.
 */
const PLACEHOLDER_PATTERNS = [
    /^\$\{[^}]*\}$/, // ${VAR}
    /^\$\(.*\)$/, // $(cmd)
    /^\$[A-Z_][A-Z0-9_]*$/i, // $VAR
    /^%[A-Z_][A-Z0-9_]*%$/i, // %VAR%
    /^\{\{.*\}\}$/, // {{ template }}
    /^<[^>]*>$/, // <token>
    /^\[[^\]]*\]$/, // [token]
    /(x{4,}|\*{3,}|\.{3,}|#{4,}|_{4,})/i, // xxxx, ***, …
    /^(.)\1+$/, // aaaaaaaa
    /(your|my)[_-]?(api[_-]?)?(key|token|secret|password)/i,
    /^(changeme|change_me|replace_?me|placeholder|redacted|dummy|sample|example|secret|password|passwd|token|null|none|undefined|true|false|todo|fixme|test|testing)$/i,
    /abcdefghijkl|ABCDEFGHIJKL/, // the alphabet typed out
    /EXAMPLE/, // AWS documentation keys: AKIAIOSFODNN7EXAMPLE
    /^(process\.env|os\.environ|env\.|getenv|System\.getenv|secrets\.|vars\.)/i,
];
const SEQUENTIAL = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', '1234567890'];
function isPlaceholder(value) {
    if (PLACEHOLDER_PATTERNS.some((p) => p.test(value)))
        return true;
    const lower = value.toLowerCase();
    // Whole value is a run of the alphabet or digits (abcdef…, 123456…).
    return lower.length >= 6 && SEQUENTIAL.some((s) => s.includes(lower) || (lower.length > 10 && lower.startsWith(s)));
}

;// CONCATENATED MODULE: ./packages/core/src/scan/pragma.ts
/** The inline override: `closed-loop:allow <reason>` anywhere on the line (usually in a comment). */
const PRAGMA = /closed-loop:allow\b(?<reason>[^\r\n]*)/;
function readPragma(line) {
    if (!line.includes('closed-loop:allow'))
        return undefined;
    const match = PRAGMA.exec(line);
    if (!match)
        return undefined;
    // Strip comment terminators and quotes that follow the reason in most languages.
    const reason = (match.groups?.reason ?? '').replace(/(\*\/|-->|%>|#}|["'`;]+)\s*$/g, '').trim();
    return { reason: /[A-Za-z]{2,}/.test(reason) ? reason.slice(0, 200) : '' };
}

;// CONCATENATED MODULE: ./packages/core/src/scan/preview.ts

const CONTEXT = 40;
// Terminal escapes and other control characters in a preview could rewrite what a reader sees.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const tokenRedactor = new Redactor();
/**
 * The line around a finding with every detected secret on it masked. A credential keeps its first
 * characters (a public prefix such as `ghp_` or `AKIA` tells the reader what leaked); PHI keeps nothing.
 */
function redactedPreview(text, spans, focus) {
    let masked = '';
    let cursor = 0;
    for (const span of [...spans].sort((a, b) => a.start - b.start)) {
        if (span.start < cursor)
            continue;
        masked += text.slice(cursor, span.start) + preview_mask(text.slice(span.start, span.end), span.revealPrefix);
        cursor = span.end;
    }
    masked += text.slice(cursor);
    // Re-locate the focus in the masked text: shift by what masking before it removed.
    let shift = 0;
    for (const span of spans)
        if (span.end <= focus.start)
            shift += span.end - span.start - preview_mask(text.slice(span.start, span.end), span.revealPrefix).length;
    const start = Math.max(0, focus.start - shift - CONTEXT);
    const end = Math.min(masked.length, focus.start - shift + CONTEXT * 2);
    const window = (start > 0 ? '…' : '') + masked.slice(start, end).trim() + (end < masked.length ? '…' : '');
    return tokenRedactor.redact(window.replace(CONTROL_CHARACTERS, ' '));
}
const PUBLIC_PREFIX = /^(?:-----BEGIN[ A-Z]*-----|[A-Za-z]{2,10}[_.-](?:v1_|live_|test_|api03-|pat_)?|AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9]|AIza|eyJ|ZXlK|SK|SG\.)/;
/** `ghp_[REDACTED]`: at most the format's public prefix (12 characters) survives, never secret characters. */
function preview_mask(secret, revealPrefix) {
    const prefix = revealPrefix ? (PUBLIC_PREFIX.exec(secret)?.[0] ?? '') : '';
    return `${prefix.length <= secret.length / 2 ? prefix.slice(0, 40) : ''}[REDACTED]`;
}

;// CONCATENATED MODULE: ./packages/core/src/scan/validators.ts
/** Checksums and structure tests for formats that have one; a failed check drops the match. */
/** Shannon entropy in bits per character. */
function shannonEntropy(value) {
    if (value.length === 0)
        return 0;
    const counts = new Map();
    for (const ch of value)
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    let entropy = 0;
    for (const count of counts.values()) {
        const p = count / value.length;
        entropy -= p * Math.log2(p);
    }
    return entropy;
}
function digitsOf(value) {
    return value.replace(/\D/g, '').split('').map(Number); // ASCII digits only
}
/** Luhn (mod 10) over all digits of `value`. */
function luhnValid(value) {
    const digits = digitsOf(value);
    if (digits.length === 0)
        return false;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
        let d = digits[digits.length - 1 - i];
        if (i % 2 === 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 === 0;
}
/** US National Provider Identifier: 10 digits starting 1 or 2, Luhn over the 80840 card-issuer prefix. */
function npiValid(value) {
    const digits = digitsOf(value);
    if (digits.length !== 10 || (digits[0] !== 1 && digits[0] !== 2))
        return false;
    return luhnValid(`80840${digits.join('')}`);
}
/** DEA registration number: 2 letters + 7 digits; (d1+d3+d5) + 2·(d2+d4+d6) ends in d7. */
function deaValid(value) {
    const match = /^[A-Z][A-Z9](\d{7})$/.exec(value.toUpperCase());
    if (!match)
        return false;
    const d = match[1].split('').map(Number);
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 === d[6];
}
// Numbers the SSA never issues or that are famous as examples (Woolworth's wallet card, ads).
const NOT_ISSUED_SSNS = new Set(['078051120', '219099999', '123456789', '457555462']);
/** US SSN ranges: area not 000/666/900–999, group not 00, serial not 0000; well-known samples excluded. */
function ssnValid(value) {
    const digits = value.replace(/\D/g, '');
    if (digits.length !== 9 || NOT_ISSUED_SSNS.has(digits))
        return false;
    const area = Number(digits.slice(0, 3));
    if (area === 0 || area === 666 || area >= 900)
        return false;
    if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000')
        return false;
    return !/^(\d)\1{8}$/.test(digits);
}
function decodeBase64Url(part) {
    try {
        return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    }
    catch {
        return undefined;
    }
}
/** A JWT: header and payload are base64url JSON objects, the header names an algorithm or a type. */
function jwtValid(token) {
    const [header, payload] = token.split('.');
    if (!header || payload === undefined)
        return false;
    const head = decodeBase64Url(header);
    if (!head || !/^\s*\{/.test(head))
        return false;
    return /"(alg|typ|kid|enc|cty|x5t|jku|jwk|crit)"/.test(head) || /"\w+"\s*:/.test(head);
}
/** A base64-encoded JWT (as stored in some config files). */
function base64JwtValid(value) {
    const decoded = decodeBase64Url(value);
    return decoded !== undefined && /^eyJ[\w-]+\.eyJ/.test(decoded);
}

;// CONCATENATED MODULE: ./packages/core/src/scan/rules/generic.ts

/**
 * `secret/password/token = "…"` in any common syntax (code, YAML, INI, JSON, XML, shell), gated by the
 * name it is assigned to and by the value's entropy — the catch-all behind the provider-specific rules.
 */
const NAME_WORDS = [
    'secret',
    'passw',
    'pwd',
    'token',
    'apikey',
    'api_key',
    'api-key',
    'auth',
    'credential',
    'creds',
    'private',
    'accesskey',
    'access_key',
    'access-key',
    'key',
    'login',
    'bearer',
];
// Names containing a keyword that are not secrets (public keys, key names, ids, URLs, lengths …).
const NAME_STOP = /(public|primary|foreign|sort|partition|cache|lookup|hotkey|keyboard|monkey|keyword|keystore|keytab|keyfile|keyframe|keying|keypair|keysize|keyspace|keycode|keydown|keyup|turkey|donkey|jockey|hockey|whiskey|csrf|xsrf|author(?!i[sz])|tokenizer|signal|signature|design|assign|sigma|signup|signin|login_?url|author)/i;
const NAME_TAIL_STOP = /(id|ids|name|names|url|uri|urls|endpoint|file|filename|path|dir|size|length|len|type|version|mode|format|hash|count|index|event|field|prefix|suffix|header|label|pressed|map|mapping|column|ref|env|var|variable|policy|provider|algorithm|alg|expiry|expires|expiration|ttl|timeout|enabled|required|min|max|pattern|regex|schema|template|placeholder|hint|description|message|msg|text|title|type_?name)["'`]?$/i;
const CODE_REFERENCE = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+(\(\))?$/;
const IDENTIFIER_STYLE = /^([a-z]+(_[a-z0-9]+)+|[a-z]+([A-Z][a-z0-9]+)+|[A-Z][a-z]+([A-Z][a-z0-9]+)*|[A-Z0-9]+(_[A-Z0-9]+)+|[a-z]+|[A-Z][a-z0-9]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURE_WORDS = /^[a-z]+([-_ ][a-z]+)*$/i;
function looksLikeCode(value) {
    if (CODE_REFERENCE.test(value) && (value.match(/\d/g)?.length ?? 0) <= 6) {
        const segments = value.replace(/\(\)$/, '').split('.');
        if (segments.slice(1).some((s) => IDENTIFIER_STYLE.test(s)))
            return true;
    }
    return /^(true|false|null|nil|none|undefined)$/i.test(value) || /^(https?|file):\/\//i.test(value) || /^[./~]*\/[\w./-]*$/.test(value);
}
function genericValueIsSecret(value, key) {
    const name = key ?? '';
    if (NAME_STOP.test(name) || NAME_TAIL_STOP.test(name))
        return false;
    if (looksLikeCode(value) || PURE_WORDS.test(value))
        return false;
    const isPassword = /passw|pwd/i.test(name);
    if (UUID.test(value) && !/(token|secret|passw|pwd|api_?key|apikey)$/i.test(name.replace(/["'`]$/, '')))
        return false;
    // Hex digests next to hash-like names are checksums, not secrets.
    if (/^[0-9a-f]{32,128}$/i.test(value) && /(sha|md5|checksum|digest|integrity|commit|rev)/i.test(name))
        return false;
    const entropy = shannonEntropy(value);
    if (isPassword)
        return value.length >= 6 && entropy >= 2.5 && /[^a-z]/i.test(value);
    if (value.length < 10)
        return false;
    // Long all-digit values (numeric client secrets) count only under an unmistakable name.
    if (/^\d+$/.test(value))
        return value.length >= 16 && /(token|secret|apikey|api_key)["'`]?$/i.test(name) && entropy >= 2.8;
    // Needs some mix: at least one digit or symbol among letters, or a long random-looking value.
    const mixed = /\d/.test(value) && /[a-z]/i.test(value);
    return entropy >= (mixed ? 3.0 : 3.5);
}
const OPERATOR = String.raw `["'\`]?[ \t]*(?:\s(?:string|str|String|const|final))?[ \t]*(?::{1,3}=|\?=|\.=|\|\|=|=>|->|<-|==?|:|>|,)[ \t]*@?`;
const VALUE = String.raw `["'\`]?(?<secret>[^\s"'\`,;\\<>(){}\[\]|]{6,256})`;
// Anchored at the start of the identifier, so the engine does not retry inside every word.
const NAME = String.raw `(?<![\w.-])(?<key>[\w.-]*?(?:${NAME_WORDS.join('|')})[\w.-]*)`;
const genericAssignment = {
    id: 'generic-secret-assignment',
    category: 'credential',
    severity: 'high',
    confidence: 'medium',
    description: 'A secret, password or token assigned to a variable or config key',
    keywords: NAME_WORDS,
    pattern: new RegExp(NAME + OPERATOR + VALUE, 'gi'),
    validate: (secret, context) => genericValueIsSecret(secret, context.key),
    examples: {
        positive: [
            'db_password = "Tr0ub4dor&3xq"',
            "client_secret: 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB'",
            'export API_TOKEN=KIjjHCqoDnQZ2AXPW4q71orFwKwYpN',
            '"apiKey": "q8Lk2mZx9VbN4tRw7YpE3sHd"',
            'String authToken = "J1prR2zWJ0mAAyqIQyqXvTtbB3IwW1hKMdyvHZ4f";',
        ],
        negative: [
            'password = "${DB_PASSWORD}"',
            'api_key: <your-api-key>',
            'token = process.env.TOKEN',
            'secret_length = X25519.secret_length',
            'credentialsId: "ff083f76-7804-4ef1-80e4-fe975bb9141b"',
            'public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"',
            'access_token_url = "https://github.com/login/oauth/access_token"',
            'password: changeme',
            'commit_sha = "9a038989604e8da62ecddbe2094b16ce1b778be1"',
            'const keyStr = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"',
        ],
    },
};
const NAMES_A_SECRET = new RegExp(NAME_WORDS.join('|'), 'i');
/** `<apiToken>` on one line and the bare value on the next (XML, plist). */
const genericElementValue = {
    id: 'generic-secret-element',
    category: 'credential',
    severity: 'high',
    confidence: 'medium',
    description: 'A secret, password or token as the text of an XML element',
    // The tag on the line before must name a secret: its name words are the keywords, looked for there.
    keywords: NAME_WORDS,
    keywordsOnPreviousLine: true,
    previousLine: /<[\w.:-]+>\s*$/,
    pattern: /^\s*(?<secret>[^\s<>"']{10,256})\s*$/g,
    validate: (secret, context) => {
        const tag = /<(?<key>[\w.:-]+)>\s*$/.exec(context.previous)?.groups?.key;
        return tag !== undefined && NAMES_A_SECRET.test(tag) && genericValueIsSecret(secret, tag);
    },
    examples: { positive: [], negative: ['    plain words here', '<version>\n    1.2.3-SNAPSHOT-abcdef'] },
};

;// CONCATENATED MODULE: ./packages/core/src/scan/rules/credentials.ts


function cred(id, description, spec, examples) {
    const confidence = spec.confidence ?? 'high';
    return { id, category: 'credential', severity: spec.severity ?? 'high', confidence, revealPrefix: confidence === 'high', description, examples, ...spec };
}
// Provider keyword, then within ~40 characters an assignment of a value of the given shape.
function near(keyword, value) {
    return new RegExp(String.raw `(?:${keyword})[\w.-]{0,20}["'\`]?[ \t]*(?:[:=]{1,3}|=>|,|>|\?=)[ \t]*["'\`]?(?<secret>${value})(?![\w-])`, 'gi');
}
const CREDENTIAL_RULES = [
    cred('aws-access-key-id', 'AWS access key id', { severity: 'critical', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: /\b(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g }, {
        positive: ['aws_access_key_id = AKIAZ7QK3LWTB4XRP2MN', '"AccessKeyId": "ASIAY34FZKBOKMUTVV7A"'],
        negative: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAZ7QK3LWTB4XRP2M'],
    }),
    cred('aws-secret-access-key', 'AWS secret access key', { severity: 'critical', keywords: ['aws'], pattern: near('aws[\\w.-]{0,20}(?:secret|sk)', '[A-Za-z0-9/+=]{40}'), minEntropy: 4, revealPrefix: false }, {
        positive: ['aws_secret_access_key = kW9s2Lq8Vb3Xz7Rt5Yp1Nc4Md6Hf0Gj2Ek8Ua3Tw'],
        negative: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    }),
    cred('aws-bedrock-api-key', 'Amazon Bedrock API key', {
        keywords: ['absk', 'bedrock-api-key-'],
        pattern: /\b(?<secret>ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[\w+/=%-]{20,})/g,
    }, {
        positive: [
            'BEDROCK=ABSKQmVkcm9ja0FQSUtleS1' + 'a9Xk2Lm4Pq7Rt1Vw3Yz5Bc8Df0Gh2Jk4Lm6Np8Qr1St3Uv5Wx7Yz9Ab2Cd4Ef6Gh8Ij0Kl2Mn4Op6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4Ij6',
        ],
        negative: ['ABSK'],
    }),
    cred('gcp-api-key', 'Google Cloud API key', { keywords: ['aiza'], pattern: /\b(?<secret>AIza[\w-]{35})(?![\w-])/g }, {
        positive: ['key = "AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk0"'],
        negative: ['AIzaSy_short'],
    }),
    cred('gcp-service-account', 'Google Cloud service-account key file', { severity: 'critical', keywords: ['service_account'], pattern: /"type"\s*:\s*"(?<secret>service_account)"/g }, {
        positive: ['{"type": "service_account", "project_id": "demo"}'],
        negative: ['"type": "authorized_user"'],
    }),
    cred('azure-storage-key', 'Azure storage account key', { severity: 'critical', keywords: ['accountkey', 'sharedaccesssignature'], pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/gi }, {
        positive: [
            'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo==;',
        ],
        negative: ['AccountKey=<key>'],
    }),
    cred('azure-ad-client-secret', 'Azure AD (Entra) client secret', { keywords: ['q~'], pattern: /(?:^|[\s"'`=:(,])(?<secret>[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?![\w~.-])/g }, {
        positive: ['client_secret = "bP88Q~rcBcYjzWOWPLWqBYOMQFhXMzMPPNFjDaZZ"'],
        negative: ['Q~ alone'],
    }),
    cred('github-token', 'GitHub token (personal, OAuth, app, refresh)', { severity: 'critical', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,255})\b/g }, {
        positive: ['GITHUB_TOKEN=ghp_R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'],
        negative: ['ghp_short', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    }),
    cred('github-fine-grained-pat', 'GitHub fine-grained personal access token', { severity: 'critical', keywords: ['github_pat_'], pattern: /\b(?<secret>github_pat_\w{82})\b/g }, {
        positive: ['token: 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'],
        negative: ['github_pat_tooShort'],
    }),
    cred('gitlab-token', 'GitLab token (personal, pipeline trigger, runner, deploy, OAuth, feed …)', {
        severity: 'critical',
        keywords: ['glpat-', 'glptt-', 'glrt-', 'gldt-', 'glcbt-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-', 'glffct-', 'glft-', 'gr1348941', '_gitlab_session'],
        minEntropy: 3,
        pattern: /(?<secret>\b(?:glpat|glptt|glrt|gldt|glcbt|glimt|glagent|gloas|glsoat|glffct|glft)-[\w-]{20,}|\bGR1348941[\w-]{20,}|_gitlab_session=[0-9a-z]{32})/gi,
    }, { positive: ['CI_TOKEN=glpat-Zx9Lk2Qw8Er4Ty6Ui1Op', 'glrt-2CR8_eVxiioB1QmzPZwa'], negative: ['glpat-short'] }),
    cred('slack-token', 'Slack token (bot, user, app, config, legacy)', {
        severity: 'critical',
        keywords: ['xox', 'xapp-'],
        pattern: /\b(?<secret>xoxb-\d{10,13}-\d{10,13}[a-zA-Z0-9-]*|xox[pe](?:-\d{10,13}){3}-[a-zA-Z0-9-]{28,34}|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|xox[ar]-(?:\d-)?[0-9a-zA-Z-]{8,80}|xoxb-\d{8,14}-[a-zA-Z0-9]{18,26}|xoxe\.xox[bp]-\d-[A-Z0-9]{163,166}|xoxe-\d-[A-Z0-9]{146}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)(?![\w-])/g,
        minEntropy: 2.5,
    }, {
        positive: ['SLACK_BOT_TOKEN=xoxb-2' + '63594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1'],
        negative: ['xoxb-...'],
    }),
    cred('slack-webhook-url', 'Slack incoming webhook URL', {
        keywords: ['hooks.slack.com'],
        pattern: /(?<secret>hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}|hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Z0-9]+\/[A-Z0-9]+\/[\w/]+)/gi,
    }, {
        positive: ['url: https://hooks.slack.com/services/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'],
        negative: ['https://hooks.slack.com/services/'],
    }),
    cred('teams-webhook-url', 'Microsoft Teams incoming webhook URL', {
        keywords: ['webhook.office.com', 'logic.azure.com'],
        pattern: /(?<secret>https:\/\/[a-z0-9]+\.webhook\.office\.com\/webhookb2\/[a-z0-9-]+@[a-z0-9-]+\/IncomingWebhook\/[a-z0-9]+\/[a-z0-9-]+)/gi,
    }, {
        positive: [
            'https://contoso.webhook.office.com/webhookb2/7aa49aa6-7840-443d-806c-08ebe8f59966@c662313f-14fc-43a2-9a7a-d2e27f4f3478/IncomingWebhook/8592f62b50cf41b9b93ba0c0a00a0b88/eff4cd58-1bb8-4899-94de-795f656b4a18',
        ],
        negative: ['https://contoso.webhook.office.com/'],
    }),
    cred('stripe-key', 'Stripe secret or restricted key', {
        severity: 'critical',
        keywords: ['sk_live', 'sk_test', 'rk_live', 'rk_test', 'sk_prod', 'rk_prod'],
        pattern: /\b(?<secret>(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})\b/g,
    }, {
        positive: ['STRIPE_KEY=sk_live_51Hx9Kd2Lm4Pq7Rt1Vw3Yz5Bc8'],
        negative: ['pk_live_51Hx9Kd2Lm4Pq7Rt1Vw3Yz5Bc8', 'sk_test_xxxxxxxxxxxxxxxx'],
    }),
    cred('twilio-api-key', 'Twilio API key', { keywords: ['sk'], pattern: /\b(?<secret>SK[0-9a-fA-F]{32})\b/g, minEntropy: 3 }, {
        positive: ['TWILIO_API_KEY=SK5f2c3a9b8e7d6c5b4a3f2e1d0c9b8a7f'],
        negative: ['SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    }),
    cred('sendgrid-api-key', 'SendGrid API key', { keywords: ['sg.'], pattern: /\b(?<secret>SG\.[\w-]{20,24}\.[\w-]{39,50})\b/g }, {
        positive: ['SENDGRID_API_KEY=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'],
        negative: ['SG.short.key'],
    }),
    cred('sendinblue-api-key', 'Brevo (Sendinblue) API key', { keywords: ['xkeysib-'], pattern: /\b(?<secret>xkeysib-[a-f0-9]{64}-[a-z0-9]{16})\b/gi }, {
        positive: ['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'],
        negative: ['xkeysib-123'],
    }),
    cred('npm-access-token', 'npm access token', { severity: 'critical', keywords: ['npm_'], pattern: /\b(?<secret>npm_[a-zA-Z0-9]{36})\b/g }, {
        positive: ['//registry.npmjs.org/:_authToken=npm_Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1X'],
        negative: ['npm_config_cache=/tmp/npm_config_cache_value'],
    }),
    cred('pypi-upload-token', 'PyPI upload token', { severity: 'critical', keywords: ['pypi-ageichlwas5vcmc'], pattern: /\b(?<secret>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})/g }, {
        positive: [
            'password = pypi-AgEIcHlwaS5vcmcCJGYxZDEwZWY0LTc4NjEtNDNhOS1hNzE2LWQ4NGVjMzQ5NjlhZAACJXsicGVybWlzc2lvbnMiOiAidXNlciIsICJ2ZXJzaW9uIjogMX0AAAYgYWJj',
        ],
        negative: ['pypi-AgEIcHlwaS5vcmc'],
    }),
    cred('rubygems-api-key', 'RubyGems API key', { keywords: ['rubygems_'], pattern: /\b(?<secret>rubygems_[a-f0-9]{48})\b/g }, { positive: ['rubygems_' + '3f2c9b8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c'], negative: ['rubygems_abc'] }),
    cred('openai-api-key', 'OpenAI API key', {
        severity: 'critical',
        keywords: ['sk-', 't3blbkfj'],
        pattern: /\b(?<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|sk-(?:[A-Za-z0-9_-]+-)?[A-Za-z0-9_-]{20}T3BlbkFJ[A-Za-z0-9_-]{20})(?![\w-])/g,
    }, {
        positive: ['OPENAI_API_KEY=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'],
        negative: ['sk-T3BlbkFJ'],
    }),
    cred('anthropic-api-key', 'Anthropic API key', { severity: 'critical', keywords: ['sk-ant-'], pattern: /\b(?<secret>sk-ant-(?:api03|admin01)-[\w-]{80,100}AA)(?![\w-])/g }, {
        positive: ['ANTHROPIC_API_KEY=sk-ant-api03-' + 'Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0Gh2Jk4Lz6Xc8Vb0Nm2Qw4Er6Ty8Ui0Op2AsAA'],
        negative: ['sk-ant-api03-short'],
    }),
    cred('ai-provider-key', 'AI provider key (Hugging Face, Groq, Perplexity, Cohere-style prefixed keys)', {
        keywords: ['hf_', 'api_org_', 'gsk_', 'pplx-', 'xai-', 'r8_'],
        pattern: /\b(?<secret>hf_[a-zA-Z]{34}|api_org_[a-zA-Z]{34}|gsk_[a-zA-Z0-9]{52}|pplx-[a-zA-Z0-9]{48}|xai-[a-zA-Z0-9]{80}|r8_[a-zA-Z0-9]{37})\b/g,
        minEntropy: 3,
    }, {
        positive: ['HF_TOKEN=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'],
        negative: ['hf_hub_download'],
    }),
    cred('jwt', 'JSON Web Token', {
        severity: 'medium',
        confidence: 'medium',
        keywords: ['eyj'],
        pattern: /\b(?<secret>ey[A-Za-z0-9_-]{12,}\.ey[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{0,})(?![\w-])/g,
        validate: jwtValid,
    }, {
        positive: [
            'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        ],
        negative: ['eyJub3QiOiJhIHRva2VuIn0'],
    }),
    cred('jwt-base64', 'Base64-encoded JSON Web Token', { severity: 'medium', confidence: 'medium', keywords: ['zxlk'], pattern: /\b(?<secret>ZXlK[A-Za-z0-9+/]{40,}={0,2})/g, validate: base64JwtValid }, {
        positive: ['ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUl4TWpNME5UWTNPRGt3SW4wLmFiYw=='],
        negative: ['ZXlKaGJHY2lPaUpJVXpJMU5pSjk='],
    }),
    cred('private-key', 'Private key (PEM, OpenSSH, PGP, PuTTY, age)', {
        severity: 'critical',
        keywords: ['private key', 'privatekey', 'age-secret-key-1', 'putty-user-key-file'],
        // A header alone (documentation, a regex) is not a key: the body must follow on the line or the next one.
        validate: (secret, context) => !secret.startsWith('-----') ||
            /^[A-Za-z0-9+/=\\]{20,}|^(Proc-Type|Comment|Version):/.test(context.next.trim()) ||
            /-----(\\n|\s)*[A-Za-z0-9+/=]{20,}/.test(context.line),
        pattern: /(?<secret>-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}|PuTTY-User-Key-File-\d: )/g,
    }, {
        positive: [
            '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAv5x2Lq8Zk3Wm9TtQpR7sNc4Yd6Hf0Gj2',
            'key = "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"',
        ],
        negative: [
            '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
            '-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----',
        ],
    }),
    cred('url-with-password', 'Connection string or URL with an embedded password', {
        keywords: ['://'],
        revealPrefix: false,
        pattern: /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@"'`]{1,80}:(?<secret>[^\s/@"'`]{3,120})@[\w.-]+/gi,
        validate: (secret) => !/^(\$\{?\w+\}?|<[^>]*>|\*+|x+|pass(word)?|pwd|secret|changeme|\{\{.*\}\}|%[\w]+%|:?\$\w+)$/i.test(secret) && !/^\d{1,5}$/.test(secret),
    }, {
        positive: ['DATABASE_URL=postgres://app:Sup3rS3cretPw@db.internal:5432/app', 'mongodb+srv://admin:h7Kq2xLp9@cluster0.example.net/db'],
        negative: ['postgres://app:${DB_PASSWORD}@db:5432/app', 'https://user:password@example.com', 'redis://:<password>@localhost'],
    }),
    cred('auth-header', 'Authorization header with basic or bearer credentials', {
        keywords: ['authorization', 'bearer', 'basic'],
        revealPrefix: false,
        pattern: /\b(?:authorization\b["']?\s*[:=]\s*["']?\s*|-H\s+["']Authorization:\s*)(?:(?:Bearer|Basic|token|Api-Token|ApiKey|Key|Digest)\s+)?(?<secret>[A-Za-z0-9._~+/=-]{16,})/gi,
        minEntropy: 3,
    }, {
        positive: ['curl -H "Authorization: Bearer 9f8Zk2Lq7Xw4Rt1Vb6Np3Ys8Hd"', 'Authorization: Basic dXNlcjpTdXAzclMzY3JldA=='],
        negative: ['Authorization: Bearer ${TOKEN}', 'Authorization: Bearer <token>'],
    }),
    cred('curl-user-password', 'curl -u user:password on the command line', {
        keywords: [' -u ', ' -u=', '--user'],
        revealPrefix: false,
        pattern: /(?:^|\s)(?:-u|--user)[ =]["']?[^\s:"'<$]{1,60}:["']?(?<secret>[^\s"']{4,120})["']?/gi,
        validate: (secret) => !/[<>]|\$[{(]|^\$\w+$|^(\*+|x+|pass(word)?|\d+)$/i.test(secret),
    }, {
        positive: ['curl --cacert ca.crt -u elastic:P@ssw0rd$1 https://localhost:9200'],
        negative: ['curl -u user:$PASSWORD https://x', 'curl -u user: https://x'],
    }),
    cred(
    // Apart from the other prefixed tokens: its keyword, "pat", is in every "path" and "pattern".
    'airtable-token', 'Airtable personal access token', { keywords: ['pat'], pattern: /(?<![\w.-])(?<secret>pat[a-zA-Z0-9]{14}\.[a-f0-9]{64})(?![\w-])/g, minEntropy: 3 }, {
        positive: ['AIRTABLE_TOKEN=patQ7rT2mZ9xLk4Wv.3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a9c7e5b3d1f8a6c4e2b0d9f7a'],
        negative: ['const pattern = path.join(dir, "patterns.json");', 'patQ7rT2mZ9xLk4Wv8.notahexvalue'],
    }),
    cred('prefixed-saas-token', 'SaaS API token with a registered prefix (DigitalOcean, Shopify, Doppler, Linear, Pulumi, Postman, Grafana, Sentry, Vault, Databricks, Dynatrace, Atlassian …)', {
        keywords: [
            'dop_v1_',
            'doo_v1_',
            'dor_v1_',
            'shpat_',
            'shpca_',
            'shppa_',
            'shpss_',
            'dp.',
            'lin_api_',
            'lin_oauth_',
            'pul-',
            'pmak-',
            'glc_',
            'glsa_',
            'eyjrijoi',
            'sntrys_',
            'sntryu_',
            'hvs.',
            'hvb.',
            'dapi',
            'dt0c01.',
            'atatt3',
            'pscale_',
            'sgp_',
            'dckr_pat_',
            'rdme_',
            'shippo_',
            'duffel_',
            'ezak',
            'eztk',
            'flwseck',
            'flwpubk',
            'ops_eyj',
            'sq0atp-',
            'sq0csp-',
            'eaaa',
            'sl.',
            'figd_',
            'ntn_',
            'clojars_',
            'a3-',
            'pnu_',
            'cfpat-',
            'mlsn.',
            'lsv2_',
            'xoxe',
            'ico-',
            'sha256~',
            'sk_',
            'sbp_',
            'sb_secret_',
            'ctfp_',
            'oct_',
            'fo1_',
            'ya29.',
            'fm1',
            'fm2',
            'ak_',
            'eaam',
            'eaac',
            's-s4t2',
            'v1.0-',
        ],
        pattern: new RegExp(String.raw `(?<![\w.-])(?<secret>` +
            [
                String.raw `do[opr]_v1_[a-f0-9]{64}`,
                String.raw `shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`,
                String.raw `dp\.(?:pt|st|ct|sa|scim|audit)\.[a-zA-Z0-9]{40,44}`,
                String.raw `lin_(?:api|oauth)_[a-zA-Z0-9]{40}`,
                String.raw `pul-[a-f0-9]{40}`,
                String.raw `PMAK-[a-f0-9]{24}-[a-f0-9]{34}`,
                String.raw `glc_[A-Za-z0-9+/]{32,400}={0,2}`,
                String.raw `glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`,
                String.raw `eyJrIjoi[A-Za-z0-9]{70,400}={0,2}`,
                String.raw `sntry[su]_[a-zA-Z0-9+/=_]{40,}`,
                String.raw `hv[sb]\.[\w-]{90,}`,
                String.raw `hvs\.[\w-]{24}`,
                String.raw `dapi[a-f0-9]{32}(?:-\d)?`,
                String.raw `dt0c01\.[a-z0-9]{24}\.[a-z0-9]{64}`,
                String.raw `ATATT3[A-Za-z0-9_\-=]{186}`,
                String.raw `pscale_(?:tkn|pw|oauth)_[\w=.-]{32,64}`,
                String.raw `sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}`,
                String.raw `dckr_pat_[\w-]{27}`,
                String.raw `rdme_[a-z0-9]{70}`,
                String.raw `shippo_(?:live|test)_[a-fA-F0-9]{40}`,
                String.raw `duffel_(?:test|live)_[\w=-]{43}`,
                String.raw `EZ[AT]K[a-zA-Z0-9]{54}`,
                String.raw `FLW(?:SECK|PUBK)_TEST-[a-hA-H0-9]{32}-X|FLWSECK_TEST[a-hA-H0-9]{12}`,
                String.raw `ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}`,
                String.raw `sq0(?:atp|csp)-[\w-]{22,60}|EAAA[\w-]{60}`,
                String.raw `sl\.u\.[\w-]{140,}|sl\.[\w-]{135,}`,
                String.raw `figd_[\w-]{40}`,
                String.raw `ntn_[0-9]{11}[A-Za-z0-9]{32}[A-Za-z0-9]{3}`,
                String.raw `CLOJARS_[a-z0-9]{60}`,
                String.raw `A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`,
                String.raw `pnu_[a-zA-Z0-9]{36}`,
                String.raw `CFPAT-[\w-]{43}`,
                String.raw `mlsn\.[\w-]{32,}`,
                String.raw `lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`,
                String.raw `xoxe(?:\.xox[bp])?-\d-[A-Z0-9]{146,}`,
                String.raw `ico-[a-zA-Z0-9]{32}`,
                String.raw `sha256~[\w-]{43}`,
                String.raw `sk_[a-z]{2,10}_[a-zA-Z0-9]{20,}`,
                String.raw `sbp_[a-f0-9]{40}`,
                String.raw `sb_secret_[\w-]{31}`,
                String.raw `ctfp_[\w-]{40,}`,
                String.raw `oct_[\w-]{20,}`,
                String.raw `fo1_[\w-]{43}`,
                String.raw `ya29\.[\w-]{40,}`,
                String.raw `(?:FlyV1 )?fm[12][ar]?_[a-zA-Z0-9+/]{100,}={0,3}`,
                String.raw `ak_[a-zA-Z0-9]{40,}`,
                String.raw `EAA[MC][a-zA-Z0-9]{100,}`,
                String.raw `s-s4t2(?:ud|af)-[a-f0-9]{64}`,
                String.raw `v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`,
            ].join('|') +
            String.raw `)(?![\w-])`, 'g'),
        minEntropy: 3,
    }, {
        positive: ['DO_TOKEN=dop_v1_f0fb23c6f5da2cec255404e4fb440034d6608697a8d41bed440e50454f31af31'],
        negative: ['dop_v1_short'],
    }),
];
const KEYED_PROVIDERS = [
    {
        id: 'heroku-api-key',
        name: 'Heroku API key',
        keywords: ['heroku'],
        value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|HRKU-[\\w-]{58,60}',
        minEntropy: 3,
        examples: { positive: ['HEROKU_API_KEY=3f9a1c7e-5b2d-4f8a-9c0e-7b5d3f1a8c6e'], negative: ['heroku_app_id = "my-app"'] },
    },
    {
        id: 'mailgun-key',
        name: 'Mailgun key',
        keywords: ['mailgun'],
        value: '(?:key|pubkey)-[a-f0-9]{32}|[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}|[a-f0-9]{32}',
        minEntropy: 3,
        examples: { positive: ['MAILGUN_API_KEY=key-3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e'], negative: ['mailgun_domain = "mg.example.com"'] },
    },
    {
        id: 'twilio-auth-token',
        name: 'Twilio auth token',
        keywords: ['twilio'],
        value: '[a-f0-9]{32}',
        minEntropy: 3,
        examples: { positive: ['TWILIO_AUTH_TOKEN=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e'], negative: ['TWILIO_AUTH_TOKEN=00000000000000000000000000000000'] },
    },
    {
        id: 'sidekiq-secret',
        name: 'Sidekiq Enterprise credentials',
        // Bundler's environment form and the gem host itself.
        keywords: ['contribsys__com', 'contribsys.com'],
        value: '[a-f0-9]{8}:[a-f0-9]{8}',
        minEntropy: 2,
        examples: {
            positive: ['BUNDLE_ENTERPRISE__CONTRIBSYS__COM=3f9a1c7e:5b2d8f4a', 'gems.contribsys.com: "3f9a1c7e:5b2d8f4a"'],
            negative: ['gems.contribsys.com = user:pass'],
        },
    },
    {
        id: 'datadog-key',
        name: 'Datadog API or application key',
        keywords: ['datadog', 'dd_api', 'dd_app'],
        value: '[a-f0-9]{32,40}',
        minEntropy: 3,
        examples: { positive: ['DD_API_KEY=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e'], negative: ['datadog_site = "datadoghq.com"'] },
    },
];
const NUGET_PASSWORD = cred('nuget-config-password', 'Clear-text password in NuGet.config', { keywords: ['cleartextpassword'], pattern: /key=["']ClearTextPassword["']\s+value=["'](?<secret>[^"']{1,200})["']/gi, revealPrefix: false }, {
    positive: ['<add key="ClearTextPassword" value="Sup3rS3cret!" />'],
    negative: ['<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />'],
});
const credentials_escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KEYED_RULES = KEYED_PROVIDERS.map(({ id, name, keywords, value, minEntropy, examples }) => cred(id, name, { keywords, pattern: near(keywords.map(credentials_escapeRegExp).join('|'), value), minEntropy, revealPrefix: false }, examples));
const ALL_CREDENTIAL_RULES = [...CREDENTIAL_RULES, ...KEYED_RULES, NUGET_PASSWORD, genericAssignment, genericElementValue];

;// CONCATENATED MODULE: ./packages/core/src/scan/rules/phi.ts

/**
 * PHI rules (HIPAA identifiers). Numbers with a checksum or a distinctive layout are reported on shape;
 * everything else needs clinical or identity context on the line or an adjacent added line.
 */
const PATIENT_CONTEXT = /\b(patient|pt\.?|mrn|medical record|dob|date of birth|diagnos[ei]s|dx|admit(ted)?|discharge[d]?|clinic(al)?|hospital|physician|prescri(bed|ption)|chart|ehr|emr|hl7|fhir|encounter|triage|allerg(y|ies)|medication)\b/i;
const phi_NAME = String.raw `[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?`;
const FULL_NAME = String.raw `${phi_NAME}(?:\s+[A-Z]\.?)?\s+${phi_NAME}`;
const DATE = String.raw `(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}|\d{8})`;
function phi(rule) {
    return { category: 'phi', ...rule };
}
const PHI_RULES = [
    phi({
        id: 'phi-us-ssn',
        severity: 'high',
        confidence: 'high',
        description: 'US Social Security number',
        // Same separator twice (078-05-1120), or bare 9 digits only with SSN context.
        // Digit layouts as keywords (a keyword's digit stands for any digit): lines without one are skipped.
        keywords: ['000-00-0000', '000 00 0000', '000.00.0000', '000-000000', '00000-0000', '000000000'],
        pattern: /(?<![\w.-])(?<secret>\d{3}([- .])\d{2}\2\d{4}|\d{3}-\d{6}|\d{5}-\d{4}|\d{9})(?![\w-]|\.\d)/g,
        // A bare 9-digit number or a ZIP+4 layout is weak evidence on its own.
        validate: (secret, context) => {
            if (!ssnValid(secret))
                return false;
            if (/^\d{3}([- .])\d{2}\1\d{4}$|^\d{3}-\d{6}$/.test(secret))
                return true;
            if (/^\d{9}$/.test(secret))
                return 'weak'; // with an SSN label right before it, phi-us-ssn-context reports it
            return /\b(ssn|social security|soc\.? sec|ss#)/i.test(context.line) || 'weak';
        },
        allowPlaceholderLike: true,
        examples: {
            positive: ['patient ssn: 078-05-1123', 'abc 078 05 1123 abc', 'SSN 219-09-9998'],
            negative: ['078-05-0000', '666-12-3456', '000-12-3456', 'build 123-45-6789', 'version 1.078.05.1123', '693-09.4444'],
        },
    }),
    phi({
        id: 'phi-us-ssn-context',
        severity: 'high',
        confidence: 'medium',
        description: 'US Social Security number (unformatted, next to an SSN label)',
        keywords: ['ssn', 'social security', 'soc sec', 'ss#'],
        pattern: /\b(?:ssn|social security(?: number| no\.?)?|soc\.? sec\.?|ss#)\b[^\d\n]{0,20}(?<secret>\d{9})\b/gi,
        validate: (secret) => ssnValid(secret),
        allowPlaceholderLike: true,
        examples: { positive: ['my social security number is 078051121', 'SSN: 219099998'], negative: ['ssn: 000000000', 'ssn: 078051120'] },
    }),
    phi({
        id: 'phi-npi',
        severity: 'high',
        confidence: 'high',
        description: 'US National Provider Identifier (Luhn-valid)',
        keywords: ['0000-000-000', '0000 000 000', '0000000000'],
        pattern: /(?<![\w-])(?<secret>[12]\d{3}([- ])\d{3}\2\d{3}|[12]\d{9})(?![\w-])/g,
        validate: (secret, context) => {
            if (!npiValid(secret))
                return false;
            if (/[- ]/.test(secret))
                return true;
            return /\b(npi|provider|prescriber|physician|practitioner|clinician|doctor|dr\.)/i.test(`${context.previous} ${context.line}`) || 'weak';
        },
        allowPlaceholderLike: true,
        examples: {
            positive: ['NPI: 1234567893', 'Provider identifier 1245319599', '1234-567-893'],
            negative: ['1234567890', '0234567893', 'timestamp 1234567893', '12345678934'],
        },
    }),
    phi({
        id: 'phi-dea-number',
        severity: 'high',
        confidence: 'medium',
        description: 'DEA registration number (checksum-valid)',
        keywords: ['0000000'],
        pattern: /\b(?<secret>[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7})\b/g,
        validate: (secret) => deaValid(secret),
        allowPlaceholderLike: true,
        examples: { positive: ['DEA# BB1388568', 'GL0285191 EU4488929'], negative: ['The DEA number is BG8207031', 'AB1234567'] },
    }),
    phi({
        id: 'phi-medical-record-number',
        severity: 'high',
        confidence: 'medium',
        description: 'Medical record number next to its label',
        keywords: ['mrn', 'medical record', 'patient id', 'patient_id', 'patientid', 'chart no', 'chart number', 'chart #'],
        pattern: /\b(?:mrn|medical[ _-]record(?:[ _-](?:number|no\.?|num|#))?|patient[ _-]?id|chart[ _-](?:no\.?|number|#))["']?\s*(?:[:=#]|is)?\s*["']?#?(?<secret>[A-Z]{0,3}-?\d{5,12})\b/gi,
        allowPlaceholderLike: true,
        validate: (secret) => !/^(\d)\1+$/.test(secret.replace(/\D/g, '')),
        examples: { positive: ['MRN: 00482913', 'patient_id = "MR-4829137"'], negative: ['mrn: 0000000', 'MRN column'] },
    }),
    phi({
        id: 'phi-date-of-birth',
        severity: 'high',
        confidence: 'medium',
        description: 'Date of birth next to a name or patient record',
        keywords: ['dob', 'birth', 'born'],
        pattern: new RegExp(String.raw `\b(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthdate|born(?: on)?)["']?\s*[:=]?\s*["']?(?<secret>${DATE})`, 'gi'),
        context: /\b(name|patient|pt|mr|mrs|ms|miss|first|last|given|family|surname)\b|[A-Z][a-z]+ [A-Z][a-z]+/i,
        contextOptional: true,
        allowPlaceholderLike: true,
        examples: {
            positive: ['Patient: John Smith, DOB: 04/12/1961', 'name=Jane Roe birthDate=1975-02-28'],
            negative: ['dob format is configurable', 'birthday party'],
        },
    }),
    phi({
        id: 'phi-patient-name',
        severity: 'high',
        confidence: 'medium',
        description: 'Patient name in a clinical note',
        keywords: ['patient', 'pt ', 'pt:', 'pt.', 'mr.', 'mrs.', 'ms.'],
        pattern: new RegExp(String.raw `\b(?:[Pp]atient(?:[ _]?[Nn]ame)?|[Pp]t\.?)\s*[:=]?\s*["']?(?<secret>${FULL_NAME})\b|\b(?:Mr|Mrs|Ms|Miss)\.\s*(?<secret2>${phi_NAME})\b`, 'g'),
        context: /\b(diagnos|presents?|presented|admitted|discharged|complain|prescribed|history of|hx|symptom|treated|mg\b|dose|dob|mrn|years? old|y\/o|yo\b|visit|allerg|follow[- ]up|chief complaint|assessment|plan)/i,
        examples: {
            positive: ['Patient John Smith presents with chest pain.', 'Mr. Alvarez was admitted on 3/2 with pneumonia'],
            negative: ['Patient Portal presents a login page', 'patient = new Patient()'],
        },
    }),
    phi({
        id: 'phi-contact-in-record',
        severity: 'medium',
        confidence: 'medium',
        description: 'Phone, e-mail or street address in a patient record',
        pattern: /(?<secret>(?:\+?1[ .-]?)?\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b|\b\d{1,6} [A-Z][a-z]+(?: [A-Z][a-z]+)* (?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive|Ct|Court|Way|Pl|Place)\b\.?)/g,
        context: PATIENT_CONTEXT,
        // Words distinctive enough to gate a whole file ("pt"/"dx" alone occur in every script and prompt).
        prefilter: [
            'patient',
            ' pt ',
            'pt:',
            'pt.',
            'mrn',
            'medical record',
            'dob',
            'birth',
            'diagnos',
            ' dx',
            'admit',
            'discharg',
            'clinic',
            'hospital',
            'physician',
            'prescri',
            ' ehr',
            ' emr',
            'hl7',
            'fhir',
            'encounter',
            'triage',
            'allerg',
            'medication',
        ],
        validate: (secret) => !/@(example\.(com|org|net)|test\.com|localhost)$/i.test(secret) && !/^555[ .-]?01\d\d$/.test(secret.slice(-8)),
        allowPlaceholderLike: true,
        examples: {
            positive: ['Patient Mary Major, phone (415) 555-2671', 'patient email: mary.major@gmail.com'],
            negative: ['support phone (415) 555-2671', 'patient email: someone@example.com'],
        },
    }),
    phi({
        id: 'phi-icd10-diagnosis',
        severity: 'medium',
        confidence: 'low',
        description: 'ICD-10 diagnosis code tied to a patient',
        keywords: ['icd', 'diagnos', 'dx'],
        pattern: /\b(?:icd-?10(?:-cm)?|diagnos[ie]s(?: code)?|dx)\b[^A-Z\n]{0,12}(?<secret>[A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b/gi,
        context: /\b(patient|pt\.?|mrn|dob|[A-Z][a-z]+ [A-Z][a-z]+)\b/,
        allowPlaceholderLike: true,
        examples: { positive: ['Patient Jane Roe diagnosis: E11.9'], negative: ['ICD-10 code format E11.9 explained'] },
    }),
    phi({
        id: 'phi-hl7-segment',
        severity: 'high',
        confidence: 'high',
        description: 'HL7 v2 patient segment (PID, NK1, PV1, IN1, GT1)',
        keywords: ['pid|', 'nk1|', 'pv1|', 'in1|', 'gt1|'],
        pattern: /^\s*(?:PID|NK1|PV1|IN1|GT1)\|(?<secret>[^\r\n]*\^[^\r\n]*)$/g,
        validate: (secret) => /[A-Za-z]{2,}\^[A-Za-z]{2,}/.test(secret) || /\d{8}/.test(secret),
        allowPlaceholderLike: true,
        examples: { positive: ['PID|1||12345^^^HOSP^MR||DOE^JOHN^A||19610412|M'], negative: ['PID|1', 'echo "PID|"'] },
    }),
    phi({
        id: 'phi-fhir-patient',
        severity: 'medium',
        confidence: 'medium',
        description: 'FHIR Patient resource',
        keywords: ['resourcetype'],
        pattern: /"resourceType"\s*:\s*"(?<secret>Patient)"/g,
        context: /"(name|birthDate|identifier|telecom|address|family|given)"|\{\s*$|^\s*$/,
        contextOptional: true,
        allowPlaceholderLike: true,
        examples: { positive: ['{"resourceType": "Patient", "name": [{"family": "Chalmers"}]}'], negative: ['"resourceType": "Observation"'] },
    }),
];

;// CONCATENATED MODULE: ./packages/core/src/scan/rules/index.ts


/** Every built-in rule, most specific first (overlapping matches keep the earlier rule). */
const ALL_RULES = [...ALL_CREDENTIAL_RULES, ...PHI_RULES];


;// CONCATENATED MODULE: ./packages/core/src/scan/engine.ts









const DATA_FILE = /\.(csv|tsv|psv|txt|text|json|jsonl|ndjson|xml|hl7|fhir|log|dat|sql|md|rst)$/i;
function wantsWeakMatches(setting, path) {
    return setting === true || ((setting ?? 'data-files') === 'data-files' && DATA_FILE.test(path));
}
const engine_cache = new WeakMap();
function compileRules(rules) {
    const cached = engine_cache.get(rules);
    if (cached)
        return cached;
    const compiled = rules.map((rule, order) => {
        const c = {
            rule,
            order,
            pattern: new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gd]/g, '')}gd`),
        };
        c.trigger = { compiled: c, kind: 'trigger' };
        return c;
    });
    const entries = [];
    for (const c of compiled) {
        const onKeyword = c.rule.keywordsOnPreviousLine ? { compiled: c, kind: 'next-line' } : c.trigger;
        for (const k of c.rule.keywords ?? [])
            entries.push([k, onKeyword]);
        const gate = { compiled: c, kind: 'prefilter' };
        for (const k of c.rule.prefilter ?? [])
            entries.push([k, gate]);
    }
    const result = {
        index: new keyword_index_KeywordIndex(entries),
        always: compiled.filter((c) => !c.rule.keywords?.length),
        filtered: compiled.filter((c) => c.rule.prefilter?.length),
    };
    engine_cache.set(rules, result);
    return result;
}
function lower(severity) {
    return SCAN_SEVERITIES[Math.min(SCAN_SEVERITIES.indexOf(severity) + 1, SCAN_SEVERITIES.length - 1)];
}
function lowerConfidence(confidence) {
    return confidence === 'high' ? 'medium' : 'low';
}
/**
 * Turns the keyword pass's hits into per-line triggers (moving 'next-line' hits down a line) and returns
 * the rules whose file-level prefilter keywords occur nowhere in the file.
 */
function settleHits(rules, lineHits) {
    // Lists, not Sets: a file has a handful of each, and this runs once per file.
    const passed = [];
    for (let i = 0; i < lineHits.length; i++) {
        const hits = lineHits[i];
        if (hits)
            for (const h of hits) {
                if (h.kind === 'prefilter')
                    passed.push(h.compiled);
                else if (h.kind === 'next-line' && i + 1 < lineHits.length) {
                    const below = (lineHits[i + 1] ??= []);
                    if (!below.includes(h.compiled.trigger))
                        below.push(h.compiled.trigger);
                }
            }
    }
    return rules.filtered.filter((c) => !passed.includes(c));
}
/** Every rule match on one line (before overlap resolution). */
function matchLine(text, near, hits, always, off) {
    let found;
    if (hits)
        for (const h of hits)
            if (h.kind === 'trigger' && !off.includes(h.compiled))
                found = runRule(h.compiled, text, near, found);
    for (const compiled of always)
        if (!off.includes(compiled))
            found = runRule(compiled, text, near, found);
    return found;
}
function contextHolds(context, text, near) {
    return context.test(text) || context.test(near.previous) || context.test(near.next);
}
function runRule({ rule, order, pattern }, text, near, found) {
    if (rule.previousLine && !rule.previousLine.test(near.previous))
        return found;
    // Context depends on the line, not the match: tested at most once. Required context is cheaper to test
    // than most patterns, so it goes first.
    let inContext;
    if (rule.context && !rule.contextOptional && !(inContext = contextHolds(rule.context, text, near)))
        return found;
    pattern.lastIndex = 0;
    let m;
    while ((m = pattern.exec(text)) !== null) {
        if (m[0] === '')
            pattern.lastIndex++;
        const group = m.groups?.secret !== undefined ? 'secret' : m.groups?.secret2 !== undefined ? 'secret2' : undefined;
        const span = group ? m.indices?.groups?.[group] : m.indices?.[0];
        if (!span)
            continue;
        const secret = text.slice(span[0], span[1]);
        if (!rule.allowPlaceholderLike && isPlaceholder(secret))
            continue;
        if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy)
            continue;
        const verdict = rule.validate ? rule.validate(secret, { previous: near.previous, next: near.next, path: near.path, line: text, key: m.groups?.key }) : true;
        if (verdict === false || (verdict === 'weak' && !near.weakMatches))
            continue;
        inContext ??= !rule.context || contextHolds(rule.context, text, near);
        const withoutContext = !inContext;
        (found ??= []).push({ rule, order, start: span[0], end: span[1], secret, withoutContext, weak: verdict === 'weak' });
    }
    return found;
}
/** Keeps the most specific rule where matches overlap (rule order: provider rules before generic ones). */
function resolveOverlaps(candidates) {
    const kept = [];
    for (const c of candidates.sort((a, b) => Number(a.weak) - Number(b.weak) || a.order - b.order || a.start - b.start)) {
        if (!kept.some((k) => c.start < k.end && k.start < c.end))
            kept.push(c);
    }
    return kept.sort((a, b) => a.start - b.start);
}
function withoutCr(text) {
    return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}
function windows(text, size) {
    const overlap = Math.min(512, Math.floor(size / 4));
    const out = [];
    for (let offset = 0; offset < text.length; offset += size - overlap) {
        out.push({ offset, text: text.slice(offset, offset + size) });
        if (offset + size >= text.length)
            break;
    }
    return out;
}
class Scanner {
    options;
    rules;
    exclude;
    include;
    fixtures;
    maxLineLength;
    hashes = new Map();
    constructor(options = {}) {
        this.options = options;
        let rules = options.rules ?? ALL_RULES;
        if (options.disable?.length || options.categories) {
            const kept = rules.filter((r) => !options.disable?.includes(r.id) && (!options.categories || options.categories.includes(r.category)));
            // The same rules (nothing disabled, every category): keep the array, whose compiled form is cached.
            if (kept.length !== rules.length)
                rules = kept;
        }
        this.rules = compileRules(rules);
        this.exclude = new PathMatcher([...(options.defaultExcludes === false ? [] : DEFAULT_EXCLUDE), ...(options.exclude ?? [])]);
        this.include = new PathMatcher(options.include ?? []);
        this.fixtures = new PathMatcher(options.fixtures ?? DEFAULT_FIXTURES);
        this.maxLineLength = options.maxLineLength ?? 8192;
    }
    /** Why a path is not scanned, or undefined when it is. */
    skipReason(path) {
        if (this.include.matches(path))
            return undefined;
        if (this.exclude.matches(path))
            return 'excluded';
        if (this.options.defaultExcludes !== false && hasBinaryExtension(path))
            return 'binary';
        return undefined;
    }
    /** The diff sections worth scanning, and the others with the reason they are skipped. */
    select(sections) {
        const out = { files: [], skipped: [] };
        for (const f of sections) {
            const reason = f.binary ? 'binary' : this.skipReason(f.path);
            if (reason)
                out.skipped.push({ path: f.path, reason });
            else if (f.lines.length)
                out.files.push(f);
        }
        return out;
    }
    scanFile(file) {
        if (this.skipReason(file.path))
            return [];
        const findings = [];
        const fixture = this.fixtures.matches(file.path);
        const weak = wantsWeakMatches(this.options.weakMatches, file.path);
        const lines = file.lines;
        // One keyword pass over the file's text: the hits of each line; then the file-level prefilters.
        // Plain lists: a typed array costs more to allocate than 40 lines cost to fill.
        const texts = [];
        const ends = [];
        for (let i = 0, end = -1; i < lines.length; i++) {
            const text = lines[i].text;
            texts.push(text);
            ends.push((end += text.length + 1));
        }
        const joined = texts.join('\n');
        const lineHits = this.rules.index.findPerLine(joined, ends);
        const off = settleHits(this.rules, lineHits);
        const alwaysOn = this.rules.always.some((c) => !off.includes(c));
        for (let i = 0; i < lines.length; i++) {
            const hits = lineHits[i];
            // Nothing can match a line without a keyword hit when every unconditional rule is off.
            if (hits === undefined && !alwaysOn)
                continue;
            const current = lines[i];
            const text = withoutCr(current.text);
            // Nothing a rule matches is shorter than 6 characters.
            if (text.length < 6)
                continue;
            // Neighbours count only when they are the adjacent lines of the file (added lines of one hunk).
            const prev = lines[i - 1];
            const next = lines[i + 1];
            const near = {
                previous: prev && prev.line === current.line - 1 ? withoutCr(prev.text) : '',
                next: next && next.line === current.line + 1 ? withoutCr(next.text) : '',
                path: file.path,
                weakMatches: weak,
            };
            let candidates;
            if (text.length <= this.maxLineLength)
                candidates = matchLine(text, near, hits, this.rules.always, off);
            else {
                // A huge line (minified code) is matched in overlapping windows, each with the whole line's triggers.
                candidates = [];
                for (const w of windows(text, this.maxLineLength)) {
                    for (const c of matchLine(w.text, near, hits, this.rules.always, off) ?? []) {
                        const start = c.start + w.offset;
                        if (!candidates.some((k) => k.rule === c.rule && k.start === start))
                            candidates.push({ ...c, start, end: c.end + w.offset });
                    }
                }
            }
            if (!candidates?.length)
                continue;
            const kept = resolveOverlaps(candidates);
            const spans = kept.map((c) => ({
                start: c.start,
                end: c.end,
                category: c.rule.category,
                revealPrefix: c.rule.revealPrefix === true,
            }));
            const pragma = readPragma(text);
            for (const [k, c] of kept.entries()) {
                const finding = this.toFinding(c, file.path, current.line, text, spans, spans[k], fixture);
                if (pragma?.reason)
                    finding.suppressed = { kind: 'pragma', reason: pragma.reason };
                else if (pragma)
                    finding.note = 'closed-loop:allow needs a reason (closed-loop:allow <why this is safe>); ignored';
                if (!finding.suppressed || this.options.includeSuppressed)
                    findings.push(finding);
            }
        }
        return findings;
    }
    toFinding(c, path, line, text, spans, focus, fixture) {
        let severity = c.withoutContext ? lower(c.rule.severity) : c.rule.severity;
        let confidence = c.withoutContext ? lowerConfidence(c.rule.confidence) : c.rule.confidence;
        if (c.weak || (fixture && confidence !== 'high')) {
            severity = 'low';
            confidence = 'low';
        }
        const finding = {
            ruleId: c.rule.id,
            category: c.rule.category,
            severity,
            confidence,
            description: c.rule.description,
            file: path,
            line,
            column: c.start + 1,
            endColumn: c.end + 1,
            preview: redactedPreview(text, spans, focus),
            fingerprint: fingerprintOf(c.rule.id, path, this.hashOf(c)),
        };
        if (fixture)
            finding.fixture = true;
        return finding;
    }
    /** PHI hashes are deliberately slow (PBKDF2): a value repeated across a dump is hashed once. */
    hashOf(c) {
        const key = `${c.rule.id}\0${c.secret}`;
        let hash = this.hashes.get(key);
        if (hash === undefined)
            this.hashes.set(key, (hash = secretHash(c.secret, c.rule.category, c.rule.id)));
        return hash;
    }
    scan(files) {
        const findings = [];
        for (const f of files)
            for (const finding of this.scanFile(f))
                findings.push(finding);
        return findings;
    }
}
/**
 * Findings in the given added lines. Stable entry point (the recover engine validates fix patches
 * with it): findings silenced by an inline `closed-loop:allow <reason>` are left out unless
 * `options.includeSuppressed` is set; baselines and bypasses are the caller's business.
 */
function scanAddedLines(files, options) {
    return new Scanner(options).scan(files);
}

;// CONCATENATED MODULE: ./packages/core/src/scan/diff.ts
/** Undoes git's C-style path quoting ("a/caf\303\251.txt"): octal escapes are UTF-8 bytes. */
function unquoteGitPath(raw) {
    if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2)
        return raw;
    const bytes = [];
    const simple = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
    for (let i = 1; i < raw.length - 1; i++) {
        const ch = raw[i];
        if (ch !== '\\') {
            bytes.push(...Buffer.from(ch, 'utf8'));
            continue;
        }
        const next = raw[i + 1];
        if (/[0-7]/.test(next)) {
            bytes.push(parseInt(raw.slice(i + 1, i + 4), 8));
            i += 3;
        }
        else {
            bytes.push(simple[next] ?? next.charCodeAt(0));
            i += 1;
        }
    }
    return Buffer.from(bytes).toString('utf8');
}
function stripPrefix(path) {
    const unquoted = unquoteGitPath(path.replace(/\t$/, ''));
    return unquoted.replace(/^[abciwo12]\//, '');
}
/**
 * The added lines of a unified diff (git diff / format-patch), with their new-file line numbers.
 * Deleted lines and context are ignored: a commit that removes a secret must not be reported.
 * `paths`, when given (from `git diff --raw -z`), replaces the header paths in order, so file names
 * with newlines or odd bytes stay exact.
 */
function parseUnifiedDiff(diff, paths) {
    const files = [];
    let current;
    let newLine = 0;
    let inHunk = false;
    let remainingOld = 0;
    let remainingNew = 0;
    const lines = diff.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const raw = lines[i];
        if (inHunk && (remainingOld > 0 || remainingNew > 0)) {
            const tag = raw[0];
            if (tag === '+') {
                current?.lines.push({ line: newLine++, text: raw.slice(1) });
                remainingNew--;
                continue;
            }
            if (tag === '-') {
                remainingOld--;
                continue;
            }
            if (tag === ' ' || raw === '') {
                newLine++;
                remainingOld--;
                remainingNew--;
                continue;
            }
            if (tag === '\\')
                continue; // "\ No newline at end of file"
        }
        inHunk = false;
        if (raw.startsWith('diff --git ') || raw.startsWith('diff --cc ') || raw.startsWith('diff --combined ')) {
            const header = /^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|.+)$/.exec(raw);
            current = { path: header ? stripPrefix(header[2]) : raw.slice(raw.lastIndexOf(' ') + 1), lines: [], binary: false, deleted: false };
            files.push(current);
        }
        else if (raw.startsWith('+++ ') && current) {
            const target = raw.slice(4);
            if (target === '/dev/null')
                current.deleted = true;
            else
                current.path = stripPrefix(target);
        }
        else if (raw.startsWith('deleted file mode') && current)
            current.deleted = true;
        else if ((raw.startsWith('Binary files ') || raw === 'GIT binary patch') && current)
            current.binary = true;
        else if (raw.startsWith('@@') && current) {
            const hunk = /^@@+ -\d+(?:,(\d+))? .*?\+(\d+)(?:,(\d+))? @@/.exec(raw);
            if (!hunk)
                continue;
            newLine = Number(hunk[2]);
            remainingOld = hunk[1] === undefined ? 1 : Number(hunk[1]);
            remainingNew = hunk[3] === undefined ? 1 : Number(hunk[3]);
            inHunk = true;
        }
    }
    // The NUL-separated list is exact; use it when it lines up one-to-one with the sections.
    if (paths && paths.length === files.length)
        files.forEach((f, i) => (f.path = paths[i]));
    return files;
}

;// CONCATENATED MODULE: ./packages/core/src/git/scan.ts



// No external diff drivers or textconv filters: we scan the bytes that are committed, and a repo's
// config must not be able to run programs during a scan.
const DIFF_FLAGS = ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--no-renames', '--unified=0', '--raw', '-z', '-p', '--diff-filter=ACMRTU'];
/**
 * `--raw -z -p` prints the NUL-separated file list first (exact paths), a NUL, then the patch; the
 * list gives each section its exact path.
 */
function splitRawAndPatch(output) {
    const text = output.toString('utf8');
    const boundary = text.indexOf('\0\0');
    const rawPart = boundary >= 0 ? text.slice(0, boundary + 1) : '';
    const patch = boundary >= 0 ? text.slice(boundary + 2) : text;
    const fields = rawPart.split('\0').filter((f, i, all) => f !== '' || i < all.length - 1);
    const paths = [];
    for (let i = 0; i < fields.length; i++) {
        if (fields[i].startsWith(':')) {
            paths.push(fields[i + 1] ?? '');
            i++;
        }
    }
    return { paths, patch };
}
async function scan_diffFiles(git, args) {
    // core.quotePath=true (through the environment, so the command stays `git diff …`): header paths are
    // C-quoted ASCII that unquoteGitPath decodes exactly.
    const { stdout } = await git.run([...DIFF_FLAGS, ...args], {
        env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotePath', GIT_CONFIG_VALUE_0: 'true' },
    });
    const { paths, patch } = splitRawAndPatch(stdout);
    return parseUnifiedDiff(patch, paths);
}
/** Added lines of the index against HEAD (the pre-commit hook's view); works before the first commit. */
async function stagedDiff(git) {
    const head = await git.tryResolve('HEAD');
    return scan_diffFiles(git, ['--cached', ...(head ? ['--end-of-options', head] : []), '--']);
}
/** Added lines of `A..B` (or `A...B`: against the merge base), as a PR or push introduces them. */
async function rangeDiff(git, range) {
    const match = /^(.+?)(\.\.\.?)(.+)$/.exec(range);
    if (!match)
        throw new ConfigurationError(`--range ${JSON.stringify(range)}: not a commit range; give A..B (commits in B not in A) or A...B (since their merge base).`);
    const [, from, dots, to] = match;
    return scan_diffFiles(git, ['--end-of-options', `${assertRev(from)}${dots}${assertRev(to)}`, '--']);
}

;// CONCATENATED MODULE: ./packages/core/src/scan/baseline.ts

const BASELINE_PATH = '.closed-loop/secrets-baseline.json';
function emptyBaseline() {
    return { version: 1, entries: [] };
}
function parseBaseline(text, filename = BASELINE_PATH) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new ConfigurationError(`${filename}: not valid JSON (${error.message}); fix it or regenerate with \`closed-loop scan --update-baseline\`.`);
    }
    const entries = data.entries;
    if (data.version !== 1 || !Array.isArray(entries)) {
        throw new ConfigurationError(`${filename}: expected {"version": 1, "entries": [...]}; regenerate with \`closed-loop scan --update-baseline\`.`);
    }
    entries.forEach((e, i) => {
        if (typeof e.fingerprint !== 'string' || typeof e.file !== 'string' || typeof e.ruleId !== 'string') {
            throw new ConfigurationError(`${filename}: entry ${i} needs string "fingerprint", "ruleId" and "file".`);
        }
    });
    return {
        version: 1,
        entries: entries.map((e) => ({ ...e, reason: e.reason ?? '', addedAt: e.addedAt ?? '' })),
    };
}
function serializeBaseline(baseline) {
    const entries = [...baseline.entries].sort((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint));
    return `${JSON.stringify({ version: 1, entries }, null, 2)}\n`;
}
/**
 * Marks findings the baseline accepts. An entry is stale when its file was scanned whole (or is gone)
 * and its fingerprint was not found: the secret was removed, so the entry should go too.
 */
function applyBaseline(findings, baseline, judged) {
    const byFingerprint = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
    const seen = new Set();
    const out = findings.map((f) => {
        const entry = byFingerprint.get(f.fingerprint);
        if (!entry || f.suppressed)
            return f;
        seen.add(entry.fingerprint);
        return { ...f, suppressed: { kind: 'baseline', reason: entry.reason || 'accepted in the baseline' } };
    });
    for (const f of findings)
        if (byFingerprint.has(f.fingerprint))
            seen.add(f.fingerprint);
    const stale = baseline.entries.filter((e) => !seen.has(e.fingerprint) && (judged.fullyScanned.has(e.file) || judged.missing?.has(e.file)));
    return { findings: out, stale };
}
/**
 * The baseline after `--update-baseline`: every current unsuppressed-by-pragma finding accepted,
 * existing reasons kept, stale entries dropped.
 */
function updatedBaseline(previous, findings, stale, now) {
    const staleSet = new Set(stale.map((e) => e.fingerprint));
    const keep = new Map(previous.entries.filter((e) => !staleSet.has(e.fingerprint)).map((e) => [e.fingerprint, e]));
    for (const f of findings) {
        if (f.suppressed?.kind === 'pragma' || keep.has(f.fingerprint))
            continue;
        keep.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, reason: '', addedAt: now.toISOString() });
    }
    return { version: 1, entries: [...keep.values()] };
}

;// CONCATENATED MODULE: ./packages/core/src/scan/report.ts

const REPORT_SCHEMA_ID = 'urn:closed-loop:schema:secret-scan-report:1';
/** The report: which findings block (at or above fail-on, not suppressed), unless a bypass was granted. */
function buildReport(input) {
    const findings = input.findings.map((f) => ({ ...f, blocking: !f.suppressed && atOrAbove(f.severity, input.failOn) }));
    const blocking = findings.filter((f) => f.blocking).length;
    const bySeverity = Object.fromEntries(SCAN_SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s && !f.suppressed).length]));
    const report = {
        $schema: REPORT_SCHEMA_ID,
        version: 1,
        tool: { name: 'closed-loop', version: input.version },
        generatedAt: input.now.toISOString(),
        source: input.source,
        failOn: input.failOn,
        blocked: blocking > 0 && !input.bypass,
        summary: {
            filesScanned: input.filesScanned,
            linesScanned: input.linesScanned,
            findings: findings.length,
            blocking,
            suppressed: findings.filter((f) => f.suppressed).length,
            bySeverity,
        },
        findings,
        staleBaseline: [...input.stale],
        skipped: input.skipped ?? [],
    };
    if (input.bypass)
        report.bypass = input.bypass;
    return report;
}
/** `.security-scans/scan-20260102T030405Z.json` */
function reportFileName(now) {
    return `scan-${now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}.json`;
}
const report_str = { type: 'string' };
const report_int = { type: 'integer', minimum: 0 };
const report_severity = { enum: [...SCAN_SEVERITIES] };
/** JSON Schema of the report (draft 2020-12), also printed in docs/secret-scan.md. */
const REPORT_SCHEMA = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: REPORT_SCHEMA_ID,
    title: 'closed-loop secret-scan report',
    type: 'object',
    required: ['$schema', 'version', 'tool', 'generatedAt', 'source', 'failOn', 'blocked', 'summary', 'findings', 'staleBaseline', 'skipped'],
    properties: {
        $schema: { const: REPORT_SCHEMA_ID },
        version: { const: 1 },
        tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'closed-loop' }, version: report_str } },
        generatedAt: { type: 'string', format: 'date-time' },
        source: {
            type: 'object',
            required: ['mode'],
            properties: { mode: { enum: ['staged', 'range', 'files', 'pull_request', 'push'] }, range: report_str, repository: report_str, pullRequest: report_int, commit: report_str },
        },
        failOn: report_severity,
        blocked: { type: 'boolean', description: 'true when a finding blocks and no bypass was granted' },
        summary: {
            type: 'object',
            required: ['filesScanned', 'linesScanned', 'findings', 'blocking', 'suppressed', 'bySeverity'],
            properties: {
                filesScanned: report_int,
                linesScanned: report_int,
                findings: report_int,
                blocking: report_int,
                suppressed: report_int,
                bySeverity: { type: 'object', additionalProperties: report_int },
            },
        },
        findings: {
            type: 'array',
            items: {
                type: 'object',
                required: ['ruleId', 'category', 'severity', 'confidence', 'description', 'file', 'line', 'column', 'endColumn', 'preview', 'fingerprint', 'blocking'],
                properties: {
                    ruleId: report_str,
                    category: { enum: ['credential', 'phi'] },
                    severity: report_severity,
                    confidence: { enum: ['high', 'medium', 'low'] },
                    description: report_str,
                    file: report_str,
                    line: { type: 'integer', minimum: 1 },
                    column: { type: 'integer', minimum: 1 },
                    endColumn: { type: 'integer', minimum: 1 },
                    preview: { type: 'string', description: 'the line around the finding, every detected secret masked' },
                    fingerprint: { type: 'string', description: '<ruleId>:<file>:<hash of the secret>' },
                    fixture: { type: 'boolean' },
                    note: report_str,
                    blocking: { type: 'boolean' },
                    suppressed: { type: 'object', required: ['kind', 'reason'], properties: { kind: { enum: ['pragma', 'baseline', 'bypass'] }, reason: report_str, by: report_str } },
                },
            },
        },
        staleBaseline: {
            type: 'array',
            items: {
                type: 'object',
                required: ['fingerprint', 'ruleId', 'file'],
                properties: { fingerprint: report_str, ruleId: report_str, file: report_str, reason: report_str, addedAt: report_str },
            },
        },
        bypass: { type: 'object', required: ['label', 'by', 'reason'], properties: { label: report_str, by: report_str, reason: report_str, commentUrl: report_str } },
        skipped: { type: 'array', items: { type: 'object', required: ['path', 'reason'], properties: { path: report_str, reason: report_str } } },
    },
};

;// CONCATENATED MODULE: ./packages/core/src/scan/sarif.ts

const LEVEL = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SCORE = { critical: '9.5', high: '8.0', medium: '5.0', low: '2.0' };
/** SARIF 2.1.0 for GitHub code scanning: one result per finding, fingerprint as partialFingerprints. */
function toSarif(report, informationUri = 'https://github.com/closed-loop/closed-loop') {
    const used = new Set(report.findings.map((f) => f.ruleId));
    const rules = ALL_RULES.filter((r) => used.has(r.id)).map((r) => ({
        id: r.id,
        name: r.id.replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase()),
        shortDescription: { text: r.description },
        defaultConfiguration: { level: LEVEL[r.severity] },
        properties: { tags: ['security', r.category], 'security-severity': SCORE[r.severity] },
    }));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'closed-loop secret-scan', version: report.tool.version, informationUri, rules } },
                results: report.findings.map((f) => ({
                    ruleId: f.ruleId,
                    level: LEVEL[f.severity],
                    message: { text: `${f.description} (${f.severity}, ${f.confidence} confidence): ${f.preview}` },
                    locations: [
                        { physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line, startColumn: f.column, endColumn: f.endColumn } } },
                    ],
                    partialFingerprints: { 'closedLoop/v1': f.fingerprint },
                    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind === 'pragma' ? 'inSource' : 'external', justification: f.suppressed.reason }] } : {}),
                })),
            },
        ],
    };
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/scan.ts





async function repoRoot(cwd) {
    return new Git(cwd).text(['rev-parse', '--show-toplevel']).catch(() => undefined);
}
function readWhole(paths, root, cwd, scanner) {
    const out = { mode: 'files', files: [], skipped: [], whole: new Set() };
    for (const given of paths) {
        const absolute = (0,external_node_path_namespaceObject.resolve)(cwd, given);
        const path = (0,external_node_path_namespaceObject.relative)(root, absolute).split('\\').join('/');
        const reason = scanner.skipReason(path);
        if (reason) {
            out.skipped.push({ path, reason });
            continue;
        }
        let bytes;
        try {
            bytes = (0,external_node_fs_namespaceObject.readFileSync)(absolute);
        }
        catch {
            throw new ConfigurationError(`--files: cannot read ${given}; pass existing files.`);
        }
        const text = decodeText(bytes);
        if (text === undefined)
            out.skipped.push({ path, reason: 'binary' });
        else
            out.files.push({ path, lines: textLines(text) });
        out.whole.add(path);
    }
    return out;
}
function formatText(report) {
    const lines = report.findings.map((f) => {
        const status = f.suppressed ? ` [allowed: ${f.suppressed.kind}: ${f.suppressed.reason}]` : f.blocking ? ' [BLOCKING]' : '';
        return `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.preview}${status}${f.note ? ` (${f.note})` : ''}`;
    });
    for (const s of report.staleBaseline)
        lines.push(`${s.file}: stale baseline entry ${s.fingerprint} (the secret is gone; run --update-baseline)`);
    const { summary } = report;
    lines.push(`closed-loop scan: ${summary.findings} finding(s) in ${summary.filesScanned} file(s), ${summary.blocking} at or above ${report.failOn}, ${summary.suppressed} allowed${report.staleBaseline.length ? `, ${report.staleBaseline.length} stale baseline entr${report.staleBaseline.length === 1 ? 'y' : 'ies'}` : ''}.`);
    if (report.blocked)
        lines.push('Blocked. Remove the secret (and rotate it), or allow a false positive with `closed-loop:allow <reason>` on the line or `closed-loop scan --update-baseline`.');
    return `${lines.join('\n')}\n`;
}
/** The `scan:` settings; the full loader (slower, precise errors) only when the quick check finds a problem. */
function readScanConfig(text) {
    let document;
    try {
        document = yaml.load(text);
    }
    catch {
        document = false;
    }
    return quickScanSection(document) ?? scanConfigOf(loadConfig(text, CONFIG_PATH).scan);
}
async function run(args, io) {
    const modes = [args.values.staged === true, stringArg(args, 'range') !== undefined, args.positionals.length > 0 || args.values.files === true].filter(Boolean).length;
    if (modes > 1)
        throw new ConfigurationError('choose one of --staged, --range A..B or --files PATH …');
    if (args.values.files === true && args.positionals.length === 0 && args.values['update-baseline'] !== true)
        throw new ConfigurationError('--files needs at least one PATH to scan, e.g. `closed-loop scan --files src/config.ts`.');
    const failOnArg = stringArg(args, 'fail-on');
    if (failOnArg !== undefined && !SCAN_SEVERITIES.includes(failOnArg))
        throw new ConfigurationError(`--fail-on must be one of ${SCAN_SEVERITIES.join(', ')}; got "${failOnArg}".`);
    const repo = await repoRoot(io.cwd);
    const inRepo = repo !== undefined;
    const root = repo ?? io.cwd;
    const configPath = (0,external_node_path_namespaceObject.join)(root, CONFIG_PATH);
    const config = (0,external_node_fs_namespaceObject.existsSync)(configPath) ? readScanConfig((0,external_node_fs_namespaceObject.readFileSync)(configPath, 'utf8')) : scanConfigOf(undefined);
    const failOn = (failOnArg ?? config.fail_on);
    const scanner = new Scanner({ ...scanOptionsOf(config), includeSuppressed: true });
    const git = new Git(root);
    const range = stringArg(args, 'range');
    let collected;
    if (args.positionals.length > 0)
        collected = readWhole(args.positionals, root, io.cwd, scanner);
    else if (args.values['update-baseline'] === true && !range && args.values.staged !== true) {
        const tracked = (await git.fields(['ls-files', '-z', '--cached'])).filter((p) => !scanner.skipReason(p) && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(root, p)));
        collected = readWhole(tracked.map((p) => (0,external_node_path_namespaceObject.join)(root, p)), root, root, scanner);
    }
    else {
        if (!inRepo)
            throw new ConfigurationError(`${io.cwd} is not in a git repository; scan files with --files PATH …`);
        const diff = await (range ? rangeDiff(git, range) : stagedDiff(git)).catch((error) => {
            if (error instanceof git_GitError)
                throw new ConfigurationError(`${range ? `--range ${range}` : '--staged'}: ${error.message}`);
            throw error;
        });
        collected = { mode: range ? 'range' : 'staged', ...scanner.select(diff), whole: new Set() };
    }
    const baselinePath = (0,external_node_path_namespaceObject.join)(root, config.baseline);
    const baseline = (0,external_node_fs_namespaceObject.existsSync)(baselinePath) ? parseBaseline((0,external_node_fs_namespaceObject.readFileSync)(baselinePath, 'utf8'), config.baseline) : emptyBaseline();
    const raw = scanner.scan(collected.files);
    const missing = new Set(baseline.entries.map((e) => e.file).filter((file) => !(0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(root, file))));
    const { findings, stale } = applyBaseline(raw, baseline, { fullyScanned: collected.whole, missing });
    const now = new Date();
    if (args.values['update-baseline'] === true) {
        const next = updatedBaseline(baseline, findings, stale, now);
        (0,external_node_fs_namespaceObject.mkdirSync)((0,external_node_path_namespaceObject.dirname)(baselinePath), { recursive: true });
        (0,external_node_fs_namespaceObject.writeFileSync)(baselinePath, serializeBaseline(next));
        io.stdout(`closed-loop scan: baseline ${config.baseline} now has ${next.entries.length} entr${next.entries.length === 1 ? 'y' : 'ies'} (${stale.length} stale removed). Add a reason to each new entry.\n`);
        return EXIT.ok;
    }
    const report = buildReport({
        findings,
        stale,
        failOn,
        source: { mode: collected.mode, ...(range ? { range } : {}) },
        now,
        version: VERSION,
        filesScanned: collected.files.length,
        linesScanned: collected.files.reduce((n, f) => n + f.lines.length, 0),
        skipped: collected.skipped,
    });
    // The findings are printed before any file is written, so a bad --sarif path never hides them.
    io.stdout(args.values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatText(report));
    const sarif = stringArg(args, 'sarif');
    if (sarif)
        (0,external_node_fs_namespaceObject.writeFileSync)((0,external_node_path_namespaceObject.isAbsolute)(sarif) ? sarif : (0,external_node_path_namespaceObject.resolve)(io.cwd, sarif), `${JSON.stringify(toSarif(report), null, 2)}\n`);
    const reportDir = args.values.report === true ? (0,external_node_path_namespaceObject.join)(root, config.report_dir) : undefined;
    if (reportDir) {
        (0,external_node_fs_namespaceObject.mkdirSync)(reportDir, { recursive: true });
        (0,external_node_fs_namespaceObject.writeFileSync)((0,external_node_path_namespaceObject.join)(reportDir, reportFileName(now)), `${JSON.stringify(report, null, 2)}\n`);
    }
    return report.blocked ? EXIT.findings : EXIT.ok;
}
const scanCommand = {
    name: 'scan',
    summary: 'find credentials and PHI in added lines (staged changes, a range) or in files.',
    failsWith: 'a finding at or above --fail-on',
    usage: '[--staged | --range A..B | --files PATH …] [--json] [--sarif FILE] [--fail-on SEV] [--report] [--update-baseline]',
    positionals: true,
    options: {
        staged: { type: 'boolean', description: 'Scan the added lines of the index (the pre-commit hook; the default).' },
        range: { type: 'string', valueName: 'A..B', description: 'Scan the lines added by a commit range (A...B: since the merge base).' },
        files: { type: 'boolean', description: 'Scan the files given as arguments, whole.' },
        json: { type: 'boolean', description: 'Print the JSON report (schema in docs/secret-scan.md).' },
        sarif: { type: 'string', valueName: 'FILE', description: 'Also write SARIF 2.1.0 for code scanning.' },
        'fail-on': { type: 'string', valueName: 'SEV', description: 'Lowest blocking severity: critical, high (default), medium or low.' },
        report: { type: 'boolean', description: 'Also write the report to <report_dir>/scan-<UTC timestamp>.json.' },
        'update-baseline': {
            type: 'boolean',
            description: 'Accept every current finding into the baseline (whole tracked tree unless --files), dropping stale entries.',
        },
    },
    details: 'Allow a false positive on its line with `closed-loop:allow <reason>`. The secret itself is never printed.',
    run,
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/index.ts









/** Every `closed-loop` command; each engine's issue adds its own here. */
const COMMANDS = [
    classifyCommand,
    recoverCommand,
    notifyCommand,
    replayCommand,
    reviewHashCommand,
    hooksCommand,
    scanCommand,
    discoverCommand,
    configCommand,
];

;// CONCATENATED MODULE: ./packages/cli/src/main.ts





const ROOT = {
    name: 'closed-loop',
    summary: 'run closed-loop engines locally: hooks, scans, classification, replay.',
    subcommands: COMMANDS,
    options: { version: { type: 'boolean', short: 'v', description: 'Print the version.' } },
    details: "Run `closed-loop <command> --help` for a command's options.",
};
class UsageError extends Error {
}
/** Parses argv, runs the command, and maps every failure to an exit code and one line on stderr. */
async function main(argv, io) {
    try {
        return await dispatch(ROOT, argv, [], io);
    }
    catch (error) {
        if (error instanceof UsageError) {
            io.stderr(`closed-loop: ${error.message}\n`);
            return EXIT.usage;
        }
        const user = asUserError(error);
        if (user) {
            io.stderr(`closed-loop: ${oneLine(user.message)}\n`);
            return EXIT.usage;
        }
        io.stderr(`closed-loop: internal error: ${oneLine(errorMessage(error))} (a bug in closed-loop: set CLOSED_LOOP_DEBUG=1 for the stack and report it)\n`);
        if (io.env.CLOSED_LOOP_DEBUG && error instanceof Error)
            io.stderr(`${error.stack ?? ''}\n`);
        return EXIT.internal;
    }
}
async function dispatch(command, argv, path, io) {
    const [first, ...rest] = argv;
    const sub = first && !first.startsWith('-') ? command.subcommands?.find((c) => c.name === first) : undefined;
    if (sub)
        return dispatch(sub, rest, [...path, sub.name], io);
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({
            args: argv,
            options: { ...(command.options ?? {}), help: { type: 'boolean', short: 'h' } },
            allowPositionals: true,
            strict: true,
        });
    }
    catch (error) {
        throw new UsageError(`${errorMessage(error).replace(/\. To specify.*$/, '')}. See \`closed-loop ${path.join(' ')} --help\`.`.replace('  ', ' '));
    }
    if (parsed.values.help) {
        io.stdout(commandHelp(command, path));
        return EXIT.ok;
    }
    if (path.length === 0 && parsed.values.version) {
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
    }
    if (parsed.positionals.length && !command.positionals) {
        const hint = command.subcommands?.length ? `unknown command "${parsed.positionals[0]}"` : `unexpected argument "${parsed.positionals[0]}"`;
        throw new UsageError(`${hint}. See \`${['closed-loop', ...path].join(' ')} --help\`.`);
    }
    if (!command.run) {
        io.stderr(commandHelp(command, path));
        return EXIT.usage;
    }
    return command.run({ values: parsed.values, positionals: parsed.positionals }, io);
}


/***/ }),

/***/ 4352:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = __nccwpck_require__(5077)
const { SCHEMES, getSchemeHandler } = __nccwpck_require__(5300)

const VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u
const MALFORMED_SCHEME_ERROR = 'URI scheme is malformed.'
const MALFORMED_HOST_ERROR = 'URI host is malformed.'
// ASCII characters outside the RFC 3986 reg-name set (unreserved, sub-delims
// and "%" for pct-encoded): C0 controls, space, DEL, and "#/:<>?@[\]^`{|}.
const FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u

/**
 * RFC 3986 section 3.1 does not allow percent-encoding in a scheme, so the
 * scheme is validated as-is and never decoded. Decoding would let inert input
 * such as `%6Aavascript:` become a live `javascript:` scheme.
 *
 * @param {string} scheme
 * @returns {string}
 */
function validateScheme (scheme) {
  const stringScheme = String(scheme)
  if (!VALID_SCHEME.test(stringScheme)) {
    throw new TypeError(MALFORMED_SCHEME_ERROR)
  }
  return stringScheme
}

/**
 * @template {import('./types/index').URIComponent|string} T
 * @param {T} uri
 * @param {import('./types/index').Options} [options]
 * @returns {T}
 */
function normalize (uri, options) {
  if (typeof uri === 'string') {
    uri = /** @type {T} */ (normalizeString(uri, options))
  } else if (typeof uri === 'object') {
    uri = /** @type {T} */ (parse(serialize(uri, options), options))
  }
  return uri
}

/**
 * @param {string} baseURI
 * @param {string} relativeURI
 * @param {import('./types/index').Options} [options]
 * @returns {string}
 */
function resolve (baseURI, relativeURI, options) {
  const schemelessOptions = options ? Object.assign({ scheme: 'null' }, options) : { scheme: 'null' }
  const {
    parsed: baseParsed,
    malformedAuthorityOrPort: baseMalformed,
    malformedPercentEncoding: baseMalformedPercentEncoding,
    malformedSchemeSpecific: baseMalformedSchemeSpecific,
    malformedHost: baseMalformedHost,
    malformedScheme: baseMalformedScheme
  } = parseWithStatus(baseURI, schemelessOptions)
  const {
    parsed: relativeParsed,
    malformedAuthorityOrPort: relativeMalformed,
    malformedPercentEncoding: relativeMalformedPercentEncoding,
    malformedSchemeSpecific: relativeMalformedSchemeSpecific,
    malformedHost: relativeMalformedHost,
    malformedScheme: relativeMalformedScheme
  } = parseWithStatus(relativeURI, schemelessOptions)
  if (
    baseMalformed ||
    relativeMalformed ||
    baseMalformedPercentEncoding ||
    relativeMalformedPercentEncoding ||
    baseMalformedSchemeSpecific ||
    relativeMalformedSchemeSpecific ||
    baseMalformedHost ||
    relativeMalformedHost ||
    baseMalformedScheme ||
    relativeMalformedScheme
  ) {
    throw new Error(baseParsed.error || relativeParsed.error || 'URI is malformed.')
  }
  const resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, true)
  const resolvedSchemeHandler = getSchemeHandler((options && options.scheme) || resolved.scheme)
  const resolvedHost = resolved.host
  const resolvedHostIsIP = resolvedHost !== undefined && resolvedHost !== '' &&
    (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6)
  // Inputs are parsed scheme-neutrally, so delimiters and controls in a domain
  // host are only detected here, once the final scheme is known. They always
  // fail closed, including in percent-encoded hosts.
  if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)) {
    throw new Error(MALFORMED_HOST_ERROR)
  }
  canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP)
  // Percent escapes in an ASCII reg-name are encoded data. The WHATWG hostname
  // parser can reject them even though fast-uri preserves them safely as RFC
  // 3986 data. A raw non-ASCII host must still fail closed if conversion fails.
  const encodedASCIIHost = resolvedHost && resolvedHost.indexOf('%') !== -1 &&
    !/\P{ASCII}/u.test(resolvedHost)
  if (resolved.error && !encodedASCIIHost) {
    throw new Error(resolved.error)
  }
  schemelessOptions.skipEscape = true
  return serialize(resolved, schemelessOptions)
}

/**
 * @param {import ('./types/index').URIComponent} base
 * @param {import ('./types/index').URIComponent} relative
 * @param {import('./types/index').Options} [options]
 * @param {boolean} [skipNormalization=false]
 * @returns {import ('./types/index').URIComponent}
 */
function resolveComponent (base, relative, options, skipNormalization) {
  /** @type {import('./types/index').URIComponent} */
  const target = {}
  if (!skipNormalization) {
    base = parse(serialize(base, options), options) // normalize base component
    relative = parse(serialize(relative, options), options) // normalize relative component
  }
  options = options || {}

  if (!options.tolerant && relative.scheme) {
    target.scheme = relative.scheme
    // target.authority = relative.authority;
    target.userinfo = relative.userinfo
    target.host = relative.host
    target.port = relative.port
    target.path = removeDotSegments(relative.path || '')
    target.query = relative.query
  } else {
    if (relative.userinfo !== undefined || relative.host !== undefined || relative.port !== undefined) {
      // target.authority = relative.authority;
      target.userinfo = relative.userinfo
      target.host = relative.host
      target.port = relative.port
      target.path = removeDotSegments(relative.path || '')
      target.query = relative.query
    } else {
      if (!relative.path) {
        target.path = base.path
        if (relative.query !== undefined) {
          target.query = relative.query
        } else {
          target.query = base.query
        }
      } else {
        if (relative.path[0] === '/') {
          target.path = removeDotSegments(relative.path)
        } else {
          const baseHasAuthority = base.userinfo !== undefined || base.host !== undefined || base.port !== undefined
          if (baseHasAuthority && !base.path) {
            target.path = '/' + relative.path
          } else if (!base.path) {
            target.path = relative.path
          } else {
            target.path = base.path.slice(0, base.path.lastIndexOf('/') + 1) + relative.path
          }
          target.path = base.scheme === undefined && !baseHasAuthority && target.path[0] !== '/'
            ? removeDotSegmentsRelative(target.path)
            : removeDotSegments(target.path)
        }
        target.query = relative.query
      }
      // target.authority = base.authority;
      target.userinfo = base.userinfo
      target.host = base.host
      target.port = base.port
    }
    target.scheme = base.scheme
  }

  target.fragment = relative.fragment

  return target
}

/**
 * @param {import ('./types/index').URIComponent|string} uriA
 * @param {import ('./types/index').URIComponent|string} uriB
 * @param {import ('./types/index').Options} options
 * @returns {boolean}
 */
function equal (uriA, uriB, options) {
  const normalizedA = normalizeComparableURI(uriA, options)
  const normalizedB = normalizeComparableURI(uriB, options)

  return normalizedA !== undefined && normalizedB !== undefined && normalizedA === normalizedB
}

/**
 * @param {Readonly<import('./types/index').URIComponent>} cmpts
 * @param {import('./types/index').Options} [opts]
 * @returns {string}
 */
function serialize (cmpts, opts) {
  const component = {
    host: cmpts.host,
    scheme: cmpts.scheme,
    userinfo: cmpts.userinfo,
    port: cmpts.port,
    path: cmpts.path,
    query: cmpts.query,
    nid: cmpts.nid,
    nss: cmpts.nss,
    uuid: cmpts.uuid,
    fragment: cmpts.fragment,
    reference: cmpts.reference,
    resourceName: cmpts.resourceName,
    secure: cmpts.secure,
    error: ''
  }
  const options = Object.assign({}, opts)
  const uriTokens = []

  if (component.scheme) {
    component.scheme = validateScheme(component.scheme)
  }

  // find scheme handler
  const schemeHandler = getSchemeHandler(options.scheme || component.scheme)

  // perform scheme specific serialization
  if (schemeHandler && schemeHandler.serialize) schemeHandler.serialize(component, options)

  const hasAuthority = component.userinfo !== undefined || component.host !== undefined || component.port !== undefined
  // A reference with no emitted scheme is path-noscheme: a bare ':' in its
  // first path segment would reparse as a scheme (RFC 3986 3.3/4.2). Enforced
  // under skipEscape too (resolve()), so the reapply below gates on this flag.
  const schemelessReference = (component.scheme === undefined || options.reference === 'suffix') && !hasAuthority
  const pathNoScheme = !options.skipEscape && schemelessReference

  if (component.path !== undefined) {
    if (!options.skipEscape) {
      component.path = serializePathEncoding(component.path, pathNoScheme)
    } else {
      component.path = normalizePercentEncoding(component.path)
    }
  }

  if (options.reference !== 'suffix' && component.scheme) {
    // Scheme handlers may replace the scheme during serialization.
    component.scheme = validateScheme(component.scheme)
    uriTokens.push(component.scheme, ':')
  }

  const authority = recomposeAuthority(component)
  if (authority !== undefined) {
    if (options.reference !== 'suffix') {
      uriTokens.push('//')
    }

    uriTokens.push(authority)

    if (component.path && component.path[0] !== '/') {
      uriTokens.push('/')
    }
  }
  if (component.path !== undefined) {
    let s = component.path

    if (!options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath)) {
      // A relative-path reference keeps its unresolvable leading ".." segments
      // and must never become root-relative (RFC 3986 section 5.2.4 applies to
      // merged target paths, not to the reference itself).
      s = schemelessReference && s[0] !== '/'
        ? removeDotSegmentsRelative(s)
        : removeDotSegments(s)
    }

    // Dot-segment removal can expose a colon that was not originally in the
    // first segment (for example, "./a:b"). Reapply path-noscheme encoding so
    // the serialized relative reference cannot be reparsed as a URI scheme.
    if (schemelessReference) {
      s = serializePathEncoding(s, true)
    }

    if (
      authority === undefined &&
      s[0] === '/' &&
      s[1] === '/'
    ) {
      // don't allow the path to start with "//"
      s = '/%2F' + s.slice(2)
    }

    uriTokens.push(s)
  }

  if (component.query !== undefined) {
    uriTokens.push('?', encodeQuery(component.query))
  }

  if (component.fragment !== undefined) {
    uriTokens.push('#', encodeFragment(component.fragment))
  }
  return uriTokens.join('')
}

const URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u

// Captures the authority component (between "//" and the next "/", "?" or "#"),
// with or without a scheme prefix, for the literal-backslash rejection below.
const AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/

// Captures the leading authority-introducer region after an optional scheme: a
// run of forward slashes, backslashes, and the characters the WHATWG URL parser
// removes before parsing (TAB U+0009, LF U+000A, CR U+000D). A valid introducer
// is exactly "//". Node treats "\" as "/" on special schemes and strips those
// characters first, so forms like "\\", "/\", "\/", "/<TAB>/", or a leading
// "<TAB>//" reach an authority in Node while fast-uri's URI_PARSE folds them into
// the path group (host confusion / SSRF / redirect bypass).
const AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/

/**
 * @param {import('./types/index').URIComponent} parsed
 * @param {RegExpMatchArray} matches
 * @returns {string|undefined}
 */
function getParseError (parsed, matches) {
  if (matches[2] !== undefined && parsed.path && parsed.path[0] !== '/') {
    return 'URI path must start with "/" when authority is present.'
  }

  if (typeof parsed.port === 'number' && (parsed.port < 0 || parsed.port > 65535)) {
    return 'URI port is malformed.'
  }

  return undefined
}

/**
 * Checks percent syntax without decoding the represented octets. RFC 3986
 * percent-encoding is byte-oriented, so sequences such as `%FF` are valid even
 * though they are not independently valid UTF-8.
 *
 * @param {string|undefined} component
 * @returns {boolean}
 */
function hasMalformedPercentEncoding (component) {
  if (component === undefined) return false

  let percent = component.indexOf('%')
  while (percent !== -1) {
    if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3))) {
      return true
    }
    percent = component.indexOf('%', percent + 3)
  }

  return false
}

/**
 * Whether the host is a bracketed IP literal (RFC 3986 `IP-literal`).
 * An unterminated `[` is not a literal, so it must still be validated as a
 * reg-name instead of being waved through as an IP.
 *
 * @param {string} host
 * @returns {boolean}
 */
function isIPLiteral (host) {
  return host[0] === '[' && host[host.length - 1] === ']'
}

/**
 * @param {RegExpMatchArray} matches
 * @returns {boolean}
 */
function hasMalformedComponentPercentEncoding (matches) {
  // Bracketed IP literals use a raw "%" as the zone separator for historical
  // compatibility. Their parsing is intentionally left to normalizeIPv6.
  const host = matches[4]
  return hasMalformedPercentEncoding(matches[3]) ||
    (host !== undefined && !isIPLiteral(host) && hasMalformedPercentEncoding(host)) ||
    hasMalformedPercentEncoding(matches[6]) ||
    hasMalformedPercentEncoding(matches[7]) ||
    hasMalformedPercentEncoding(matches[8])
}

/**
 * @param {import('./types/index').URIComponent} parsed
 * @param {import('./types/index').Options} options
 * @param {{ domainHost?: boolean, unicodeSupport?: boolean }|undefined} schemeHandler
 * @param {boolean} isIP
 * @returns {boolean} whether host conversion failed
 */
function canonicalizeHost (parsed, options, schemeHandler, isIP) {
  if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP)) {
    parsed.error = parsed.error || MALFORMED_HOST_ERROR
    return true
  }

  if (
    !options.unicodeSupport &&
    (!schemeHandler || !schemeHandler.unicodeSupport) &&
    parsed.host &&
    !isIPLiteral(parsed.host) &&
    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
    isIP === false &&
    nonSimpleDomain(parsed.host)
  ) {
    let url
    try {
      url = new URL('http://' + parsed.host)
    } catch (e) {
      parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e
      return true
    }
    // The WHATWG parser must have read the whole input as a host. Anything
    // else means it found a delimiter fast-uri did not, so its hostname would
    // describe a different authority.
    if (!isHostOnlyURL(url)) {
      parsed.error = parsed.error || MALFORMED_HOST_ERROR
      return true
    }
    parsed.host = url.hostname
  }
  return false
}

/**
 * Whether a domain host contains an ASCII character that RFC 3986 does not
 * allow in a reg-name (unreserved, sub-delims, or pct-encoded). Such a host is
 * rejected instead of being handed to the WHATWG URL parser, which would treat
 * "@" as a userinfo delimiter (silently dropping the data before it) and strip
 * TAB, LF, and CR. Non-ASCII characters remain allowed for IDNs.
 *
 * @param {import('./types/index').URIComponent} parsed
 * @param {import('./types/index').Options} options
 * @param {{ domainHost?: boolean }|undefined} schemeHandler
 * @param {boolean} isIP
 * @returns {boolean}
 */
function hasForbiddenDomainHost (parsed, options, schemeHandler, isIP) {
  return Boolean(
    parsed.host &&
    isIP === false &&
    !isIPLiteral(parsed.host) &&
    (options.domainHost || (schemeHandler && schemeHandler.domainHost)) &&
    FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host)
  )
}

/**
 * @param {URL} url
 * @returns {boolean}
 */
function isHostOnlyURL (url) {
  return url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.hostname !== ''
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {{ parsed: import('./types/index').URIComponent, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
 */
function parseWithStatus (uri, opts) {
  const options = Object.assign({}, opts)
  /** @type {import('./types/index').URIComponent} */
  const parsed = {
    scheme: undefined,
    userinfo: undefined,
    host: '',
    port: undefined,
    path: '',
    query: undefined,
    fragment: undefined
  }

  let malformedAuthorityOrPort = false
  let malformedPercentEncoding = false
  let malformedSchemeSpecific = false
  let malformedHost = false
  let malformedIPLiteral = false
  let malformedScheme = false

  let isIP = false
  if (options.reference === 'suffix') {
    if (options.scheme) {
      uri = options.scheme + ':' + uri
    } else {
      uri = '//' + uri
    }
  }

  // A literal backslash (U+005C) is not a valid RFC 3986 URI character and is
  // not an authority delimiter. Reject it in the authority rather than
  // rewriting it: normalizing "\" -> "/" (WHATWG error recovery) could silently
  // change the resource identified by an otherwise-invalid input, and lets "\"
  // act as a host delimiter here while Node's native URL parses a different
  // host (SSRF / redirect / origin-allowlist bypass). Percent-encoded %5C is
  // untouched and remains valid encoded data.
  const authorityMatch = uri.match(AUTHORITY_PREFIX)
  if (authorityMatch !== null && authorityMatch[1].indexOf('\\') !== -1) {
    parsed.error = 'URI authority must not contain a literal backslash.'
    malformedAuthorityOrPort = true
  }

  // Reject a malformed or whitespace-smuggled authority introducer. fast-uri
  // only recognizes a literal "//"; anything else in the leading separator run
  // (a backslash, or a "//" that appears only after removing the TAB/LF/CR that
  // Node strips) means the authority fast-uri parses differs from the one Node's
  // URL resolves. Reject rather than rewrite, mirroring the literal-backslash
  // guard above. Percent-encoded forms (%5C, %09) are untouched, valid data.
  const introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION)
  if (introducerMatch !== null) {
    const region = introducerMatch[1]
    const normalizedRegion = region.replace(/[\t\n\r]/g, '')
    // Two or more leading separators introduce an authority.
    if (normalizedRegion.length >= 2) {
      if (normalizedRegion.slice(0, 2) !== '//') {
        parsed.error = parsed.error || 'URI authority must not contain a literal backslash.'
        malformedAuthorityOrPort = true
      } else if (region.length !== normalizedRegion.length) {
        parsed.error = parsed.error || 'URI authority introducer must not contain whitespace.'
        malformedAuthorityOrPort = true
      }
    }
  }

  const matches = uri.match(URI_PARSE)

  if (matches) {
    // store each component
    parsed.scheme = matches[1]
    parsed.userinfo = matches[3]
    parsed.host = matches[4]
    parsed.port = parseInt(matches[5], 10)
    parsed.path = matches[6] || ''
    parsed.query = matches[7]
    parsed.fragment = matches[8]

    if (parsed.scheme !== undefined) {
      if (VALID_SCHEME.test(parsed.scheme)) {
        parsed.scheme = parsed.scheme.toLowerCase()
      } else {
        parsed.error = parsed.error || MALFORMED_SCHEME_ERROR
        malformedScheme = true
      }
    }

    malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches)
    if (malformedPercentEncoding) {
      parsed.error = parsed.error || 'URI contains malformed percent-encoding.'
    }

    // fix port number
    if (isNaN(parsed.port)) {
      parsed.port = matches[5]
    }

    const parseError = getParseError(parsed, matches)
    if (parseError !== undefined) {
      parsed.error = parsed.error || parseError
      malformedAuthorityOrPort = true
    }

    if (parsed.host) {
      const ipv4result = isIPv4(parsed.host)
      if (ipv4result === false) {
        const bracketedIPLiteral = isIPLiteral(parsed.host)
        const hasIPLiteralBracket = parsed.host.indexOf('[') !== -1 || parsed.host.indexOf(']') !== -1
        const ipv6result = normalizeIPv6(parsed.host)
        isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === true
        malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === true)
        parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase()

        if (malformedIPLiteral) {
          parsed.error = parsed.error || MALFORMED_HOST_ERROR
          malformedAuthorityOrPort = true
        }
      } else {
        isIP = true
      }
    }
    if (parsed.scheme === undefined && parsed.userinfo === undefined && parsed.host === undefined && parsed.port === undefined && parsed.query === undefined && !parsed.path) {
      parsed.reference = 'same-document'
    } else if (parsed.scheme === undefined) {
      parsed.reference = 'relative'
    } else if (parsed.fragment === undefined) {
      parsed.reference = 'absolute'
    } else {
      parsed.reference = 'uri'
    }

    // check for reference errors
    if (options.reference && options.reference !== 'suffix' && options.reference !== parsed.reference) {
      parsed.error = parsed.error || 'URI is not a ' + options.reference + ' reference.'
    }

    // find scheme handler
    const schemeHandler = getSchemeHandler(options.scheme || parsed.scheme)

    // convert Unicode IDN -> ASCII IDN when the effective scheme uses domain hosts
    if (!malformedIPLiteral) {
      malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP)
    }

    if (uri.indexOf('%') !== -1 && parsed.host !== undefined && !malformedIPLiteral) {
      let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, true)
      if (!isIP) {
        // Fold reg-name case after decoding unreserved octets. The second
        // pass only restores uppercase hex in escapes that remain encoded.
        host = normalizePercentEncoding(host.toLowerCase())
      }
      // Resolution parses both inputs with the internal `null` scheme before
      // the effective scheme is known. Keep raw host delimiters for that step
      // so resolve() can reject them for domain-host schemes; the resolved
      // authority is encoded when it is serialized.
      parsed.host = isIP || options.scheme !== 'null' ? reescapeHostDelimiters(host, isIP) : host
    }

    if (!schemeHandler || (schemeHandler && !schemeHandler.skipNormalize)) {
      if (parsed.path) {
        parsed.path = normalizePathEncoding(parsed.path)
      }
      if (parsed.query) {
        parsed.query = normalizeQueryFragmentEncoding(parsed.query)
      }
      if (parsed.fragment) {
        parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment)
      }
    }

    // perform scheme specific parsing
    if (schemeHandler && schemeHandler.parse) {
      schemeHandler.parse(parsed, options)
      if (schemeHandler === SCHEMES.urn && parsed.nid === undefined) {
        malformedSchemeSpecific = true
      }
    }
  } else {
    parsed.error = parsed.error || 'URI can not be parsed.'
  }
  return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme }
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns
 */
function parse (uri, opts) {
  return parseWithStatus(uri, opts).parsed
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {string}
 */
function normalizeString (uri, opts) {
  return normalizeStringWithStatus(uri, opts).normalized
}

/**
 * @param {string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {{ normalized: string, malformedAuthorityOrPort: boolean, malformedPercentEncoding: boolean, malformedSchemeSpecific: boolean, malformedHost: boolean, malformedScheme: boolean }}
 */
function normalizeStringWithStatus (uri, opts) {
  const { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts)
  return {
    normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
    malformedAuthorityOrPort,
    malformedPercentEncoding,
    malformedSchemeSpecific,
    malformedHost,
    malformedScheme
  }
}

/**
 * @param {import ('./types/index').URIComponent|string} uri
 * @param {import('./types/index').Options} [opts]
 * @returns {string|undefined}
 */
function normalizeComparableURI (uri, opts) {
  if (typeof uri !== 'string' && typeof uri !== 'object') {
    return undefined
  }

  let value
  try {
    value = typeof uri === 'string' ? uri : serialize(uri, opts)
  } catch {
    return undefined
  }
  const { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts)
  return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? undefined : normalized
}

const fastUri = {
  SCHEMES,
  normalize,
  resolve,
  resolveComponent,
  equal,
  serialize,
  parse
}

module.exports = fastUri
module.exports["default"] = fastUri
module.exports.fastUri = fastUri


/***/ }),

/***/ 5300:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { isUUID } = __nccwpck_require__(5077)
const URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu

const supportedSchemeNames = /** @type {const} */ (['http', 'https', 'ws',
  'wss', 'urn', 'urn:uuid'])

/** @typedef {supportedSchemeNames[number]} SchemeName */

/**
 * @param {string} name
 * @returns {name is SchemeName}
 */
function isValidSchemeName (name) {
  return supportedSchemeNames.indexOf(/** @type {*} */ (name)) !== -1
}

/**
 * @callback SchemeFn
 * @param {import('../types/index').URIComponent} component
 * @param {import('../types/index').Options} options
 * @returns {import('../types/index').URIComponent}
 */

/**
 * @typedef {Object} SchemeHandler
 * @property {SchemeName} scheme - The scheme name.
 * @property {boolean} [domainHost] - Indicates if the scheme supports domain hosts.
 * @property {SchemeFn} parse - Function to parse the URI component for this scheme.
 * @property {SchemeFn} serialize - Function to serialize the URI component for this scheme.
 * @property {boolean} [skipNormalize] - Indicates if normalization should be skipped for this scheme.
 * @property {boolean} [absolutePath] - Indicates if the scheme uses absolute paths.
 * @property {boolean} [unicodeSupport] - Indicates if the scheme supports Unicode.
 */

/**
 * @param {import('../types/index').URIComponent} wsComponent
 * @returns {boolean}
 */
function wsIsSecure (wsComponent) {
  if (wsComponent.secure === true) {
    return true
  } else if (wsComponent.secure === false) {
    return false
  } else if (wsComponent.scheme) {
    return (
      wsComponent.scheme.length === 3 &&
      (wsComponent.scheme[0] === 'w' || wsComponent.scheme[0] === 'W') &&
      (wsComponent.scheme[1] === 's' || wsComponent.scheme[1] === 'S') &&
      (wsComponent.scheme[2] === 's' || wsComponent.scheme[2] === 'S')
    )
  } else {
    return false
  }
}

/** @type {SchemeFn} */
function httpParse (component) {
  if (!component.host) {
    component.error = component.error || 'HTTP URIs must have a host.'
  }

  return component
}

/** @type {SchemeFn} */
function httpSerialize (component) {
  const secure = String(component.scheme).toLowerCase() === 'https'

  // normalize the default port
  if (component.port === (secure ? 443 : 80) || component.port === '') {
    component.port = undefined
  }

  // normalize the empty path
  if (!component.path) {
    component.path = '/'
  }

  // NOTE: We do not parse query strings for HTTP URIs
  // as WWW Form Url Encoded query strings are part of the HTML4+ spec,
  // and not the HTTP spec.

  return component
}

/** @type {SchemeFn} */
function wsParse (wsComponent) {
// indicate if the secure flag is set
  wsComponent.secure = wsIsSecure(wsComponent)

  // construct resouce name
  wsComponent.resourceName = (wsComponent.path || '/') + (wsComponent.query ? '?' + wsComponent.query : '')
  wsComponent.path = undefined
  wsComponent.query = undefined

  return wsComponent
}

/** @type {SchemeFn} */
function wsSerialize (wsComponent) {
// normalize the default port
  if (wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === '') {
    wsComponent.port = undefined
  }

  // ensure scheme matches secure flag
  if (typeof wsComponent.secure === 'boolean') {
    wsComponent.scheme = (wsComponent.secure ? 'wss' : 'ws')
    wsComponent.secure = undefined
  }

  // reconstruct path from resource name
  if (wsComponent.resourceName) {
    const queryIndex = wsComponent.resourceName.indexOf('?')
    const path = queryIndex === -1
      ? wsComponent.resourceName
      : wsComponent.resourceName.slice(0, queryIndex)
    wsComponent.path = (path && path !== '/' ? path : undefined)
    wsComponent.query = queryIndex === -1
      ? undefined
      : wsComponent.resourceName.slice(queryIndex + 1)
    wsComponent.resourceName = undefined
  }

  // forbid fragment component
  wsComponent.fragment = undefined

  return wsComponent
}

/** @type {SchemeFn} */
function urnParse (urnComponent, options) {
  if (!urnComponent.path) {
    urnComponent.error = 'URN can not be parsed'
    return urnComponent
  }
  const matches = urnComponent.path.match(URN_REG)
  if (matches && matches[0] === urnComponent.path) {
    const scheme = options.scheme || urnComponent.scheme || 'urn'
    urnComponent.nid = matches[1].toLowerCase()
    urnComponent.nss = matches[2]
    const urnScheme = `${scheme}:${options.nid || urnComponent.nid}`
    const schemeHandler = getSchemeHandler(urnScheme)
    urnComponent.path = undefined

    if (schemeHandler) {
      urnComponent = schemeHandler.parse(urnComponent, options)
    }
  } else {
    urnComponent.error = urnComponent.error || 'URN can not be parsed.'
  }

  return urnComponent
}

/** @type {SchemeFn} */
function urnSerialize (urnComponent, options) {
  if (urnComponent.nid === undefined) {
    throw new Error('URN without nid cannot be serialized')
  }
  const scheme = options.scheme || urnComponent.scheme || 'urn'
  const nid = urnComponent.nid.toLowerCase()
  const urnScheme = `${scheme}:${options.nid || nid}`
  const schemeHandler = getSchemeHandler(urnScheme)

  if (schemeHandler) {
    urnComponent = schemeHandler.serialize(urnComponent, options)
  }

  const uriComponent = urnComponent
  const nss = urnComponent.nss
  uriComponent.path = `${nid || options.nid}:${nss}`

  options.skipEscape = true
  return uriComponent
}

/** @type {SchemeFn} */
function urnuuidParse (urnComponent, options) {
  const uuidComponent = urnComponent
  uuidComponent.uuid = uuidComponent.nss
  uuidComponent.nss = undefined

  if (!options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid))) {
    uuidComponent.error = uuidComponent.error || 'UUID is not valid.'
  }

  return uuidComponent
}

/** @type {SchemeFn} */
function urnuuidSerialize (uuidComponent) {
  const urnComponent = uuidComponent
  // normalize UUID
  urnComponent.nss = (uuidComponent.uuid || '').toLowerCase()
  return urnComponent
}

const http = /** @type {SchemeHandler} */ ({
  scheme: 'http',
  domainHost: true,
  parse: httpParse,
  serialize: httpSerialize
})

const https = /** @type {SchemeHandler} */ ({
  scheme: 'https',
  domainHost: http.domainHost,
  parse: httpParse,
  serialize: httpSerialize
})

const ws = /** @type {SchemeHandler} */ ({
  scheme: 'ws',
  domainHost: true,
  parse: wsParse,
  serialize: wsSerialize
})

const wss = /** @type {SchemeHandler} */ ({
  scheme: 'wss',
  domainHost: ws.domainHost,
  parse: ws.parse,
  serialize: ws.serialize
})

const urn = /** @type {SchemeHandler} */ ({
  scheme: 'urn',
  parse: urnParse,
  serialize: urnSerialize,
  skipNormalize: true
})

const urnuuid = /** @type {SchemeHandler} */ ({
  scheme: 'urn:uuid',
  parse: urnuuidParse,
  serialize: urnuuidSerialize,
  skipNormalize: true
})

const SCHEMES = /** @type {Record<SchemeName, SchemeHandler>} */ ({
  http,
  https,
  ws,
  wss,
  urn,
  'urn:uuid': urnuuid
})

Object.setPrototypeOf(SCHEMES, null)

/**
 * @param {string|undefined} scheme
 * @returns {SchemeHandler|undefined}
 */
function getSchemeHandler (scheme) {
  return (
    scheme && (
      SCHEMES[/** @type {SchemeName} */ (scheme)] ||
      SCHEMES[/** @type {SchemeName} */(scheme.toLowerCase())])
  ) ||
    undefined
}

module.exports = {
  wsIsSecure,
  SCHEMES,
  isValidSchemeName,
  getSchemeHandler,
}


/***/ }),

/***/ 5077:
/***/ ((module) => {



/** @type {(value: string) => boolean} */
const isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu)

/** @type {(value: string) => boolean} */
const isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u)

/** @type {(value: string) => boolean} */
const isPort = RegExp.prototype.test.bind(/^\d*$/u)

/** @type {(value: string) => boolean} */
const isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu)

/** @type {(value: string) => boolean} */
const isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu)

/** @type {(value: string) => boolean} */
const isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u)

/** @type {(value: string) => boolean} */
const isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u)

/** @type {(value: string) => boolean} */
const isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u)

const BYTE_HEX = new Array(256)
{
  const HEX_DIGITS = '0123456789ABCDEF'
  for (let i = 0; i < 256; i++) {
    BYTE_HEX[i] = '%' + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 0xF]
  }
}
function percentEncodeNonAscii (cp) {
  if (cp < 0x800) {
    return BYTE_HEX[0xC0 | (cp >> 6)] +
           BYTE_HEX[0x80 | (cp & 0x3F)]
  }
  if (cp < 0x10000) {
    return BYTE_HEX[0xE0 | (cp >> 12)] +
           BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
           BYTE_HEX[0x80 | (cp & 0x3F)]
  }
  return BYTE_HEX[0xF0 | (cp >> 18)] +
         BYTE_HEX[0x80 | ((cp >> 12) & 0x3F)] +
         BYTE_HEX[0x80 | ((cp >> 6) & 0x3F)] +
         BYTE_HEX[0x80 | (cp & 0x3F)]
}

/**
 * @param {Array<string>} input
 * @returns {string}
 */
function stringArrayToHexStripped (input) {
  let acc = ''
  let code = 0
  let i = 0

  for (i = 0; i < input.length; i++) {
    code = input[i].charCodeAt(0)
    if (code === 48) {
      continue
    }
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
      return ''
    }
    acc += input[i]
    break
  }

  for (i += 1; i < input.length; i++) {
    code = input[i].charCodeAt(0)
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102))) {
      return ''
    }
    acc += input[i]
  }
  return acc
}

/** @type {(value: string) => boolean} */
const isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/)

/** @type {(value: string) => boolean} */
const isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/)

/** @type {(value: string) => boolean} */
const isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/)

/**
 * @param {string} value
 * @returns {boolean}
 */
const nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u)

/**
 * @param {string} zone
 * @returns {boolean}
 */
function isZoneIdentifier (zone) {
  if (zone.length === 0) return false

  for (let i = 0; i < zone.length; i++) {
    if (isZoneCharacter(zone[i])) continue
    if (zone[i] === '%' && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
      i += 2
      continue
    }
    return false
  }

  return true
}

/**
 * Compresses the longest run of zero hextets to "::" per RFC 5952. A run of a
 * single zero hextet is left uncompressed. On ties the leftmost run wins.
 *
 * @param {string[]} hextets
 * @returns {string}
 */
function compressIPv6ZeroRun (hextets) {
  let bestStart = -1
  let bestLength = 0
  let runStart = -1
  let runLength = 0
  for (let i = 0; i < hextets.length; i++) {
    if (hextets[i] === '0') {
      if (runStart === -1) runStart = i
      runLength++
      if (runLength > bestLength) {
        bestLength = runLength
        bestStart = runStart
      }
    } else {
      runStart = -1
      runLength = 0
    }
  }

  if (bestLength < 2) return hextets.join(':')

  const head = hextets.slice(0, bestStart).join(':')
  const tail = hextets.slice(bestStart + bestLength).join(':')
  return head + '::' + tail
}

/**
 * Validates an IPv6 address against the alternatives in RFC 3986 section
 * 3.2.2 and returns the same address with leading hextet zeroes removed.
 * An embedded IPv4 address counts as two hextets and is only valid at the end.
 *
 * @param {string} input
 * @returns {string|undefined}
 */
function normalizeIPv6Address (input) {
  const compression = input.indexOf('::')
  if (compression !== -1 && input.indexOf('::', compression + 1) !== -1) return undefined

  const left = compression === -1 ? input.split(':') : input.slice(0, compression).split(':')
  const right = compression === -1 ? [] : input.slice(compression + 2).split(':')
  if (compression !== -1) {
    if (left.length === 1 && left[0] === '') left.length = 0
    if (right.length === 1 && right[0] === '') right.length = 0
  }

  const parts = left.concat(right)
  let hextetCount = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (part === '') return undefined

    if (part.indexOf('.') !== -1) {
      if (i !== parts.length - 1 || (compression !== -1 && right.length === 0) || !isIPv4(part)) return undefined
      hextetCount += 2
      continue
    }

    if (!isHextet(part)) return undefined
    parts[i] = parseInt(part, 16).toString(16)
    hextetCount++
  }

  if (compression === -1) {
    if (hextetCount !== 8) return undefined
    return compressIPv6ZeroRun(parts)
  }
  if (hextetCount >= 8) return undefined

  // expand "::" then re-compress the longest run for a canonical result
  const expanded = parts.slice(0, left.length)
  for (let i = hextetCount; i < 8; i++) expanded.push('0')
  for (let i = left.length; i < parts.length; i++) expanded.push(parts[i])
  return compressIPv6ZeroRun(expanded)
}

/**
 * @typedef {Object} NormalizeIPv6Result
 * @property {string} host - The normalized host.
 * @property {string} [escapedHost] - The escaped host.
 * @property {boolean} isIPV6 - Indicates if the host is an IPv6 address.
 * @property {boolean} [isIPVFuture] - Indicates if the host is an IPvFuture literal.
 * @property {boolean} [error] - Indicates if a bracketed IP literal is malformed.
 */

/**
 * Validates and normalizes a bracketed IP literal. Raw zone separators remain
 * accepted for backwards compatibility, while encoded separators and zone
 * contents follow RFC 6874.
 *
 * @param {string} host
 * @returns {NormalizeIPv6Result}
 */
function normalizeIPv6 (host) {
  const bracketed = host[0] === '[' && host[host.length - 1] === ']'
  const hasBracket = host[0] === '[' || host[host.length - 1] === ']'
  if (hasBracket && !bracketed) return { host, isIPV6: false, error: true }

  let input = bracketed ? host.slice(1, -1) : host
  if (bracketed && isIPvFuture(input)) {
    input = input.toLowerCase()
    return { host: `[${input}]`, escapedHost: input, isIPV6: false, isIPVFuture: true }
  }

  if (findToken(input, ':') < 2) {
    return { host, isIPV6: false, error: bracketed }
  }

  let zoneIdentifier = ''
  const zoneSeparator = input.indexOf('%')
  if (zoneSeparator !== -1) {
    const separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === '%25' ? 3 : 1
    zoneIdentifier = input.slice(zoneSeparator + separatorLength)
    if (!isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: false, error: true }
    input = input.slice(0, zoneSeparator)
  }

  const address = normalizeIPv6Address(input)
  if (address === undefined) return { host, isIPV6: false, error: true }

  return {
    host: address + (zoneIdentifier ? '%' + zoneIdentifier : ''),
    escapedHost: address + (zoneIdentifier ? '%25' + zoneIdentifier : ''),
    isIPV6: true
  }
}

/**
 * @param {string} str
 * @param {string} token
 * @returns {number}
 */
function findToken (str, token) {
  let ind = 0
  for (let i = 0; i < str.length; i++) {
    if (str[i] === token) ind++
  }
  return ind
}

/**
 * @param {string} path
 * @returns {string}
 *
 * @see https://datatracker.ietf.org/doc/html/rfc3986#section-5.2.4
 */
function removeDotSegments (path) {
  let input = path
  const output = []
  let nextSlash = -1
  let len = 0

  // eslint-disable-next-line no-cond-assign
  while (len = input.length) {
    if (len === 1) {
      if (input === '.') {
        break
      } else if (input === '/') {
        output.push('/')
        break
      } else {
        output.push(input)
        break
      }
    } else if (len === 2) {
      if (input[0] === '.') {
        if (input[1] === '.') {
          break
        } else if (input[1] === '/') {
          input = input.slice(2)
          continue
        }
      } else if (input[0] === '/') {
        if (input[1] === '.' || input[1] === '/') {
          output.push('/')
          break
        }
      }
    } else if (len === 3) {
      if (input === '/..') {
        if (output.length !== 0) {
          output.pop()
        }
        output.push('/')
        break
      }
    }
    if (input[0] === '.') {
      if (input[1] === '.') {
        if (input[2] === '/') {
          input = input.slice(3)
          continue
        }
      } else if (input[1] === '/') {
        input = input.slice(2)
        continue
      }
    } else if (input[0] === '/') {
      if (input[1] === '.') {
        if (input[2] === '/') {
          input = input.slice(2)
          continue
        } else if (input[2] === '.') {
          if (input[3] === '/') {
            input = input.slice(3)
            if (output.length !== 0) {
              output.pop()
            }
            continue
          }
        }
      }
    }

    // Rule 2E: Move normal path segment to output
    if ((nextSlash = input.indexOf('/', 1)) === -1) {
      output.push(input)
      break
    } else {
      output.push(input.slice(0, nextSlash))
      input = input.slice(nextSlash)
    }
  }

  return output.join('')
}

/**
 * Removes dot segments from the path of a relative reference (a path that does
 * not start with "/") without changing what it resolves to against any base.
 * Unlike `removeDotSegments`, leading ".." segments that cannot be collapsed
 * are kept, the result never becomes root-relative, and a result that would be
 * empty or start with an empty segment is prefixed with "." (an empty path
 * means "same document" and a leading "//" would introduce an authority).
 *
 * @param {string} path
 * @returns {string}
 */
function removeDotSegmentsRelative (path) {
  if (path === '' || path[0] === '/') {
    return removeDotSegments(path)
  }

  const segments = path.split('/')
  const last = segments.length - 1
  /** @type {string[]} */
  const output = []
  let trailingDirectory = false

  for (let i = 0; i <= last; i++) {
    const segment = segments[i]
    if (segment === '.' || segment === '..') {
      if (segment === '..') {
        if (output.length !== 0 && output[output.length - 1] !== '..') {
          output.pop()
        } else {
          output.push('..')
        }
      }
      trailingDirectory = i === last
    } else {
      output.push(segment)
    }
  }

  if (trailingDirectory && output[output.length - 1] !== '..') {
    output.push('')
  }
  if (output.length === 0 || output[0] === '' || output[0].includes(':')) {
    // An empty path, a leading empty segment ("//"), or a first segment
    // containing ":" (which would be mistaken for a scheme, RFC 3986 section
    // 4.2) must stay behind a "." segment so the reference keeps its meaning.
    output.unshift('.')
  }

  return output.join('/')
}

/**
 * Re-escape RFC 3986 gen-delims that must not appear literally in the host.
 * After the URI regex parses, these characters cannot be literal in the host
 * field, so any that appear after decoding came from percent-encoding and
 * must be restored to prevent authority structure changes.
 *
 * @param {string} host
 * @param {boolean} isIP - true for IPv4/IPv6 hosts (skip colon re-escaping)
 * @returns {string}
 */
const HOST_DELIMS = { '@': '%40', '/': '%2F', '?': '%3F', '#': '%23', ':': '%3A' }
const HOST_DELIM_RE = /[@/?#:]/g
const HOST_DELIM_NO_COLON_RE = /[@/?#]/g

function reescapeHostDelimiters (host, isIP) {
  const re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE
  re.lastIndex = 0
  return host.replace(re, (ch) => HOST_DELIMS[ch])
}

/**
 * Normalizes percent escapes and optionally decodes only unreserved ASCII bytes.
 * Reserved delimiters such as `%2F` stay escaped; `%2E` is unreserved.
 *
 * @param {string} input
 * @param {boolean} [decodeUnreserved=false]
 * @returns {string}
 */
function normalizePercentEncoding (input, decodeUnreserved = false) {
  if (input.indexOf('%') === -1) {
    return input
  }

  let output = ''

  for (let i = 0; i < input.length; i++) {
    if (input[i] === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (decodeUnreserved && isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    output += input[i]
  }

  return output
}

/**
 * Normalizes path data without turning reserved escapes into live path syntax.
 * Valid escapes are uppercased, raw unsafe characters are escaped, and only
 * unreserved bytes that are not `.` are decoded.
 *
 * @param {string} input
 * @returns {string}
 */
function normalizePathEncoding (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (decoded !== '.' && isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    if (isPathCharacter(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += isEscapeSafe(code) ? ch : BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Serializes a path without rewriting reserved data. Raw RFC 3986 path
 * characters remain literal, valid escapes are preserved and uppercased, and
 * everything else is UTF-8 percent-encoded. In a path-noscheme, a colon in the
 * first segment must be escaped so the result cannot be parsed as a scheme.
 *
 * @param {string} input
 * @param {boolean} [pathNoScheme=false]
 * @returns {string}
 */
function serializePathEncoding (input, pathNoScheme = false) {
  let output = ''
  let firstSegment = pathNoScheme && input[0] !== '/'

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    if (ch === '/') {
      firstSegment = false
    }

    if (isPathCharacter(ch) && (ch !== ':' || !firstSegment)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Percent-encodes a URI component using its RFC 3986 literal character set.
 * Existing valid escapes are preserved and normalized to uppercase hex.
 *
 * @param {string} input
 * @param {(value: string) => boolean} isAllowed
 * @returns {string}
 */
function encodeComponent (input, isAllowed) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    if (isAllowed(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Encodes userinfo while preserving its RFC 3986 §3.2.1 literal characters.
 * In particular, authority delimiters such as `@`, `/`, `?`, and `#` are data.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeUserinfo (input) {
  return encodeComponent(input, isUserinfoCharacter)
}

/**
 * Encodes query data using the RFC 3986 §3.4 grammar. A literal `#` must be
 * escaped because it would otherwise begin the fragment component.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeQuery (input) {
  return encodeComponent(input, isQueryFragmentCharacter)
}

/**
 * Encodes fragment data using the RFC 3986 §3.5 grammar.
 *
 * @param {string} input
 * @returns {string}
 */
function encodeFragment (input) {
  return encodeComponent(input, isQueryFragmentCharacter)
}

function isEscapeSafe (cp) {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5A) ||
    (cp >= 0x61 && cp <= 0x7A) ||
    cp === 0x2A || cp === 0x2B || cp === 0x2D || cp === 0x2E ||
    cp === 0x2F || cp === 0x40 || cp === 0x5F
  )
}

/**
 * Normalizes the percent-encoding of a query or fragment component.
 *
 * Like `normalizePathEncoding`, but uses the query/fragment character set
 * (which additionally allows `?`) and decodes `.` since it has no dot-segment
 * meaning outside of a path.
 *
 * @param {string} input
 * @returns {string}
 */
function normalizeQueryFragmentEncoding (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]
    if (ch === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        const normalizedHex = hex.toUpperCase()
        const decoded = String.fromCharCode(parseInt(normalizedHex, 16))

        if (isUnreserved(decoded)) {
          output += decoded
        } else {
          output += '%' + normalizedHex
        }

        i += 2
        continue
      }
    }

    if (isQueryFragmentCharacter(ch)) {
      output += ch
    } else {
      const code = input.charCodeAt(i)
      if (code < 0x80) {
        output += isEscapeSafe(code) ? ch : BYTE_HEX[code]
      } else if (code < 0xD800 || code > 0xDFFF) {
        output += percentEncodeNonAscii(code)
      } else if (code <= 0xDBFF && i + 1 < input.length) {
        const low = input.charCodeAt(i + 1)
        if (low >= 0xDC00 && low <= 0xDFFF) {
          output += percentEncodeNonAscii(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
          i++
        } else {
          output += percentEncodeNonAscii(0xFFFD)
        }
      } else {
        output += percentEncodeNonAscii(0xFFFD)
      }
    }
  }

  return output
}

/**
 * Escapes a component while preserving existing valid percent escapes.
 *
 * @param {string} input
 * @returns {string}
 */
function escapePreservingEscapes (input) {
  let output = ''

  for (let i = 0; i < input.length; i++) {
    if (input[i] === '%' && i + 2 < input.length) {
      const hex = input.slice(i + 1, i + 3)
      if (isHexPair(hex)) {
        output += '%' + hex.toUpperCase()
        i += 2
        continue
      }
    }

    output += escape(input[i])
  }

  return output
}

/**
 * @param {import('../types/index').URIComponent} component
 * @returns {string|undefined}
 */
function recomposeAuthority (component) {
  const uriTokens = []

  if (component.userinfo !== undefined) {
    uriTokens.push(encodeUserinfo(component.userinfo))
    uriTokens.push('@')
  }

  if (component.host !== undefined) {
    let host = component.host
    if (!isIPv4(host)) {
      let ipV6res = normalizeIPv6(host)
      if (ipV6res.isIPV6 !== true && ipV6res.isIPVFuture !== true) {
        // Decode only unreserved bytes, once. In particular, keep %25 encoded
        // so it cannot introduce a second escape during recomposition.
        host = normalizePercentEncoding(host, true)
        ipV6res = normalizeIPv6(host)
      }
      if (ipV6res.isIPV6 === true || ipV6res.isIPVFuture === true) {
        host = `[${ipV6res.escapedHost}]`
      } else {
        host = reescapeHostDelimiters(host, false)
      }
    }
    uriTokens.push(host)
  }

  if (typeof component.port === 'number' || typeof component.port === 'string') {
    const port = String(component.port)
    if (!isPort(port)) {
      throw new TypeError('URI port is malformed.')
    }
    uriTokens.push(':')
    uriTokens.push(port)
  }

  return uriTokens.length ? uriTokens.join('') : undefined
};

module.exports = {
  nonSimpleDomain,
  recomposeAuthority,
  reescapeHostDelimiters,
  normalizePercentEncoding,
  normalizePathEncoding,
  serializePathEncoding,
  normalizeQueryFragmentEncoding,
  encodeUserinfo,
  encodeQuery,
  encodeFragment,
  escapePreservingEscapes,
  removeDotSegments,
  removeDotSegmentsRelative,
  isIPv4,
  isUUID,
  normalizeIPv6,
  stringArrayToHexStripped
}


/***/ }),

/***/ 3837:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$id":"https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#","description":"Meta-schema for $data reference (JSON AnySchema extension proposal)","type":"object","required":["$data"],"properties":{"$data":{"type":"string","anyOf":[{"format":"relative-json-pointer"},{"format":"json-pointer"}]}},"additionalProperties":false}');

/***/ }),

/***/ 7216:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/applicator","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/applicator":true},"$dynamicAnchor":"meta","title":"Applicator vocabulary meta-schema","type":["object","boolean"],"properties":{"prefixItems":{"$ref":"#/$defs/schemaArray"},"items":{"$dynamicRef":"#meta"},"contains":{"$dynamicRef":"#meta"},"additionalProperties":{"$dynamicRef":"#meta"},"properties":{"type":"object","additionalProperties":{"$dynamicRef":"#meta"},"default":{}},"patternProperties":{"type":"object","additionalProperties":{"$dynamicRef":"#meta"},"propertyNames":{"format":"regex"},"default":{}},"dependentSchemas":{"type":"object","additionalProperties":{"$dynamicRef":"#meta"},"default":{}},"propertyNames":{"$dynamicRef":"#meta"},"if":{"$dynamicRef":"#meta"},"then":{"$dynamicRef":"#meta"},"else":{"$dynamicRef":"#meta"},"allOf":{"$ref":"#/$defs/schemaArray"},"anyOf":{"$ref":"#/$defs/schemaArray"},"oneOf":{"$ref":"#/$defs/schemaArray"},"not":{"$dynamicRef":"#meta"}},"$defs":{"schemaArray":{"type":"array","minItems":1,"items":{"$dynamicRef":"#meta"}}}}');

/***/ }),

/***/ 8226:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/content","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/content":true},"$dynamicAnchor":"meta","title":"Content vocabulary meta-schema","type":["object","boolean"],"properties":{"contentEncoding":{"type":"string"},"contentMediaType":{"type":"string"},"contentSchema":{"$dynamicRef":"#meta"}}}');

/***/ }),

/***/ 518:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/core","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/core":true},"$dynamicAnchor":"meta","title":"Core vocabulary meta-schema","type":["object","boolean"],"properties":{"$id":{"$ref":"#/$defs/uriReferenceString","$comment":"Non-empty fragments not allowed.","pattern":"^[^#]*#?$"},"$schema":{"$ref":"#/$defs/uriString"},"$ref":{"$ref":"#/$defs/uriReferenceString"},"$anchor":{"$ref":"#/$defs/anchorString"},"$dynamicRef":{"$ref":"#/$defs/uriReferenceString"},"$dynamicAnchor":{"$ref":"#/$defs/anchorString"},"$vocabulary":{"type":"object","propertyNames":{"$ref":"#/$defs/uriString"},"additionalProperties":{"type":"boolean"}},"$comment":{"type":"string"},"$defs":{"type":"object","additionalProperties":{"$dynamicRef":"#meta"}}},"$defs":{"anchorString":{"type":"string","pattern":"^[A-Za-z_][-A-Za-z0-9._]*$"},"uriString":{"type":"string","format":"uri"},"uriReferenceString":{"type":"string","format":"uri-reference"}}}');

/***/ }),

/***/ 4588:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/format-annotation","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/format-annotation":true},"$dynamicAnchor":"meta","title":"Format vocabulary meta-schema for annotation results","type":["object","boolean"],"properties":{"format":{"type":"string"}}}');

/***/ }),

/***/ 5707:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/meta-data","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/meta-data":true},"$dynamicAnchor":"meta","title":"Meta-data vocabulary meta-schema","type":["object","boolean"],"properties":{"title":{"type":"string"},"description":{"type":"string"},"default":true,"deprecated":{"type":"boolean","default":false},"readOnly":{"type":"boolean","default":false},"writeOnly":{"type":"boolean","default":false},"examples":{"type":"array","items":true}}}');

/***/ }),

/***/ 9547:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/unevaluated","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/unevaluated":true},"$dynamicAnchor":"meta","title":"Unevaluated applicator vocabulary meta-schema","type":["object","boolean"],"properties":{"unevaluatedItems":{"$dynamicRef":"#meta"},"unevaluatedProperties":{"$dynamicRef":"#meta"}}}');

/***/ }),

/***/ 7082:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/meta/validation","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/validation":true},"$dynamicAnchor":"meta","title":"Validation vocabulary meta-schema","type":["object","boolean"],"properties":{"type":{"anyOf":[{"$ref":"#/$defs/simpleTypes"},{"type":"array","items":{"$ref":"#/$defs/simpleTypes"},"minItems":1,"uniqueItems":true}]},"const":true,"enum":{"type":"array","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#/$defs/nonNegativeInteger"},"minLength":{"$ref":"#/$defs/nonNegativeIntegerDefault0"},"pattern":{"type":"string","format":"regex"},"maxItems":{"$ref":"#/$defs/nonNegativeInteger"},"minItems":{"$ref":"#/$defs/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"maxContains":{"$ref":"#/$defs/nonNegativeInteger"},"minContains":{"$ref":"#/$defs/nonNegativeInteger","default":1},"maxProperties":{"$ref":"#/$defs/nonNegativeInteger"},"minProperties":{"$ref":"#/$defs/nonNegativeIntegerDefault0"},"required":{"$ref":"#/$defs/stringArray"},"dependentRequired":{"type":"object","additionalProperties":{"$ref":"#/$defs/stringArray"}}},"$defs":{"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"$ref":"#/$defs/nonNegativeInteger","default":0},"simpleTypes":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}}}');

/***/ }),

/***/ 1678:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://json-schema.org/draft/2020-12/schema","$vocabulary":{"https://json-schema.org/draft/2020-12/vocab/core":true,"https://json-schema.org/draft/2020-12/vocab/applicator":true,"https://json-schema.org/draft/2020-12/vocab/unevaluated":true,"https://json-schema.org/draft/2020-12/vocab/validation":true,"https://json-schema.org/draft/2020-12/vocab/meta-data":true,"https://json-schema.org/draft/2020-12/vocab/format-annotation":true,"https://json-schema.org/draft/2020-12/vocab/content":true},"$dynamicAnchor":"meta","title":"Core and Validation specifications meta-schema","allOf":[{"$ref":"meta/core"},{"$ref":"meta/applicator"},{"$ref":"meta/unevaluated"},{"$ref":"meta/validation"},{"$ref":"meta/meta-data"},{"$ref":"meta/format-annotation"},{"$ref":"meta/content"}],"type":["object","boolean"],"$comment":"This meta-schema also defines keywords that have appeared in previous drafts in order to prevent incompatible extensions as they remain in common use.","properties":{"definitions":{"$comment":"\\"definitions\\" has been replaced by \\"$defs\\".","type":"object","additionalProperties":{"$dynamicRef":"#meta"},"deprecated":true,"default":{}},"dependencies":{"$comment":"\\"dependencies\\" has been split and replaced by \\"dependentSchemas\\" and \\"dependentRequired\\" in order to serve their differing semantics.","type":"object","additionalProperties":{"anyOf":[{"$dynamicRef":"#meta"},{"$ref":"meta/validation#/$defs/stringArray"}]},"deprecated":true,"default":{}},"$recursiveAnchor":{"$comment":"\\"$recursiveAnchor\\" has been replaced by \\"$dynamicAnchor\\".","$ref":"meta/core#/$defs/anchorString","deprecated":true},"$recursiveRef":{"$comment":"\\"$recursiveRef\\" has been replaced by \\"$dynamicRef\\".","$ref":"meta/core#/$defs/uriReferenceString","deprecated":true}}}');

/***/ }),

/***/ 2079:
/***/ ((module) => {

module.exports = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://json-schema.org/draft-07/schema#","title":"Core schema meta-schema","definitions":{"schemaArray":{"type":"array","minItems":1,"items":{"$ref":"#"}},"nonNegativeInteger":{"type":"integer","minimum":0},"nonNegativeIntegerDefault0":{"allOf":[{"$ref":"#/definitions/nonNegativeInteger"},{"default":0}]},"simpleTypes":{"enum":["array","boolean","integer","null","number","object","string"]},"stringArray":{"type":"array","items":{"type":"string"},"uniqueItems":true,"default":[]}},"type":["object","boolean"],"properties":{"$id":{"type":"string","format":"uri-reference"},"$schema":{"type":"string","format":"uri"},"$ref":{"type":"string","format":"uri-reference"},"$comment":{"type":"string"},"title":{"type":"string"},"description":{"type":"string"},"default":true,"readOnly":{"type":"boolean","default":false},"examples":{"type":"array","items":true},"multipleOf":{"type":"number","exclusiveMinimum":0},"maximum":{"type":"number"},"exclusiveMaximum":{"type":"number"},"minimum":{"type":"number"},"exclusiveMinimum":{"type":"number"},"maxLength":{"$ref":"#/definitions/nonNegativeInteger"},"minLength":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"pattern":{"type":"string","format":"regex"},"additionalItems":{"$ref":"#"},"items":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/schemaArray"}],"default":true},"maxItems":{"$ref":"#/definitions/nonNegativeInteger"},"minItems":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"uniqueItems":{"type":"boolean","default":false},"contains":{"$ref":"#"},"maxProperties":{"$ref":"#/definitions/nonNegativeInteger"},"minProperties":{"$ref":"#/definitions/nonNegativeIntegerDefault0"},"required":{"$ref":"#/definitions/stringArray"},"additionalProperties":{"$ref":"#"},"definitions":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"properties":{"type":"object","additionalProperties":{"$ref":"#"},"default":{}},"patternProperties":{"type":"object","additionalProperties":{"$ref":"#"},"propertyNames":{"format":"regex"},"default":{}},"dependencies":{"type":"object","additionalProperties":{"anyOf":[{"$ref":"#"},{"$ref":"#/definitions/stringArray"}]}},"propertyNames":{"$ref":"#"},"const":true,"enum":{"type":"array","items":true,"minItems":1,"uniqueItems":true},"type":{"anyOf":[{"$ref":"#/definitions/simpleTypes"},{"type":"array","items":{"$ref":"#/definitions/simpleTypes"},"minItems":1,"uniqueItems":true}]},"format":{"type":"string"},"contentMediaType":{"type":"string"},"contentEncoding":{"type":"string"},"if":{"$ref":"#"},"then":{"$ref":"#"},"else":{"$ref":"#"},"allOf":{"$ref":"#/definitions/schemaArray"},"anyOf":{"$ref":"#/definitions/schemaArray"},"oneOf":{"$ref":"#/definitions/schemaArray"},"not":{"$ref":"#"}},"default":true}');

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6927);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
