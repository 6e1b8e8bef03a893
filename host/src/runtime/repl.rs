//! What the REPL needs to know about the code typed into it, from swc's ECMAScript parser
//! (node asks acorn the same questions): whether input that V8 refused is only unfinished
//! (so the REPL reads another line), and top-level `await` — code that awaits at its top level
//! runs in an async function, its declarations hoisted so that later lines see them.

use swc_common::{BytePos, Span, Spanned};
use swc_ecma_ast::{
    ArrowExpr, ArrowFunctionBody, AwaitExpr, ClassDecl, ClassMethod, Constructor, Decl, Expr, FnDecl,
    ForHead, ForInStmt, ForOfStmt, Function, GetterProp, MethodProp, ObjectPatProp, Pat, PrivateMethod, ReturnStmt,
    Script, SetterProp, Stmt, VarDecl, VarDeclKind,
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

/// Input that more lines could complete: it ends inside a template, a block comment, a
/// string continued with a backslash, or the parser ran out of input.
fn unfinished(code: &str, error: &SyntaxError, span: Span) -> bool {
    match error {
        SyntaxError::Eof | SyntaxError::UnterminatedTpl | SyntaxError::UnterminatedBlockComment => true,
        SyntaxError::UnterminatedStrLit => code.trim_end_matches(['\n', '\r']).ends_with('\\'),
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

/// The `repl` binding object.
pub(super) fn binding(scope: &mut v8::PinScope, _args: v8::FunctionCallbackArguments, mut rv: v8::ReturnValue) {
    let object = binding_object!(scope, {
        "processTopLevelAwait" => top_level_await,
        "isUnfinished" => is_unfinished,
        "isValidSyntax" => is_valid_syntax,
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
    fn unfinished_input() {
        let unfinished_code = |code: &str| parse(code).error.is_some_and(|(error, span)| unfinished(code, &error, span));
        assert!(unfinished_code("function f() {\n"));
        assert!(unfinished_code("let a = `x\n"));
        assert!(unfinished_code("/* a\n"));
        assert!(unfinished_code("'abc\\\n"));
        assert!(!unfinished_code("let a = )"));
        assert!(!unfinished_code("'abc\n"));
    }
}
