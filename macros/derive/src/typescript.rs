//! The TypeScript types of `index.d.ts`: Rust types map to a `TsType` tree, rendered once.

use std::fmt;
use syn::Type;

/// A TypeScript type.
#[derive(Clone, Debug, PartialEq)]
pub enum TsType {
    /// A keyword or a declared name: `number`, `void`, `Counter`.
    Named(String),
    /// A generic: `Array<T>`, `Promise<T>`, `Record<string, T>`, `ExternalObject<T>`.
    Generic(String, Vec<TsType>),
    /// `T | null`: an optional argument or field.
    Nullable(Box<TsType>),
    Union(Vec<TsType>),
    Tuple(Vec<TsType>),
    /// `((a: A, b: B) => R)`.
    Function { parameters: Vec<(String, TsType)>, returns: Box<TsType> },
    /// The value an `AsyncTask<T>` resolves to: `T`'s `JsValue`, declared by `#[napi] impl Task
    /// for T` and filled in by anode-napi-build (`unknown` when not declared).
    TaskOutput(String),
}

/// The typed array whose elements `&[element]` borrows, if `element` is a typed array's.
pub fn typed_array_of(element: &Type) -> Option<&'static str> {
    const ARRAYS: [(&str, &str); 10] = [
        ("i8", "Int8Array"),
        ("u8", "Uint8Array"),
        ("i16", "Int16Array"),
        ("u16", "Uint16Array"),
        ("i32", "Int32Array"),
        ("u32", "Uint32Array"),
        ("f32", "Float32Array"),
        ("f64", "Float64Array"),
        ("i64", "BigInt64Array"),
        ("u64", "BigUint64Array"),
    ];
    let Type::Path(path) = element else { return None };
    ARRAYS.iter().find(|(name, _)| path.path.is_ident(name)).map(|(_, array)| *array)
}

/// The marker anode-napi-build replaces with a task's JS value type.
pub fn task_output_marker(task: &str) -> String {
    format!("$task({task})")
}

impl TsType {
    fn named(name: &str) -> TsType {
        TsType::Named(name.to_string())
    }

    fn unknown() -> TsType {
        TsType::named("unknown")
    }

