package io.capsa.init;

import io.capsa.sys.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a program as text, one line per op: index, the call with decoded arguments (strings
 * quoted, flags by name, results of earlier ops as {@code $index}), error policy, description.
 * <pre>
 * 2  mount("proc", "/proc", "proc", MS_NOSUID|MS_NODEV, NULL)  fail  # mount proc on /proc
 * 3  mkdirat($1, "dev", 0755)                               tolerate EEXIST  # create directory dev
 * </pre>
 */
final class ProgramRenderer {
  /** Calls longer than this do not widen the call column for every other line. */
  private static final int MAX_CALL_COLUMN = 72;

  private ProgramRenderer() {}

  static String render(InitProgram program) {
    List<String> calls = new ArrayList<>();
    for (Op op : program.ops()) {
      calls.add(call(op, program.arch()));
    }
    int callWidth = calls.stream().mapToInt(String::length).filter(n -> n <= MAX_CALL_COLUMN)
        .max().orElse(0);
    List<String> policies = program.ops().stream()
        .map(op -> op.code().canFail() ? op.policy().toString() : "-").toList();
    int policyWidth = policies.stream().mapToInt(String::length).max().orElse(0);
    int indexWidth = Integer.toString(Math.max(0, program.ops().size() - 1)).length();
    StringBuilder text = new StringBuilder();
    for (Op op : program.ops()) {
      text.append(String.format("%" + indexWidth + "d  %-" + callWidth + "s  %-" + policyWidth
              + "s  # %s%n", op.index(), calls.get(op.index()), policies.get(op.index()),
          op.description()));
    }
    return text.toString();
  }

  static String call(Op op, Arch arch) {
    List<Arg> args = op.args();
    switch (op.code()) {
      case JUMP:
        Condition condition = op.condition();
        String target = "jump to " + show(args.get(2), arch);
        return condition == Condition.ALWAYS
            ? target
            : target + " if " + show(args.get(0), arch) + " " + condition.symbol() + " "
                + show(args.get(1), arch);
      case LOAD:
      case STORE:
        return op.syscallName() + "(" + showAll(args, arch) + ", " + byteCount(op.param()) + ")";
      default:
        return op.syscallName() + "(" + showAll(args, arch) + ")";
    }
  }

  /** One argument as a rendered program shows it. */
  static String show(Arg arg, Arch arch) {
    if (arg instanceof Arg.SlotRef slot) {
      return "$" + slot.index();
    }
    if (arg instanceof Arg.BlobRef blob) {
      return blob.shown();
    }
    Arg.Immediate immediate = (Arg.Immediate) arg;
    return immediate.format().format(immediate.value(), arch);
  }

  private static String showAll(List<Arg> args, Arch arch) {
    return args.stream().map(arg -> show(arg, arch)).collect(Collectors.joining(", "));
  }

  /** "1 byte", "4 bytes". */
  static String byteCount(long count) {
    return count + (count == 1 ? " byte" : " bytes");
  }

  /** {@code text} in double quotes with quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  /** {@code ["a", "b"]}. */
  static String quoteAll(List<String> strings) {
    return strings.stream().map(ProgramRenderer::quote).collect(Collectors.joining(", ", "[", "]"));
  }
}
