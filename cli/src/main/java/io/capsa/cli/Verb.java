package io.capsa.cli;

import java.util.List;

/** One verb of the command line: what it takes, and the one library call it makes. */
interface Verb {

  /** The verb as typed ("create"). */
  String name();

  /** One line for the help, runc's where runc has one. */
  String summary();

  /** The positional arguments it takes: a container id unless it says otherwise. */
  default Positionals positionals() {
    return Positionals.CONTAINER_ID;
  }

  default List<Flag> flags() {
    return List.of();
  }

  /**
   * Whether everything after the first positional argument is a positional argument too, as
   * runc's exec takes its command (flags come before the container id) and sandbox its own.
   */
  default boolean flagsEndAtPositional() {
    return false;
  }

  /**
   * The positional arguments of a verb: as its usage line shows them, and how many it takes.
   */
  record Positionals(String usage, int min, int max) {
    static final Positionals CONTAINER_ID = new Positionals("<container-id>", 1, 1);
    static final Positionals NONE = new Positionals("", 0, 0);
  }

  /** Runs the verb; returns the exit status (failures are thrown and logged by the caller). */
  int run(Call call) throws Exception;
}
