//! A class with state written with `#[napi]`: constructor, factory, methods, getter and
//! setter, static method, and instances returned from functions.

use anode_napi::{napi, Env, Error, Result};

/// Per-env state: how many counters JS constructed.
struct Stats {
    constructed: u32,
}

/// Sets up the env's instance data and a cleanup hook when the module loads.
#[napi(module_init)]
fn init(env: Env) -> Result<()> {
    env.set_instance_data(Stats { constructed: 0 })?;
    let removed = env.add_cleanup_hook(|| println!("never printed: this hook is removed"))?;
    env.remove_cleanup_hook(removed)?;
    env.add_cleanup_hook(|| println!("counter addon: env cleanup"))?;
    Ok(())
}

/// How many counters `new Counter` made in this env.
#[napi]
pub fn counters_constructed(env: Env) -> Result<u32> {
    Ok(env.instance_data::<Stats>()?.map_or(0, |stats| stats.constructed))
}

/// A counter that counts in steps.
#[napi]
pub struct Counter {
    value: i64,
    step: i64,
}

#[napi]
impl Counter {
    /// `new Counter(start?)`.
    #[napi(constructor)]
    pub fn new(env: Env, start: Option<i64>) -> Result<Self> {
        if let Some(stats) = env.instance_data::<Stats>()? {
            stats.constructed += 1;
        }
        Ok(Counter { value: start.unwrap_or(0), step: 1 })
    }

    /// `Counter.withStep(step)`: fails for a zero step.
    #[napi(factory)]
    pub fn with_step(step: i64) -> Result<Self> {
        if step == 0 {
            return Err(Error::range_error("step must not be 0"));
        }
        Ok(Counter { value: 0, step })
    }

    /// Adds the step (times `times`) and returns the new value.
    #[napi]
    pub fn increment(&mut self, times: Option<i64>) -> i64 {
        self.value += self.step * times.unwrap_or(1);
        self.value
    }

    /// The current value.
    #[napi(getter)]
    pub fn value(&self) -> i64 {
        self.value
    }

    /// Sets the current value.
    #[napi(setter)]
    pub fn set_value(&mut self, value: i64) {
        self.value = value;
    }

    /// The step.
    #[napi(getter, js_name = "stepSize")]
    pub fn step(&self) -> i64 {
        self.step
    }

    /// A copy of this counter.
    #[napi]
    pub fn fork(&self) -> Counter {
        Counter { value: self.value, step: self.step }
    }

    /// Adds another counter's value to this one (a class instance as an argument).
    #[napi]
    pub fn absorb(&mut self, other: &Counter) -> i64 {
        self.value += other.value;
        self.value
    }

    /// Describes the class.
    #[napi]
    pub fn describe() -> String {
        "counts in steps".to_string()
    }

    /// Not exported: not pub and not marked.
    fn internal(&self) -> i64 {
        self.value * 2
    }

    /// Exported under another name, using a private helper.
    #[napi(js_name = "doubled")]
    pub fn twice(&self) -> i64 {
        self.internal()
    }
}

/// A class without a constructor: JS cannot `new` it; functions make them.
#[napi]
pub struct Token {
    id: u32,
}

#[napi]
impl Token {
    #[napi(getter)]
    pub fn id(&self) -> u32 {
        self.id
    }
}

/// Makes a token.
#[napi]
pub fn issue_token(id: u32) -> Token {
    Token { id }
}

/// Resets a counter in place (`&mut` of a class instance) and returns its old value.
#[napi]
pub fn reset(counter: &mut Counter) -> i64 {
    std::mem::replace(&mut counter.value, 0)
}

/// The sum of two counters' values.
#[napi]
pub fn total(a: &Counter, b: &Counter, extra: &i64) -> i64 {
    a.value + b.value + extra
}
