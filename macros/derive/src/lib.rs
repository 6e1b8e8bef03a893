//! `#[napi]`: turns a Rust function into a JS export of an anode-napi addon.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{parse_macro_input, FnArg, Item, ItemFn, LitStr, Pat, Type};

/// Exports a function (or, later, a struct or impl) to JS.
#[proc_macro_attribute]
pub fn napi(attribute: TokenStream, item: TokenStream) -> TokenStream {
    let options = parse_macro_input!(attribute as Options);
    let item = parse_macro_input!(item as Item);
    let expanded = match item {
        Item::Fn(function) => export_function(&options, function),
        other => Err(syn::Error::new(other.span(), "#[napi] supports functions")),
    };
    expanded.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// The `#[napi(...)]` options.
#[derive(Default)]
struct Options {
    js_name: Option<String>,
}

impl syn::parse::Parse for Options {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        let mut options = Options::default();
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("js_name") {
                options.js_name = Some(meta.value()?.parse::<LitStr>()?.value());
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
}

/// The owned type an argument is converted to (`&str` from a `String`, `&[T]` from a `Vec<T>`).
fn owned_type(ty: &Type) -> (Tokens, Pass) {
    match ty {
        Type::Reference(reference) if reference.mutability.is_none() => match &*reference.elem {
            Type::Path(path) if path.path.is_ident("str") => (quote!(::std::string::String), Pass::Reference),
            Type::Slice(slice) => {
                let element = &slice.elem;
                (quote!(::std::vec::Vec<#element>), Pass::Reference)
            }
            element => (quote!(#element), Pass::Reference),
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

/// The TypeScript type of a Rust argument or return type.
fn typescript(ty: &Type) -> String {
    let Type::Path(path) = ty else {
        return match ty {
            Type::Reference(reference) => typescript(&reference.elem),
            Type::Slice(slice) => format!("Array<{}>", typescript(&slice.elem)),
            Type::Tuple(tuple) if tuple.elems.is_empty() => "void".into(),
            _ => "unknown".into(),
        };
    };
    let Some(segment) = path.path.segments.last() else { return "unknown".into() };
    let arguments: Vec<String> = match &segment.arguments {
        syn::PathArguments::AngleBracketed(arguments) => arguments
            .args
            .iter()
            .filter_map(|argument| match argument {
                syn::GenericArgument::Type(ty) => Some(typescript(ty)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let first = || arguments.first().cloned().unwrap_or_else(|| "unknown".into());
    match segment.ident.to_string().as_str() {
        "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "f32" | "f64" => "number".into(),
        "bool" => "boolean".into(),
        "str" | "String" => "string".into(),
        "Option" => format!("{} | null", first()),
        "Vec" => format!("Array<{}>", first()),
        "HashMap" | "BTreeMap" => format!("Record<string, {}>", arguments.get(1).cloned().unwrap_or_else(|| "unknown".into())),
        "Result" => first(),
        "Null" => "null".into(),
        "Undefined" => "undefined".into(),
        "JsValue" => "unknown".into(),
        other => other.into(),
    }
}

fn export_function(options: &Options, function: ItemFn) -> syn::Result<Tokens> {
    let signature = &function.sig;
    if let Some(asyncness) = &signature.asyncness {
        return Err(syn::Error::new(asyncness.span(), "#[napi] async functions are not supported yet"));
    }
    if !signature.generics.params.is_empty() {
        return Err(syn::Error::new(signature.generics.span(), "#[napi] functions cannot be generic"));
    }
    let name = &signature.ident;
    let js_name = options.js_name.clone().unwrap_or_else(|| camel_case(&name.to_string()));
    let mut reads = Vec::new();
    let mut passes = Vec::new();
    let mut parameters = Vec::new();
    for input in &signature.inputs {
        let FnArg::Typed(argument) = input else {
            return Err(syn::Error::new(input.span(), "#[napi] functions take no self"));
        };
        if is_env(&argument.ty) {
            passes.push(quote!(__env));
            continue;
        }
        let label = match &*argument.pat {
            Pat::Ident(ident) => ident.ident.to_string(),
            _ => format!("{}", reads.len() + 1),
        };
        let index = reads.len();
        let local = format_ident!("__arg{}", index);
        let optional = typescript(&argument.ty).ends_with(" | null");
        parameters.push(format!("{label}{}: {}", if optional { "?" } else { "" }, typescript(&argument.ty)));
        let (ty, pass) = owned_type(&argument.ty);
        reads.push(quote!(let #local: #ty = __call.arg(__env, #index, #label)?;));
        passes.push(match pass {
            Pass::Value => quote!(#local),
            Pass::Reference => quote!(&#local),
            Pass::OptionReference => quote!(#local.as_deref()),
        });
    }
    let returns = match &signature.output {
        syn::ReturnType::Default => "void".to_string(),
        syn::ReturnType::Type(_, ty) => typescript(ty),
    };
    let declaration = format!("export declare function {js_name}({}): {returns};\n", parameters.join(", "));
    let declaration_length = proc_macro2::Literal::usize_unsuffixed(declaration.len());
    let declaration = proc_macro2::Literal::byte_string(declaration.as_bytes());
    let argc = reads.len();
    let callback = format_ident!("__napi_callback_{}", name);
    let create = format_ident!("__napi_create_{}", name);
    let sys = quote!(::anode_napi::sys);
    let private = quote!(::anode_napi::__private);
    let js_name = LitStr::new(&js_name, Span::call_site());
    Ok(quote! {
        #function

        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe extern "C" fn #callback(env: #sys::napi_env, info: #sys::napi_callback_info) -> #sys::napi_value {
            #private::run(env, |__env| {
                let __call = #private::CallInfo::<#argc>::read(__env, info)?;
                #(#reads)*
                ::anode_napi::ToNapiValue::to_napi_value(#name(#(#passes),*), __env)
            })
        }

        #[doc(hidden)]
        #[allow(non_snake_case)]
        unsafe fn #create(env: ::anode_napi::Env) -> ::anode_napi::Result<#sys::napi_value> {
            env.function(#js_name, #callback, ::std::ptr::null_mut())
        }

        #private::declare!(#declaration_length, #declaration);
        #private::on_load!({ #private::register(#js_name, #create); });
    })
}
