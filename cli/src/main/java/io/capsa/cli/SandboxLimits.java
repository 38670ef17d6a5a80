package io.capsa.cli;

import io.capsa.runtime.cgroups.MissingControllersException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code --memory} and {@code --pids} in the words of a refusal: the runtime alone decides
 * whether the host can apply a limit (it refuses the create, before anything of the container
 * is made, naming the missing controllers and why they are missing), and this puts the options
 * that asked for them in front of its reason.
 *
 * @param memory the --memory value as given, null when not given
 * @param pids the --pids value as given, null when not given
 */
record SandboxLimits(String memory, String pids) {

  /** The runtime's refusal {@code missing}, headed by the options that need the controllers. */
  CliException refusal(MissingControllersException missing) {
    List<String> controllers = missing.controllers();
    List<String> options = controllers.stream().map(this::option).collect(Collectors.toList());
    String needs = String.join(" and ", options) + (options.size() == 1 ? " needs" : " need")
        + " the cgroup v2 controller" + (controllers.size() == 1 ? " " : "s ")
        + controllers.stream().map(name -> "\"" + name + "\"")
            .collect(Collectors.joining(" and "));
    return new CliException(needs + ", which this host does not offer: " + missing.getMessage()
        + "; or run without " + String.join(" and ", options), missing);
  }

  /** The option that asked for {@code controller}'s limit, as given. */
  private String option(String controller) {
    return switch (controller) {
      case "memory" -> "--memory " + memory;
      case "pids" -> "--pids " + pids;
      default -> "the limits of controller " + controller;
    };
  }
}
