//! The script as meaning: events with their times. Sequence numbers are as the script writes
//! them (relative to each side's initial sequence number); times are in microseconds.

use alloc::string::String;
use alloc::vec::Vec;

/// When an event happens, as the script says it (microseconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Time {
    /// `1.5`: since the script's start.
    Absolute(u64),
    /// `+0.1`: after the previous event.
    Relative(u64),
    /// `*`: whenever it happens.
    Any,
    /// `0.1~0.2`
    AbsoluteRange(u64, u64),
    /// `+0.1~+0.2`
    RelativeRange(u64, u64),
}

/// Which way a segment goes, seen from the system under test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// `<`: the script sends it to the engine.
    Inbound,
    /// `>`: the engine must send it.
    Outbound,
}

/// One TCP option as a script writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opt {
    Nop,
    Eol,
    Mss(u16),
    SackOk,
    Sack(Vec<(u32, u32)>),
    Ts { val: u32, ecr: u32 },
    Wscale(u8),
}

/// A TCP segment line: `< P. 1:1001(1000) ack 1 win 257 <nop,nop,TS val 1 ecr 2>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    pub dir: Dir,
    /// The flag letters as written (`S`, `.` for ACK, `P`, `F`, `R`, `U`, `E`, `W`).
    pub flags: String,
    pub start: u32,
    pub end: u32,
    pub len: u32,
    pub ack: Option<u32>,
    pub win: Option<u16>,
    pub urg: Option<u16>,
    /// `None`: `<...>`, the options are not checked.
    pub options: Option<Vec<Opt>>,
}

/// An argument of a system call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Int(i64),
    /// `...`: anything.
    Ellipsis,
    /// A symbol: `SOCK_STREAM`, `O_NONBLOCK`, `SHUT_WR`.
    Word(String),
    Str(String),
    /// `[1000]`
    List(Vec<Expr>),
    /// `{l_onoff=1, l_linger=0}`
    Struct(Vec<(String, Expr)>),
    /// `O_RDWR|O_NONBLOCK`
    Or(Vec<Expr>),
    /// `htons(8080)`
    Fn(String, Vec<Expr>),
}

/// The expected result of a call: `= 0`, `= -1 EINPROGRESS (Operation now in progress)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expect {
    /// `None`: `= ...`, any value.
    pub value: Option<i64>,
    pub errno: Option<String>,
}

/// A system call line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub name: String,
    pub args: Vec<Expr>,
    pub expect: Expect,
    /// `0.1...0.2 read(...)`: a blocking call expected to return at this time.
    pub end: Option<Time>,
}

/// One comparison chain of an `assert` in a code block: `a <= b < c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assert {
    pub terms: Vec<Term>,
    pub ops: Vec<Cmp>,
    /// The assert's text, for messages.
    pub text: String,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// An arithmetic term of an assert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Int(i64),
    /// `tcpi_snd_cwnd` or a constant such as `TCP_CA_Open`.
    Name(String),
    Bin(char, alloc::boxed::Box<Term>, alloc::boxed::Box<Term>),
}

/// What an event does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Packet(Packet),
    Call(Call),
    /// A backquoted shell command.
    Shell(String),
    /// A `%{ }%` block: the asserts it makes.
    Code(Vec<Assert>),
    /// Something this reader recognises and the runner cannot do: what it is.
    Unsupported(String),
}

/// One event of the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub line: u32,
    pub col: u32,
    pub time: Time,
    pub kind: Kind,
}

/// A whole script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script {
    /// `--name=value` options at the top.
    pub options: Vec<(String, String, u32)>,
    pub events: Vec<Event>,
}
