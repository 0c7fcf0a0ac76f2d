//! The catalogue of inputs: a typed address for every editable number, choice and text of a
//! scenario ([`Field`], written and read as a dot path), one description of each ([`Spec`]: label,
//! unit, allowed range, step, hint, whether a workshop slider may move it and whether it is a
//! guess worth a range), and `get`/`set` on a scenario. Validation, workshop levers, the list of
//! input differences, the Excel inputs sheet, the print summary and the app's form all read it,
//! so a field's name, unit and range are written once.

mod access;
mod spec;

pub use crate::address::{
    CostLineField, DemandField, Field, InterventionField, LeverField, Paid, PhaseField,
    ProviderField, TierField, TopField, UnknownField,
};
pub use access::{all, set_places, SetError, Value};
pub use spec::{Kind, Spec, Unit};
