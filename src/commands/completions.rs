//! `peercomp completions`: a shell's completion script, with the values of the loaded frameworks.

use std::io::Write;

use clap::builder::PossibleValuesParser;
use clap::Command;
use clap_complete::Shell;

use crate::Error;
use super::prelude::{Context, Outcome, Output};
use crate::model::Framework;

/// Print a shell completion script to standard output
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp completions bash > ~/.local/share/bash-completion/completions/peercomp
  peercomp completions zsh > ~/.zfunc/_peercomp
  peercomp completions fish > ~/.config/fish/completions/peercomp.fish
  peercomp --data mine/ completions bash > peercomp.bash    with your frameworks' values

The script completes commands and flags, and the values of the frameworks loaded when it was
written: tags for --tag, schemes for --by, framework ids for --framework, category ids for
--category, and entry ids for show. Write it again after adding frameworks.")]
pub(crate) struct Args {
    #[arg(value_enum)]
    shell: Shell,
}

impl Args {
    /// Prints the script.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let mut command = ctx.on_frameworks(&[], |frameworks| Ok(with_values(ctx.command_tree(), frameworks)))?;
        // clap_complete panics when a write fails, so it writes to memory and we write that.
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut command, "peercomp", &mut script);
        if self.shell == Shell::Bash {
            script = with_colons(&script);
        }
        out.write_all(&script)?;
        Ok(Outcome::Done)
    }
}

/// Bash splits a line into words at every character of `COMP_WORDBREAKS`, `:` among them, so
/// `--tag icrc:` reached the completion as `icrc`, `:` and an empty word, and every candidate
/// matched the empty word (`icrc:-`). The script's function is wrapped: the words are joined
/// again, the whole word completed, and bash given each candidate from after the word's last
/// colon, the part it replaces (as bash-completion's `__ltrim_colon_completions` does).
fn with_colons(script: &[u8]) -> Vec<u8> {
    let script = String::from_utf8_lossy(script)
        .replace("complete -F _peercomp ", "complete -F _peercomp_colons ");
    let wrapper = r#"
_peercomp_colons() {
    local words=() cword=0 j
    for ((j = 0; j < ${#COMP_WORDS[@]}; j++)); do
        if ((j > 0 && ${#words[@]} > 0)) && [[ $COMP_WORDBREAKS == *:* ]] &&
            [[ ${COMP_WORDS[j]} == : || ${COMP_WORDS[j - 1]} == : ]]; then
            words[${#words[@]} - 1]+=${COMP_WORDS[j]}
        else
            words+=("${COMP_WORDS[j]}")
        fi
        if ((j == COMP_CWORD)); then cword=$((${#words[@]} - 1)); fi
    done
    local COMP_WORDS=("${words[@]}") COMP_CWORD=$cword
    local cur=${words[cword]} prev=""
    if ((cword > 0)); then prev=${words[cword - 1]}; fi
    _peercomp "$1" "$cur" "$prev"
    if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
        local colon=${cur%"${cur##*:}"} k
        for k in "${!COMPREPLY[@]}"; do COMPREPLY[k]=${COMPREPLY[k]#"$colon"}; done
    fi
}
"#;
    format!("{script}{wrapper}").into_bytes()
}

/// The command line with the frameworks' values as the possible values of the flags that take
/// them, for the completion script only: the parser itself accepts any value, and says what
/// exists when one is unknown.
fn with_values(command: Command, frameworks: &[Framework]) -> Command {
    let mut tags: Vec<String> = Vec::new();
    let mut schemes: Vec<String> = Vec::new();
    for scheme in frameworks.iter().flat_map(|f| &f.schemes) {
        if !schemes.contains(&scheme.id) {
            schemes.push(scheme.id.clone());
            tags.push(scheme.id.clone());
            tags.extend(scheme.codes.iter().map(|c| format!("{}:{}", scheme.id, c.code)));
        }
    }
    let values = Values {
        tags,
        schemes,
        frameworks: frameworks.iter().map(|f| f.id.clone()).collect(),
        categories: frameworks.iter().flat_map(|f| &f.categories).map(|c| c.id.clone()).collect(),
        entries: crate::query::entry_ids(frameworks),
    };
    values.apply(command)
}

struct Values {
    tags: Vec<String>,
    schemes: Vec<String>,
    frameworks: Vec<String>,
    categories: Vec<String>,
    entries: Vec<String>,
}

impl Values {
    /// The values for one command and, in turn, its subcommands.
    fn apply(&self, mut command: Command) -> Command {
        let is_show = command.get_name() == "show";
        let args: Vec<(String, Option<String>)> = command
            .get_arguments()
            .map(|a| (a.get_id().to_string(), a.get_long().map(str::to_owned)))
            .collect();
        for (id, long) in args {
            let values = match (long.as_deref(), is_show && id == "ids") {
                (Some("tag"), _) => &self.tags,
                (Some("by"), _) => &self.schemes,
                (Some("framework" | "from" | "to"), _) => &self.frameworks,
                (Some("category"), _) => &self.categories,
                (None, true) => &self.entries,
                _ => continue,
            };
            let values = values.clone();
            command = command.mut_arg(id, |arg| arg.value_parser(PossibleValuesParser::new(values)));
        }
        let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_owned()).collect();
        for name in names {
            command = command.mut_subcommand(name, |sub| self.apply(sub));
        }
        command
    }
}
