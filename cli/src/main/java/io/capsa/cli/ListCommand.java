package io.capsa.cli;

import io.capsa.oci.OciJson;
import io.capsa.oci.State;
import io.capsa.runtime.ContainerRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code capsa list}: the containers under the root, as runc's table or JSON array, each with
 * its owner (the user owning its state directory, runc's "#uid" when that has no name).
 */
final class ListCommand implements Verb {
  static final Flag FORMAT = Flag.value("table|json",
      "select one of: table or json (default: table)", "f", "format");
  static final Flag QUIET = Flag.bool("display only container IDs", "q", "quiet");

  @Override
  public String name() {
    return "list";
  }

  @Override
  public String summary() {
    return "lists containers started by capsa with the given root";
  }

  @Override
  public Positionals positionals() {
    return Positionals.NONE;
  }

  @Override
  public List<Flag> flags() {
    return List.of(FORMAT, QUIET);
  }

  @Override
  public int run(Call call) {
    String format = call.arguments().value(FORMAT).orElse("table");
    if (!format.equals("table") && !format.equals("json")) {
      throw new CliException("invalid format option");
    }
    ContainerRuntime runtime = call.capsa().runtime();
    List<State> states = runtime.list().stream()
        .map(state -> state.toBuilder().owner(owner(runtime.root().resolve(state.id()))).build())
        .toList();
    PrintWriter out = call.out();
    if (call.has(QUIET)) {
      states.forEach(state -> out.println(state.id()));
    } else if (format.equals("json")) {
      // runc marshals an empty list as Go's nil slice.
      out.println(states.isEmpty() ? "null" : states.stream()
          .map(state -> JsonLayout.compact(OciJson.write(state)))
          .collect(Collectors.joining(",", "[", "]")));
    } else {
      out.print(ListTable.of(states));
    }
    return 0;
  }

  private static String owner(Path stateDirectory) {
    try {
      String name = Files.getOwner(stateDirectory, LinkOption.NOFOLLOW_LINKS).getName();
      return name.chars().allMatch(Character::isDigit) ? "#" + name : name;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the owner of " + stateDirectory, e);
    }
  }
}