    /// The type of a Rust argument or return type.
    pub fn of(ty: &Type) -> TsType {
        let Type::Path(path) = ty else {
            return match ty {
                Type::Reference(reference) => TsType::of(&reference.elem),
                Type::Slice(slice) => match typed_array_of(&slice.elem) {
                    Some(array) => TsType::named(array),
                    None => TsType::Generic("Array".into(), vec![TsType::of(&slice.elem)]),
                },
                Type::Tuple(tuple) if tuple.elems.is_empty() => TsType::named("void"),
                Type::Tuple(tuple) => TsType::Tuple(tuple.elems.iter().map(TsType::of).collect()),
                Type::Paren(inner) => TsType::of(&inner.elem),
                Type::Group(inner) => TsType::of(&inner.elem),
                _ => TsType::unknown(),
            };
        };
        let Some(segment) = path.path.segments.last() else { return TsType::unknown() };
        let arguments: Vec<&syn::GenericArgument> = match &segment.arguments {
            syn::PathArguments::AngleBracketed(arguments) => arguments.args.iter().collect(),
            _ => Vec::new(),
        };
        let generic_types: Vec<&Type> =
            arguments.iter().filter_map(|argument| if let syn::GenericArgument::Type(ty) = argument { Some(ty) } else { None }).collect();
        let const_arguments: Vec<&syn::Expr> =
            arguments.iter().filter_map(|argument| if let syn::GenericArgument::Const(value) = argument { Some(value) } else { None }).collect();
        let argument = |index: usize| generic_types.get(index).map_or_else(TsType::unknown, |ty| TsType::of(ty));
        let name = segment.ident.to_string();
        match name.as_str() {
            "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "f32" | "f64" => TsType::named("number"),
            "bool" => TsType::named("boolean"),
            "str" | "String" | "Utf16String" | "Latin1String" | "RawCString" | "JsString" | "JsStringUtf8" | "JsStringUtf16"
            | "JsStringLatin1" => TsType::named("string"),
            "JsNumber" => TsType::named("number"),
            "ObjectRef" => TsType::named("object"),
            "SymbolRef" => TsType::named("symbol"),
            "UnknownRef" => TsType::unknown(),
            "JsGlobal" => TsType::named("typeof global"),
            "Option" => TsType::Nullable(Box::new(argument(0))),
            "Arc" => argument(0),
            "TypedArray" if generic_types.is_empty() => TsType::named(
                "Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array",
            ),
            "Vec" => TsType::Generic("Array".into(), vec![argument(0)]),
            "HashMap" | "BTreeMap" => TsType::Generic("Record".into(), vec![TsType::named("string"), argument(1)]),
            "Result" | "ClassInstance" | "FnArgs" | "Reference" => argument(0),
            "ErrorFirst" => TsType::Union(vec![TsType::named("Error"), match argument(0) {
                TsType::Named(name) if name == "void" => TsType::named("undefined"),
                value => value,
            }]),
            "WeakReference" => TsType::Union(vec![argument(0), TsType::named("undefined")]),
            "Null" => TsType::named("null"),
            "Undefined" => TsType::named("undefined"),
            "JsValue" | "Unknown" | "UnknownReturnValue" => TsType::unknown(),
            "Object" | "JsObject" => TsType::named("object"),
            "Array" if generic_types.is_empty() => TsType::named("unknown[]"),
            "JsDate" => TsType::named("Date"),
            "This" if generic_types.is_empty() => TsType::named("object"),
            "This" => argument(0),
            "BigInt" | "i128" | "u128" | "u64" | "usize" | "isize" | "i64n" => TsType::named("bigint"),
            "Symbol" | "JsSymbol" => TsType::named("symbol"),
            "External" | "ExternalRef" => TsType::Generic("ExternalObject".into(), vec![argument(0)]),
            "JsExternal" => TsType::Generic("ExternalObject".into(), vec![TsType::unknown()]),
            "AsyncTask" => TsType::Generic("Promise".into(), vec![match generic_types.first() {
                Some(Type::Path(task)) => task
                    .path
                    .segments
                    .last()
                    .map_or_else(TsType::unknown, |segment| TsType::TaskOutput(segment.ident.to_string())),
                _ => TsType::unknown(),
            }]),
            "JsError" => TsType::named("Error"),
            "JsTypeError" => TsType::named("TypeError"),
            "JsRangeError" => TsType::named("RangeError"),
            "BufferSlice" => TsType::named("Buffer"),
            "Uint8ClampedSlice" => TsType::named("Uint8ClampedArray"),
            slice if slice.ends_with("ArraySlice") => TsType::Named(slice.trim_end_matches("Slice").to_string()),
            "Promise" | "PromiseRaw" | "AsyncBlock" => TsType::Generic("Promise".into(), vec![argument(0)]),
            "ThreadsafeFunction" => {
                // <T, Return = any, CallJsBackArgs = T, ErrorStatus, CALLEE_HANDLED = true, ...>
                let callee_handled = !matches!(
                    const_arguments.first(),
                    Some(syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(handled), .. })) if !handled.value
                );
                let mut parameters = Self::parameters(generic_types.get(2).or(generic_types.first()).copied());
                if callee_handled {
                    parameters.insert(0, ("err".to_string(), TsType::Union(vec![TsType::named("Error"), TsType::named("null")])));
                }
                let returns = if generic_types.len() > 1 { argument(1) } else { TsType::named("any") };
                TsType::Function { parameters, returns: Box::new(returns) }
            }
            either if either == "Either" || either.strip_prefix("Either").is_some_and(|count| count.parse::<u8>().is_ok()) => TsType::Union(generic_types.iter().map(|ty| TsType::of(ty)).collect()),
            "Function" | "FunctionRef" => {
                let parameters = Self::parameters(generic_types.first().copied());
                let returns = if generic_types.len() > 1 { argument(1) } else { TsType::unknown() };
                TsType::Function { parameters, returns: Box::new(returns) }
            }
            _ if generic_types.is_empty() => TsType::Named(name),
            _ => TsType::Generic(name, generic_types.iter().map(|ty| TsType::of(ty)).collect()),
        }
    }

    /// A JS function's parameters for its Rust arguments type: `FnArgs` of a tuple spread
    /// (`arg0`, `arg1`, …), `()` none, any other type one `arg`.
    fn parameters(arguments: Option<&Type>) -> Vec<(String, TsType)> {
        let spread = matches!(arguments, Some(Type::Path(arguments)) if arguments.path.segments.last().is_some_and(|segment| segment.ident == "FnArgs"));
        match arguments.map_or_else(TsType::unknown, TsType::of) {
            TsType::Tuple(elements) if spread => elements.into_iter().enumerate().map(|(index, ty)| (format!("arg{index}"), ty)).collect(),
            TsType::Named(name) if name == "void" => Vec::new(),
            single => vec![("arg".to_string(), single)],
        }
    }

    /// Whether an argument or field of this type may be left out.
    pub fn is_optional(&self) -> bool {
        matches!(self, TsType::Nullable(_))
    }

    /// This type with `Self` naming the class `class`.
    pub fn with_self(self, class: &str) -> TsType {
        let map = |types: Vec<TsType>| types.into_iter().map(|ty| ty.with_self(class)).collect();
        match self {
            TsType::Named(name) if name == "Self" => TsType::named(class),
            TsType::Generic(name, arguments) => TsType::Generic(name, map(arguments)),
            TsType::Nullable(inner) => TsType::Nullable(Box::new(inner.with_self(class))),
            TsType::Union(types) => TsType::Union(map(types)),
            TsType::Tuple(types) => TsType::Tuple(map(types)),
            TsType::Function { parameters, returns } => TsType::Function {
                parameters: parameters.into_iter().map(|(name, ty)| (name, ty.with_self(class))).collect(),
                returns: Box::new(returns.with_self(class)),
            },
            other => other,
        }
    }
}

fn join(f: &mut fmt::Formatter<'_>, types: &[TsType], separator: &str) -> fmt::Result {
    for (index, ty) in types.iter().enumerate() {
        if index > 0 {
            f.write_str(separator)?;
        }
        write!(f, "{ty}")?;
    }
    Ok(())
}

