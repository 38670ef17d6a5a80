package io.capsa.cli;

import java.util.ArrayList;
import java.util.List;

/** The help capsa prints: its own with the verbs and global flags, and each verb's. */
final class UsageText {
  private static final String INDENT = "   ";

  private UsageText() {}

  static String of(List<Verb> verbs, List<Flag> globalFlags) {
    StringBuilder text = new StringBuilder()
        .append("capsa - a daemonless, runc-compatible OCI container runtime for the JVM\n\n")
        .append("Usage: capsa [global options] command [command options] [arguments...]\n\n")
        .append("Commands:\n");
    int width = verbs.stream().mapToInt(v -> v.name().length()).max().orElse(0);
    for (Verb verb : verbs) {
      text.append(INDENT).append(pad(verb.name(), width)).append(INDENT).append(verb.summary())
          .append('\n');
    }
    return text.append("\nGlobal options:\n").append(flags(globalFlags)).toString();
  }

  static String of(Verb verb) {
    List<Flag> flags = new ArrayList<>(verb.flags());
    flags.add(GlobalOptions.HELP);
    String usage = verb.positionals().usage();
    String arguments = usage.isEmpty() ? "" : " " + usage;
    return "Usage: capsa " + verb.name() + " [command options]" + arguments + "\n\n"
        + verb.summary() + "\n\nOptions:\n" + flags(flags);
  }

  private static String flags(List<Flag> flags) {
    int width = flags.stream().mapToInt(f -> f.synopsis().length()).max().orElse(0);
    StringBuilder text = new StringBuilder();
    for (Flag flag : flags) {
      text.append(INDENT).append(pad(flag.synopsis(), width)).append(INDENT)
          .append(flag.description()).append('\n');
    }
    return text.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
