package io.capsa.cli;

/** {@code capsa resume}: thaws a paused container. */
final class ResumeCommand implements Verb {

  @Override
  public String name() {
    return "resume";
  }

  @Override
  public String summary() {
    return "resumes all processes that have been previously paused";
  }

  @Override
  public int run(Call call) {
    call.capsa().runtime().load(call.id()).resume();
    return 0;
  }
}
