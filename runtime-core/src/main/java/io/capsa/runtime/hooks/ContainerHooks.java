package io.capsa.runtime.hooks;

import io.capsa.oci.Hook;
import io.capsa.oci.Hooks;
import io.capsa.runtime.config.ConfigProblems;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The hooks of a container by phase, converted from {@code hooks} and validated. */
public final class ContainerHooks {
  private final Map<HookPhase, List<Hook>> byPhase;

  private ContainerHooks(Map<HookPhase, List<Hook>> byPhase) {
    this.byPhase = byPhase;
  }

  public static ContainerHooks none() {
    return new ContainerHooks(new EnumMap<>(HookPhase.class));
  }

  /**
   * The hooks of {@code hooks} (null: none). A hook's path must be absolute: the runtime-spec
   * resolves it in a namespace, never against a working directory.
   */
  public static ContainerHooks from(Hooks hooks, ConfigProblems problems) {
    Map<HookPhase, List<Hook>> byPhase = new EnumMap<>(HookPhase.class);
    for (HookPhase phase : HookPhase.values()) {
      List<Hook> list = phase.of(hooks);
      for (int i = 0; i < list.size(); i++) {
        Hook hook = list.get(i);
        String at = "$.hooks." + phase.jsonName() + "[" + i + "]";
        if (!hook.path().startsWith("/")) {
          problems.add(at + ".path", "must be an absolute path, was \"" + hook.path() + "\"");
        }
        if (hook.timeout() != null && hook.timeout() < 1) {
          problems.add(at + ".timeout", "must be at least 1 second, was " + hook.timeout());
        }
      }
      byPhase.put(phase, List.copyOf(list));
    }
    return new ContainerHooks(byPhase);
  }

  public List<Hook> of(HookPhase phase) {
    return byPhase.getOrDefault(phase, List.of());
  }

  public boolean has(HookPhase phase) {
    return !of(phase).isEmpty();
  }

  /** The argv a hook runs with: its args, whose first is argv[0], or its path alone. */
  public static List<String> argv(Hook hook) {
    return hook.args() == null || hook.args().isEmpty() ? List.of(hook.path()) : hook.args();
  }
}
