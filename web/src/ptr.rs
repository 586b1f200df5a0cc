//! `Rc` compared by pointer, for component props: a new trace or ladder is a new `Rc`, so
//! pointer equality is exact and saves Yew a deep comparison on every animation frame.

use std::ops::Deref;
use std::rc::Rc;

#[derive(Debug)]
pub struct P<T>(pub Rc<T>);

impl<T> Clone for P<T> {
    fn clone(&self) -> Self {
        P(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for P<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for P<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<&Rc<T>> for P<T> {
    fn from(r: &Rc<T>) -> Self {
        P(Rc::clone(r))
    }
}
