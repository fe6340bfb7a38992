//! Conditions: the small expression language of `if = "trust >= 4 and not police-arrived"`.
//!
//! Grammar (`and` binds tighter than `or`):
//! ```text
//! expr    := and ("or" and)*
//! and     := unary ("and" unary)*
//! unary   := "not" unary | "(" expr ")" | name (op number)?
//! op      := ">=" | "<=" | ">" | "<" | "==" | "!="
//! ```
//! A name alone must be a flag; a name with a comparison must be a meter.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Code;

/// How deeply parentheses and `not` may nest; deeper is surely a mistake, and the limit keeps
/// a hostile file from exhausting the stack.
pub const MAX_DEPTH: usize = 32;

/// A parsed condition and the text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The condition as the author wrote it, for messages and the facilitator's view.
    pub source: String,
    /// The parsed expression, with names resolved to meter and flag indexes.
    pub expr: Expr,
}

impl Condition {
    /// Whether the condition is true for these meter values and flags (in module order).
    pub fn holds(&self, meters: &[i64], flags: &[bool]) -> bool {
        self.expr.eval(meters, flags)
    }
}

/// A condition's expression tree; meters and flags are named by their index in the module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expr {
    /// The flag at this index is set.
    Flag(usize),
    /// The meter at index `meter` compares with `value` as `op` says.
    Compare {
        /// The meter's place in the module's meters.
        meter: usize,
        /// How the meter's current value is compared.
        op: Op,
        /// The number the author wrote on the right-hand side.
        value: i64,
    },
    /// The inner expression does not hold.
    Not(Box<Expr>),
    /// Every part holds. A list, not nested pairs, so a long chain stays shallow.
    All(Vec<Expr>),
    /// Some part holds.
    Any(Vec<Expr>),
}

impl Expr {
    /// Whether the expression is true; a meter or flag index out of range counts as false.
    pub fn eval(&self, meters: &[i64], flags: &[bool]) -> bool {
        match self {
            Expr::Flag(flag) => flags.get(*flag).copied().unwrap_or(false),
            Expr::Compare { meter, op, value } => meters
                .get(*meter)
                .is_some_and(|current| op.apply(*current, *value)),
            Expr::Not(inner) => !inner.eval(meters, flags),
            Expr::All(parts) => parts.iter().all(|part| part.eval(meters, flags)),
            Expr::Any(parts) => parts.iter().any(|part| part.eval(meters, flags)),
        }
    }
}

/// A comparison between a meter and a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `<`
    Lt,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

impl Op {
    fn apply(self, left: i64, right: i64) -> bool {
        match self {
            Op::Ge => left >= right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Lt => left < right,
            Op::Eq => left == right,
            Op::Ne => left != right,
        }
    }
}

/// What a name in a condition refers to, as the module declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variable {
    /// A meter, with its bounds so a comparison that can never change is reported.
    Meter {
        /// The meter's place in the module's meters.
        index: usize,
        /// The meter's lowest value.
        min: i64,
        /// The meter's highest value.
        max: i64,
    },
    /// A flag.
    Flag {
        /// The flag's place in the module's flags.
        index: usize,
    },
}

/// A problem inside a condition, positioned by byte offsets within the condition's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionProblem {
    /// Which kind of problem it is, as the checker reports it.
    pub code: Code,
    /// Where in the condition's text the problem lies.
    pub range: Range<usize>,
    /// What is wrong, in words the module's author can act on.
    pub message: String,
}

