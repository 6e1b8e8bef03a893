//! What the REPL needs to know about the code typed into it, from swc's ECMAScript parser
//! (node asks acorn the same questions): whether input that V8 refused is only unfinished
//! (so the REPL reads another line), and top-level `await` — code that awaits at its top level
//! runs in an async function, its declarations hoisted so that later lines see them. Tab
//! completion asks which part of the line to complete (`obj['a b'].c` in `x = obj['a b'].c`),
//! and what that part reads on its way, so that no getter or proxy runs to complete it.

use swc_common::{BytePos, Span, Spanned};
use swc_ecma_ast::{
    ArrowExpr, ArrowFunctionBody, AssignExpr, AwaitExpr, CallExpr, ClassDecl, ClassMethod, Constructor, Decl, Expr,
    FnDecl, ForHead, ForInStmt, ForOfStmt, Function, GetterProp, ImportDecl, ImportSpecifier, Lit, MemberProp, MethodProp,
    Module, ModuleDecl, ModuleExportName, ModuleItem, ObjectPatProp, OptCall, Pat, PrivateMethod, ReturnStmt, Script, SetterProp, Stmt, UpdateExpr, VarDecl, VarDeclKind,
};
use swc_ecma_parser::error::SyntaxError;
use swc_ecma_parser::{EsSyntax, Parser, StringInput, Syntax};
use swc_ecma_visit::{Visit, VisitWith};

use super::bindings::binding_object;

/// Offset of the first byte: swc keeps position 0 for "no position".
const BASE: u32 = 1;

struct Parsed {
    script: Option<Script>,
    /// The first error, if any, except top-level `await` in a script (which the REPL allows).
    error: Option<(SyntaxError, Span)>,
}

fn parse(code: &str) -> Parsed {
    let input = StringInput::new(code, BytePos(BASE), BytePos(BASE + code.len() as u32));
    let syntax = Syntax::Es(EsSyntax { explicit_resource_management: true, ..Default::default() });
    let mut parser = Parser::new(syntax, input, None);
    let result = parser.parse_script();
    let mut errors: Vec<_> = parser
        .take_errors()
        .into_iter()
        .filter(|error| !matches!(error.kind(), SyntaxError::TopLevelAwaitInScript))
        .map(|error| (error.kind().clone(), error.span()))
        .collect();
    match result {
        Ok(script) => Parsed { script: Some(script), error: errors.drain(..).next() },
        Err(error) => Parsed { script: None, error: Some((error.kind().clone(), error.span())) },
    }
}

/// The code as a module (node asks acorn for `sourceType: 'module'`), if it parses cleanly.
fn parse_module(code: &str) -> Option<Module> {
    let input = StringInput::new(code, BytePos(BASE), BytePos(BASE + code.len() as u32));
    let syntax = Syntax::Es(EsSyntax { explicit_resource_management: true, ..Default::default() });
    let mut parser = Parser::new(syntax, input, None);
    let module = parser.parse_module().ok()?;
    parser.take_errors().is_empty().then_some(module)
}

fn source_of(code: &str, span: Span) -> &str {
    &code[(span.lo.0 - BASE) as usize..(span.hi.0 - BASE) as usize]
}

fn unparenthesized(mut expression: &Expr) -> &Expr {
    while let Expr::Paren(inner) = expression {
        expression = &inner.expr;
    }
    expression
}

/// Whether evaluating the code could do more than read: calls, assignments, updates, loops
/// over iterators.
#[derive(Default)]
struct RunsCode(bool);

impl Visit for RunsCode {
    fn visit_for_in_stmt(&mut self, _: &ForInStmt) {
        self.0 = true;
    }
    fn visit_for_of_stmt(&mut self, _: &ForOfStmt) {
        self.0 = true;
    }
    fn visit_call_expr(&mut self, _: &CallExpr) {
        self.0 = true;
    }
    fn visit_opt_call(&mut self, _: &OptCall) {
        self.0 = true;
    }
    fn visit_assign_expr(&mut self, _: &AssignExpr) {
        self.0 = true;
    }
    fn visit_update_expr(&mut self, _: &UpdateExpr) {
        self.0 = true;
    }
}

