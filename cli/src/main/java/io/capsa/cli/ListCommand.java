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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code capsa list}: the containers under the root, as runc's table or JSON array, each with
 * its owner (the user owning its state directory, runc's "#uid" when that has no name).
 */
@Command(name = "list", description = "lists containers started by capsa with the given root")
final class ListCommand implements Runnable {

  enum Format { table, json }

  @ParentCommand Capsa capsa;

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--format"}, paramLabel = "table|json",
      description = "select one of: table or json (default: ${DEFAULT-VALUE})")
  Format format = Format.table;

  @Option(names = {"-q", "--quiet"}, description = "display only container IDs")
  boolean quiet;

  @Override
  public void run() {
    ContainerRuntime runtime = capsa.runtime();
    List<State> states = runtime.list().stream()
        .map(state -> state.toBuilder().owner(owner(runtime.root().resolve(state.id()))).build())
        .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (quiet) {
      states.forEach(state -> out.println(state.id()));
    } else if (format == Format.json) {
      // runc marshals an empty list as Go's nil slice.
      out.println(states.isEmpty() ? "null" : states.stream()
          .map(state -> JsonLayout.compact(OciJson.write(state)))
          .collect(Collectors.joining(",", "[", "]")));
    } else {
      out.print(ListTable.of(states));
    }
    out.flush();
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
