package io.capsa.runtime;

import io.capsa.sys.Arch;
import io.capsa.sys.ArchConstant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A signal to send to a container's process, by its number on the host's architecture. Parsed
 * the way runc's {@code kill} parses one: a name with or without its SIG prefix ("KILL",
 * "SIGKILL", "sigterm"), a number ("9"), or a real-time signal relative to SIGRTMIN or
 * SIGRTMAX ("RTMIN+3", "SIGRTMAX-1", with glibc's SIGRTMIN of 34).
 */
public record Signal(int number) {
  /** The first real-time signal a C program can use (the C library keeps 32 and 33). */
  public static final int RTMIN = 34;
  public static final int RTMAX = 64;

  private static final Map<String, ArchConstant> BY_NAME = names();

  public static final Signal KILL = of(ArchConstant.SIGKILL);
  public static final Signal TERM = of(ArchConstant.SIGTERM);

  public Signal {
    if (number < 1 || number > RTMAX) {
      throw new IllegalArgumentException("invalid signal " + number + " (signals are 1 to "
          + RTMAX + ")");
    }
  }

  private static Signal of(ArchConstant constant) {
    return new Signal((int) Arch.current().constant(constant));
  }

  /** Parses {@code text}; the exception names what was wrong with it. */
  public static Signal parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    if (name.matches("[0-9]+")) {
      return new Signal(number(name, text));
    }
    ArchConstant constant = BY_NAME.get(name);
    if (constant != null) {
      return of(constant);
    }
    if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
      return new Signal(realTime(name, text));
    }
    throw new IllegalArgumentException("unknown signal \"" + text + "\"");
  }

  private static int realTime(String name, String text) {
    boolean fromMin = name.startsWith("RTMIN");
    String offset = name.substring(5);
    if (offset.isEmpty()) {
      return fromMin ? RTMIN : RTMAX;
    }
    if (!offset.matches(fromMin ? "\\+[0-9]+" : "-[0-9]+")) {
      throw new IllegalArgumentException("unknown signal \"" + text + "\" (RTMIN+n or RTMAX-n)");
    }
    int n = number(offset.substring(1), text);
    int signal = fromMin ? RTMIN + n : RTMAX - n;
    if (signal < RTMIN || signal > RTMAX) {
      throw new IllegalArgumentException("invalid signal \"" + text + "\": outside SIGRTMIN ("
          + RTMIN + ") to SIGRTMAX (" + RTMAX + ")");
    }
    return signal;
  }

  private static int number(String digits, String text) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid signal \"" + text + "\"", e);
    }
  }

  /** The name with its SIG prefix ("SIGKILL", "SIGRTMIN+3"), or the number when it has none. */
  public Optional<String> name() {
    Arch arch = Arch.current();
    for (Map.Entry<String, ArchConstant> entry : BY_NAME.entrySet()) {
      if (arch.constant(entry.getValue()) == number) {
        return Optional.of("SIG" + entry.getKey());
      }
    }
    if (number >= RTMIN) {
      return Optional.of(number == RTMAX ? "SIGRTMAX" : "SIGRTMIN+" + (number - RTMIN));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name().orElse("signal " + number);
  }

  /** Every named signal, aliases after the name they alias so that names come out canonical. */
  private static Map<String, ArchConstant> names() {
    Map<String, ArchConstant> names = new LinkedHashMap<>();
    for (ArchConstant constant : ArchConstant.values()) {
      String name = constant.name();
      if (name.startsWith("SIG") && !name.startsWith("SIG_")) {
        names.put(name.substring(3), constant);
      }
    }
    names.put("IOT", ArchConstant.SIGABRT);
    names.put("CLD", ArchConstant.SIGCHLD);
    names.put("POLL", ArchConstant.SIGIO);
    return names;
  }
}