/// The end of the line that tab completion works on (node's findExpressionCompleteTarget):
/// the last statement's expression, narrowed to the right side of an operator, a declaration's
/// initializer, a unary operator's operand or a `new`'s callee; none for a block, a declaration
/// without initializer, or code that could run something. Code that does not parse is tried
/// again from its last space on.
fn completion_target(code: &str) -> Option<String> {
    if code.is_empty() {
        return None;
    }
    if let Some(before) = code.strip_suffix('.') {
        if let Some(before) = before.strip_suffix('?') {
            return completion_target(before).map(|target| format!("{target}?."));
        }
        return completion_target(before).map(|target| format!("{target}."));
    }
    let Some(module) = parse_module(code) else {
        return match code.rsplit_once(' ') {
            Some((_, last)) => completion_target(last),
            None => None,
        };
    };
    let statement = match module.body.last()? {
        ModuleItem::Stmt(Stmt::Block(_)) => return None,
        ModuleItem::Stmt(statement) => statement,
        ModuleItem::ModuleDecl(declaration) => return Some(source_of(code, declaration.span()).to_string()),
    };
    match statement {
        Stmt::Expr(expression) => match unparenthesized(&expression.expr) {
            Expr::Bin(binary) => return completion_target(source_of(code, binary.right.span())),
            Expr::Assign(assignment) => return completion_target(source_of(code, assignment.right.span())),
            Expr::Unary(unary) => return completion_target(source_of(code, unary.arg.span())),
            Expr::New(new) => return completion_target(source_of(code, new.callee.span())),
            _ => {}
        },
        Stmt::Decl(Decl::Var(declaration)) => {
            let init = declaration.decls.last()?.init.as_ref()?;
            return completion_target(source_of(code, init.span()));
        }
        _ => {}
    }
    let mut runs_code = RunsCode::default();
    statement.visit_with(&mut runs_code);
    (!runs_code.0).then(|| source_of(code, statement.span()).to_string())
}

/// The `await import()` equivalent of the import declarations in a line, which node's REPL
/// suggests instead (`import a, {b as c} from "m"` → `const { default: a, b: c } = await
/// import("m");`); empty when the line does not parse as a module.
fn dynamic_import(code: &str) -> String {
    let Some(module) = parse_module(code) else { return String::new() };
    let mut suggestion = String::new();
    for item in &module.body {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl { specifiers, src, .. })) = item else { continue };
        let source = serde_json::to_string(&src.value.to_string_lossy()).unwrap_or_default();
        let awaited = format!("await import({source});");
        match specifiers.as_slice() {
            [] => suggestion.push_str(&awaited),
            [ImportSpecifier::Namespace(namespace)] => suggestion.push_str(&format!("const {} = {awaited}", namespace.local.sym)),
            _ => {
                let names: Vec<String> = specifiers
                    .iter()
                    .map(|specifier| match specifier {
                        ImportSpecifier::Named(named) => match &named.imported {
                            None => named.local.sym.to_string(),
                            Some(ModuleExportName::Ident(imported)) if imported.sym == named.local.sym => named.local.sym.to_string(),
                            Some(ModuleExportName::Ident(imported)) => format!("{}: {}", imported.sym, named.local.sym),
                            // Node names a string-named import `default` too.
                            Some(_) => format!("default: {}", named.local.sym),
                        },
                        ImportSpecifier::Default(default) => format!("default: {}", default.local.sym),
                        ImportSpecifier::Namespace(namespace) => format!("default: {}", namespace.local.sym),
                    })
                    .collect();
                suggestion.push_str(&format!("const {{ {} }} = {awaited}", names.join(", ")));
            }
        }
    }
    suggestion
}

/// How a member expression names its property.
enum PropertyKey {
    /// `.name`
    Name(String),
    /// `[literal]`: the key it makes (a number as the number).
    Literal(Result<String, f64>),
    /// `[expression]`: its source, evaluated to find the key.
    Computed(String),
}

