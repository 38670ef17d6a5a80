package io.capsa.cli;

import io.capsa.oci.OciJson;

/** {@code capsa state}: the container's OCI state, laid out as {@code runc state} prints it. */
final class StateCommand implements Verb {

  @Override
  public String name() {
    return "state";
  }

  @Override
  public String summary() {
    return "output the state of a container";
  }

  @Override
  public int run(Call call) {
    String json = OciJson.write(call.capsa().runtime().load(call.id()).state());
    call.out().println(JsonLayout.indented(json, "  "));
    return 0;
  }
}
