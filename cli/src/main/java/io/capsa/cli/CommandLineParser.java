package io.capsa.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a command line as runc's does: capsa's flags, the verb, then the verb's flags and
 * arguments in any order ("delete ID -f" as "delete -f ID"), "--" ending the flags. A flag has
 * one dash or two, its value after "=" or as the next argument. Capsa's own flags are taken
 * after the verb too, except by a verb whose flags end at its first positional argument (exec's
 * command keeps its own flags: the -c of "sh -c"). The first problem is kept with what was
 * parsed up to it, so that the error is logged in the format the command line asked for.
 */
final class CommandLineParser {

  /** The command line taken apart; {@code problem} null when it is a valid one. */
  record Parsed(Arguments globals, Verb verb, Arguments verbArguments, String problem) {}

  private final List<Flag> globalFlags;
  private final List<Verb> verbs;
  private final Map<Flag, List<String>> globals = new HashMap<>();
  private final Map<Flag, List<String>> own = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private Verb verb;

  private CommandLineParser(List<Flag> globalFlags, List<Verb> verbs) {
    this.globalFlags = globalFlags;
    this.verbs = verbs;
  }

  static Parsed parse(List<Flag> globalFlags, List<Verb> verbs, String[] args) {
    return new CommandLineParser(globalFlags, verbs).parse(args);
  }

  private Parsed parse(String[] args) {
    boolean flagsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (verb != null && verb.flagsEndAtPositional() && !positionals.isEmpty()) {
        positionals.add(arg);
      } else if (!flagsEnded && arg.equals("--")) {
        flagsEnded = true;
      } else if (!flagsEnded && arg.startsWith("-") && arg.length() > 1) {
        String body = arg.substring(arg.startsWith("--") ? 2 : 1);
        int equals = body.indexOf('=');
        String name = equals < 0 ? body : body.substring(0, equals);
        Flag flag = find(name);
        if (flag == null) {
          return failed("flag provided but not defined: -" + name);
        }
        String value;
        if (equals >= 0) {
          value = body.substring(equals + 1);
          if (!flag.takesValue() && !value.equals("true") && !value.equals("false")) {
            return failed("invalid boolean value \"" + value + "\" for -" + name
                + ": parse error");
          }
        } else if (!flag.takesValue()) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          return failed("flag needs an argument: -" + name);
        }
        (verb != null && verbFlags().contains(flag) ? own : globals)
            .computeIfAbsent(flag, f -> new ArrayList<>()).add(value);
      } else if (verb == null) {
        verb = verbs.stream().filter(v -> v.name().equals(arg)).findFirst().orElse(null);
        if (verb == null) {
          return failed("unknown command \"" + arg + "\"");
        }
      } else {
        positionals.add(arg);
      }
    }
    return new Parsed(new Arguments(globals, List.of()), verb, new Arguments(own, positionals),
        null);
  }

  /** A verb's own flags and --help; before the verb, capsa's only. */
  private List<Flag> verbFlags() {
    List<Flag> flags = new ArrayList<>(verb.flags());
    flags.add(GlobalOptions.HELP);
    return flags;
  }

  private Flag find(String name) {
    if (verb != null) {
      for (Flag flag : verbFlags()) {
        if (flag.isNamed(name)) {
          return flag;
        }
      }
    }
    for (Flag flag : globalFlags) {
      if (flag.isNamed(name)) {
        return flag;
      }
    }
    return null;
  }

  private Parsed failed(String problem) {
    return new Parsed(new Arguments(globals, List.of()), verb, new Arguments(own, positionals),
        problem);
  }
}