/// A member expression `a.b[c]...` from the inside out: the identifier it starts from (none
/// when it starts from anything else), then each member's source and the property it reads.
struct MemberChain {
    base: Option<String>,
    members: Vec<(String, PropertyKey)>,
}

/// The member chain of the completion target's expression: Err when the target does not
/// parse, Ok(None) when it is not a member expression.
fn member_chain(code: &str) -> Result<Option<MemberChain>, ()> {
    let module = parse_module(code).ok_or(())?;
    let Some(ModuleItem::Stmt(Stmt::Expr(statement))) = module.body.first() else {
        return Ok(None);
    };
    let mut members = Vec::new();
    let mut expression = unparenthesized(&statement.expr);
    while let Expr::Member(member) = expression {
        let key = match &member.prop {
            MemberProp::Ident(name) => PropertyKey::Name(name.sym.to_string()),
            MemberProp::PrivateName(name) => PropertyKey::Computed(source_of(code, name.span).to_string()),
            MemberProp::Computed(computed) => match unparenthesized(&computed.expr) {
                Expr::Lit(literal) => PropertyKey::Literal(match literal {
                    Lit::Str(string) => Ok(string.value.to_string_lossy().into_owned()),
                    Lit::Num(number) => Err(number.value),
                    Lit::BigInt(bigint) => Ok(bigint.value.to_string()),
                    Lit::Bool(boolean) => Ok(boolean.value.to_string()),
                    Lit::Null(_) => Ok("null".to_string()),
                    Lit::Regex(regex) => Ok(format!("/{}/{}", regex.exp, regex.flags)),
                    Lit::JSXText(text) => Ok(text.value.to_string_lossy().into_owned()),
                }),
                _ => PropertyKey::Computed(source_of(code, computed.expr.span()).to_string()),
            },
        };
        let end = (member.span.hi.0 - BASE) as usize;
        members.push((code[..end].to_string(), key));
        expression = unparenthesized(&member.obj);
    }
    if members.is_empty() {
        return Ok(None);
    }
    members.reverse();
    let base = match expression {
        Expr::Ident(identifier) => Some(identifier.sym.to_string()),
        _ => None,
    };
    Ok(Some(MemberChain { base, members }))
}

/// Input that more lines could complete: it ends inside a template, a block comment, a
/// string continued with a backslash, or the parser ran out of input.
fn unfinished(code: &str, error: &SyntaxError, span: Span) -> bool {
    match error {
        SyntaxError::Eof | SyntaxError::UnterminatedTpl | SyntaxError::UnterminatedBlockComment => true,
        SyntaxError::UnterminatedStrLit => code.trim_end_matches(['\n', '\r']).ends_with('\\'),
        // A malformed token at the end (`3.5e`) is wrong already, not waiting for more.
        SyntaxError::ExpectedDigit { .. } | SyntaxError::NumLitTerminatedWithExp | SyntaxError::UnterminatedRegExp => false,
        _ => span.lo.0 - BASE >= code.trim_end().len() as u32,
    }
}

/// The text edits of node's top-level-await rewrite, one slot per byte of the wrapped code
/// (a character's text in the slot of its first byte).
struct Rewrite {
    slots: Vec<String>,
    hoisted: Vec<String>,
    contains_await: bool,
    contains_return: bool,
}

impl Rewrite {
    fn new(code: &str) -> Self {
        let mut slots = vec![String::new(); code.len()];
        for (index, char) in code.char_indices() {
            slots[index] = char.to_string();
        }
        Rewrite { slots, hoisted: Vec::new(), contains_await: false, contains_return: false }
    }

    fn index(position: BytePos) -> usize {
        (position.0 - BASE) as usize
    }

    fn replace(&mut self, from: usize, to: usize, text: &str) {
        let mut text = text.to_string();
        for slot in &mut self.slots[from..to] {
            slot.clear();
        }
        if from == to {
            text.push_str(&self.slots[from]);
        }
        self.slots[from] = text;
    }

