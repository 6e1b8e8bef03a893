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
    let expanded = match item {
        Item::Fn(function) if options.module_init => module_init(function),
        Item::Fn(function) => export_function(&options, function),
        Item::Struct(structure) if options.object => export_object(&options, structure),
        Item::Struct(structure) => export_struct(&options, structure),
        Item::Enum(enumeration) => export_enum(&options, enumeration),
        Item::Impl(block) if is_task_impl(&block) => declare_task(block),
        Item::Impl(block) => export_impl(block),
        other => Err(syn::Error::new(other.span(), "#[napi] supports functions, structs and impls")),
    };
    expanded.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// The `#[napi(...)]` options.
#[derive(Default)]
struct Options {
    js_name: Option<String>,
    /// `#[napi(object)]`: a struct converted to and from a plain JS object.
    object: bool,
    /// `#[napi(string_enum)]`: an enum whose JS values are its variants' names.
    string_enum: bool,
    /// `#[napi(module_init)]`: a function run when the module loads in an env.
    module_init: bool,
}

impl syn::parse::Parse for Options {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut options = Options::default();
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("js_name") {
                options.js_name = Some(meta.value()?.parse::<LitStr>()?.value());
                Ok(())
            } else if meta.path.is_ident("object") {
                options.object = true;
                Ok(())
            } else if meta.path.is_ident("string_enum") {
                options.string_enum = true;
                Ok(())
            } else if meta.path.is_ident("module_init") {
                options.module_init = true;
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

/// Whether `ty` is the `Env` of the call (passed in, not read from the arguments).
fn is_env(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|segment| segment.ident == "Env"))
}

/// How a converted argument is passed to the function.
enum Pass {
    Value,
    Reference,
    /// `Option<&T>` from an `Option<T::Owned>`.
    OptionReference,
    /// `&T` or `&mut T` (`mutable`) of a class instance or of a converted value.
    Argument { mutable: bool },
}

