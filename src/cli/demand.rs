//! A parse that builds only what argv names: the root's flags and the one subcommand it calls,
//! never the other fifteen (clap's derive builds every one, about a third of a query's start-up,
//! BENCHMARKS.md). Whatever that parse cannot settle goes to the whole tree: help, errors and
//! suggestions are the whole tree's, word for word.

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{Command, Parser};

/// Parses `args` (the program's name first) into `P`, building `root` (the root's flags, without
/// subcommands) and `subcommand(name)` for the name argv gives, if any; `P`'s whole tree where
/// that is not enough.
///
/// Sound because a subcommand built alone is the whole tree's, and a parse that succeeds with
/// one subcommand present succeeds alike with all of them: a token the whole tree would take for
/// another subcommand is, to the smaller one, an unexpected argument, and so goes to the whole
/// tree. `--version` needs no subcommand and says the same from either.
pub fn parse<P: Parser>(
    args: Vec<OsString>,
    root: Command,
    subcommand: impl Fn(&str) -> Option<Command>,
) -> Result<P, clap::Error> {
    let tree = match subcommand_named(&root, &args) {
        None => root,
        Some(name) => match subcommand(name) {
            Some(sub) => root.subcommand(sub),
            None => return P::try_parse_from(args),
        },
    };
    match tree.try_get_matches_from(&args) {
        Ok(matches) => P::from_arg_matches(&matches).or_else(|_| P::try_parse_from(args)),
        Err(err) if err.kind() == ErrorKind::DisplayVersion => Err(err),
        Err(_) => P::try_parse_from(args),
    }
}

/// The first argument that is neither one of the root's flags nor its value: the subcommand's
/// name, where argv gives one. None at the first flag the root does not know (`--help`, `--`, a
/// subcommand's flag given too early), which the root alone then parses, or passes on.
pub(crate) fn subcommand_named<'a>(root: &Command, args: &'a [OsString]) -> Option<&'a str> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let arg = arg.to_str()?;
        let Some(long) = arg.strip_prefix("--") else {
            return (!arg.starts_with('-')).then_some(arg);
        };
        let (name, inline_value) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        let flag = root.get_arguments().find(|a| a.get_long() == Some(name))?;
        if flag.get_action().takes_values() && !inline_value {
            rest.next()?;
        }
    }
    None
}