    fn prepend(&mut self, position: BytePos, text: &str) {
        let slot = &mut self.slots[Self::index(position)];
        slot.insert_str(0, text);
    }

    fn append(&mut self, end: BytePos, text: &str) {
        self.slots[Self::index(end) - 1].push_str(text);
    }

    /// `let a = 1, {b} = c` becomes `void ((a = 1), ({b} = c))` with `let a, b; ` hoisted
    /// before the async function; a `var` anywhere outside functions likewise.
    fn declaration(&mut self, declaration: &VarDecl, in_for_head: bool) {
        let kind = match declaration.kind {
            VarDeclKind::Var => "var",
            VarDeclKind::Let => "let",
            VarDeclKind::Const => "const",
        };
        let start = Self::index(declaration.span.lo);
        let end = start + kind.len() + usize::from(in_for_head);
        let replacement = if declaration.kind == VarDeclKind::Var && in_for_head {
            String::new()
        } else {
            format!("void{}", if declaration.decls.len() == 1 { "" } else { " (" })
        };
        self.replace(start, end, &replacement);
        if !in_for_head {
            for declarator in &declaration.decls {
                self.prepend(declarator.span.lo, "(");
                self.append(declarator.span.hi, if declarator.init.is_some() { ")" } else { "=undefined)" });
            }
            if declaration.decls.len() != 1 {
                if let Some(last) = declaration.decls.last() {
                    self.append(last.span.hi, ")");
                }
            }
        }
        let mut names = Vec::new();
        for declarator in &declaration.decls {
            bound_names(&declarator.name, &mut names);
        }
        if !names.is_empty() {
            let keyword = if declaration.kind == VarDeclKind::Var { "var" } else { "let" };
            self.hoisted.push(format!("{keyword} {}; ", names.join(", ")));
        }
    }
}

/// The names a declaration binds, as node's rewrite collects them (defaults and array rest
/// elements aside, as there).
fn bound_names(pattern: &Pat, names: &mut Vec<String>) {
    match pattern {
        Pat::Ident(binding) => names.push(binding.id.sym.to_string()),
        Pat::Object(object) => {
            for property in &object.props {
                match property {
                    ObjectPatProp::KeyValue(pair) => bound_names(&pair.value, names),
                    ObjectPatProp::Assign(shorthand) if shorthand.value.is_none() => {
                        names.push(shorthand.key.id.sym.to_string())
                    }
                    ObjectPatProp::Assign(_) => {}
                    ObjectPatProp::Rest(rest) => bound_names(&rest.arg, names),
                }
            }
        }
        Pat::Array(array) => {
            for element in array.elems.iter().flatten() {
                if matches!(element, Pat::Ident(_) | Pat::Object(_) | Pat::Array(_)) {
                    bound_names(element, names);
                }
            }
        }
        _ => {}
    }
}

/// Walks the code around the top-level statements: functions are not entered (their awaits,
/// returns and variables are their own).
impl Visit for Rewrite {
    fn visit_function(&mut self, _: &Function) {}
    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
    fn visit_constructor(&mut self, _: &Constructor) {}
    fn visit_class_method(&mut self, _: &ClassMethod) {}
    fn visit_private_method(&mut self, _: &PrivateMethod) {}
    fn visit_method_prop(&mut self, _: &MethodProp) {}
    fn visit_getter_prop(&mut self, _: &GetterProp) {}
    fn visit_setter_prop(&mut self, _: &SetterProp) {}

    fn visit_fn_decl(&mut self, declaration: &FnDecl) {
        let name = declaration.ident.sym.to_string();
        self.prepend(declaration.function.span.lo, &format!("this.{name} = {name}; "));
        self.hoisted.push(format!("var {name}; "));
    }

    fn visit_await_expr(&mut self, expression: &AwaitExpr) {
        self.contains_await = true;
        expression.visit_children_with(self);
    }

    fn visit_return_stmt(&mut self, statement: &ReturnStmt) {
        self.contains_return = true;
        statement.visit_children_with(self);
    }