/// The owned type an argument is converted to (`&str` from a `String`, `&[T]` from a `Vec<T>`).
fn owned_type(ty: &Type) -> (Tokens, Pass) {
    match ty {
        Type::Reference(reference) => match &*reference.elem {
            Type::Path(path) if path.path.is_ident("str") => (quote!(::std::string::String), Pass::Reference),
            Type::Slice(slice) => {
                let element = &slice.elem;
                (quote!(::std::vec::Vec<#element>), Pass::Reference)
            }
            element => (quote!(#element), Pass::Argument { mutable: reference.mutability.is_some() }),
        },
        Type::Path(path) => match option_of_reference(path) {
            Some(inner) => {
                let (owned, _) = owned_type(inner);
                (quote!(::std::option::Option<#owned>), Pass::OptionReference)
            }
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
    /// An `async fn`: JS gets a promise of its output.
    is_async: bool,
}

fn analyze(signature: &syn::Signature) -> syn::Result<Analyzed> {
    if !signature.generics.params.is_empty() {
        return Err(syn::Error::new(signature.generics.span(), "#[napi] functions cannot be generic"));
    }
    let is_async = signature.asyncness.is_some();
    let mut analyzed =
        Analyzed {
        reads: vec![],
        passes: vec![],
        parameters: vec![],
        receiver: None,
        returns: TsType::Named("void".into()),
        returns_nothing: false,
        is_async,
    };
    for input in &signature.inputs {
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
        if is_env(&argument.ty) {
            if is_async {
                return Err(syn::Error::new(argument.span(), "an async fn cannot take the Env (it runs off the JS thread)"));
            }
            analyzed.passes.push(quote!(__env));
            continue;
        }
        let index = analyzed.reads.len();
        let label = match &*argument.pat {
            Pat::Ident(ident) => camel_case(&ident.ident.to_string()),
            _ => format!("arg{index}"),
        };
        let local = format_ident!("__arg{}", index);
        analyzed.parameters.push(typescript::member(&label, &TsType::of(&argument.ty)));
        let (ty, pass) = owned_type(&argument.ty);
        analyzed.reads.push(match pass {
            Pass::Argument { .. } => quote! {
                #[allow(unused_mut)]
                let mut #local = {
                    use ::anode_napi::__private::{ReadClass as _, ReadValue as _};
                    (&::anode_napi::__private::ArgumentKind::<#ty>::new())
                        .read(__env, __call.args[#index])
                        .map_err(|error| error.context(format_args!("argument {}", #label)))?
                };
            },
            _ => quote!(let #local: #ty = __call.arg(__env, #index, #label)?;),
        });
        analyzed.passes.push(match pass {
            Pass::Value => quote!(#local),
            Pass::Reference => quote!(&#local),
            Pass::OptionReference => quote!(#local.as_deref()),
            Pass::Argument { mutable: false } => quote!(&*#local),
            Pass::Argument { mutable: true } => quote!(&mut *#local),
        });
    }
    analyzed.returns_nothing = matches!(signature.output, syn::ReturnType::Default) && !is_async;
    if let syn::ReturnType::Type(_, ty) = &signature.output {
        analyzed.returns = TsType::of(ty);
    }
    if is_async {
        analyzed.returns = TsType::Generic("Promise", vec![analyzed.returns.clone()]);
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
fn export(rust_name: &syn::Ident, js_name: &str, declaration: &str, create: Tokens) -> Tokens {
    let create_name = format_ident!("__napi_create_{}", rust_name);
    let private = quote!(::anode_napi::__private);
    let declaration = declare(declaration);
    let js_name = LitStr::new(js_name, Span::call_site());
    quote! {
        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe fn #create_name(env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
            #create
        }

        #declaration
        #private::on_load!({ #private::register(#js_name, #create_name); });
    }
}

/// An `extern "C"` callback reading the arguments (and `this` as `receiver_type` for
/// methods) and converting `call`'s result.
fn callback(name: &syn::Ident, analyzed: &Analyzed, receiver_type: Option<&Type>, call: Tokens) -> Tokens {
    let sys = quote!(::anode_napi::sys);
    let private = quote!(::anode_napi::__private);
    let argc = analyzed.reads.len();
    let reads = &analyzed.reads;
    let this = receiver_type.map(|ty| quote!(let __this = #private::unwrap::<#ty>(__env, __call.this)?;));
    let result = if analyzed.is_async {
        quote!(#private::spawn_promise(__env, async move { #call.await }))
    } else if analyzed.returns_nothing {
        quote!({ #call; Ok(::core::ptr::null_mut()) })
    } else {
        quote!(::anode_napi::ToNapiValue::to_napi_value(#call, __env))
    };
    // A function with no arguments and no receiver needs nothing from the callback info.
    let read_call = if argc > 0 || receiver_type.is_some() {
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
                #(#reads)*
                #result
            })
        }
    }
}

fn export_function(options: &Options, function: ItemFn) -> syn::Result<Tokens> {
    let name = &function.sig.ident;
    let analyzed = analyze(&function.sig)?;
    if analyzed.receiver.is_some() {
        return Err(syn::Error::new(function.sig.span(), "#[napi] functions take no self"));
    }
    let js_name = options.js_name.clone().unwrap_or_else(|| camel_case(&name.to_string()));
    let declaration = format!("export declare function {js_name}({}): {};", analyzed.parameters.join(", "), analyzed.returns);
    let callback_name = format_ident!("__napi_callback_{}", name);
    let passes = &analyzed.passes;
    let callback = callback(&callback_name, &analyzed, None, quote!(#name(#(#passes),*)));
    let js_name_literal = LitStr::new(&js_name, Span::call_site());
    let export = export(name, &js_name, &declaration, quote!(env.function(#js_name_literal, #callback_name, ::std::ptr::null_mut())));
    Ok(quote! {
        #function
        #callback
        #export
    })
}

/// `#[napi(module_init)] fn init(env: Env) -> Result<()>`: runs when the module loads in
/// an env, before the exports are made (for instance data and cleanup hooks).
fn module_init(function: ItemFn) -> syn::Result<Tokens> {
    let name = &function.sig.ident;
    let wrapper = format_ident!("__napi_module_init_{}", name);
    let private = quote!(::anode_napi::__private);
    Ok(quote! {
        #function

        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe fn #wrapper(env: ::anode_napi::Env) -> ::anode_napi::Result<()> {
            #name(env)
        }

        #private::on_load!({ #private::register_module_init(#wrapper); });
    })
}

/// `#[napi] struct`: a JS class (its members come from `#[napi] impl`s).
fn export_struct(options: &Options, structure: syn::ItemStruct) -> syn::Result<Tokens> {
    if !structure.generics.params.is_empty() {
        return Err(syn::Error::new(structure.generics.span(), "#[napi] structs cannot be generic"));
    }
    let name = &structure.ident;
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let private = quote!(::anode_napi::__private);
    let export = export(name, &js_name, &format!("export declare class {js_name}"), quote!(#private::define_class::<#name>(env)));
    let js_name = LitStr::new(&js_name, Span::call_site());
    Ok(quote! {
        #structure

        impl ::anode_napi::Class for #name {
            const JS_NAME: &'static str = #js_name;
            fn members() -> &'static ::anode_napi::ClassMembers<Self> {
                static MEMBERS: ::anode_napi::ClassMembers<#name> = ::anode_napi::ClassMembers::new();
                &MEMBERS
            }
        }

        /// A new JS instance wrapping the value.
        impl ::anode_napi::ToNapiValue for #name {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                #private::new_instance(env, self)
            }
        }

        #export
    })
}

/// The role a `#[napi(...)]` attribute gives an impl function.
#[derive(Default)]
struct MemberOptions {
    constructor: bool,
    getter: bool,
    setter: bool,
    js_name: Option<String>,
}

/// The impl function's `#[napi(...)]` attribute (removed from the output), if any.
fn take_member_options(attributes: &mut Vec<syn::Attribute>) -> syn::Result<Option<MemberOptions>> {
    let Some(position) = attributes.iter().position(|attribute| attribute.path().is_ident("napi")) else {
        return Ok(None);
    };
    let attribute = attributes.remove(position);
    let mut options = MemberOptions::default();
    if matches!(attribute.meta, syn::Meta::Path(_)) {
        return Ok(Some(options));
    }
    attribute.parse_nested_meta(|meta| {
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
        } else {
            return Err(meta.error("unknown #[napi] member option"));
        }
        Ok(())
    })?;
    Ok(Some(options))
}

/// `#[napi] impl`: the class's constructor, methods, getters, setters and static methods
/// (every `pub fn`, and any function marked `#[napi(...)]`).
fn export_impl(mut block: syn::ItemImpl) -> syn::Result<Tokens> {
    if block.trait_.is_some() || !block.generics.params.is_empty() {
        return Err(syn::Error::new(block.span(), "#[napi] impls are inherent impls of a #[napi] struct"));
    }
    let self_type = (*block.self_ty).clone();
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
        let mut analyzed = analyze(&method.sig)?;
        if analyzed.is_async && (analyzed.receiver.is_some() || options.constructor) {
            return Err(syn::Error::new(method.sig.span(), "async methods and constructors are not supported; use a static async fn"));
        }
        analyzed.returns = analyzed.returns.with_self(&class_name);
        let rust_name = &method.sig.ident;
        let passes = &analyzed.passes;
        let parameters = analyzed.parameters.join(", ");
        let callback_name = format_ident!("__napi_{}_{}", class_name, rust_name);
        if options.constructor {
            if analyzed.receiver.is_some() {
                return Err(syn::Error::new(method.sig.span(), "a #[napi(constructor)] takes no self"));
            }
            let argc = analyzed.reads.len();
            let reads = &analyzed.reads;
            generated.push(quote! {
                #[doc(hidden)]
                #[allow(non_snake_case)]
                unsafe fn #callback_name(__env: ::anode_napi::Env, info: ::anode_napi::sys::napi_callback_info) -> ::anode_napi::Result<#self_type> {
                    let __call = #private::CallInfo::<#argc>::read(__env, info)?;
                    #(#reads)*
                    #private::IntoResult::into_result(<#self_type>::#rust_name(#(#passes),*))
                }
            });
            registrations.push(quote!(<#self_type as ::anode_napi::Class>::members().set_constructor(#callback_name);));
            generated.push(declare(&format!("@{class_name} constructor({parameters});")));
            continue;
        }
        let rust_text = rust_name.to_string();
        let js_name = options.js_name.clone().unwrap_or_else(|| {
            camel_case(if options.setter { rust_text.strip_prefix("set_").unwrap_or(&rust_text) } else { &rust_text })
        });
        let (kind, declaration) = match (analyzed.receiver, options.getter, options.setter) {
            (Some(_), true, _) => (quote!(Getter), format!("get {js_name}(): {};", analyzed.returns)),
            (Some(_), _, true) => (quote!(Setter), format!("set {js_name}({parameters});")),
            (Some(_), false, false) => (quote!(Method), format!("{js_name}({parameters}): {};", analyzed.returns)),
            (None, false, false) => (quote!(StaticMethod), format!("static {js_name}({parameters}): {};", analyzed.returns)),
            (None, _, _) => return Err(syn::Error::new(method.sig.span(), "getters and setters take &self or &mut self")),
        };
        let call = match analyzed.receiver {
            Some(_) => quote!(__this.#rust_name(#(#passes),*)),
            None => quote!(<#self_type>::#rust_name(#(#passes),*)),
        };
        generated.push(callback(&callback_name, &analyzed, analyzed.receiver.map(|_| &self_type), call));
        generated.push(declare(&format!("@{class_name} {declaration}")));
        let js_name = LitStr::new(&js_name, Span::call_site());
        registrations.push(quote! {
            <#self_type as ::anode_napi::Class>::members().add(#private::Member {
                name: #js_name,
                kind: #private::MemberKind::#kind,
                callback: #callback_name,
            });
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
    block.trait_.as_ref().and_then(|(_, path, _)| path.segments.last()).is_some_and(|segment| segment.ident == "Task")
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
fn export_object(options: &Options, structure: syn::ItemStruct) -> syn::Result<Tokens> {
    let name = &structure.ident;
    let syn::Fields::Named(fields) = &structure.fields else {
        return Err(syn::Error::new(structure.span(), "#[napi(object)] structs have named fields"));
    };
    if !structure.generics.params.is_empty() {
        return Err(syn::Error::new(structure.generics.span(), "#[napi(object)] structs cannot be generic"));
    }
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    let mut properties = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named field");
        let key = camel_case(&ident.to_string());
        let ty = &field.ty;
        properties.push(typescript::member(&key, &TsType::of(ty)));
        let field_name = format!("{js_name}.{key}");
        reads.push(quote!(#ident: ::anode_napi::__private::get_property::<#ty>(env, value, #key, #field_name)?,));
        writes.push(quote!(::anode_napi::__private::set_property(env, object, #key, self.#ident)?;));
    }
    let declaration = declare(&format!("export interface {js_name} {{ {} }}", properties.join("; ")));
    Ok(quote! {
        #structure

        impl ::anode_napi::FromNapiValue for #name {
            unsafe fn from_napi_value(env: ::anode_napi::Env, value: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<Self> {
                ::anode_napi::expect_type(env, value, ::anode_napi::sys::napi_object)?;
                Ok(#name { #(#reads)* })
            }
        }

        impl ::anode_napi::ToNapiValue for #name {
            unsafe fn to_napi_value(self, env: ::anode_napi::Env) -> ::anode_napi::Result<::anode_napi::sys::napi_value> {
                let object = env.call(|result| ::anode_napi::sys::napi_create_object(env.raw(), result))?;
                #(#writes)*
                Ok(object)
            }
        }

        #declaration
    })
}

/// `#[napi] enum`: a fieldless enum as numbers (its discriminants) or, with `string_enum`,
/// as its variants' names; exported as an object mapping names to values.
fn export_enum(options: &Options, enumeration: syn::ItemEnum) -> syn::Result<Tokens> {
    let name = &enumeration.ident;
    let js_name = options.js_name.clone().unwrap_or_else(|| name.to_string());
    let mut variants = Vec::new();
    let mut next: i64 = 0;
    for variant in &enumeration.variants {
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
            names.iter().map(|name| quote!(#name)).collect(),
            names.iter().map(|name| format!("{name} = '{name}'")).collect(),
        )
    } else {
        (
            quote!(i32),
            variants.iter().map(|(_, value)| quote!(#value)).collect(),
            variants.iter().map(|(ident, value)| format!("{ident} = {value}")).collect(),
        )
    };
    let private = quote!(::anode_napi::__private);
    let export = export(
        name,
        &js_name,
        &format!("export declare enum {js_name} {{ {} }}", members.join(", ")),
        quote! {
            let object = env.call(|result| ::anode_napi::sys::napi_create_object(env.raw(), result))?;
            #(#private::set_property(env, object, #names, #values)?;)*
            env.check(::anode_napi::sys::napi_object_freeze(env.raw(), object))?;
            Ok(object)
        },
    );
    let expected = LitStr::new(&format!("one of the {js_name} values"), Span::call_site());
    Ok(quote! {
        #enumeration

        impl ::anode_napi::FromNapiValue for #name {
            unsafe fn from_napi_value(env: ::anode_napi::Env, value: ::anode_napi::sys::napi_value) -> ::anode_napi::Result<Self> {
                let value = <#value_type as ::anode_napi::FromNapiValue>::from_napi_value(env, value)?;
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

        #export
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
    fn unsupported_items_are_compile_errors() {
        let item: Item = syn::parse_quote!(const X: u32 = 1;);
        assert!(matches!(item, Item::Const(_)));
        let error = export_impl(syn::parse_quote!(impl Trait for X {})).unwrap_err();
        assert!(error.to_string().contains("inherent impls"));
        let error = analyze(&syn::parse_quote!(fn f<T>(value: T))).err().unwrap();
        assert!(error.to_string().contains("generic"));
    }
}