/// Parses `source`, asking `lookup` what each name means. Reports every unknown name and
/// type or bounds problem it finds; stops at the first syntax error.
pub fn parse(
    source: &str,
    lookup: &mut dyn FnMut(&str) -> Option<Variable>,
) -> Result<Condition, Vec<ConditionProblem>> {
    let tokens = tokenize(source).map_err(|problem| vec![problem])?;
    let mut parser = Parser {
        tokens,
        position: 0,
        source_len: source.len(),
        lookup,
        problems: Vec::new(),
    };
    let expr = parser.expr(0).map_err(|problem| vec![problem])?;
    if let Some(token) = parser.tokens.get(parser.position) {
        return Err(vec![syntax(
            token.range.clone(),
            format!(
                "unexpected `{}` here; join conditions with `and` or `or`",
                &source[token.range.clone()]
            ),
        )]);
    }
    if parser.problems.is_empty() {
        Ok(Condition {
            source: source.to_owned(),
            expr,
        })
    } else {
        Err(parser.problems)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokenKind {
    Name(String),
    Number(i64),
    Op(Op),
    And,
    Or,
    Not,
    Open,
    Close,
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokenKind,
    range: Range<usize>,
}

fn syntax(range: Range<usize>, message: impl Into<String>) -> ConditionProblem {
    ConditionProblem {
        code: Code::BadCondition,
        range,
        message: message.into(),
    }
}

fn tokenize(source: &str) -> Result<Vec<Token>, ConditionProblem> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let start = i;
        let kind = match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => {
                i += 1;
                TokenKind::Open
            }
            b')' => {
                i += 1;
                TokenKind::Close
            }
            b'>' | b'<' | b'=' | b'!' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                i += if two { 2 } else { 1 };
                match (byte, two) {
                    (b'>', true) => TokenKind::Op(Op::Ge),
                    (b'<', true) => TokenKind::Op(Op::Le),
                    (b'>', false) => TokenKind::Op(Op::Gt),
                    (b'<', false) => TokenKind::Op(Op::Lt),
                    (b'=', true) => TokenKind::Op(Op::Eq),
                    (b'!', true) => TokenKind::Op(Op::Ne),
                    (b'=', false) => {
                        return Err(syntax(start..i, "use `==` to compare, not `=`"));
                    }
                    _ => return Err(syntax(start..i, "use `not` instead of `!`")),
                }
            }
            b'&' | b'|' => {
                return Err(syntax(
                    start..start + 1,
                    "use the words `and` and `or` to join conditions",
                ));
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                let text = &source[start..i];
                let value = text.parse::<i64>().map_err(|_| {
                    syntax(
                        start..i,
                        format!("`{text}` is not a whole number this engine can use"),
                    )
                })?;
                TokenKind::Number(value)
            }
            b'a'..=b'z' | b'A'..=b'Z' => {
                while bytes
                    .get(i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                {
                    i += 1;
                }
                match &source[start..i] {
                    "and" => TokenKind::And,
                    "or" => TokenKind::Or,
                    "not" => TokenKind::Not,
                    name => TokenKind::Name(name.to_owned()),
                }
            }
            _ => {
                let len = source[start..].chars().next().map_or(1, char::len_utf8);
                return Err(syntax(
                    start..start + len,
                    format!(
                        "unexpected character `{}` in a condition",
                        &source[start..start + len]
                    ),
                ));
            }
        };
        tokens.push(Token {
            kind,
            range: start..i,
        });
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    position: usize,
    source_len: usize,
    lookup: &'a mut dyn FnMut(&str) -> Option<Variable>,
    problems: Vec<ConditionProblem>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&TokenKind> {
        self.tokens.get(self.position).map(|token| &token.kind)
    }

    fn end(&self) -> Range<usize> {
        self.source_len..self.source_len
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, ConditionProblem> {
        let mut parts = vec![self.and(depth)?];
        while self.peek() == Some(&TokenKind::Or) {
            self.position += 1;
            parts.push(self.and(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Any(parts)
        })
    }

    fn and(&mut self, depth: usize) -> Result<Expr, ConditionProblem> {
        let mut parts = vec![self.unary(depth)?];
        while self.peek() == Some(&TokenKind::And) {
            self.position += 1;
            parts.push(self.unary(depth)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::All(parts)
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Expr, ConditionProblem> {
        let Some(token) = self.tokens.get(self.position).cloned() else {
            return Err(syntax(
                self.end(),
                "the condition ends too early: a name is missing",
            ));
        };
        if depth >= MAX_DEPTH {
            return Err(syntax(
                token.range,
                format!("conditions may nest at most {MAX_DEPTH} levels deep"),
            ));
        }
        self.position += 1;
        match token.kind {
            TokenKind::Not => Ok(Expr::Not(Box::new(self.unary(depth + 1)?))),
            TokenKind::Open => {
                let inner = self.expr(depth + 1)?;
                match self.tokens.get(self.position) {
                    Some(Token {
                        kind: TokenKind::Close,
                        ..
                    }) => {
                        self.position += 1;
                        Ok(inner)
                    }
                    _ => Err(syntax(token.range, "this `(` is never closed")),
                }
            }
            TokenKind::Name(name) => self.name(&name, token.range),
            _ => Err(syntax(
                token.range,
                "expected a meter or flag name, `not` or `(` here",
            )),
        }
    }

    fn name(&mut self, name: &str, range: Range<usize>) -> Result<Expr, ConditionProblem> {
        let comparison = match self.tokens.get(self.position) {
            Some(Token {
                kind: TokenKind::Op(op),
                range: op_range,
            }) => {
                let (op, op_range) = (*op, op_range.clone());
                self.position += 1;
                match self.tokens.get(self.position) {
                    Some(Token {
                        kind: TokenKind::Number(value),
                        range: value_range,
                    }) => {
                        let value = *value;
                        let value_range = value_range.clone();
                        self.position += 1;
                        Some((op, value, value_range))
                    }
                    _ => {
                        return Err(syntax(
                            op_range,
                            "a comparison needs a whole number after it",
                        ))
                    }
                }
            }
            _ => None,
        };
        let variable = (self.lookup)(name);
        let full = match &comparison {
            Some((_, _, value_range)) => range.start..value_range.end,
            None => range.clone(),
        };
        match (variable, comparison) {
            (None, _) => {
                self.problems.push(ConditionProblem {
                    code: Code::UnknownVariable,
                    range,
                    message: format!("`{name}` is not a meter or flag declared in this module"),
                });
                Ok(Expr::Flag(0))
            }
            (Some(Variable::Flag { index }), None) => Ok(Expr::Flag(index)),
            (Some(Variable::Flag { .. }), Some(_)) => {
                self.problems.push(ConditionProblem {
                    code: Code::TypeMismatch,
                    range: full,
                    message: format!(
                        "`{name}` is a flag (true or false) and cannot be compared with a number; write `{name}` or `not {name}`"
                    ),
                });
                Ok(Expr::Flag(0))
            }
            (Some(Variable::Meter { .. }), None) => {
                self.problems.push(ConditionProblem {
                    code: Code::TypeMismatch,
                    range,
                    message: format!(
                        "`{name}` is a meter (a number); compare it, for example `{name} >= 3`"
                    ),
                });
                Ok(Expr::Flag(0))
            }
            (Some(Variable::Meter { index, min, max }), Some((op, value, value_range))) => {
                if value < min || value > max {
                    self.problems.push(ConditionProblem {
                        code: Code::OutOfBounds,
                        range: value_range,
                        message: format!(
                            "`{name}` only goes from {min} to {max}, so comparing it with {value} is always true or always false"
                        ),
                    });
                }
                Ok(Expr::Compare {
                    meter: index,
                    op,
                    value,
                })
            }
        }
    }
}