    fn visit_var_decl(&mut self, declaration: &VarDecl) {
        if declaration.kind == VarDeclKind::Var {
            self.declaration(declaration, false);
        }
        declaration.visit_children_with(self);
    }

    fn visit_for_of_stmt(&mut self, statement: &ForOfStmt) {
        if statement.is_await {
            self.contains_await = true;
        }
        self.for_head(&statement.left);
        statement.right.visit_with(self);
        statement.body.visit_with(self);
    }

    fn visit_for_in_stmt(&mut self, statement: &ForInStmt) {
        self.for_head(&statement.left);
        statement.right.visit_with(self);
        statement.body.visit_with(self);
    }
}

impl Rewrite {
    fn for_head(&mut self, head: &ForHead) {
        match head {
            ForHead::VarDecl(declaration) => {
                if declaration.kind == VarDeclKind::Var {
                    self.declaration(declaration, true);
                }
                for declarator in &declaration.decls {
                    declarator.visit_children_with(self);
                }
            }
            other => other.visit_children_with(self),
        }
    }

    fn class_at_top(&mut self, declaration: &ClassDecl) {
        let name = declaration.ident.sym.to_string();
        self.prepend(declaration.class.span.lo, &format!("{name}="));
        self.hoisted.push(format!("let {name}; "));
        declaration.class.visit_with(self);
    }
}

enum TopLevelAwait {
    /// The code to run instead: an async arrow function called at once, resolving to
    /// `{ value }` of the last expression statement, after the hoisted declarations.
    Rewritten(String),
    /// No top-level `await` (or a top-level `return`): the code runs as it is.
    NotNeeded,
    /// The input ends early: the REPL reads more lines.
    Unfinished,
}

