//! Node's DOMStorage domain under --experimental-storage-inspection (which V8 does not know),
//! one agent per session: the events `inspector.DOMStorage.*` emits reach every session (node
//! sends them whether or not a session enabled the domain), and the storages a program
//! registers (its pseudo-event registerStorage) answer DOMStorage.getDOMStorageItems, the
//! program's own localStorage or sessionStorage when it registered none of that kind.

use std::cell::{Cell, RefCell};

use serde_json::{json, Value};

type Failure = Value;

#[derive(Default)]
pub(super) struct DomStorageAgent {
    enabled: Cell<bool>,
    /// The registered items of localStorage and of sessionStorage, in the order first given.
    local: RefCell<Vec<(String, String)>>,
    session: RefCell<Vec<(String, String)>>,
}

fn invalid_params(data: Option<&str>) -> Failure {
    match data {
        Some(data) => json!({"code": -32602, "message": "Invalid parameters", "data": data}),
        None => json!({"code": -32602, "message": "Invalid parameters"}),
    }
}

/// A command's `storageId` (its isLocalStorage required, its optional fields strings) and the
/// string fields it needs.
fn check_params<'p>(params: Option<&'p Value>, strings: &[&str]) -> Result<&'p Value, Failure> {
    let Some(params) = params.filter(|params| params.is_object()) else {
        return Err(invalid_params(Some("Failed to deserialize params - CBOR: map start expected at position 0")));
    };
    let storage_id = params.get("storageId").filter(|id| id.is_object()).ok_or_else(|| invalid_params(None))?;
    let optional_strings_ok = ["securityOrigin", "storageKey"].iter().all(|field| storage_id.get(field).is_none_or(Value::is_string));
    if !storage_id.get("isLocalStorage").is_some_and(Value::is_boolean) || !optional_strings_ok {
        return Err(invalid_params(None));
    }
    if !strings.iter().all(|field| params.get(field).is_some_and(Value::is_string)) {
        return Err(invalid_params(None));
    }
    Ok(storage_id)
}

impl DomStorageAgent {
    /// A command of the domain; None for a method it does not have (V8 answers those).
    /// `stored` gives the items of the program's localStorage (true) or sessionStorage.
    pub(super) fn command(&self, method: &str, params: Option<&Value>, stored: impl FnOnce(bool) -> Vec<(String, String)>) -> Option<Result<Value, Failure>> {
        let answer = match method {
            "enable" => {
                self.enabled.set(true);
                Ok(json!({}))
            }
            "disable" => {
                self.enabled.set(false);
                Ok(json!({}))
            }
            "getDOMStorageItems" => {
                if !self.enabled.get() {
                    return Some(Err(json!({"code": -32000, "message": "DOMStorage domain is not enabled"})));
                }
                check_params(params, &[]).map(|storage_id| {
                    let is_local = storage_id["isLocalStorage"] == Value::Bool(true);
                    let registered = if is_local { self.local.borrow().clone() } else { self.session.borrow().clone() };
                    let items = if registered.is_empty() { stored(is_local) } else { registered };
                    let entries: Vec<[String; 2]> = items.into_iter().map(|(key, value)| [key, value]).collect();
                    json!({"entries": entries})
                })
            }
            // Node's agent does not change storages for a front end.
            "setDOMStorageItem" | "removeDOMStorageItem" | "clear" => {
                let strings: &[&str] = match method {
                    "setDOMStorageItem" => &["key", "value"],
                    "removeDOMStorageItem" => &["key"],
                    _ => &[],
                };
                check_params(params, strings).and_then(|_| Err(json!({"code": -32000, "message": "Not implemented"})))
            }
            _ => return None,
        };
        Some(answer)
    }

    /// registerStorage: the items join the storage's (a key given again takes the new value).
    pub(super) fn register(&self, is_local: bool, items: &[(String, String)]) {
        let mut storage = if is_local { self.local.borrow_mut() } else { self.session.borrow_mut() };
        for (key, value) in items {
            match storage.iter_mut().find(|(known, _)| known == key) {
                Some(entry) => entry.1 = value.clone(),
                None => storage.push((key.clone(), value.clone())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_answered_once_enabled_by_the_storage_asked_for() {
        let agent = DomStorageAgent::default();
        let none = |_| Vec::new();
        let local = json!({"storageId": {"securityOrigin": "", "isLocalStorage": true, "storageKey": "k"}});
        assert_eq!(agent.command("getDOMStorageItems", Some(&local), none).unwrap().unwrap_err()["code"], -32000);
        agent.command("enable", None, none).unwrap().unwrap();
        let stored = |is_local: bool| vec![("s".to_string(), is_local.to_string())];
        assert_eq!(agent.command("getDOMStorageItems", Some(&local), stored).unwrap().unwrap(), json!({"entries": [["s", "true"]]}));
        agent.register(true, &[("a".into(), "1".into()), ("b".into(), "2".into())]);
        agent.register(true, &[("a".into(), "3".into())]);
        agent.register(false, &[("c".into(), "4".into())]);
        assert_eq!(agent.command("getDOMStorageItems", Some(&local), stored).unwrap().unwrap(), json!({"entries": [["a", "3"], ["b", "2"]]}));
        let missing = json!({"storageId": {"securityOrigin": ""}});
        assert_eq!(agent.command("getDOMStorageItems", Some(&missing), none).unwrap().unwrap_err()["code"], -32602);
        assert_eq!(agent.command("clear", Some(&local), none).unwrap().unwrap_err()["message"], "Not implemented");
        assert!(agent.command("foo", None, none).is_none());
    }
}
