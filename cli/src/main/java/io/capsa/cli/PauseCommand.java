package io.capsa.cli;

/** {@code capsa pause}: freezes every process of the container through its cgroup. */
final class PauseCommand implements Verb {

  @Override
  public String name() {
    return "pause";
  }

  @Override
  public String summary() {
    return "pause suspends all processes inside the container";
  }

  @Override
  public int run(Call call) {
    call.capsa().runtime().load(call.id()).pause();
    return 0;
  }
}
