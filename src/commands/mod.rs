//! The commands, one file each: its flags and help (clap derive), and its `run`, which loads
//! what it needs through the [`Context`], queries, and writes a report to the [`Output`].
//!
//! Adding a command is a new file here, with `pub struct Args` and
//! `fn run(self, &Context, &mut Output) -> Result<Outcome, Error>`, and one line in the list
//! below. The list's order is the order of `peercomp --help`.

mod file;
pub(crate) mod prelude;

use self::prelude::{Context, Error, Outcome, Output};

/// Declares the command modules, the subcommand enum, and its dispatch, from one list.
macro_rules! commands {
    ($($module:ident => $variant:ident,)*) => {
        $(mod $module;)*

        /// A subcommand and its arguments.
        #[derive(Debug, clap::Subcommand)]
        pub(crate) enum Command {
            $(
                #[allow(missing_docs)]
                #[command(name = stringify!($module))]
                $variant($module::Args),
            )*
        }

        /// The subcommand called `name`, built alone: what the whole tree holds under that
        /// name (tests/cli/demand.rs compares them), for a parse that builds only what argv
        /// names.
        pub(crate) fn subcommand(name: &str) -> Option<clap::Command> {
            match name {
                $(stringify!($module) => Some(<$module::Args as clap::Args>::augment_args(
                    clap::Command::new(stringify!($module)),
                )),)*
                _ => None,
            }
        }

        impl Command {
            /// Runs the command.
            pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
                match self {
                    $(Command::$variant(args) => args.run(ctx, out),)*
                }
            }
        }
    };
}

commands! {
    list => List,
    search => Search,
    show => Show,
    tags => Tags,
    categories => Categories,
    frameworks => Frameworks,
    crosswalk => Crosswalk,
    overlaps => Overlaps,
    align => Align,
    export => Export,
    site => Site,
    serve => Serve,
    coverage => Coverage,
    diff => Diff,
    validate => Validate,
    schema => Schema,
    completions => Completions,
    man => Man,
}
