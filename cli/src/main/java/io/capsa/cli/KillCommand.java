package io.capsa.cli;

import io.capsa.runtime.Signal;
import java.util.List;

/** {@code capsa kill}: signals the container's init; SIGTERM unless a signal is named. */
final class KillCommand implements Verb {
  static final Flag ALL = Flag.bool("send the specified signal to all processes inside the"
      + " container", "a", "all");

  @Override
  public String name() {
    return "kill";
  }

  @Override
  public String summary() {
    return "kill sends the specified signal (default: SIGTERM) to the container's init process";
  }

  @Override
  public Positionals positionals() {
    return new Positionals("<container-id> [signal]", 1, 2);
  }

  @Override
  public List<Flag> flags() {
    return List.of(ALL);
  }

  @Override
  public int run(Call call) {
    Signal signal;
    try {
      signal = Signal.parse(call.arguments().positional(1, "SIGTERM"));
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    call.capsa().runtime().load(call.id()).kill(signal, call.has(ALL));
    return 0;
  }
}
