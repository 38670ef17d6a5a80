package io.capsa.runtime.seccomp;

import java.util.List;

/**
 * What the filter returns for the named syscalls when every condition holds (conditions on
 * distinct arguments; none means always).
 *
 * @param verdict the SECCOMP_RET_* value with its data, such as ERRNO | EPERM
 */
record SeccompRule(List<String> names, int verdict, List<ArgCondition> conditions) {
  SeccompRule {
    names = List.copyOf(names);
    conditions = List.copyOf(conditions);
  }

  boolean isUnconditional() {
    return conditions.isEmpty();
  }
}
