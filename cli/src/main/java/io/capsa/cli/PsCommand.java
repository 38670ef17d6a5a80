package io.capsa.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code capsa ps}: the container's processes, from its cgroup. As runc does, the table is the
 * host's {@code ps} ({@link HostPs}) run with the given options ({@code -ef} by default) and cut
 * down to the lines of the container's pids; JSON is the pid list.
 */
final class PsCommand implements Verb {
  static final Flag FORMAT = Flag.value("table|json",
      "select one of: table or json (default: table)", "f", "format");

  @Override
  public String name() {
    return "ps";
  }

  @Override
  public String summary() {
    return "ps displays the processes running inside a container";
  }

  @Override
  public Positionals positionals() {
    return new Positionals("<container-id> [ps options]", 1, Integer.MAX_VALUE);
  }

  @Override
  public List<Flag> flags() {
    return List.of(FORMAT);
  }

  /** What follows the container id goes to the host's ps, dashes and all, as with runc. */
  @Override
  public boolean flagsEndAtPositional() {
    return true;
  }

  @Override
  public int run(Call call) {
    String format = call.arguments().value(FORMAT).orElse("table");
    if (!format.equals("table") && !format.equals("json")) {
      throw new CliException("invalid format option");
    }
    List<Integer> pids = call.capsa().runtime().load(call.id()).processes();
    PrintWriter out = call.out();
    if (format.equals("json")) {
      // runc encodes an empty list as Go's nil slice.
      out.println(pids.isEmpty() ? "null" : pids.stream().map(String::valueOf)
          .collect(Collectors.joining(",", "[", "]")));
    } else {
      List<String> positionals = call.arguments().positionals();
      List<String> options = positionals.size() > 1
          ? positionals.subList(1, positionals.size()) : List.of("-ef");
      out.print(filter(HostPs.run(options), new HashSet<>(pids)));
    }
    return 0;
  }

  /** The header of {@code psOutput} and its lines whose PID column is one of {@code pids}. */
  static String filter(String psOutput, Set<Integer> pids) {
    List<String> lines = psOutput.lines().toList();
    if (lines.isEmpty()) {
      throw new CliException("ps printed nothing");
    }
    int pidColumn = Arrays.asList(fields(lines.get(0))).indexOf("PID");
    if (pidColumn < 0) {
      throw new CliException("couldn't find PID field in ps output");
    }
    StringBuilder table = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = fields(line);
      if (fields.length > pidColumn && isPidOf(fields[pidColumn], pids)) {
        table.append(line).append('\n');
      }
    }
    return table.toString();
  }

  private static boolean isPidOf(String field, Set<Integer> pids) {
    try {
      return pids.contains(Integer.parseInt(field));
    } catch (NumberFormatException e) {
      throw new CliException("unexpected pid '" + field + "' in ps output");
    }
  }

  private static String[] fields(String line) {
    return line.strip().split("\\s+");
  }
}
