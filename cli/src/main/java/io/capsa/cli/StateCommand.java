package io.capsa.cli;

import io.capsa.oci.OciJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capsa state}: the container's OCI state, laid out as {@code runc state} prints it. */
@Command(name = "state", description = "output the state of a container")
final class StateCommand implements Runnable {

  @ParentCommand Capsa capsa;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<container-id>")
  String id;

  @Override
  public void run() {
    String json = OciJson.write(capsa.runtime().load(id).state());
    spec.commandLine().getOut().println(JsonLayout.indented(json, "  "));
  }
}
