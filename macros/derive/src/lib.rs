//! `#[napi]`: turns Rust functions, structs and impls into the JS exports of an anode-napi addon.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{parse_macro_input, FnArg, Item, ItemFn, LitStr, Pat, Type};
use typescript::TsType;

mod typescript;

/// Exports a function, a struct (as a class, or with `object` as plain objects), a struct's
/// impl (its members) or an enum to JS.
#[proc_macro_attribute]
pub fn napi(attribute: TokenStream, item: TokenStream) -> TokenStream {
    let options = parse_macro_input!(attribute as Options);
    let item = parse_macro_input!(item as Item);
    if (options.no_export || options.return_if_invalid) && !matches!(item, Item::Fn(_)) {
        let error = syn::Error::new(item.span(), "no_export and return_if_invalid apply to functions");
        return error.into_compile_error().into();
    }
    if (options.transparent || options.array) && !matches!(item, Item::Struct(_)) {
        return syn::Error::new(item.span(), "transparent and array apply to tuple structs").into_compile_error().into();
    }
    if options.custom_finalize && (options.object || !matches!(item, Item::Struct(_))) {
        return syn::Error::new(item.span(), "custom_finalize applies to class structs").into_compile_error().into();
    }
    if options.async_runtime && !matches!(&item, Item::Fn(function) if function.sig.asyncness.is_none()) {
        return syn::Error::new(item.span(), "async_runtime applies to functions that are not async").into_compile_error().into();
    }
    if (options.iterator || options.async_iterator) && (options.object || !matches!(item, Item::Struct(_))) {
        return syn::Error::new(item.span(), "iterator and async_iterator apply to class structs").into_compile_error().into();
    }
    let expanded = match item {
        Item::Fn(function) if options.module_init => export_module_init(function),
        Item::Fn(function) if options.module_exports => export_module_exports(function),
        Item::Const(constant) => export_const(&options, constant),
        Item::Type(alias) => declare_type_alias(&options, alias),
        Item::Fn(function) => export_function(&options, function),
        Item::Struct(structure) if options.object => export_object(&options, structure),
        Item::Struct(structure) if options.transparent || options.array => export_tuple_struct(&options, structure),
        Item::Struct(structure) => export_struct(&options, structure),
        Item::Enum(enumeration) => export_enum(&options, enumeration),
        Item::Impl(block) if is_task_impl(&block) => declare_task(block),
        Item::Impl(block) if implements(&block, "Generator") || implements(&block, "ScopedGenerator") => {
            declare_generator(&options, block)
        }
        Item::Impl(block) if implements(&block, "AsyncGenerator") => declare_async_generator(block),
        Item::Impl(block) => export_impl(block),
        Item::Mod(module) => export_namespace(&options, module),
        other => Err(syn::Error::new(other.span(), "#[napi] supports functions, structs, impls, enums and consts")),
    };
    with_crate_name(expanded.unwrap_or_else(syn::Error::into_compile_error)).into()
}

/// `#[module_init] fn init()`: the same as `#[napi(module_init)]`.
#[proc_macro_attribute]
pub fn module_init(attribute: TokenStream, item: TokenStream) -> TokenStream {
    if !attribute.is_empty() {
        return syn::Error::new(Span::call_site(), "#[module_init] takes no options").into_compile_error().into();
    }
    let function = parse_macro_input!(item as ItemFn);
    with_crate_name(export_module_init(function).unwrap_or_else(syn::Error::into_compile_error)).into()
}

/// `tokens` with `anode_napi` paths naming the crate as the addon's Cargo.toml does (an addon
/// may depend on it under another name, e.g. `napi = { package = "anode-napi", ... }`).
fn with_crate_name(tokens: Tokens) -> Tokens {
    static NAME: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let name = NAME.get_or_init(|| {
        let manifest = std::path::Path::new(&std::env::var_os("CARGO_MANIFEST_DIR")?).join("Cargo.toml");
        dependency_name(&std::fs::read_to_string(manifest).ok()?, "anode-napi").filter(|name| name != "anode_napi")
    });
    match name {
        Some(name) => rename_crate(tokens, &proc_macro2::Ident::new(name, Span::call_site())),
        None => tokens,
    }
}

fn rename_crate(tokens: Tokens, name: &proc_macro2::Ident) -> Tokens {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Ident(ident) if ident == "anode_napi" => TokenTree::Ident(proc_macro2::Ident::new(&name.to_string(), ident.span())),
            TokenTree::Group(group) => {
                let mut renamed = Group::new(group.delimiter(), rename_crate(group.stream(), name));
                renamed.set_span(group.span());
                TokenTree::Group(renamed)
            }
            other => other,
        })
        .collect()
}

/// The name (as a Rust identifier) under which a Cargo manifest depends on `package`: the
/// key of a `name = { package = "..." }` entry or a `[dependencies.name]` table with
/// `package = "..."`, else the package's own name when it is a dependency.
fn dependency_name(manifest: &str, package: &str) -> Option<String> {
    let renamed = |value: &str| {
        value.split(',').any(|part| {
            let part = part.trim().trim_start_matches('{').trim_end_matches('}').trim();
            part.strip_prefix("package").map(str::trim_start).and_then(|rest| rest.strip_prefix('=')).map(|rest| rest.trim().trim_matches('"'))
                == Some(package)
        })
    };
    let mut table = String::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            table = line.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            continue;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let key = key.trim().trim_matches('"');
        let in_dependencies = table.ends_with("dependencies");
        if in_dependencies && (renamed(value) || key == package) {
            return Some(key.replace('-', "_"));
        }
        if let Some((section, name)) = table.rsplit_once('.') {
            if section.ends_with("dependencies") && key == "package" && value.trim().trim_matches('"') == package {
                return Some(name.trim_matches('"').replace('-', "_"));
            }
        }
    }
    None
}

/// The `#[napi(...)]` options.
#[derive(Default)]
struct Options {
    js_name: Option<String>,
    /// `#[napi(object)]`: a struct converted to and from a plain JS object.
    object: bool,
    /// `#[napi(string_enum)]`: an enum whose JS values are its variants' names
    /// (`string_enum = "kebab-case"`: converted to that case).
    string_enum: bool,
    string_case: Option<StringCase>,
    /// `#[napi(module_init)]`: a function run when the module loads in an env.
    module_init: bool,
    /// `#[napi(module_exports)]`: a function given the `exports` object after the exports are made.
    module_exports: bool,
    /// `#[napi(constructor)]` on a struct: `new` takes its fields in order.
    constructor: bool,
    /// `object_to_js = false` / `object_from_js = false`: an object converted one way only.
    object_to_js: bool,
    object_from_js: bool,
    /// `use_nullable = true`: `Option` fields are always present, `null` for `None` (else
    /// they are left out, and optional in TypeScript).
    use_nullable: bool,
    /// `namespace = "name"`: the item is exported on `exports.name` (given to the items of a
    /// `#[napi] mod name`, whose name it is).
    namespace: Option<String>,
    /// `#[napi(transparent)]` on a one-field tuple struct: converted as its field.
    transparent: bool,
    /// `#[napi(array)]` on a tuple struct: converted to and from a JS array of its fields.
    array: bool,
    /// `#[napi(custom_finalize)]` on a class struct: its `ObjectFinalize` impl runs when an
    /// instance is collected.
    custom_finalize: bool,
    /// `#[napi(async_runtime)]` on a function: it runs inside the addon's tokio runtime (so it
    /// can `tokio::spawn`).
    async_runtime: bool,
    /// `#[napi(iterator)]` on a struct: its instances are iterators driven by its
    /// `Generator` impl.
    iterator: bool,
    /// `#[napi(async_iterator)]` on a struct: `instance[Symbol.asyncIterator]()` is an async
    /// iterator driven by its `AsyncGenerator` impl.
    async_iterator: bool,
    /// `#[napi(no_export)]` on a function: not exported; its callback (as every function's) is `<name>_c_callback`
    /// (for `Env::create_function`).
    no_export: bool,
    /// `#[napi(return_if_invalid)]` on a function: arguments that do not convert make it
    /// return `undefined` (an `async fn`: a rejected promise) instead of throwing.
    return_if_invalid: bool,
    /// `discriminant = "kind"` on an enum with fields: the property naming the variant
    /// (`type` by default); `discriminant_case = "lowercase"`: the variant names converted.
    discriminant: Option<String>,
    discriminant_case: Option<StringCase>,
    typescript: TsOverrides,
}

/// The options that change an item's `index.d.ts` declaration.
#[derive(Default)]
struct TsOverrides {
    /// `ts_args_type = "a: number, b: string"`: the parameter list as written.
    args: Option<String>,
    /// `ts_return_type = "..."`.
    returns: Option<String>,
    /// `ts_type = "..."`: a field's or argument's type.
    ty: Option<String>,
    /// `skip_typescript`: no declaration.
    skip: bool,
    /// `ts_generic_types = "T extends object"`: a function's type parameters.
    generics: Option<String>,
    /// `strict` (parsed with these, as functions and members both take it): every argument
    /// is checked by its type's `ValidateNapiValue` before it is converted.
    strict: bool,
}

impl TsOverrides {
    /// Parses `meta` if it is one of these options, `strict`, or `catch_unwind` (whose
    /// behaviour anode-napi always has: every panic is caught at the boundary).
    fn parse(&mut self, meta: &syn::meta::ParseNestedMeta) -> syn::Result<bool> {
        let string = || -> syn::Result<String> { Ok(meta.value()?.parse::<LitStr>()?.value()) };
        if meta.path.is_ident("ts_args_type") {
            self.args = Some(string()?);
        } else if meta.path.is_ident("ts_return_type") {
            self.returns = Some(string()?);
        } else if meta.path.is_ident("ts_type") || meta.path.is_ident("ts_arg_type") {
            self.ty = Some(string()?);
        } else if meta.path.is_ident("skip_typescript") {
            self.skip = true;
        } else if meta.path.is_ident("ts_generic_types") {
            self.generics = Some(string()?);
        } else if meta.path.is_ident("strict") {
            self.strict = true;
        } else if !meta.path.is_ident("catch_unwind") {
            return Ok(false);
        }
        Ok(true)
    }

    /// `<...>` for `ts_generic_types`, else nothing.
    fn type_parameters(&self) -> String {
        self.generics.as_ref().map(|generics| format!("<{generics}>")).unwrap_or_default()
    }

    /// A function's declared parameters and return type, overridden as asked.
    fn signature(&self, analyzed: &Analyzed) -> (String, String) {
        let parameters = self.args.clone().unwrap_or_else(|| analyzed.parameters.join(", "));
        (parameters, self.returns.clone().unwrap_or_else(|| analyzed.returns.to_string()))
    }
}

impl Options {
    /// A top-level declaration, marked `%namespace ` for an item of a `#[napi] mod`
    /// (anode-napi-build puts those in the namespace's block).
    fn top_level(&self, declaration: &str) -> String {
        match &self.namespace {
            Some(namespace) => format!("%{namespace} {declaration}"),
            None => declaration.to_string(),
        }
    }
}

