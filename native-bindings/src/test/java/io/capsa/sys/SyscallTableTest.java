package io.capsa.sys;

import io.capsa.sys.testing.HeaderDefines;
import io.capsa.sys.testing.Mismatches;
import io.capsa.sys.testing.UapiHeaders;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks every {@link Syscall} number against the kernel's asm/unistd_64.h of each arch. */
class SyscallTableTest {

  @ParameterizedTest
  @EnumSource(Arch.class)
  void everyNumberIsTheKernelHeadersNumber(Arch arch) throws IOException {
    UapiHeaders headers = UapiHeaders.forArch(arch);
    headers.assumeInstalled();
    HeaderDefines numbers = headers.syscallNumbers();

    Mismatches mismatches = new Mismatches("Syscall vs " + arch.gnuName() + " asm/unistd_64.h");
    for (Syscall syscall : Syscall.values()) {
      OptionalLong number = numbers.value("__NR_" + syscall.kernelName());
      if (number.isEmpty()) {
        mismatches.add(syscall + ": the headers define no __NR_" + syscall.kernelName());
      } else {
        mismatches.check(syscall.toString(), number.getAsLong(), (long) syscall.number(arch));
      }
    }
    mismatches.assertNone();
  }

  /** A line copied without renaming would pair one call's constant with another's number. */
  @Test
  void everyConstantIsNamedAfterItsKernelName() {
    Mismatches mismatches = new Mismatches("Syscall constant names vs kernel names");
    for (Syscall syscall : Syscall.values()) {
      mismatches.check(
          syscall.kernelName(), syscall.kernelName().toUpperCase(Locale.ROOT), syscall.name());
    }
    mismatches.assertNone();
  }
}
