package io.capsa.cli;

/** {@code capsa start}: runs the user process of a created container. */
final class StartCommand implements Verb {

  @Override
  public String name() {
    return "start";
  }

  @Override
  public String summary() {
    return "executes the user defined process in a created container";
  }

  @Override
  public int run(Call call) {
    call.capsa().runtime().load(call.id()).start();
    return 0;
  }
}