impl syn::parse::Parse for Options {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut options = Options { object_to_js: true, object_from_js: true, ..Options::default() };
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("js_name") {
                options.js_name = Some(meta.value()?.parse::<LitStr>()?.value());
                Ok(())
            } else if meta.path.is_ident("object") {
                options.object = true;
                Ok(())
            } else if meta.path.is_ident("string_enum") {
                options.string_enum = true;
                if meta.input.peek(syn::Token![=]) {
                    let case = meta.value()?.parse::<LitStr>()?;
                    options.string_case = Some(StringCase::parse(&case.value()).ok_or_else(|| {
                        syn::Error::new(case.span(), format!("string_enum cases are {}", StringCase::NAMES.join(", ")))
                    })?);
                }
                Ok(())
            } else if meta.path.is_ident("module_init") {
                options.module_init = true;
                Ok(())
            } else if meta.path.is_ident("module_exports") {
                options.module_exports = true;
                Ok(())
            } else if meta.path.is_ident("constructor") {
                options.constructor = true;
                Ok(())
            } else if meta.path.is_ident("object_to_js") {
                options.object_to_js = meta.value()?.parse::<syn::LitBool>()?.value;
                Ok(())
            } else if meta.path.is_ident("use_nullable") {
                options.use_nullable = meta.value()?.parse::<syn::LitBool>()?.value;
                Ok(())
            } else if meta.path.is_ident("namespace") {
                options.namespace = Some(meta.value()?.parse::<LitStr>()?.value());
                Ok(())
            } else if meta.path.is_ident("transparent") {
                options.transparent = true;
                Ok(())
            } else if meta.path.is_ident("array") {
                options.array = true;
                Ok(())
            } else if meta.path.is_ident("custom_finalize") {
                options.custom_finalize = true;
                Ok(())
            } else if meta.path.is_ident("async_runtime") {
                options.async_runtime = true;
                Ok(())
            } else if meta.path.is_ident("iterator") {
                options.iterator = true;
                Ok(())
            } else if meta.path.is_ident("async_iterator") {
                options.async_iterator = true;
                Ok(())
            } else if meta.path.is_ident("no_export") {
                options.no_export = true;
                Ok(())
            } else if meta.path.is_ident("return_if_invalid") {
                options.return_if_invalid = true;
                Ok(())
            } else if meta.path.is_ident("discriminant") {
                options.discriminant = Some(meta.value()?.parse::<LitStr>()?.value());
                Ok(())
            } else if meta.path.is_ident("discriminant_case") {
                let case = meta.value()?.parse::<LitStr>()?;
                options.discriminant_case = Some(StringCase::parse(&case.value()).ok_or_else(|| {
                    syn::Error::new(case.span(), format!("discriminant cases are {}", StringCase::NAMES.join(", ")))
                })?);
                Ok(())
            } else if meta.path.is_ident("object_from_js") {
                options.object_from_js = meta.value()?.parse::<syn::LitBool>()?.value;
                Ok(())
            } else if options.typescript.parse(&meta)? {
                Ok(())
            } else {
                Err(meta.error("unknown #[napi] option"))
            }
        });
        syn::parse::Parser::parse2(parser, input.parse()?)?;
        Ok(options)
    }
}

/// `snake_case` to `camelCase`, as JS names go.
fn camel_case(name: &str) -> String {
    let mut camel = String::with_capacity(name.len());
    let mut upper = false;
    for (index, character) in name.trim_start_matches("r#").chars().enumerate() {
        if character == '_' && index > 0 {
            upper = true;
        } else if upper {
            camel.extend(character.to_uppercase());
            upper = false;
        } else {
            camel.push(character);
        }
    }
    camel
}

/// A case a `string_enum`'s variant names are converted to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum StringCase {
    Lower,
    Upper,
    Camel,
    Pascal,
    Snake,
    Kebab,
    ScreamingSnake,
}

impl StringCase {
    const NAMES: [&'static str; 7] = ["lowercase", "UPPERCASE", "camelCase", "PascalCase", "snake_case", "kebab-case", "SCREAMING_SNAKE_CASE"];

    fn parse(name: &str) -> Option<StringCase> {
        let cases = [
            StringCase::Lower,
            StringCase::Upper,
            StringCase::Camel,
            StringCase::Pascal,
            StringCase::Snake,
            StringCase::Kebab,
            StringCase::ScreamingSnake,
        ];
        StringCase::NAMES.iter().position(|case| *case == name).map(|index| cases[index])
    }

    /// A variant name (`PascalCase`, or with underscores) in this case.
    fn convert(self, name: &str) -> String {
        let words = words(name);
        let capitalized = |word: &String| {
            let mut characters = word.chars();
            characters.next().map(|first| first.to_uppercase().chain(characters).collect::<String>()).unwrap_or_default()
        };
        match self {
            StringCase::Lower => words.concat(),
            StringCase::Upper => words.concat().to_uppercase(),
            StringCase::Camel => {
                words.iter().enumerate().map(|(index, word)| if index == 0 { word.clone() } else { capitalized(word) }).collect()
            }
            StringCase::Pascal => words.iter().map(capitalized).collect(),
            StringCase::Snake => words.join("_"),
            StringCase::Kebab => words.join("-"),
            StringCase::ScreamingSnake => words.join("_").to_uppercase(),
        }
    }
}

/// The lowercase words of an identifier: split at underscores and where a capital starts a
/// word (`HTTPServer2Port` → `http`, `server2`, `port`).
fn words(name: &str) -> Vec<String> {
    let characters: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for (index, &character) in characters.iter().enumerate() {
        if character == '_' {
            words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            continue;
        }
        let previous = index.checked_sub(1).map(|previous| characters[previous]);
        let next = characters.get(index + 1);
        let starts_word = character.is_uppercase()
            && previous.is_some_and(|previous| previous.is_lowercase() || previous.is_ascii_digit() || (previous.is_uppercase() && next.is_some_and(|next| next.is_lowercase())));
        if starts_word && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.extend(character.to_lowercase());
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

/// Whether `ty` is the `Env` of the call (passed in, not read from the arguments).
fn is_env(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "Env"))
}

/// `ty` with its named lifetimes elided (`Object<'env>` → `Object<'_>`): the callback that
/// reads the argument has no such lifetime in scope.
fn elide_lifetimes(ty: Tokens) -> Tokens {
    replace_lifetimes(ty, "_")
}

/// `ty` with its named lifetimes (but `'static`) replaced by `'replacement`.
fn replace_lifetimes(ty: Tokens, replacement: &str) -> Tokens {
    use proc_macro2::{Group, TokenTree};
    let mut after_apostrophe = false;
    ty.into_iter()
        .map(|token| {
            let token = match token {
                TokenTree::Ident(ident) if after_apostrophe && ident != "static" => {
                    TokenTree::Ident(proc_macro2::Ident::new(replacement, ident.span()))
                }
                TokenTree::Group(group) => {
                    let mut replaced = Group::new(group.delimiter(), replace_lifetimes(group.stream(), replacement));
                    replaced.set_span(group.span());
                    TokenTree::Group(replaced)
                }
                other => other,
            };
            after_apostrophe = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == '\'' );
            token
        })
        .collect()
}

/// Whether `generics` are lifetimes only (which a class may have: its values live in JS
/// objects, so the class is registered with them `'static`).
fn only_lifetimes(generics: &syn::Generics) -> bool {
    generics.params.iter().all(|parameter| matches!(parameter, syn::GenericParam::Lifetime(_)))
}

/// How a converted argument is passed to the function.
enum Pass {
    Value,
    Reference,
    /// `Option<&T>` from an `Option<T::Owned>`.
    OptionReference,
    /// `&T` or `&mut T` (`mutable`) of a class instance or of a converted value.
    Argument { mutable: bool },
    /// `Option<&T>` or `Option<&mut T>` of the same: `None` for `null` and `undefined`.
    OptionArgument { mutable: bool },
}