fn process_top_level_await(code: &str) -> TopLevelAwait {
    const PREFIX: &str = "(async () => { ";
    let wrapped = format!("{PREFIX}{code} }})()");
    let parsed = parse(&wrapped);
    let script = match (parsed.script, parsed.error) {
        (Some(script), None) => script,
        (_, Some((error, span))) => {
            return if unfinished(&wrapped[..wrapped.len() - " })()".len()], &error, span) {
                TopLevelAwait::Unfinished
            } else {
                TopLevelAwait::NotNeeded
            };
        }
        (None, None) => return TopLevelAwait::NotNeeded,
    };
    let Some(body) = script.body.first().and_then(|statement| match statement {
        Stmt::Expr(statement) => match &*statement.expr {
            Expr::Call(call) => call.callee.as_expr().and_then(|callee| match &**callee {
                Expr::Paren(paren) => match &*paren.expr {
                    Expr::Arrow(arrow) => match &*arrow.body {
                        ArrowFunctionBody::FunctionBody(block) => Some(block.stmts.clone()),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            }),
            _ => None,
        },
        _ => None,
    }) else {
        return TopLevelAwait::NotNeeded;
    };
    let mut rewrite = Rewrite::new(&wrapped);
    for statement in &body {
        match statement {
            Stmt::Decl(Decl::Var(declaration)) => {
                rewrite.declaration(&declaration, false);
                declaration.visit_children_with(&mut rewrite);
            }
            Stmt::Decl(Decl::Class(declaration)) => rewrite.class_at_top(&declaration),
            other => other.visit_with(&mut rewrite),
        }
    }
    if !rewrite.contains_await || rewrite.contains_return {
        return TopLevelAwait::NotNeeded;
    }
    if let Some(Stmt::Expr(last)) = body.iter().rev().find(|statement| !matches!(statement, Stmt::Empty(_))) {
        rewrite.prepend(last.expr.span().lo, "{ value: (");
        rewrite.prepend(last.span.lo, "return ");
        rewrite.append(last.expr.span().hi, ") }");
    }
    TopLevelAwait::Rewritten(rewrite.hoisted.concat() + &rewrite.slots.concat())
}

fn string_argument(scope: &mut v8::PinScope, args: &v8::FunctionCallbackArguments) -> String {
    args.get(0).to_rust_string_lossy(scope)
}

/// processTopLevelAwait(code): the rewritten code, null when the code runs as it is, or
/// false when the input is unfinished.
fn top_level_await(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = string_argument(scope, &args);
    match process_top_level_await(&code) {
        TopLevelAwait::Rewritten(code) => {
            if let Some(code) = v8::String::new(scope, &code) {
                rv.set(code.into());
            }
        }
        TopLevelAwait::NotNeeded => rv.set_null(),
        TopLevelAwait::Unfinished => rv.set_bool(false),
    }
}

/// isUnfinished(code): whether code V8 refused could be completed by more input.
fn is_unfinished(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = string_argument(scope, &args);
    let parsed = parse(&code);
    rv.set_bool(parsed.error.is_some_and(|(error, span)| unfinished(&code, &error, span)));
}

/// isValidSyntax(code): whether code parses as a script (top-level `await` allowed), or as
/// an expression assigned.
fn is_valid_syntax(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = string_argument(scope, &args);
    rv.set_bool(valid_syntax(&code));
}

fn valid_syntax(code: &str) -> bool {
    parse(code).error.is_none()
        || matches!(process_top_level_await(code), TopLevelAwait::Rewritten(_))
        || parse(&format!("_={code}")).error.is_none()
}

fn string<'s>(scope: &mut v8::PinScope<'s, '_>, text: &str) -> v8::Local<'s, v8::Value> {
    match v8::String::new(scope, text) {
        Some(text) => text.into(),
        None => v8::undefined(scope).into(),
    }
}

/// completionTarget(line): the part of the line to complete, or null.
fn completion_target_binding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = string_argument(scope, &args);
    match completion_target(&code).and_then(|target| v8::String::new(scope, &target)) {
        Some(target) => rv.set(target.into()),
        None => rv.set_null(),
    }
}

/// memberChain(target): false when the target does not parse, null when it is no member
/// expression, else [base identifier or null, then for each member from the inside out: its
/// source, how it names its property ('name', 'literal' or 'computed'), and the name, key or
/// source of the property].
fn member_chain_binding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = string_argument(scope, &args);
    let chain = match member_chain(&code) {
        Err(()) => return rv.set_bool(false),
        Ok(None) => return rv.set_null(),
        Ok(Some(chain)) => chain,
    };
    let mut items = vec![match &chain.base {
        Some(base) => string(scope, base),
        None => v8::null(scope).into(),
    }];
    for (source, key) in &chain.members {
        items.push(string(scope, source));
        let (kind, value) = match key {
            PropertyKey::Name(name) => ("name", string(scope, name)),
            PropertyKey::Literal(Ok(key)) => ("literal", string(scope, key)),
            PropertyKey::Literal(Err(number)) => ("literal", v8::Number::new(scope, *number).into()),
            PropertyKey::Computed(source) => ("computed", string(scope, source)),
        };
        items.push(string(scope, kind));
        items.push(value);
    }
    rv.set(v8::Array::new_with_elements(scope, &items).into());
}

/// dynamicImport(line): what to write instead of the line's import declarations.
fn dynamic_import_binding(scope: &mut v8::PinScope, args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let code = string_argument(scope, &args);
    rv.set(string(scope, &dynamic_import(&code)));
}

