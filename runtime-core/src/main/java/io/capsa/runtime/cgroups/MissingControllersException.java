package io.capsa.runtime.cgroups;

import java.util.List;

/**
 * The configuration asks for limits whose cgroup controllers this host's cgroup v2 hierarchy
 * does not have, and resource limits are not being ignored.
 */
public final class MissingControllersException extends CgroupException {
  private static final long serialVersionUID = 1L;

  private final List<String> controllers;

  /**
   * @param message what is missing, what needs it and why it is missing
   * @param controllers the missing controllers
   */
  public MissingControllersException(String message, List<String> controllers) {
    super(message);
    this.controllers = List.copyOf(controllers);
  }

  /** The controllers that are missing, e.g. [memory, pids]. */
  public List<String> controllers() {
    return controllers;
  }
}