impl fmt::Display for TsType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TsType::Named(name) => f.write_str(name),
            TsType::Generic(name, arguments) => {
                write!(f, "{name}<")?;
                join(f, arguments, ", ")?;
                f.write_str(">")
            }
            TsType::Nullable(inner) => write!(f, "{inner} | null"),
            TsType::Union(types) => join(f, types, " | "),
            TsType::Tuple(types) => {
                f.write_str("[")?;
                join(f, types, ", ")?;
                f.write_str("]")
            }
            TsType::Function { parameters, returns } => {
                f.write_str("((")?;
                for (index, (name, ty)) in parameters.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{name}: {ty}")?;
                }
                write!(f, ") => {returns})")
            }
            TsType::TaskOutput(task) => f.write_str(&task_output_marker(task)),
        }
    }
}

/// A parameter or field declaration: `name: T`, or `name?: T | null` when it may be left out.
pub fn member(name: &str, ty: &TsType) -> String {
    format!("{name}{}: {ty}", if ty.is_optional() { "?" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> String {
        TsType::of(&syn::parse_str::<Type>(text).unwrap()).to_string()
    }

    #[test]
    fn rust_types_map_to_typescript() {
        assert_eq!(ts("Option<&str>"), "string | null");
        assert_eq!(ts("Result<Vec<u32>>"), "Array<number>");
        assert_eq!(ts("HashMap<String, f64>"), "Record<string, number>");
        assert_eq!(ts("Either<i32, String>"), "number | string");
        assert_eq!(ts("Either3<i32, String, Null>"), "number | string | null");
        assert_eq!(ts("u64"), "bigint");
        assert_eq!(ts("&[f64]"), "Float64Array");
        assert_eq!(ts("&[String]"), "Array<string>");
        assert_eq!(ts("()"), "void");
        assert_eq!(ts("ClassInstance<'env, Account>"), "Account");
    }

    #[test]
    fn functions_take_tuples_single_arguments_or_nothing() {
        assert_eq!(ts("Function<(u32, String), f64>"), "((arg: [number, string]) => number)");
        assert_eq!(ts("Function<u32, ()>"), "((arg: number) => void)");
        assert_eq!(ts("Function<FnArgs<(u32, u32)>, u32>"), "((arg0: number, arg1: number) => number)");
        assert_eq!(ts("Function<'env, Unknown<'env>, String>"), "((arg: unknown) => string)");
        assert_eq!(ts("Function<(), String>"), "(() => string)");
        assert_eq!(ts("ThreadsafeFunction<u32>"), "((err: Error | null, arg: number) => any)");
        assert_eq!(ts("ThreadsafeFunction<bool, UnknownReturnValue, bool, Status, false>"), "((arg: boolean) => unknown)");
        assert_eq!(ts("ThreadsafeFunction<u32, (), u32, Status, false>"), "((arg: number) => void)");
        assert_eq!(
            ts("ThreadsafeFunction<FnArgs<(u32, bool, String)>>"),
            "((err: Error | null, arg0: number, arg1: boolean, arg2: string) => any)"
        );
        assert_eq!(ts("ThreadsafeFunction<(u32, String), Promise<u32>>"), "((err: Error | null, arg: [number, string]) => Promise<number>)");
    }

    #[test]
    fn nested_generics_stay_whole() {
        assert_eq!(
            ts("Function<FnArgs<(HashMap<String, u32>, Vec<Option<i32>>)>, Either<u32, Vec<String>>>"),
            "((arg0: Record<string, number>, arg1: Array<number | null>) => number | Array<string>)"
        );
        assert_eq!(ts("Function<FnArgs<(u32, (String, bool))>, ()>"), "((arg0: number, arg1: [string, boolean]) => void)");
    }

    #[test]
    fn views_are_their_arrays() {
        assert_eq!(ts("BufferSlice<'env>"), "Buffer");
        assert_eq!(ts("Vec<JsError>"), "Array<Error>");
        assert_eq!(ts("Uint8ClampedSlice"), "Uint8ClampedArray");
        assert_eq!(ts("Int32ArraySlice<'_>"), "Int32Array");
        assert_eq!(ts("PromiseRaw<'env, Vec<u32>>"), "Promise<Array<number>>");
        assert_eq!(ts("FunctionRef<FnArgs<(u32, u32)>, u32>"), "((arg0: number, arg1: number) => number)");
    }

    #[test]
    fn externals_and_tasks() {
        assert_eq!(ts("External<u32>"), "ExternalObject<number>");
        assert_eq!(ts("AsyncTask<CountPrimes>"), "Promise<$task(CountPrimes)>");
        assert_eq!(ts("Maybe<Vec<String>>"), "Maybe<Array<string>>");
    }

    #[test]
    fn self_names_the_class() {
        let ty = TsType::of(&syn::parse_str::<Type>("Result<Option<Self>>").unwrap()).with_self("Counter");
        assert_eq!(ty.to_string(), "Counter | null");
        assert_eq!(member("start", &ty), "start?: Counter | null");
    }
}