/// The `repl` binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "processTopLevelAwait" => top_level_await,
        "isUnfinished" => is_unfinished,
        "isValidSyntax" => is_valid_syntax,
        "completionTarget" => completion_target_binding,
        "memberChain" => member_chain_binding,
        "dynamicImport" => dynamic_import_binding,
    });
    rv.set(object.into());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(code: &str) -> String {
        match process_top_level_await(code) {
            TopLevelAwait::Rewritten(code) => code,
            TopLevelAwait::NotNeeded => "<not needed>".into(),
            TopLevelAwait::Unfinished => "<unfinished>".into(),
        }
    }

    #[test]
    fn top_level_await_rewrites_as_node() {
        assert_eq!(rewritten("await 1"), "(async () => { return { value: (await 1) } })()");
        assert_eq!(
            rewritten("const {a, b: [c]} = await x; a"),
            "let a, c; (async () => { void ({a, b: [c]} = await x); return { value: (a) } })()"
        );
        assert_eq!(
            rewritten("var i = 0, j; await i"),
            "var i, j; (async () => { void ( (i = 0), (j=undefined)); return { value: (await i) } })()"
        );
        assert_eq!(
            rewritten("function f() { return 1 } class C {} await f()"),
            "var f; let C; (async () => { this.f = f; function f() { return 1 } C=class C {} return { value: (await f()) } })()"
        );
        assert_eq!(rewritten("for (var x of await y) {}"), "var x; (async () => { for (x of await y) {} })()");
        assert_eq!(rewritten("async function g() { await 1 }"), "<not needed>");
        assert_eq!(rewritten("1 + 1"), "<not needed>");
        assert_eq!(rewritten("await (1 +"), "<unfinished>");
        assert_eq!(rewritten("`a ${await b}"), "<unfinished>");
    }

    #[test]
    fn valid_syntax_allows_top_level_await() {
        assert!(valid_syntax("await x"));
        assert!(valid_syntax("{ a: 1 }"));
        assert!(!valid_syntax("a +"));
        assert!(!valid_syntax("return 1"));
    }

    #[test]
    fn completion_targets_as_node() {
        let target = |code: &str| completion_target(code);
        assert_eq!(target("let a"), None);
        assert_eq!(target("const b = obj.fo").as_deref(), Some("obj.fo"));
        assert_eq!(target("{ a: true }"), None);
        assert_eq!(target("{ a: tru").as_deref(), Some("tru"));
        assert_eq!(target("x = obj['a b'].c").as_deref(), Some("obj['a b'].c"));
        assert_eq!(target("typeof a.b").as_deref(), Some("a.b"));
        assert_eq!(target("new Sam").as_deref(), Some("Sam"));
        assert_eq!(target("a?.").as_deref(), Some("a?."));
        assert_eq!(target("f().b"), None);
    }

    #[test]
    fn dynamic_imports_as_node_suggests() {
        assert_eq!(dynamic_import("import comeOn from 'fhqwhgads'"), "const { default: comeOn } = await import(\"fhqwhgads\");");
        assert_eq!(dynamic_import("import * as name from \"m\";"), "const name = await import(\"m\");");
        assert_eq!(dynamic_import("import \"m\";"), "await import(\"m\");");
        assert_eq!(
            dynamic_import("import { export1 as localName1, export2 } from \"bar\";"),
            "const { export1: localName1, export2 } = await import(\"bar\");"
        );
        assert_eq!(dynamic_import("import alias, {namedExport} from \"bar\";"), "const { default: alias, namedExport } = await import(\"bar\");");
    }

    #[test]
    fn member_chains() {
        let chain = member_chain("obj[key]['b'].c").unwrap().unwrap();
        assert_eq!(chain.base.as_deref(), Some("obj"));
        let sources: Vec<_> = chain.members.iter().map(|(source, _)| source.as_str()).collect();
        assert_eq!(sources, ["obj[key]", "obj[key]['b']", "obj[key]['b'].c"]);
        assert!(matches!(&chain.members[0].1, PropertyKey::Computed(source) if source == "key"));
        assert!(matches!(&chain.members[1].1, PropertyKey::Literal(Ok(key)) if key == "b"));
        assert!(matches!(&chain.members[2].1, PropertyKey::Name(name) if name == "c"));
        assert!(member_chain("a").unwrap().is_none());
        assert!(member_chain("a.").is_err());
    }

    #[test]
    fn unfinished_input() {
        let unfinished_code = |code: &str| parse(code).error.is_some_and(|(error, span)| unfinished(code, &error, span));
        assert!(unfinished_code("function f() {\n"));
        assert!(unfinished_code("let a = `x\n"));
        assert!(unfinished_code("/* a\n"));
        assert!(unfinished_code("'abc\\\n"));
        assert!(!unfinished_code("let a = )"));
        assert!(!unfinished_code("'abc\n"));
        assert!(!unfinished_code("a = 3.5e\n"));
    }
}
