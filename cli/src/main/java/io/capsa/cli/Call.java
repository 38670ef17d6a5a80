package io.capsa.cli;

import java.io.PrintWriter;

/**
 * What a verb runs with: capsa's global options, its own arguments, and where output goes.
 *
 * @param capsa the global options (--root, --log, ...)
 * @param arguments the verb's flags and positional arguments
 */
record Call(GlobalOptions capsa, Arguments arguments, PrintWriter out, PrintWriter err) {

  /** The first positional argument, which every container verb names its container by. */
  String id() {
    return arguments.positional(0, null);
  }

  boolean has(Flag flag) {
    return arguments.has(flag);
  }
}