/// The owned type an argument is converted to (`&str` from a `String`, `&[T]` from a `Vec<T>`).
fn owned_type(ty: &Type) -> (Tokens, Pass) {
    match ty {
        Type::Reference(reference) => match &*reference.elem {
            Type::Path(path) if path.path.is_ident("str") => (quote!(::std::string::String), Pass::Reference),
            // A typed array's elements, borrowed in place (napi-rs's slices); other slices are read as
            // a `Vec` of their elements.
            Type::Slice(slice) if typescript::typed_array_of(&slice.elem).is_some() => (quote!(#ty), Pass::Value),
            Type::Slice(slice) => {
                let element = &slice.elem;
                (quote!(::std::vec::Vec<#element>), Pass::Reference)
            }
            element => (quote!(#element), Pass::Argument { mutable: reference.mutability.is_some() }),
        },
        Type::Path(path) => match option_of_reference(path) {
            Some(inner) => match owned_type(inner) {
                (element, Pass::Argument { mutable }) => (element, Pass::OptionArgument { mutable }),
                (owned, _) => (quote!(::std::option::Option<#owned>), Pass::OptionReference),
            },
            None => (quote!(#ty), Pass::Value),
        },
        _ => (quote!(#ty), Pass::Value),
    }
}

/// `T` in `Option<T>` when `T` is a shared reference.
fn option_of_reference(path: &syn::TypePath) -> Option<&Type> {
    let segment = path.path.segments.last().filter(|segment| segment.ident == "Option")?;
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else { return None };
    match arguments.args.first()? {
        syn::GenericArgument::Type(inner @ Type::Reference(_)) => Some(inner),
        _ => None,
    }
}

/// A `#[napi]` function's signature, analyzed: how to read its arguments and call it.
struct Analyzed {
    /// `let __argN: T = ...?;` for each JS argument.
    reads: Vec<Tokens>,
    /// The Rust arguments, in order (`__env` for an `Env` parameter).
    passes: Vec<Tokens>,
    /// TypeScript parameters.
    parameters: Vec<String>,
    /// `Some(mutable)` for a `&self` / `&mut self` receiver.
    receiver: Option<bool>,
    returns: TsType,
    /// No return type: the callback returns NULL, which JS sees as `undefined`.
    returns_nothing: bool,
    /// A method returning `&Self`/`&mut Self`: JS gets the call's `this` (as in napi-rs).
    returns_this: bool,
    /// An `async fn`: JS gets a promise of its output.
    is_async: bool,
    /// How many JS arguments it reads.
    argc: usize,
    /// A `This` parameter reads the call's `this`.
    reads_this: bool,
    /// The locals `reads` declares.
    locals: Vec<syn::Ident>,
    /// Each JS argument's `ValidateNapiValue` check (run first under `strict`); none for
    /// closure parameters.
    validations: Vec<Tokens>,
}

/// Whether `ty` is `This<...>` or `Reference<...>`: made from the call's `this` (not a JS
/// argument).
fn is_this(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "This" || segment.ident == "Reference"))
}

/// The `#[napi(ts_arg_type = "...")]` of a parameter (removed from the output), if any.
fn take_parameter_type(attributes: &mut Vec<syn::Attribute>) -> syn::Result<Option<String>> {
    let Some(position) = attributes.iter().position(|attribute| attribute.path().is_ident("napi")) else {
        return Ok(None);
    };
    let attribute = attributes.remove(position);
    let mut overrides = TsOverrides::default();
    attribute.parse_nested_meta(|meta| {
        if overrides.parse(&meta)? && overrides.args.is_none() && overrides.returns.is_none() && !overrides.skip {
            Ok(())
        } else {
            Err(meta.error("a #[napi] parameter takes ts_arg_type or ts_type"))
        }
    })?;
    Ok(overrides.ty)
}

/// A type parameter bounded by `Fn(A, B) -> R`: a JS function argument, passed as a closure.
struct ClosureParameter {
    name: syn::Ident,
    inputs: Vec<Type>,
    /// `R` of `-> Result<R>` (`()` without an output).
    returns: Type,
}

/// The `Fn(...)`-bounded type parameters; any other type parameter is an error.
fn closure_parameters(generics: &syn::Generics) -> syn::Result<Vec<ClosureParameter>> {
    fn fn_bound(
        bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>,
    ) -> Option<&syn::ParenthesizedGenericArguments> {
        bounds.iter().find_map(|bound| {
            let syn::TypeParamBound::Trait(bound) = bound else { return None };
            let segment = bound.path.segments.last()?;
            let syn::PathArguments::Parenthesized(arguments) = &segment.arguments else { return None };
            ["Fn", "FnMut", "FnOnce"].contains(&segment.ident.to_string().as_str()).then_some(arguments)
        })
    }
    let mut closures = Vec::new();
    for parameter in &generics.params {
        let syn::GenericParam::Type(parameter) = parameter else {
            if matches!(parameter, syn::GenericParam::Lifetime(_)) {
                continue;
            }
            return Err(syn::Error::new(parameter.span(), "#[napi] functions cannot be generic (lifetimes and Fn(...) callbacks are allowed)"));
        };
        let where_bounds = generics.where_clause.iter().flat_map(|clause| &clause.predicates).find_map(|predicate| match predicate {
            syn::WherePredicate::Type(predicate) if matches!(&predicate.bounded_ty, Type::Path(path) if path.path.is_ident(&parameter.ident)) => {
                fn_bound(&predicate.bounds)
            }
            _ => None,
        });
        let Some(arguments) = fn_bound(&parameter.bounds).or(where_bounds) else {
            return Err(syn::Error::new(parameter.span(), "#[napi] functions cannot be generic (lifetimes and Fn(...) callbacks are allowed)"));
        };
        let returns = match &arguments.output {
            syn::ReturnType::Default => syn::parse_quote!(()),
            syn::ReturnType::Type(_, ty) => match result_of(ty) {
                Some(ok) => ok.clone(),
                None => return Err(syn::Error::new(ty.span(), "a #[napi] callback returns a napi::Result")),
            },
        };
        closures.push(ClosureParameter { name: parameter.ident.clone(), inputs: arguments.inputs.iter().cloned().collect(), returns });
    }
    Ok(closures)
}

/// `T` of `Result<T>`.
fn result_of(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last().filter(|segment| segment.ident == "Result")?;
    let syn::PathArguments::AngleBracketed(arguments) = &segment.arguments else { return None };
    match arguments.args.first()? {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    }
}

impl ClosureParameter {
    /// The `Function` the JS argument is read as: each `Result` argument error-first (an
    /// `Err` is the error, `Ok` its value).
    fn function_type(&self) -> Type {
        let inputs = self.inputs.iter().map(|input| match result_of(input) {
            Some(ok) => syn::parse_quote!(::anode_napi::__private::ErrorFirst<#ok>),
            None => input.clone(),
        });
        let returns = &self.returns;
        if self.inputs.is_empty() {
            syn::parse_quote!(::anode_napi::Function<(), #returns>)
        } else {
            syn::parse_quote!(::anode_napi::Function<::anode_napi::FnArgs<(#(#inputs,)*)>, #returns>)
        }
    }

    /// The closure calling `function`.
    fn closure(&self, function: &syn::Ident) -> Tokens {
        let names: Vec<_> = (0..self.inputs.len()).map(|index| format_ident!("__callback_arg{}", index)).collect();
        let inputs = &self.inputs;
        let values = self.inputs.iter().zip(&names).map(|(input, name)| match result_of(input) {
            Some(_) => quote!(::anode_napi::__private::ErrorFirst(#name)),
            None => quote!(#name),
        });
        let arguments = if self.inputs.is_empty() { quote!(()) } else { quote!(::anode_napi::FnArgs { data: (#(#values,)*) }) };
        quote!(move |#(#names: #inputs),*| #function.call(#arguments))
    }
}

fn analyze(signature: &mut syn::Signature) -> syn::Result<Analyzed> {
    let closures = closure_parameters(&signature.generics)?;
    let is_async = signature.asyncness.is_some();
    let mut analyzed =
        Analyzed {
        reads: vec![],
        passes: vec![],
        parameters: vec![],
        receiver: None,
        returns: TsType::Named("void".into()),
        returns_nothing: false,
        returns_this: false,
        is_async,
        argc: 0,
        reads_this: false,
        locals: vec![],
        validations: vec![],
    };
    for input in &mut signature.inputs {
        let argument = match input {
            FnArg::Receiver(receiver) if receiver.reference.is_some() => {
                analyzed.receiver = Some(receiver.mutability.is_some());
                continue;
            }
            FnArg::Receiver(receiver) => {
                return Err(syn::Error::new(receiver.span(), "#[napi] methods take &self or &mut self"));
            }
            FnArg::Typed(argument) => argument,
        };
        let declared_type = take_parameter_type(&mut argument.attrs)?;
        let env_reference = matches!(&*argument.ty, Type::Reference(reference) if is_env(&reference.elem));
        if is_env(&argument.ty) || env_reference {
            if is_async {
                return Err(syn::Error::new(argument.span(), "an async fn cannot take the Env (it runs off the JS thread)"));
            }
            analyzed.passes.push(if env_reference { quote!(&__env) } else { quote!(__env) });
            continue;
        }
        if is_this(&argument.ty) {
            let local = format_ident!("__this_argument");
            let ty = &argument.ty;
            let ty = elide_lifetimes(quote!(#ty));
            analyzed.reads.push(quote!(let #local: #ty = ::anode_napi::FromNapiValue::from_napi_value(__env.raw(), __call.this)?;));
            analyzed.passes.push(quote!(#local));
            analyzed.locals.push(local);
            analyzed.reads_this = true;
            continue;
        }
        let index = analyzed.argc;
        analyzed.argc += 1;
        let label = match &*argument.pat {
            Pat::Ident(ident) => camel_case(&ident.ident.to_string()),
            _ => format!("arg{index}"),
        };
        let local = format_ident!("__arg{}", index);
        let closure = closures.iter().find(|closure| matches!(&*argument.ty, Type::Path(path) if path.path.is_ident(&closure.name)));
        if let Some(closure) = closure {
            let function_type = closure.function_type();
            analyzed.parameters.push(match declared_type {
                Some(ty) => format!("{label}: {ty}"),
                None => typescript::member(&label, &TsType::of(&function_type)),
            });
            let function = format_ident!("__function{}", index);
            let closure = closure.closure(&function);
            analyzed.reads.push(quote! {
                let #local = {
                    let #function: #function_type = __call.arg(__env, #index)?;
                    #closure
                };
            });
            analyzed.locals.push(local.clone());
            analyzed.passes.push(quote!(#local));
            continue;
        }
        analyzed.parameters.push(match declared_type {
            Some(ty) => format!("{label}: {ty}"),
            None => typescript::member(&label, &TsType::of(&argument.ty)),
        });
        let (ty, pass) = owned_type(&argument.ty);
        let ty = elide_lifetimes(ty);
        let validated = match pass {
            Pass::Argument { .. } => quote!(&#ty),
            Pass::OptionArgument { .. } => quote!(::std::option::Option<&#ty>),
            _ => quote!(#ty),
        };
        analyzed.validations.push(quote! {
            <#validated as ::anode_napi::ValidateNapiValue>::validate(__env.raw(), __call.args[#index])?;
        });
        analyzed.reads.push(match pass {
            Pass::Argument { .. } => quote! {
                #[allow(unused_mut)]
                let mut #local = {
                    use ::anode_napi::__private::{ReadClass as _, ReadValue as _};
                    (&::anode_napi::__private::ArgumentKind::<#ty>::new())
                        .read(__env, __call.args[#index])?
                };
            },
            Pass::OptionArgument { .. } => quote! {
                #[allow(unused_mut)]
                let mut #local = {
                    use ::anode_napi::__private::{ReadClass as _, ReadValue as _};
                    let __given: ::std::option::Option<::anode_napi::JsValue> = __call.arg(__env, #index)?;
                    match __given {
                        ::std::option::Option::None => ::std::option::Option::None,
                        ::std::option::Option::Some(__value) => ::std::option::Option::Some(
                            (&::anode_napi::__private::ArgumentKind::<#ty>::new())
                                .read(__env, __value.raw())?,
                        ),
                    }
                };
            },
            _ => quote!(let #local: #ty = __call.arg(__env, #index)?;),
        });
        analyzed.locals.push(local.clone());
        analyzed.passes.push(match pass {
            Pass::Value => quote!(#local),
            Pass::Reference => quote!(&#local),
            Pass::OptionReference => quote!(#local.as_deref()),
            Pass::Argument { mutable: false } => quote!(&*#local),
            Pass::Argument { mutable: true } => quote!(&mut *#local),
            Pass::OptionArgument { mutable: false } => quote!(#local.as_deref()),
            Pass::OptionArgument { mutable: true } => quote!(#local.as_deref_mut()),
        });
    }
    analyzed.returns_nothing = matches!(signature.output, syn::ReturnType::Default) && !is_async;
    if let syn::ReturnType::Type(_, ty) = &signature.output {
        analyzed.returns_this = analyzed.receiver.is_some()
            && !is_async
            && matches!(&**ty, Type::Reference(reference) if matches!(&*reference.elem, Type::Path(path) if path.path.is_ident("Self")));
        analyzed.returns = if analyzed.returns_this { TsType::Named("this".into()) } else { TsType::of(ty) };
    }
    if is_async {
        analyzed.returns = TsType::Generic("Promise".into(), vec![analyzed.returns.clone()]);
    }
    Ok(analyzed)
}

/// A declaration for `index.d.ts`, put in the library's `anode_napi_dts` section.
fn declare(text: &str) -> Tokens {
    let text = format!("{text}\n");
    let length = proc_macro2::Literal::usize_unsuffixed(text.len());
    let bytes = proc_macro2::Literal::byte_string(text.as_bytes());
    quote!(::anode_napi::__private::declare!(#length, #bytes);)
}

/// An export: `create` makes its value in an env (a function body returning
/// `Result<napi_value>`, with `env` in scope); registered under `js_name` when the library
/// loads, with its TypeScript declaration.
fn export(options: &Options, rust_name: &syn::Ident, js_name: &str, declaration: Option<&str>, create: Tokens) -> Tokens {
    let create_name = format_ident!("__napi_create_{}", rust_name);
    let private = quote!(::anode_napi::__private);
    let declaration = declaration.map(|declaration| declare(&options.top_level(declaration)));
    let js_name = LitStr::new(js_name, Span::call_site());
    let namespace = match &options.namespace {
        Some(namespace) => quote!(::core::option::Option::Some(#namespace)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe fn #create_name(env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
            #create
        }

        #declaration
        #private::on_load!({ #private::register(#namespace, #js_name, #create_name); });
    }
}

/// What a callback does when an argument does not convert.
#[derive(Clone, Copy, PartialEq)]
enum OnInvalid {
    Throw,
    /// `return_if_invalid`: return `undefined` (or a rejected promise from an `async fn`).
    Return,
}

/// An `extern "C"` callback reading the arguments (and `this` as `receiver_type` for
/// methods) and converting `call`'s result.
fn callback(name: &syn::Ident, analyzed: &Analyzed, receiver_type: Option<&Type>, on_invalid: OnInvalid, strict: bool, call: Tokens) -> Tokens {
    let sys = quote!(::anode_napi::sys);
    let private = quote!(::anode_napi::__private);
    let argc = analyzed.argc;
    // Under `strict`, the arguments are checked first; an `async fn` rejects its promise.
    let validations = &analyzed.validations;
    let validation = match (strict && !validations.is_empty(), analyzed.is_async) {
        (false, _) => None,
        (true, false) => Some(quote!(#(#validations)*)),
        (true, true) => Some(quote! {
            if let Err(error) = (|| -> ::anode_napi::Result<()> { #(#validations)* Ok(()) })() {
                return #private::rejected_promise(__env, error);
            }
        }),
    };
    let reads: Vec<&Tokens> = validation.iter().chain(&analyzed.reads).collect();
    let reads = if on_invalid == OnInvalid::Return && !reads.is_empty() {
        let locals = &analyzed.locals;
        let invalid = if analyzed.is_async {
            quote!(#private::rejected_promise(__env, error))
        } else {
            quote!(__env.undefined())
        };
        quote! {
            #[allow(unused_mut)]
            let (#(mut #locals,)*) = match (|| -> ::anode_napi::Result<_> { #(#reads)* Ok((#(#locals,)*)) })() {
                Ok(arguments) => arguments,
                Err(error) => return #invalid,
            };
        }
    } else {
        quote!(#(#reads)*)
    };
    // An async method's future holds `&self` (shared: JS may call other methods meanwhile).
    let this = receiver_type.map(|ty| match analyzed.is_async {
        true => quote!(let __this = &*#private::unwrap::<#ty>(__env, __call.this)?;),
        false => quote!(let __this = #private::unwrap::<#ty>(__env, __call.this)?;),
    });
    let result = if analyzed.is_async && receiver_type.is_some() {
        quote!(#private::spawn_method_promise(__env, __call.this, async move { #call.await }))
    } else if analyzed.is_async {
        quote!(#private::spawn_promise(__env, async move { #call.await }))
    } else if analyzed.returns_nothing {
        quote!({ #call; Ok(::core::ptr::null_mut()) })
    } else if analyzed.returns_this {
        quote!({ #call; Ok(__call.this) })
    } else {
        quote!(::anode_napi::ToNapiValue::to_napi_value(#call, __env))
    };
    // A function with no arguments and no receiver needs nothing from the callback info.
    let read_call = if argc > 0 || receiver_type.is_some() || analyzed.reads_this {
        quote!(let __call = #private::CallInfo::<#argc>::read(__env, info)?;)
    } else {
        quote!(let _ = info;)
    };
    quote! {
        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe extern "C" fn #name(env: #sys::napi_env, info: #sys::napi_callback_info) -> #sys::napi_value {
            #private::run(env, |__env| {
                #read_call
                #this
                #reads
                #result
            })
        }
    }
}

fn export_function(options: &Options, mut function: ItemFn) -> syn::Result<Tokens> {
    let analyzed = analyze(&mut function.sig)?;
    let name = &function.sig.ident;
    if analyzed.receiver.is_some() {
        return Err(syn::Error::new(function.sig.span(), "#[napi] functions take no self"));
    }
    let js_name = options.js_name.clone().unwrap_or_else(|| camel_case(&name.to_string()));
    let (parameters, returns) = options.typescript.signature(&analyzed);
    let declaration =
        (!options.typescript.skip).then(|| format!("export declare function {js_name}{}({parameters}): {returns};", options.typescript.type_parameters()));
    let passes = &analyzed.passes;
    let on_invalid = if options.return_if_invalid { OnInvalid::Return } else { OnInvalid::Throw };
    let call = if options.async_runtime {
        quote!({
            let _runtime = ::anode_napi::runtime().enter();
            #name(#(#passes),*)
        })
    } else {
        quote!(#name(#(#passes),*))
    };
    // `<name>_c_callback`, as napi-rs names it: also usable as a `Property`'s or
    // `Env::create_function`'s callback.
    let callback_name = format_ident!("{}_c_callback", name);
    let callback = callback(&callback_name, &analyzed, None, on_invalid, options.typescript.strict, call);
    if options.no_export {
        return Ok(quote! {
            #function
            #[allow(dead_code)]
            #callback
        });
    }
    let js_name_literal = LitStr::new(&js_name, Span::call_site());
    let export =
        export(options, name, &js_name, declaration.as_deref(), quote!(env.function(#js_name_literal, #callback_name, ::std::ptr::null_mut())));
    Ok(quote! {
        #function
        #callback
        #export
    })
}

/// `#[napi(module_init)] fn init(env: Env) -> Result<()>`: runs when the module loads in
/// an env, before the exports are made (for instance data and cleanup hooks).
fn export_module_init(function: ItemFn) -> syn::Result<Tokens> {
    let name = &function.sig.ident;
    let wrapper = format_ident!("__napi_module_init_{}", name);
    let private = quote!(::anode_napi::__private);
    // Without an Env it runs once per process; with one, in each env.
    let call = match function.sig.inputs.len() {
        0 => quote! {
            static ONCE: ::std::sync::Once = ::std::sync::Once::new();
            let mut result = Ok(());
            ONCE.call_once(|| result = #private::InitResult::into_result(#name()));
            let _ = env;
            result
        },
        1 => quote!(#private::InitResult::into_result(#name(env))),
        _ => return Err(syn::Error::new(function.sig.inputs.span(), "a module init function takes the Env or nothing")),
    };
    Ok(quote! {
        #function

        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe fn #wrapper(env: ::anode_napi::Env) -> ::anode_napi::Result<()> {
            #call
        }

        #private::on_load!({ #private::register_module_init(#wrapper); });
    })
}

/// `#[napi] type`: the alias, and a TypeScript `type` of the same name (generics kept).
fn declare_type_alias(options: &Options, alias: syn::ItemType) -> syn::Result<Tokens> {
    let name = options.js_name.clone().unwrap_or_else(|| alias.ident.to_string());
    let parameters: Vec<String> = alias.generics.type_params().map(|parameter| parameter.ident.to_string()).collect();
    let parameters = if parameters.is_empty() { String::new() } else { format!("<{}>", parameters.join(", ")) };
    let ty = options.typescript.ty.clone().unwrap_or_else(|| TsType::of(&alias.ty).to_string());
    let declaration = (!options.typescript.skip).then(|| declare(&options.top_level(&format!("export type {name}{parameters} = {ty};"))));
    Ok(quote! {
        #alias
        #declaration
    })
}

/// `#[napi] const`: an export with the constant's value (named as in Rust unless `js_name`).
fn export_const(options: &Options, constant: syn::ItemConst) -> syn::Result<Tokens> {
    let name = &constant.ident;
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let ty = options.typescript.ty.clone().unwrap_or_else(|| TsType::of(&constant.ty).to_string());
    let declaration = (!options.typescript.skip).then(|| format!("export declare const {js_name}: {ty};"));
    let export = export(options, name, &js_name, declaration.as_deref(), quote!(::anode_napi::ToNapiValue::to_napi_value(#name, env)));
    Ok(quote! {
        #constant
        #export
    })
}

/// `#[napi(module_exports)] fn exports(exports: Object, env: Env) -> Result<()>`: runs in each
/// env after the exports are made, given the `exports` object (and the Env if it asks).
fn export_module_exports(function: ItemFn) -> syn::Result<Tokens> {
    let name = &function.sig.ident;
    let wrapper = format_ident!("__napi_module_exports_{}", name);
    let private = quote!(::anode_napi::__private);
    let mut arguments = Vec::new();
    for input in &function.sig.inputs {
        match input {
            FnArg::Typed(argument) if is_env(&argument.ty) => arguments.push(quote!(__env)),
            FnArg::Typed(_) => arguments.push(quote!(::anode_napi::FromNapiValue::from_napi_value(__env.raw(), __exports)?)),
            FnArg::Receiver(receiver) => return Err(syn::Error::new(receiver.span(), "a module_exports function takes no self")),
        }
    }
    Ok(quote! {
        #function

        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe fn #wrapper(__env: ::anode_napi::Env, __exports: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<()> {
            #private::InitResult::into_result(#name(#(#arguments),*))
        }

        #private::on_load!({ #private::register_module_exports(#wrapper); });
    })
}

/// `#[napi] struct`: a JS class (its members come from `#[napi] impl`s).
/// A class's `pub` fields: JS accessors that read a clone of the field and set it, and with
/// `#[napi(constructor)]` the constructor taking them in order.
fn class_fields(options: &Options, name: &syn::Ident, class_type: &Tokens, js_name: &str, fields: &mut syn::Fields) -> syn::Result<Tokens> {
    let private = quote!(::anode_napi::__private);
    let sys = quote!(::anode_napi::sys);
    let mut generated = Vec::new();
    let mut registrations = Vec::new();
    let mut parameters = Vec::new();
    let mut initializers = Vec::new();
    let mut all_public = true;
    for (index, field) in fields.iter_mut().enumerate() {
        let field_options = take_field_options(&mut field.attrs)?;
        let Some(ident) = field.ident.clone() else { continue };
        if !matches!(field.vis, syn::Visibility::Public(_)) {
            all_public = false;
            continue;
        }
        let key = field_options.js_name.unwrap_or_else(|| camel_case(&ident.to_string()));
        let ty = &field.ty;
        let declared = field_options.typescript.ty.unwrap_or_else(|| TsType::of(ty).to_string());
        parameters.push(format!("{}: {declared}", camel_case(&ident.to_string())));
        initializers.push(quote!(#ident: __call.arg(__env, #index)?,));
        if !field_options.typescript.skip {
            let readonly = if field_options.readonly { "readonly " } else { "" };
            generated.push(declare(&format!("@{js_name} {readonly}{}: {declared};", property_key(&key))));
        }
        let key = LitStr::new(&key, Span::call_site());
        let getter = format_ident!("__napi_get_{}_{}", name, ident);
        let setter = format_ident!("__napi_set_{}_{}", name, ident);
        generated.push(quote! {
            #[doc(hidden)]
            #[allow(non_snake_case)]
            unsafe extern "C" fn #getter(env: #sys::napi_env, info: #sys::napi_callback_info) -> #sys::napi_value {
                #private::run(env, |__env| {
                    let __call = #private::CallInfo::<0>::read(__env, info)?;
                    let __this = #private::unwrap::<#class_type>(__env, __call.this)?;
                    ::anode_napi::ToNapiValue::to_napi_value(::core::clone::Clone::clone(&__this.#ident), __env)
                })
            }
        });
        if !field_options.readonly {
            generated.push(quote! {
                #[doc(hidden)]
                #[allow(non_snake_case)]
                unsafe extern "C" fn #setter(env: #sys::napi_env, info: #sys::napi_callback_info) -> #sys::napi_value {
                    #private::run(env, |__env| {
                        let __call = #private::CallInfo::<1>::read(__env, info)?;
                        let __this = #private::unwrap::<#class_type>(__env, __call.this)?;
                        __this.#ident = __call.arg(__env, 0)?;
                        Ok(::core::ptr::null_mut())
                    })
                }
            });
        }
        let add_setter = (!field_options.readonly)
            .then(|| quote!(members.add(#private::Member { name: #key, kind: #private::MemberKind::Setter, callback: #setter });));
        registrations.push(quote! {
            let members = <#class_type as ::anode_napi::Class>::members();
            members.add(#private::Member { name: #key, kind: #private::MemberKind::Getter, callback: #getter });
            #add_setter
        });
    }
    if options.constructor {
        if !all_public || matches!(fields, syn::Fields::Unnamed(_)) {
            return Err(syn::Error::new(fields.span(), "a #[napi(constructor)] struct has only pub named fields"));
        }
        let argc = initializers.len();
        let constructor = format_ident!("__napi_construct_{}", name);
        generated.push(quote! {
            #[doc(hidden)]
            #[allow(non_snake_case)]
            unsafe fn #constructor(__env: ::anode_napi::Env, info: #sys::napi_callback_info) -> ::anode_napi::Result<#class_type> {
                let __call = #private::CallInfo::<#argc>::read(__env, info)?;
                Ok(#name { #(#initializers)* })
            }
        });
        registrations.push(quote!(<#class_type as ::anode_napi::Class>::members().set_constructor(#constructor);));
        if !options.typescript.skip {
            generated.push(declare(&format!("@{js_name} constructor({});", parameters.join(", "))));
        }
    }
    Ok(quote! {
        #(#generated)*
        #private::on_load!({ #(#registrations)* });
    })
}

fn export_struct(options: &Options, mut structure: syn::ItemStruct) -> syn::Result<Tokens> {
    if !only_lifetimes(&structure.generics) {
        return Err(syn::Error::new(structure.generics.span(), "#[napi] structs cannot be generic (lifetimes are allowed)"));
    }
    let name = structure.ident.clone();
    let lifetimes = structure.generics.params.iter().map(|_| quote!('static));
    let class_type = if structure.generics.params.is_empty() { quote!(#name) } else { quote!(#name<#(#lifetimes),*>) };
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let fields = class_fields(options, &name, &class_type, &js_name, &mut structure.fields)?;
    let name = &name;
    let private = quote!(::anode_napi::__private);
    let declaration = (!options.typescript.skip).then(|| format!("export declare class {js_name}"));
    let create = if options.iterator {
        quote!({
            let class = #private::define_class::<#class_type>(env)?;
            #private::define_generator::<#class_type>(env, class)?;
            Ok(class)
        })
    } else if options.async_iterator {
        quote!({
            let class = #private::define_class::<#class_type>(env)?;
            #private::define_async_generator::<#class_type>(env, class)?;
            Ok(class)
        })
    } else {
        quote!(#private::define_class::<#class_type>(env))
    };
    let export = export(options, name, &js_name, declaration.as_deref(), create);
    let js_name = LitStr::new(&js_name, Span::call_site());
    let finalize = options.custom_finalize.then(|| quote! {
        fn finalize(self, env: ::anode_napi::Env) -> ::anode_napi::Result<()> {
            <Self as ::anode_napi::ObjectFinalize>::finalize(self, env)
        }
    });
    Ok(quote! {
        #structure

        impl ::anode_napi::Class for #class_type {
            const JS_NAME: &'static str = #js_name;
            fn members() -> &'static ::anode_napi::ClassMembers<Self> {
                static MEMBERS: ::anode_napi::ClassMembers<#class_type> = ::anode_napi::ClassMembers::new();
                &MEMBERS
            }
            #finalize
        }

        /// A new JS instance wrapping the value.
        impl ::anode_napi::ToNapiValue for #class_type {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                #private::new_instance(env, self)
            }
        }

        #fields
        #export
    })
}

/// The role a `#[napi(...)]` attribute gives an impl function.
#[derive(Default)]
struct MemberOptions {
    constructor: bool,
    /// `writable = false`: a method that cannot be assigned over.
    readonly: bool,
    getter: bool,
    setter: bool,
    js_name: Option<String>,
    typescript: TsOverrides,
    /// From `#[cfg_attr(predicate, napi(...))]`: a member only where `predicate` holds.
    predicate: Option<syn::Meta>,
}

/// Whether `path` names this macro: `napi` or `napi_derive::napi`.
fn is_napi_path(path: &syn::Path) -> bool {
    path.is_ident("napi")
        || (path.segments.len() == 2 && path.segments[0].ident == "napi_derive" && path.segments[1].ident == "napi")
}

/// A member's `#[napi(...)]` attribute — or `#[cfg_attr(predicate, napi(...))]`, which makes
/// it a member only where `predicate` holds — as its options and predicate.
fn member_attribute(attribute: &syn::Attribute) -> syn::Result<Option<(syn::Meta, Option<syn::Meta>)>> {
    if is_napi_path(attribute.path()) {
        return Ok(Some((attribute.meta.clone(), None)));
    }
    if !attribute.path().is_ident("cfg_attr") {
        return Ok(None);
    }
    let (predicate, inner) = attribute.parse_args_with(|input: syn::parse::ParseStream| {
        let predicate: syn::Meta = input.parse()?;
        input.parse::<syn::Token![,]>()?;
        let inner: syn::Meta = input.parse()?;
        let _: Option<syn::Token![,]> = input.parse()?;
        Ok((predicate, inner))
    })?;
    Ok(is_napi_path(inner.path()).then_some((inner, Some(predicate))))
}

/// The impl function's `#[napi(...)]` attribute (removed from the output), if any.
fn take_member_options(attributes: &mut Vec<syn::Attribute>) -> syn::Result<Option<MemberOptions>> {
    let mut found = None;
    for (position, attribute) in attributes.iter().enumerate() {
        if let Some(member) = member_attribute(attribute)? {
            found = Some((position, member));
            break;
        }
    }
    let Some((position, (meta, predicate))) = found else {
        return Ok(None);
    };
    attributes.remove(position);
    let mut options = MemberOptions { predicate, ..MemberOptions::default() };
    let syn::Meta::List(list) = meta else {
        return Ok(Some(options));
    };
    list.parse_nested_meta(|meta| {
        if meta.path.is_ident("constructor") {
            options.constructor = true;
        } else if meta.path.is_ident("factory") {
            // A factory is a static method returning Self: nothing else to do.
        } else if meta.path.is_ident("getter") {
            options.getter = true;
        } else if meta.path.is_ident("setter") {
            options.setter = true;
        } else if meta.path.is_ident("js_name") {
            options.js_name = Some(meta.value()?.parse::<LitStr>()?.value());
        } else if meta.path.is_ident("writable") {
            options.readonly = !meta.value()?.parse::<syn::LitBool>()?.value;
        } else if !options.typescript.parse(&meta)? {
            return Err(meta.error("unknown #[napi] member option"));
        }
        Ok(())
    })?;
    Ok(Some(options))
}

/// `#[napi] impl`: the class's constructor, methods, getters, setters and static methods
/// (every `pub fn`, and any function marked `#[napi(...)]`).
fn export_impl(mut block: syn::ItemImpl) -> syn::Result<Tokens> {
    if block.trait_.is_some() || !only_lifetimes(&block.generics) {
        return Err(syn::Error::new(block.span(), "#[napi] impls are inherent impls of a #[napi] struct"));
    }
    let self_type = (*block.self_ty).clone();
    // The generated callbacks name the class as it is registered: its lifetimes `'static`.
    let self_type: Type = syn::parse2(replace_lifetimes(quote!(#self_type), "static"))?;
    let class_name = match &self_type {
        Type::Path(path) => path.path.segments.last().map(|segment| segment.ident.to_string()),
        _ => None,
    }
    .ok_or_else(|| syn::Error::new(self_type.span(), "#[napi] impls are for a named struct"))?;
    let private = quote!(::anode_napi::__private);
    let mut generated = Vec::new();
    let mut registrations = Vec::new();
    for item in &mut block.items {
        let syn::ImplItem::Fn(method) = item else { continue };
        let is_pub = matches!(method.vis, syn::Visibility::Public(_));
        let Some(options) = take_member_options(&mut method.attrs)?.or(is_pub.then(MemberOptions::default)) else {
            continue;
        };
        let mut analyzed = analyze(&mut method.sig)?;
        if analyzed.is_async && (analyzed.receiver == Some(true) || options.constructor || options.getter || options.setter) {
            return Err(syn::Error::new(method.sig.span(), "async methods take &self (async constructors, getters and setters are not supported)"));
        }
        analyzed.returns = analyzed.returns.with_self(&class_name);
        let rust_name = &method.sig.ident;
        let passes = &analyzed.passes;
        let (parameters, returns) = options.typescript.signature(&analyzed);
        let cfg = options.predicate.as_ref().map(|predicate| quote!(#[cfg(#predicate)]));
        let declare_member = |declaration: String| {
            (!options.typescript.skip).then(|| {
                let declaration = declare(&format!("@{class_name} {declaration}"));
                quote!(#cfg #declaration)
            })
        };
        let callback_name = format_ident!("__napi_{}_{}", class_name, rust_name);
        if options.constructor {
            if analyzed.receiver.is_some() {
                return Err(syn::Error::new(method.sig.span(), "a #[napi(constructor)] takes no self"));
            }
            let argc = analyzed.argc;
            let reads = &analyzed.reads;
            generated.push(quote! {
                #cfg
                #[doc(hidden)]
                #[allow(non_snake_case)]
                unsafe fn #callback_name(__env: ::anode_napi::Env, info: ::anode_napi::sys::napi_callback_info) -> ::anode_napi::Result<#self_type> {
                    let __call = #private::CallInfo::<#argc>::read(__env, info)?;
                    #(#reads)*
                    #private::IntoResult::into_result(<#self_type>::#rust_name(#(#passes),*))
                }
            });
            registrations.push(quote!(#cfg { <#self_type as ::anode_napi::Class>::members().set_constructor(#callback_name); }));
            generated.extend(declare_member(format!("constructor({parameters});")));
            continue;
        }
        let rust_text = rust_name.to_string();
        let js_name = options.js_name.clone().unwrap_or_else(|| {
            let prefix = match (options.getter, options.setter) {
                (true, _) => Some("get_"),
                (_, true) => Some("set_"),
                _ => None,
            };
            camel_case(prefix.and_then(|prefix| rust_text.strip_prefix(prefix)).unwrap_or(&rust_text))
        });
        let generics = options.typescript.type_parameters();
        if options.readonly && (analyzed.receiver.is_none() || options.getter || options.setter) {
            return Err(syn::Error::new(method.sig.span(), "writable = false applies to methods"));
        }
        let (kind, declaration) = match (analyzed.receiver, options.getter, options.setter) {
            (Some(_), true, _) => (quote!(Getter), format!("get {js_name}(): {returns};")),
            (Some(_), _, true) => (quote!(Setter), format!("set {js_name}({parameters});")),
            (Some(_), false, false) if options.readonly => (quote!(ReadonlyMethod), format!("{js_name}{generics}({parameters}): {returns};")),
            (Some(_), false, false) => (quote!(Method), format!("{js_name}{generics}({parameters}): {returns};")),
            (None, false, false) => (quote!(StaticMethod), format!("static {js_name}{generics}({parameters}): {returns};")),
            // As in napi-rs, a getter without a receiver is still the instances' (on the
            // prototype); it just does not read `this`.
            (None, true, false) if analyzed.argc == 0 => (quote!(Getter), format!("get {js_name}(): {returns};")),
            (None, _, _) => return Err(syn::Error::new(method.sig.span(), "setters take &mut self; getters take no arguments")),
        };
        let call = match analyzed.receiver {
            Some(_) => quote!(__this.#rust_name(#(#passes),*)),
            None => quote!(<#self_type>::#rust_name(#(#passes),*)),
        };
        let method_callback = callback(&callback_name, &analyzed, analyzed.receiver.map(|_| &self_type), OnInvalid::Throw, options.typescript.strict, call);
        generated.push(quote!(#cfg #method_callback));
        generated.extend(declare_member(declaration));
        let js_name = LitStr::new(&js_name, Span::call_site());
        registrations.push(quote! {
            #cfg {
                <#self_type as ::anode_napi::Class>::members().add(#private::Member {
                    name: #js_name,
                    kind: #private::MemberKind::#kind,
                    callback: #callback_name,
                });
            }
        });
    }
    Ok(quote! {
        #block
        #(#generated)*
        #private::on_load!({ #(#registrations)* });
    })
}

/// Whether `block` is an `impl Task for T`.
fn is_task_impl(block: &syn::ItemImpl) -> bool {
    implements(block, "Task") || implements(block, "ScopedTask")
}

/// `#[napi] impl Generator for T` (or `ScopedGenerator`): `T`'s iterator methods in `index.d.ts` (the methods
/// themselves come with `#[napi(iterator)]` on the struct), and an interface giving it the
/// iterator helpers' types.
fn declare_generator(options: &Options, block: syn::ItemImpl) -> syn::Result<Tokens> {
    let (class_name, yields, next, returns) = generator_types(&block, "Generator")?;
    let result = format!("globalThis.IteratorResult<{yields}, {returns} | undefined>");
    let declarations = [
        format!("@{class_name} [globalThis.Symbol.iterator](): this;"),
        format!("@{class_name} next(value?: {next}): {result};"),
        format!("@{class_name} return(value?: {returns}): {result};"),
        format!("@{class_name} throw(exception?: unknown): {result};"),
        options.top_level(&format!(
            "export interface {class_name} extends globalThis.Omit<globalThis.IteratorObject<{yields}, {returns} | undefined, {next}>, 'next' | 'return' | 'throw'> {{}}"
        )),
    ]
    .map(|declaration| declare(&declaration));
    Ok(quote! {
        #block
        #(#declarations)*
    })
}

/// `#[napi] impl AsyncGenerator for T`: `T`'s `[Symbol.asyncIterator]()` in `index.d.ts` (the
/// method itself comes with `#[napi(async_iterator)]` on the struct).
fn declare_async_generator(block: syn::ItemImpl) -> syn::Result<Tokens> {
    let (class_name, yields, next, returns) = generator_types(&block, "AsyncGenerator")?;
    let declaration = declare(&format!(
        "@{class_name} [globalThis.Symbol.asyncIterator](): globalThis.AsyncIterableIterator<{yields}, {returns} | undefined, {next}>;"
    ));
    Ok(quote! {
        #block
        #declaration
    })
}

/// A `Generator` or `AsyncGenerator` impl's class name and its `Yield`, `Next` and `Return` types.
fn generator_types(block: &syn::ItemImpl, trait_name: &str) -> syn::Result<(String, TsType, TsType, TsType)> {
    let class_name = match &*block.self_ty {
        Type::Path(path) => path.path.segments.last().map(|segment| segment.ident.to_string()),
        _ => None,
    }
    .ok_or_else(|| syn::Error::new(block.self_ty.span(), "#[napi] impls are for a named struct"))?;
    let associated = |name: &str| {
        block.items.iter().find_map(|item| match item {
            syn::ImplItem::Type(ty) if ty.ident == name => Some(TsType::of(&ty.ty)),
            _ => None,
        })
    };
    match (associated("Yield"), associated("Next"), associated("Return")) {
        (Some(yields), Some(next), Some(returns)) => Ok((class_name, yields, next, returns)),
        _ => Err(syn::Error::new(block.span(), format!("a {trait_name} impl names its Yield, Next and Return types"))),
    }
}

/// Whether `block` is an impl of the trait named `name`.
fn implements(block: &syn::ItemImpl, name: &str) -> bool {
    block.trait_.as_ref().and_then(|(_, path, _)| path.segments.last()).is_some_and(|segment| segment.ident == name)
}

/// `#[napi] impl Task for T`: declares the type an `AsyncTask<T>`'s promise resolves to (its
/// `JsValue`) for `index.d.ts`.
fn declare_task(block: syn::ItemImpl) -> syn::Result<Tokens> {
    let task = match &*block.self_ty {
        Type::Path(path) => path.path.segments.last().map(|segment| segment.ident.to_string()),
        _ => None,
    }
    .ok_or_else(|| syn::Error::new(block.self_ty.span(), "#[napi] impl Task is for a named type"))?;
    let js_value = block
        .items
        .iter()
        .find_map(|item| match item {
            syn::ImplItem::Type(alias) if alias.ident == "JsValue" => Some(TsType::of(&alias.ty)),
            _ => None,
        })
        .ok_or_else(|| syn::Error::new(block.span(), "an impl Task has a `type JsValue`"))?;
    let declaration = declare(&format!("{} = {js_value}", typescript::task_output_marker(&task)));
    Ok(quote! {
        #block
        #declaration
    })
}

/// `#[napi(object)] struct`: converted to and from plain objects, one property per field
/// (camelCase); `Option` fields may be missing.
/// A `#[napi(object)]` field's `#[napi(...)]` options.
#[derive(Default)]
struct FieldOptions {
    js_name: Option<String>,
    /// `readonly` / `writable = false`: no setter (a class's field), `readonly` in TypeScript.
    readonly: bool,
    typescript: TsOverrides,
}

/// The field's `#[napi(...)]` attribute (removed from the output): `js_name`, `ts_type`,
/// `skip_typescript`.
fn take_field_options(attributes: &mut Vec<syn::Attribute>) -> syn::Result<FieldOptions> {
    let mut options = FieldOptions::default();
    let Some(position) = attributes.iter().position(|attribute| attribute.path().is_ident("napi")) else {
        return Ok(options);
    };
    let attribute = attributes.remove(position);
    attribute.parse_nested_meta(|meta| {
        if meta.path.is_ident("js_name") {
            options.js_name = Some(meta.value()?.parse::<LitStr>()?.value());
            Ok(())
        } else if meta.path.is_ident("readonly") {
            options.readonly = true;
            Ok(())
        } else if meta.path.is_ident("writable") {
            options.readonly = !meta.value()?.parse::<syn::LitBool>()?.value;
            Ok(())
        } else if options.typescript.parse(&meta)? && options.typescript.args.is_none() && options.typescript.returns.is_none() {
            Ok(())
        } else {
            Err(meta.error("a #[napi] field takes js_name, readonly, writable, ts_type or skip_typescript"))
        }
    })?;
    Ok(options)
}

/// A property name as TypeScript writes it: quoted unless it is an identifier.
fn property_key(name: &str) -> String {
    let is_identifier = name.chars().next().is_some_and(|first| first.is_alphabetic() || first == '_' || first == '$')
        && name.chars().all(|character| character.is_alphanumeric() || character == '_' || character == '$');
    if is_identifier {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

/// One field of a conversion to and from a plain object: its TypeScript property (none when
/// skipped), the expression reading it from `value`, and the statement writing `source` to
/// `object` (an `Option` field left out when `None`, unless `use_nullable`).
struct ObjectField {
    property: Option<String>,
    read: Tokens,
    write: Tokens,
}

fn object_field(options: &Options, owner: &str, field: &mut syn::Field, default_key: String, source: Tokens) -> syn::Result<ObjectField> {
    let field_options = take_field_options(&mut field.attrs)?;
    let key = field_options.js_name.unwrap_or(default_key);
    let ty = &field.ty;
    let ts_type = TsType::of(ty);
    let omitted_when_none = ts_type.is_optional() && !options.use_nullable;
    let property = (!field_options.typescript.skip).then(|| {
        let property = format!("{}{}", if field_options.readonly { "readonly " } else { "" }, property_key(&key));
        match (field_options.typescript.ty, ts_type) {
            (Some(declared), _) => format!("{property}: {declared}"),
            (None, TsType::Nullable(inner)) if omitted_when_none => format!("{property}?: {inner}"),
            (None, ts_type) => format!("{property}: {ts_type}"),
        }
    });
    let field_name = format!("{owner}.{key}");
    let read = quote!(::anode_napi::__private::get_property::<#ty>(env, value, #key, #field_name)?);
    let write = if omitted_when_none {
        quote!(if let Some(value) = #source { ::anode_napi::__private::set_property(env, object, #key, value)?; })
    } else {
        quote!(::anode_napi::__private::set_property(env, object, #key, #source)?;)
    };
    Ok(ObjectField { property, read, write })
}

fn export_object(options: &Options, mut structure: syn::ItemStruct) -> syn::Result<Tokens> {
    let name = structure.ident.clone();
    let tuple = matches!(structure.fields, syn::Fields::Unnamed(_));
    if matches!(structure.fields, syn::Fields::Unit) {
        return Err(syn::Error::new(structure.span(), "#[napi(object)] structs have fields"));
    }
    if structure.generics.params.iter().any(|parameter| !matches!(parameter, syn::GenericParam::Lifetime(_))) {
        return Err(syn::Error::new(structure.generics.span(), "#[napi(object)] structs cannot be generic (lifetimes are allowed)"));
    }
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    let mut properties = Vec::new();
    // A tuple struct's fields are `field0`, `field1`… unless named with `js_name`.
    for (index, field) in structure.fields.iter_mut().enumerate() {
        let (default_key, member) = match field.ident.clone() {
            Some(ident) => (camel_case(&ident.to_string()), quote!(#ident)),
            None => {
                let index = syn::Index::from(index);
                (format!("field{}", index.index), quote!(#index))
            }
        };
        let converted = object_field(options, &js_name, field, default_key, quote!(self.#member))?;
        properties.extend(converted.property);
        let read = converted.read;
        reads.push(if tuple { quote!(#read,) } else { quote!(#member: #read,) });
        writes.push(converted.write);
    }
    let construct = if tuple { quote!(#name(#(#reads)*)) } else { quote!(#name { #(#reads)* }) };
    let declaration =
        (!options.typescript.skip).then(|| declare(&options.top_level(&format!("export interface {js_name} {{ {} }}", properties.join("; ")))));
    let (impl_generics, type_generics, where_clause) = structure.generics.split_for_impl();
    let from_js = options.object_from_js.then(|| quote! {
        impl #impl_generics ::anode_napi::FromNapiValue for #name #type_generics #where_clause {
            unsafe fn from_napi_value(env: ::anode_napi::sys::napi_env, value: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<Self> {
                let env = ::anode_napi::Env::from_raw(env);
                ::anode_napi::expect_type(env, value, ::anode_napi::sys::napi_object)?;
                Ok(#construct)
            }
        }
    });
    let to_js = options.object_to_js.then(|| quote! {
        impl #impl_generics ::anode_napi::ToNapiValue for #name #type_generics #where_clause {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                let object = env.call(|result| ::anode_napi::sys::napi_create_object(env.raw(), result))?;
                #(#writes)*
                Ok(object)
            }
        }
    });
    Ok(quote! {
        #structure

        #from_js
        #to_js

        #declaration
    })
}

/// `#[napi] mod name { ... }`: the module's `#[napi]` items are exported on `exports.name`
/// (their attributes get `namespace = "name"`), declared in `namespace name` in TypeScript.
fn export_namespace(options: &Options, mut module: syn::ItemMod) -> syn::Result<Tokens> {
    let namespace = options.js_name.clone().unwrap_or_else(|| module.ident.to_string());
    let Some((_, items)) = &mut module.content else {
        return Err(syn::Error::new(module.span(), "a #[napi] mod has its items inline"));
    };
    for item in items {
        let attributes = match item {
            Item::Fn(item) => &mut item.attrs,
            Item::Const(item) => &mut item.attrs,
            Item::Struct(item) => &mut item.attrs,
            Item::Enum(item) => &mut item.attrs,
            Item::Type(item) => &mut item.attrs,
            Item::Impl(item) => &mut item.attrs,
            Item::Mod(item) => return Err(syn::Error::new(item.span(), "#[napi] mods do not nest")),
            _ => continue,
        };
        for attribute in attributes.iter_mut() {
            if !attribute.path().segments.last().is_some_and(|segment| segment.ident == "napi") {
                continue;
            }
            let path = attribute.path().clone();
            let nested = match &attribute.meta {
                syn::Meta::List(list) => {
                    let tokens = &list.tokens;
                    quote!(namespace = #namespace, #tokens)
                }
                _ => quote!(namespace = #namespace),
            };
            *attribute = syn::parse_quote!(#[#path(#nested)]);
        }
    }
    Ok(quote!(#module))
}

/// `#[napi(transparent)] struct X(T)`, converted as `T`, or `#[napi(array)] struct X(A, B)`,
/// converted as the array `[A, B]`; declared as a TypeScript type alias.
fn export_tuple_struct(options: &Options, structure: syn::ItemStruct) -> syn::Result<Tokens> {
    let name = &structure.ident;
    let syn::Fields::Unnamed(fields) = &structure.fields else {
        return Err(syn::Error::new(structure.span(), "transparent and array structs are tuple structs"));
    };
    if !structure.generics.params.is_empty() {
        return Err(syn::Error::new(structure.generics.span(), "transparent and array structs cannot be generic"));
    }
    let types: Vec<&Type> = fields.unnamed.iter().map(|field| &field.ty).collect();
    let indexes: Vec<syn::Index> = (0..types.len()).map(syn::Index::from).collect();
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let (ts_type, from_js, to_js) = if options.transparent {
        let [ty] = types.as_slice() else {
            return Err(syn::Error::new(structure.span(), "a transparent struct has one field"));
        };
        (
            TsType::of(ty).to_string(),
            quote!(Ok(#name(::anode_napi::FromNapiValue::from_napi_value(env.raw(), value)?))),
            quote!(::anode_napi::ToNapiValue::to_napi_value(self.0, env)),
        )
    } else {
        let elements = types.iter().enumerate().map(|(index, ty)| match TsType::of(ty) {
            TsType::Nullable(inner) => format!("field{index}?: {inner}"),
            ts_type => format!("field{index}: {ts_type}"),
        });
        let ts_type = format!("[{}]", elements.collect::<Vec<_>>().join(", "));
        let locals: Vec<_> = (0..types.len()).map(|index| format_ident!("__field{}", index)).collect();
        let from_js = quote! {
            let (#(#locals,)*): (#(#types,)*) = ::anode_napi::FromNapiValue::from_napi_value(env.raw(), value)?;
            Ok(#name(#(#locals),*))
        };
        // As napi-rs: an array of the fields' length, a `None` field a hole (`null` with
        // `use_nullable`).
        let length = types.len();
        let sets = types.iter().zip(&indexes).map(|(ty, index)| {
            let set = |value: Tokens| {
                quote! {
                    let element = ::anode_napi::ToNapiValue::to_napi_value(#value, env)?;
                    env.check(::anode_napi::sys::napi_set_element(env.raw(), array, #index, element))?;
                }
            };
            let optional = matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "Option"));
            if optional && !options.use_nullable {
                let set = set(quote!(element));
                quote!(if let ::core::option::Option::Some(element) = self.#index { #set })
            } else {
                set(quote!(self.#index))
            }
        });
        let to_js = quote! {
            let array = env.call(|result| ::anode_napi::sys::napi_create_array_with_length(env.raw(), #length, result))?;
            #(#sets)*
            Ok(array)
        };
        (ts_type, from_js, to_js)
    };
    let declaration = (!options.typescript.skip).then(|| declare(&options.top_level(&format!("export type {js_name} = {ts_type};"))));
    Ok(quote! {
        #structure

        impl ::anode_napi::FromNapiValue for #name {
            unsafe fn from_napi_value(env: ::anode_napi::sys::napi_env, value: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<Self> {
                let env = ::anode_napi::Env::from_raw(env);
                #from_js
            }
        }

        impl ::anode_napi::ToNapiValue for #name {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                #to_js
            }
        }

        #declaration
    })
}

/// `#[napi] enum`: a fieldless enum as numbers (its discriminants) or, with `string_enum`,
/// as its variants' names; exported as an object mapping names to values.
fn export_enum(options: &Options, mut enumeration: syn::ItemEnum) -> syn::Result<Tokens> {
    let structured = options.discriminant.is_some()
        || options.discriminant_case.is_some()
        || enumeration.variants.iter().any(|variant| !matches!(variant.fields, syn::Fields::Unit));
    if structured {
        return export_structured_enum(options, enumeration);
    }
    let name = enumeration.ident.clone();
    let name = &name;
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let mut variants = Vec::new();
    let mut string_values = Vec::new();
    let mut next: i64 = 0;
    for variant in &mut enumeration.variants {
        let mut string_value = None;
        if let Some(position) = variant.attrs.iter().position(|attribute| attribute.path().is_ident("napi")) {
            let attribute = variant.attrs.remove(position);
            attribute.parse_nested_meta(|meta| {
                if meta.path.is_ident("value") && options.string_enum {
                    string_value = Some(meta.value()?.parse::<LitStr>()?.value());
                    Ok(())
                } else {
                    Err(meta.error("unknown #[napi] variant option (a string_enum's variants take value = \"...\")"))
                }
            })?;
        }
        let converted = options.string_case.map_or_else(|| variant.ident.to_string(), |case| case.convert(&variant.ident.to_string()));
        string_values.push(string_value.unwrap_or(converted));
        if !matches!(variant.fields, syn::Fields::Unit) {
            return Err(syn::Error::new(variant.span(), "#[napi] enums have unit variants"));
        }
        if let Some((_, discriminant)) = &variant.discriminant {
            next = match discriminant {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. }) => int.base10_parse()?,
                syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => match &**expr {
                    syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. }) => -int.base10_parse::<i64>()?,
                    _ => return Err(syn::Error::new(discriminant.span(), "#[napi] enum discriminants are integer literals")),
                },
                _ => return Err(syn::Error::new(discriminant.span(), "#[napi] enum discriminants are integer literals")),
            };
        }
        let value = i32::try_from(next).map_err(|_| syn::Error::new(variant.span(), "discriminant beyond i32"))?;
        variants.push((variant.ident.clone(), value));
        next += 1;
    }
    let idents: Vec<_> = variants.iter().map(|(ident, _)| ident).collect();
    let names: Vec<String> = idents.iter().map(|ident| ident.to_string()).collect();
    let (value_type, values, members): (Tokens, Vec<Tokens>, Vec<String>) = if options.string_enum {
        (
            quote!(::std::string::String),
            string_values.iter().map(|value| quote!(#value)).collect(),
            names.iter().zip(&string_values).map(|(name, value)| format!("{name} = '{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))).collect(),
        )
    } else {
        (
            quote!(i32),
            variants.iter().map(|(_, value)| quote!(#value)).collect(),
            variants.iter().map(|(ident, value)| format!("{ident} = {value}")).collect(),
        )
    };
    let private = quote!(::anode_napi::__private);
    let declaration = (!options.typescript.skip).then(|| format!("export declare enum {js_name} {{ {} }}", members.join(", ")));
    let export = export(
        options,
        name,
        &js_name,
        declaration.as_deref(),
        quote! {
            let object = env.call(|result| ::anode_napi::sys::napi_create_object(env.raw(), result))?;
            #(#private::set_property(env, object, #names, #values)?;)*
            env.check(::anode_napi::sys::napi_object_freeze(env.raw(), object))?;
            Ok(object)
        },
    );
    let expected = LitStr::new(&format!("one of the {js_name} values"), Span::call_site());
    let js_name_literal = LitStr::new(&js_name, Span::call_site());
    Ok(quote! {
        #enumeration

        impl ::anode_napi::FromNapiValue for #name {
            unsafe fn from_napi_value(env: ::anode_napi::sys::napi_env, value: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<Self> {
                let env = ::anode_napi::Env::from_raw(env);
                let value = <#value_type as ::anode_napi::FromNapiValue>::from_napi_value(env.raw(), value)?;
                #(if value == #values { return Ok(#name::#idents); })*
                Err(::anode_napi::Error::range_error(format!("{value:?} is not {}", #expected)))
            }
        }

        impl ::anode_napi::ToNapiValue for #name {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                match self {
                    #(#name::#idents => ::anode_napi::ToNapiValue::to_napi_value(#values, env),)*
                }
            }
        }

        /// Checked as its values' type (a number, or a string for a string enum).
        impl ::anode_napi::TypeName for #name {
            fn type_name() -> &'static str {
                #js_name_literal
            }
            fn value_type() -> ::anode_napi::ValueType {
                <#value_type as ::anode_napi::TypeName>::value_type()
            }
        }

        impl ::anode_napi::ValidateNapiValue for #name {}

        #export
    })
}

/// A `#[napi]` enum with fields: each value a plain object, its variant named by the
/// discriminant property (`{ type: 'Greeting', name: 'x' }`; a tuple variant's fields are
/// `field0`, `field1`, …; `None` fields left out). Declared as a union of object types.
fn export_structured_enum(options: &Options, mut enumeration: syn::ItemEnum) -> syn::Result<Tokens> {
    let name = enumeration.ident.clone();
    if !enumeration.generics.params.is_empty() {
        return Err(syn::Error::new(enumeration.generics.span(), "#[napi] enums cannot be generic"));
    }
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let discriminant = options.discriminant.clone().unwrap_or_else(|| "type".to_string());
    let discriminant_field = format!("{js_name}.{discriminant}");
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    let mut members = Vec::new();
    let mut tags = Vec::new();
    for variant in &mut enumeration.variants {
        if variant.discriminant.is_some() {
            return Err(syn::Error::new(variant.span(), "a #[napi] enum with fields has no explicit discriminants"));
        }
        let ident = &variant.ident;
        let tag = options.discriminant_case.map_or_else(|| ident.to_string(), |case| case.convert(&ident.to_string()));
        let mut properties = vec![format!("{}: '{}'", property_key(&discriminant), tag.replace('\\', "\\\\").replace('\'', "\\'"))];
        let mut bindings = Vec::new();
        let mut field_reads = Vec::new();
        let mut field_writes = Vec::new();
        for (index, field) in variant.fields.iter_mut().enumerate() {
            let binding = format_ident!("field{index}");
            let default_key = field.ident.as_ref().map_or_else(|| format!("field{index}"), |ident| camel_case(&ident.to_string()));
            let converted = object_field(options, &js_name, field, default_key, quote!(#binding))?;
            properties.extend(converted.property);
            let read = converted.read;
            field_reads.push(match &field.ident {
                Some(ident) => quote!(#ident: #read),
                None => read,
            });
            field_writes.push(converted.write);
            bindings.push(match &field.ident {
                Some(ident) => quote!(#ident: #binding),
                None => quote!(#binding),
            });
        }
        let (construct, pattern) = match &variant.fields {
            syn::Fields::Named(_) => (quote!(#name::#ident { #(#field_reads),* }), quote!(#name::#ident { #(#bindings),* })),
            syn::Fields::Unnamed(_) => (quote!(#name::#ident(#(#field_reads),*)), quote!(#name::#ident(#(#bindings),*))),
            syn::Fields::Unit => (quote!(#name::#ident), quote!(#name::#ident)),
        };
        reads.push(quote!(#tag => #construct,));
        writes.push(quote!(#pattern => {
            ::anode_napi::__private::set_property(env, object, #discriminant, #tag)?;
            #(#field_writes)*
        }));
        members.push(format!("{{ {} }}", properties.join(", ")));
        tags.push(format!("{tag:?}"));
    }
    let declaration = (!options.typescript.skip)
        .then(|| declare(&options.top_level(&format!("export type {js_name} = {}", members.join(" | ")))));
    let expected = format!("one of {}", tags.join(", "));
    Ok(quote! {
        #enumeration

        impl ::anode_napi::FromNapiValue for #name {
            unsafe fn from_napi_value(env: ::anode_napi::sys::napi_env, value: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<Self> {
                let env = ::anode_napi::Env::from_raw(env);
                ::anode_napi::expect_type(env, value, ::anode_napi::sys::napi_object)?;
                let tag = ::anode_napi::__private::get_property::<::std::string::String>(env, value, #discriminant, #discriminant_field)?;
                Ok(match tag.as_str() {
                    #(#reads)*
                    _ => return Err(::anode_napi::Error::type_error(format!("field {}: expected {}, got {tag:?}", #discriminant_field, #expected))),
                })
            }
        }

        impl ::anode_napi::ToNapiValue for #name {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                let object = env.call(|result| ::anode_napi::sys::napi_create_object(env.raw(), result))?;
                match self {
                    #(#writes)*
                }
                Ok(object)
            }
        }

        #declaration
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_camel_case() {
        assert_eq!(camel_case("count_bits"), "countBits");
        assert_eq!(camel_case("r#type"), "type");
        assert_eq!(camel_case("_private_name"), "_privateName");
    }

    #[test]
    fn the_crate_is_found_under_its_dependency_name() {
        let inline = "[package]\nname = \"x\"\n[dependencies]\nnapi = { package = \"anode-napi\", path = \"../macros\" }\n";
        assert_eq!(dependency_name(inline, "anode-napi").as_deref(), Some("napi"));
        let table = "[dependencies.napi]\npath = \"../macros\"\npackage = \"anode-napi\"\n";
        assert_eq!(dependency_name(table, "anode-napi").as_deref(), Some("napi"));
        let plain = "[dependencies]\nanode-napi = { path = \"../../macros\" }\n";
        assert_eq!(dependency_name(plain, "anode-napi").as_deref(), Some("anode_napi"));
        assert_eq!(dependency_name("[dependencies]\nserde = \"1\"\n", "anode-napi"), None);
        let renamed = rename_crate(quote!(::anode_napi::Env { x: anode_napi::sys }), &format_ident!("napi"));
        assert_eq!(renamed.to_string(), quote!(::napi::Env { x: napi::sys }).to_string());
    }

    #[test]
    fn parameters_are_declared_in_camel_case_or_as_overridden() {
        let mut signature: syn::Signature =
            syn::parse_quote!(fn transfer(new_owner: &str, #[napi(ts_arg_type = "Owner")] previous: JsValue, note: Option<String>) -> Self);
        let analyzed = analyze(&mut signature).unwrap();
        assert_eq!(analyzed.parameters, ["newOwner: string", "previous: Owner", "note?: string | null"]);
        assert_eq!(signature.inputs.iter().filter(|input| matches!(input, FnArg::Typed(typed) if !typed.attrs.is_empty())).count(), 0);
        let overrides = TsOverrides { args: Some("...values: number[]".into()), ..TsOverrides::default() };
        assert_eq!(overrides.signature(&analyzed), ("...values: number[]".to_string(), "Self".to_string()));
    }

    #[test]
    fn strict_checks_each_js_argument_with_its_validator_first() {
        let mut signature: syn::Signature = syn::parse_quote!(fn f(env: Env, items: Vec<u32>, account: &Account, label: Option<&Account>));
        let analyzed = analyze(&mut signature).unwrap();
        let checked: Vec<String> = analyzed.validations.iter().map(|validation| validation.to_string()).collect();
        assert_eq!(checked.len(), 3);
        assert!(checked[0].starts_with("< Vec < u32 > as :: anode_napi :: ValidateNapiValue > :: validate"), "{}", checked[0]);
        assert!(checked[1].starts_with("< & Account as"), "{}", checked[1]);
        assert!(checked[2].starts_with("< :: std :: option :: Option < & Account > as"), "{}", checked[2]);
        let name = format_ident!("f_c_callback");
        let plain = callback(&name, &analyzed, None, OnInvalid::Throw, false, quote!(f())).to_string();
        let strict = callback(&name, &analyzed, None, OnInvalid::Throw, true, quote!(f())).to_string();
        assert!(!plain.contains("ValidateNapiValue") && strict.contains("ValidateNapiValue"));
        let options: Options = syn::parse_quote!(strict, catch_unwind);
        assert!(options.typescript.strict);
    }

    #[test]
    fn lifetimes_are_allowed_and_elided_where_arguments_are_read() {
        let mut signature: syn::Signature = syn::parse_quote!(fn f<'env>(env: &'env Env, value: Object<'env>, name: &'static str));
        let analyzed = analyze(&mut signature).unwrap();
        assert_eq!(analyzed.passes[0].to_string(), "& __env");
        assert!(analyzed.reads[0].to_string().contains("Object < '_ >"), "{}", analyzed.reads[0]);
        assert_eq!(elide_lifetimes(quote!(&'static str)).to_string(), quote!(&'static str).to_string());
    }

    #[test]
    fn property_names_are_quoted_when_not_identifiers() {
        assert_eq!(property_key("camelCase"), "camelCase");
        assert_eq!(property_key("xml:lang"), "\"xml:lang\"");
        assert_eq!(property_key("日本語"), "日本語");
    }

    #[test]
    fn string_enum_cases() {
        assert_eq!(words("HTTPServer2Port"), ["http", "server2", "port"]);
        assert_eq!(StringCase::Kebab.convert("VariantOne"), "variant-one");
        assert_eq!(StringCase::Lower.convert("VariantOne"), "variantone");
        assert_eq!(StringCase::ScreamingSnake.convert("VariantOne"), "VARIANT_ONE");
        assert_eq!(StringCase::Camel.convert("Variant_one"), "variantOne");
        assert_eq!(StringCase::parse("Title Case"), None);
    }

    #[test]
    fn structured_enums_are_declared_as_unions_of_tagged_objects() {
        let options: Options = syn::parse_quote!(discriminant = "kind", discriminant_case = "lowercase");
        let tokens = export_enum(
            &options,
            syn::parse_quote!(enum Shape { Point, Circle { radius: f64, label: Option<String> }, Pair(u32, #[napi(js_name = "second")] u32) }),
        )
        .unwrap()
        .to_string();
        assert!(tokens.contains(
            "export type Shape = { kind: 'point' } | { kind: 'circle', radius: number, label?: string } | { kind: 'pair', field0: number, second: number }"
        ));
        let error = export_enum(&Options::default(), syn::parse_quote!(enum E { A = 1, B { x: u32 } })).unwrap_err();
        assert!(error.to_string().contains("no explicit discriminants"));
    }

    #[test]
    fn unsupported_items_are_compile_errors() {
        let error = export_impl(syn::parse_quote!(impl Trait for X {})).unwrap_err();
        assert!(error.to_string().contains("inherent impls"));
        let error = analyze(&mut syn::parse_quote!(fn f<T>(value: T))).err().unwrap();
        assert!(error.to_string().contains("generic"));
        let error = export_impl(syn::parse_quote!(impl X { pub async fn f(&mut self) {} })).unwrap_err();
        assert!(error.to_string().contains("async methods take &self"));
    }

    #[test]
    fn members_behind_cfg_attr_are_generated_under_its_predicate() {
        let mut attributes: Vec<syn::Attribute> = vec![
            syn::parse_quote!(#[doc = "kept"]),
            syn::parse_quote!(#[cfg_attr(not(feature = "x"), napi_derive::napi(js_name = "renamed"))]),
        ];
        let options = take_member_options(&mut attributes).unwrap().unwrap();
        assert_eq!(options.js_name.as_deref(), Some("renamed"));
        let predicate = options.predicate.unwrap();
        assert_eq!(quote!(#predicate).to_string(), quote!(not(feature = "x")).to_string());
        assert_eq!(attributes.len(), 1);
        let mut unrelated: Vec<syn::Attribute> = vec![syn::parse_quote!(#[cfg_attr(test, derive(Debug))])];
        assert!(take_member_options(&mut unrelated).unwrap().is_none());
        assert_eq!(unrelated.len(), 1);

        let generated = export_impl(syn::parse_quote! {
            impl X {
                #[cfg_attr(any(), napi(getter))]
                pub fn hidden(&self) -> u32 { 1 }
                pub async fn later(&self) -> u32 { 2 }
            }
        })
        .unwrap()
        .to_string();
        assert!(generated.contains(&quote!(#[cfg(any())] #[doc(hidden)]).to_string()), "{generated}");
        assert!(generated.contains("spawn_method_promise"), "{generated}");
        assert!(generated.contains("later(): Promise<number>"), "{generated}");
    }

    #[test]
    fn value_types_are_declared_as_their_js_types() {
        for (ty, declared) in [
            (quote!(JsString<'env>), "string"),
            (quote!(JsStringUtf8), "string"),
            (quote!(JsStringLatin1<'env>), "string"),
            (quote!(JsNumber), "number"),
            (quote!(JsGlobal), "typeof global"),
            (quote!(ObjectRef), "object"),
            (quote!(SymbolRef<false>), "symbol"),
            (quote!(UnknownRef), "unknown"),
        ] {
            let ty: Type = syn::parse2(ty).unwrap();
            assert_eq!(TsType::of(&ty).to_string(), declared);
        }
    }
}
